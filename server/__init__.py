"""The newsgraph web server: a Flask app over the store, served by waitress.

:func:`create_app` builds the app (one blueprint per concern); :func:`serve` runs it. The
server never opens the store's folder for writing nor reads it while an ingest writes it:
it reads the snapshot the last ingest published (:class:`newsgraph.store.SnapshotStore`)
and follows newer ones, and user queries run in worker processes with a time limit and a
memory cap (:mod:`newsgraph.server.worker`, chosen by :mod:`newsgraph.server.runners`).

>>> from newsgraph.store import GraphStore
>>> client = create_app(store=GraphStore()).test_client()
>>> client.get("/sparql?query=ASK { ?s ?p ?o }").json
{'head': {}, 'boolean': False}
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError, StoreError
from newsgraph.queries import CannedQuery, load_queries
from newsgraph.server.context import AppState, attach
from newsgraph.store import Store, open_store

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body accepted (a bigger one gets the app's JSON 413)."""
DRAIN_BODY_BYTES = 32 * 1024 * 1024
"""The largest request body read whole, and then discarded when over :data:`MAX_BODY_BYTES`,
so that the client, still sending, reads the 413 instead of a reset connection (as nginx's
lingering close does). waitress buffers a body over 512 KB in a temporary file. A body over
this bound gets waitress's own 413 and the connection is closed while the client may still
be sending."""
CHANNEL_TIMEOUT = 30
"""Seconds waitress waits on a silent connection (a slow client) before closing it."""


class _Json(DefaultJSONProvider):
    """Flask's JSON, with text as it is written ("Zelenskyy’s"), not ``\\u`` escapes."""

    ensure_ascii = False


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    queries: Mapping[str, CannedQuery] | None = None,
) -> Flask:
    """Build the app.

    Args:
        settings: The settings (default: from the environment).
        store: The store to serve (default: open ``settings.store``).
        queries: The canned queries (default: the installed ones).
    """
    # here, not at the top: the query worker processes import this package and need
    # none of the blueprints (start-up time of a worker)
    from newsgraph.server import (
        canned,
        editor,
        errors,
        export,
        graphs,
        headers,
        openapi,
        pages,
        resources,
        runners,
        search,
        sparql,
        vocabulary,
    )

    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_BODY_BYTES
    app.json = _Json(app)
    store = store if store is not None else open_store(settings, mode="serve")
    queries = queries if queries is not None else load_queries()
    attach(app, AppState(settings=settings, store=store, queries=queries))
    runners.init_app(app, settings, store)
    headers.init_app(app)
    for blueprint in (
        errors.bp,
        pages.bp,
        editor.bp,
        sparql.bp,
        canned.bp,
        export.bp,
        graphs.bp,
        openapi.bp,
        vocabulary.bp,
        search.bp,
    ):
        app.register_blueprint(blueprint)
    resources.init_app(app, settings.base_iri)
    return app


def serve(settings: Settings) -> None:
    """Serve the store at ``settings.host:settings.port`` with waitress until interrupted.

    With ``settings.processes`` above 1 (0: one per core) the listening socket is opened
    here and shared by that many server processes, each a waitress server with its own
    app, query workers (``query_workers`` shared out among them) and result cache: one
    Python process cannot use more than one core for HTTP and Flask. A server process
    that dies is replaced; stopping this process (Ctrl+C, SIGTERM) stops them all.

    Raises:
        StoreError: no store at ``settings.store``, another process holds its lock, or a
            remote store cannot be reached or does not read the union of its graphs.
        NewsgraphError: the address cannot be listened on (e.g. the port is taken), or
            the server processes could not start.
    """
    if isinstance(settings.store, Path) and not settings.store.is_dir():  # a URL: remote
        raise StoreError(
            f"no store at {settings.store}: run 'newsgraph ingest PATH' first or pass --store"
        )
    if not isinstance(settings.store, Path):  # a server: reached and set up right, checked
        open_store(settings, mode="serve").close()  # once here, before any process starts
    processes = settings.processes or os.cpu_count() or 1
    try:
        sock = socket.create_server(
            (settings.host, settings.port),
            family=socket.AF_INET6 if ":" in settings.host else socket.AF_INET,
            backlog=1024,
        )
    except OSError as exc:
        raise NewsgraphError(f"cannot listen on {settings.host}:{settings.port}: {exc}") from None
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    banner = f"Serving newsgraph on http://{host}:{settings.port}/ (press Ctrl+C to stop)"
    if processes == 1 or not hasattr(os, "fork"):
        with sock:
            _serve_on(sock, settings, banner)
        return
    share = max(1, settings.query_workers // processes) if settings.query_workers else 0
    with sock:
        _supervise(sock, replace(settings, query_workers=share), processes, banner)


def _serve_on(sock: socket.socket, settings: Settings, banner: str | None) -> None:
    """One waitress server process on an open listening socket."""
    import waitress  # only serving needs waitress (not the tests' app, nor the workers)

    from newsgraph.server.runners import close_app  # as in create_app: not in the workers

    app = create_app(settings)
    server = waitress.create_server(
        app,
        sockets=[sock],
        threads=settings.threads,
        ident="newsgraph",
        max_request_body_size=DRAIN_BODY_BYTES,
        max_request_header_size=64 * 1024,
        channel_timeout=CHANNEL_TIMEOUT,
    )
    if banner:
        print(banner, flush=True)
    try:
        server.run()
    finally:
        server.close()
        close_app(app)


def _supervise(sock: socket.socket, settings: Settings, processes: int, banner: str) -> None:
    """Start ``processes`` server processes on ``sock``, replace any that dies, and stop
    them all when this process is interrupted or terminated."""
    children: dict[int, float] = {}
    stopping = False

    def start() -> None:
        pid = os.fork()
        if pid == 0:  # the child never returns into the caller
            code = 0
            try:
                signal.signal(signal.SIGTERM, _raise_interrupt)
                signal.signal(signal.SIGINT, _raise_interrupt)
                _serve_on(sock, settings, None)
            except KeyboardInterrupt:
                pass
            except Exception as exc:  # reported here; the parent sees the exit status
                print(f"error: server process {os.getpid()}: {exc}", file=sys.stderr, flush=True)
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children[pid] = time.monotonic()

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        for _ in range(processes):
            start()
        print(banner, flush=True)
        while children:
            try:
                pid, status = os.wait()
            except KeyboardInterrupt:
                stop()
                continue
            except ChildProcessError:
                break
            started = children.pop(pid, None)
            if stopping or started is None:
                continue
            failed = os.waitstatus_to_exitcode(status) == 1  # its own error, not a signal
            if failed and time.monotonic() - started < 5:
                stop()
                raise NewsgraphError("the server processes could not start (see above)")
            print(f"server process {pid} ended; starting another", file=sys.stderr, flush=True)
            start()
    finally:
        stop()
        for pid in list(children):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(*_: object) -> None:
    raise KeyboardInterrupt
