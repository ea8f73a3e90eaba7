"""One query and what it gives: the task, the outcome, and running it in one process.

:func:`execute` runs a :class:`QueryTask` on a store and sends what it gives as messages
(a table, or a serialized body in chunks); the runners move those messages from wherever
the query ran (this process, a worker process of :mod:`newsgraph.server.worker`, a thread
against a remote store in :mod:`newsgraph.server.remote_runner`) and assemble a
:class:`QueryOutcome`. :func:`first_part` and :func:`rest_of` are the two halves every
runner reads a result in: what is held back before the response starts, and the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any, cast

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Variable

from newsgraph.errors import BadRequest, NewsgraphError, ServiceUnavailable
from newsgraph.server.formats import GRAPH_FORMATS, SOLUTION_FORMATS, by_name
from newsgraph.sparql.results import write_solutions, write_triples
from newsgraph.store import Store

Message = tuple[Any, ...]
"""One message of :func:`execute`: ``("table", ...)``, ``("head", ...)``, ``("chunk", ...)``,
``("end",)`` or ``("error", kind, message)``."""

TABLE = "table"
"""The format name asking for rows (pages, capped JSON) instead of serialized bytes."""
STREAM_BUFFER = 1 << 20
"""Bytes of a result held back before the response starts (see the module's text)."""
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class QueryTask:
    """One query to run, and how its result is wanted."""

    sparql: str
    solutions: str = "json"
    """The format name for SELECT and ASK results, or :data:`TABLE`."""
    graphs: str = "turtle"
    """The format name for CONSTRUCT and DESCRIBE results, or :data:`TABLE`."""
    max_rows: int = 1000
    """Rows (or triples) of a table; one more is sent when there are more."""
    substitutions: dict[Variable, Any] | None = None
    default_graph: list[Any] | None = None
    named_graphs: list[Any] | None = None
    base_iri: str | None = None


class QuerySyntaxError(BadRequest):
    """The query is not valid SPARQL; ``detail`` is pyoxigraph's message."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"malformed query: {detail}")
        self.detail = detail


class Solutions:
    """Rows of a table result, shaped like pyoxigraph's QuerySolutions (``variables``,
    rows indexed by name) so the page and JSON writers take either."""

    def __init__(self, variables: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.variables = [Variable(name) for name in variables]
        self.names = variables
        self.rows = rows

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self.names, row, strict=True)) for row in self.rows)


@dataclass
class QueryOutcome:
    """What a query gave: a table (rows, a boolean or triples) or a body in ``format``."""

    kind: str
    """"solutions", "boolean" or "triples"."""
    format: str
    solutions: Solutions | None = None
    boolean: bool | None = None
    triples: list[Any] = field(default_factory=list)
    truncated: bool = False
    body: bytes | Iterator[bytes] = b""


def execute(store: Store, task: QueryTask, send: Callable[[tuple[Any, ...]], None]) -> None:
    """Run ``task`` on ``store`` and ``send`` what it gives as messages:
    ``("table", kind, payload, truncated)``, or ``("head", kind, format)`` then
    ``("chunk", bytes)``... ``("end",)``; ``("error", kind, message)`` on failure."""
    try:
        result = store.query(
            task.sparql,
            substitutions=task.substitutions,
            default_graph=task.default_graph,
            named_graphs=task.named_graphs,
            base_iri=task.base_iri,
        )
        kind = _kind(result)
        wanted = task.graphs if kind == "triples" else task.solutions
        if wanted == TABLE:
            send(_table(kind, result, task.max_rows))
            return
        offers = GRAPH_FORMATS if kind == "triples" else SOLUTION_FORMATS
        fmt = by_name(offers, wanted) or offers[0]
        send(("head", kind, fmt.name))
        out = _Chunks(send)
        sink = cast(IO[bytes], out)  # a file to write to: serializing only calls write()
        if isinstance(result, QueryTriples):
            write_triples(result, fmt.rdf_format, sink)
        else:
            write_solutions(result, fmt.results_format, sink)
        out.close()
        send(("end",))
    except SyntaxError as exc:
        send(("error", "syntax", str(exc)))
    except MemoryError:
        send(("error", "memory", ""))
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        send(("error", "failed", f"the query failed: {exc}"))


def _kind(result: object) -> str:
    if isinstance(result, QueryTriples):
        return "triples"
    if isinstance(result, QueryBoolean):
        return "boolean"
    return "solutions"


def _table(kind: str, result: Any, max_rows: int) -> tuple[Any, ...]:
    if kind == "boolean":
        return ("table", kind, bool(result), False)
    if kind == "triples":
        triples = list(islice(result, max_rows + 1))
        return ("table", kind, triples[:max_rows], len(triples) > max_rows)
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    rows = [tuple(row[n] for n in names) for row in islice(result, max_rows + 1)]
    return ("table", kind, (names, rows), len(rows) > max_rows)


class _Chunks:
    """A binary file that sends what is written to it in chunks of CHUNK_BYTES."""

    def __init__(self, send: Callable[[tuple[Any, ...]], None]) -> None:
        self.send = send
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK_BYTES:
            self.send(("chunk", bytes(self.buffer)))
            self.buffer.clear()
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.buffer:
            self.send(("chunk", bytes(self.buffer)))
            self.buffer.clear()


def outcome_of(messages: Iterator[tuple[Any, ...]]) -> QueryOutcome:
    """Assemble a whole outcome from the messages of :func:`execute`."""
    first = next(messages)
    if first[0] == "error":
        raise query_error(first[1], first[2], None)
    if first[0] == "table":
        return table_outcome(first)
    chunks = []
    for message in messages:
        if message[0] == "chunk":
            chunks.append(message[1])
        elif message[0] == "error":
            raise query_error(message[1], message[2], None)
    return QueryOutcome(kind=first[1], format=first[2], body=b"".join(chunks))


def table_outcome(message: tuple[Any, ...]) -> QueryOutcome:
    _, kind, payload, truncated = message
    outcome = QueryOutcome(kind=kind, format=TABLE, truncated=truncated)
    if kind == "boolean":
        outcome.boolean = payload
    elif kind == "triples":
        outcome.triples = payload
    else:
        outcome.solutions = Solutions(*payload)
    return outcome


def query_error(kind: str, message: str, memory_mb: int | None) -> NewsgraphError:
    if kind == "syntax":
        return QuerySyntaxError(message)
    if kind == "memory":
        limit = f" of {memory_mb} MB" if memory_mb else ""
        return ServiceUnavailable(f"the query needed more than the memory limit{limit}")
    return NewsgraphError(message)


class InProcessRunner:
    """Runs queries in the server process: no time or memory limit (tests, in-memory stores)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def run(self, task: QueryTask) -> QueryOutcome:
        messages: list[tuple[Any, ...]] = []
        execute(self.store, task, messages.append)
        return outcome_of(iter(messages))

    def close(self) -> None:
        pass


def first_part(receive: Callable[[], Message]) -> tuple[Message, list[Any]]:
    """The first message, and up to STREAM_BUFFER bytes of the result (ending with None
    when that is all of it). A failure after the head replaces the first message."""
    first = receive()
    held: list[Any] = []
    if first[0] != "head":
        return first, [None]
    size = 0
    while size < STREAM_BUFFER:
        message = receive()
        if message[0] == "end":
            held.append(None)
            return first, held
        if message[0] in ("error", "raise"):
            return message, [None]
        held.append(message[1])
        size += len(message[1])
    return first, held


def rest_of(held: list[bytes], receive: Callable[[], Message]) -> Iterator[bytes]:
    """The held-back part of a large result, then the rest as it arrives; a failure
    raises, which makes the WSGI server close the connection mid-body."""
    yield from held
    while True:
        message = receive()
        if message[0] == "chunk":
            yield message[1]
        elif message[0] == "end":
            return
        else:
            raise NewsgraphError(f"the query failed while its result was sent: {message}")
