"""The competing-figures canned query: one counted thing, every source's number side by side.

Hand-made records in an in-memory store (no model), then once over the seeds ingested
with the CLI (marked ``model``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fixtures.paths import SEEDS

from newsgraph.cli import main
from newsgraph.extract.records import Article, Entity, Extraction, Figure
from newsgraph.queries import get_query, load_queries
from newsgraph.store import GraphStore
from newsgraph.store.derived import refresh
from newsgraph.store.rdf import Minter, extraction_to_quads

BASE = "https://newsgraph.example/id/"
PENTAGON = Entity(name="Pentagon", kind="org")
KYIV = Entity(name="Ukrainian General Staff", kind="org")


def _figure(text: str, part: str, **fields: object) -> Figure:
    start = text.index(part)
    return Figure(text=part, start=start, end=start + len(part), **fields)  # type: ignore[arg-type]


def _extraction(
    article_id: str, text: str, publisher: str, day: dt.date, *figures: Figure
) -> Extraction:
    article = Article(id=article_id, text=text, publisher=publisher, published=day)
    return Extraction(article=article, figures=figures)


def _articles() -> list[Extraction]:
    first = (
        "The Pentagon said up to 4,000 Russian soldiers may have died. "
        "Some 500 Russian troops were captured. The firm cut 1,200 jobs."
    )
    second = (
        "More than 12,000 Russian troops have been killed, Kyiv says. "
        "About 6,000 Russian servicemen died in the first two weeks."
    )
    return [
        _extraction(
            "a.txt",
            first,
            "The Daily Example",
            dt.date(2022, 3, 10),
            _figure(
                first,
                "up to 4,000 Russian soldiers may have died",
                value=4000,
                high=4000,
                what="Russian soldiers died",
                qualifier="up to",
                hedge="may have",
                source=PENTAGON,
                attribution="explicit",
            ),
            _figure(first, "Some 500 Russian troops", value=500, what="Russian troops captured"),
            _figure(first, "1,200 jobs", value=1200, what="jobs cut"),
        ),
        _extraction(
            "b.txt",
            second,
            "The Weekly Example",
            dt.date(2022, 3, 12),
            _figure(
                second,
                "More than 12,000 Russian troops have been killed",
                value=12000,
                low=12000,
                what="Russian troops killed",
                qualifier="More than",
                source=KYIV,
                attribution="explicit",
            ),
            _figure(
                second,
                "About 6,000 Russian servicemen died",
                value=6000,
                what="Russian servicemen died",
                qualifier="About",
            ),
        ),
    ]


@pytest.fixture(scope="module")
def store() -> GraphStore:
    graph_store = GraphStore()
    minter = Minter(BASE)
    for extraction in _articles():
        graph, quads = extraction_to_quads(extraction, minter)
        graph_store.replace_graph(graph, quads)
    refresh(graph_store, minter)  # the figures' words, as ingest keeps them
    return graph_store


def run(store: GraphStore, **params: str) -> list[dict[str, str | None]]:
    query = get_query(load_queries(), "competing-figures")
    result = store.query(query.sparql, substitutions=query.bind(params))
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def test_result_variables_are_the_documented_ones(store: GraphStore) -> None:
    query = get_query(load_queries(), "competing-figures")
    result = store.query(query.sparql, substitutions=query.bind({}))
    assert [v.value for v in result.variables] == [
        "_what", "thing", "what", "source", "sourceName", "value", "low", "high", "unit",
        "qualifier", "hedge", "text", "figure", "article", "articleId", "publisher",
        "published",
    ]  # fmt: skip


def test_header_documents_the_what_parameter() -> None:
    query = get_query(load_queries(), "competing-figures")
    assert [(p.name, p.required, p.default) for p in query.parameters] == [
        ("what", False, "troops killed")
    ]
    assert "figures" in query.tags and query.summary


def test_synonyms_and_plurals_match_the_same_counted_thing(store: GraphStore) -> None:
    rows = run(store, what="Russian troops killed")
    assert sorted(r["text"] for r in rows) == [
        "About 6,000 Russian servicemen died",
        "More than 12,000 Russian troops have been killed",
        "up to 4,000 Russian soldiers may have died",
    ]


def test_the_same_thing_from_different_sources_sits_side_by_side(store: GraphStore) -> None:
    rows = run(store, what="troops killed")
    assert [r["thing"] for r in rows] == ["russian troop killed"] * 3
    assert [(r["sourceName"], r["published"]) for r in rows] == [
        ("Pentagon", "2022-03-10"),
        (None, "2022-03-12"),
        ("Ukrainian General Staff", "2022-03-12"),
    ]


def test_rows_carry_bounds_hedge_source_and_publisher(store: GraphStore) -> None:
    [pentagon] = [r for r in run(store, what="soldiers died") if r["sourceName"] == "Pentagon"]
    assert (pentagon["value"], pentagon["low"], pentagon["high"]) == ("4000", None, "4000")
    assert (pentagon["qualifier"], pentagon["hedge"]) == ("up to", "may have")
    assert pentagon["source"] == BASE + "org/pentagon"
    assert (pentagon["publisher"], pentagon["articleId"]) == ("The Daily Example", "a.txt")


def test_an_asserted_figure_has_no_source(store: GraphStore) -> None:
    [row] = [r for r in run(store, what="troops killed") if r["value"] == "6000"]
    assert row["source"] is None and row["sourceName"] is None


def test_matching_is_case_insensitive_and_needs_every_word(store: GraphStore) -> None:
    assert [r["value"] for r in run(store, what="JOBS Cut")] == ["1200"]
    assert run(store, what="jobs killed") == []
    assert [r["value"] for r in run(store, what="troops captured")] == ["500"]


@pytest.mark.parametrize(
    ("what", "count"), [("troops (killed)!", 3), ("[a-z]+", 0), (".*", 0), ("   ", 0)]
)
def test_punctuation_in_the_parameter_only_breaks_words(
    store: GraphStore, what: str, count: int
) -> None:
    assert len(run(store, what=what)) == count


@pytest.mark.model
def test_seeds_show_the_defense_department_estimate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(SEEDS), "--store", str(tmp_path), "--no-progress"]) == 0
    capsys.readouterr()
    args = ["query", "competing-figures", "--store", str(tmp_path), "--format", "json"]
    assert main([*args, "--param", "what=Russian troops killed"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    rows = [{k: v["value"] for k, v in row.items()} for row in bindings]
    assert rows, "the seeds report Russian troop deaths"
    assert {r.get("sourceName") for r in rows} == {"US Defense Department"}
    assert {(r.get("low"), r.get("high")) for r in rows} == {("2000", "4000")}
    assert any(r.get("hedge") == "may have; low confidence" for r in rows)
