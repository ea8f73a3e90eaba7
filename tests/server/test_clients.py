"""Real SPARQL and RDF clients against the real server on a loopback port.

SPARQLWrapper, rdflib's SPARQLStore, Debian's ``roqet`` (rasqal-utils) and ``rapper``
(raptor2-utils) and the npm Comunica client each run a SELECT and a CONSTRUCT (``rapper``
parses RDF only: it fetches a CONSTRUCT result and a resource's linked-data description;
``roqet`` runs its CONSTRUCT over our export, see below).
The store holds the sample graph, loaded with ``newsgraph load`` from a TriG export. A
client that is not installed is skipped with the reason; CI (``.ci/run``) installs them all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fixtures.live_server import load, running_server
from fixtures.paths import TESTS
from pyoxigraph import RdfFormat
from sample_data import BASE, filled_store

pytestmark = pytest.mark.e2e

JS = TESTS / "js"
CLIENT_SECONDS = 120
PREFIXES = """PREFIX ng: <https://newsgraph.example/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
SELECT = (
    PREFIXES
    + """SELECT DISTINCT ?name ?text WHERE {
  ?s a ng:Statement ; ng:saidBy/rdfs:label ?name ; ng:text ?text .
} ORDER BY ?name ?text"""
)
CONSTRUCT = (
    PREFIXES
    + """CONSTRUCT { ?figure ng:reportedBy ?source . ?source rdfs:label ?name }
WHERE { ?figure ng:reportedBy ?source . ?source rdfs:label ?name }"""
)
SPEAKERS = {"Igor Konashenkov", "Vladimir Putin", "US Defense Department"}
DOD = BASE + "org/us-defense-department"
REPORTED_BY = "https://newsgraph.example/ns#reportedBy"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("clients")
    dump = folder / "sample.trig"
    with dump.open("wb") as out:
        filled_store().export(out, RdfFormat.TRIG)
    load(folder / "store", dump)
    with running_server(folder / "store") as url:
        yield url


def run(command: list[str]) -> str:
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=CLIENT_SECONDS, check=False
    )
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def needs(binary: str, package: str) -> str:
    path = shutil.which(binary)
    if path is None:
        pytest.skip(f"{binary} is not installed (Debian package {package}; .ci/run installs it)")
    return path


def assert_select(rows: list[dict[str, str]]) -> None:
    assert {r["name"] for r in rows} == SPEAKERS
    assert len(rows) == len({tuple(r.items()) for r in rows}) == 5
    assert {"name": "Vladimir Putin", "text": "conscripts would not take part"} in rows


def assert_construct(triples: set[tuple[str, str, str]]) -> None:
    assert (DOD, RDFS_LABEL, "US Defense Department") in triples
    assert sum(1 for t in triples if t[1] == REPORTED_BY) == 1


# --- SPARQLWrapper --------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_and_construct(server: str, method: str) -> None:
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server + "sparql")
    client.setMethod(method)
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert_select([{k: v["value"] for k, v in b.items()} for b in bindings])
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    import rdflib

    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert_construct({(str(s), str(p), str(o)) for s, p, o in graph})


# --- rdflib SPARQLStore ---------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_rdflib_sparqlstore_select_and_construct(server: str) -> None:
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(server + "sparql", returnFormat="json"))
    rows = [{"name": str(r.name), "text": str(r.text)} for r in graph.query(SELECT)]
    assert_select(rows)
    constructed = graph.query(CONSTRUCT).graph
    assert_construct({(str(s), str(p), str(o)) for s, p, o in constructed})


# --- roqet (rasqal) -------------------------------------------------------------------------


def test_roqet_select_and_construct(server: str) -> None:
    roqet = needs("roqet", "rasqal-utils")
    output = run([roqet, "-q", "-r", "xml", "-e", SELECT, "-p", server + "sparql"])
    assert_select(srx_rows(output))
    # rasqal 0.9.33 reads only result sets from a SPARQL service (a CONSTRUCT sent with -p
    # comes back as an empty rs:ResultSet whatever the server answers), so roqet runs the
    # CONSTRUCT itself over the data it fetches from our export (Turtle by content type).
    data = server + "export?format=turtle"
    output = run([roqet, "-q", "-r", "turtle", "-D", data, "-e", CONSTRUCT])
    assert_construct(ntriples(output, RdfFormat.TURTLE))


# --- rapper (raptor) ------------------------------------------------------------------------


def test_rapper_parses_a_construct_and_a_linked_data_resource(server: str) -> None:
    rapper = needs("rapper", "raptor2-utils")
    url = server + "sparql?query=" + quote(CONSTRUCT)
    output = run([rapper, "-q", "-i", "turtle", "-o", "ntriples", url])
    assert_construct(ntriples(output))
    # Content negotiation: rapper asks for RDF, the resource page answers Turtle.
    output = run(
        [rapper, "-q", "-i", "guess", "-o", "ntriples", server + "org/us-defense-department"]
    )
    assert (DOD, RDFS_LABEL, "US Defense Department") in ntriples(output)
    output = run([rapper, "-q", "-i", "turtle", "-o", "ntriples", server + "ns"])
    assert any(s == "https://newsgraph.example/ns#saidBy" for s, _, _ in ntriples(output))


def srx_rows(text: str) -> list[dict[str, str]]:
    """The solutions of SPARQL XML results as {variable: value}."""
    ns = "{http://www.w3.org/2005/sparql-results#}"
    root = ET.fromstring(text)
    return [
        {b.get("name"): "".join(b.itertext()) for b in result.iter(f"{ns}binding")}
        for result in root.iter(f"{ns}result")
    ]


def ntriples(text: str, fmt: RdfFormat = RdfFormat.N_TRIPLES) -> set[tuple[str, str, str]]:
    """The triples of N-Triples (or ``fmt``) output as (subject, predicate, object) values."""
    from pyoxigraph import parse

    return {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in parse(text.encode("utf-8"), fmt)
    }


# --- Comunica -------------------------------------------------------------------------------


def comunica(server: str, query: str, kind: str = "sparql") -> list:
    node = needs("node", "nodejs")
    if not (JS / "node_modules" / "@comunica" / "query-sparql").is_dir():
        pytest.skip("Comunica is not installed: run 'npm ci --prefix tests/js'")
    output = run([node, str(JS / "query.mjs"), server + "sparql", query, kind])
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_comunica_select_and_construct(server: str) -> None:
    assert_select(comunica(server, SELECT))
    assert_construct({tuple(t) for t in comunica(server, CONSTRUCT)})


def test_comunica_discovers_the_endpoint_from_its_service_description(server: str) -> None:
    rows = comunica(server, SELECT, kind="auto")
    assert_select(rows)
