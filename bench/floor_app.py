"""The least a Python endpoint over pyoxigraph can cost: the floor under newsgraph's serving.

Two WSGI apps answer ``POST /query`` (a SPARQL query as the body) from one read-only
pyoxigraph handle on the snapshot named by ``NEWSGRAPH_FLOOR_SNAPSHOT``, in the server
process, with the union of the graphs as the default graph, writing SPARQL JSON results:

- :func:`wsgi`: a bare WSGI callable, no framework;
- :data:`flask_app`: the same in a bare Flask app (one route, no checks, no headers).

Neither has anything an endpoint needs (no time limit, no memory cap, no refusal of
``SERVICE`` or updates, no request limits, no content negotiation): they only measure what
the HTTP server and Flask cost before newsgraph does any of that. ``bench/serve.py
--floor`` runs them beside Oxigraph's server and ``newsgraph serve``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, request
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, Store

_store = Store.read_only(os.environ["NEWSGRAPH_FLOOR_SNAPSHOT"])
_TYPE = "application/sparql-results+json"


def _answer(sparql: str) -> bytes:
    result = _store.query(sparql, use_default_graph_as_union=True)
    if not isinstance(result, QuerySolutions | QueryBoolean):
        raise ValueError("the floor apps answer SELECT and ASK only")
    out = io.BytesIO()
    result.serialize(out, QueryResultsFormat.JSON)
    return out.getvalue()


def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """A bare WSGI callable: read the body, run it, send the JSON."""
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = _answer(environ["wsgi.input"].read(size).decode())
    start_response("200 OK", [("Content-Type", _TYPE), ("Content-Length", str(len(body)))])
    return [body]


flask_app = Flask(__name__)


@flask_app.post("/query")
def query() -> Response:
    """The same in Flask."""
    return Response(_answer(request.get_data(as_text=True)), mimetype=_TYPE)
