"""The pages' own queries, run like a user's: through the app's query runner
(:mod:`newsgraph.server.worker`), under the same time limit and memory cap, in a worker
process when the store is served from disk. A page never queries the store in the request
thread, where nothing could stop a query that takes too long.

Each function raises what the runner raises: :class:`~newsgraph.errors.ServiceUnavailable`
(503) when the time limit passes, :class:`~newsgraph.errors.NewsgraphError` on failure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pyoxigraph import Variable

from newsgraph.server.execution import TABLE, QueryTask
from newsgraph.server.runners import runner


def rows(
    sparql: str, max_rows: int, substitutions: Mapping[Variable, Any] | None = None
) -> list[dict[str, Any]]:
    """The first ``max_rows`` rows of a SELECT query, each a dict by variable name."""
    task = QueryTask(
        sparql, solutions=TABLE, max_rows=max_rows, substitutions=dict(substitutions or {})
    )
    return list(runner().run(task).solutions or [])


def ask(sparql: str) -> bool:
    """The answer of an ASK query."""
    return bool(runner().run(QueryTask(sparql, solutions=TABLE)).boolean)


def triples(sparql: str, max_triples: int) -> tuple[list[Any], bool]:
    """The first ``max_triples`` triples of a CONSTRUCT query, and whether there were more."""
    outcome = runner().run(QueryTask(sparql, graphs=TABLE, max_rows=max_triples))
    return outcome.triples, outcome.truncated


def serialized(sparql: str, fmt_name: str) -> bytes | Iterator[bytes]:
    """A CONSTRUCT query's result written in the graph format ``fmt_name`` ("turtle")."""
    return runner().run(QueryTask(sparql, graphs=fmt_name)).body
