"""Ingest under bad files, a kill -9 halfway, a second writer and a running server.

Every run is the real ``newsgraph ingest`` in a subprocess, over small articles written to
a temporary folder; the store is then read through the published snapshot.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from fixtures.live_server import clean_env, newsgraph, running_server

from newsgraph.ontology import ARTICLE
from newsgraph.store import GraphStore, SnapshotStore, current_snapshot

pytestmark = pytest.mark.model
RUN_SECONDS = 240
ARTICLES = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{ARTICLE}> }}"


def article(number: int) -> str:
    return (
        f"date 2022-03-{1 + number % 28:02d}\n"
        f'Minister Anna Berg{number} said: "We counted {number + 3} new bridges this year."\n'
        f"The council said {number + 10} roads were repaired, a spokesman told reporters.\n"
    )


def ingest(store: Path, *paths: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    args = ["ingest", *map(str, paths), "--store", str(store), "--no-progress", "-v"]
    done = subprocess.run(
        newsgraph(*args), capture_output=True, text=True, env=clean_env(), timeout=RUN_SECONDS
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def article_count(store: Path) -> int:
    rows = SnapshotStore(store).query(ARTICLES)
    return int(next(iter(rows))["n"].value)


def graph_sizes(store: Path) -> dict[str, int]:
    """Quads per article graph, read from the store's folder directly (after a writer died)."""
    reader = GraphStore(store, read_only=True)
    return {g.value: reader.count(g) for g in reader.graphs()}


@pytest.mark.e2e  # starts a process
def test_bad_files_are_reported_by_name_and_the_good_ones_still_stored(tmp_path: Path) -> None:
    store, batch = tmp_path / "store", tmp_path / "batch"
    batch.mkdir()
    (tmp_path / "first.txt").write_text(article(0), encoding="utf-8")
    ingest(store, tmp_path / "first.txt")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (batch / "latin1.txt").write_bytes(article(1).replace("Berg", "Bergé").encode("latin-1"))
    (batch / "utf16.txt").write_bytes(article(2).encode("utf-16"))
    with (batch / "enormous.txt").open("wb") as handle:
        handle.truncate(50_000_001)  # sparse: costs no disk
    broken = "<html><head><title>T</title><body><div><p>" + article(4).replace("\n", "<p><b>")
    (batch / "broken.html").write_text(broken, encoding="utf-8")  # never closed: still read
    (batch / "junk.html").write_text("<html><body><div></p></b><<<>>", encoding="utf-8")
    (batch / "nodate.txt").write_text(article(3).split("\n", 1)[1], encoding="utf-8")
    good = '{"id": "j1", "text": "%s", "published": "2022-03-10"}'
    lines = [good % 'Anna Berg said: \\"Yes.\\"', "{not json", good.replace("j1", "j2") % "Ok."]
    (batch / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    done = ingest(store, batch)
    err = done.stderr
    assert f"failed: {batch / 'empty.txt'}: empty file" in err
    assert f"failed: {batch / 'binary.txt'}: binary file" in err
    assert f"failed: {batch / 'enormous.txt'}: file is 50000001 bytes, over the" in err
    assert f"failed: {batch / 'junk.html'}: no article text found in the HTML" in err
    assert f"failed: {batch / 'feed.jsonl'}:2: not valid JSON" in err
    assert f"warning: {batch / 'nodate.txt'}: no publication date" in err
    stored = (
        "latin1.txt",
        "utf16.txt",
        "nodate.txt",
        "broken.html",
        "feed.jsonl:1",
        "feed.jsonl:3",
    )
    for name in stored:
        assert f"stored: {batch / name} (" in err, name
    assert "ingested 6 articles" in done.stdout
    assert article_count(store) == 7  # first.txt is still there
    labels = SnapshotStore(store).query(
        "SELECT DISTINCT ?l WHERE { ?p a ng:Person ; rdfs:label ?l FILTER(CONTAINS(?l, 'é')) }"
    )
    assert [row["l"].value for row in labels] == ["Anna Bergé1"]


@pytest.mark.e2e  # starts a process
def test_kill_9_halfway_loses_nothing_finished_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(120):
        (folder / f"{number:04d}.txt").write_text(article(number), encoding="utf-8")
    clean = tmp_path / "clean"
    ingest(clean, folder)
    clean_sizes = graph_sizes(clean)
    assert len(clean_sizes) >= 120

    killed = tmp_path / "killed"
    args = ["ingest", str(folder), "--store", str(killed), "--no-progress", "-v"]
    process = subprocess.Popen(
        newsgraph(*args),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=clean_env(),
    )
    stored = 0
    try:
        deadline = time.monotonic() + RUN_SECONDS
        while stored < 30 and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            stored += line.startswith("stored: ")
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(30)
        process.stderr.close()
    assert stored == 30, "the ingest ended before it could be killed"

    sizes = graph_sizes(killed)  # the store opens
    articles = {g: n for g, n in sizes.items() if "/article/" in g}
    assert 30 <= len(articles) < 120
    for graph, quads in articles.items():  # every stored article whole, none in part
        assert quads == clean_sizes[graph], graph
    ingest(killed, folder)
    assert graph_sizes(killed) == clean_sizes
    assert article_count(killed) == article_count(clean) == 120


@pytest.mark.e2e  # starts a process
def test_a_second_writer_fails_at_once_on_the_lock(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "a.txt").write_text(article(0), encoding="utf-8")
    ingest(store, tmp_path / "a.txt")
    writer = GraphStore(store)  # holds the store's lock, as a running ingest does
    try:
        started = time.monotonic()
        done = ingest(store, tmp_path / "a.txt", check=False)
        assert done.returncode == 1
        assert "is being written by another process" in done.stderr
        assert time.monotonic() - started < 60
    finally:
        del writer


@pytest.mark.e2e
def test_the_server_sees_new_articles_after_an_ingest_while_it_runs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "a.txt").write_text(article(0), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article(1), encoding="utf-8")
    ingest(store, tmp_path / "a.txt")
    with running_server(store, {"NEWSGRAPH_QUERY_WORKERS": "1"}) as url:
        assert count_over_http(url) == 1
        first = current_snapshot(store)
        ingest(store, tmp_path / "b.txt")  # the server holds no lock on the store
        assert current_snapshot(store) != first
        deadline = time.monotonic() + 10
        while count_over_http(url) != 2 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert count_over_http(url) == 2
        with urllib.request.urlopen(url + "queries/articles.csv", timeout=30) as response:
            assert response.read().decode("utf-8").count("\n") == 3  # header + 2 articles
    assert article_count(store) == 2


def count_over_http(url: str) -> int:
    from urllib.parse import quote

    with urllib.request.urlopen(url + "sparql?query=" + quote(ARTICLES), timeout=30) as response:
        import json

        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])
