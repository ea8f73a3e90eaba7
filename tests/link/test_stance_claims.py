"""Keywords and negation of statements; claims across articles; contradictions."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.extract.records import Article, Entity, Extraction, Statement
from newsgraph.extract.stance import denied_words, is_negated, keywords
from newsgraph.link.claims import Report, affiliation, cluster, link_claims, org_group
from newsgraph.queries import load_queries
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter, extraction_to_quads

BASE = "https://newsgraph.example/id/"
QUERIES = load_queries()


def hand_doc(words, pos, deps, heads, lemmas) -> Doc:  # type: ignore[no-untyped-def]
    return Doc(
        Vocab(),
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
    )


def test_a_negated_verb_negates_and_names_what_is_denied() -> None:
    doc = hand_doc(
        ["Conscripts", "will", "not", "participate", "in", "hostilities"],
        ["NOUN", "AUX", "PART", "VERB", "ADP", "NOUN"],
        ["nsubj", "aux", "neg", "ROOT", "prep", "pobj"],
        [3, 3, 3, 3, 3, 4],
        ["conscript", "will", "not", "participate", "in", "hostility"],
    )
    assert is_negated(doc[:], cue="said")
    assert denied_words(doc[:]) == ("participate",)
    assert keywords(doc[:]) == ("conscript", "participate", "hostility")


def test_a_denial_cue_negates_an_affirmative_clause() -> None:
    doc = hand_doc(
        ["conscripts", "fought"],
        ["NOUN", "VERB"],
        ["nsubj", "ROOT"],
        [1, 1],
        ["conscript", "fight"],
    )
    assert not is_negated(doc[:], cue="said")
    assert is_negated(doc[:], cue="denied")


def test_a_verb_that_prevents_negates_its_object_clause() -> None:
    doc = hand_doc(
        ["measures", "to", "prevent", "sending", "conscripts"],
        ["NOUN", "PART", "VERB", "VERB", "NOUN"],
        ["ROOT", "aux", "relcl", "xcomp", "dobj"],
        [0, 2, 0, 2, 3],
        ["measure", "to", "prevent", "send", "conscript"],
    )
    assert is_negated(doc[:], cue="said")
    assert denied_words(doc[:]) == ("send",)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("I insist that conscripts do not and will not participate in hostilities.", True),
        ("There were no plans to enlist conscripts.", True),
        ("Several conscripts have been detected in the units.", False),
        ("The ministry confirmed that conscripts took part.", False),
    ],
)
def test_negation_on_real_sentences(nlp, sentence: str, negated: bool) -> None:  # type: ignore[no-untyped-def]
    assert is_negated(nlp(sentence)[:], cue="said") is negated


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Russia’s Ministry of Defence", "defense ministry"),
        ("the Russian Defense Ministry", "defense ministry"),
        ("Ministry of Defense", "defense ministry"),
        ("US Defense Department", "defense department"),
        ("BBC's Russian-language service", "russian-language service"),
    ],
)
def test_organisation_groups(name: str, group: str) -> None:
    assert org_group(name) == group


def test_a_spokesperson_speaks_for_the_organisation_in_their_role() -> None:
    assert affiliation("Defense Ministry spokesman") == "defense ministry"
    assert affiliation("spokesman of the Ministry of Defense") == "defense ministry"
    assert affiliation("Russian senator") is None


def report(name: str, article: str, words: str, day: int | None = 9) -> Report:
    return Report(
        statement=f"{BASE}statement/{article}/{name}",
        speaker=f"{BASE}person/x",
        article=article,
        text=words,
        keywords=frozenset(words.split()),
        date=dt.date(2022, 3, day) if day else None,
        published=dt.date(2022, 3, 10),
    )


def test_translations_join_one_claim_and_other_sentences_stay_apart() -> None:
    reports = [
        report("a", "a", "unfortunately detect instance presence conscript personnel"),
        report("b", "b", "unfortunately fact presence conscript unit armed force operation"),
        report("c", "c", "unfortunately instance presence conscript unit armed force confirm"),
        report("d", "a", "conscript capture ukrainian force"),
        report("e", "b", "serviceman withdraw territory"),
    ]
    claims = [{r.statement.rsplit("/", 1)[1] for r in c} for c in cluster(reports)]
    assert {"a", "b", "c"} in claims
    assert {"d"} in claims and {"e"} in claims


def test_one_article_never_reports_one_claim_twice() -> None:
    reports = [
        report("a", "a", "presence conscript unit armed force"),
        report("b", "a", "presence conscript unit armed force"),
    ]
    assert len(cluster(reports)) == 2


def test_different_days_are_different_claims_and_an_undated_report_may_join() -> None:
    words = "presence conscript unit armed force"
    assert len(cluster([report("a", "a", words, 9), report("b", "b", words, 8)])) == 2
    assert len(cluster([report("a", "a", words, 9), report("b", "b", words, None)])) == 1


def test_the_keyword_index_finds_exactly_the_pairs_a_full_comparison_would() -> None:
    """cluster() compares only reports sharing MIN_SHARED keywords (found through an
    index); on random groups it must give what comparing every pair gives."""
    import random

    from newsgraph.link.claims import MIN_SHARED, _candidates

    rng = random.Random(8)
    vocabulary = [f"w{i}" for i in range(30)]
    for _ in range(20):
        reports = [
            report(
                f"s{i}",
                f"a{rng.randrange(12)}",
                " ".join(rng.sample(vocabulary, 6)),
                rng.choice([8, 9, None]),
            )
            for i in range(60)
        ]
        every = {
            (i, j)
            for i in range(len(reports))
            for j in range(i + 1, len(reports))
            if len(reports[i].keywords & reports[j].keywords) >= MIN_SHARED
        }
        assert set(_candidates(reports)) == every
        assert every  # the random groups do share keywords


KONASHENKOV = Entity("Igor Konashenkov", "person", roles=("Defense Ministry spokesman",))
MINISTRY = Entity("Russia's Ministry of Defense", "org")
PUTIN = Entity("Vladimir Putin", "person")


def extraction(article_id: str, publisher: str, day: int, *items: tuple) -> Extraction:
    text = " ".join(words for _, words, _, _ in items)
    statements, offset = [], 0
    for speaker, words, keys, denied in items:
        statements.append(
            Statement(
                speaker=speaker,
                text=words,
                start=offset,
                end=offset + len(words),
                kind="direct",
                sentence=words,
                sentence_start=offset,
                sentence_end=offset + len(words),
                date=dt.date(2022, 3, 9),
                date_basis="context",
                keywords=tuple(keys.split()),
                negated=bool(denied),
                denies=tuple(denied.split()),
                denied_words=tuple(denied.split()[:1]),
            )
        )
        offset += len(words) + 1
    article = Article(article_id, text, publisher=publisher, published=dt.date(2022, 3, day))
    return Extraction(article, tuple(statements))


@pytest.fixture
def store() -> GraphStore:
    store = GraphStore()
    minter = Minter(BASE)
    presence = "unfortunately presence conscript unit armed force participate"
    articles = [
        extraction(
            "a.txt", "Outlet A", 10, (KONASHENKOV, "Conscripts were present.", presence, "")
        ),
        extraction("b.txt", "Outlet B", 11, (MINISTRY, "Conscripts were there.", presence, "")),
        extraction("c.txt", "Outlet A", 12, (KONASHENKOV, "They were present.", presence, "")),
        extraction(
            "d.txt",
            "Outlet C",
            9,
            (
                PUTIN,
                "Conscripts will not participate.",
                "conscript participate",
                "participate conscript",
            ),
        ),
    ]
    for item in articles:
        graph, quads = extraction_to_quads(item, minter)
        store.replace_graph(graph, quads)
    link_claims(store, minter)
    return store


def rows(store: GraphStore, name: str, **params: str) -> list[dict[str, str | None]]:
    query = QUERIES[name]
    result = store.query(query.sparql, substitutions=query.bind(params))
    names = [v.value for v in result.variables]
    return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in result]


def test_claims_count_articles_and_outlets_and_name_the_first_report(store: GraphStore) -> None:
    top = rows(store, "claims")[0]
    assert (top["reports"], top["outlets"]) == ("3", "2")
    assert top["firstPublished"] == "2022-03-10" and top["firstArticleId"] == "a.txt"
    assert top["speakerName"] == "Igor Konashenkov" and top["firstPublisher"] == "Outlet A"
    reports = rows(store, "claim-reports", claim=top["claim"])
    assert [r["articleId"] for r in reports] == ["a.txt", "b.txt", "c.txt"]


def test_relinking_claims_adds_no_duplicates(store: GraphStore) -> None:
    before = store.count()
    link_claims(store, Minter(BASE))
    assert store.count() == before


def test_contradictions_put_a_denial_beside_the_assertion(store: GraphStore) -> None:
    pairs = rows(store, "contradictions")
    assert pairs, "the denial and the assertions share 'participate' and 'conscript'"
    assert {p["denialSpeakerName"] for p in pairs} == {"Vladimir Putin"}
    assert {p["assertionArticleId"] for p in pairs} == {"a.txt", "b.txt", "c.txt"}


DENIAL = (
    PUTIN,
    "Conscripts will not participate.",
    "conscript participate",
    "participate conscript",
)
PRESENCE = "unfortunately presence conscript unit armed force participate"


def _ingest(store: GraphStore, minter: Minter, *items: Extraction) -> set[str]:
    """Write articles as an ingest does and relink the claims of their speakers."""
    touched: set[str] = set()
    for item in items:
        graph, quads = extraction_to_quads(item, minter)
        if store.has_graph(graph):
            touched |= store.speakers_in(graph)
        store.replace_graph(graph, quads)
        touched |= store.speakers_in(graph)
    link_claims(store, minter, touched)
    return touched


def _pairs(store: GraphStore) -> set[tuple[str | None, str | None]]:
    return {(p["denialArticleId"], p["assertionArticleId"]) for p in rows(store, "contradictions")}


def _denial_nodes(store: GraphStore) -> int:
    return sum(1 for _ in store.query("SELECT ?l WHERE { ?l a ng:ClaimDenial }"))


def test_a_denial_ingested_later_is_linked_to_the_claim_it_denies() -> None:
    """The assertion's claim is not relinked when only the denier is touched: the new
    denial must still be linked to it."""
    store, minter = GraphStore(), Minter(BASE)
    _ingest(
        store, minter, extraction("a.txt", "Outlet A", 10, (KONASHENKOV, "Present.", PRESENCE, ""))
    )
    assert _pairs(store) == set()
    _ingest(store, minter, extraction("d.txt", "Outlet C", 9, DENIAL))
    assert _pairs(store) == {("d.txt", "a.txt")}
    before = store.count()
    _ingest(store, minter, extraction("d.txt", "Outlet C", 9, DENIAL))  # the same again
    assert store.count() == before and _denial_nodes(store) == 1


def test_an_assertion_ingested_later_is_linked_to_the_earlier_denial() -> None:
    store, minter = GraphStore(), Minter(BASE)
    _ingest(store, minter, extraction("d.txt", "Outlet C", 9, DENIAL))
    _ingest(
        store, minter, extraction("a.txt", "Outlet A", 10, (KONASHENKOV, "Present.", PRESENCE, ""))
    )
    _ingest(store, minter, extraction("b.txt", "Outlet B", 11, (MINISTRY, "There.", PRESENCE, "")))
    assert _pairs(store) == {("d.txt", "a.txt"), ("d.txt", "b.txt")}
    incremental = sorted(
        map(str, store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    )
    link_claims(store, minter)  # recomputed whole: the same links
    assert (
        sorted(map(str, store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")))
        == incremental
    )


def test_a_denial_withdrawn_by_a_reingest_leaves_no_link() -> None:
    store, minter = GraphStore(), Minter(BASE)
    _ingest(
        store,
        minter,
        extraction("a.txt", "Outlet A", 10, (KONASHENKOV, "Present.", PRESENCE, "")),
        extraction("d.txt", "Outlet C", 9, DENIAL),
    )
    assert _pairs(store) == {("d.txt", "a.txt")} and _denial_nodes(store) == 1
    same_place = "Conscripts will now participate."[: len(DENIAL[1])].ljust(len(DENIAL[1]))
    corrected = (PUTIN, same_place, "conscript participate", "")  # the same statement IRI
    _ingest(store, minter, extraction("d.txt", "Outlet C", 9, corrected))
    assert _pairs(store) == set() and _denial_nodes(store) == 0
    _ingest(store, minter, extraction("d.txt", "Outlet C", 9, DENIAL))
    assert _pairs(store) == {("d.txt", "a.txt")}
    moved = (PUTIN, "They will not go.", "go", "go")  # another IRI, denying something else
    _ingest(store, minter, extraction("d.txt", "Outlet C", 9, moved))
    assert _pairs(store) == set() and _denial_nodes(store) == 0
