"""The web server through Flask's test client, over the small fixed graph of sample_data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse
from sample_data import BASE, derive, filled_store

from newsgraph.config import Settings
from newsgraph.extract.records import Article, Entity, Extraction, Statement
from newsgraph.server import create_app
from newsgraph.server.sparql import NO_SERVICE
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter, extraction_to_quads

STATEMENT_VARS = ["statement", "speaker", "speakerName", "text", "direct", "date", "article"]
STATEMENT_VARS += ["articleId", "published", "publisher"]
FIGURE_VARS = ["figure", "source", "sourceName", "value", "low", "high", "what", "text"]
FIGURE_VARS += ["article", "articleId"]
PESKOV = Entity(name="Dmítry Peskóv", kind="person")
UNICODE_TEXT = "Всё идёт по плану — «ça va», 5 €"
JSON_TYPE = "application/sparql-results+json; charset=utf-8"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def article_c() -> Extraction:
    """An article whose speaker and words are not ASCII."""
    text = f"Peskóv said: «{UNICODE_TEXT}»."
    start = text.index(UNICODE_TEXT)
    article = Article(id="c-ünï.txt", text=text, published=dt.date(2022, 3, 11))
    said = Statement(
        speaker=PESKOV,
        text=UNICODE_TEXT,
        start=start,
        end=start + len(UNICODE_TEXT),
        kind="direct",
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
        cue="said",
    )
    return Extraction(article, (said,), (), (PESKOV,))


@pytest.fixture()
def store() -> GraphStore:
    store = filled_store()
    store.replace_graph(*extraction_to_quads(article_c(), Minter(BASE)))
    return derive(store)


# ``client`` is conftest's: a test client over this module's ``store``.


def sparql_json(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.data
    return [{k: v["value"] for k, v in b.items()} for b in response.json["results"]["bindings"]]


def count_quads(client) -> int:  # type: ignore[no-untyped-def]
    return int(sparql_json(client.get("/sparql", query_string={"query": COUNT_ALL}))[0]["n"])


# --- /sparql: the protocol --------------------------------------------------------------

SELECT_SPEAKERS = "SELECT DISTINCT ?name WHERE { ?s ng:saidBy/rdfs:label ?name } ORDER BY ?name"


def test_get_query_returns_sparql_json_by_default(client) -> None:
    response = client.get("/sparql", query_string={"query": SELECT_SPEAKERS})
    assert response.content_type == JSON_TYPE
    assert response.json["head"]["vars"] == ["name"]
    names = [row["name"] for row in sparql_json(response)]
    assert names == sorted(
        ["Igor Konashenkov", "Vladimir Putin", "US Defense Department", PESKOV.name]
    )


def test_post_form_and_post_direct_body_give_the_same_answer(client) -> None:
    by_get = client.get("/sparql", query_string={"query": SELECT_SPEAKERS}).json
    by_form = client.post("/sparql", data={"query": SELECT_SPEAKERS})
    by_body = client.post(
        "/sparql", data=SELECT_SPEAKERS.encode(), content_type="application/sparql-query"
    )
    assert by_form.status_code == by_body.status_code == 200
    assert by_form.json == by_body.json == by_get


def test_query_is_an_alias_of_sparql(client) -> None:
    response = client.get("/query", query_string={"query": "ASK { ?s a ng:Statement }"})
    assert response.status_code == 200
    assert response.json == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("accept", "content_type", "first_bytes"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
        ("text/csv", "text/csv", b"name\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?name\n"),
        ("application/json", "application/sparql-results+json", b"{"),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.9", "text/tab-separated-values", b"?"),
        ("text/csv;q=0.9, application/sparql-results+xml", "application/sparql-results+xml", b"<"),
        ("image/png", "application/sparql-results+json", b"{"),
    ],
)
def test_select_result_format_is_negotiated_with_q_values(
    client, accept: str, content_type: str, first_bytes: bytes
) -> None:
    response = client.get(
        "/sparql", query_string={"query": SELECT_SPEAKERS}, headers={"Accept": accept}
    )
    assert response.status_code == 200
    assert response.content_type == f"{content_type}; charset=utf-8"
    assert response.data.startswith(first_bytes)
    assert "Accept" in response.headers["Vary"]


def test_a_remembered_negotiation_answers_for_its_own_offers_only() -> None:
    """Negotiation is remembered per (offers, Accept): the same header asked of the
    SELECT and the CONSTRUCT formats, again and again, keeps giving each its own choice."""
    from werkzeug.datastructures import MIMEAccept
    from werkzeug.http import parse_accept_header

    from newsgraph.server.formats import GRAPH_FORMATS, SOLUTION_FORMATS, negotiate

    accept = "application/n-triples;q=0.4, text/csv;q=0.9"
    for _ in range(3):
        assert negotiate(SOLUTION_FORMATS, accept=accept).name == "csv"
        assert negotiate(GRAPH_FORMATS, accept=accept).name == "ntriples"
    parsed = parse_accept_header(accept, MIMEAccept)
    assert negotiate(SOLUTION_FORMATS, accept=parsed).name == "csv"


def test_csv_result_holds_the_rows(client) -> None:
    response = client.get(
        "/sparql", query_string={"query": SELECT_SPEAKERS}, headers={"Accept": "text/csv"}
    )
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8"))))
    assert table[0] == ["name"]
    assert ["Igor Konashenkov"] in table


CONSTRUCT = "CONSTRUCT { ?s rdfs:label ?name } WHERE { ?s ng:saidBy ?x . ?x rdfs:label ?name }"


@pytest.mark.parametrize(
    ("accept", "content_type", "rdf_format"),
    [
        (None, "text/turtle", RdfFormat.TURTLE),
        ("text/turtle", "text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", RdfFormat.N_TRIPLES),
        ("application/rdf+xml", "application/rdf+xml", RdfFormat.RDF_XML),
        ("application/ld+json", "application/ld+json", RdfFormat.JSON_LD),
        ("application/n-quads", "application/n-quads", RdfFormat.N_QUADS),
        ("application/trig", "application/trig", RdfFormat.TRIG),
        ("application/sparql-results+json", "text/turtle", RdfFormat.TURTLE),
        (
            "text/turtle;q=0.2, application/n-triples;q=0.8",
            "application/n-triples",
            RdfFormat.N_TRIPLES,
        ),
    ],
)
def test_construct_result_format_is_negotiated(
    client, accept: str | None, content_type: str, rdf_format: RdfFormat
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers=headers)
    assert response.status_code == 200
    assert response.content_type == f"{content_type}; charset=utf-8"
    triples = list(parse(response.data, rdf_format))
    assert len(triples) == 6  # one label per statement
    labels = {t.object.value for t in triples}
    assert "Igor Konashenkov" in labels


def test_describe_returns_turtle(client) -> None:
    iri = BASE + "person/vladimir-putin"
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <{iri}>"})
    assert response.content_type == "text/turtle; charset=utf-8"
    assert "Vladimir Putin" in response.data.decode("utf-8")


def test_format_parameter_selects_and_unknown_parameters_are_ignored(client) -> None:
    # What SPARQLWrapper sends with a SELECT asking for JSON.
    params = {"query": SELECT_SPEAKERS, "format": "json", "output": "json", "results": "json"}
    response = client.get("/sparql", query_string=params, headers={"Accept": "text/csv"})
    assert response.content_type == JSON_TYPE
    response = client.get("/sparql", query_string={"query": SELECT_SPEAKERS, "output": "csv"})
    assert response.content_type == "text/csv; charset=utf-8"
    response = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "json"})
    assert response.content_type == "application/ld+json; charset=utf-8"
    response = client.get("/sparql", query_string={"query": SELECT_SPEAKERS, "format": "nonsense"})
    assert response.content_type == JSON_TYPE


def test_default_graph_uri_and_named_graph_uri_choose_the_dataset(client) -> None:
    query = "SELECT DISTINCT ?name WHERE { ?s ng:saidBy/rdfs:label ?name } ORDER BY ?name"
    only_b = client.get(
        "/sparql", query_string={"query": query, "default-graph-uri": BASE + "article/b.txt"}
    )
    assert [r["name"] for r in sparql_json(only_b)] == ["Vladimir Putin"]
    both = client.get(
        "/sparql",
        query_string=[
            ("query", query),
            ("default-graph-uri", BASE + "article/b.txt"),
            ("default-graph-uri", BASE + "article/c-%C3%BCn%C3%AF.txt"),
        ],
    )
    assert len(sparql_json(both)) == 1  # c's IRI is hashed, so only b matches
    named = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    response = client.post(
        "/sparql?named-graph-uri=" + BASE + "article/a.txt", data={"query": named}
    )
    assert [r["g"] for r in sparql_json(response)] == [BASE + "article/a.txt"]
    nothing_by_default = client.post(
        "/sparql", data={"query": "ASK { ?s ?p ?o }", "named-graph-uri": BASE + "article/a.txt"}
    )
    assert nothing_by_default.json["boolean"] is False


def test_without_dataset_parameters_the_default_graph_is_the_union(client) -> None:
    query = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }"
    assert sparql_json(client.get("/sparql", query_string={"query": query}))[0]["n"] == "3"


def test_a_malformed_query_is_a_400_with_the_parsers_message(client) -> None:
    response = client.get("/sparql", query_string={"query": "SELEC ?x WHERE {}"})
    assert response.status_code == 400
    assert response.content_type == "application/json; charset=utf-8"
    assert response.json["status"] == 400
    assert response.json["error"].startswith("malformed query: error at 1:")


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"method": "POST", "data": {"default-graph-uri": BASE}}, 400, "missing query"),
        ({"method": "GET", "query_string": {"query": "  "}}, 400, "empty query"),
        (
            {"method": "GET", "query_string": [("query", "ASK {}"), ("query", "ASK {}")]},
            400,
            "exactly one query",
        ),
        ({"method": "POST", "data": "ASK {}", "content_type": "text/plain"}, 415, "text/plain"),
        ({"method": "POST", "data": "ASK {}"}, 415, "(none)"),
        (
            {
                "method": "POST",
                "data": "ASK {}".encode("utf-16"),
                "content_type": "application/sparql-query; charset=utf-16",
            },
            400,
            "UTF-8",
        ),
        (
            {
                "method": "POST",
                "data": b"ASK { ?s ?p '\xff' }",
                "content_type": "application/sparql-query",
            },
            400,
            "not valid UTF-8",
        ),
        ({"method": "PUT", "data": "ASK {}"}, 405, "allowed: "),
    ],
)
def test_protocol_errors_have_their_status_and_a_readable_message(
    client, kwargs: dict, status: int, message: str
) -> None:
    response = client.open("/sparql", **kwargs)
    assert response.status_code == status
    assert response.json["status"] == status
    assert message in response.json["error"]
    assert "Traceback" not in response.data.decode("utf-8")


UPDATE = f"INSERT DATA {{ GRAPH <{BASE}article/x> {{ <http://e/s> <http://e/p> 'x' }} }}"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": "GET", "query_string": {"update": UPDATE}},
        {"method": "POST", "data": {"update": UPDATE}},
        {"method": "POST", "data": UPDATE, "content_type": "application/sparql-update"},
        {"method": "POST", "data": {"query": UPDATE}},
        {
            "method": "POST",
            "data": "PREFIX e: <http://e/>\n# drop all\nDROP ALL",
            "content_type": "application/sparql-query",
        },
        {"method": "GET", "query_string": {"query": "clear silent default"}},
    ],
)
def test_updates_are_refused_and_the_store_is_unchanged(client, kwargs: dict) -> None:
    before = count_quads(client)
    response = client.open("/sparql", **kwargs)
    assert response.status_code == 403
    assert response.json == {
        "error": "this endpoint is read-only: SPARQL updates are not accepted",
        "status": 403,
    }
    assert count_quads(client) == before > 0


def test_service_description_on_a_plain_get(client) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.content_type == "text/turtle; charset=utf-8"
    triples = list(parse(response.data, RdfFormat.TURTLE))
    endpoint = NamedNode("http://localhost/sparql")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(t.subject == endpoint and t.predicate.value == sd + "endpoint" for t in triples)
    formats = {t.object.value for t in triples if t.predicate.value == sd + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats


def test_browser_get_of_sparql_shows_a_query_form(client) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.content_type == "text/html; charset=utf-8"
    page = response.data.decode("utf-8")
    assert '<textarea name="query"' in page
    assert "PREFIX ng: &lt;https://newsgraph.example/ns#&gt;" in page


def test_browser_query_shows_a_table_with_text_escaped(client) -> None:
    query = "SELECT ?text WHERE { ?s ng:text ?text FILTER CONTAINS(?text, 'script') }"
    response = client.get("/sparql", query_string={"query": query, "format": "html"})
    page = response.data.decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; in Ukraine" in page
    assert "<script>" not in page


def test_cors_and_preflight_on_the_endpoint(client) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "http://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"] == "content-type"
    error = client.get("/sparql", query_string={"query": "nonsense"})
    assert error.headers["Access-Control-Allow-Origin"] == "*"


def test_utf8_round_trips_through_query_and_results(client) -> None:
    query = "SELECT ?speaker WHERE { ?s ng:text ?t ; ng:saidBy/rdfs:label ?speaker }"
    response = client.post(
        "/sparql",
        data=query.replace("?t ;", f'"{UNICODE_TEXT}" ;').encode("utf-8"),
        content_type="application/sparql-query",
    )
    assert [r["speaker"] for r in sparql_json(response)] == [PESKOV.name]
    as_csv = client.get(
        "/sparql",
        query_string={"query": f'SELECT ?t {{ ?s ng:text ?t FILTER(?t = "{UNICODE_TEXT}") }}'},
        headers={"Accept": "text/csv"},
    )
    assert list(csv.reader(io.StringIO(as_csv.data.decode("utf-8")))) == [["t"], [UNICODE_TEXT]]


# --- /queries ---------------------------------------------------------------------------


def test_queries_listing_as_json(client) -> None:
    for response in (
        client.get("/queries.json"),
        client.get("/queries", headers={"Accept": "application/json"}),
    ):
        assert response.status_code == 200
        assert response.content_type == "application/json; charset=utf-8"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        by_name = {q["name"]: q for q in response.json["queries"]}
        assert {"statements", "figures", "statements-by-person", "timeline"} <= set(by_name)
        person = by_name["statements-by-person"]
        assert person["url"] == "/queries/statements-by-person"
        assert person["parameters"][0]["name"] == "person"
        assert person["parameters"][0]["default"] == "Vladimir Putin"


def test_queries_page_is_grouped_by_tag(client) -> None:
    response = client.get("/queries", headers={"Accept": "text/html"})
    assert response.content_type == "text/html; charset=utf-8"
    page = response.data.decode("utf-8")
    assert "<h2>statements</h2>" in page and "<h2>figures</h2>" in page
    assert 'href="/queries/statements"' in page
    assert "Who said what, and when" in page


def test_statements_query_returns_the_documented_variables(client) -> None:
    response = client.get("/queries/statements")
    assert response.content_type == JSON_TYPE
    assert response.json["head"]["vars"] == STATEMENT_VARS
    rows = sparql_json(response)
    assert len(rows) == 6
    said = next(r for r in rows if r["text"] == "some conscripts were captured")
    assert said["speakerName"] == "Igor Konashenkov"
    assert said["date"] == "2022-03-09"
    assert said["articleId"] == "a.txt"
    assert said["publisher"] == "The Daily Example"
    assert response.json["results"]["bindings"][0]["direct"]["datatype"].endswith("#boolean")


def test_figures_query_returns_the_documented_variables(client) -> None:
    response = client.get("/queries/figures", query_string={"format": "json"})
    assert response.json["head"]["vars"] == FIGURE_VARS
    rows = sparql_json(response)
    died = next(r for r in rows if r["articleId"] == "a.txt")
    assert (died["low"], died["high"], died["sourceName"]) == (
        "2000",
        "4000",
        "US Defense Department",
    )
    assert "value" not in died


@pytest.mark.parametrize(
    ("path", "query_string", "headers", "content_type"),
    [
        ("/queries/statements.csv", {}, {}, "text/csv"),
        ("/queries/statements.tsv", {}, {}, "text/tab-separated-values"),
        ("/queries/statements.xml", {}, {}, "application/sparql-results+xml"),
        ("/queries/statements", {"format": "csv"}, {}, "text/csv"),
        (
            "/queries/statements",
            {},
            {"Accept": "text/tab-separated-values"},
            "text/tab-separated-values",
        ),
        ("/queries/statements", {}, {"Accept": "text/html"}, "text/html"),
        ("/queries/statements.html", {}, {"Accept": "application/json"}, "text/html"),
    ],
)
def test_canned_formats_by_suffix_parameter_and_accept(
    client, path: str, query_string: dict, headers: dict, content_type: str
) -> None:
    response = client.get(path, query_string=query_string, headers=headers)
    assert response.status_code == 200
    assert response.content_type == f"{content_type}; charset=utf-8"
    assert "Konashenkov" in response.data.decode("utf-8")


def test_canned_csv_has_the_documented_header(client) -> None:
    data = client.get("/queries/figures.csv").data.decode("utf-8")
    assert data.splitlines()[0] == ",".join(FIGURE_VARS)


def test_canned_query_takes_parameters_from_the_query_string(client) -> None:
    rows = sparql_json(client.get("/queries/statements-by-person?person=putin"))
    assert {r["text"] for r in rows} == {
        "conscripts would not take part",
        "only professional soldiers were there",
    }
    default = sparql_json(client.get("/queries/statements-by-person"))
    assert len(default) == 2  # the default person is Vladimir Putin
    timeline = sparql_json(client.get("/queries/timeline?from=2022-03-08"))
    assert {r["date"] for r in timeline} == {"2022-03-09"}


@pytest.mark.parametrize(
    ("url", "status", "parts"),
    [
        ("/queries/statements-by-person?who=x", 400, ["'who'", "parameters: person"]),
        ("/queries/timeline?from=yesterday", 400, ["'from'", "YYYY-MM-DD"]),
        ("/queries/timeline?from=2022-01-01&from=2022-02-01", 400, ["'from'", "once"]),
        (
            "/queries/nothing-like-this",
            404,
            ["'nothing-like-this'", "statements-by-person, timeline"],
        ),
        ("/queries/statements.pdf", 400, ["unknown format 'pdf'"]),
        ("/queries/statements?format=pdf", 400, ["'pdf'", "json, html, csv, tsv, xml"]),
    ],
)
def test_canned_errors_name_the_bad_value_and_what_is_allowed(
    client, url: str, status: int, parts: list[str]
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.content_type == "application/json; charset=utf-8"
    assert response.json["status"] == status
    for part in parts:
        assert part in response.json["error"]


def test_canned_page_has_a_form_with_defaults_and_an_escaped_table(client) -> None:
    page = client.get("/queries/statements-by-person", headers={"Accept": "text/html"})
    html = page.data.decode("utf-8")
    assert '<option value="Vladimir Putin" selected>' in html
    assert '<th scope="col">speakerName</th>' in html
    assert '<th scope="col">_person</th>' not in html  # a parameter is not a column
    assert "conscripts would not take part" in html
    statements = client.get("/queries/statements.html").data.decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; in Ukraine" in statements
    assert "<script>" not in statements
    assert 'href="/article/a.txt"' in statements  # minted IRIs lead to their pages
    assert "/queries/statements?page=1&amp;format=csv" in statements


def test_canned_page_shows_a_bad_parameter_in_the_page(client) -> None:
    response = client.get("/queries/timeline.html?from=%3Cb%3Enope")
    assert response.status_code == 400
    html = response.data.decode("utf-8")
    assert "must be a date as YYYY-MM-DD" in html
    assert "&lt;b&gt;nope" in html and "<b>nope" not in html


def test_canned_json_and_html_are_capped_at_max_rows(store: GraphStore) -> None:
    client = create_app(Settings(max_rows=2), store=store).test_client()
    response = client.get("/queries/statements")
    assert len(response.json["results"]["bindings"]) == 2
    assert "X-Newsgraph-Truncated" in response.headers
    assert len(client.get("/queries/statements.csv").data.decode().splitlines()) == 7
    whole = client.get("/queries/statements?format=json&all=1")
    assert len(whole.json["results"]["bindings"]) == 6
    assert "X-Newsgraph-Truncated" not in whole.headers
    page = client.get("/queries/statements.html").data.decode("utf-8")
    assert "the result has more" in page
    assert "format=json&amp;all=1" in page  # the page's JSON download is the whole result


# --- /export ----------------------------------------------------------------------------


def test_export_whole_store_as_trig_by_default(client, store: GraphStore) -> None:
    response = client.get("/export")
    assert response.status_code == 200
    assert response.content_type == "application/trig; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="newsgraph.trig"'
    quads = list(parse(response.data, RdfFormat.TRIG))
    assert len(quads) == store.count()
    assert {q.graph_name.value for q in quads} == {g.value for g in store.graphs()}


@pytest.mark.parametrize(
    ("query_string", "headers", "rdf_format", "extension"),
    [
        ({"format": "nquads"}, {}, RdfFormat.N_QUADS, "nq"),
        ({}, {"Accept": "application/n-quads"}, RdfFormat.N_QUADS, "nq"),
        ({"format": "turtle"}, {}, RdfFormat.TURTLE, "ttl"),
        ({}, {"Accept": "application/ld+json"}, RdfFormat.JSON_LD, "jsonld"),
    ],
)
def test_export_whole_store_in_other_formats(
    client,
    store: GraphStore,
    query_string: dict,
    headers: dict,
    rdf_format: RdfFormat,
    extension: str,
) -> None:
    response = client.get("/export", query_string=query_string, headers=headers)
    assert response.status_code == 200
    assert response.content_type == f"{rdf_format.media_type}; charset=utf-8"
    assert response.headers["Content-Disposition"].endswith(f'newsgraph.{extension}"')
    assert len(list(parse(response.data, rdf_format))) > 0


def test_export_one_article_by_graph_or_by_identifier(client, store: GraphStore) -> None:
    graph = BASE + "article/b.txt"
    by_graph = client.get("/export", query_string={"graph": graph})
    by_id = client.get("/export", query_string={"article": "b.txt"})
    assert by_graph.status_code == by_id.status_code == 200
    assert by_graph.content_type == "text/turtle; charset=utf-8"
    assert by_graph.data == by_id.data
    assert by_graph.headers["Content-Disposition"] == 'attachment; filename="b.txt.ttl"'
    triples = list(parse(by_graph.data, RdfFormat.TURTLE))
    assert len(triples) == store.count(NamedNode(graph))
    nt = client.get("/export", query_string={"article": "b.txt", "format": "ntriples"})
    assert nt.content_type == "application/n-triples; charset=utf-8"
    unicode_id = client.get("/export", query_string={"article": "c-ünï.txt"})
    assert UNICODE_TEXT in unicode_id.data.decode("utf-8")


@pytest.mark.parametrize(
    ("query_string", "status", "part"),
    [
        ({"graph": BASE + "article/none.txt"}, 404, "no graph"),
        ({"graph": "not an iri"}, 400, "absolute IRI"),
        ({"article": "none.txt"}, 404, "'none.txt'"),
        ({"article": "b.txt", "graph": BASE + "article/b.txt"}, 400, "not several"),
        ({"article": "b.txt", "format": "trig"}, 400, "available: turtle"),
    ],
)
def test_export_errors(client, query_string: dict, status: int, part: str) -> None:
    response = client.get("/export", query_string=query_string)
    assert response.status_code == status
    assert part in response.json["error"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


# --- pages, errors, headers ---------------------------------------------------------------


def test_home_page_counts_and_latest_articles(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    html = response.data.decode("utf-8")
    for number, label in (
        ("3", "articles"),
        ("6", "statements"),
        ("2", "figures"),
        ("3", "people"),
    ):
        assert f'<span class="n">{number}</span> {label}' in html
    assert "Russia admits conscripts" in html
    assert 'href="/export?article=a.txt"' in html
    for link in ('href="/queries"', 'href="/sparql"', 'href="/export"'):
        assert link in html
    assert "Access-Control-Allow-Origin" not in response.headers


def test_home_page_of_an_empty_store(store: GraphStore) -> None:
    client = create_app(Settings(), store=GraphStore()).test_client()
    html = client.get("/").data.decode("utf-8")
    assert '<span class="n">0</span> articles' in html
    assert "No articles yet" in html


def test_security_headers_on_pages_and_the_stylesheet_is_served(client) -> None:
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<style" not in response.data.decode() and "<script" not in response.data.decode()
    css = client.get("/static/style.css")
    assert css.status_code == 200
    assert css.content_type.startswith("text/css")


def test_unknown_route_is_a_404_in_the_error_shape_for_machines_and_browsers(client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.json == {
        "error": "no such page: /no/such/page; see / for what this server offers",
        "status": 404,
    }
    page = client.get("/no/such/<page>", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.content_type == "text/html; charset=utf-8"
    assert "no such page: /no/such/&lt;page&gt;" in page.data.decode("utf-8")


def test_a_body_over_the_limit_is_a_413_in_the_error_shape(client) -> None:
    big = "ASK {} #" + "x" * (1024 * 1024)
    for kwargs in (
        {"data": big, "content_type": "application/sparql-query"},
        {"data": {"query": big}},
    ):
        response = client.post("/sparql", **kwargs)
        assert response.status_code == 413
        assert response.json["status"] == 413
        assert "too large" in response.json["error"]


def test_an_unexpected_failure_is_a_500_without_internals(store: GraphStore) -> None:
    app = create_app(Settings(), store=store)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.json["status"] == 500
    assert "secret" not in response.data.decode("utf-8")


def test_json_errors_and_listing_keep_non_ascii_text(client) -> None:
    response = client.get("/queries/statements-by-person?persön=x")
    assert response.status_code == 400
    assert "'persön'" in response.data.decode("utf-8")
    assert json.loads(response.data)["error"].startswith("query 'statements-by-person'")


def test_head_of_a_query_answers_like_get_without_a_body(client) -> None:
    response = client.head("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 200
    assert response.content_type == JSON_TYPE
    assert response.data == b""


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "select * { service silent <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    ],
)
def test_a_query_with_service_is_refused_before_it_runs(client, query: str) -> None:
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 400
    assert response.json["error"] == NO_SERVICE


def test_service_in_a_string_iri_or_comment_is_not_refused(client) -> None:
    query = 'ASK { ?service <http://e/SERVICE> "SERVICE" } # SERVICE <http://x/>'
    response = client.get("/sparql", query_string={"query": query})
    assert response.json == {"head": {}, "boolean": False}


def test_browser_construct_shows_the_graph_as_escaped_turtle(client) -> None:
    query = "CONSTRUCT { ?s ng:text ?t } WHERE { ?s ng:text ?t FILTER CONTAINS(?t, 'script') }"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/html"})
    assert response.content_type == "text/html; charset=utf-8"
    html = response.data.decode("utf-8")
    assert '<pre class="graph">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html


@pytest.mark.parametrize(
    ("base_url", "path"),
    [
        ("http://localhost:8000", "/sparql"),
        ("http://example.org:9000/root", "/sparql"),
        ("https://example.org", "/query/"),
        ("http://localhost:8000", "/sparql/caf%C3%A9"),
    ],
)
def test_the_remembered_endpoint_url_is_werkzeugs_for_each_host_and_path(
    base_url: str, path: str
) -> None:
    """Relative IRIs in a query resolve against the endpoint's URL; it is remembered per
    host and path, so two hosts never share one."""
    from flask import request

    from newsgraph.server.sparql import endpoint_url

    app = create_app(store=GraphStore())
    with app.test_request_context(path, base_url=base_url):
        assert endpoint_url() == request.base_url
