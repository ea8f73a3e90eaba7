"""The W3C SPARQL 1.1 Protocol tests, as our own checks against the real server over HTTP.

Each test below is one entry of the W3C protocol test manifest
(w3c/rdf-tests, ``sparql/sparql11/protocol/manifest.ttl``), named after it, sending the
same request (method, path, headers, body) to ``newsgraph serve`` on a loopback port over a
store that ``newsgraph load`` filled from ``fixtures/protocol.trig`` (the manifest's three
graphs). The manifest's update tests assume a writable endpoint; this one is read-only, so
for each of them we check the opposite of a write: a 403 naming the reason, and the store
unchanged. Requests go through http.client so that no header is added behind our back.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fixtures.live_server import FIXTURES, load, running_server, send
from pyoxigraph import RdfFormat, parse

pytestmark = pytest.mark.e2e

DATA = "http://kasei.us/2009/09/sparql/data/"
DATA0, DATA1, DATA2, DATA3 = (quote(f"{DATA}data{i}.rdf", safe="") for i in range(4))
FORM = ("content-type", "application/x-www-form-urlencoded")
QUERY = ("content-type", "application/sparql-query")
UPDATE = ("content-type", "application/sparql-update")
SRX = "{http://www.w3.org/2005/sparql-results#}"
RDF_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # the union of all graphs


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("protocol") / "store"
    output = load(store, FIXTURES / "protocol.trig")
    assert output.startswith("loaded 4 quads from 1 files")
    with running_server(store) as url:
        yield url


def media_type(headers) -> str:  # type: ignore[no-untyped-def]
    return headers.get("Content-Type", "").split(";")[0].strip()


def boolean(headers, body: bytes) -> bool:  # type: ignore[no-untyped-def]
    """The answer of an ASK in SPARQL JSON or XML (the formats the manifest allows)."""
    kind = media_type(headers)
    if kind == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    assert kind == "application/sparql-results+xml", kind
    return ET.fromstring(body).find(f"{SRX}boolean").text == "true"


def count(server: str) -> int:
    status, _, body = send(server, "POST", "/sparql", COUNT, [QUERY])
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def assert_true(server: str, method: str, path: str, body: str | None, headers) -> None:  # type: ignore[no-untyped-def]
    status, response_headers, data = send(server, method, path, body, headers)
    assert 200 <= status < 400, data
    assert boolean(response_headers, data) is True


ASK_1_2 = f"ASK {{ <{DATA}data1.rdf> a ?type . <{DATA}data2.rdf> a ?type . }}"
ASK_NAMED_1_2 = (
    f"ASK {{ GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }} GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }} }}"
)


@pytest.mark.parametrize(
    ("method", "path", "body", "headers"),
    [
        pytest.param(
            "POST",
            f"/sparql/?default-graph-uri={DATA0}",
            "query=ASK%20%7B%7D",
            [FORM],
            id="query_post_form",
        ),
        pytest.param(
            "GET",
            f"/sparql/?query={quote(ASK_1_2)}&default-graph-uri={DATA1}&default-graph-uri={DATA2}",
            None,
            [],
            id="query_dataset_default_graphs_get",
        ),
        pytest.param(
            "POST",
            f"/sparql/?default-graph-uri={DATA1}&default-graph-uri={DATA2}",
            ASK_1_2,
            [QUERY],
            id="query_dataset_default_graphs_post",
        ),
        pytest.param(
            "POST",
            f"/sparql/?named-graph-uri={DATA1}&named-graph-uri={DATA2}",
            ASK_NAMED_1_2,
            [QUERY],
            id="query_dataset_named_graphs_post",
        ),
        pytest.param(
            "GET",
            f"/sparql/?query={quote(ASK_NAMED_1_2)}&named-graph-uri={DATA1}&named-graph-uri={DATA2}",
            None,
            [],
            id="query_dataset_named_graphs_get",
        ),
        pytest.param(
            "POST",
            f"/sparql/?default-graph-uri={DATA3}&named-graph-uri={DATA1}&named-graph-uri={DATA2}",
            f"""ASK {{
  <{DATA}data3.rdf> a ?type
  GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }}
  GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }}
}}""",
            [QUERY],
            id="query_dataset_full",
        ),
        pytest.param(
            "POST",
            f"/sparql/?named-graph-uri={DATA1}&named-graph-uri={DATA2}",
            f"ASK FROM <{DATA}data3.rdf> " + ASK_NAMED_1_2.removeprefix("ASK "),
            [QUERY],
            id="query_multiple_dataset",
        ),
        pytest.param(
            "GET",
            f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={DATA0}",
            None,
            [],
            id="query_get",
        ),
        pytest.param("POST", "/sparql/", "ASK {}", [QUERY], id="query_post_direct"),
    ],
)
def test_query_answers_true(server: str, method: str, path: str, body: str | None, headers) -> None:  # type: ignore[no-untyped-def]
    assert_true(server, method, path, body, headers)


def test_query_multiple_dataset_uses_the_protocol_dataset_not_from(server: str) -> None:
    # The same query without the protocol's dataset: FROM <data3> leaves no named graphs.
    query = f"ASK FROM <{DATA}data3.rdf> " + ASK_NAMED_1_2.removeprefix("ASK ")
    status, headers, body = send(server, "POST", "/sparql/", query, [QUERY])
    assert status == 200 and boolean(headers, body) is False


def test_query_content_type_select(server: str) -> None:
    path = f"/sparql/?default-graph-uri={DATA0}"
    status, headers, body = send(server, "POST", path, "SELECT (1 AS ?value) {}", [QUERY])
    assert status == 200
    assert media_type(headers) in {
        "application/sparql-results+xml",
        "application/sparql-results+json",
        "text/csv",
        "text/tab-separated-values",
    }
    assert json.loads(body)["results"]["bindings"][0]["value"]["value"] == "1"


def test_query_content_type_ask(server: str) -> None:
    path = f"/sparql/?default-graph-uri={DATA0}"
    status, headers, body = send(server, "POST", path, "ASK {}", [QUERY])
    assert status == 200
    assert media_type(headers) in {
        "application/sparql-results+xml",
        "application/sparql-results+json",
    }
    assert boolean(headers, body) is True


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("DESCRIBE <http://example.org/>", id="query_content_type_describe"),
        pytest.param("CONSTRUCT { <s> <p> 1 } WHERE {}", id="query_content_type_construct"),
    ],
)
def test_query_content_type_graph(server: str, query: str) -> None:
    path = f"/sparql/?default-graph-uri={DATA0}"
    status, headers, body = send(server, "POST", path, query, [QUERY])
    assert status == 200
    kind = media_type(headers)
    assert kind in RDF_TYPES  # RDF/XML, Turtle or N-Triples (RDFa is not offered)
    triples = list(parse(body, RDF_TYPES[kind]))
    if query.startswith("DESCRIBE"):
        assert triples == []
    else:  # the relative IRIs resolve against the endpoint (the service-defined base)
        assert [t.subject.value for t in triples] == [server + "sparql/s"]


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status", "message"),
    [
        pytest.param(
            "PUT",
            f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={DATA0}",
            None,
            [FORM],
            405,
            "method PUT is not allowed",
            id="bad_query_method",
        ),
        pytest.param(
            "GET",
            "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
            None,
            [],
            400,
            "expected exactly one query, got 2",
            id="bad_multiple_queries",
        ),
        pytest.param(
            "POST",
            "/sparql/",
            "ASK {}",
            [("content-type", "text/plain")],
            415,
            "cannot read a POST body of type 'text/plain'",
            id="bad_query_wrong_media_type",
        ),
        pytest.param(
            "POST",
            "/sparql/",
            "query=ASK%20%7B%7D",
            [],
            415,
            "cannot read a POST body of type '(none)'",
            id="bad_query_missing_form_type",
        ),
        pytest.param(
            "POST",
            "/sparql/",
            "ASK {}",
            [],
            415,
            "cannot read a POST body of type '(none)'",
            id="bad_query_missing_direct_type",
        ),
        pytest.param(
            "POST",
            "/sparql/",
            "ASK {}".encode("utf-16"),
            [("content-type", "application/sparql-query; charset=UTF-16")],
            400,
            "the query must be sent in UTF-8, not utf-16",
            id="bad_query_non_utf8",
        ),
        pytest.param(
            "GET",
            "/sparql/?query=ASK%20%7B",
            None,
            [],
            400,
            "malformed query: ",
            id="bad_query_syntax",
        ),
    ],
)
def test_bad_query_gets_its_status_and_a_readable_message(  # type: ignore[no-untyped-def]
    server: str, method: str, path: str, body, headers, status: int, message: str
) -> None:
    got, response_headers, data = send(
        server, method, path, body, [*headers, ("accept", "application/json")]
    )
    assert got == status, data
    assert media_type(response_headers) == "application/json"
    error = json.loads(data)
    assert error["status"] == status
    assert message in error["error"]


UPDATE_DATASET = f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {{ GRAPH <{DATA}data1.rdf> {{ <{DATA}data1.rdf> a foaf:Document }} }} ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{
    ?s a dc:BibliographicResource
}} }}
WHERE {{ ?s a foaf:Document }}"""
DROP_AND_INSERT = f"""PREFIX foaf: <http://xmlns.com/foaf/0.1/>
DROP ALL ;
INSERT DATA {{ GRAPH <{DATA}data1.rdf> {{ <{DATA}data1.rdf> a foaf:Document }} }}"""
CONFLICT = """PREFIX foaf:  <http://xmlns.com/foaf/0.1/>
WITH <http://example/addresses>
DELETE { ?person foaf:givenName 'Bill' }
INSERT { ?person foaf:givenName 'William' }
WHERE {
    ?person foaf:givenName 'Bill'
}"""
BASE_TEST = """CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;
INSERT DATA { GRAPH <http://example.org/protocol-base-test/> {
    <http://example.org/s> <http://example.org/p> <test> } }"""


@pytest.mark.parametrize(
    ("method", "path", "body", "headers"),
    [
        pytest.param(
            "POST",
            f"/sparql/?using-graph-uri={DATA1}",
            UPDATE_DATASET,
            [UPDATE],
            id="update_dataset_default_graph",
        ),
        pytest.param(
            "POST",
            f"/sparql/?using-graph-uri={DATA1}&using-graph-uri={DATA2}",
            DROP_AND_INSERT,
            [UPDATE],
            id="update_dataset_default_graphs",
        ),
        pytest.param(
            "POST",
            f"/sparql/?using-named-graph-uri={DATA1}&using-named-graph-uri={DATA2}",
            DROP_AND_INSERT,
            [UPDATE],
            id="update_dataset_named_graphs",
        ),
        pytest.param(
            "POST",
            f"/sparql/?using-graph-uri={DATA1}&using-named-graph-uri={DATA2}",
            DROP_AND_INSERT,
            [UPDATE],
            id="update_dataset_full",
        ),
        pytest.param("POST", "/sparql/", "update=CLEAR+ALL", [FORM], id="update_post_form"),
        pytest.param("POST", "/sparql/", "CLEAR ALL", [UPDATE], id="update_post_direct"),
        pytest.param("POST", "/sparql/", BASE_TEST, [UPDATE], id="update_base_uri"),
        pytest.param("GET", "/sparql/?update=CLEAR%20ALL", None, [], id="bad_update_get"),
        pytest.param(
            "POST",
            "/sparql/",
            "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
            [FORM],
            id="bad_multiple_updates",
        ),
        pytest.param(
            "POST",
            "/sparql/",
            "CLEAR NAMED".encode("utf-16"),
            [("content-type", "application/sparql-update; charset=UTF-16")],
            id="bad_update_non_utf8",
        ),
        pytest.param("POST", "/sparql/", "update=CLEAR%20XYZ", [FORM], id="bad_update_syntax"),
        pytest.param(
            "POST",
            "/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
            CONFLICT,
            [UPDATE],
            id="bad_update_dataset_conflict",
        ),
        pytest.param("POST", "/sparql/", "DROP ALL", [QUERY], id="update_sent_as_a_query"),
    ],
)
def test_updates_are_refused_with_403_and_the_store_is_unchanged(  # type: ignore[no-untyped-def]
    server: str, method: str, path: str, body, headers
) -> None:
    before = count(server)
    status, response_headers, data = send(server, method, path, body, headers)
    assert status == 403, data
    assert json.loads(data) == {
        "error": "this endpoint is read-only: SPARQL updates are not accepted",
        "status": 403,
    }
    assert count(server) == before == 4
    assert_true(server, "POST", "/sparql", ASK_NAMED_1_2, [QUERY])


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        pytest.param(
            "CLEAR NAMED", [("content-type", "text/plain")], 415, id="bad_update_wrong_media_type"
        ),
        pytest.param("update=CLEAR%20NAMED", [], 415, id="bad_update_missing_form_type"),
    ],
)
def test_update_bodies_of_the_wrong_type_are_415_and_change_nothing(  # type: ignore[no-untyped-def]
    server: str, body: str, headers, status: int
) -> None:
    before = count(server)
    got, _, data = send(server, "POST", "/sparql/", body, headers)
    assert got == status, data
    assert "cannot read a POST body" in json.loads(data)["error"]
    assert count(server) == before


# --- beyond the manifest: what the issue asks of the same endpoint over HTTP ----------------


def test_service_description_on_a_plain_get(server: str) -> None:
    status, headers, body = send(server, "GET", "/sparql", None, [("accept", "text/turtle")])
    assert status == 200 and media_type(headers) == "text/turtle"
    triples = list(parse(body, RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = [t.object.value for t in triples if t.predicate.value == sd + "endpoint"]
    assert endpoint == [server + "sparql"]
    languages = {t.object.value for t in triples if t.predicate.value == sd + "supportedLanguage"}
    assert languages == {sd + "SPARQL11Query"}  # no SPARQL11Update: the endpoint is read-only


def test_cors_preflight_and_headers(server: str) -> None:
    status, headers, _ = send(
        server,
        "OPTIONS",
        "/sparql",
        None,
        [
            ("origin", "http://yasgui.example"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
    )
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    _, headers, _ = send(server, "GET", "/sparql?query=ASK%7B%7D", None, [("origin", "http://x")])
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_utf8_round_trips_over_http(server: str) -> None:
    text = "Grüße aus dem Standardgraphen — 日本語"
    query = f'SELECT ?s WHERE {{ ?s ?p "{text}" }}'
    status, headers, body = send(
        server, "POST", "/sparql", query.encode("utf-8"), [QUERY, ("accept", "text/csv")]
    )
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert body.decode("utf-8").splitlines() == ["s", "http://example.org/protocol/default"]
    form = "query=" + quote("SELECT ?o WHERE { ?s <http://example.org/protocol/says> ?o }")
    _, _, body = send(server, "POST", "/sparql", form, [FORM])
    assert json.loads(body.decode("utf-8"))["results"]["bindings"][0]["o"]["value"] == text


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+xml;q=0.9, text/csv;q=0.1", "application/sparql-results+xml"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("image/png", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_accept_with_q_values_and_a_fallback(server: str, accept: str, expected: str) -> None:
    status, headers, _ = send(
        server, "GET", "/sparql?query=SELECT%20%2A%20%7B%7D", None, [("accept", accept)]
    )
    assert status == 200 and media_type(headers) == expected


def test_the_graph_store_read_side_over_http(server: str) -> None:
    status, headers, body = send(server, "GET", f"/rdf-graphs?graph={DATA1}", None, [])
    assert status == 200 and media_type(headers) == "text/turtle"
    assert len(list(parse(body, RdfFormat.TURTLE))) == 1
    status, headers, body = send(server, "HEAD", f"/rdf-graphs?graph={DATA1}", None, [])
    assert status == 200 and body == b"" and media_type(headers) == "text/turtle"
    status, _, _ = send(server, "GET", "/rdf-graphs?graph=" + quote(DATA + "data9.rdf"), None, [])
    assert status == 404
    status, _, body = send(
        server, "GET", "/rdf-graphs?default", None, [("accept", "application/n-triples")]
    )
    assert status == 200
    assert [t.subject.value for t in parse(body, RdfFormat.N_TRIPLES)] == [
        "http://example.org/protocol/default"
    ]


def test_load_reports_a_bad_file_and_adds_nothing(tmp_path: Path) -> None:
    import subprocess

    from fixtures.live_server import clean_env, newsgraph

    store = tmp_path / "store"
    load(store, FIXTURES / "reference.ttl", graph="http://example.org/gazetteer")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/s> <http://e/p> .", encoding="utf-8")
    done = subprocess.run(
        newsgraph("load", str(bad), "--store", str(store)),
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert str(bad) in done.stderr and "not valid" in done.stderr
    again = load(store, FIXTURES / "reference.ttl", graph="http://example.org/gazetteer")
    assert again.startswith("loaded 0 quads")  # the two labels are there already
