"""The SPARQL 1.1 Service Description of the endpoint, so clients can discover it.

>>> triples = description("http://127.0.0.1:8000/sparql")
>>> any(t.predicate.value.endswith("#endpoint") for t in triples)
True
"""

from __future__ import annotations

import io
from typing import Any

from flask import Response
from pyoxigraph import BlankNode, NamedNode, Triple, serialize

from newsgraph.ontology import PREFIXES, RDF_TYPE
from newsgraph.server.formats import (
    GRAPH_FORMATS,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    SOLUTION_FORMATS,
    TURTLE,
    Format,
)

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, RDF_XML, JSON_LD)
"""The formats the description itself is served in, the default first."""
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "rdfxml": "RDF_XML",
    "jsonld": "JSON-LD",
    "nquads": "N-Quads",
    "trig": "TriG",
}


def description(endpoint: str) -> list[Triple]:
    """The triples describing the service answering at ``endpoint``."""
    service = NamedNode(endpoint)
    dataset, default_graph = BlankNode(), BlankNode()

    def sd(local: str) -> NamedNode:
        return NamedNode(SD + local)

    triples = [
        Triple(service, NamedNode(RDF_TYPE), sd("Service")),
        Triple(service, sd("endpoint"), service),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, NamedNode(RDF_TYPE), sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default_graph),
        Triple(default_graph, NamedNode(RDF_TYPE), sd("Graph")),
    ]
    for fmt in (*SOLUTION_FORMATS, *GRAPH_FORMATS):
        iri = NamedNode(FORMATS_NS + _FORMAT_IRIS[fmt.name])
        triples.append(Triple(service, sd("resultFormat"), iri))
    return triples


def description_response(endpoint: str, fmt: Format) -> Response:
    out = io.BytesIO()
    prefixes = {"sd": SD, "formats": FORMATS_NS, "rdf": PREFIXES["rdf"]}
    kwargs: dict[str, Any] = {"prefixes": prefixes} if fmt in (TURTLE, RDF_XML) else {}
    serialize(description(endpoint), out, fmt.rdf, **kwargs)
    return Response(out.getvalue(), content_type=fmt.content_type)
