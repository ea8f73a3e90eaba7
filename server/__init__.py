"""The newsgraph web server: a Flask app over the store, served by waitress.

:func:`create_app` builds the app (one blueprint per concern); :func:`serve` runs it. The
server opens a read-write store handle and never writes through it: a concurrent
``newsgraph ingest`` then fails at once on the store's lock instead of corrupting it.

>>> from newsgraph.store import GraphStore
>>> client = create_app(store=GraphStore()).test_client()
>>> client.get("/sparql?query=ASK { ?s ?p ?o }").json
{'head': {}, 'boolean': False}
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError, StoreError
from newsgraph.queries import CannedQuery, load_queries
from newsgraph.store import GraphStore

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body accepted (a bigger one gets 413)."""


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
        errors,
        export,
        graphs,
        headers,
        openapi,
        pages,
        resources,
        sparql,
        vocabulary,
    )
    from newsgraph.server.context import AppState, attach

    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_BODY_BYTES
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    store = store if store is not None else GraphStore(settings.store)
    queries = queries if queries is not None else load_queries()
    attach(app, AppState(settings=settings, store=store, queries=queries))
    headers.init_app(app)
    for blueprint in (
        errors.bp,
        pages.bp,
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

    if not settings.store.is_dir():
        raise StoreError(
            f"no store at {settings.store}: run 'newsgraph ingest PATH' first or pass --store"
        )
    app = create_app(settings)
    try:
        server = waitress.create_server(
            app, host=settings.host, port=settings.port, threads=settings.threads, ident="newsgraph"
        )
    except OSError as exc:
        raise NewsgraphError(f"cannot listen on {settings.host}:{settings.port}: {exc}") from None
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(f"Serving newsgraph on http://{host}:{settings.port}/ (press Ctrl+C to stop)", flush=True)
    try:
        server.run()
    finally:
        server.close()
