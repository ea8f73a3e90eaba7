"""The search index beside an embedded store on disk: written with the ingest batch,
replaced on re-ingest, rebuilt when missing or stale (a load, an ingest that did not
finish, graphs changed behind it), and rebuilt on request from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fixtures.live_server import HOST, clean_env, free_port, newsgraph, stop, wait_until_up
from fixtures.paths import SEEDS
from sample_data import BASE, article_a, article_b

from newsgraph.cli import main
from newsgraph.config import Settings
from newsgraph.ingest.local import ingest
from newsgraph.search.index import SearchIndex, SearchQuery
from newsgraph.search.sync import (
    CLEAN,
    BuildProgress,
    IndexWriter,
    build_progress,
    ensure_index,
    index_path,
    mark_stale,
    progress_file,
    rebuild,
    stale_reason,
)
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter, extraction_to_quads


def write_sample(store: GraphStore, writer: IndexWriter | None = None) -> None:
    """The sample articles written as an ingest batch writes them."""
    graphs = dict(extraction_to_quads(e, Minter(BASE)) for e in (article_a(), article_b()))
    store.replace_graphs(graphs)
    if writer is not None:
        writer.write({g.value: [(q.subject, q.predicate, q.object) for q in quads]
                      for g, quads in graphs.items()})  # fmt: skip


def hits(path: Path, text: str) -> list[str]:
    index = SearchIndex(path, read_only=True)
    try:
        return [h.entry.text for h in index.search(SearchQuery(text)).hits]
    finally:
        index.close()


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env({}, store=tmp_path / "store", base_iri=BASE)


def test_the_index_lives_in_the_store_folder_or_the_cache_by_url(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert index_path(settings) == settings.store / "search.sqlite"  # type: ignore[operator]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    one = index_path(Settings.from_env({}, store="http://127.0.0.1:7878"))
    other = index_path(Settings.from_env({}, store="http://127.0.0.1:7879"))
    assert one.parent == tmp_path / "cache" / "newsgraph"
    assert one != other  # one index per remote store


def test_a_writer_keeps_the_index_in_step_and_marks_it_clean(settings: Settings) -> None:
    store = GraphStore(settings.store)
    path = index_path(settings)
    writer = IndexWriter(path, store)
    write_sample(store, writer)
    assert stale_reason(store, path) is not None  # still writing: a crash now leaves it so
    writer.finish(store)
    assert stale_reason(store, path) is None
    assert hits(path, "professional soldiers") == ["only professional soldiers were there"]


def test_an_index_missing_or_left_unfinished_is_rebuilt(settings: Settings) -> None:
    store = GraphStore(settings.store)
    write_sample(store)  # written without the index: as by an older newsgraph
    path = index_path(settings)
    assert stale_reason(store, path) == "there is no search index yet"
    del store
    assert ensure_index(settings) == "there is no search index yet"
    assert hits(path, "withdrawn") == ["Almost all have been withdrawn"]
    assert ensure_index(settings) is None  # in step: nothing to do

    store = GraphStore(settings.store)
    IndexWriter(path, store)  # an ingest that died before it finished
    assert "writing" in (stale_reason(store, path) or "")
    del store
    assert ensure_index(settings) is not None
    assert SearchIndex(path, read_only=True).meta("state") == CLEAN


def test_graphs_changed_behind_the_index_make_it_stale(settings: Settings) -> None:
    store = GraphStore(settings.store)
    writer = IndexWriter(index_path(settings), store)
    write_sample(store, writer)
    writer.finish(store)
    store.remove_graph(Minter(BASE).article("b.txt"))  # not through newsgraph's writers
    assert stale_reason(store, index_path(settings)) == (
        "the store has changed since the search index was made"
    )
    del store
    ensure_index(settings)
    assert hits(index_path(settings), "professional soldiers") == []


def test_a_new_writer_over_an_existing_store_indexes_what_is_there_first(
    settings: Settings,
) -> None:
    store = GraphStore(settings.store)
    write_sample(store)
    writer = IndexWriter(index_path(settings), store)  # as `newsgraph ingest` opens it
    writer.finish(store)
    assert hits(index_path(settings), "withdrawn") == ["Almost all have been withdrawn"]


def test_load_marks_the_index_stale_and_search_index_rebuilds_it(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = GraphStore(settings.store)
    writer = IndexWriter(index_path(settings), store)
    write_sample(store, writer)
    writer.finish(store)
    del store
    trig = tmp_path / "more.trig"
    trig.write_text(
        f"<{BASE}article/c> {{ <{BASE}article/c> a <https://newsgraph.example/ns#Article> ;"
        f' <https://newsgraph.example/ns#identifier> "c" .'
        f" <{BASE}statement/c/1-2> a <https://newsgraph.example/ns#Statement> ;"
        f' <https://newsgraph.example/ns#text> "Bridges were loaded from a file" . }}',
        encoding="utf-8",
    )
    store_arg = ["--store", str(settings.store), "--base-iri", BASE]
    assert main(["load", str(trig), *store_arg]) == 0
    assert main(["search-index", "--check", *store_arg]) == 1
    assert "stale" in capsys.readouterr().out
    assert main(["search-index", *store_arg]) == 0
    assert main(["search-index", "--check", *store_arg]) == 0
    assert hits(index_path(settings), "bridges loaded") == ["Bridges were loaded from a file"]


def test_mark_stale_without_an_index_does_nothing(tmp_path: Path) -> None:
    mark_stale(tmp_path / "none.sqlite")
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.model
def test_ingest_writes_the_index_and_a_reingest_replaces_the_rows(
    settings: Settings, nlp: object
) -> None:
    store = GraphStore(settings.store)
    path = index_path(settings)
    ingest([SEEDS], store, nlp, Minter(BASE), jobs=1, progress=False,
           search=IndexWriter(path, store))  # fmt: skip
    assert stale_reason(store, path) is None
    first = hits(path, "conscripts")
    assert first and any("conscripts" in text for text in first)
    count = SearchIndex(path, read_only=True).db.execute("SELECT COUNT(*) FROM entries").fetchone()
    ingest([SEEDS], store, nlp, Minter(BASE), jobs=1, progress=False,
           search=IndexWriter(path, store))  # fmt: skip
    again = SearchIndex(path, read_only=True).db.execute("SELECT COUNT(*) FROM entries").fetchone()
    assert again == count  # replaced, not added
    assert hits(path, "conscripts") == first
    assert stale_reason(store, path) is None


def test_a_server_without_an_index_says_how_to_build_it(settings: Settings) -> None:
    from newsgraph.server import create_app

    store = GraphStore(settings.store)
    write_sample(store)
    client = create_app(settings, store=store).test_client()
    response = client.get("/search.json?q=conscripts")
    assert response.status_code == 503
    assert "newsgraph search-index" in response.json["error"]
    writer = IndexWriter(index_path(settings), store)  # the index appears: now answered
    writer.finish(store)
    assert len(client.get("/search.json?q=conscripts").json["results"]) == 2


def test_while_the_index_is_first_built_a_search_says_how_far_it_has_got(
    settings: Settings,
) -> None:
    from newsgraph.server import create_app

    store = GraphStore(settings.store)
    write_sample(store)
    client = create_app(settings, store=store).test_client()
    path = index_path(settings)
    building = BuildProgress(path, 1200)  # as a rebuild in another process writes it
    building.advance(600)
    response = client.get("/search.json?q=conscripts")
    assert response.status_code == 503
    assert "being built (600 of 1,200 articles read)" in response.json["error"]
    assert response.headers["Retry-After"] == "30"
    page = client.get("/search?q=conscripts", headers={"Accept": "text/html"})
    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    assert "600 of 1,200" in page.get_data(as_text=True)
    building.close()  # the build ended without an index: say how to build one
    assert "newsgraph search-index" in client.get("/search.json?q=conscripts").json["error"]


def test_a_rebuild_of_a_complete_index_answers_from_its_old_rows_meanwhile(
    settings: Settings,
) -> None:
    from newsgraph.server import create_app

    store = GraphStore(settings.store)
    writer = IndexWriter(index_path(settings), store)
    write_sample(store, writer)
    writer.finish(store)
    mark_stale(index_path(settings))  # a load: rebuilt next, the old rows meanwhile
    building = BuildProgress(index_path(settings), 10)
    client = create_app(settings, store=store).test_client()
    response = client.get("/search.json?q=conscripts")
    building.close()
    assert response.status_code == 200 and len(response.json["results"]) == 2


def test_a_rebuild_reports_its_progress_and_removes_the_report_when_done(
    settings: Settings,
) -> None:
    store = GraphStore(settings.store)
    write_sample(store)
    path = index_path(settings)
    seen: list[tuple[int, int] | None] = []
    rebuild(store, path, progress=lambda n: seen.append(build_progress(path)))
    assert seen and seen[0] == (0, 2)  # written when it starts, every STEP articles after
    assert build_progress(path) is None and not progress_file(path).exists()


@pytest.mark.e2e  # starts a process to know a process id that has ended
def test_progress_left_by_a_builder_that_died_is_not_believed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    path = tmp_path / "search.sqlite"
    progress_file(path).write_text(f"{dead.stdout.strip()} 5 10\n", encoding="ascii")
    assert build_progress(path) is None
    progress_file(path).write_text(f"{os.getpid()} 5 10\n", encoding="ascii")
    assert build_progress(path) == (5, 10)
    progress_file(path).write_text("garbage\n", encoding="ascii")
    assert build_progress(path) is None


@pytest.mark.e2e
def test_serve_answers_at_once_and_builds_a_missing_index_beside(settings: Settings) -> None:
    """``newsgraph serve`` does not wait for the index: pages answer while a process of
    its own builds it, and search answers once it is built."""
    store = GraphStore(settings.store)
    write_sample(store)
    store.flush()
    del store
    port = free_port()
    server = subprocess.Popen(
        newsgraph("serve", "--store", str(settings.store), "--host", HOST, "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=clean_env(NEWSGRAPH_BASE_IRI=BASE),
    )
    try:
        base = f"http://{HOST}:{port}/"
        wait_until_up(base + "sparql", server)
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "search.json?q=conscripts", timeout=10) as r:
                    status, found = r.status, json.load(r)
                    break
            except urllib.error.HTTPError as exc:  # 503 while it is being built
                assert exc.code == 503, exc.read()
                time.sleep(0.2)
        assert status == 200 and len(found["results"]) == 2
        assert (
            stale_reason(GraphStore(settings.store, read_only=True), index_path(settings)) is None
        )
    finally:
        stop(server)
    assert b"building the search index" in server.stderr.read()


def rows_of(path: Path) -> set[tuple[object, ...]]:
    index = SearchIndex(path, read_only=True)
    try:
        query = (
            "SELECT e.item, e.kind, e.source, e.name, e.source_type, e.article, e.published, "
            "e.publisher, t.text, t.facets FROM entries e JOIN texts t ON t.rowid = e.id"
        )
        return set(index.db.execute(query))
    finally:
        index.close()


@pytest.mark.model
def test_a_distributed_ingest_indexes_what_a_single_process_indexes(
    tmp_path: Path, nlp: object
) -> None:
    """The workers write articles with the names they give themselves; the client settles
    names and then indexes the graphs as the store holds them: the same rows as one
    process, renames and merges included."""
    from newsgraph.ingest.chunk_task import run_chunk
    from newsgraph.ingest.chunks import expand_inputs, plan_chunks
    from newsgraph.ingest.distributed import collect, finish
    from newsgraph.ingest.local import IngestReport
    from newsgraph.link.registry import EntityRegistry
    from newsgraph.ontology import PERSON

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "putin-only.txt").write_text(
        "date 2022-03-11\nPutin said the operation was going to plan.\n", encoding="utf-8"
    )
    inputs = [str(extra), str(SEEDS / "*.txt")]
    minter = Minter(BASE)
    single, apart = GraphStore(), GraphStore()
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    ingest(expand_inputs(inputs), single, nlp, minter, progress=False,
           search=IndexWriter(one, single))  # fmt: skip
    registry = EntityRegistry(apart.labels_of_type(PERSON))
    chunks, unlisted = plan_chunks(inputs, 2)
    results = collect(chunks, lambda cs: (run_chunk(c, nlp, apart, minter) for c in cs))
    finish(IngestReport(), results, unlisted, apart, registry, minter, set(),
           IndexWriter(two, apart))  # fmt: skip
    assert rows_of(one) and rows_of(one) == rows_of(two)
