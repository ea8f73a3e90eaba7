"""Records, claims and renames to RDF: the one place that mints IRIs.

Extraction records become an article's quads (:func:`extraction_to_quads`); the claims
that link reports across articles and their denials become quads of the claims' graphs
(:func:`claim_quads`, :func:`claim_denial_quads`); a person renamed across articles is a
SPARQL update (:func:`merge_update`, :func:`rename_update`, :func:`remove_nodes_update`).
The derived data the canned queries read (counts, ranks, list keys) is computed from the
store by :mod:`newsgraph.store.derived`, with IRIs from the :class:`Minter` here.

Every fact extracted from an article goes into the named graph of that article (the
article's IRI), so re-ingesting it replaces exactly its facts. IRIs are built from a
configurable base::

    {base}article/{key}                 an article (and the name of its graph)
    {base}person/{slug}                 one per real-world person, across articles
    {base}org/{slug}                    one per organisation, across articles
    {base}role/{article key}/{slug}     an unnamed office holder, per article
    {base}source/{article key}/{slug}   an unnamed or anonymous source, or a document,
                                        per article (by its description)
    {base}statement/{article key}/{start}-{end}
    {base}figure/{article key}/{start}-{end}
    {base}claim/{article key}/{start}-{end}   named after its earliest report
    {base}graph/claims/{speaker group}     derived graphs of claims
    {base}graph/derived/{name}             derived data (counts, ranks, list keys)

>>> Minter("https://example.org/id/").person("Vladimir Putin").value
'https://example.org/id/person/vladimir-putin'
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Protocol

from pyoxigraph import Literal, NamedNode, Quad

from newsgraph import ontology as ng
from newsgraph.extract.records import (
    UNNAMED_KINDS,
    Article,
    Entity,
    Extraction,
    Figure,
    Statement,
)

_XSD_DATE = NamedNode(ng.XSD + "date")
_XSD_DECIMAL = NamedNode(ng.XSD + "decimal")
_XSD_INTEGER = NamedNode(ng.XSD + "integer")
_XSD_BOOLEAN = NamedNode(ng.XSD + "boolean")
_XSD_ANYURI = NamedNode(ng.XSD + "anyURI")
_SAFE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,119}$")

_BASIS = {
    "explicit": NamedNode(ng.EXPLICIT_DATE),
    "context": NamedNode(ng.CONTEXT_DATE),
    "publication": NamedNode(ng.PUBLICATION_DATE),
}
_KIND_CLASSES = {
    "person": (ng.PERSON, ng.SOURCE),
    "org": (ng.ORGANIZATION, ng.SOURCE),
    "role": (ng.ROLE, ng.SOURCE),
    "group": (ng.SOURCE,),
    "document": (ng.DOCUMENT, ng.SOURCE),
    "unnamed-person": (ng.UNNAMED_PERSON, ng.UNNAMED_SOURCE, ng.SOURCE),
    "unnamed-group": (ng.UNNAMED_GROUP, ng.UNNAMED_SOURCE, ng.SOURCE),
    "anonymous": (ng.ANONYMOUS_SOURCE, ng.UNNAMED_SOURCE, ng.SOURCE),
}


def slug(text: str) -> str:
    """A lower-case ASCII slug for an IRI path segment.

    >>> slug("Russia’s Ministry of Defense")
    'russias-ministry-of-defense'
    >>> slug("Volodymyr Zelenskyy")
    'volodymyr-zelenskyy'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def article_key(article_id: str) -> str:
    """The IRI path segment for an article identifier (kept as is when it is safe).

    >>> article_key("000_809dbdc737c32f88.txt")
    '000_809dbdc737c32f88.txt'
    >>> article_key("https://example.com/news/a b")
    'example-com-news-a-b-78d1e822'
    """
    if _SAFE_KEY.match(article_id):
        return article_id
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
    readable = slug(re.sub(r"^[a-z]+://(www\.)?", "", article_id))[:80]
    return f"{readable}-{digest}"


def decimal_literal(number: float) -> Literal:
    """An ``xsd:decimal`` literal in canonical lexical form (no exponent).

    >>> decimal_literal(5.5e9).value
    '5500000000'
    >>> decimal_literal(2.5).value
    '2.5'
    """
    text = format(Decimal(repr(float(number))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text, datatype=_XSD_DECIMAL)


def date_literal(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=_XSD_DATE)


def int_literal(number: int) -> Literal:
    return Literal(str(number), datatype=_XSD_INTEGER)


def bool_literal(flag: bool) -> Literal:
    return Literal("true" if flag else "false", datatype=_XSD_BOOLEAN)


class Minter:
    """Mints the IRIs of one deployment from its base IRI."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri if base_iri.endswith("/") else base_iri + "/"

    def article(self, article_id: str) -> NamedNode:
        return NamedNode(f"{self.base}article/{article_key(article_id)}")

    def person(self, name: str) -> NamedNode:
        return NamedNode(f"{self.base}person/{slug(name)}")

    def org(self, name: str) -> NamedNode:
        return NamedNode(f"{self.base}org/{slug(name)}")

    def role(self, article_id: str, description: str) -> NamedNode:
        return NamedNode(f"{self.base}role/{article_key(article_id)}/{slug(description)}")

    def described(self, article_id: str, description: str) -> NamedNode:
        """An unnamed source or a document: a node of its article, by its description."""
        return NamedNode(f"{self.base}source/{article_key(article_id)}/{slug(description)}")

    def entity(self, entity: Entity, article_id: str) -> NamedNode:
        if entity.kind == "person":
            return self.person(entity.name)
        if entity.kind == "role":
            return self.role(article_id, entity.name)
        if entity.kind in UNNAMED_KINDS:
            return self.described(article_id, entity.name)
        return self.org(entity.name)

    def statement(self, article_id: str, statement: Statement) -> NamedNode:
        key = article_key(article_id)
        return NamedNode(f"{self.base}statement/{key}/{statement.start}-{statement.end}")

    def figure(self, article_id: str, figure: Figure) -> NamedNode:
        key = article_key(article_id)
        return NamedNode(f"{self.base}figure/{key}/{figure.start}-{figure.end}")

    def claim(self, first_statement: str) -> NamedNode:
        """A claim, named after the IRI of its earliest report."""
        prefix = f"{self.base}statement/"
        key = first_statement.removeprefix(prefix)
        if key == first_statement:
            key = hashlib.sha1(first_statement.encode("utf-8")).hexdigest()[:16]
        return NamedNode(f"{self.base}claim/{key}")

    def claim_denial(self, denial: str, claim: str) -> NamedNode:
        """A negated statement's denial of a claim, named after the two IRIs."""
        key = hashlib.sha1(f"{denial} {claim}".encode()).hexdigest()[:16]
        return NamedNode(f"{self.base}denial/{key}")

    def derived_graph(self, name: str) -> NamedNode:
        """The graph of derived data called ``name`` (words, entities, articles, stats,
        ranks: :mod:`newsgraph.store.derived`)."""
        return NamedNode(f"{self.base}graph/derived/{name}")

    def claims_graph(self, group: str) -> NamedNode:
        """The graph holding the claims of one speaker group."""
        return NamedNode(f"{self.base}graph/claims/{slug(group)}")


@functools.lru_cache(maxsize=512)
def _predicate(iri: str) -> NamedNode:
    """The node of a predicate (the ontology has a few dozen; made once each)."""
    return NamedNode(iri)


class _GraphWriter:
    """Collects the quads of one article's graph."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []
        self._seen: set[tuple[NamedNode, str, NamedNode | Literal]] = set()

    def add(self, s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        key = (s, p, o)  # terms hash and compare by value (no N-Triples string made)
        if key not in self._seen:
            self._seen.add(key)
            self.quads.append(Quad(s, _predicate(p), o, self.graph))

    def text(self, s: NamedNode, p: str, value: str | None) -> None:
        if value:
            self.add(s, p, Literal(value))


def extraction_to_quads(extraction: Extraction, minter: Minter) -> tuple[NamedNode, list[Quad]]:
    """The article's graph IRI and every quad of that graph.

    Entity names are used as they are: cross-article identity (``Putin`` = ``Vladimir
    Putin``) is settled before this by :mod:`newsgraph.link.registry`.
    """
    article = extraction.article
    graph = minter.article(article.id)
    out = _GraphWriter(graph)
    _article(out, graph, article, minter)
    for statement in extraction.statements:
        _statement(out, graph, article, statement, minter)
    for figure in extraction.figures:
        _figure(out, graph, article, figure, minter)
    return graph, out.quads


def _article(out: _GraphWriter, node: NamedNode, article: Article, minter: Minter) -> None:
    out.add(node, ng.RDF_TYPE, NamedNode(ng.ARTICLE))
    out.text(node, ng.IDENTIFIER, article.id)
    out.text(node, ng.TITLE, article.title)
    if article.published:
        out.add(node, ng.PUBLISHED, date_literal(article.published))
    if article.url:
        out.add(node, ng.URL, Literal(article.url, datatype=_XSD_ANYURI))
    if article.publisher:
        publisher = minter.org(article.publisher)
        out.add(node, ng.PUBLISHER, publisher)
        out.add(publisher, ng.RDF_TYPE, NamedNode(ng.ORGANIZATION))
        out.add(publisher, ng.RDFS_LABEL, Literal(article.publisher))
        out.add(publisher, ng.SOURCE_TYPE, Literal("named-organization"))


def _entity(out: _GraphWriter, entity: Entity, article: Article, minter: Minter) -> NamedNode:
    node = minter.entity(entity, article.id)
    for cls in _KIND_CLASSES[entity.kind]:
        out.add(node, ng.RDF_TYPE, NamedNode(cls))
    out.add(node, ng.RDFS_LABEL, Literal(entity.name))
    for alias in entity.aliases:
        if alias != entity.name:
            out.add(node, ng.SKOS_ALT_LABEL, Literal(alias))
    for title in entity.titles:
        out.text(node, ng.HONORIFIC, title)
    for role in entity.roles:
        out.text(node, ng.ROLE_PROP, role)
    out.add(node, ng.SOURCE_TYPE, Literal(entity.source_type))  # a spokesperson's: whom for
    if entity.kind in UNNAMED_KINDS or entity.kind == "role":  # described, not named
        out.add(node, ng.DESCRIPTION, Literal(entity.name))
    if entity.affiliation is not None:
        link = ng.ISSUED_BY if entity.kind == "document" else ng.AFFILIATION
        out.add(node, link, _entity(out, entity.affiliation, article, minter))
    return node


def _evidence(
    out: _GraphWriter, node: NamedNode, graph: NamedNode, item: Statement | Figure
) -> None:
    out.add(node, ng.TEXT, Literal(item.text))
    out.add(node, ng.REPORTED_IN, graph)
    out.text(node, ng.SENTENCE, item.sentence)
    out.add(node, ng.START_CHAR, int_literal(item.start))
    out.add(node, ng.END_CHAR, int_literal(item.end))


def _statement(
    out: _GraphWriter, graph: NamedNode, article: Article, st: Statement, minter: Minter
) -> None:
    node = minter.statement(article.id, st)
    out.add(node, ng.RDF_TYPE, NamedNode(ng.STATEMENT))
    _evidence(out, node, graph, st)
    out.add(node, ng.SAID_BY, _entity(out, st.speaker, article, minter))
    for other in st.co_speakers:  # "A, B and C warned": each said it
        out.add(node, ng.ALSO_SAID_BY, _entity(out, other, article, minter))
    out.add(node, ng.DIRECT, bool_literal(st.direct))
    out.add(node, ng.STATEMENT_KIND, Literal(st.kind))
    if st.date is not None:
        out.add(node, ng.SAID_ON, date_literal(st.date))
        out.add(node, ng.DATE_BASIS_PROP, _BASIS[st.date_basis])
        out.text(node, ng.DATE_TEXT, st.date_text)
    else:
        out.add(node, ng.DATE_BASIS_PROP, _BASIS["publication"])
    out.text(node, ng.CUE, st.cue)
    out.text(node, ng.SPEAKER_MENTION, st.speaker_mention)
    out.add(node, ng.NEGATED, bool_literal(st.negated))
    for keyword in st.keywords:
        out.add(node, ng.KEYWORD, Literal(keyword))
    for term in st.denies:
        out.add(node, ng.DENIES, Literal(term))
    for word in st.denied_words:
        out.add(node, ng.DENIED_WORD, Literal(word))


def _figure(
    out: _GraphWriter, graph: NamedNode, article: Article, fig: Figure, minter: Minter
) -> None:
    node = minter.figure(article.id, fig)
    out.add(node, ng.RDF_TYPE, NamedNode(ng.FIGURE))
    _evidence(out, node, graph, fig)
    for prop, number in ((ng.VALUE, fig.value), (ng.LOW, fig.low), (ng.HIGH, fig.high)):
        if number is not None:
            out.add(node, prop, decimal_literal(number))
    out.text(node, ng.UNIT, fig.unit)
    out.text(node, ng.COUNTS, fig.what)
    out.text(node, ng.QUALIFIER, fig.qualifier)
    out.text(node, ng.HEDGE, fig.hedge)
    out.add(node, ng.ATTRIBUTION, Literal(fig.attribution))
    if fig.source is not None:
        out.add(node, ng.REPORTED_BY, _entity(out, fig.source, article, minter))


# --- Claims across articles (newsgraph.link.claims decides which reports they join) ------


class Reported(Protocol):
    """One report of a claim, as :func:`claim_quads` needs it."""

    @property
    def statement(self) -> str: ...
    @property
    def article(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def published(self) -> dt.date | None: ...
    @property
    def publisher(self) -> str | None: ...


def claim_quads(
    graph: NamedNode, claims: Iterable[Sequence[Reported]], minter: Minter
) -> Iterator[Quad]:
    """The quads of claims (each its reports, the earliest first) in ``graph``."""
    for reports in claims:
        first = reports[0]
        claim = minter.claim(first.statement)
        yield Quad(claim, NamedNode(ng.RDF_TYPE), NamedNode(ng.CLAIM), graph)
        yield Quad(claim, NamedNode(ng.RDFS_LABEL), Literal(first.text), graph)
        yield Quad(claim, NamedNode(ng.FIRST_REPORT), NamedNode(first.statement), graph)
        # What the claims list sorts and shows, kept here rather than counted per request.
        articles = {r.article for r in reports}
        outlets = {r.publisher or r.article for r in reports}
        yield Quad(claim, NamedNode(ng.REPORT_COUNT), int_literal(len(articles)), graph)
        yield Quad(claim, NamedNode(ng.OUTLET_COUNT), int_literal(len(outlets)), graph)
        days = [r.published for r in reports if r.published is not None]
        if days:
            yield Quad(claim, NamedNode(ng.FIRST_PUBLISHED), date_literal(min(days)), graph)
        for report in reports:
            yield Quad(NamedNode(report.statement), NamedNode(ng.CLAIM_PROP), claim, graph)


def claim_denial_quads(
    graph: NamedNode,
    denial: NamedNode,
    claim: NamedNode,
    terms: Iterable[str],
    minter: Minter,
    day: Literal | None = None,
) -> Iterator[Quad]:
    """The quads linking a denial to the claim it denies, through the words they share."""
    node = minter.claim_denial(denial.value, claim.value)
    yield Quad(node, NamedNode(ng.RDF_TYPE), NamedNode(ng.CLAIM_DENIAL), graph)
    if day is not None:  # the denial's article's day: the contradictions list sorts by it
        yield Quad(node, NamedNode(ng.DENIAL_PUBLISHED), day, graph)
    yield Quad(node, NamedNode(ng.DENIAL), denial, graph)
    yield Quad(node, NamedNode(ng.DENIED_CLAIM), claim, graph)
    for term in sorted(terms):
        yield Quad(node, NamedNode(ng.SHARED_TERM), Literal(term), graph)


# --- Renames across articles (newsgraph.link.registry decides them) ---------------------


def remove_nodes_update(nodes: Sequence[tuple[NamedNode, NamedNode]]) -> str:
    """The SPARQL update removing every quad whose subject is ``node`` in ``graph``, for
    each (node, graph)."""
    return " ; ".join(f"DELETE WHERE {{ GRAPH {g} {{ {n} ?p ?o }} }}" for n, g in nodes)


def merge_update(
    old: NamedNode, new: NamedNode, label: str, graphs: Sequence[str] | None = None
) -> str:
    """The SPARQL update renaming ``old`` to ``new`` in every graph (or only in
    ``graphs``), making ``label`` its ``rdfs:label`` and keeping the labels it had as
    ``skos:altLabel``."""
    lit = Literal(label)
    label_p, alt_p = f"<{ng.RDFS_LABEL}>", f"<{ng.SKOS_ALT_LABEL}>"
    only = (
        "" if graphs is None else f"VALUES ?g {{ {' '.join(str(NamedNode(g)) for g in graphs)} }} "
    )
    return f"""
        DELETE {{ GRAPH ?g {{ {old} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {new} ?p ?o }} }}
        WHERE {{ {only}GRAPH ?g {{ {old} ?p ?o }} }} ;
        DELETE {{ GRAPH ?g {{ ?s ?p {old} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {new} }} }}
        WHERE {{ {only}GRAPH ?g {{ ?s ?p {old} }} }} ;
        DELETE {{ GRAPH ?g {{ {new} {label_p} ?l }} }}
        INSERT {{ GRAPH ?g {{ {new} {alt_p} ?l . {new} {label_p} {lit} }} }}
        WHERE {{ {only}GRAPH ?g {{ {new} {label_p} ?l FILTER (?l != {lit}) }} }}
        """


def rename_update(graph: str, old: str, new: str, name: str, labels: Sequence[str]) -> str:
    """The SPARQL update making, in one graph, the node ``old`` the node ``new`` labelled
    ``name``, its bare ``labels`` kept as ``skos:altLabel`` (and an alias equal to
    ``name`` dropped)."""
    g, old_node, new_node = NamedNode(graph), NamedNode(old), NamedNode(new)
    ops = []
    if old_node != new_node:
        ops += [
            f"DELETE {{ GRAPH {g} {{ {old_node} ?p ?o }} }} "
            f"INSERT {{ GRAPH {g} {{ {new_node} ?p ?o }} }} "
            f"WHERE {{ GRAPH {g} {{ {old_node} ?p ?o }} }}",
            f"DELETE {{ GRAPH {g} {{ ?s ?p {old_node} }} }} "
            f"INSERT {{ GRAPH {g} {{ ?s ?p {new_node} }} }} "
            f"WHERE {{ GRAPH {g} {{ ?s ?p {old_node} }} }}",
        ]
    label, alt = f"<{ng.RDFS_LABEL}>", f"<{ng.SKOS_ALT_LABEL}>"
    bare = " ".join(f"{new_node} {label} {Literal(n)} ." for n in labels)
    bare += f" {new_node} {alt} {Literal(name)} ."  # an alias that is now its name
    aliases = " ".join(f"{new_node} {alt} {Literal(n)} ." for n in labels)
    ops.append(f"DELETE DATA {{ GRAPH {g} {{ {bare} }} }}")
    ops.append(f"INSERT DATA {{ GRAPH {g} {{ {new_node} {label} {Literal(name)} . {aliases} }} }}")
    return " ;\n".join(ops)
