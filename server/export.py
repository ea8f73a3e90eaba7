"""``/export``: the whole store, or one article's graph, as an RDF file.

The whole store is TriG by default (every graph kept apart), or N-Quads; a triple format
(Turtle, N-Triples, JSON-LD, RDF/XML) writes the union of all graphs. ``?graph=IRI`` or
``?article=ID`` (an article's identifier, e.g. its file name) exports that article's graph,
``?default`` the stored default graph (loaded reference data), as Turtle by default.
``format=`` or the ``Accept`` header chooses the format. Every export carries the
ontology's prefixes where the format has them.
"""

from __future__ import annotations

import io
import re

from flask import Blueprint, Response, request
from pyoxigraph import DefaultGraph, Literal, NamedNode, Variable

from newsgraph.errors import BadRequest, NotFound
from newsgraph.ontology import ARTICLE, IDENTIFIER
from newsgraph.server.context import store
from newsgraph.server.formats import DATASET_FORMATS, TRIPLE_FORMATS, negotiate
from newsgraph.store.base import solutions

bp = Blueprint("export", __name__)

_ARTICLE_BY_ID = f"SELECT ?article ?id WHERE {{ ?article a <{ARTICLE}> ; <{IDENTIFIER}> ?id }}"


@bp.get("/export")
def export() -> Response:
    graph = requested_graph()
    offers = TRIPLE_FORMATS if graph is not None else DATASET_FORMATS
    fmt = negotiate(
        offers, name=request.args.get("format"), accept=request.headers.get("Accept"), strict=True
    )
    out = io.BytesIO()
    if isinstance(graph, DefaultGraph):
        store().export_graph(out, fmt.rdf_format, graph)
        stem = "default"
    else:
        store().export(out, fmt.rdf_format, graph)
        stem = "newsgraph" if graph is None else file_stem(graph)
    response = Response(out.getvalue(), content_type=fmt.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt.extension}"'
    response.vary.add("Accept")
    return response


def requested_graph() -> NamedNode | DefaultGraph | None:
    """The graph named by ``?graph=``, ``?article=`` or ``?default``, or None for all."""
    iri, article_id = request.args.get("graph"), request.args.get("article")
    if sum(map(bool, (iri, article_id, "default" in request.args))) > 1:
        raise BadRequest("give one of 'graph', 'article' or 'default', not several")
    if "default" in request.args:
        return DefaultGraph()
    if article_id:
        return article_graph(article_id)
    if not iri:
        return None
    return stored_graph(iri)


def stored_graph(iri: str) -> NamedNode:
    """The named graph ``iri``; 400 when it is not an IRI, 404 when the store lacks it."""
    try:
        graph = NamedNode(iri)
    except ValueError:
        raise BadRequest(f"'graph' must be an absolute IRI; got {iri!r}") from None
    if not store().has_graph(graph):
        raise NotFound(f"no graph {iri} in the store")
    return graph


def article_graph(article_id: str) -> NamedNode:
    """The graph of the article with this identifier (an article's graph is its IRI)."""
    rows = store().query(_ARTICLE_BY_ID, substitutions={Variable("id"): Literal(article_id)})
    for row in solutions(rows):
        if store().has_graph(row["article"]):
            return row["article"]
    raise NotFound(f"no article with identifier {article_id!r}; see /queries/articles")


def file_stem(graph: NamedNode) -> str:
    """A safe file name stem from a graph IRI's last segment.

    >>> file_stem(NamedNode("https://x.example/id/article/000_ab.txt"))
    '000_ab.txt'
    """
    last = graph.value.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", last).strip(".-") or "graph"
