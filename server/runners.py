"""The app's query runner: worker processes, a remote store's threads, or this process,
with the result cache in front where it is on.

:func:`init_app` picks the runner for the store being served; :func:`runner` is the one
of the current app, which every page and endpoint hands its :class:`QueryTask` to.
"""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from newsgraph.config import Settings
from newsgraph.server.cache import CachingRunner
from newsgraph.server.execution import InProcessRunner
from newsgraph.server.remote_runner import RemoteRunner
from newsgraph.server.worker import WorkerPool
from newsgraph.store import SnapshotStore, Store
from newsgraph.store.remote import RemoteStore

_KEY = "newsgraph.queries"


Runner = InProcessRunner | WorkerPool | RemoteRunner | CachingRunner


def init_app(app: Flask, settings: Settings, store: Store) -> Runner:
    """Give the app its query runner: worker processes for a store served from disk
    (a :class:`SnapshotStore`), the server process otherwise."""
    runner: Runner
    if isinstance(store, RemoteStore):
        runner = RemoteRunner(store, timeout=settings.query_timeout)
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
        runner = CachingRunner(runner, store.current, settings.query_cache_mb << 20)
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
