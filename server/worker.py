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
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from newsgraph.errors import NewsgraphError, ServiceUnavailable
from newsgraph.server.execution import (
    CHUNK_BYTES,
    QueryOutcome,
    QueryTask,
    execute,
    first_part,
    query_error,
    rest_of,
    table_outcome,
)
from newsgraph.store import GraphStore, SnapshotStore

log = logging.getLogger(__name__)

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


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
            raise query_error(first[1], first[2], self.memory_mb)
        if first[0] == "table":
            self._release(worker)
            return table_outcome(first)
        if held[-1] is None:  # the whole result came within STREAM_BUFFER
            self._release(worker)
            return QueryOutcome(kind=first[1], format=first[2], body=b"".join(held[:-1]))
        return QueryOutcome(
            kind=first[1], format=first[2], body=self._stream(worker, held, deadline)
        )

    def _first_part(
        self, worker: _Worker, task: QueryTask, deadline: float
    ) -> tuple[tuple[Any, ...], list[Any]]:
        worker.conn.send((str(self.store.current()), task))
        return first_part(lambda: self._recv(worker, deadline))

    def _stream(self, worker: _Worker, held: list[bytes], deadline: float) -> Iterator[bytes]:
        """The rest of a large result, as the worker writes it (:func:`rest_of`)."""
        finished = False
        try:
            yield from rest_of(held, lambda: self._recv(worker, deadline))
            finished = True
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


if __name__ == "__main__":
    _worker_main(Connection(int(sys.argv[1])), int(sys.argv[2]), sys.argv[3] == "1")
