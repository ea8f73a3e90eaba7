"""Derived data: what the pages and saved queries read instead of scanning the store.

At 100,000 articles a count, a ranking or a lookup by name that is computed per request
reads millions of quads. These facts are kept instead, in three graphs of
their own, written at ingest (for the articles and sources it touched) and recomputed
whole by ``newsgraph load``; articles' graphs stay exactly what was read from them.

``{base}graph/derived/entities``
    per source (a person, an organisation, an office holder, an unnamed source, a
    document): its classes, one ``skos:prefLabel`` (the name the articles give it most
    often), an ``ng:nameKey`` per name, alias and its IRI in lower case (an exact key
    Oxigraph's indexes find, where matching a name meant scanning every label), and
    for people and organisations ``ng:saidCount`` and ``ng:reportedCount``, how many
    statements they say and how many figures they report.
``{base}graph/derived/articles``
    per article: ``ng:statementCount``, ``ng:figureCount`` and ``ng:attributionCount``
    (every article has them, 0 included), and its ``ng:articleKey`` under the list keys
    of what it has (``ng:statementsKey``, ``ng:figuresKey``, ``ng:attributionsKey``, and
    one per kind of source, e.g. ``ng:anonymousAttributionsKey``): the list queries page
    through the articles newest first and take only those that have something to list.
``{base}graph/derived/stats``
    the store's counts for the home page: articles, statements, figures, people,
    sources and quads in named graphs.

Each name or count is stored once, in one graph, so a join through it over the union of
the graphs meets one copy (every article's graph repeats the labels of the people it
names).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from newsgraph import ontology as ng
from newsgraph.sparql.prebind import batches
from newsgraph.store.base import Store, solutions
from newsgraph.store.rdf import Minter, int_literal

_DATE = NamedNode(ng.XSD + "date")
BATCH = 500
"""Articles or sources per query (in a VALUES block) when only some are refreshed."""


def words_graph(minter: Minter) -> NamedNode:
    return minter.derived_graph("words")


_FOLDS = (
    (re.compile(r"[^a-z0-9]+"), " "),
    (re.compile(r"\b(soldiers?|troops?|servicem[ae]n)\b"), "troop"),
    (re.compile(r"\b(killed|kills?|died|dies|dead|deaths?|fatalities)\b"), "killed"),
    (re.compile(r"\b(injured|injur(y|ies)|wounded|wounds?)\b"), "injured"),
    (re.compile(r"\b(missing|unaccounted)\b"), "missing"),
    (re.compile(r"\b([a-z]{3,})s\b"), r"\1"),
)


def fold(text: str) -> str:
    """Words as the competing-figures query folds them: lower case, words only, synonym
    groups to one word, plurals to singular (the query's regular expressions, in Python).

    >>> fold("Russian soldiers died")
    'russian troop killed'
    """
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text.lower() if pattern is _FOLDS[0][0] else text)
    return " ".join(text.split())


def entities_graph(minter: Minter) -> NamedNode:
    return minter.derived_graph("entities")


def articles_graph(minter: Minter) -> NamedNode:
    return minter.derived_graph("articles")


def stats_graph(minter: Minter) -> NamedNode:
    return minter.derived_graph("stats")


def name_key(name: str) -> str:
    """The key a name is looked up by: lower case, as SPARQL's ``LCASE`` gives it.

    >>> name_key("Donald  Trump"), name_key("https://e.org/id/person/x")
    ('donald  trump', 'https://e.org/id/person/x')
    """
    return name.lower()


_ARTICLE_COUNTS = {
    # statements and figures are described in their own article's graph: counted per
    # graph from one index (a join per item took minutes at 10,000 articles)
    "s": "SELECT ?article (COUNT(?item) AS ?n) "
    "WHERE { %s GRAPH ?article { ?item a ng:Statement } } GROUP BY ?article",
    "f": "SELECT ?article (COUNT(?item) AS ?n) "
    "WHERE { %s GRAPH ?article { ?item a ng:Figure } } GROUP BY ?article",
    "a": "SELECT ?article (COUNT(?item) AS ?n) "
    "WHERE { %s GRAPH ?article { ?item ng:reportedBy ?s } } GROUP BY ?article",
}
_TYPED = """
SELECT DISTINCT ?article ?type
WHERE {
  %s
  GRAPH ?article {
    { ?item ng:saidBy ?source } UNION { ?item ng:alsoSaidBy ?source }
    UNION { ?item a ng:Figure ; ng:reportedBy ?source }
    ?source ng:sourceType ?type
  }
}
"""
"""The kinds of source each article's attributions have (a statement's speakers, a
figure's source), as the attributions query reads them."""
_ARTICLES = """
SELECT ?article ?published
WHERE { %s ?article a ng:Article OPTIONAL { ?article ng:published ?published } }
"""
_LABELS = """
SELECT ?x ?label (COUNT(?g) AS ?n) WHERE { %s GRAPH ?g { ?x rdfs:label ?label } } GROUP BY ?x ?label
"""
_ALIASES = "SELECT DISTINCT ?x ?alias WHERE { %s ?x skos:altLabel ?alias }"
SOURCE_KINDS = ("person/", "org/", "role/", "source/")
"""The kinds of IRI (newsgraph.store.rdf) of sources: every other labelled node (a
claim) is left out of the entities graph. Telling them by IRI needs no join per node."""
_SAID = "SELECT ?x (COUNT(?s) AS ?n) WHERE { %s ?s ng:saidBy ?x } GROUP BY ?x"
_REPORTED = "SELECT ?x (COUNT(?f) AS ?n) WHERE { %s ?f ng:reportedBy ?x } GROUP BY ?x"
_QUOTED_IN = """
SELECT DISTINCT ?x ?article ?published
WHERE { %s GRAPH ?article { ?item ng:%s ?x } OPTIONAL { ?article ng:published ?published } }
"""


def _values(variable: str, iris: Sequence[str] | None) -> str:
    if iris is None:
        return ""
    return f"VALUES ?{variable} {{ {' '.join(str(NamedNode(i)) for i in iris)} }}"


def _chunks(iris: Iterable[str] | None) -> Iterator[Sequence[str] | None]:
    if iris is None:
        yield None
    else:
        yield from batches(sorted(set(iris)), BATCH)


def article_quads(
    store: Store, minter: Minter, articles: Iterable[str] | None = None
) -> Iterator[Quad]:
    """The derived facts of ``articles`` (IRIs; all when None)."""
    graph = articles_graph(minter)
    for chunk in _chunks(articles):
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        keys: dict[str, int] = {}
        for row in solutions(store.query(_ARTICLES % _values("article", chunk))):
            counts[row["article"].value]  # noqa: B018 (every article has its counts, 0 too)
            keys[row["article"].value] = article_key(row["article"].value, row["published"])
        for kind, sparql in _ARTICLE_COUNTS.items():
            for row in solutions(store.query(sparql % _values("article", chunk))):
                counts[row["article"].value][kind] = int(row["n"].value)
        typed: dict[str, set[str]] = defaultdict(set)
        for row in solutions(store.query(_TYPED % _values("article", chunk))):
            if row["type"].value in ng.SOURCE_TYPES:
                typed[row["article"].value].add(row["type"].value)
        for article, found in counts.items():
            node = NamedNode(article)
            s, f = found["s"], found["f"]
            yield Quad(node, NamedNode(ng.STATEMENT_COUNT), int_literal(s), graph)
            yield Quad(node, NamedNode(ng.FIGURE_COUNT), int_literal(f), graph)
            yield Quad(node, NamedNode(ng.ATTRIBUTION_COUNT), int_literal(s + found["a"]), graph)
            key = int_literal(keys.get(article, article_key(article, None)))
            yield Quad(node, NamedNode(ng.ARTICLE_KEY), key, graph)
            for prop, present in (
                (ng.STATEMENTS_KEY, s),
                (ng.FIGURES_KEY, f),
                (ng.ATTRIBUTIONS_KEY, s + found["a"]),
            ):
                if present:
                    yield Quad(node, NamedNode(prop), key, graph)
            for source_type in sorted(typed.get(article, ())):
                yield Quad(node, NamedNode(ng.typed_attributions_key(source_type)), key, graph)


def article_key(iri: str, published: object) -> int:
    """A whole number that sorts articles newest first in descending order: the day
    (its ordinal; 0 when undated) in the high bits, a hash of the IRI below to break ties.
    Oxigraph compares numbers in place, where comparing IRIs reads each from the store.

    >>> import datetime as dt
    >>> from pyoxigraph import Literal
    >>> new = article_key("a", Literal("2016-10-02", datatype=_DATE))
    >>> new > article_key("b", Literal("2016-10-01", datatype=_DATE)) > article_key("c", None)
    True
    """
    day = _ordinal(published)
    tie = int.from_bytes(hashlib.sha1(iri.encode("utf-8")).digest()[:5], "big")
    return (day << 40) | tie


_FIGURES = """
SELECT ?figure ?text ?what
WHERE {
  %s
  GRAPH ?article { ?figure a ng:Figure ; ng:text ?text OPTIONAL { ?figure ng:counts ?what } }
}
"""


def word_quads(
    store: Store, minter: Minter, articles: Iterable[str] | None = None
) -> Iterator[Quad]:
    """The folded words (:func:`fold`) of the figures of ``articles`` (all when None)."""
    graph = words_graph(minter)
    prop = NamedNode(ng.FIGURE_WORD)
    for chunk in _chunks(articles):
        for row in solutions(store.query(_FIGURES % _values("article", chunk))):
            what = row["what"].value if row["what"] is not None else ""
            for word in sorted(set(fold(f"{what} {row['text'].value}").split())):
                yield Quad(row["figure"], prop, Literal(word), graph)


def _ordinal(term: object) -> int:
    """The day of a date literal as an ordinal (0 for none or a malformed one)."""
    value = getattr(term, "value", None)
    try:
        return dt.date.fromisoformat(value[:10]).toordinal() if value else 0
    except ValueError:
        return 0


def entity_quads(
    store: Store, minter: Minter, sources: Iterable[str] | None = None
) -> Iterator[Quad]:
    """The derived facts of ``sources`` (IRIs; all when None)."""
    graph = entities_graph(minter)
    for chunk in _chunks(sources):
        values = _values("x", chunk)
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        kinds = tuple(minter.base + kind for kind in SOURCE_KINDS)
        named = tuple(minter.base + kind for kind in SOURCE_KINDS[:2])
        for row in solutions(store.query(_LABELS % values)):
            if row["x"].value.startswith(kinds):
                labels[row["x"].value][row["label"].value] += int(row["n"].value)
        keys: dict[str, set[str]] = defaultdict(set)
        for x, found in labels.items():
            keys[x].update(name_key(label) for label in found)
            keys[x].add(name_key(x))
        for row in solutions(store.query(_ALIASES % values)):
            if row["x"].value in labels:
                keys[row["x"].value].add(name_key(row["alias"].value))
        said = {
            row["x"].value: int(row["n"].value) for row in solutions(store.query(_SAID % values))
        }
        told = {
            row["x"].value: int(row["n"].value)
            for row in solutions(store.query(_REPORTED % values))
        }
        quoted: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for prop, key_prop in (("saidBy", ng.SAID_IN_KEY), ("reportedBy", ng.REPORTED_IN_KEY)):
            for row in solutions(store.query(_QUOTED_IN % (values, prop))):
                key = article_key(row["article"].value, row["published"])
                quoted[row["x"].value].append((key_prop, key))
        for x, found in labels.items():
            node = NamedNode(x)
            for key_prop, key in quoted.get(x, ()):
                yield Quad(node, NamedNode(key_prop), int_literal(key), graph)
            # the name most articles give; among equals the longest, then the first
            name = min(found, key=lambda label: (-found[label], -len(label), label))
            yield Quad(node, NamedNode(ng.SKOS_PREF_LABEL), Literal(name), graph)
            for cls in _classes(x, minter):
                yield Quad(node, NamedNode(ng.RDF_TYPE), NamedNode(cls), graph)
            for name_key_ in sorted(keys[x]):
                yield Quad(node, NamedNode(ng.NAME_KEY), Literal(name_key_), graph)
            if x.startswith(named):  # the lists people pick from: named, shared sources
                if said.get(x):
                    yield Quad(node, NamedNode(ng.SAID_COUNT), int_literal(said[x]), graph)
                if told.get(x):
                    yield Quad(node, NamedNode(ng.REPORTED_COUNT), int_literal(told[x]), graph)


def _classes(iri: str, minter: Minter) -> tuple[str, ...]:
    """The classes the entities graph keeps: every source is an ``ng:Source``; people and
    organisations (named, shared across articles) are told apart by their IRIs, which
    :class:`~newsgraph.store.rdf.Minter` makes by kind."""
    if iri.startswith(minter.base + "person/"):
        return (ng.PERSON, ng.SOURCE)
    if iri.startswith(minter.base + "org/"):
        return (ng.ORGANIZATION, ng.SOURCE)
    return (ng.SOURCE,)


_STATS_QUERIES = {
    ng.ARTICLE_COUNT: "SELECT (COUNT(?x) AS ?n) WHERE { GRAPH %(a)s { ?x ng:statementCount ?c } }",
    ng.STATEMENT_TOTAL: "SELECT (SUM(?c) AS ?n) WHERE { GRAPH %(a)s { ?x ng:statementCount ?c } }",
    ng.FIGURE_TOTAL: "SELECT (SUM(?c) AS ?n) WHERE { GRAPH %(a)s { ?x ng:figureCount ?c } }",
    ng.PERSON_COUNT: "SELECT (COUNT(?x) AS ?n) WHERE { GRAPH %(e)s { ?x a ng:Person } }",
    ng.SOURCE_COUNT: "SELECT (COUNT(?x) AS ?n) WHERE { GRAPH %(e)s { ?x a ng:Source } }",
}


def stats_quads(store: Store, minter: Minter) -> list[Quad]:
    """The store's counts (read from the other derived graphs, and the store's size)."""
    graph = stats_graph(minter)
    names = {"a": str(articles_graph(minter)), "e": str(entities_graph(minter))}
    quads = []
    for prop, sparql in _STATS_QUERIES.items():
        rows = list(solutions(store.query(sparql % names)))
        value = rows[0]["n"] if rows and rows[0]["n"] is not None else None
        count = int(value.value) if value is not None else 0
        quads.append(Quad(graph, NamedNode(prop), int_literal(count), graph))
    # the store's size outside this graph, so that counting again counts the same
    rows = list(
        solutions(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))
    )
    own = int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0
    size = quad_count(store) - own
    quads.append(Quad(graph, NamedNode(ng.QUAD_COUNT), int_literal(size), graph))
    days = NamedNode(ng.STATEMENT_DAY)
    quads += [Quad(graph, days, row["day"], graph) for row in solutions(store.query(_DAYS))]
    return quads


TOP = 1000
"""How many claims (the most widely reported) and denials (the newest) are ranked: the
claims and contradictions lists page through these, as sorting every claim per request
read the whole store."""
_CLAIM_RANKING = """
SELECT ?x ?reports ?first WHERE {
  ?x ng:reportCount ?reports OPTIONAL { ?x ng:firstPublished ?first } }
ORDER BY DESC(?reports) ?first LIMIT %d
"""
_DENIAL_RANKING = """
SELECT ?x ?day WHERE { ?x ng:denial ?denial OPTIONAL { ?x ng:denialPublished ?day } }
ORDER BY DESC(?day) LIMIT %d
"""
# Sorted by numbers and dates only (Oxigraph's sort is stable, so ties keep the order of
# its index): comparing IRIs would read each of them from the store.
_DAYS = "SELECT DISTINCT ?day WHERE { ?statement ng:saidOn ?day }"


def ranks_graph(minter: Minter) -> NamedNode:
    return minter.derived_graph("ranks")


def rank_quads(store: Store, minter: Minter) -> list[Quad]:
    """``ng:listRank`` of the :data:`TOP` most widely reported claims (then the earliest)
    and of the :data:`TOP` newest denials of a claim."""
    graph = ranks_graph(minter)
    quads = []
    for sparql, keys in ((_CLAIM_RANKING, ("reports", "first")), (_DENIAL_RANKING, ("day",))):
        rows = [
            (tuple(row[k].value if row[k] is not None else None for k in keys), row["x"])
            for row in solutions(store.query(sparql % TOP))
        ]
        # Ties in the store's order depend on how the graphs were written (one process or
        # Dask workers): the IRI breaks them here, on the TOP rows only, so both agree.
        ordered = [x for _, x in sorted(_tied(rows), key=lambda pair: (pair[0], pair[1].value))]
        for place, x in enumerate(ordered, start=1):
            quads.append(Quad(x, NamedNode(ng.LIST_RANK), int_literal(place), graph))
    return quads


def _tied(rows: list[tuple[tuple[str | None, ...], NamedNode]]) -> Iterator[tuple[int, NamedNode]]:
    """Each row's group of equal sort keys (0, 1, ...) in the order the query gave."""
    group, last = -1, None
    for key, x in rows:
        if key != last:
            group, last = group + 1, key
        yield group, x


def quad_count(store: Store) -> int:
    """Quads in the store (named graphs and the default graph)."""
    count = getattr(store, "count", None)
    if count is not None:
        return int(count())
    rows = list(solutions(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))
    return int(rows[0]["n"].value)


def refresh(
    store,
    minter: Minter,
    *,
    articles: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
) -> int:
    """Recompute the derived facts of ``articles`` and ``sources`` (IRIs), then the
    store's counts; with neither given, recompute every derived graph whole (after a
    load). Returns the number of derived quads written.

    Works on a :class:`~newsgraph.store.GraphStore` or a remote store (it only queries,
    removes nodes and adds quads).
    """
    whole = articles is None and sources is None
    written = 0
    for graph, make, wanted in (
        (articles_graph(minter), article_quads, articles),
        (entities_graph(minter), entity_quads, sources),
        (words_graph(minter), word_quads, articles),
    ):
        if whole:
            if store.has_graph(graph):
                store.remove_graph(graph)
            quads = list(make(store, minter))
        elif wanted:
            wanted = sorted(set(wanted))
            quads = list(make(store, minter, wanted))
            for chunk in batches(wanted, BATCH):
                store.remove_nodes([(NamedNode(i), graph) for i in chunk])
        else:
            continue
        for part in batches(quads, 100_000):
            store.add_quads(part)
        written += len(quads)
    ranks = rank_quads(store, minter)
    store.replace_graph(ranks_graph(minter), ranks)
    stats = stats_quads(store, minter)
    counted = {
        q.predicate.value: int(q.object.value)
        for q in stats
        if q.predicate.value in (ng.ARTICLE_COUNT, ng.SOURCE_COUNT)
        and isinstance(q.object, Literal)
    }
    if not counted.get(ng.ARTICLE_COUNT) and not counted.get(ng.SOURCE_COUNT):
        stats = []  # no article and no source (reference data only): nothing to count
    store.replace_graph(stats_graph(minter), stats)
    return written + len(ranks) + len(stats)


def sources_in_graphs(store: Store, graphs: Iterable[str]) -> set[str]:
    """The sources described in some articles' graphs, read from the store: what
    :func:`sources_in` gives for quads that were written elsewhere (Dask workers)."""
    found: set[str] = set()
    for chunk in batches(sorted(set(graphs)), BATCH):
        query = (
            f"SELECT DISTINCT ?s WHERE {{ {_values('g', chunk)} "
            f"GRAPH ?g {{ ?s <{ng.SOURCE_TYPE}> ?t }} }}"
        )
        found.update(row["s"].value for row in solutions(store.query(query)))
    return found


def sources_in(quads: Iterable[Quad]) -> set[str]:
    """The sources described in some quads (an article's graph): their IRIs."""
    return {
        q.subject.value
        for q in quads
        if q.predicate.value == ng.SOURCE_TYPE and isinstance(q.subject, NamedNode | BlankNode)
    }
