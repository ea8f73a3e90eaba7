"""RDF mapping, the store and the canned queries, on an in-memory store (no model)."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import NamedNode, RdfFormat
from sample_data import BASE, article_a, filled_store

from newsgraph.errors import BadRequest, NotFound
from newsgraph.queries import get_query, load_queries
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter, extraction_to_quads

QUERIES = load_queries()


def run(store: GraphStore, name: str, **params: str) -> list[dict[str, str | None]]:
    query = get_query(QUERIES, name)
    result = store.query(query.sparql, substitutions=query.bind(params))
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def test_each_article_lives_in_its_own_graph_named_by_its_iri() -> None:
    store = filled_store()
    graphs = sorted(g.value for g in store.graphs())
    derived = [
        BASE + f"graph/derived/{name}" for name in ("articles", "entities", "stats", "words")
    ]
    assert graphs == [BASE + "article/a.txt", BASE + "article/b.txt", *derived]


def test_reingesting_an_article_replaces_its_graph_without_duplicates() -> None:
    store = filled_store()
    before = store.count()
    graph, quads = extraction_to_quads(article_a(), Minter(BASE))
    store.replace_graph(graph, quads)
    store.replace_graph(graph, quads)
    assert store.count() == before
    assert len(run(store, "statements")) == 5


def test_statements_query_has_exactly_the_documented_variables() -> None:
    query = get_query(QUERIES, "statements")
    result = filled_store().query(query.sparql)
    assert [v.value for v in result.variables] == [
        "statement", "speaker", "speakerName", "text", "direct", "date",
        "article", "articleId", "published", "publisher",
    ]  # fmt: skip


def test_figures_query_has_exactly_the_documented_variables() -> None:
    query = get_query(QUERIES, "figures")
    result = filled_store().query(query.sparql)
    assert [v.value for v in result.variables] == [
        "figure", "source", "sourceName", "value", "low", "high", "what", "text",
        "article", "articleId",
    ]  # fmt: skip


def test_statement_rows_carry_speaker_date_and_article_and_leave_unknown_dates_unbound() -> None:
    rows = run(filled_store(), "statements")
    captured = next(r for r in rows if r["text"] == "some conscripts were captured")
    assert captured["speakerName"] == "Igor Konashenkov"
    assert captured["speaker"] == BASE + "person/igor-konashenkov"
    assert captured["date"] == "2022-03-09"
    assert captured["articleId"] == "a.txt"
    assert captured["published"] == "2022-03-10"
    assert captured["publisher"] == "The Daily Example"
    assert captured["direct"] == "false"
    undated = next(r for r in rows if r["text"] == "conscripts would not take part")
    assert undated["date"] is None


def test_one_person_one_iri_across_articles() -> None:
    rows = run(filled_store(), "statements")
    putin = {r["speaker"] for r in rows if r["speakerName"] == "Vladimir Putin"}
    assert putin == {BASE + "person/vladimir-putin"}
    assert {r["articleId"] for r in rows if r["speakerName"] == "Vladimir Putin"} == {
        "a.txt",
        "b.txt",
    }


def test_figures_rows_give_bounds_source_and_leave_unknowns_unbound() -> None:
    rows = run(filled_store(), "figures")
    soldiers = next(r for r in rows if r["articleId"] == "a.txt")
    assert (soldiers["low"], soldiers["high"], soldiers["value"]) == ("2000", "4000", None)
    assert soldiers["sourceName"] == "US Defense Department"
    prices = next(r for r in rows if r["articleId"] == "b.txt")
    assert prices["value"] == "5" and prices["source"] is None and prices["sourceName"] is None


def test_statements_by_person_matches_iri_name_or_alias_case_insensitively() -> None:
    store = filled_store()
    by_alias = run(store, "statements-by-person", person="putin")
    by_iri = run(store, "statements-by-person", person=BASE + "person/vladimir-putin")
    assert len(by_alias) == len(by_iri) == 2
    assert by_alias[0]["date"] == "2022-03-07"  # newest first


def test_statements_by_person_has_a_sensible_default() -> None:
    assert {r["speakerName"] for r in run(filled_store(), "statements-by-person")} == {
        "Vladimir Putin"
    }


def test_a_parameter_value_cannot_change_the_query() -> None:
    hostile = 'x" ) } SELECT * WHERE { ?s ?p ?o } #'
    assert run(filled_store(), "statements-by-person", person=hostile) == []


def test_figures_by_source_and_timeline() -> None:
    store = filled_store()
    assert [r["text"] for r in run(store, "figures-by-source", source="us defense department")] == [
        "2,000-4,000 Russian soldiers may have died"
    ]
    dates = [r["date"] for r in run(store, "timeline")]
    assert dates == sorted(dates, reverse=True) and len(dates) == 3  # newest first
    assert [r["date"] for r in run(store, "timeline", **{"from": "2022-03-08"})] == [
        "2022-03-09",
        "2022-03-09",
    ]


def test_articles_query_counts_statements_and_figures() -> None:
    rows = {r["articleId"]: r for r in run(filled_store(), "articles")}
    assert (rows["a.txt"]["statements"], rows["a.txt"]["figures"]) == ("4", "1")
    assert rows["a.txt"]["title"] == "Russia admits conscripts"


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("timeline", {"from": "last week"}, "YYYY-MM-DD"),
        ("statements", {"person": "x"}, "has no parameter 'person'"),
        ("statements-by-person", {"person": "x" * 3000}, "longer than"),
    ],
)
def test_bad_parameters_are_refused_with_a_message_naming_them(
    name: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(BadRequest, match=message):
        get_query(QUERIES, name).bind(params)


def test_unknown_query_lists_the_available_ones() -> None:
    with pytest.raises(NotFound, match="available: articles, attributions, claim-reports, claims"):
        get_query(QUERIES, "nope")


def test_every_canned_query_has_a_summary_description_and_tags() -> None:
    assert {"statements", "figures", "statements-by-person", "figures-by-source", "timeline",
            "articles"} <= set(QUERIES)  # fmt: skip
    for query in QUERIES.values():
        assert query.summary and query.description and query.tags, query.name


def test_export_one_graph_as_turtle_with_prefixes_and_the_dataset_as_trig() -> None:
    store = filled_store()
    out = io.BytesIO()
    store.export(out, RdfFormat.TURTLE, NamedNode(BASE + "article/b.txt"))
    turtle = out.getvalue().decode()
    assert "@prefix ng: <https://newsgraph.example/ns#>" in turtle
    assert "only professional soldiers" in turtle and "Konashenkov" not in turtle
    out = io.BytesIO()
    store.export(out, RdfFormat.TRIG)
    assert out.getvalue().decode().count("GRAPH") + out.getvalue().decode().count("{") >= 2


def test_merge_node_renames_a_person_everywhere_and_keeps_the_old_label_as_alias() -> None:
    store = filled_store()
    minter = Minter(BASE)
    store.merge_node(minter.person("Vladimir Putin"), minter.person("Vladimir V. Putin"),
                     "Vladimir V. Putin")  # fmt: skip
    rows = run(store, "statements-by-person", person="Vladimir Putin")
    assert {r["speakerName"] for r in rows} == {"Vladimir V. Putin"} and len(rows) == 2


# --- Paging: every list is read a page at a time --------------------------


def copies_store(copies: int) -> GraphStore:
    """The two sample articles copied under new ids and days (newer copy, newer day), with
    the derived data: enough articles that a small page leaves several pages."""
    import dataclasses
    import datetime as dt

    from sample_data import article_b, derive

    store = GraphStore()
    minter = Minter(BASE)
    for copy in range(copies):
        for extraction in (article_a(), article_b()):
            day = dt.date(2022, 1, 1) + dt.timedelta(days=copy * 3 % 7)  # some days repeat
            article = dataclasses.replace(
                extraction.article, id=f"c{copy}-{extraction.article.id}", published=day
            )
            store.replace_graph(
                *extraction_to_quads(dataclasses.replace(extraction, article=article), minter)
            )
    return derive(store)


def with_page_size(name: str, size: int):  # type: ignore[no-untyped-def]
    """A saved query with ``size`` rows a page (the same text otherwise)."""
    from newsgraph.queries import parse_query

    query = QUERIES[name]
    return parse_query(
        name, query.sparql.replace(f"#+ pagination: {query.pagination}", f"#+ pagination: {size}")
    )


def test_every_saved_query_is_paged() -> None:
    """No saved query lists the whole store per request: each takes ``page`` and asks one
    row more than a page, and its page windows follow the page."""
    for name, query in QUERIES.items():
        assert query.pagination, f"{name} is not paged"
        text = query.paged(3, peek=True)
        offset = 2 * query.pagination
        assert text.rstrip().endswith(f"LIMIT {query.pagination + 1} OFFSET {offset}"), name
        if "# page window" in query.sparql:
            assert f"LIMIT {offset + query.pagination + 1}  # page window" in text, name


LISTS = {
    "statements": {},
    "figures": {},
    "articles": {},
    "sourcing": {},
    "attributions": {},
    "timeline": {},
    "statements-by-person": {"person": "vladimir putin"},
    "figures-by-source": {"source": "US Defense Department"},
    "claims": {},
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_pages_join_up_into_the_whole_list(name: str) -> None:
    """Page after page (two rows each) gives every row of the list once, in the list's
    order: a page window takes the rows its page needs and no fewer."""
    from newsgraph.link.claims import link_claims

    store = copies_store(5)
    link_claims(store, Minter(BASE))
    small, whole = with_page_size(name, 2), with_page_size(name, 1000)
    bound = small.bind(LISTS[name])
    everything = [tuple(map(str, r)) for r in store.query(whole.paged(1), substitutions=bound)]
    assert len(everything) > 4, f"{name}: too few rows to page"
    paged: list[tuple[str, ...]] = []
    page = 1
    while True:
        rows = [
            tuple(map(str, r))
            for r in store.query(small.paged(page, peek=True), substitutions=bound)
        ]
        paged += rows[:2]
        if len(rows) <= 2:
            break
        page += 1
    assert paged == everything, name
