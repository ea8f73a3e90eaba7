"""Ingest a corpus on a Dask cluster: workers extract and write whole articles.

``newsgraph ingest PATHS --store http://... --dask [ADDRESS]``. The client lists the
inputs (folders, JSON Lines files, glob patterns) and cuts them into chunks
(:mod:`newsgraph.ingest.chunks`); each chunk is a task that a worker runs
(:func:`newsgraph.ingest.chunk_task.ingest_chunk`): it parses, extracts and **writes** each
article's graph straight to the SPARQL server, and sends back only a small summary. The
client keeps a few tasks per worker in flight, so a corpus of any size streams through.

- **A lost worker loses no article.** Every article a task finished is in the store; Dask
  runs the task of a worker that died (or a task that raised) again, and the rewrite
  replaces the same graphs with the same triples. For the same reason running the same
  command again completes an interrupted job without duplicates.
- **The same graph as one process.** Workers write each article with the person names it
  gives itself; when every task is done, the client replays the cross-article names
  (:mod:`newsgraph.link.names`) in reading order and makes the renames and merges a
  single-process ingest makes. An article id read twice keeps the first record and refuses
  the later, as there.
- **Claims** are linked once, on the client, at the end, for the speakers touched.

The embedded store (a folder) takes one writing process, so distributed ingest needs a
SPARQL server as the store (``oxigraph serve``; docs/deploy.md). ``scheduler=None`` starts
a local cluster of ``workers`` processes on 127.0.0.1 (no dashboard); an address
(``tcp://host:8786``) uses a running cluster, whose workers must have newsgraph and the
model installed and see the input files at the same absolute paths.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from newsgraph import __version__
from newsgraph.config import is_url
from newsgraph.errors import ConfigError
from newsgraph.ingest.chunk_task import (
    ArticleResult,
    ChunkResult,
    TaskConfig,
    check_worker,
    ingest_chunk,
)
from newsgraph.ingest.chunks import Chunk, Key, plan_chunks
from newsgraph.ingest.local import IngestReport, reading_warnings, refusal
from newsgraph.link.claims import link_claims
from newsgraph.link.names import apply_plan, replay
from newsgraph.link.registry import EntityRegistry
from newsgraph.ontology import PERSON
from newsgraph.search.sync import IndexWriter, entries_from_store, index_path
from newsgraph.store import open_store
from newsgraph.store.derived import refresh as refresh_derived
from newsgraph.store.derived import sources_in_graphs
from newsgraph.store.rdf import Minter

RETRIES = 2
"""Times a task that raised is run again (a task whose worker died is rerun by Dask)."""
TASKS_PER_THREAD = 2
"""Tasks kept in flight per worker thread."""
CONNECT_SECONDS = 30.0
"""How long to wait for a scheduler, and for its first worker."""
FOLDER_STORE_HELP = (
    "distributed ingest writes from every worker, which the embedded store in the folder "
    "{store} cannot take (one writing process): serve the store with a SPARQL server, e.g. "
    "'oxigraph serve --location {store} --bind 127.0.0.1:7878 --union-default-graph', and "
    "pass --store http://127.0.0.1:7878 (see docs/deploy.md)"
)
INSTALL_HELP = (
    "distributed ingest needs Dask, an optional extra: pip install 'newsgraph[distributed]'"
)

Runner = Callable[[list[Chunk]], Iterator[ChunkResult]]
"""Runs chunks somewhere and yields their results as they complete."""


def ingest_distributed(
    inputs: Iterable[str | Path],
    settings: Any,
    *,
    scheduler: str | None = None,
    workers: int = 0,
    progress: bool = True,
    on_failure: Callable[[str], None] | None = None,
    on_stored: Callable[[str, int], None] | None = None,
) -> IngestReport:
    """Ingest ``inputs`` on a Dask cluster into the remote store ``settings.store``.

    Args:
        inputs: Files, folders and glob patterns (``corpus/**/*.jsonl``), read in order.
        settings: The :class:`~newsgraph.config.Settings` (the store's URL and endpoints,
            the model, the base IRI, ``batch_size`` and ``dask_chunk``).
        scheduler: A Dask scheduler's address, or None for a local cluster.
        workers: Worker processes of a local cluster (0: one per core).
        progress: Show a progress bar (articles/s) on stderr.
        on_failure: Called with each failure message as it comes back.
        on_stored: Called with each stored article's origin and triple count.

    Raises:
        ConfigError: the store is a folder, Dask is not installed, or the cluster cannot
            be reached or cannot run newsgraph.
    """
    if not is_url(settings.store):
        raise ConfigError(FOLDER_STORE_HELP.format(store=settings.store))
    _dask()
    store = open_store(settings)
    search = IndexWriter(index_path(settings), store)  # read back from the store at the end
    registry = EntityRegistry(store.labels_of_type(PERSON))
    existing = {g.value for g in store.graphs()}  # to count articles new and replaced
    chunks, unlisted = plan_chunks(inputs, settings.dask_chunk)
    config = TaskConfig.from_settings(settings)
    started = time.perf_counter()
    with _client(scheduler, workers) as client:
        _check_workers(client, config.model)
        results = collect(chunks, on_cluster(client, config), progress, on_failure, on_stored)
    report = IngestReport()
    report.timings = {"cluster": time.perf_counter() - started}
    minter = Minter(settings.base_iri)
    return finish(report, results, unlisted, store, registry, minter, existing, search)


def collect(
    chunks: list[Chunk],
    run: Runner,
    progress: bool = False,
    on_failure: Callable[[str], None] | None = None,
    on_stored: Callable[[str, int], None] | None = None,
) -> list[ArticleResult]:
    """Run every chunk, then once more the first record of each graph that a later record
    of the run also wrote (the later one is refused, as in a single-process ingest, and
    may have written last); results in reading order."""
    results: dict[Key, ArticleResult] = {}
    chunk_of: dict[Key, Chunk] = {}
    bar = _progress_bar(progress, sum(_size(c) for c in chunks))
    try:
        for done in run(chunks):
            for result in done.articles:
                results[result.key] = result
                chunk_of[result.key] = done.chunk
                if result.failure and on_failure:
                    on_failure(result.failure)
                if result.graph and on_stored:
                    on_stored(result.origin, result.triples)
            if bar is not None:
                bar.update(_size(done.chunk))
    finally:
        if bar is not None:
            bar.close()
    writers: dict[str, list[Key]] = {}
    for key in sorted(results):
        if (graph := results[key].graph) is not None:
            writers.setdefault(graph, []).append(key)
    again = [replace(chunk_of[keys[0]], only=keys[0]) for keys in writers.values() if len(keys) > 1]
    for done in run(again):
        results.update({r.key: r for r in done.articles})
    return [results[key] for key in sorted(results)]


def finish(
    report: IngestReport,
    results: list[ArticleResult],
    unlisted: list[tuple[Key, str]],
    store: Any,
    registry: EntityRegistry,
    minter: Minter,
    existing: set[str] | frozenset[str] = frozenset(),
    search: IndexWriter | None = None,
) -> IngestReport:
    """Settle cross-article names, link claims and fill ``report`` (results in reading
    order, as :func:`collect` gives them; ``existing``: the graphs in the store before the
    ingest, which a worker cannot tell once a retried task or a refused record wrote;
    ``search``: the full-text index, given the graphs written as the store now holds them,
    names settled)."""
    seen: dict[str, str] = {}
    kept: list[ArticleResult] = []
    refused_speakers: set[str] = set()  # a refused record may have written before the first
    for r in results:  # in reading order, so the same records are refused as in one process
        if r.article_id is not None and (refused := refusal(r.article_id, r.origin, seen)):
            report.refused.append(refused)
            refused_speakers.update(r.speakers)
            continue
        if r.article_id is not None:
            report.warn(reading_warnings(r.origin, r.undated))
        kept.append(r)
    results = kept
    failures = unlisted + [(r.key, r.failure) for r in results if r.failure]
    report.failures = [message for _, message in sorted(failures)]
    stored = [r for r in results if r.graph is not None]
    # one record per graph once refusals are out
    final = {r.graph: r.key for r in stored if r.graph is not None}
    started = time.perf_counter()
    plan = replay(
        (
            replace(r, graph=r.graph if r.graph and final.get(r.graph) == r.key else None)
            for r in results
            if r.extracted
        ),
        registry,
        minter,
    )
    report.warn(plan.warnings)
    sizes = apply_plan(plan, store, minter, set(final))
    report.timings["names"] = time.perf_counter() - started
    if search is not None:
        for merge in plan.merges:  # the graphs of earlier ingests it renamed
            search.rename(minter.person(merge.full).value, store)
        search.index.replace_articles(dict(entries_from_store(store, sorted(final))))
    report.articles = len(stored)
    report.replaced = sum(r.graph in existing for r in stored)
    report.new = report.articles - report.replaced
    report.statements = sum(r.statements for r in stored)
    report.figures = sum(r.figures for r in stored)
    report.triples = sum(
        sizes.get(r.graph, r.triples) if r.graph and final[r.graph] == r.key else r.triples
        for r in stored
    )
    touched = plan.touched.union(refused_speakers, *(r.speakers for r in stored))
    started = time.perf_counter()
    if touched:
        report.claims = link_claims(store, minter, touched)
    report.timings["claims"] = time.perf_counter() - started
    if final or touched:  # the derived data the pages and saved queries read
        started = time.perf_counter()
        graphs = {str(g) for g in final}
        described = sources_in_graphs(store, graphs)  # as ingest's sources_in(quads)
        refresh_derived(store, minter, articles=graphs, sources=touched | described)
        report.timings["derived"] = time.perf_counter() - started
    store.flush()
    if search is not None:
        search.finish(store)
    return report


def on_cluster(client: Any, config: TaskConfig) -> Runner:
    """A runner submitting chunks to a Dask client, a few per worker thread at a time."""
    from distributed import as_completed  # optional: the `distributed` extra

    window = max(2, TASKS_PER_THREAD * sum(client.nthreads().values()))

    def run(chunks: list[Chunk]) -> Iterator[ChunkResult]:
        waiting = iter(chunks)
        running = as_completed()
        chunk_of: dict[str, Chunk] = {}

        def submit(count: int) -> None:
            for chunk in islice(waiting, count):
                future = client.submit(ingest_chunk, chunk, config, pure=False, retries=RETRIES)
                chunk_of[future.key] = chunk
                running.add(future)

        submit(window)
        for future in running:
            chunk = chunk_of.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # retries used up, or its workers kept dying
                result = failed_chunk(chunk, exc)
            future.release()
            submit(1)
            yield result

    return run


def failed_chunk(chunk: Chunk, exc: BaseException) -> ChunkResult:
    """The result of a chunk whose task failed for good: each record, by name, failed."""
    reason = f"not ingested: its task failed {RETRIES + 1} times: {type(exc).__name__}: {exc}"
    failures = (
        ArticleResult(key, name, failure=f"{name}: {reason}") for key, name in chunk.describe()
    )
    return ChunkResult(chunk, tuple(failures))


def _dask() -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster  # optional: the `distributed` extra
    except ImportError:
        raise ConfigError(INSTALL_HELP) from None
    return Client, LocalCluster


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of a local cluster on loopback, or of the scheduler at ``scheduler``."""
    Client, LocalCluster = _dask()
    if scheduler is None:
        with (
            LocalCluster(
                n_workers=workers or None,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError:
            raise ConfigError(
                f"the Dask scheduler at {scheduler} has no workers after "
                f"{CONNECT_SECONDS:g} s: start some with 'dask worker {scheduler}'"
            ) from None
        yield client


def _check_workers(client: Any, model: str) -> None:
    """Stop before any task when a worker lacks newsgraph, its version, or the model."""
    try:
        answers = client.run(check_worker, model)
    except Exception as exc:  # unpickling fails where newsgraph is not installed
        raise ConfigError(
            f"the Dask workers cannot run newsgraph ({type(exc).__name__}: {exc}): install "
            "newsgraph and its spaCy model on every worker"
        ) from None
    for address, (version, problem) in sorted(answers.items()):
        if version != __version__:
            raise ConfigError(
                f"the Dask worker {address} has newsgraph {version}, this client {__version__}: "
                "install the same version everywhere"
            )
        if problem:
            raise ConfigError(f"the Dask worker {address}: {problem}")


def _size(chunk: Chunk) -> int:
    if chunk.only is not None:
        return 1
    return chunk.lines.count if chunk.lines is not None else len(chunk.files)


def _progress_bar(enabled: bool, total: int) -> tqdm[Any] | None:
    if not enabled:
        return None
    return tqdm(total=total, unit=" articles", file=sys.stderr, dynamic_ncols=True, desc="ingest")
