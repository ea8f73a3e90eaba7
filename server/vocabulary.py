"""The ontology at its namespace IRI: ``/ns`` answers for ``https://newsgraph.example/ns``.

Whatever the base of the minted IRIs, the ontology keeps its own IRI, so the path ``/ns``
always serves it: a page listing its classes and properties (label, comment, domain,
range, anchored by local name so ``/ns#Statement`` lands on the class) for browsers, and
the ontology as Turtle (the default, the file as it is), N-Triples, JSON-LD or RDF/XML.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from flask import Blueprint, Response, render_template, request
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse

from newsgraph import ontology as ng
from newsgraph.server.formats import HTML, JSON_LD, N_TRIPLES, RDF_XML, TURTLE, negotiate
from newsgraph.server.resources import curie, local_href
from newsgraph.sparql.results import write_triples

bp = Blueprint("vocabulary", __name__)

FORMATS = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, HTML)
OWL_CLASS = ng.OWL + "Class"
PROPERTY_TYPES = {
    ng.OWL + "ObjectProperty": "object property",
    ng.OWL + "DatatypeProperty": "datatype property",
    ng.OWL + "AnnotationProperty": "annotation property",
    ng.RDF + "Property": "property",
}


@dataclass(frozen=True)
class Term:
    """One class or property of the ontology, as the page lists it."""

    name: str
    iri: str
    kind: str
    label: str
    comment: str
    related: tuple[tuple[str, str, str | None], ...]
    """(relation, text, href or None): superclasses, domain, range."""


def _text(term: NamedNode | BlankNode | Literal | Triple) -> str:
    """A term's value (the ontology has no quoted triples; one would show as N-Triples)."""
    return str(term) if isinstance(term, Triple) else term.value


@cache
def ontology_bytes() -> bytes:
    return ng.ontology_path().read_bytes()


@cache
def ontology_triples() -> tuple[Triple, ...]:
    return tuple(parse(ontology_bytes(), RdfFormat.TURTLE, base_iri=ng.ONTOLOGY_IRI))


def terms() -> list[Term]:
    """Every class and property declared in the ``ng:`` namespace, classes first."""
    by_subject: dict[str, list[Triple]] = {}
    for t in ontology_triples():
        if isinstance(t.subject, NamedNode) and t.subject.value.startswith(ng.NS):
            by_subject.setdefault(t.subject.value, []).append(t)
    found = []
    for iri, triples in by_subject.items():
        values: dict[str, list[str]] = {}
        for t in triples:
            values.setdefault(t.predicate.value, []).append(_text(t.object))
        types = values.get(ng.RDF_TYPE, [])
        kind = next((PROPERTY_TYPES[t] for t in types if t in PROPERTY_TYPES), None)
        if OWL_CLASS in types:
            kind = "class"
        if kind is None:
            continue
        related = tuple(
            (relation, curie(o), local_href(o))
            for relation, prop in (
                ("subclass of", ng.RDFS + "subClassOf"),
                ("domain", ng.RDFS + "domain"),
                ("range", ng.RDFS + "range"),
            )
            for o in values.get(prop, [])
        )
        found.append(
            Term(
                name=iri[len(ng.NS) :],
                iri=iri,
                kind=kind,
                label=values.get(ng.RDFS_LABEL, [iri[len(ng.NS) :]])[0],
                comment=values.get(ng.RDFS + "comment", [""])[0],
                related=related,
            )
        )
    return sorted(found, key=lambda t: (t.kind != "class", t.kind, t.name.lower()))


def grouped(found: list[Term]) -> dict[str, list[Term]]:
    """Terms by heading ("Classes", "Object properties", ...), in the order given."""
    groups: dict[str, list[Term]] = {}
    for term in found:
        heading = "Classes" if term.kind == "class" else term.kind.capitalize()[:-1] + "ies"
        groups.setdefault(heading, []).append(term)
    return groups


@bp.get("/ns")
def namespace() -> Response:
    fmt = negotiate(FORMATS, name=request.args.get("format"), accept=request.headers.get("Accept"))
    if fmt is HTML:
        about = {
            t.predicate.value: _text(t.object)
            for t in ontology_triples()
            if t.subject == NamedNode(ng.ONTOLOGY_IRI)
        }
        page = render_template(
            "vocabulary.html",
            iri=ng.ONTOLOGY_IRI,
            title=about.get(ng.RDFS_LABEL, "newsgraph ontology"),
            comment=about.get(ng.RDFS + "comment", ""),
            version=about.get(ng.OWL + "versionInfo", ""),
            groups=grouped(terms()),
            formats=[f for f in FORMATS if f is not HTML],
        )
        response = Response(page, content_type=HTML.content_type)
    elif fmt is TURTLE:
        response = Response(ontology_bytes(), content_type=TURTLE.content_type)
    else:
        out = io.BytesIO()
        write_triples(ontology_triples(), fmt.rdf_format, out)
        response = Response(out.getvalue(), content_type=fmt.content_type)
    response.vary.add("Accept")
    return response
