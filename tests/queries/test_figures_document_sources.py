"""Documents as figure sources in the store, the canned queries and the linked-data pages:
hand-made records in an in-memory store (no model), the pages through Flask's test client."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.config import Settings
from newsgraph.extract.records import Article, Entity, Extraction, Figure
from newsgraph.queries import get_query, load_queries
from newsgraph.server import create_app
from newsgraph.store import GraphStore
from newsgraph.store.derived import refresh
from newsgraph.store.rdf import Minter, extraction_to_quads

BASE = Settings().base_iri
GALLOP = Entity(name="Gallop Research", kind="org")
POLL = Entity(name="Gallop Research poll", kind="document", affiliation=GALLOP, represents=True)
DATA = Entity(name="new government data", kind="document")
MINISTRY = Entity(name="Ministry of Labour", kind="org")

POLL_TEXT = "A Gallop Research poll gives Smith 42 percent support for the candidate."
DATA_TEXT = "The economy added 336,000 jobs in September, new government data showed."
MINISTRY_TEXT = "The Ministry of Labour said Smith had 39 percent support for the candidate."


def _figure(text: str, part: str, source: Entity, **fields: object) -> Figure:
    start = text.index(part)
    return Figure(
        text=part,
        start=start,
        end=start + len(part),
        source=source,
        attribution="explicit",
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
        **fields,  # type: ignore[arg-type]
    )


def _extractions() -> list[Extraction]:
    day = dt.date(2026, 9, 18)
    return [
        Extraction(
            article=Article(id="poll.txt", text=POLL_TEXT, published=day),
            figures=(
                _figure(
                    POLL_TEXT,
                    "42 percent support for the candidate",
                    POLL,
                    value=42,
                    unit="percent",
                    what="support for the candidate",
                ),
            ),
            entities=(POLL, GALLOP),
        ),
        Extraction(
            article=Article(id="jobs.txt", text=DATA_TEXT, published=day),
            figures=(
                _figure(
                    DATA_TEXT, "336,000 jobs in September", DATA, value=336000, what="jobs added"
                ),
            ),
            entities=(DATA,),
        ),
        Extraction(
            article=Article(id="ministry.txt", text=MINISTRY_TEXT, published=day),
            figures=(
                _figure(
                    MINISTRY_TEXT,
                    "39 percent support for the candidate",
                    MINISTRY,
                    value=39,
                    unit="percent",
                    what="support for the candidate",
                ),
            ),
            entities=(MINISTRY,),
        ),
    ]


@pytest.fixture(scope="module")
def store() -> GraphStore:
    graph_store = GraphStore()
    minter = Minter(BASE)
    for extraction in _extractions():
        graph, quads = extraction_to_quads(extraction, minter)
        graph_store.replace_graph(graph, quads)
    refresh(graph_store, minter)  # the derived data (names, counts, words) ingest keeps
    return graph_store


def run(store: GraphStore, name: str, **params: str) -> list[dict[str, str | None]]:
    query = get_query(load_queries(), name)
    result = store.query(query.sparql, substitutions=query.bind(params))
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def test_competing_figures_set_a_poll_beside_an_organisation(store: GraphStore) -> None:
    rows = run(store, "competing-figures", what="support for the candidate")
    assert sorted((r["sourceName"], r["value"]) for r in rows) == [
        ("Gallop Research poll", "42"),
        ("Ministry of Labour", "39"),
    ]


def test_figures_by_source_finds_a_document_by_its_name(store: GraphStore) -> None:
    rows = run(store, "figures-by-source", source="new government data")
    assert [(r["value"], r["what"]) for r in rows] == [("336000", "jobs added")]
    rows = run(store, "figures-by-source", source="gallop research poll")
    assert [r["value"] for r in rows] == ["42"]


def test_attributions_type_an_authorless_document_and_an_issued_poll(store: GraphStore) -> None:
    documents = run(store, "attributions", sourceType="document")
    assert [(r["kind"], r["sourceName"]) for r in documents] == [("figure", "new government data")]
    # a poll its issuer names is counted as the issuer's, as news sourcing counts it
    issued = [r for r in run(store, "attributions") if r["sourceName"] == "Gallop Research poll"]
    assert [(r["kind"], r["sourceType"]) for r in issued] == [("figure", "named-organization")]


@pytest.mark.parametrize(("entity", "article", "text"), [
    (DATA, "jobs.txt", "336,000 jobs in September"),
    (POLL, "poll.txt", "42 percent support for the candidate"),
])  # fmt: skip
def test_a_documents_page_lists_its_figures(
    store: GraphStore, entity: Entity, article: str, text: str
) -> None:
    client = create_app(Settings(), store=store).test_client()
    iri = Minter(BASE).entity(entity, article).value
    response = client.get("/" + iri[len(BASE) :], headers={"Accept": "text/html"})
    assert response.status_code == 200, response.data
    page = response.get_data(as_text=True)
    assert "Evidence" in page and text in page
