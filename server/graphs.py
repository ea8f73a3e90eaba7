"""The Graph Store Protocol's read side at ``/rdf-graphs`` (and ``/store``, like Oxigraph).

``GET ?graph=IRI`` gives one named graph (Turtle by default, or N-Triples, JSON-LD,
RDF/XML by ``Accept``), ``GET ?default`` the stored default graph (what ``newsgraph load``
put there), and a ``GET`` with neither the whole dataset (TriG or N-Quads). ``HEAD``
answers the same without a body; a graph that is not in the store is a 404. The store is
read-only here: ``PUT``, ``POST`` and ``DELETE`` get 405.
"""

from __future__ import annotations

import io

from flask import Blueprint, Response, request
from pyoxigraph import DefaultGraph, NamedNode

from newsgraph.errors import BadRequest
from newsgraph.server.context import store
from newsgraph.server.export import stored_graph
from newsgraph.server.formats import DATASET_FORMATS, TRIPLE_FORMATS, negotiate

bp = Blueprint("graphs", __name__)


def target_graph() -> NamedNode | DefaultGraph | None:
    """The graph the request names (``?graph=`` or ``?default``), or None for all of them."""
    iri = request.args.get("graph")
    if iri is not None and "default" in request.args:
        raise BadRequest("give either 'graph' or 'default', not both")
    if "default" in request.args:
        return DefaultGraph()
    if iri is None:
        return None
    return stored_graph(iri)


@bp.get("/rdf-graphs")
@bp.get("/store")
def graph_store() -> Response:
    graph = target_graph()
    offers = DATASET_FORMATS[:2] if graph is None else TRIPLE_FORMATS
    fmt = negotiate(offers, name=request.args.get("format"), accept=request.headers.get("Accept"))
    out = io.BytesIO()
    if graph is None:
        store().export(out, fmt.rdf_format)
    else:
        store().export_graph(out, fmt.rdf_format, graph)
    response = Response(out.getvalue(), content_type=fmt.content_type)
    response.vary.add("Accept")
    return response
