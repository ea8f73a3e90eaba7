"""Full-text search: the FTS5 index, its rows, its query syntax and filters
(an index in memory over hand-made rows), and its rows derived from the sample graph the
same way from quads as from the store."""

from __future__ import annotations

import pytest
from sample_data import BASE, filled_store

from newsgraph.errors import BadRequest
from newsgraph.search.index import (
    CLOSE_MARK,
    OPEN_MARK,
    Entry,
    SearchIndex,
    SearchQuery,
    entries_from_triples,
    match_expression,
    plain,
)
from newsgraph.search.sync import (
    article_graphs,
    entries_by_sparql,
    entries_from_store,
    memory_index,
)


def entry(n: int, text: str, **kw: str) -> Entry:
    values = {
        "item": f"http://x.example/statement/{n}",
        "kind": "statement",
        "text": text,
        "name": "Jane Roe",
        "source": "http://x.example/person/jane-roe",
        "source_type": "named-person",
        "article": f"http://x.example/article/{n}",
        "article_id": f"{n}.txt",
        "title": f"Article {n}",
        "published": "2024-05-01",
        "publisher": "The Daily Example",
    }
    values.update(kw)
    return Entry(**values)


ROWS = [
    entry(1, "Tariffs on steel will rise next year"),
    entry(2, 'He said "near" the border, not NEAR it', name="John Doe", source="http://x/jd"),
    entry(3, "The ministry counted 40 bridges", kind="figure", published="2023-01-10"),
    entry(
        4,
        "Officials expect tariffs to fall",
        name="officials",
        source="http://x/officials",
        source_type="unnamed-group",
        publisher="Other Times",
        published="2024-06-02",
    ),
    entry(5, "Tariff talks broke down", published=""),
]


@pytest.fixture()
def index() -> SearchIndex:
    index = SearchIndex(None)
    index.replace_articles({row.article: [row] for row in ROWS})
    return index


def found(index: SearchIndex, text: str, **kw: object) -> list[int]:
    """The numbers of the rows a search finds, best first."""
    hits = index.search(SearchQuery(text, **kw)).hits  # type: ignore[arg-type]
    return [int(hit.item.rsplit("/", 1)[1]) for hit in hits]


# --- the words as typed: never FTS5 syntax -------------------------------------------------


def test_words_are_all_required_and_ranked(index: SearchIndex) -> None:
    assert sorted(found(index, "tariffs")) == [1, 4]
    assert found(index, "tariffs steel") == [1]
    assert found(index, "TARIFFS fall") == [4]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ('"tariffs', [1, 4]),  # an unbalanced quote is a character, not a phrase
        ('tariffs"', [1, 4]),
        ("NEAR", [2]),  # an operator's name is a word
        ("near border", [2]),
        ("tariff*", [5]),  # no prefix search: the word tariff
        ("-tariffs", [1, 4]),  # no negation
        ("tariffs OR bridges", []),  # OR is a word to find too
        ("steel AND", []),
        ("NEAR(tariffs steel)", []),
        ("{text}: tariffs", []),  # no column filter: "text" is a word to find too
        ("tariffs ^ ( ) : +", [1, 4]),  # words without letters are dropped
    ],
)
def test_query_syntax_is_escaped_by_default(index: SearchIndex, text: str, rows: list[int]) -> None:
    assert sorted(found(index, text)) == rows


@pytest.mark.parametrize("text", ["", "   ", "*", '"', "- ( )"])
def test_nothing_to_search_for_is_a_bad_request_naming_q(index: SearchIndex, text: str) -> None:
    with pytest.raises(BadRequest, match="parameter 'q'"):
        index.search(SearchQuery(text))


def test_advanced_mode_passes_fts5_syntax(index: SearchIndex) -> None:
    assert sorted(found(index, "tariff*", advanced=True)) == [1, 4, 5]
    assert found(index, "tariffs NOT steel", advanced=True) == [4]
    assert sorted(found(index, "steel OR bridges", advanced=True)) == [1, 3]
    assert found(index, '"tariffs to fall"', advanced=True) == [4]


@pytest.mark.parametrize("text", ["NEAR(tariffs", '"unbalanced', "tariffs AND", "(a OR"])
def test_an_advanced_syntax_error_is_a_bad_request_naming_q(index: SearchIndex, text: str) -> None:
    with pytest.raises(BadRequest, match=r"parameter 'q' .*mode=advanced"):
        index.search(SearchQuery(text, advanced=True))


def test_the_hidden_filter_words_cannot_be_searched(index: SearchIndex) -> None:
    facets = match_expression(SearchQuery("x", kind="figure")).rsplit(" ", 1)[1]
    assert found(index, facets) == []
    assert found(index, facets, advanced=True) == []


# --- filters, paging ------------------------------------------------------------------------


def test_filters(index: SearchIndex) -> None:
    assert found(index, "tariffs", speaker="jane  ROE") == [1]
    assert found(index, "tariffs", speaker="http://x/officials") == [4]
    assert found(index, "tariffs", source_type="unnamed-group") == [4]
    assert found(index, "tariffs", publisher="other times") == [4]
    assert found(index, "ministry", kind="figure") == [3]
    assert found(index, "ministry", kind="statement") == []
    assert found(index, "tariffs", date_from="2024-06-01") == [4]
    assert found(index, "tariffs", date_to="2024-05-31") == [1]
    assert found(index, "tariff", date_from="2000-01-01") == []  # undated: outside any range
    assert found(index, "tariffs", date_from="2024-05-01", date_to="2024-05-01") == [1]


@pytest.mark.parametrize(
    ("date_from", "date_to", "rows"),
    [
        ("2023-01-01", "2024-05-31", [1, 3]),  # a whole year and whole months: no day check
        ("2023-01-11", "2024-05-31", [1]),  # a range ending inside a month: checked by day
        ("", "2023-12-31", [3]),
        ("2024-06-01", "", [4]),
        ("2024-06-03", "", []),
        ("2024-05-02", "2024-05-01", []),  # from after to: nothing
        ("1800-01-01", "2300-01-01", [1, 3, 4]),  # beyond the years of the hidden words
    ],
)
def test_date_ranges(index: SearchIndex, date_from: str, date_to: str, rows: list[int]) -> None:
    query = "tariffs OR ministry"
    assert sorted(found(index, query, advanced=True, date_from=date_from, date_to=date_to)) == rows


def test_paging(index: SearchIndex) -> None:
    first = index.search(SearchQuery("tariffs", limit=1))
    second = index.search(SearchQuery("tariffs", limit=1, page=2))
    third = index.search(SearchQuery("tariffs", limit=1, page=3))
    assert first.has_next and not second.has_next and not third.hits
    assert {first.hits[0].item, second.hits[0].item} == {ROWS[0].item, ROWS[3].item}


def test_snippets_mark_the_words_found(index: SearchIndex) -> None:
    hit = index.search(SearchQuery("steel")).hits[0]
    assert f"{OPEN_MARK}steel{CLOSE_MARK}" in hit.snippet
    assert plain(hit.snippet) == ROWS[0].text


# --- writing: replaced whole, renamed -------------------------------------------------------


def test_an_articles_rows_are_replaced_whole(index: SearchIndex) -> None:
    index.replace_articles({ROWS[0].article: [entry(1, "Quotas on steel")]})
    assert found(index, "steel") == [1]
    assert found(index, "tariffs") == [4]
    assert index.articles() == len(ROWS)
    index.replace_articles({ROWS[0].article: []})
    assert found(index, "steel") == []


def test_control_characters_in_the_text_cannot_forge_marks() -> None:
    index = SearchIndex(None)
    index.replace_articles({"a": [entry(1, f"a {OPEN_MARK}forged{CLOSE_MARK} mark", article="a")]})
    hit = index.search(SearchQuery("mark")).hits[0]
    assert hit.snippet.count(OPEN_MARK) == 1


# --- rows from the graph --------------------------------------------------------------------


def test_rows_of_the_sample_graph() -> None:
    store = filled_store()
    rows = {
        e.item: e
        for _, entries in entries_from_store(store, article_graphs(store))
        for e in entries
    }
    captured = rows[BASE + "statement/a.txt/" + _span("some conscripts were captured")]
    assert captured.kind == "statement"
    assert (captured.name, captured.source_type) == ("Igor Konashenkov", "named-person")
    assert (captured.published, captured.publisher) == ("2022-03-10", "The Daily Example")
    assert captured.title == "Russia admits conscripts"
    figure = next(e for e in rows.values() if e.kind == "figure" and "2,000" in e.text)
    assert "Russian soldiers killed" in figure.text  # what is counted is searched too
    assert figure.name == "US Defense Department"
    unsourced = next(e for e in rows.values() if e.kind == "figure" and e.text.startswith("5%"))
    assert (unsourced.name, unsourced.source, unsourced.source_type) == ("", "", "")
    konashenkov = rows[BASE + "person/igor-konashenkov"]
    assert konashenkov.kind == "source"
    assert "Konashenkov" in konashenkov.text.split(" · ")
    assert "Defense Ministry spokesman" in konashenkov.text
    kinds = [e.kind for e in rows.values()]
    assert (kinds.count("statement"), kinds.count("figure")) == (5, 2)


def _span(part: str) -> str:
    from sample_data import TEXT_A

    start = TEXT_A.index(part)
    return f"{start}-{start + len(part)}"


def test_rows_from_quads_and_from_the_store_are_the_same() -> None:
    """A rebuild reads only the properties the rows are made of, from the indexes of an
    embedded store or by SPARQL from a remote one: the rows are those of the whole graph."""
    store = filled_store()
    graphs = article_graphs(store)
    by_sparql = dict(entries_by_sparql(store, graphs))
    for graph, from_store in entries_from_store(store, graphs):
        quads = store.oxigraph.quads_for_pattern(None, None, None, _node(graph))
        triples = [(q.subject, q.predicate, q.object) for q in quads]
        assert from_store and entries_from_triples(graph, triples) == from_store
        assert by_sparql[graph] == from_store


def _node(iri: str):  # type: ignore[no-untyped-def]
    from pyoxigraph import NamedNode

    return NamedNode(iri)


def test_an_index_of_a_store_in_memory_finds_its_statements() -> None:
    index = memory_index(filled_store())
    hits = index.search(SearchQuery("conscripts", speaker="Vladimir Putin")).hits
    assert [h.entry.text for h in hits] == ["conscripts would not take part"]


def test_a_broad_filter_keeps_the_ranking_of_the_words(index: SearchIndex) -> None:
    """With a broad filter the rows are ranked by the user's words alone: the same order
    as without the filter, less the rows it drops."""
    index.replace_articles(
        {f"http://x/b{n}": [entry(10 + n, "tariffs " * n + "x", article=f"http://x/b{n}")]
         for n in range(1, 6)}
    )  # fmt: skip
    everything = found(index, "tariffs")
    statements = found(index, "tariffs", kind="statement")
    assert statements == [n for n in everything if n in statements]
    assert len(statements) == len(everything)  # every row here is a statement


def test_a_common_word_ranks_only_the_newest_matches(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.search.index as search

    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    newest = [e.item for e in ROWS[3:]]  # rows indexed last
    page = index.search(SearchQuery("tariffs OR tariff", advanced=True))
    assert page.ranked_among == 2
    assert sorted(h.item for h in page.hits) == sorted(newest)
    filtered = index.search(SearchQuery("tariffs OR tariff", advanced=True, kind="statement"))
    assert filtered.ranked_among == 2
    assert sorted(h.item for h in filtered.hits) == sorted(newest)
    assert index.search(SearchQuery("steel")).ranked_among is None  # fewer: all ranked
