"""A small fixed graph built from hand-made records, shared by the store, query and
server tests (no spaCy model needed)."""

from __future__ import annotations

import datetime as dt

from newsgraph.extract.records import Article, Entity, Extraction, Figure, Statement
from newsgraph.store import GraphStore
from newsgraph.store.derived import refresh
from newsgraph.store.rdf import Minter, extraction_to_quads

BASE = "https://newsgraph.example/id/"
KONASHENKOV = Entity(
    name="Igor Konashenkov",
    kind="person",
    aliases=("Konashenkov",),
    titles=("Major General",),
    roles=("Defense Ministry spokesman",),
)
PUTIN = Entity(name="Vladimir Putin", kind="person", aliases=("Putin",))
DOD = Entity(name="US Defense Department", kind="org")

TEXT_A = (
    'Konashenkov said on Wednesday that some conscripts were captured. "Almost all have '
    'been withdrawn," he said. Putin had said conscripts would not take part. '
    "The US Defense Department said 2,000-4,000 Russian soldiers may have died. "
    "The page says <script>alert(1)</script> in Ukraine."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def statement(text: str, part: str, speaker: Entity, **kwargs: object) -> Statement:
    start, end = _span(text, part)
    defaults: dict[str, object] = {
        "kind": "indirect",
        "sentence": part,
        "sentence_start": start,
        "sentence_end": end,
        "cue": "said",
    }
    defaults.update(kwargs)
    return Statement(speaker=speaker, text=part, start=start, end=end, **defaults)  # type: ignore[arg-type]


def article_a() -> Extraction:
    article = Article(
        id="a.txt",
        text=TEXT_A,
        title="Russia admits conscripts",
        publisher="The Daily Example",
        published=dt.date(2022, 3, 10),
        url="https://example.com/a",
        origin="tests/a.txt",
    )
    wednesday = dt.date(2022, 3, 9)
    statements = (
        statement(
            TEXT_A,
            "some conscripts were captured",
            KONASHENKOV,
            date=wednesday,
            date_basis="explicit",
            date_text="on Wednesday",
        ),
        statement(
            TEXT_A,
            "Almost all have been withdrawn",
            KONASHENKOV,
            kind="direct",
            date=wednesday,
            date_basis="context",
            speaker_mention="he",
        ),
        statement(TEXT_A, "conscripts would not take part", PUTIN),
        statement(TEXT_A, "<script>alert(1)</script> in Ukraine", DOD, kind="direct"),
    )
    start, end = _span(TEXT_A, "2,000-4,000 Russian soldiers may have died")
    figures = (
        Figure(
            text=TEXT_A[start:end],
            start=start,
            end=end,
            low=2000,
            high=4000,
            what="Russian soldiers killed",
            qualifier=None,
            hedge="may have",
            source=DOD,
            attribution="explicit",
        ),
    )
    return Extraction(article, statements, figures, (KONASHENKOV, PUTIN, DOD))


def article_b() -> Extraction:
    text = "Putin said on Monday that only professional soldiers were there. Prices rose 5%."
    article = Article(id="b.txt", text=text, published=dt.date(2022, 3, 10), origin="tests/b.txt")
    start, end = _span(text, "5%")
    return Extraction(
        article,
        (
            statement(
                text,
                "only professional soldiers were there",
                PUTIN,
                date=dt.date(2022, 3, 7),
                date_basis="explicit",
                date_text="on Monday",
            ),
        ),
        (Figure(text="5%", start=start, end=end, value=5, unit="percent", what="prices"),),
        (PUTIN,),
    )


def derive(store: GraphStore) -> GraphStore:
    """Compute the derived data (names, counts, list keys) that ingest and load keep and
    the saved queries read, after graphs were written directly (:mod:`newsgraph.store.derived`)."""
    refresh(store, Minter(BASE))
    return store


def filled_store(*extractions: Extraction) -> GraphStore:
    """An in-memory store holding ``extractions`` (the two sample articles when none are
    given), with the derived data."""
    store = GraphStore()
    minter = Minter(BASE)
    for extraction in extractions or (article_a(), article_b()):
        graph, quads = extraction_to_quads(extraction, minter)
        store.replace_graph(graph, quads)
    refresh(store, minter)  # the derived data the pages and saved queries read
    return store
