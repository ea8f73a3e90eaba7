"""Linked data, the ontology, the Graph Store read side, OpenAPI, and canned queries'
``enumerate`` and ``pagination`` — through Flask's test client over the sample graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse
from sample_data import BASE, filled_store

from newsgraph import ontology as ng
from newsgraph.config import Settings
from newsgraph.queries import load_queries, parse_query
from newsgraph.server import create_app
from newsgraph.store import GraphStore

PUTIN = BASE + "person/vladimir-putin"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture()
def store() -> GraphStore:
    store = filled_store()
    label = NamedNode(RDFS_LABEL)
    store.add_quads([Quad(NamedNode("http://e/ref"), label, Literal("reference"), DefaultGraph())])
    return store


# ``client`` is conftest's: a test client over this module's ``store``.


# --- linked data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("*/*", RdfFormat.TURTLE),
        ("application/ld+json", RdfFormat.JSON_LD),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/rdf+xml", RdfFormat.RDF_XML),
    ],
)
def test_a_person_dereferences_to_its_description(client, accept: str, rdf_format) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/person/vladimir-putin", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.content_type == f"{rdf_format.media_type}; charset=utf-8"
    assert "Accept" in response.headers["Vary"]
    triples = list(parse(response.data, rdf_format))
    about = {(t.predicate.value, t.object.value) for t in triples if t.subject.value == PUTIN}
    assert (RDFS_LABEL, "Vladimir Putin") in about
    assert ("http://www.w3.org/2004/02/skos/core#altLabel", "Putin") in about
    assert (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "https://newsgraph.example/ns#Person",
    ) in about


def test_a_description_carries_the_labels_of_linked_nodes(client, store: GraphStore) -> None:  # type: ignore[no-untyped-def]
    figure = next(q.subject.value for q in store.oxigraph if "/figure/a.txt/" in str(q.subject))
    response = client.get(figure[len(BASE) - 1 :], headers={"Accept": "text/turtle"})
    assert response.status_code == 200, response.data
    triples = list(parse(response.data, RdfFormat.TURTLE))
    source = BASE + "org/us-defense-department"
    assert any(t.subject.value == figure and t.object.value == source for t in triples)
    assert any(
        t.subject.value == source and t.object.value == "US Defense Department" for t in triples
    )
    assert "@prefix ng: <https://newsgraph.example/ns#>" in response.data.decode("utf-8")


def test_a_person_page_has_facts_evidence_and_incoming_links(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/person/vladimir-putin", headers=HTML)
    assert response.content_type == "text/html; charset=utf-8"
    html = response.data.decode("utf-8")
    assert "<h1>Vladimir Putin</h1>" in html
    assert '<a href="/ns#Person"' in html
    assert "skos:altLabel" in html and "Putin" in html
    assert '<a href="/statement/a.txt/124-154">conscripts would not take part</a>' in html
    assert '<a href="/article/a.txt">Russia admits conscripts</a>' in html
    assert '<a href="/article/b.txt">b.txt</a>' in html  # no title: its identifier
    assert "ng:saidBy" in html  # the statements link to him


def test_a_sources_description_leaves_out_its_derived_list_keys(client, store) -> None:  # type: ignore[no-untyped-def]
    """One sort key per article a source speaks in is kept on it for the lists (tens of
    thousands for a much-quoted speaker): its page and its RDF description leave them out."""
    assert any(q.predicate.value.endswith("#saidInKey") for q in store.oxigraph)
    turtle = client.get("/person/vladimir-putin", headers={"Accept": "text/turtle"}).data
    html = client.get("/person/vladimir-putin", headers=HTML).data
    assert b"Vladimir Putin" in turtle and b"saidInKey" not in turtle
    assert b"saidInKey" not in html and b"reportedInKey" not in html


def test_a_sources_evidence_comes_from_the_keys_of_the_articles_it_speaks_in(
    store: GraphStore,
) -> None:
    """A source's page finds its newest evidence through the article keys kept on it at
    ingest (a much-quoted speaker is named in tens of thousands of articles): the same
    rows as reading every article that describes it, where each of those has evidence."""
    from newsgraph.server import resources

    app = create_app(Settings(), store=store)
    speaks = (ng.SAID_BY, ng.REPORTED_BY)
    sources = {q.object.value for q in store.oxigraph if q.predicate.value in speaks}
    assert PUTIN in sources and BASE + "org/us-defense-department" in sources
    with app.app_context():
        for source in sorted(sources):
            iri = NamedNode(source)
            assert resources.evidence_query(iri) is resources.SOURCE_EVIDENCE
            rows = {
                tuple(map(str, (r["item"], r["article"])))
                for r in store.query(resources.with_subject(resources.SOURCE_EVIDENCE, iri))
            }
            every = {
                tuple(map(str, (r["item"], r["article"])))
                for r in store.query(resources.with_subject(resources.EVIDENCE, iri))
            }
            assert rows and rows == every, source
        article = NamedNode(BASE + "article/a.txt")
        assert resources.evidence_query(article) is resources.EVIDENCE


def test_an_article_page_lists_what_it_reports_and_links_its_graph(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/article/a.txt", headers=HTML).data.decode("utf-8")
    assert "<h1>Russia admits conscripts</h1>" in html
    assert "some conscripts were captured" in html and "2,000-4,000 Russian soldiers" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "/export?graph=https" in html


def test_every_minted_kind_dereferences(client, store: GraphStore) -> None:  # type: ignore[no-untyped-def]
    subjects = {q.subject.value for q in store.oxigraph if isinstance(q.subject, NamedNode)}
    minted = sorted(s for s in subjects if s.startswith(BASE))
    kinds = {iri[len(BASE) :].split("/")[0] for iri in minted}
    assert {"article", "person", "org", "statement", "figure"} <= kinds
    for iri in minted:
        response = client.get("/" + iri[len(BASE) :], headers={"Accept": "application/n-triples"})
        assert response.status_code == 200, iri
        assert any(t.subject.value == iri for t in parse(response.data, RdfFormat.N_TRIPLES))


def test_the_base_path_answers_too_and_the_base_is_configurable() -> None:
    store = filled_store()
    default = create_app(Settings(), store=store).test_client()
    assert default.get("/id/person/vladimir-putin").status_code == 200
    other = create_app(Settings(base_iri="http://news.local/"), store=store).test_client()
    # The IRIs in the store were minted under the default base: here they are not ours.
    response = other.get("/person/vladimir-putin")
    assert response.status_code == 404
    assert (
        response.json["error"] == "nothing is known about http://news.local/person/vladimir-putin"
    )


def test_an_unknown_iri_is_a_404_in_the_error_shape(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/person/nobody-at-all")
    assert response.status_code == 404
    assert response.json == {
        "error": f"nothing is known about {BASE}person/nobody-at-all",
        "status": 404,
    }
    page = client.get("/person/<b>x", headers=HTML)  # not even a valid IRI
    assert page.status_code == 404 and "&lt;b&gt;x" in page.data.decode("utf-8")


# --- the ontology at /ns -------------------------------------------------------------------------


def test_ns_page_lists_classes_and_properties_with_anchors(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ns", headers=HTML).data.decode("utf-8")
    assert "<h2>Classes</h2>" in html and "<h2>Object properties</h2>" in html
    assert '<dt id="Statement"><code>ng:Statement</code> — Statement</dt>' in html
    assert 'id="saidBy"' in html
    assert "Words attributed to a source in one article" in html


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("*/*", RdfFormat.TURTLE),
        ("application/ld+json", RdfFormat.JSON_LD),
    ],
)
def test_ns_as_rdf(client, accept: str, rdf_format) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/ns", headers={"Accept": accept})
    assert response.content_type == f"{rdf_format.media_type}; charset=utf-8"
    triples = list(parse(response.data, rdf_format, base_iri="https://newsgraph.example/ns"))
    subjects = {t.subject.value for t in triples}
    assert "https://newsgraph.example/ns" in subjects
    assert "https://newsgraph.example/ns#saidBy" in subjects


def test_ns_does_not_move_with_the_base() -> None:
    client = create_app(Settings(base_iri="http://news.local/x/"), store=GraphStore()).test_client()
    assert client.get("/ns", headers={"Accept": "text/turtle"}).status_code == 200


# --- Graph Store Protocol, read side -----------------------------------------------------------


def test_gsp_get_one_graph_the_default_graph_and_everything(client, store: GraphStore) -> None:  # type: ignore[no-untyped-def]
    graph = BASE + "article/b.txt"
    for path in ("/rdf-graphs", "/store"):
        one = client.get(path, query_string={"graph": graph})
        assert one.status_code == 200
        assert one.content_type == "text/turtle; charset=utf-8"
        assert len(list(parse(one.data, RdfFormat.TURTLE))) == store.count(NamedNode(graph))
    default = client.get("/rdf-graphs?default", headers={"Accept": "application/n-triples"})
    assert [t.subject.value for t in parse(default.data, RdfFormat.N_TRIPLES)] == ["http://e/ref"]
    everything = client.get("/rdf-graphs", headers={"Accept": "application/n-quads"})
    assert len(list(parse(everything.data, RdfFormat.N_QUADS))) == store.count()
    assert client.get("/rdf-graphs").content_type == "application/trig; charset=utf-8"


def test_gsp_head_missing_graph_and_writes(client) -> None:  # type: ignore[no-untyped-def]
    head = client.head("/rdf-graphs", query_string={"graph": BASE + "article/a.txt"})
    assert head.status_code == 200 and head.data == b""
    missing = client.get("/rdf-graphs", query_string={"graph": BASE + "article/none"})
    assert missing.status_code == 404
    assert missing.json["error"] == f"no graph {BASE}article/none in the store"
    assert (
        client.head("/rdf-graphs", query_string={"graph": BASE + "article/none"}).status_code == 404
    )
    both = client.get("/rdf-graphs", query_string={"graph": BASE + "article/a.txt", "default": ""})
    assert both.status_code == 400
    for method in ("PUT", "POST", "DELETE"):
        refused = client.open("/rdf-graphs?default", method=method, data="<a> <b> <c> .")
        assert refused.status_code == 405
        assert refused.headers["Allow"]


def test_export_default_graph_with_prefixes(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/export?default")
    assert response.headers["Content-Disposition"] == 'attachment; filename="default.ttl"'
    assert b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in response.data
    assert b"rdfs:label" in response.data


# --- OpenAPI -------------------------------------------------------------------------------------


def test_openapi_describes_every_canned_query(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/openapi.json")
    assert response.status_code == 200
    doc = response.json
    assert doc["openapi"].startswith("3.")
    for name in load_queries():
        operation = doc["paths"][f"/queries/{name}"]["get"]
        assert operation["responses"]["400"] == {"$ref": "#/components/responses/Error"}
    person = doc["paths"]["/queries/statements-by-person"]["get"]["parameters"]
    assert person[0]["name"] == "person" and person[0]["required"] is False
    assert person[0]["schema"]["default"] == "Vladimir Putin"
    timeline = doc["paths"]["/queries/timeline"]["get"]["parameters"]
    assert timeline[0]["schema"] == {"type": "string", "format": "date"}
    assert "/sparql" in doc["paths"] and "/rdf-graphs" in doc["paths"]


def test_openapi_is_a_valid_openapi_3_document(client) -> None:  # type: ignore[no-untyped-def]
    validator = pytest.importorskip(
        "openapi_spec_validator", reason="openapi-spec-validator absent"
    )
    validator.validate(client.get("/openapi.json").json)


# --- canned queries: enumerate and pagination ---------------------------------------------------

PAGED = """#+ summary: Statements, a page at a time
#+ pagination: 2
#+ enumerate:
#+   - kind: [direct, indirect]
#+   - speaker
PREFIX ng: <https://newsgraph.example/ns#>
SELECT ?__kind ?__speaker_iri ?statement ?text WHERE {
  ?statement ng:text ?text ; ng:statementKind ?k ; ng:saidBy ?__speaker_iri ;
             ng:startChar ?start ; ng:reportedIn ?article .
  FILTER (?k = COALESCE(?__kind, ?k))
}
ORDER BY ?article ?start
"""
NAMED = """#+ enumerate: [person]
#+ enumerate_query:
#+   person: "SELECT DISTINCT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"
SELECT ?_person ?text
WHERE { ?s ng:saidBy/rdfs:label ?name ; ng:text ?text FILTER(?name = ?_person) }
"""


@pytest.fixture()
def paged_client(store: GraphStore, tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "paged.rq").write_text(PAGED, encoding="utf-8")
    (tmp_path / "named.rq").write_text(NAMED, encoding="utf-8")
    return create_app(Settings(), store=store, queries=load_queries(tmp_path)).test_client()


def test_enumerate_fixed_values_and_values_from_the_store(paged_client) -> None:  # type: ignore[no-untyped-def]
    listing = {q["name"]: q for q in paged_client.get("/queries.json").json["queries"]}
    kind, speaker = listing["paged"]["parameters"]
    assert kind["choices"] == ["direct", "indirect"] and kind["suggestions"] == []
    assert speaker["type"] == "iri"
    assert speaker["suggestions"] == sorted(
        BASE + s
        for s in ("person/igor-konashenkov", "person/vladimir-putin", "org/us-defense-department")
    )
    person = listing["named"]["parameters"][0]
    assert person["suggestions"] == ["Igor Konashenkov", "Vladimir Putin"]
    page = paged_client.get("/queries/named", headers=HTML).data.decode("utf-8")
    assert '<option value="Igor Konashenkov">' in page
    refused = paged_client.get("/queries/paged?kind=sideways")
    assert refused.status_code == 400
    assert "must be one of direct, indirect" in refused.json["error"]


def test_the_derived_enumerate_query_uses_the_variables_triple_patterns() -> None:
    query = parse_query("paged", PAGED)
    speaker = query.parameters[1]
    assert speaker.enumerate_query == (
        "SELECT DISTINCT ?__speaker_iri WHERE { ?statement <https://newsgraph.example/ns#saidBy> "
        "?__speaker_iri . } ORDER BY ?__speaker_iri LIMIT 1000"
    )
    with pytest.raises(ValueError, match="no triple pattern mentions"):
        parse_query("f", "#+ enumerate: [x]\nSELECT ?_x WHERE { ?s ?p ?o FILTER(?o = ?_x) }")
    with pytest.raises(ValueError, match="names no parameter 'y'"):
        parse_query("f", "#+ enumerate: [y]\nSELECT ?_x WHERE { ?s ?p ?_x }")
    with pytest.raises(ValueError, match="must not have its own LIMIT"):
        parse_query("f", "#+ pagination: 5\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 3")


def test_pagination_pages_and_links(paged_client) -> None:  # type: ignore[no-untyped-def]
    texts = []
    page, links = 1, {}
    while True:
        response = paged_client.get(f"/queries/paged?page={page}")
        assert response.status_code == 200
        rows = response.json["results"]["bindings"]
        assert len(rows) <= 2
        texts += [r["text"]["value"] for r in rows]
        links = {rel: url for url, rel in parse_links(response.headers["Link"])}
        assert links["first"].endswith("/queries/paged?page=1")
        if "next" not in links:
            break
        assert links["next"].endswith(f"page={page + 1}")
        page += 1
    assert page == 3 and len(texts) == 5 == len(set(texts))
    assert links["prev"].endswith("page=2")
    indirect = paged_client.get("/queries/paged.csv?kind=indirect&page=1")
    assert indirect.data.decode("utf-8").count("\r\n") == 1 + 2
    assert 'kind=indirect&page=2>; rel="next"' in indirect.headers["Link"]
    direct = paged_client.get("/queries/paged.csv?kind=direct&page=1")
    assert direct.data.decode("utf-8").count("\r\n") == 1 + 2
    assert 'rel="next"' not in direct.headers["Link"]  # exactly two direct statements


def test_pagination_errors_and_the_page_of_a_paged_query(paged_client) -> None:  # type: ignore[no-untyped-def]
    for bad in ("0", "x", "-1"):
        response = paged_client.get(f"/queries/paged?page={bad}")
        assert response.status_code == 400
        assert "'page' must be a whole number" in response.json["error"]
    html = paged_client.get("/queries/paged?page=2", headers=HTML).data.decode("utf-8")
    assert 'rel="prev" href="/queries/paged?page=1"' in html
    assert 'rel="next" href="/queries/paged?page=3"' in html
    not_paged = paged_client.get("/queries/named?person=x&page=2")
    assert not_paged.status_code == 400 and "no parameter 'page'" in not_paged.json["error"]


def parse_links(header: str) -> list[tuple[str, str]]:
    found = []
    for part in header.split(", <"):
        url, _, rel = part.partition(">; rel=")
        found.append((url.lstrip("<"), json.loads(rel)))
    return found
