"""The search index beside an embedded store on disk: written with the ingest batch,
replaced on re-ingest, rebuilt when missing or stale (a load, an ingest that did not
finish, graphs changed behind it), and rebuilt on request from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_data import BASE, article_a, article_b

from newsgraph.cli import main
from newsgraph.config import Settings
from newsgraph.ingest.local import ingest
from newsgraph.search.index import SearchIndex, SearchQuery
from newsgraph.search.sync import (
    CLEAN,
    IndexWriter,
    ensure_index,
    index_path,
    mark_stale,
    stale_reason,
)
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter, extraction_to_quads

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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
