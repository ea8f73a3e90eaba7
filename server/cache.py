"""Query results kept per snapshot: a repeated query is answered without running it again.

The server reads a published snapshot, which never changes once written (an ingest
publishes a new one; see :mod:`newsgraph.store`). A result is therefore exact for as long
as its snapshot is the current one: the cache key starts with the snapshot's path, so the
first query after an ingest runs again on the new data and old entries simply age out.

Only complete results are kept — a body of at most :data:`MAX_ENTRY_BYTES` (a larger one
is streamed and never held) or a table for a page — and the least recently used entries
go first once ``max_bytes`` are held. Errors and time-outs are never kept. Stores that
can change under the server (in-memory stores in tests, a remote SPARQL server that
others write) are not cached.

>>> key_of(QueryTask("ASK {}"), "/data/snapshots/1")[:2]
('/data/snapshots/1', 'ASK {}')
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from newsgraph.server.execution import QueryOutcome, QueryTask

MAX_ENTRY_BYTES = 1 << 20
"""The largest result kept (a bigger one is streamed to the client and not held)."""


def key_of(task: QueryTask, snapshot: str) -> tuple[Hashable, ...]:
    """Everything that decides a result: the snapshot and every field of the task."""
    subs = task.substitutions or {}
    return (
        snapshot,
        task.sparql,
        task.solutions,
        task.graphs,
        task.max_rows,
        tuple(sorted((str(k), str(v)) for k, v in subs.items())),
        None if task.default_graph is None else tuple(map(str, task.default_graph)),
        None if task.named_graphs is None else tuple(map(str, task.named_graphs)),
        task.base_iri,
    )


def size_of(outcome: QueryOutcome) -> int | None:
    """Bytes an outcome holds (estimated for tables); None when it cannot be kept."""
    if not isinstance(outcome.body, bytes):
        return None  # a streamed body: read once, by its client
    size = len(outcome.body) + 200
    if outcome.solutions is not None:
        size += sum(64 * len(row) for row in outcome.solutions.rows)
    size += 128 * len(outcome.triples)
    return size


class CachingRunner:
    """Wraps a query runner with an LRU cache of results of the current snapshot.

    Args:
        runner: The runner that really runs queries (worker processes).
        snapshot: Returns the path of the snapshot queries read now.
        max_bytes: The most bytes of results held.
    """

    def __init__(self, runner: Any, snapshot: Callable[[], object], max_bytes: int) -> None:
        self.runner = runner
        self.snapshot = snapshot
        self.max_bytes = max_bytes
        self.held = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[tuple[Hashable, ...], tuple[QueryOutcome, int]] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, task: QueryTask) -> QueryOutcome:
        key = key_of(task, str(self.snapshot()))
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        outcome = self.runner.run(task)
        size = size_of(outcome)
        if size is not None and size <= min(MAX_ENTRY_BYTES, self.max_bytes):
            self._keep(key, outcome, size)
        return outcome

    def _keep(self, key: tuple[Hashable, ...], outcome: QueryOutcome, size: int) -> None:
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (outcome, size)
            self.held += size
            while self.held > self.max_bytes and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.held -= dropped

    def close(self) -> None:
        self.runner.close()
