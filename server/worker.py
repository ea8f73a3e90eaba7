"""User queries in worker processes: a time limit that really stops a query, a memory cap.

pyoxigraph's ``query()`` cannot be cancelled from a thread or a signal, so the queries
users write or run (``/sparql``, ``/queries/<name>``) go to a pool of worker processes.
Each worker holds its own read-only handle on the store's current snapshot (reopened when
an ingest publishes a newer one) and caps its address space (``RLIMIT_AS``), so a query
that grows without bound ends that worker, not the server. A request borrows one worker;
when the time limit passes before the answer is complete the worker is killed
(``SIGKILL``) and replaced, and the client gets a 503 ``{"error": "query timed out after
N s", ...}``. Other requests are served meanwhile by the other workers.

Results are serialized inside the worker and sent in chunks. Up to :data:`STREAM_BUFFER`
bytes are held back before the status line is sent: a result that is complete by then is
answered whole (with ``Content-Length``); so a time-out or failure before that point is
always an error status, never a 200 with a cut body. A larger result is streamed (chunked
transfer encoding) as the worker writes it — a CSV download is never built in memory —
and if the limit passes after streaming began the connection is closed without the final
empty chunk, which every HTTP/1.1 client reports as an incomplete response.

An in-memory store (the tests' ``create_app(store=GraphStore())``), or
``query_workers = 0``, runs queries in the server process with no limits.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import ctypes
import logging
import os
import queue
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

from flask import Flask, current_app
from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Variable

from newsgraph.config import Settings
from newsgraph.errors import BadRequest, NewsgraphError, ServiceUnavailable
from newsgraph.store import GraphStore, SnapshotStore

log = logging.getLogger(__name__)

TABLE = "table"
"""The format name asking for rows (pages, capped JSON) instead of serialized bytes."""
STREAM_BUFFER = 1 << 20
"""Bytes of a result held back before the response starts (see the module's text)."""
CHUNK_BYTES = 64 * 1024
_KEY = "newsgraph.queries"
_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


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


# --- Running one query (in a worker, or in the server process) ---------------------------


def execute(store: GraphStore, task: QueryTask, send: Callable[[tuple[Any, ...]], None]) -> None:
    """Run ``task`` on ``store`` and ``send`` what it gives as messages:
    ``("table", kind, payload, truncated)``, or ``("head", kind, format)`` then
    ``("chunk", bytes)``... ``("end",)``; ``("error", kind, message)`` on failure."""
    from newsgraph.results import write_solutions, write_triples
    from newsgraph.server.formats import GRAPH_FORMATS, SOLUTION_FORMATS, by_name

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
        if kind == "triples":
            write_triples(result, fmt.rdf, out)
        else:
            write_solutions(result, fmt.results, out)
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
        raise _error(first[1], first[2], None)
    if first[0] == "table":
        return _table_outcome(first)
    chunks = []
    for message in messages:
        if message[0] == "chunk":
            chunks.append(message[1])
        elif message[0] == "error":
            raise _error(message[1], message[2], None)
    return QueryOutcome(kind=first[1], format=first[2], body=b"".join(chunks))


def _table_outcome(message: tuple[Any, ...]) -> QueryOutcome:
    _, kind, payload, truncated = message
    outcome = QueryOutcome(kind=kind, format=TABLE, truncated=truncated)
    if kind == "boolean":
        outcome.boolean = payload
    elif kind == "triples":
        outcome.triples = payload
    else:
        outcome.solutions = Solutions(*payload)
    return outcome


def _error(kind: str, message: str, memory_mb: int | None) -> NewsgraphError:
    if kind == "syntax":
        return QuerySyntaxError(message)
    if kind == "memory":
        limit = f" of {memory_mb} MB" if memory_mb else ""
        return ServiceUnavailable(f"the query needed more than the memory limit{limit}")
    return NewsgraphError(message)


class InProcessRunner:
    """Runs queries in the server process: no time or memory limit (tests, in-memory stores)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def run(self, task: QueryTask) -> QueryOutcome:
        messages: list[tuple[Any, ...]] = []
        execute(self.store, task, messages.append)
        return outcome_of(iter(messages))

    def close(self) -> None:
        pass


# --- The worker processes ----------------------------------------------------------------


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def isolate_network() -> bool:
    """Move this process into a new, empty network namespace (no interface but a down
    loopback), where the system allows it; True when that worked."""
    if not hasattr(os, "fork") or not os.path.exists("/proc/self/ns/net"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(_CLONE_NEWNET) == 0:
            return True
        return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def _worker_main(conn: Any, memory_mb: int, isolate: bool) -> None:
    """A worker's loop: ``(snapshot path, task)`` in, the messages of :func:`execute` out."""
    if isolate:
        isolate_network()
    _limit_memory(memory_mb)
    store: GraphStore | None = None
    opened: str | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        path, task = message
        outbox = _Outbox(conn)
        try:
            if path != opened:
                store, opened = None, None
                store, opened = GraphStore(path, read_only=True), path
            assert store is not None
            execute(store, task, outbox.send)
        except NewsgraphError as exc:
            outbox.send(("error", "failed", exc.message))
        except MemoryError:
            outbox.send(("error", "memory", ""))
        outbox.flush()


class _Outbox:
    """Sends a worker's messages in as few writes as possible: held until a chunk's worth
    of bytes or the last message of the query, then sent together as one list (a small
    result crosses the socket once, not as head, chunk and end)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.held: list[tuple[Any, ...]] = []
        self.size = 0

    def send(self, message: tuple[Any, ...]) -> None:
        self.held.append(message)
        if message[0] == "chunk":
            self.size += len(message[1])
        if self.size >= CHUNK_BYTES or message[0] in ("end", "error", "table"):
            self.flush()

    def flush(self) -> None:
        if self.held:
            self.conn.send(self.held)
            self.held, self.size = [], 0


class _Worker:
    """One worker: ``python -m newsgraph.server.worker`` on one end of a socket pair (a
    fresh interpreter, so nothing of the server's threads or handles is inherited)."""

    def __init__(self, memory_mb: int, isolate: bool) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "newsgraph.server.worker",
                    str(theirs.fileno()),
                    str(memory_mb),
                    "1" if isolate else "0",
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env={**os.environ, "MALLOC_ARENA_MAX": "2"},  # less address space reserved
            )
        self.conn = Connection(ours.detach())
        self.inbox: collections.deque[tuple[Any, ...]] = collections.deque()

    def kill(self) -> None:
        self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self.conn.close()


class _Stopped(Exception):
    """The worker gave no answer in time (``timed_out``) or died."""

    def __init__(self, timed_out: bool) -> None:
        self.timed_out = timed_out


class WorkerPool:
    """Worker processes over a :class:`~newsgraph.store.SnapshotStore`.

    Args:
        store: The server's store; each task names its current snapshot.
        workers: How many processes.
        timeout: Seconds a query may take, from borrowing a worker to its last byte.
        memory_mb: Address space of each worker.
        isolate: Run the workers without a network (where the system allows it).
    """

    def __init__(
        self,
        store: SnapshotStore,
        *,
        workers: int,
        timeout: float,
        memory_mb: int,
        isolate: bool = True,
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.isolate = isolate
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self.memory_mb, self.isolate)
        with self._lock:
            self._all.add(worker)
        return worker

    def _release(self, worker: _Worker) -> None:
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            self._idle.put(self._start())

    def _recv(self, worker: _Worker, deadline: float) -> tuple[Any, ...]:
        if worker.inbox:
            return worker.inbox.popleft()
        remaining = deadline - time.monotonic()
        try:
            if remaining <= 0 or not worker.conn.poll(remaining):
                raise _Stopped(timed_out=True)
            worker.inbox.extend(worker.conn.recv())  # a worker sends lists of messages
        except (EOFError, OSError):
            raise _Stopped(timed_out=False) from None
        return worker.inbox.popleft()

    def _stopped_error(self, stop: _Stopped) -> ServiceUnavailable:
        if stop.timed_out:
            return ServiceUnavailable(f"query timed out after {self.timeout:g} s")
        return ServiceUnavailable(
            f"the query stopped: it needed more than the memory limit of {self.memory_mb} MB"
        )

    def run(self, task: QueryTask) -> QueryOutcome:
        """Run ``task`` in a worker; raises ServiceUnavailable on time-out, lack of memory
        or when every worker stays busy for the whole time limit."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServiceUnavailable(
                f"all {len(self._all)} query workers stayed busy for {self.timeout:g} s; "
                "try again shortly"
            ) from None
        try:
            first, held = self._first_part(worker, task, deadline)
        except _Stopped as stop:
            self._replace(worker)
            raise self._stopped_error(stop) from None
        except BaseException:
            self._replace(worker)  # the worker may still be busy with the query
            raise
        if first[0] == "error":
            self._release(worker)
            raise _error(first[1], first[2], self.memory_mb)
        if first[0] == "table":
            self._release(worker)
            return _table_outcome(first)
        if held[-1] is None:  # the whole result came within STREAM_BUFFER
            self._release(worker)
            return QueryOutcome(kind=first[1], format=first[2], body=b"".join(held[:-1]))
        return QueryOutcome(
            kind=first[1], format=first[2], body=self._stream(worker, held, deadline)
        )

    def _first_part(
        self, worker: _Worker, task: QueryTask, deadline: float
    ) -> tuple[tuple[Any, ...], list[Any]]:
        """The first message, and up to STREAM_BUFFER bytes of the result (ending with None
        when that is all of it). An error after the head replaces the first message."""
        worker.conn.send((str(self.store.current()), task))
        first = self._recv(worker, deadline)
        held: list[Any] = []
        if first[0] != "head":
            return first, held
        size = 0
        while size < STREAM_BUFFER:
            message = self._recv(worker, deadline)
            if message[0] == "end":
                held.append(None)
                return first, held
            if message[0] == "error":
                return message, []
            held.append(message[1])
            size += len(message[1])
        return first, held

    def _stream(self, worker: _Worker, held: list[bytes], deadline: float) -> Iterator[bytes]:
        """The rest of a large result, as the worker writes it; a time-out or failure
        raises, which makes the WSGI server close the connection mid-body."""
        finished = False
        try:
            yield from held
            while True:
                message = self._recv(worker, deadline)
                if message[0] == "chunk":
                    yield message[1]
                elif message[0] == "end":
                    finished = True
                    return
                else:
                    raise NewsgraphError(f"the query failed while its result was sent: {message}")
        except _Stopped as stop:
            log.warning("streamed result cut: %s", self._stopped_error(stop).message)
            raise self._stopped_error(stop) from None
        finally:
            if finished:
                self._release(worker)
            else:  # a time-out, a failure or a client that went away
                self._replace(worker)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.kill()


# --- The app's runner --------------------------------------------------------------------

Runner = InProcessRunner | WorkerPool


def init_app(app: Flask, settings: Settings, store: GraphStore) -> Runner:
    """Give the app its query runner: worker processes for a store served from disk
    (a :class:`SnapshotStore`), the server process otherwise."""
    runner: Runner
    from newsgraph.remote import RemoteStore  # issue 9: a remote store's own runner

    if isinstance(store, RemoteStore):
        from newsgraph.server.remote_runner import RemoteRunner

        runner = RemoteRunner(store, timeout=settings.query_timeout)  # type: ignore[assignment]
    elif isinstance(store, SnapshotStore) and settings.query_workers > 0:
        runner = WorkerPool(
            store,
            workers=settings.query_workers,
            timeout=settings.query_timeout,
            memory_mb=settings.query_memory,
        )
        atexit.register(runner.close)
    else:
        runner = InProcessRunner(store)
    if isinstance(store, SnapshotStore) and settings.query_cache_mb > 0:
        from newsgraph.server.cache import CachingRunner

        runner = CachingRunner(runner, store.current, settings.query_cache_mb << 20)  # type: ignore[assignment]
    app.extensions[_KEY] = runner
    return runner


def runner(app: Flask | None = None) -> Runner:
    """The query runner of ``app`` (default: the app handling the current request)."""
    return (app or current_app).extensions[_KEY]


def close_app(app: Flask) -> None:
    """Stop the app's query workers (for tests and for ``serve`` on exit)."""
    found = app.extensions.get(_KEY)
    if found is not None:
        found.close()


if __name__ == "__main__":
    _worker_main(Connection(int(sys.argv[1])), int(sys.argv[2]), sys.argv[3] == "1")
