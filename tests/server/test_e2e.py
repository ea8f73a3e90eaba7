"""End to end: ingest the seeds with the real CLI, start the real server on a loopback
port, and query it over HTTP with a real SPARQL client (SPARQLWrapper)."""

from __future__ import annotations

import csv
import io
import subprocess
import urllib.request
from collections.abc import Iterator

import pytest
from fixtures.live_server import clean_env, newsgraph, running_server
from fixtures.paths import SEEDS

PREFIXES = """\
PREFIX ng: <https://newsgraph.example/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("e2e") / "store"
    ingest = subprocess.run(
        newsgraph("ingest", str(SEEDS), "--store", str(store), "--no-progress"),
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=600,
        check=False,
    )
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    with running_server(store) as url:
        yield url


def client(base_url: str, query: str, return_format: str, method: str = "GET"):  # type: ignore[no-untyped-def]
    from SPARQLWrapper import SPARQLWrapper

    sparql = SPARQLWrapper(base_url + "sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(return_format)
    sparql.setMethod(method)
    return sparql.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_finds_konashenkovs_statement_of_march_9(base_url: str, method: str) -> None:
    query = (
        PREFIXES
        + """
    SELECT ?name ?text ?date ?articleId WHERE {
      ?statement a ng:Statement ;
                 ng:saidBy/rdfs:label ?name ;
                 ng:text ?text ;
                 ng:saidOn ?date ;
                 ng:reportedIn/ng:identifier ?articleId .
      FILTER CONTAINS(?name, "Konashenkov")
    }"""
    )
    result = client(base_url, query, "json", method).convert()
    rows = [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]
    assert result["head"]["vars"] == ["name", "text", "date", "articleId"]
    on_march_9 = [r for r in rows if r["date"] == "2022-03-09"]
    assert on_march_9, rows
    assert len({r["articleId"] for r in on_march_9}) >= 2  # the admission is in several seeds


def test_ask_over_the_union_default_graph(base_url: str) -> None:
    query = PREFIXES + 'ASK { ?s ng:saidBy/rdfs:label "Vladimir Putin" }'
    assert client(base_url, query, "json").convert()["boolean"] is True


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_construct_as_turtle_and_as_rdf_xml(base_url: str) -> None:
    import rdflib

    query = (
        PREFIXES
        + """
    CONSTRUCT { ?figure ng:reportedBy ?source . ?source rdfs:label ?name . ?figure ng:low ?low }
    WHERE { ?figure a ng:Figure ; ng:reportedBy ?source ; ng:low ?low .
            ?source rdfs:label ?name }"""
    )
    response = client(base_url, query, "turtle")
    assert response.response.headers["Content-Type"].startswith("text/turtle")
    turtle = rdflib.Graph().parse(data=response.convert(), format="turtle")
    as_xml = client(base_url, query, "xml").convert()  # SPARQLWrapper parses RDF/XML
    assert isinstance(as_xml, rdflib.Graph)
    for graph in (turtle, as_xml):
        names = {str(o) for o in graph.objects(None, rdflib.RDFS.label)}
        assert "US Defense Department" in names
        assert rdflib.Literal(2000, datatype=rdflib.XSD.decimal) in set(graph.objects())


def test_canned_figures_over_http(base_url: str) -> None:
    with urllib.request.urlopen(base_url + "queries/figures.csv", timeout=30) as response:
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    assert any(
        r["sourceName"] == "US Defense Department" and (r["low"], r["high"]) == ("2000", "4000")
        for r in rows
    ), rows


def test_updates_are_refused_over_http(base_url: str) -> None:
    request = urllib.request.Request(
        base_url + "sparql",
        data=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    query = PREFIXES + "ASK { ?s a ng:Statement }"
    assert client(base_url, query, "json").convert()["boolean"] is True
