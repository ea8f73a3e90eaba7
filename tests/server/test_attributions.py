"""Who the attributions come from: the ``attributions`` and ``sourcing`` queries, the
sourcing chart and the articles' sourcing mix, through Flask's test client over a small
store read from invented sentences by the real pipeline (one store for the module)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sample_data import BASE

from newsgraph import ontology as ng
from newsgraph.config import Settings
from newsgraph.extract.records import Article, Entity, Extraction, Statement
from newsgraph.ingest.local import ingest
from newsgraph.server import create_app
from newsgraph.server.charts import MAX_BARS, charts_for
from newsgraph.server.tables import Cell, Table
from newsgraph.store import GraphStore
from newsgraph.store.derived import refresh
from newsgraph.store.rdf import Minter, extraction_to_quads

PARAMETER_VARS = ["__article", "__sourceType"]
ATTRIBUTION_VARS = ["item", "kind", "sentence", "text", "source", "sourceName", "sourceType"]
ATTRIBUTION_VARS += ["article", "articleId", "published", "publisher"]
TYPE_COLUMNS = ["namedPerson", "namedOrganization", "document", "unnamedGroup"]
TYPE_COLUMNS += ["unnamedPerson", "anonymous"]
SOURCING_VARS = ["article", "articleId", "title", "published", "publisher", "attributions"]
SOURCING_VARS += TYPE_COLUMNS
SOURCE_TYPES = ["named-person", "named-organization", "document", "unnamed-group"]
SOURCE_TYPES += ["unnamed-person", "anonymous"]
HTML = {"Accept": "text/html"}

ARTICLES = [
    {
        "id": "rates",
        "title": "Rates and appeals",
        "publisher": "The Daily Example",
        "published": "2024-05-02",
        "text": "Analysts said the bank would cut rates. "
        "A witness said the car was red. "
        "A person familiar with the matter said the deal was off.",
    },
    {
        "id": "votes",
        "title": "Votes and plans",
        "publisher": "Example Times",
        "published": "2024-06-10",
        "text": "The meeting agenda said the vote was delayed. "
        "Mark Hale said the plan would work. "
        "The Home Office said it would review the case. "
        "Unemployment rose to 5.2% in May, the Office for National Statistics said.",
    },
    {
        "id": "quiet",
        "title": "A quiet day",
        "text": "The weather was fine in Leeds. Prices rose 3% in March.",
    },
]

# text -> (kind, sourceType, a word of the source's name as the article gives it)
EXPECTED = {
    "the bank would cut rates": ("statement", "unnamed-group", "analysts"),
    "the car was red": ("statement", "unnamed-person", "witness"),
    "the deal was off": ("statement", "anonymous", "person familiar with the matter"),
    "the vote was delayed": ("statement", "document", "agenda"),
    "the plan would work": ("statement", "named-person", "mark hale"),
    "it would review the case": ("statement", "named-organization", "home office"),
    "Unemployment rose to 5.2% in May": (
        "statement",
        "named-organization",
        "office for national statistics",
    ),
    "5.2%": ("figure", "named-organization", "office for national statistics"),
}


@pytest.fixture(scope="module")
def store(nlp, tmp_path_factory) -> GraphStore:  # type: ignore[no-untyped-def]
    folder: Path = tmp_path_factory.mktemp("attributions")
    feed = folder / "news.jsonl"
    feed.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    store = GraphStore()
    report = ingest([feed], store, nlp, Minter(BASE), progress=False)
    assert report.articles == 3 and not report.failures
    return store


@pytest.fixture(scope="module")
def client(store: GraphStore, app_client):  # type: ignore[no-untyped-def]
    return app_client(store, max_rows=50)


def rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.data
    return [{k: v["value"] for k, v in b.items()} for b in response.json["results"]["bindings"]]


def attributions(client, **params: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return rows(client.get("/queries/attributions.json", query_string=params))


# --- attributions -----------------------------------------------------------------------


@pytest.mark.model
def test_attributions_give_kind_type_and_name_of_every_source(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/queries/attributions.json")
    # pyoxigraph binds a parameter only when it is projected: the two come first.
    assert response.json["head"]["vars"] == PARAMETER_VARS + ATTRIBUTION_VARS
    found = {r["text"]: r for r in rows(response)}
    assert set(found) == set(EXPECTED)  # the figure without a source ("3%") is not one
    for text, (kind, source_type, name) in EXPECTED.items():
        row = found[text]
        assert (row["kind"], row["sourceType"]) == (kind, source_type), text
        assert name in row["sourceName"].lower(), (text, row["sourceName"])
        assert row["text"] in row["sentence"] or text == "5.2%"
        assert "__article" not in row and "__sourceType" not in row
    hale = found["the plan would work"]
    assert hale["sentence"] == "Mark Hale said the plan would work."
    assert (hale["articleId"], hale["published"], hale["publisher"]) == (
        "votes",
        "2024-06-10",
        "Example Times",
    )
    assert hale["source"] == BASE + "person/mark-hale"
    assert found["5.2%"]["item"].startswith(BASE + "figure/")
    assert found["the deal was off"]["publisher"] == "The Daily Example"


@pytest.mark.model
def test_attributions_are_newest_article_first_then_in_text_order(client) -> None:  # type: ignore[no-untyped-def]
    order = [(r["articleId"], r["text"]) for r in attributions(client)]
    assert order == [
        ("votes", "the vote was delayed"),
        ("votes", "the plan would work"),
        ("votes", "it would review the case"),
        ("votes", "Unemployment rose to 5.2% in May"),
        ("votes", "5.2%"),
        ("rates", "the bank would cut rates"),
        ("rates", "the car was red"),
        ("rates", "the deal was off"),
    ]


@pytest.mark.model
def test_the_article_parameter_keeps_one_articles_attributions(client) -> None:  # type: ignore[no-untyped-def]
    found = attributions(client, article="rates")
    assert {r["articleId"] for r in found} == {"rates"}
    assert [r["sourceType"] for r in found] == ["unnamed-group", "unnamed-person", "anonymous"]
    assert attributions(client, article="quiet") == []
    assert attributions(client, article="no-such-article") == []


@pytest.mark.parametrize("source_type", SOURCE_TYPES)
@pytest.mark.model
def test_the_source_type_parameter_keeps_one_type(client, source_type: str) -> None:  # type: ignore[no-untyped-def]
    found = attributions(client, sourceType=source_type)
    expected = {t for t, (_, kind, _) in EXPECTED.items() if kind == source_type}
    assert {r["text"] for r in found} == expected
    assert {r["sourceType"] for r in found} == {source_type}


@pytest.mark.model
def test_ingest_keeps_a_list_key_per_kind_of_source_each_article_has(store: GraphStore) -> None:
    """The attributions list filtered by type pages through one key per type (derived at
    ingest), so it never checks every article of a large store for that type."""
    keyed = {
        (row["id"].value, row["p"].value.removeprefix(ng.NS))
        for row in store.query(
            "SELECT ?id ?p WHERE { ?a ng:identifier ?id ; ?p ?key . "
            "FILTER (STRENDS(STR(?p), 'AttributionsKey')) }"
        )
    }
    assert keyed == {
        ("rates", "unnamedGroupAttributionsKey"),
        ("rates", "unnamedPersonAttributionsKey"),
        ("rates", "anonymousAttributionsKey"),
        ("votes", "documentAttributionsKey"),
        ("votes", "namedPersonAttributionsKey"),
        ("votes", "namedOrganizationAttributionsKey"),
    }


@pytest.mark.model
def test_both_parameters_together(client) -> None:  # type: ignore[no-untyped-def]
    found = attributions(client, article="votes", sourceType="named-organization")
    assert [(r["kind"], r["text"]) for r in found] == [
        ("statement", "it would review the case"),
        ("statement", "Unemployment rose to 5.2% in May"),
        ("figure", "5.2%"),
    ]
    assert attributions(client, article="rates", sourceType="named-person") == []


@pytest.mark.model
def test_an_unknown_source_type_is_refused_naming_the_six(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/queries/attributions.json?sourceType=named-persons")
    assert response.status_code == 400
    assert response.json["status"] == 400
    message = response.json["error"]
    assert "'sourceType'" in message and "'named-persons'" in message
    assert ", ".join(SOURCE_TYPES) in message
    page = client.get("/queries/attributions?sourceType=%3Cb%3Ex", headers=HTML)
    assert page.status_code == 400
    assert "&lt;b&gt;x" in page.text and "<b>x" not in page.text


@pytest.mark.model
def test_the_attributions_page_offers_the_six_types_and_shows_the_sentences(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/queries/attributions", headers=HTML).text
    select = html[html.index('<select id="param-sourceType"') : html.index("</select>")]
    assert '<option value="">(any)</option>' in select
    for source_type in SOURCE_TYPES:
        assert f'<option value="{source_type}">' in select
    assert '<input id="param-article" name="article"' in html
    assert '<th scope="col">sourceType</th>' in html
    assert '<th scope="col">__sourceType</th>' not in html  # a parameter is not a column
    assert "A person familiar with the matter said the deal was off." in html
    csv = client.get("/queries/attributions.csv").text
    assert csv.splitlines()[0] == ",".join(PARAMETER_VARS + ATTRIBUTION_VARS)


# --- sourcing ---------------------------------------------------------------------------


@pytest.mark.model
def test_sourcing_counts_each_articles_attributions_by_type(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/queries/sourcing.json")
    assert response.json["head"]["vars"] == ["__article", *SOURCING_VARS]
    found = rows(response)
    assert [r["articleId"] for r in found] == ["votes", "rates", "quiet"]  # newest first
    counts = {r["articleId"]: [int(r[c]) for c in ["attributions", *TYPE_COLUMNS]] for r in found}
    assert counts == {
        "votes": [5, 1, 3, 1, 0, 0, 0],  # the figure without a source is not counted
        "rates": [3, 0, 0, 0, 1, 1, 1],
        "quiet": [0, 0, 0, 0, 0, 0, 0],
    }
    votes = found[0]
    assert (votes["title"], votes["publisher"], votes["published"]) == (
        "Votes and plans",
        "Example Times",
        "2024-06-10",
    )
    one = rows(client.get("/queries/sourcing.json?article=rates"))
    assert [(r["articleId"], r["anonymous"]) for r in one] == [("rates", "1")]


@pytest.mark.model
def test_the_sourcing_page_draws_a_stacked_bar_per_article_with_a_legend(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/queries/sourcing", headers=HTML).text
    chart = html[html.index('<figure class="chart sourcing">') : html.index("</figure>")]
    assert '<title id="sourcing-title">Sourcing of 3 articles by type of source</title>' in chart
    summary = "8 attributions in 3 articles: 1 named person, 3 named organisation, 1 document, "
    assert summary + "1 unnamed group, 1 unnamed person, 1 anonymous source.</desc>" in chart
    for label in ("named person (1)", "named organisation (3)", "anonymous source (1)"):
        assert f">{label}</text>" in chart  # the legend
    assert "type not known" not in chart  # every source here has a type
    segments = re.findall(r'<rect class="segment ([a-z-]+)"[^>]* fill="#[0-9a-f]{6}">', chart)
    assert segments == ["named-person", "named-organization", "document"] + [
        "unnamed-group",
        "unnamed-person",
        "anonymous",
    ]
    assert "Votes and plans (votes): named organisation, 3 of 5 attributions (60%)" in chart
    assert '<a href="/article/votes">' in chart
    assert ">none</text>" in chart  # the article without attributions
    assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html)
    assert '<th scope="col">anonymous</th>' in html  # the table follows the chart


# --- articles ---------------------------------------------------------------------------


@pytest.mark.model
def test_articles_list_each_articles_sourcing_mix(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/queries/articles.json")
    assert response.json["head"]["vars"][-3:] == ["statements", "figures", "sources"]
    found = {r["articleId"]: r for r in rows(response)}
    assert found["votes"]["sources"] == "1 named-person, 3 named-organization, 1 document"
    assert found["rates"]["sources"] == "1 unnamed-group, 1 unnamed-person, 1 anonymous"
    assert "sources" not in found["quiet"]
    assert (found["votes"]["statements"], found["votes"]["figures"]) == ("4", "1")
    html = client.get("/queries/articles", headers=HTML).text
    assert '<th scope="col">sources</th>' in html
    assert "1 unnamed-group, 1 unnamed-person, 1 anonymous" in html
    home = client.get("/", headers=HTML)
    assert home.status_code == 200 and "Votes and plans" in home.text


# --- listing and OpenAPI ----------------------------------------------------------------


@pytest.mark.model
def test_the_listing_and_openapi_describe_the_new_queries(client) -> None:  # type: ignore[no-untyped-def]
    listed = {q["name"]: q for q in client.get("/queries.json").json["queries"]}
    params = {p["name"]: p for p in listed["attributions"]["parameters"]}
    assert set(params) == {"article", "sourceType"}
    assert not params["article"]["required"] and not params["sourceType"]["required"]
    assert params["sourceType"]["choices"] == SOURCE_TYPES
    assert [p["name"] for p in listed["sourcing"]["parameters"]] == ["article"]
    assert "sources" in listed["attributions"]["tags"] and "sources" in listed["sourcing"]["tags"]

    paths = client.get("/openapi.json").json["paths"]
    attributions_op = paths["/queries/attributions"]["get"]
    by_name = {p["name"]: p for p in attributions_op["parameters"]}
    assert by_name["sourceType"]["schema"]["enum"] == SOURCE_TYPES
    assert by_name["article"]["required"] is False
    assert attributions_op["operationId"] == "query_attributions"
    sourcing_op = paths["/queries/sourcing"]["get"]
    assert "article" in {p["name"] for p in sourcing_op["parameters"]}
    assert sourcing_op["summary"].startswith("Where each article's attributions come from")


# --- the chart's geometry, without the model ----------------------------------------------


def sourcing_table(counts: list[list[int]]) -> Table:
    names = ["article", "articleId", "title", "attributions", *TYPE_COLUMNS]
    table_rows = [
        [
            Cell(f"a{n}", href=f"/article/a{n}", kind="iri"),
            Cell(f"a{n}"),
            Cell(""),
            *(Cell(str(c), kind="number", value=str(c)) for c in row),
        ]
        for n, row in enumerate(counts)
    ]
    return Table(names, table_rows)


def test_the_sourcing_chart_stacks_in_a_fixed_order_and_shows_untyped_attributions() -> None:
    chart = charts_for(sourcing_table([[10, 2, 0, 0, 3, 0, 1], [4, 0, 4, 0, 0, 0, 0]]))["sourcing"]
    first, second = chart.bars  # type: ignore[attr-defined]
    assert [(s.kind.value, s.count) for s in first.segments] == [
        ("named-person", 2),
        ("unnamed-group", 3),
        ("anonymous", 1),
        ("unknown", 4),  # 10 attributions, 6 of a known type
    ]
    assert first.segments[0].x == chart.label_width  # type: ignore[attr-defined]
    for left, right in zip(first.segments, first.segments[1:], strict=False):
        assert right.x == pytest.approx(left.x + left.width, abs=0.2)
    assert first.end == pytest.approx(first.segments[-1].x + first.segments[-1].width, abs=0.2)
    assert second.end < first.end and second.label == "a1"
    assert [t.label for t in chart.ticks][0] == "0"  # type: ignore[attr-defined]
    assert "type not known (4)" in [i.text for i in chart.legend]  # type: ignore[attr-defined]


def test_the_sourcing_chart_draws_at_most_max_bars_and_says_how_many_articles() -> None:
    chart = charts_for(sourcing_table([[1, 1, 0, 0, 0, 0, 0]] * (MAX_BARS + 5)))["sourcing"]
    assert len(chart.bars) == MAX_BARS and chart.articles == MAX_BARS + 5  # type: ignore[attr-defined]
    assert "type not known" not in [i.kind.label for i in chart.legend]  # type: ignore[attr-defined]


# --- coordinated speakers ------------------------------------------------------------------


def test_coordinated_speakers_each_get_an_attribution_and_one_statement_row() -> None:
    """ "Acme and the Widget Union said the strike was over": each said it, so the
    attributions query and the sourcing counts give one row per speaker, while the
    statements query keeps one row per statement (its speaker, the first named)."""
    text = "Acme and the Widget Union said the strike was over."
    part = "the strike was over"
    start = text.index(part)
    acme, union = Entity("Acme", "org"), Entity("Widget Union", "org")
    said = Statement(speaker=acme, text=part, start=start, end=start + len(part),
                     kind="indirect", sentence=text, sentence_start=0, sentence_end=len(text),
                     cue="said", co_speakers=(union,))  # fmt: skip
    article = Article(id="strike", text=text, title="Strike", published=None)
    store, minter = GraphStore(), Minter(BASE)
    graph, quads = extraction_to_quads(Extraction(article, (said,), (), (acme, union)), minter)
    store.replace_graph(graph, quads)
    refresh(store, minter)
    app = create_app(Settings(max_rows=50), store=store)
    app.config["TESTING"] = True
    client = app.test_client()
    found = attributions(client)
    assert sorted(r["sourceName"] for r in found) == ["Acme", "Widget Union"]
    assert {r["text"] for r in found} == {part} and {r["kind"] for r in found} == {"statement"}
    statements = rows(client.get("/queries/statements.json"))
    assert [r["speakerName"] for r in statements] == ["Acme"]
    mix = rows(client.get("/queries/sourcing.json"))
    assert [(r["attributions"], r["namedOrganization"]) for r in mix] == [("2", "2")]
