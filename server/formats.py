"""Response formats and content negotiation, shared by every route.

A :class:`Format` names one way of writing a result: its media type, the media types it
answers to in an ``Accept`` header and the names it answers to in a ``format=`` parameter
or a URL suffix. Negotiation picks one from the offers of a route: an explicit name wins,
then the ``Accept`` header (with q-values), then the route's first offer.

>>> negotiate(SOLUTION_FORMATS, accept="text/csv;q=0.5, application/sparql-results+xml").name
'xml'
>>> negotiate(SOLUTION_FORMATS, accept="image/png").name
'json'
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Response
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    RdfFormat,
    Triple,
)
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from newsgraph.errors import BadRequest

if TYPE_CHECKING:
    from newsgraph.server.execution import QueryOutcome

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    """One output format of a route."""

    name: str
    media_type: str
    """The Content-Type sent (without charset)."""
    accepts: tuple[str, ...] = ()
    """Other media types that select this format in an ``Accept`` header."""
    aliases: tuple[str, ...] = ()
    """Other names for ``format=`` and URL suffixes (``ttl`` for turtle)."""
    extension: str = ""
    results: QueryResultsFormat | None = None
    rdf: RdfFormat | None = None

    @property
    def rdf_format(self) -> RdfFormat:
        """The RDF format of a format offered for graphs (ValueError for another)."""
        if self.rdf is None:
            raise ValueError(f"{self.name} is not an RDF format")
        return self.rdf

    @property
    def results_format(self) -> QueryResultsFormat:
        """The results format of a format offered for solutions (ValueError for another)."""
        if self.results is None:
            raise ValueError(f"{self.name} is not a SPARQL results format")
        return self.results

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.accepts)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


JSON = Format(
    "json",
    "application/sparql-results+json",
    ("application/json",),
    ("srj",),
    "srj",
    results=QueryResultsFormat.JSON,
)
XML = Format(
    "xml",
    "application/sparql-results+xml",
    (),
    ("srx",),
    "srx",
    results=QueryResultsFormat.XML,
)
CSV = Format("csv", "text/csv", (), (), "csv", results=QueryResultsFormat.CSV)
TSV = Format("tsv", "text/tab-separated-values", (), (), "tsv", results=QueryResultsFormat.TSV)
HTML = Format("html", "text/html", ("application/xhtml+xml",), ("htm",), "html")

TURTLE = Format(
    "turtle",
    "text/turtle",
    ("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3"),
    ("ttl",),
    "ttl",
    rdf=RdfFormat.TURTLE,
)
N_TRIPLES = Format(
    "ntriples",
    "application/n-triples",
    ("text/plain",),
    ("nt", "n-triples"),
    "nt",
    rdf=RdfFormat.N_TRIPLES,
)
RDF_XML = Format(
    "rdfxml", "application/rdf+xml", (), ("rdf", "rdf/xml"), "rdf", rdf=RdfFormat.RDF_XML
)
JSON_LD = Format(
    "jsonld",
    "application/ld+json",
    ("application/x-json+ld",),
    ("json-ld",),
    "jsonld",
    rdf=RdfFormat.JSON_LD,
)
N_QUADS = Format("nquads", "application/n-quads", (), ("nq",), "nq", rdf=RdfFormat.N_QUADS)
TRIG = Format("trig", "application/trig", (), (), "trig", rdf=RdfFormat.TRIG)

SOLUTION_FORMATS: tuple[Format, ...] = (JSON, XML, CSV, TSV)
"""SELECT and ASK results, the default first."""
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, RDF_XML, JSON_LD, N_QUADS, TRIG)
"""CONSTRUCT and DESCRIBE results, the default first."""
TRIPLE_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
"""One graph's export."""
DATASET_FORMATS: tuple[Format, ...] = (TRIG, N_QUADS, TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
"""The whole store's export (triple formats write the union of all graphs)."""
# Graph formats that accept an extra alias when the result is a graph: SPARQLWrapper asks
# for a CONSTRUCT as format=json or format=xml.
_GRAPH_ALIASES = {"json": JSON_LD, "xml": RDF_XML}


def by_name(offers: Sequence[Format], name: str) -> Format | None:
    """The offer called ``name`` (case-insensitive), or None.

    >>> by_name(GRAPH_FORMATS, "TTL").name, by_name(GRAPH_FORMATS, "json")
    ('turtle', None)
    """
    wanted = name.strip().lower()
    for fmt in offers:
        if wanted in fmt.names or wanted in fmt.media_types:
            return fmt
    return None


def negotiate(
    offers: Sequence[Format],
    *,
    name: str | None = None,
    accept: str | MIMEAccept | None = None,
    strict: bool = False,
) -> Format:
    """Choose a format from ``offers``: by ``name``, else by ``accept``, else the first.

    Args:
        offers: The route's formats, its default first (it also wins ties in ``Accept``).
        name: A ``format=`` value or URL suffix.
        accept: The request's ``Accept`` header.
        strict: Raise BadRequest for an unknown ``name`` instead of ignoring it (the SPARQL
            endpoint ignores names, since clients send parameters meant for other servers).
    """
    if name:
        chosen = by_name(offers, name)
        if chosen is None and GRAPH_FORMATS[0] in offers:
            alias = _GRAPH_ALIASES.get(name.strip().lower())
            chosen = alias if alias in offers else None
        if chosen is not None:
            return chosen
        if strict:
            available = ", ".join(f.name for f in offers)
            raise BadRequest(f"unknown format {name!r}; available: {available}")
    if isinstance(accept, MIMEAccept):
        accept = accept.to_header()
    if accept:
        return _by_accept(tuple(offers), accept)
    return offers[0]


@functools.lru_cache(maxsize=512)
def _by_accept(offers: tuple[Format, ...], accept: str) -> Format:
    """The best of ``offers`` for an ``Accept`` header, the first when none matches.
    Remembered: parsing and matching the header cost more than the rest of a small
    query's request (clients send the same few headers again and again)."""
    media_types = [m for fmt in offers for m in fmt.media_types]
    best = parse_accept_header(accept, MIMEAccept).best_match(media_types)
    if best is not None:
        return next(fmt for fmt in offers if best in fmt.media_types)
    return offers[0]


def outcome_response(outcome: QueryOutcome) -> Response:
    """A query's serialized result: whole (with Content-Length) when it came within the
    worker's buffer, else streamed chunk by chunk as the worker writes it."""
    offers = GRAPH_FORMATS if outcome.kind == "triples" else SOLUTION_FORMATS
    fmt = by_name(offers, outcome.format) or offers[0]
    if isinstance(outcome.body, bytes):
        return Response(outcome.body, content_type=fmt.content_type)
    return Response(outcome.body, content_type=fmt.content_type, direct_passthrough=True)


def term_json(term: object) -> dict[str, object]:
    """One RDF term in the SPARQL 1.1 JSON results shape.

    >>> term_json(Literal("2", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    {'type': 'literal', 'value': '2', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    """
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        cell: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            cell["datatype"] = term.datatype.value
        return cell
    if isinstance(term, Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: term_json(getattr(term, p)) for p in parts}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(names: Sequence[str], solutions: Iterable) -> bytes:
    """SELECT results as SPARQL JSON, from variable names and (possibly capped) solutions."""
    bindings = [
        {name: term_json(row[name]) for name in names if row[name] is not None} for row in solutions
    ]
    body = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
