"""End to end: the seeds, read by the real model, ingested into a real ``oxigraph serve``
process and served by newsgraph from it, answer as the embedded store does — every canned
query, ``/sparql``, ``/export``, ``/rdf-graphs``, resource pages, the CLI and one real
HTTP server."""

from __future__ import annotations

import io
import json
import os
import re
import urllib.request
from collections import Counter
from collections.abc import Iterator

import pytest
from fixtures.live_server import running_server
from fixtures.oxigraph_server import running_oxigraph
from fixtures.paths import SEEDS
from pyoxigraph import RdfFormat, parse
from spacy.language import Language

import newsgraph.server.execution
from newsgraph.cli import main
from newsgraph.config import Settings
from newsgraph.ingest.local import ingest
from newsgraph.queries import load_queries
from newsgraph.server import create_app
from newsgraph.server.execution import QueryTask
from newsgraph.server.runners import close_app, runner
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter
from newsgraph.store.remote import RemoteStore

pytestmark = [pytest.mark.model, pytest.mark.e2e]

QUERIES = load_queries()
PERSON = "https://newsgraph.example/id/person/vladimir-putin"
CASES = [(name, {}) for name in QUERIES if name != "claim-reports"] + [
    ("statements-by-person", {"person": "Peskov"}),
    ("statements-by-person", {"person": PERSON}),
    ("timeline", {"from": "2022-03-08", "to": "2022-03-09"}),
    ("competing-figures", {"what": "killed"}),
    ("figures-by-source", {"source": "Ukraine"}),
    ("attributions", {"sourceType": "named-person"}),
    ("attributions", {"sourceType": "named-organization"}),
]


class Pair:
    """The same seeds in the embedded store and on the Oxigraph server, and an app on each."""

    def __init__(self, url: str, embedded: GraphStore, nlp: Language) -> None:
        self.url = url
        self.embedded = embedded
        self.remote = RemoteStore(url)
        self.nlp = nlp
        self.local_app = create_app(Settings.from_env({}), store=embedded)
        self.remote_app = create_app(Settings.from_env({}, store=url, query_timeout=5.0))
        self.local = self.local_app.test_client()
        self.served = self.remote_app.test_client()

    def ingest_remote(self) -> None:
        ingest([SEEDS], self.remote, self.nlp, Minter(Settings().base_iri), progress=False)

    def both(self, path: str, **kwargs: object) -> tuple[object, object]:
        a, b = self.local.get(path, **kwargs), self.served.get(path, **kwargs)  # type: ignore[arg-type]
        assert a.status_code == b.status_code == 200, (path, a.status_code, b.get_data()[:300])
        assert a.content_type == b.content_type
        return a, b


@pytest.fixture(scope="module")
def pair(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds at {SEEDS}")
    embedded = GraphStore()
    report = ingest([SEEDS], embedded, nlp, Minter(Settings().base_iri), progress=False)
    assert report.articles == 5 and not report.failures
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        pair = Pair(url, embedded, nlp)
        pair.ingest_remote()
        yield pair
        close_app(pair.remote_app)


def quads(data: bytes, fmt: RdfFormat) -> Counter:
    return Counter(parse(data, fmt))


def bindings(body: bytes) -> tuple[list[str], Counter]:
    result = json.loads(body)
    return result["head"]["vars"], Counter(
        json.dumps(b, sort_keys=True) for b in result["results"]["bindings"]
    )


def order_keys(name: str, body: bytes) -> list[tuple[str, ...]]:
    """Each row's values of the query's ORDER BY variables, in the order given."""
    clause = QUERIES[name].sparql.rsplit("ORDER BY", 1)[-1]
    keys = re.findall(r"\?(\w+)", clause)
    rows = json.loads(body)["results"]["bindings"]
    return [tuple(json.dumps(r.get(k)) for k in keys) for r in rows]


def test_the_server_holds_the_same_quads_as_the_embedded_store(pair: Pair) -> None:
    local, remote = io.BytesIO(), io.BytesIO()
    pair.embedded.export(local, RdfFormat.N_QUADS)
    pair.remote.export(remote, RdfFormat.N_QUADS)
    assert quads(remote.getvalue(), RdfFormat.N_QUADS) == quads(local.getvalue(), RdfFormat.N_QUADS)
    assert pair.remote.count() == pair.embedded.count() > 1000


@pytest.mark.parametrize(("name", "params"), CASES, ids=lambda c: str(c))
def test_every_canned_query_answers_the_same(pair: Pair, name: str, params: dict) -> None:
    a, b = pair.both(f"/queries/{name}.json", query_string={**params, "all": "1"})
    assert bindings(b.data) == bindings(a.data)  # type: ignore[attr-defined]
    assert order_keys(name, b.data) == order_keys(name, a.data)  # type: ignore[attr-defined]
    if name in ("statements", "claims", "timeline"):
        a, b = pair.both(f"/queries/{name}.csv", query_string=params)
        assert sorted(b.data.splitlines()) == sorted(a.data.splitlines())  # type: ignore[attr-defined]
        a, b = pair.both(f"/queries/{name}", query_string=params, headers={"Accept": "text/html"})
        assert b"<table" in b.data  # type: ignore[attr-defined]


def test_claim_reports_answer_the_same_for_every_claim(pair: Pair) -> None:
    claims = json.loads(pair.local.get("/queries/claims.json?all=1").data)["results"]["bindings"]
    assert claims
    for claim in {c["claim"]["value"] for c in claims}:
        a, b = pair.both("/queries/claim-reports.json", query_string={"claim": claim})
        assert bindings(b.data) == bindings(a.data)  # type: ignore[attr-defined]


SELECT = f"SELECT ?s ?text WHERE {{ ?s ng:saidBy <{PERSON}> ; ng:text ?text }}"
CONSTRUCT = "CONSTRUCT { ?s ng:saidBy ?p } WHERE { ?s ng:saidBy ?p }"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparql_select_construct_and_ask_answer_the_same(pair: Pair, method: str) -> None:
    def ask(query: str, fmt: str) -> tuple[object, object]:
        if method == "GET":
            return pair.both("/sparql", query_string={"query": query, "format": fmt})
        a = pair.local.post("/sparql", data={"query": query, "format": fmt})
        b = pair.served.post("/sparql", data={"query": query, "format": fmt})
        assert a.status_code == b.status_code == 200
        return a, b

    a, b = ask(SELECT, "json")
    assert bindings(b.data) == bindings(a.data)  # type: ignore[attr-defined]
    a, b = ask(CONSTRUCT, "ntriples")
    assert quads(b.data, RdfFormat.N_TRIPLES) == quads(a.data, RdfFormat.N_TRIPLES)  # type: ignore[attr-defined]
    for query, expected in (("ASK { ?s a ng:Claim }", True), ("ASK { ?s a ng:Nothing }", False)):
        a, b = ask(query, "json")
        assert b.get_json() == a.get_json() == {"head": {}, "boolean": expected}  # type: ignore[attr-defined]
    a, b = ask(SELECT, "html")
    assert b.data.count(b"<tr") == a.data.count(b"<tr") > 1  # type: ignore[attr-defined]


def test_sparql_errors_answer_the_same(pair: Pair) -> None:
    for query, status in (("SELEC ?x", 400), ("INSERT DATA { <a:a> <a:b> <a:c> }", 403)):
        a = pair.local.get("/sparql", query_string={"query": query})
        b = pair.served.get("/sparql", query_string={"query": query})
        assert a.status_code == b.status_code == status
        assert b.get_json()["error"].startswith(a.get_json()["error"].split(":")[0])


def test_a_large_result_is_streamed_as_the_server_sends_it(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newsgraph.server.execution, "STREAM_BUFFER", 256)  # first_part reads it
    task = QueryTask(QUERIES["statements"].sparql, solutions="csv")
    outcome = runner(pair.remote_app).run(task)
    assert not isinstance(outcome.body, bytes)  # held back 256 bytes, then streamed
    streamed = b"".join(outcome.body)
    whole = runner(pair.local_app).run(task).body
    assert isinstance(whole, bytes) and len(whole) > 20 * 256
    assert sorted(streamed.splitlines()) == sorted(whole.splitlines())
    a = pair.local.get("/queries/statements.csv")
    b = pair.served.get("/queries/statements.csv")
    assert "Content-Length" in a.headers and "Content-Length" not in b.headers
    assert sorted(b.data.splitlines()) == sorted(a.data.splitlines())


def test_a_slow_query_times_out_with_the_pools_message(pair: Pair) -> None:
    app = create_app(Settings.from_env({}, store=pair.url, query_timeout=0.3))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = app.test_client().get("/sparql", query_string={"query": slow})
    assert response.status_code == 503
    assert response.get_json()["error"] == "query timed out after 0.3 s"


@pytest.mark.parametrize(
    "path",
    [
        "/export",
        "/export?format=nquads",
        "/export?format=ntriples",
        "/export?article=002_be6fb0ef39d770ef.txt",
        "/export?graph=https://newsgraph.example/id/article/001_9fc2d02c3254c2bd.txt"
        "&format=ntriples",
        "/rdf-graphs",
        "/rdf-graphs?graph=https://newsgraph.example/id/article/001_9fc2d02c3254c2bd.txt",
        "/store?default",
    ],
)
def test_exports_and_graph_store_reads_give_the_same_rdf(pair: Pair, path: str) -> None:
    a, b = pair.both(path)
    fmt = RdfFormat.from_media_type(a.content_type.split(";")[0])  # type: ignore[attr-defined]
    assert fmt is not None
    assert quads(b.data, fmt) == quads(a.data, fmt)  # type: ignore[attr-defined]
    assert b.headers.get("Content-Disposition") == a.headers.get("Content-Disposition")  # type: ignore[attr-defined]


def test_missing_graphs_are_404_on_both(pair: Pair) -> None:
    for path in ("/export?graph=https://x.example/none", "/export?article=none.txt"):
        assert pair.local.get(path).status_code == pair.served.get(path).status_code == 404


@pytest.mark.parametrize("fmt", ["text/html", "text/turtle"])
def test_resource_pages_are_the_same(pair: Pair, fmt: str) -> None:
    a, b = pair.both("/person/vladimir-putin", headers={"Accept": fmt})
    if fmt == "text/html":
        assert b.data == a.data  # type: ignore[attr-defined]
    else:
        assert quads(b.data, RdfFormat.TURTLE) == quads(a.data, RdfFormat.TURTLE)  # type: ignore[attr-defined]
    assert pair.served.get("/person/nobody-at-all").status_code == 404


def test_the_home_page_is_the_same(pair: Pair) -> None:
    a, b = pair.both("/", headers={"Accept": "text/html"})
    assert b.data == a.data  # type: ignore[attr-defined]


def test_ingesting_again_replaces_every_graph_without_duplicates(pair: Pair) -> None:
    before = io.BytesIO()
    pair.remote.export(before, RdfFormat.N_QUADS)
    pair.ingest_remote()
    after = io.BytesIO()
    pair.remote.export(after, RdfFormat.N_QUADS)
    assert quads(after.getvalue(), RdfFormat.N_QUADS) == quads(before.getvalue(), RdfFormat.N_QUADS)
    assert max(quads(after.getvalue(), RdfFormat.N_QUADS).values()) == 1


def test_the_cli_queries_and_exports_the_remote_store(
    pair: Pair, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in os.environ if k.startswith("NEWSGRAPH_")]:
        monkeypatch.delenv(key)
    assert main(["query", "statements", "--format", "csv", "--store", pair.url]) == 0
    remote_csv = capfd.readouterr().out
    a = pair.local.get("/queries/statements.csv?all=1").data.decode()  # the whole list
    assert sorted(remote_csv.splitlines()) == sorted(a.splitlines())
    assert main(["export", "--format", "nquads", "--store", pair.url + "/"]) == 0
    exported = capfd.readouterr().out.encode()
    local = io.BytesIO()
    pair.embedded.export(local, RdfFormat.N_QUADS)
    assert quads(exported, RdfFormat.N_QUADS) == quads(local.getvalue(), RdfFormat.N_QUADS)


def test_newsgraph_serve_answers_over_http_from_the_remote_store(pair: Pair) -> None:
    env = {"NEWSGRAPH_QUERY_TIMEOUT": "5"}
    with running_server(pair.url, env=env) as base:  # type: ignore[arg-type]
        url = base + "queries/statements.json?all=1"
        with urllib.request.urlopen(url, timeout=30) as response:
            served = response.read()
    local = pair.local.get("/queries/statements.json?all=1").data
    assert bindings(served) == bindings(local)
