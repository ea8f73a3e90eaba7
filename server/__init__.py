"""The newsgraph web server: a Flask app over the store, served by waitress.

:func:`create_app` builds the app (one blueprint per concern); :func:`serve` runs it. The
server never opens the store's folder for writing nor reads it while an ingest writes it:
it reads the snapshot the last ingest published (:class:`newsgraph.store.SnapshotStore`)
and follows newer ones, and user queries run in worker processes with a time limit and a
memory cap (:mod:`newsgraph.server.worker`).

>>> from newsgraph.store import GraphStore
>>> client = create_app(store=GraphStore()).test_client()
>>> client.get("/sparql?query=ASK { ?s ?p ?o }").json
{'head': {}, 'boolean': False}
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from flask import Flask

from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError, StoreError
from newsgraph.queries import CannedQuery, load_queries
from newsgraph.store import GraphStore, open_store

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body accepted (a bigger one gets 413)."""
CHANNEL_TIMEOUT = 30
"""Seconds waitress waits on a silent connection (a slow client) before closing it."""


def create_app(
    settings: Settings | None = None,
    *,
    store: GraphStore | None = None,
    queries: Mapping[str, CannedQuery] | None = None,
) -> Flask:
    """Build the app.

    Args:
        settings: The settings (default: from the environment).
        store: The store to serve (default: open ``settings.store``).
        queries: The canned queries (default: the installed ones).
    """
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
        sparql,
        vocabulary,
        worker,
    )
    from newsgraph.server.context import AppState, attach

    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_BODY_BYTES
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    store = store if store is not None else open_store(settings, mode="serve")
    queries = queries if queries is not None else load_queries()
    attach(app, AppState(settings=settings, store=store, queries=queries))
    worker.init_app(app, settings, store)
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
    ):
        app.register_blueprint(blueprint)
    resources.init_app(app, settings.base_iri)
    return app


def serve(settings: Settings) -> None:
    """Serve the store at ``settings.host:settings.port`` with waitress until interrupted.

    Raises:
        StoreError: no store at ``settings.store``, or another process holds its lock.
        NewsgraphError: the address cannot be listened on (e.g. the port is taken).
    """
    import waitress

    from newsgraph.server.worker import close_app

    if isinstance(settings.store, Path) and not settings.store.is_dir():  # a URL: remote
        raise StoreError(
            f"no store at {settings.store}: run 'newsgraph ingest PATH' first or pass --store"
        )
    app = create_app(settings)
    try:
        server = waitress.create_server(
            app,
            host=settings.host,
            port=settings.port,
            threads=settings.threads,
            ident="newsgraph",
            max_request_body_size=MAX_BODY_BYTES,
            max_request_header_size=64 * 1024,
            channel_timeout=CHANNEL_TIMEOUT,
        )
    except OSError as exc:
        close_app(app)
        raise NewsgraphError(f"cannot listen on {settings.host}:{settings.port}: {exc}") from None
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(f"Serving newsgraph on http://{host}:{settings.port}/ (press Ctrl+C to stop)", flush=True)
    try:
        server.run()
    finally:
        server.close()
        close_app(app)
