"""Linked data: every IRI the project mints dereferences on this server.

A request for ``/person/vladimir-putin`` is about the IRI ``{base}person/vladimir-putin``
(``base`` is the setting ``base_iri``); when the base has a path (``/id/`` in the default
``https://newsgraph.example/id/``) the same path under it answers too, so a server run at
the base's host serves its IRIs as they are. A browser gets a page (labels, the facts
about the resource with links, what links to it, and the articles and sentences that are
its evidence); other clients get its description — every triple with it as subject plus
the labels of the nodes it links to — as Turtle (the default), JSON-LD, N-Triples or
RDF/XML by ``Accept`` or ``format=``. An IRI the store does not know is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from flask import Flask, Response, render_template, request
from pyoxigraph import Literal, NamedNode

import newsgraph.server.page_queries as page_queries
from newsgraph import ontology as ng
from newsgraph.errors import NotFound
from newsgraph.server.context import state
from newsgraph.server.formats import HTML, JSON_LD, N_TRIPLES, RDF_XML, TURTLE, negotiate
from newsgraph.sparql.results import display
from newsgraph.store.derived import SOURCE_KINDS

KINDS = ("article", "person", "org", "role", "source", "statement", "figure", "claim", "graph")
"""The first path segment of every IRI the project mints (see newsgraph.store.rdf)."""
FORMATS = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, HTML)
"""A resource's formats, the default (for ``*/*``) first; browsers ask for HTML."""
MAX_LINKS = 500
"""The most incoming links and evidence rows a page shows."""
EVIDENCE_ARTICLES = 50
"""The newest articles whose sentences a page shows as a resource's evidence."""
MAX_FACTS = 5000
"""The most triples a description (and a page's facts and labels) holds."""
_RULE = "/<any({}):kind>/<path:rest>".format(", ".join(KINDS))
_LABEL_PROPERTIES = (ng.RDFS_LABEL, ng.TITLE, ng.TEXT)

_HERE = "$RESOURCE"
"""Where the resource's IRI goes in the queries below."""
DESCRIPTION = f"""
CONSTRUCT {{ $RESOURCE ?p ?o . ?o <{ng.RDFS_LABEL}> ?label }}
WHERE {{
  {{
    SELECT DISTINCT ?p ?o
    WHERE {{
      $RESOURCE ?p ?o
      FILTER (?p NOT IN (<{ng.SAID_IN_KEY}>, <{ng.REPORTED_IN_KEY}>))
    }}
  }}
  LATERAL {{ OPTIONAL {{ ?o <{ng.RDFS_LABEL}> ?label }} }}
}}"""
"""The resource's facts, each once (a person's repeat in every article naming them), and
the labels of what they link to, looked up one at a time (LATERAL). A source's list keys
(one sort key per article it speaks or reports in, derived: tens of thousands for the
most quoted) are left out; they are in the derived entities graph."""
INCOMING = "SELECT DISTINCT ?s ?p WHERE { ?s ?p $RESOURCE } LIMIT 501"
"""The first links to the resource, in the store's order: sorting them by IRI read every
one (a much-quoted speaker is the object of 100,000s of statements)."""
_EVIDENCE_ROWS = f"""
  LATERAL {{
    GRAPH ?article {{
      {{ BIND($RESOURCE AS ?item) }} UNION {{ ?item <{ng.SAID_BY}> $RESOURCE }}
      UNION {{ ?item <{ng.REPORTED_BY}> $RESOURCE }} UNION {{ ?item <{ng.REPORTED_IN}> $RESOURCE }}
      ?item <{ng.REPORTED_IN}> ?article ; <{ng.TEXT}> ?text .
      OPTIONAL {{ ?item <{ng.SENTENCE}> ?sentence }}
      OPTIONAL {{ ?article <{ng.TITLE}> ?title }}
      OPTIONAL {{ ?article <{ng.IDENTIFIER}> ?articleId }}
      OPTIONAL {{ ?article <{ng.PUBLISHED}> ?published }}
      OPTIONAL {{ ?item <{ng.START_CHAR}> ?start }}
    }}
  }}
}} ORDER BY DESC(?key) ?start"""
EVIDENCE = f"""
SELECT DISTINCT ?item ?text ?sentence ?article ?title ?articleId ?published ?start WHERE {{
  {{
    SELECT ?article ?key
    WHERE {{
      {{ SELECT DISTINCT ?article WHERE {{ GRAPH ?article {{ $RESOURCE a ?type }} }} }}
      ?article <{ng.ARTICLE_KEY}> ?key .
    }}
    ORDER BY DESC(?key)
    LIMIT {EVIDENCE_ARTICLES}
  }}{_EVIDENCE_ROWS}"""
"""The sentences that are the resource's evidence in the newest articles: the articles
whose graphs describe it (by the number kept at ingest that sorts them without reading
IRIs), then their statements and figures about it, one article at a time (LATERAL)."""
SOURCE_EVIDENCE = f"""
SELECT DISTINCT ?item ?text ?sentence ?article ?title ?articleId ?published ?start WHERE {{
  {{
    SELECT DISTINCT ?key
    WHERE {{
      {{ $RESOURCE <{ng.SAID_IN_KEY}> ?key }} UNION {{ $RESOURCE <{ng.REPORTED_IN_KEY}> ?key }}
    }}
    ORDER BY DESC(?key)
    LIMIT {EVIDENCE_ARTICLES}
  }}
  ?article <{ng.ARTICLE_KEY}> ?key .{_EVIDENCE_ROWS}"""
"""A source's evidence: the newest articles in which it says something or reports a
figure, by the sort keys of those articles kept on the source at ingest (numbers sorted
in place, where :data:`EVIDENCE` reads every article that names it: for the most quoted
speaker of a 100,000-article store, tens of thousands), then as :data:`EVIDENCE`. Articles
that only name the source, which have no evidence of it, take no place in the window."""


def init_app(app: Flask, base_iri: str) -> None:
    """Route the minted paths, also under the base's own path when it has one."""
    app.add_url_rule(_RULE, "resource", resource)
    base_path = urlsplit(base_iri).path.rstrip("/")
    if base_path:
        app.add_url_rule(base_path + _RULE, "based_resource", resource)


def with_subject(query: str, iri: NamedNode) -> str:
    """``query`` about ``iri``: a NamedNode's text is always one well-formed ``<...>`` term,
    so writing it into the text cannot change the query's shape (pyoxigraph substitutions
    bind only projected variables, which a CONSTRUCT template has none of).

    >>> with_subject(INCOMING, NamedNode("http://e/x"))
    'SELECT DISTINCT ?s ?p WHERE { ?s ?p <http://e/x> } LIMIT 501'
    """
    return query.replace(_HERE, str(iri))


def resource(kind: str, rest: str) -> Response:
    text = state().settings.base_iri + f"{kind}/{rest}"
    try:
        iri = NamedNode(text)
    except ValueError:
        raise NotFound(f"nothing is known about {text}: it is not a valid IRI") from None
    if not exists(iri):
        raise NotFound(f"nothing is known about {iri.value}")
    fmt = negotiate(FORMATS, name=request.args.get("format"), accept=request.headers.get("Accept"))
    if fmt is HTML:
        response = Response(page(iri), content_type=HTML.content_type)
    else:
        body = page_queries.serialized(with_subject(DESCRIPTION, iri), fmt.name)
        response = Response(body, content_type=fmt.content_type)
    response.vary.add("Accept")
    return response


def exists(iri: NamedNode) -> bool:
    return page_queries.ask(f"ASK {{ {{ {iri} ?p ?o }} UNION {{ ?s ?p {iri} }} }}")


def description(iri: NamedNode) -> list[Any]:
    """Every triple with ``iri`` as subject, and the labels of the nodes it links to (the
    first :data:`MAX_FACTS`)."""
    found, _ = page_queries.triples(with_subject(DESCRIPTION, iri), MAX_FACTS)
    return found


@dataclass(frozen=True)
class Link:
    """A term as a page shows it: its text, and where it links to (if anywhere)."""

    text: str
    href: str | None = None
    title: str | None = None


def local_href(iri: str) -> str | None:
    """Where a page links an IRI: its page on this server when we serve it, else the IRI
    itself when it is http(s) (never a ``javascript:`` or other IRI from the data)."""
    base = state().settings.base_iri
    if iri.startswith(base) and iri[len(base) :].split("/", 1)[0] in KINDS:
        return "/" + quote(iri[len(base) :], safe="/:@!$&'()*+,;=-._~")
    if iri == ng.ONTOLOGY_IRI or iri.startswith(ng.NS):
        return "/ns" + iri[len(ng.ONTOLOGY_IRI) :]
    return iri if iri.startswith(("http://", "https://")) else None


def curie(iri: str) -> str:
    """An IRI in the project's prefixes (``ng:saidBy``), or the IRI when none fits."""
    for prefix, namespace in ng.PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def labels_of(iris: set[str]) -> dict[str, str]:
    """A readable label for each IRI that has one (``rdfs:label``, a title or a text)."""
    if not iris:
        return {}
    values = " ".join(str(NamedNode(i)) for i in sorted(iris))
    props = " ".join(f"<{p}>" for p in _LABEL_PROPERTIES)
    rows = page_queries.rows(
        # LATERAL: each (node, property) looked up; joined with the VALUES rows, Oxigraph
        # read every triple of the store (3 s at 1,000 articles)
        f"SELECT DISTINCT ?x ?p ?l WHERE {{ VALUES ?x {{ {values} }} VALUES ?p {{ {props} }} "
        "LATERAL { ?x ?p ?l } }",
        MAX_FACTS,
    )
    found: dict[str, tuple[int, str]] = {}
    for row in rows:
        rank = _LABEL_PROPERTIES.index(row["p"].value)
        x = row["x"].value
        if x not in found or rank < found[x][0]:
            found[x] = (rank, row["l"].value)
    return {x: label for x, (_, label) in found.items()}


def term_link(term: object, labels: dict[str, str]) -> Link:
    if isinstance(term, NamedNode):
        label = labels.get(term.value)
        return Link(label or curie(term.value), local_href(term.value), term.value)
    if isinstance(term, Literal) and term.language:
        return Link(f"{term.value} @{term.language}")
    return Link(display(term))


def evidence_query(iri: NamedNode) -> str:
    """:data:`SOURCE_EVIDENCE` for a source's IRI, else :data:`EVIDENCE`."""
    base = state().settings.base_iri
    rest = iri.value[len(base) :] if iri.value.startswith(base) else ""
    return SOURCE_EVIDENCE if rest.startswith(SOURCE_KINDS) else EVIDENCE


def page(iri: NamedNode) -> str:
    """The resource's HTML page."""
    facts = [(t.predicate, t.object) for t in description(iri) if t.subject == iri]
    incoming = sorted(  # the first links in the store's order, shown in a fixed order
        ((r["s"], r["p"]) for r in page_queries.rows(with_subject(INCOMING, iri), MAX_LINKS)),
        key=lambda link: (link[1].value, link[0].value),
    )
    evidence = sorted(  # newest article first, then in text order, whatever the store's order
        page_queries.rows(with_subject(evidence_query(iri), iri), MAX_LINKS),
        key=lambda r: (
            -_day_number(r["published"]),
            r["article"].value,
            int(r["start"].value) if r["start"] is not None else -1,
        ),
    )
    named = {t.value for pair in facts for t in pair if isinstance(t, NamedNode)}
    named |= {t.value for pair in incoming for t in pair if isinstance(t, NamedNode)}
    named |= {iri.value}
    labels = labels_of(named)
    types = [term_link(o, labels) for p, o in facts if p.value == ng.RDF_TYPE]
    return render_template(
        "resource.html",
        iri=iri.value,
        label=labels.get(iri.value, iri.value),
        types=types,
        facts=[
            (term_link(p, labels), term_link(o, labels))
            for p, o in sorted(facts, key=lambda f: (curie(f[0].value), display(f[1])))
            if p.value != ng.RDF_TYPE
        ],
        incoming=[(term_link(s, labels), term_link(p, labels)) for s, p in incoming],
        evidence=[
            {
                "item": Link(display(row["text"]), local_href(row["item"].value)),
                "sentence": display(row["sentence"]),
                "article": Link(
                    display(row["title"]) or display(row["articleId"]) or row["article"].value,
                    local_href(row["article"].value),
                ),
                "published": display(row["published"]),
            }
            for row in evidence
        ],
        formats=[f for f in FORMATS if f is not HTML],
        graph=iri.value if page_queries.ask(f"ASK {{ GRAPH {iri} {{ }} }}") else None,
    )


def _day_number(published: object) -> int:
    """An ``xsd:date`` literal as a number that sorts by day (0 when absent)."""
    value = getattr(published, "value", "") or ""
    digits = value[:10].replace("-", "")
    return int(digits) if digits.isdigit() else 0
