"""Extraction on every core: worker processes give the same records, in order,
as extraction in one process; a dead worker fails only its own articles, by name; batched
writes replace whole graphs."""

from __future__ import annotations

import warnings
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from fixtures.paths import SEEDS
from pyoxigraph import Literal, NamedNode, Quad

from newsgraph.extract import parallel
from newsgraph.extract.parallel import extract_stream
from newsgraph.extract.pipeline import DEFAULT_MODEL, ExtractionFailure, ModelNotFound, load_nlp
from newsgraph.extract.readers import read_paths
from newsgraph.extract.records import Article
from newsgraph.store import GraphStore


def _seed_articles() -> list[Article]:
    return [a for a in read_paths([SEEDS]) if isinstance(a, Article)]


@pytest.mark.e2e  # starts a process
@pytest.mark.model
def test_workers_give_the_in_process_records_in_input_order() -> None:
    articles = _seed_articles()
    assert len(articles) == 5  # more than jobs x batch_size, so workers are used
    alone = list(extract_stream(articles, load_nlp(DEFAULT_MODEL), jobs=1, batch_size=2))
    spread = list(extract_stream(articles, DEFAULT_MODEL, jobs=2, batch_size=2))
    assert [r.article.id for r in spread] == [a.id for a in articles]
    assert [r.statements for r in spread] == [r.statements for r in alone]
    assert [r.figures for r in spread] == [r.figures for r in alone]


@pytest.mark.model
def test_a_small_input_is_extracted_without_starting_workers(monkeypatch) -> None:
    def no_workers(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("workers started for an input of one batch per worker")

    monkeypatch.setattr(parallel, "_in_workers", no_workers)
    articles = _seed_articles()[:2]
    results = list(extract_stream(articles, DEFAULT_MODEL, jobs=2, batch_size=1))
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert all(r.statements for r in results)


def test_a_missing_model_is_named_before_any_worker_starts() -> None:
    with pytest.raises(ModelNotFound, match="no_such_model_pkg"):
        next(extract_stream(iter([]), "no_such_model_pkg", jobs=2))


def test_a_dead_worker_fails_its_batch_by_name() -> None:
    batch = [Article(id=f"a{i}", text="x", origin=f"folder/a{i}.txt") for i in range(2)]
    future: Future = Future()
    future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
    results = parallel._collect(batch, future)
    assert all(isinstance(r, ExtractionFailure) for r in results)
    assert [str(r) for r in results] == [
        "folder/a0.txt: extraction failed: the worker process extracting it died",
        "folder/a1.txt: extraction failed: the worker process extracting it died",
    ]


def test_replace_graphs_replaces_new_and_existing_graphs_together() -> None:
    store = GraphStore()
    p = NamedNode("http://example.com/p")
    old, new = NamedNode("http://example.com/g/old"), NamedNode("http://example.com/g/new")
    store.replace_graph(old, [Quad(old, p, Literal("before"), old)])
    written = store.replace_graphs(
        {
            old: [Quad(old, p, Literal("after"), old)],
            new: [Quad(new, p, Literal("one"), new), Quad(new, p, Literal("two"), new)],
        }
    )
    assert written == 3
    rows = store.query("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?o")
    assert [(r["g"].value, r["o"].value) for r in rows] == [
        (new.value, "one"),
        (new.value, "two"),
        (old.value, "after"),
    ]


@pytest.mark.e2e  # starts a process
@pytest.mark.model
def test_a_killed_ingest_takes_its_worker_processes_with_it(tmp_path: Path) -> None:
    """Killing `newsgraph ingest` must not leave workers behind: they would block for
    ever on the results pipe, each holding a loaded model."""
    import json
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    records = [
        {"id": f"copy{n}-{article.id}", "text": article.text}
        for n in range(20)
        for article in _seed_articles()
    ]
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    command = [newsgraph, "ingest", str(corpus), "--store", str(tmp_path / "store")]
    process = subprocess.Popen(
        [*command, "--jobs", "2", "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        parent = psutil.Process(process.pid)
        deadline = time.monotonic() + 60
        workers: list = []
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            workers = [p for p in parent.children() if "spawn_main" in " ".join(p.cmdline())]
            time.sleep(0.2)
        assert len(workers) == 2, "the ingest started no worker processes"
        time.sleep(3)  # the workers are loading the model or parsing
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    gone, alive = psutil.wait_procs(workers, timeout=15)
    for orphan in alive:
        orphan.kill()
    assert not alive, f"{len(alive)} worker(s) outlived the killed ingest"


def test_batches_are_bounded_by_characters_as_well_as_by_articles() -> None:
    """A batch's parsing memory grows with its characters, so batches are cut at
    ``batch_chars`` too; an article longer than that is parsed alone, none is lost."""
    from newsgraph.extract.pipeline import _groups

    lengths = [5, 5, 5, 30, 1, 1, 1, 1, 9, 2]
    articles = [
        Article(id=f"a{i}", text="x" * n, origin=f"a{i}.txt") for i, n in enumerate(lengths)
    ]
    groups = list(_groups(articles, 3, 10))
    assert [a for g in groups for a in g] == articles
    assert [[len(a.text) for a in g] for g in groups] == [[5, 5], [5], [30], [1, 1, 1], [1, 9], [2]]
    for group in groups:
        assert len(group) <= 3
        assert len(group) == 1 or sum(len(a.text) for a in group) <= 10


@pytest.mark.model
def test_parsing_in_smaller_batches_gives_the_same_records() -> None:
    from newsgraph.extract.pipeline import extract_articles

    nlp = load_nlp(DEFAULT_MODEL)
    articles = _seed_articles()
    together = list(extract_articles(nlp, articles, batch_size=16, batch_chars=10**9))
    longest = max(len(a.text) for a in articles)  # each article alone, none cut in pieces
    alone = list(extract_articles(nlp, articles, batch_size=16, batch_chars=longest))
    assert [r.statements for r in alone] == [r.statements for r in together]
    assert [r.figures for r in alone] == [r.figures for r in together]


def test_pieces_are_cut_after_line_breaks_and_join_back_into_the_text() -> None:
    from newsgraph.extract.pipeline import _pieces

    text = "Headline\n\n" + "\n".join(f"Paragraph {i} " + "word " * (i % 7) for i in range(60))
    for limit in (15, 40, 100, 1000):
        pieces = _pieces(text, limit)
        assert "".join(pieces) == text
        for piece in pieces[:-1]:
            assert piece.endswith("\n")  # a cut is always at a line's end
            assert len(piece) <= limit or "\n" not in piece.rstrip("\n")  # or one long line


@pytest.mark.model
def test_an_article_longer_than_a_batch_is_parsed_in_pieces_into_one_doc(monkeypatch) -> None:
    """Memory for a parse grows with its length, so an article over ``batch_chars`` is
    parsed a few lines at a time; the pieces join into one Doc of the same text, so the
    records' offsets still point into the article."""
    from newsgraph.extract import pipeline
    from newsgraph.extract.boilerplate import mask_boilerplate
    from newsgraph.extract.paragraphs import doc_text

    nlp = load_nlp(DEFAULT_MODEL)
    article = _seed_articles()[3]
    parsed: list[list[int]] = []
    pipe = nlp.pipe

    def recording_pipe(texts, batch_size):  # type: ignore[no-untyped-def]
        texts = list(texts)
        parsed.append([len(t) for t in texts])
        return pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [doc] = list(pipeline._parse(nlp, [article], 800))
    # the pieces' own caches are dropped before the join (spaCy warned, printing the text)
    assert not [w for w in caught if "merging docs" in str(w.message)]
    assert doc.text == mask_boilerplate(article.text) == doc_text(doc)
    assert len(parsed) == 1 and len(parsed[0]) == len(pipeline._pieces(doc.text, 800)) > 2
    cuts, at = [], 0
    for piece in pipeline._pieces(doc.text, 800)[:-1]:
        at += len(piece)
        cuts.append(at)
    for cut in cuts:  # a piece's first token starts a sentence, as in the whole parse
        first = next(t for t in doc if t.idx >= cut)
        assert first.is_sent_start, doc.text[cut : cut + 40]
    extraction = pipeline.extract_doc(doc, article)
    assert extraction.statements
    for statement in extraction.statements:
        assert article.text[statement.start : statement.end] == statement.text


@pytest.mark.model
def test_memory_zones_free_the_new_words_and_keep_the_records() -> None:
    """An ingest's vocabulary must not keep every new word of the corpus (a worker's
    memory would grow with it): parsing runs in spaCy memory zones, and renewing a zone
    after every article changes no record."""
    from newsgraph.extract.pipeline import MemoryZones, extract_articles

    nlp = load_nlp(DEFAULT_MODEL)
    articles = _seed_articles()
    before = len(nlp.vocab.strings)
    kept = list(extract_articles(nlp, articles, batch_size=1))
    assert len(nlp.vocab.strings) == before  # the zone closed with the call
    zones = MemoryZones(nlp, chars=10**9)  # a worker's zone, open over its batches
    zones.open()
    list(extract_articles(nlp, articles[:2], batch_size=1, zones=zones))
    assert len(nlp.vocab.strings) > before  # open between batches
    zones.close()
    assert len(nlp.vocab.strings) == before
    zones = MemoryZones(nlp, chars=1)  # renewed after every article
    zones.open()
    renewed = list(extract_articles(nlp, articles, batch_size=1, zones=zones))
    zones.close()
    with nlp.select_pipes(enable=[]):  # a plain parse keeps its words: what zones prevent
        list(nlp.pipe(a.text for a in articles))
    assert len(nlp.vocab.strings) > before
    assert [r.statements for r in renewed] == [r.statements for r in kept]
    assert [r.figures for r in renewed] == [r.figures for r in kept]
    assert sum(len(r.statements) for r in kept) > 20


def test_warnings_are_passed_on_as_they_come_and_the_report_keeps_a_bounded_few(
    tmp_path: Path, nlp, monkeypatch
) -> None:
    from newsgraph.config import Settings
    from newsgraph.ingest import local as ingest_module
    from newsgraph.store.rdf import Minter

    for index in range(3):  # no dates: a warning each
        (tmp_path / f"undated{index}.txt").write_text("Title\n\nIt rained.\n", encoding="utf-8")
    monkeypatch.setattr(ingest_module, "KEPT_WARNINGS", 2)
    heard: list[str] = []
    report = ingest_module.ingest(
        [tmp_path],
        GraphStore(),
        nlp,
        Minter(Settings().base_iri),
        progress=False,
        on_warning=heard.append,
    )
    assert len(heard) == 3 and all("no publication date" in w for w in heard)
    assert report.warnings == heard[:2] and report.warning_count == 3
    assert report.summary().endswith("3 warnings")
