"""User queries against a remote store: the SPARQL server does the work, a thread waits.

A query to a :class:`~newsgraph.store.remote.RemoteStore` costs this process no CPU to speak
of, so there are no worker processes: each query runs :func:`~newsgraph.server.execution.execute`
in a thread of its own, over a streaming handle on the store whose HTTP time limit is the
query time limit. The request's thread takes the messages as
:class:`~newsgraph.server.worker.WorkerPool` takes a worker's, with the same deadline and
the same outcomes: a table (rows, a boolean, triples), a whole body when the result is
complete within :data:`~newsgraph.server.execution.STREAM_BUFFER` bytes, else a body
streamed as the server's answer arrives. When the time limit passes, the answer's
connection is closed (which ends the thread) and the client gets the pool's 503
``query timed out after N s`` — before the response starts, or by a cut chunked body after.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

from newsgraph.errors import NewsgraphError, ServiceUnavailable
from newsgraph.server.execution import (
    QueryOutcome,
    QueryTask,
    execute,
    first_part,
    query_error,
    rest_of,
    table_outcome,
)
from newsgraph.store.remote import RemoteStore, StoreTimeout

log = logging.getLogger(__name__)


class _TimedOut(Exception):
    pass


class RemoteRunner:
    """Runs each query in a thread against the remote store, within ``timeout`` seconds.

    Args:
        store: The server's remote store.
        timeout: Seconds a query may take, from its start to its last byte.
    """

    def __init__(self, store: RemoteStore, *, timeout: float) -> None:
        self.store = store
        self.timeout = timeout

    def run(self, task: QueryTask) -> QueryOutcome:
        """Run ``task``; raises ServiceUnavailable when it runs out of time and the
        errors of the in-process runner otherwise."""
        deadline = time.monotonic() + self.timeout
        view = self.store.streaming(self.timeout)
        messages: queue.Queue[tuple[Any, ...]] = queue.Queue()
        threading.Thread(
            target=self._work, args=(view, task, messages), name="newsgraph-query", daemon=True
        ).start()
        try:
            first, held = self._first_part(messages, deadline)
        except _TimedOut:
            view.release()
            raise self._timed_out() from None
        if first[0] != "head" or held[-1] is None:
            view.release()
        if first[0] == "raise":
            raise first[1]
        if first[0] == "error":
            raise query_error(first[1], first[2], None)
        if first[0] == "table":
            return table_outcome(first)
        if held[-1] is None:  # the whole result came within STREAM_BUFFER
            return QueryOutcome(kind=first[1], format=first[2], body=b"".join(held[:-1]))
        body = self._stream(messages, held, deadline, view)
        return QueryOutcome(kind=first[1], format=first[2], body=body)

    def _work(self, view: RemoteStore, task: QueryTask, messages: queue.Queue) -> None:
        try:
            execute(view, task, messages.put)
        except StoreTimeout:
            messages.put(("raise", self._timed_out()))
        except NewsgraphError as exc:
            messages.put(("raise", exc))
        except Exception as exc:  # noqa: BLE001 (e.g. the connection closed at the deadline)
            messages.put(("raise", NewsgraphError(f"the query failed: {exc}")))

    def _timed_out(self) -> ServiceUnavailable:
        return ServiceUnavailable(f"query timed out after {self.timeout:g} s")

    @staticmethod
    def _get(messages: queue.Queue, deadline: float) -> tuple[Any, ...]:
        remaining = deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise queue.Empty
            return messages.get(timeout=remaining)
        except queue.Empty:
            raise _TimedOut from None

    def _first_part(
        self, messages: queue.Queue, deadline: float
    ) -> tuple[tuple[Any, ...], list[Any]]:
        return first_part(lambda: self._get(messages, deadline))

    def _stream(
        self, messages: queue.Queue, held: list[bytes], deadline: float, view: RemoteStore
    ) -> Iterator[bytes]:
        """The rest of a large result as it arrives (:func:`rest_of`)."""
        try:
            yield from rest_of(held, lambda: self._get(messages, deadline))
        except _TimedOut:
            error = self._timed_out()
            log.warning("streamed result cut: %s", error.message)
            raise error from None
        finally:
            view.release()

    def close(self) -> None:
        """Close the store's pooled connections."""
        self.store.close()
