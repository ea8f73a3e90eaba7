"""Runaway queries, network access and request limits.

The worker path runs on a real on-disk store (``create_app(settings)``, which serves the
published snapshot through query worker processes); the guard tests use the in-process
path over an in-memory store, with a listener on loopback proving no connection arrives.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad
from sample_data import BASE, filled_store

from newsgraph.config import Settings
from newsgraph.server import create_app
from newsgraph.server.execution import QueryTask
from newsgraph.server.guard import MAX_QUERY_BYTES, uses_service
from newsgraph.server.runners import close_app, runner
from newsgraph.server.sparql import NO_SERVICE
from newsgraph.store import GraphStore, publish_snapshot

TIMEOUT = 2.0
FILLER = NamedNode("http://example.com/filler")
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_SORT = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
CARTESIAN_ROWS = "SELECT * { ?a ?b ?c . ?d ?e ?f }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"


def build_disk_store(path: Path, filler: int = 2000) -> int:
    """The sample articles plus ``filler`` quads, on disk, with a published snapshot."""
    disk = GraphStore(path)
    disk.add_quads(filled_store().oxigraph.quads_for_pattern(None, None, None, None))
    quads = [
        Quad(NamedNode(f"http://example.com/{i}"), FILLER, Literal(str(i)), FILLER)
        for i in range(filler)
    ]
    disk.add_quads(quads)
    publish_snapshot(disk)
    total = disk.count()
    del disk  # let go of the writer's lock
    return total


@pytest.fixture(scope="module")
def disk_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("robust") / "store"
    total = build_disk_store(path)
    settings = Settings(
        store=path, base_iri=BASE, query_timeout=TIMEOUT, query_workers=2, query_memory=512
    )
    app = create_app(settings)
    app.config["total"] = total
    try:
        yield app
    finally:
        close_app(app)


def count(client) -> int:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": COUNT_ALL})
    assert response.status_code == 200, response.data
    return int(response.json["results"]["bindings"][0]["n"]["value"])


# --- Time and memory limits, on the worker path ---------------------------------------


@pytest.mark.e2e  # starts a process
def test_a_runaway_count_is_stopped_with_a_503_naming_the_limit(disk_app) -> None:
    client = disk_app.test_client()
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": CARTESIAN_COUNT})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json["status"] == 503
    assert response.json["error"] in (
        f"query timed out after {TIMEOUT:g} s",
        "the query stopped: it needed more than the memory limit of 512 MB",
    )
    assert elapsed < TIMEOUT + 5
    assert count(client) == disk_app.config["total"]  # the server answers after


@pytest.mark.e2e  # starts a process
def test_a_sort_that_grows_memory_is_stopped_by_the_cap_or_the_clock(disk_app) -> None:
    response = disk_app.test_client().get("/sparql", query_string={"query": CARTESIAN_SORT})
    assert response.status_code == 503
    assert "memory limit" in response.json["error"] or "timed out" in response.json["error"]


@pytest.mark.e2e  # starts a process
def test_other_requests_are_answered_while_a_query_runs_away(disk_app) -> None:
    client = disk_app.test_client()
    answers: list[int] = []
    slow = threading.Thread(
        target=lambda: answers.append(
            client.get("/sparql", query_string={"query": CARTESIAN_COUNT}).status_code
        )
    )
    slow.start()
    try:
        time.sleep(0.3)
        started = time.monotonic()
        assert client.get("/queries/statements.json").status_code == 200
        assert count(client) == disk_app.config["total"]
        assert client.get("/").status_code == 200
        assert time.monotonic() - started < TIMEOUT
    finally:
        slow.join(TIMEOUT + 10)
    assert answers == [503]


@pytest.mark.e2e  # starts a process
def test_a_timeout_after_streaming_began_breaks_the_body_never_a_clean_200(disk_app) -> None:
    response = disk_app.test_client().get(
        "/sparql", query_string={"query": CARTESIAN_ROWS, "format": "csv"}
    )
    assert response.status_code == 200  # more than the worker's buffer came in time
    with pytest.raises(Exception, match="timed out"):
        response.get_data()


@pytest.mark.e2e  # starts a process
def test_a_small_result_comes_whole_with_its_length(disk_app) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"
    response = disk_app.test_client().get("/sparql", query_string={"query": query, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["Content-Length"] == str(len(response.data))
    assert response.data.startswith(b"s\r\n")


@pytest.mark.e2e  # starts a process
def test_canned_csv_is_the_whole_result_and_json_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "store"
    build_disk_store(path, filler=0)
    app = create_app(Settings(store=path, base_iri=BASE, query_workers=1, max_rows=1))
    try:
        client = app.test_client()
        full = client.get("/queries/statements.csv").data.decode("utf-8").splitlines()
        capped = client.get("/queries/statements.json")
        assert len(full) - 1 > 1
        assert len(capped.json["results"]["bindings"]) == 1
        assert capped.headers["X-Newsgraph-Truncated"].startswith("first 1 rows")
        page = client.get("/queries/statements", headers={"Accept": "text/html"})
        assert page.status_code == 200
    finally:
        close_app(app)


@pytest.mark.e2e  # starts a process
def test_the_workers_have_no_network(disk_app) -> None:
    """Defence in depth: even a SERVICE that got past the guard connects nowhere."""
    from newsgraph.server.worker import isolate_network

    with Listener() as listener:
        task = QueryTask(f"SELECT * {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}")
        # any error is fine; a connection is not
        with disk_app.app_context(), contextlib.suppress(Exception):
            runner().run(task)
        if not _can_isolate(isolate_network):
            pytest.skip("this system does not let a process leave the network namespace")
        assert listener.connections() == 0


def _can_isolate(isolate_network) -> bool:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    code = "from newsgraph.server.worker import isolate_network as f; print(f())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return done.stdout.strip() == "True"


# --- No network connection, whatever the spelling ---------------------------------------


class Listener:
    """A TCP listener on loopback that counts (and drops) every connection it gets."""

    def __enter__(self) -> Listener:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.count = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()
        return self

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.count += 1
            conn.close()

    def connections(self) -> int:
        time.sleep(0.3)
        return self.count

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(2)
        self.sock.close()


def service_spellings(url: str) -> list[str]:
    host = url.split("//", 1)[1]
    root = f"http://{host.rsplit('/', 1)[0]}/"
    escaped_iri = "".join(f"\\u{ord(c):04x}" for c in "http") + "://" + host
    return [
        f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SeRvIcE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <{escaped_iri}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\U00000073ervice silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE#comment\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"PREFIX r: <{root}> SELECT * {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"BASE <{root}> SELECT * {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        # a name's escaped '#' is not a comment: the old text check was blind after it
        f"PREFIX ex: <http://e/> SELECT * {{ ?s ex:a\\#b ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE SILENT <{url}> {{ }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


@pytest.fixture()
def memory_client():  # type: ignore[no-untyped-def]
    return create_app(Settings(base_iri=BASE), store=filled_store()).test_client()


def test_no_spelling_of_service_reaches_the_network(memory_client) -> None:
    with Listener() as listener:
        for query in service_spellings(listener.url):
            for send in (
                lambda q: memory_client.get("/sparql", query_string={"query": q}),
                lambda q: memory_client.post("/sparql", data={"query": q}),
                lambda q: memory_client.post(
                    "/sparql", data=q, content_type="application/sparql-query"
                ),
            ):
                response = send(query)
                assert response.status_code == 400, (query, response.data)
                assert response.json["error"] == NO_SERVICE
        assert listener.connections() == 0


def test_load_and_other_updates_are_refused_and_connect_nowhere(memory_client) -> None:
    before = memory_client.get("/sparql", query_string={"query": COUNT_ALL}).json
    with Listener() as listener:
        load = f"LOAD SILENT <{listener.url}>"
        for response in (
            memory_client.get("/sparql", query_string={"update": load}),
            memory_client.post("/sparql", data={"update": load}),
            memory_client.post("/sparql", data=load, content_type="application/sparql-update"),
            memory_client.post("/sparql", data={"query": load}),
            memory_client.get("/sparql", query_string={"query": f"load <{listener.url}>"}),
        ):
            assert response.status_code == 403, response.data
        # FROM names a graph in the store; pyoxigraph fetches nothing for it
        query = f"SELECT * FROM <{listener.url}> FROM NAMED <{listener.url}> {{ ?s ?p ?o }}"
        assert memory_client.get("/sparql", query_string={"query": query}).status_code == 200
        assert listener.connections() == 0
    assert memory_client.get("/sparql", query_string={"query": COUNT_ALL}).json == before


def test_the_guard_lets_ordinary_queries_through() -> None:
    for query in (
        'SELECT ?service WHERE { ?service <http://e/SERVICE> "SERVICE" } # SERVICE <x:y>',
        "PREFIX service: <http://e/> SELECT * { ?s service:x ?o }",
        "SELECT * { ?s <http://e/service> '''SERVICE\n''' }",
        "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    ):
        assert not uses_service(query), query


# --- Request limits and errors ----------------------------------------------------------


def test_a_query_over_the_size_limit_is_a_413(memory_client) -> None:
    query = "ASK {} #" + "x" * MAX_QUERY_BYTES
    response = memory_client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 413
    assert str(MAX_QUERY_BYTES) in response.json["error"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/queries/statements-by-person?person=" + "x" * 3000, 400),
        ("/queries/statements?page=%FF", 400),
        ("/sparql?query=%FF%FE", 400),
        ("/sparql?query=SELECT%20*%20%7B", 400),
        ("/export?graph=not%20an%20iri", 400),
        ("/rdf-graphs?graph=%00", 400),
        ("/queries/figures?format=../../etc/passwd", 400),
    ],
)
def test_malformed_requests_are_4xx_without_internals(memory_client, path: str, status: int):  # type: ignore[no-untyped-def]
    response = memory_client.get(path)
    assert response.status_code == status, response.data
    text = response.data.decode("utf-8", "replace")
    assert "Traceback" not in text and "/site-packages/" not in text and 'File "' not in text


def test_error_pages_are_escaped_and_carry_the_security_headers(memory_client) -> None:
    response = memory_client.get("/no/<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.data
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
