"""Claims across articles: the same words reported by several outlets become one claim.

Statements are grouped by who speaks: an organisation, or a person — a spokesperson
counts with the organisation they speak for ("Defense Ministry spokesman Igor
Konashenkov" with "Russia's Ministry of Defense"). Within a group, two statements of
different articles report the same claim when their days agree (the same day, or one
undated) and their keywords overlap: at least ``MIN_SHARED`` shared, weighing at least
``MIN_OVERLAP`` of the shorter statement's keywords, each keyword weighted by how rare it
is among the group's statements (so "conscripts", said in every statement of a story,
counts for little). Pairs are joined best first, and a claim never takes two statements
of one article, so three translations of one quotation join while an article's
different sentences stay apart.

Claims are derived data: each speaker group's claims live in a graph of their own,
``{base}graph/claims/{group}``, recomputed after every ingest for the groups it touched,
so articles' graphs stay exactly what was read from them.

Denials are linked to claims the same way (:func:`link_claims`): a negated statement
denies a claim (an ``ng:ClaimDenial``) when a report of the claim that is not negated
uses a word the statement denies together with another word of what it denies. A
denial lives in the graph of the claim it denies, so it is recomputed with that claim;
the denials of the statements an ingest touched are recomputed against every claim.
The ``contradictions`` query reads these links: joining every denial with every
statement holding its words at query time took minutes over 10,000 articles.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from newsgraph import ontology as ng
from newsgraph.extract.lexicon import ORG_NOUNS, PERSON_ROLE_NOUNS
from newsgraph.extract.name_forms import org_key
from newsgraph.sparql.prebind import batches
from newsgraph.store.base import Store, solutions
from newsgraph.store.derived import rank_quads, ranks_graph
from newsgraph.store.rdf import Minter, claim_denial_quads, claim_quads

MIN_SHARED = 2
MIN_OVERLAP = 0.45
_DEMONYM = re.compile(r"^(?:[a-z]+(?:ian|an|ese|ish|ch|i)|us|uk|eu|un)$")


@dataclass(frozen=True)
class Report:
    """One statement as the claim linker sees it."""

    statement: str
    speaker: str
    article: str
    text: str
    keywords: frozenset[str]
    date: dt.date | None
    published: dt.date | None
    negated: bool = False
    publisher: str | None = None


def org_group(name: str) -> str:
    """The group key of an organisation: :func:`~newsgraph.extract.name_forms.org_key`
    (no articles or owners, "X of Y" as "Y X") without a leading nationality.

    >>> org_group("Russia’s Ministry of Defence"), org_group("the Russian Defense Ministry")
    ('defense ministry', 'defense ministry')
    """
    words = org_key(name).split()
    while len(words) > 1 and _DEMONYM.match(words[0]) and words[0] not in ORG_NOUNS:
        words = words[1:]
    return " ".join(words)


def affiliation(role: str) -> str | None:
    """The organisation a role speaks for, if it names one.

    >>> affiliation("Defense Ministry spokesman")
    'defense ministry'
    >>> affiliation("spokesman of the Ministry of Defense")
    'defense ministry'
    >>> affiliation("Russian senator") is None
    True
    """
    words = re.findall(r"[\w'’.-]+", role)
    if not any(w.lower() in ORG_NOUNS for w in words):
        return None
    kept = [w for w in words if w.lower() not in PERSON_ROLE_NOUNS]
    while kept and kept[0].lower() in ("of", "for", "at", "the"):
        kept = kept[1:]
    key = org_group(" ".join(kept))
    return key or None


def speaker_group(speaker: str, kind: str, label: str, roles: Iterable[str]) -> str:
    """The group a speaker's statements are matched within."""
    if kind == ng.ORGANIZATION:
        return "org:" + org_group(label)
    for role in roles:
        if (org := affiliation(role)) is not None:
            return "org:" + org
    return "id:" + speaker


def cluster(reports: list[Report]) -> list[list[Report]]:
    """Group reports of the same claim, best matching pairs first; earliest first.

    The reports are put in one fixed order first, so that ties between equally good pairs
    are broken the same way whatever order the store returned them in.
    """
    reports = sorted(reports, key=lambda r: (*_report_order(r), r.speaker, str(r.date)))
    weight = _rarity(reports)
    pairs = []
    for i, j in _candidates(reports):
        score = similarity(reports[i], reports[j], weight)
        if score is not None:
            pairs.append((score, i, j))
    members: list[set[int]] = [{i} for i in range(len(reports))]
    owner = list(range(len(reports)))
    for _, i, j in sorted(pairs, reverse=True):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        articles_a = {reports[k].article for k in members[a]}
        if any(reports[k].article in articles_a for k in members[b]):
            continue  # one article never reports one claim twice
        members[a] |= members[b]
        for k in members[b]:
            owner[k] = a
        members[b] = set()
    groups = [sorted((reports[k] for k in m), key=_report_order) for m in members if m]
    return sorted(groups, key=lambda g: _report_order(g[0]))


def _candidates(reports: list[Report]) -> Iterator[tuple[int, int]]:
    """The pairs (i < j) that share at least ``MIN_SHARED`` keywords: the only ones
    :func:`similarity` can accept. Found through an index of keyword to reports, so that
    a speaker group of n statements costs the sum of its keywords' postings squared, not
    n squared (a much-quoted group over a large corpus has thousands of statements)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        for keyword in report.keywords:
            postings[keyword].append(i)  # ascending i
    for i, report in enumerate(reports):
        shared: Counter[int] = Counter()
        for keyword in report.keywords:
            posting = postings[keyword]
            shared.update(posting[bisect_right(posting, i) :])
        yield from ((i, j) for j, n in shared.items() if n >= MIN_SHARED)


def similarity(a: Report, b: Report, weight: dict[str, float]) -> float | None:
    """How much of the shorter report's weight the two share, or None when they cannot
    be the same claim (same article, days that disagree, too little shared)."""
    if a.article == b.article:
        return None
    if a.date is not None and b.date is not None and a.date != b.date:
        return None
    shared = a.keywords & b.keywords
    if len(shared) < MIN_SHARED:
        return None
    # fsum: the same float whatever order the sets are iterated in (ties stay ties)
    total = min(math.fsum(weight[k] for k in a.keywords), math.fsum(weight[k] for k in b.keywords))
    score = math.fsum(weight[k] for k in shared) / total
    return score if score >= MIN_OVERLAP else None


def _rarity(reports: list[Report]) -> dict[str, float]:
    """Inverse document frequency of each keyword among the reports."""
    counts: dict[str, int] = defaultdict(int)
    for report in reports:
        for keyword in report.keywords:
            counts[keyword] += 1
    n = len(reports)
    return {k: math.log((n + 1) / (c + 1)) + 1.0 for k, c in counts.items()}


def _report_order(report: Report) -> tuple[dt.date, str]:
    return (report.published or dt.date.max, report.statement)


_SPEAKERS = """
SELECT ?speaker ?kind ?label ?roles
WHERE {
  { SELECT DISTINCT ?speaker WHERE { ?statement ng:saidBy ?speaker } }
  { SELECT DISTINCT ?speaker ?label WHERE { ?speaker rdfs:label ?label } }
  OPTIONAL {
    SELECT DISTINCT ?speaker ?kind
    WHERE { ?speaker a ?kind FILTER (?kind IN (ng:Person, ng:Organization, ng:Role)) }
  }
  OPTIONAL {
    SELECT ?speaker (GROUP_CONCAT(DISTINCT ?role; separator="\\u001f") AS ?roles)
    WHERE { ?speaker ng:role ?role }
    GROUP BY ?speaker
  }
}
"""
# Each part is made distinct on its own before the join: in the union of the articles'
# graphs a speaker's label, class and roles repeat once per article naming them, and
# joining them with every statement first multiplied the rows (statements x articles^3 for
# a much-quoted speaker; 1.9 s at 1,000 articles, minutes at 10,000 - now 0.12 s).

_REPORTS = """
SELECT ?statement ?speaker ?article ?text ?date ?published ?negated ?publisher
       (GROUP_CONCAT(DISTINCT ?keyword; separator=" ") AS ?keywords)
WHERE {
  %s
  ?statement a ng:Statement ; ng:saidBy ?speaker ; ng:text ?text ; ng:reportedIn ?article .
  OPTIONAL { ?statement ng:keyword ?keyword }
  OPTIONAL { ?statement ng:saidOn ?date }
  OPTIONAL { ?statement ng:negated ?negated }
  OPTIONAL { ?article ng:published ?published }
  OPTIONAL { ?article ng:publisher ?publisher }
}
GROUP BY ?statement ?speaker ?article ?text ?date ?published ?negated ?publisher
"""


def speaker_groups(store: Store) -> dict[str, str]:
    """Every speaker IRI in the store and its group key."""
    groups: dict[str, str] = {}
    for row in solutions(store.query(_SPEAKERS)):
        speaker = row["speaker"].value
        kind = row["kind"].value if row["kind"] is not None else ""
        roles = row["roles"].value.split("\u001f") if row["roles"] is not None else []
        key = speaker_group(speaker, kind, row["label"].value, [r for r in roles if r])
        if groups.get(speaker, key) != key:  # several labels or kinds: keep the first
            continue
        groups[speaker] = key
    return groups


WRITE_GROUPS = 256
"""Speaker groups' claim graphs written per transaction."""
SPEAKER_BATCH = 500
"""Speakers per reports query (their IRIs go into a VALUES block)."""


def _reports(store: Store, speakers: Iterable[str]) -> Iterator[Report]:
    """The statements of ``speakers``, read in batches so that an ingest reads only the
    groups it touched, not the whole store."""
    for batch in batches(sorted(speakers), SPEAKER_BATCH):
        # IRIs that came out of the store, written back by pyoxigraph's own term syntax
        values = " ".join(str(NamedNode(s)) for s in batch)
        yield from _report_rows(store, _REPORTS % f"VALUES ?speaker {{ {values} }}")


def _report_rows(store: Store, sparql: str) -> Iterator[Report]:
    for row in solutions(store.query(sparql)):
        keywords = row["keywords"].value.split() if row["keywords"] is not None else []
        yield Report(
            statement=row["statement"].value,
            speaker=row["speaker"].value,
            article=row["article"].value,
            text=row["text"].value,
            keywords=frozenset(keywords),
            date=_date(row["date"]),
            published=_date(row["published"]),
            negated=row["negated"] is not None and row["negated"].value == "true",
            publisher=row["publisher"].value if row["publisher"] is not None else None,
        )


def _date(term: object) -> dt.date | None:
    if not isinstance(term, Literal):
        return None  # unbound (a date is always a literal)
    try:
        return dt.date.fromisoformat(term.value)
    except ValueError:
        return None


def link_claims(store: Store, minter: Minter, speakers: Iterable[str] | None = None) -> int:
    """Recompute the claims of the speaker groups of ``speakers`` (all when None), the
    denials of those claims, and the denials by ``speakers`` of any claim.

    Returns:
        The number of claims written.
    """
    groups = speaker_groups(store)
    wanted = (
        set(groups.values()) if speakers is None else {groups[s] for s in speakers if s in groups}
    )
    by_group: dict[str, list[str]] = defaultdict(list)
    for speaker, key in groups.items():
        if key in wanted:
            by_group[key].append(speaker)
    keys = sorted(wanted)
    written = 0
    # a slice of groups at a time: only their statements are held in memory
    for start in range(0, len(keys), WRITE_GROUPS):
        chunk = keys[start : start + WRITE_GROUPS]
        reports: dict[str, list[Report]] = defaultdict(list)
        batch: dict[NamedNode, list[Quad]] = {}
        for report in _reports(store, [s for key in chunk for s in by_group[key]]):
            reports[groups[report.speaker]].append(report)
        found: list[tuple[NamedNode, NamedNode, list[Report]]] = []
        for key in chunk:
            graph = minter.claims_graph(key)
            claims = cluster(reports.pop(key, []))
            quads = list(claim_quads(graph, claims, minter))
            if quads:
                batch[graph] = quads
                found += [(graph, minter.claim(c[0].statement), c) for c in claims]
            elif store.has_graph(graph):
                store.remove_graph(graph)
            written += sum(1 for q in quads if q.predicate.value == ng.RDF_TYPE)
        for graph, quads in _denials_of(store, found, minter):
            batch[graph] += quads
        if batch:
            store.replace_graphs(batch)
    if speakers is not None and wanted != set(groups.values()):  # some claims kept
        _relink_denials_by(store, minter, set(speakers), {minter.claims_graph(k) for k in keys})
    # the claims and contradictions lists read these ranks (newsgraph.store.derived)
    store.replace_graph(ranks_graph(minter), rank_quads(store, minter))
    return written


DENIAL_BATCH = 200
"""Words, or pairs of words, per query (in a VALUES block) when denials are linked."""

_DENIALS = """
SELECT DISTINCT ?denial ?word ?term ?speaker ?published
WHERE {
  VALUES ?%s { %s }
  ?denial ng:saidBy ?speaker ; ng:deniedWord ?word ; ng:denies ?term .
  FILTER (?term != ?word)
  OPTIONAL { ?denial ng:reportedIn ?article . ?article ng:published ?published }
}
"""
"""Denials with the words they deny, by words (``word``) or by speakers (``speaker``)."""


def _denials_of(
    store: Store, claims: list[tuple[NamedNode, NamedNode, list[Report]]], minter: Minter
) -> Iterator[tuple[NamedNode, list[Quad]]]:
    """Every denial of ``claims`` ((graph, claim, reports) each), by any speaker, as quads
    for the claim's graph: the denials are found through the words the claims' reports use."""
    using: dict[str, list[tuple[NamedNode, NamedNode, frozenset[str], str]]] = defaultdict(list)
    for graph, claim, reports in claims:
        for report in reports:
            if not report.negated:
                for word in report.keywords:
                    using[word].append((graph, claim, report.keywords, report.speaker))
    shared: dict[tuple[str, NamedNode, NamedNode], set[str]] = defaultdict(set)
    days: dict[str, Literal] = {}
    for words in batches(sorted(using), DENIAL_BATCH):
        values = " ".join(str(Literal(w)) for w in words)
        for row in solutions(store.query(_DENIALS % ("word", values))):
            term, denier, word = row["term"].value, row["speaker"].value, row["word"].value
            # the reports using both words: walk the shorter of the two words' lists (a
            # common word's list holds thousands of reports; a term no report uses, none)
            pair = min(using[word], using.get(term, []), key=len)
            for graph, claim, keywords, speaker in pair:
                # a denial of one's own words is no contradiction (the query pairs
                # different speakers): no link, so that every link gives a pair
                if word in keywords and term in keywords and speaker != denier:
                    shared[(row["denial"].value, graph, claim)].add(term)
                    if row["published"] is not None:
                        days[row["denial"].value] = row["published"]
    by_graph: dict[NamedNode, list[Quad]] = defaultdict(list)
    for (denial, graph, claim), terms in shared.items():
        by_graph[graph] += claim_denial_quads(
            graph, NamedNode(denial), claim, terms, minter, days.get(denial)
        )
    yield from by_graph.items()


_LINKS_BY = """
SELECT ?link ?graph
WHERE {
  VALUES ?speaker { %s }
  ?denial ng:saidBy ?speaker .
  GRAPH ?graph { ?link ng:denial ?denial }
}
"""
_ORPHANS = """
SELECT ?link ?graph
WHERE { GRAPH ?graph { ?link ng:denial ?denial } FILTER NOT EXISTS { ?denial ng:saidBy ?s } }
"""
_POSTINGS = """
SELECT ?word (COUNT(?statement) AS ?n)
WHERE { VALUES ?word { %s } ?statement ng:keyword ?word }
GROUP BY ?word
"""
_CLAIMS_USING = """
SELECT DISTINCT ?rare ?common ?claim ?graph ?speaker
WHERE {
  VALUES (?rare ?common) { %s }
  ?match ng:keyword ?rare .
  ?match ng:keyword ?common ; ng:negated false ; ng:saidBy ?speaker .
  GRAPH ?graph { ?match ng:claim ?claim }
}
"""
# Oxigraph runs the first keyword pattern first and then probes each statement it finds
# for the second; put the rarer word first (measured at 10,000 articles: 1,594 denied
# word pairs of 40 speakers took 10.9 s one by one, 1.5 s as distinct pairs rarer first).


def _postings(store: Store, words: set[str]) -> dict[str, int]:
    """How many statements use each of ``words`` as a keyword."""
    counts = dict.fromkeys(words, 0)
    for batch in batches(sorted(words), DENIAL_BATCH):
        values = " ".join(str(Literal(w)) for w in batch)
        for row in solutions(store.query(_POSTINGS % values)):
            counts[row["word"].value] = int(row["n"].value)
    return counts


def _relink_denials_by(
    store: Store, minter: Minter, speakers: set[str], relinked: set[NamedNode]
) -> None:
    """Recompute the denials by ``speakers`` of the claims in graphs other than
    ``relinked`` (whose denials were just recomputed whole), and drop the denials whose
    statement is gone (its article re-ingested)."""
    stale: set[tuple[NamedNode, NamedNode]] = {
        (row["link"], row["graph"]) for row in solutions(store.query(_ORPHANS))
    }
    pairs: list[tuple[NamedNode, Literal, Literal]] = []
    deniers: dict[str, str] = {}
    days: dict[str, Literal] = {}
    for batch in batches(sorted(speakers), SPEAKER_BATCH):
        values = " ".join(str(NamedNode(s)) for s in batch)
        found = list(solutions(store.query(_DENIALS % ("speaker", values))))
        pairs += [(r["denial"], r["word"], r["term"]) for r in found]
        deniers.update((r["denial"].value, r["speaker"].value) for r in found)
        days.update((r["denial"].value, r["published"]) for r in found if r["published"])
        # a statement re-read may deny no more
        for row in solutions(store.query(_LINKS_BY % values)):
            if row["graph"] not in relinked:
                stale.add((row["link"], row["graph"]))
    denying: dict[tuple[str, str], list[str]] = defaultdict(list)  # (word, term): denials
    for denial_node, word, term in pairs:
        denying[(word.value, term.value)].append(denial_node.value)
    postings = _postings(store, {w for pair in denying for w in pair})
    shared: dict[tuple[str, NamedNode, NamedNode], set[str]] = defaultdict(set)
    for word_pairs in batches(sorted(denying), DENIAL_BATCH):
        values = " ".join(
            f"({Literal(a)} {Literal(b)})"
            if postings[a] <= postings[b]
            else f"({Literal(b)} {Literal(a)})"
            for a, b in word_pairs
        )
        for row in solutions(store.query(_CLAIMS_USING % values)):
            if row["graph"] in relinked:
                continue
            a, b = row["rare"].value, row["common"].value
            for word, term in ((a, b), (b, a)):
                for denial in denying.get((word, term), ()):
                    if deniers.get(denial) != row["speaker"].value:  # not one's own words
                        shared[(denial, row["graph"], row["claim"])].add(term)
    store.remove_nodes(list(stale))
    store.add_quads(
        q
        for (denial, graph, claim), terms in shared.items()
        for q in claim_denial_quads(
            graph, NamedNode(denial), claim, terms, minter, days.get(denial)
        )
    )
