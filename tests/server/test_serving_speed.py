"""Serving at speed: results kept per snapshot, never stale, never streamed
bodies; several server processes share one port and a dead one is replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from fixtures.live_server import HOST, clean_env, free_port, newsgraph, stop, wait_until_up
from pyoxigraph import Literal, NamedNode, Quad

from newsgraph.server.cache import CachingRunner
from newsgraph.server.execution import InProcessRunner, QueryOutcome, QueryTask
from newsgraph.store import GraphStore, publish_snapshot

P = NamedNode("http://example.com/p")


class Counting:
    """A real in-process runner that counts the queries it really runs."""

    def __init__(self, store: GraphStore) -> None:
        self.inner = InProcessRunner(store)
        self.runs = 0

    def run(self, task: QueryTask) -> QueryOutcome:
        self.runs += 1
        return self.inner.run(task)

    def close(self) -> None:
        pass


def _store_with(value: str) -> GraphStore:
    store = GraphStore()
    g = NamedNode("http://example.com/g")
    store.replace_graph(g, [Quad(g, P, Literal(value), g)])
    return store


def test_a_repeated_query_is_answered_from_the_cache_until_the_snapshot_changes() -> None:
    store = _store_with("one")
    counting = Counting(store)
    snapshot = ["/data/snapshots/1"]
    cache = CachingRunner(counting, lambda: snapshot[0], 1 << 20)
    task = QueryTask("SELECT ?o WHERE { ?s ?p ?o }")
    first = cache.run(task)
    again = cache.run(task)
    assert counting.runs == 1 and again.body == first.body and b'"one"' in first.body
    assert cache.run(QueryTask("SELECT ?o WHERE { ?s ?p ?o }", solutions="csv")).body
    assert counting.runs == 2  # another format is another result

    store.replace_graph(NamedNode("http://example.com/g"), [])  # an ingest, then a new snapshot
    snapshot[0] = "/data/snapshots/2"
    fresh = cache.run(task)
    assert counting.runs == 3 and b'"one"' not in fresh.body


def test_the_cache_keeps_at_most_its_size_dropping_the_least_recently_used() -> None:
    counting = Counting(_store_with("x" * 300))
    cache = CachingRunner(counting, lambda: "s", 1500)
    tasks = [QueryTask(f"SELECT ?o WHERE {{ ?s ?p ?o }} LIMIT {n}") for n in (1, 2, 3)]
    for task in tasks:
        cache.run(task)
    assert cache.held <= 1500
    runs = counting.runs
    cache.run(tasks[-1])  # the newest is still held
    assert counting.runs == runs
    cache.run(tasks[0])  # the oldest was dropped
    assert counting.runs == runs + 1


def test_errors_and_streamed_bodies_are_not_kept() -> None:
    counting = Counting(_store_with("a"))
    cache = CachingRunner(counting, lambda: "s", 1 << 20)
    for _ in range(2):
        with pytest.raises(Exception, match="malformed|syntax|expected"):
            cache.run(QueryTask("SELEC nothing"))
    assert counting.runs == 2

    class Streaming(Counting):
        def run(self, task: QueryTask) -> QueryOutcome:
            self.runs += 1
            return QueryOutcome(kind="solutions", format="csv", body=iter([b"o\r\n"]))

    streaming = Streaming(GraphStore())
    cache = CachingRunner(streaming, lambda: "s", 1 << 20)
    cache.run(QueryTask("SELECT * {}"))
    cache.run(QueryTask("SELECT * {}"))
    assert streaming.runs == 2


@pytest.mark.e2e
def test_two_server_processes_share_the_port_and_a_dead_one_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = GraphStore(folder)
    g = NamedNode("http://example.com/g")
    store.replace_graph(g, [Quad(g, P, Literal("served"), g)])
    store.flush()
    publish_snapshot(store)
    del store
    port = free_port()
    server = subprocess.Popen(
        newsgraph("serve", "--store", str(folder), "--host", HOST, "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=clean_env(NEWSGRAPH_PROCESSES="2", NEWSGRAPH_QUERY_WORKERS="2"),
    )
    try:
        base = f"http://{HOST}:{port}/"
        wait_until_up(base + "sparql", server)
        url = f"{base}sparql?query={quote('SELECT ?o WHERE { ?s ?p ?o }')}"
        children = _children(server.pid)
        assert len(children) == 2
        os.kill(children[0], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = _children(server.pid)
            if len(now) == 2 and children[0] not in now:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the killed server process was not replaced")
        for _ in range(6):  # every answer is whole, whichever process takes it
            with urllib.request.urlopen(url, timeout=30) as response:
                assert b"served" in response.read()
    finally:
        stop(server)
    assert _children(server.pid) == []  # stopping the server stopped its processes


def _children(pid: int) -> list[int]:
    """Server processes: children of ``pid`` that are not query workers (nor the search
    index's builder, a multiprocessing child that ends once the index is built)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if (
            ppid == pid
            and b"newsgraph.server.worker" not in cmdline
            and b"multiprocessing" not in cmdline
        ):
            found.append(int(entry.name))
    return sorted(found)
