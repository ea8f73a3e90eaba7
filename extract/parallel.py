"""Extraction on every core: worker processes that parse *and* extract whole articles.

``nlp.pipe(n_process=N)`` parses in N processes but sends each parsed ``Doc`` back to the
parent, which must then deserialise it and run the rules alone — the rules and the
deserialising become the bottleneck. Here each worker process loads the model once, runs
``nlp.pipe`` over a batch of articles *and* the rule extractors, and sends back only the
small :class:`~newsgraph.extract.records.Extraction` records. The parent reads files
ahead, keeps at most ``2 × jobs`` batches in flight (so a corpus is streamed, never held
in memory), and yields results in input order.

A worker that dies (killed, out of memory) fails the articles of its batches with a
message naming them, the pool is restarted, and the stream goes on; running the same
ingest again completes those articles.

Small inputs (no more than one batch per worker) are extracted in the calling process:
starting worker processes and loading the model in each costs seconds.
"""

from __future__ import annotations

import ctypes
import functools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from spacy.language import Language

from newsgraph.extract.pipeline import (
    ExtractionFailure,
    MemoryZones,
    extract_articles,
    load_nlp,
    require_model,
)
from newsgraph.extract.records import Article, Extraction

Result = Extraction | ExtractionFailure

_worker_nlp: Language | None = None
_worker_zones: MemoryZones | None = None


def extract_stream(
    articles: Iterable[Article],
    nlp: Language | str,
    *,
    jobs: int = 1,
    batch_size: int = 16,
) -> Iterator[Result]:
    """Parse and extract a stream of articles, in input order.

    Args:
        articles: The articles (read lazily; at most ``2 × jobs`` batches are held).
        nlp: A loaded pipeline, or the name of the model package to load. Worker
            processes always load it by name, so ``jobs > 1`` needs a name.
        jobs: Processes that parse and extract; 1 runs everything in this process.
        batch_size: Articles per batch sent to a worker (and per ``nlp.pipe`` batch).
    """
    stream = iter(articles)
    if isinstance(nlp, str):
        require_model(nlp)
    if jobs > 1 and isinstance(nlp, str):
        head = list(islice(stream, jobs * batch_size + 1))
        if len(head) > jobs * batch_size:
            yield from _in_workers(_chain(head, stream), nlp, jobs, batch_size)
            return
        stream = iter(head)
    pipeline = load_nlp(nlp) if isinstance(nlp, str) else nlp
    yield from extract_articles(pipeline, stream, batch_size=batch_size)


def _chain(head: list[Article], rest: Iterator[Article]) -> Iterator[Article]:
    yield from head
    yield from rest


def _in_workers(articles: Iterator[Article], model: str, jobs: int, size: int) -> Iterator[Result]:
    pending: deque[tuple[list[Article], Future[list[Result]]]] = deque()
    pool = _pool(model, jobs)
    try:
        while batch := list(islice(articles, size)):
            try:
                pending.append((batch, pool.submit(_extract_batch, batch)))
            except BrokenProcessPool:
                pool = _restart(pool, model, jobs)
                pending.append((batch, pool.submit(_extract_batch, batch)))
            while len(pending) >= 2 * jobs:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(batch: list[Article], future: Future[list[Result]]) -> list[Result]:
    try:
        return future.result()
    except BrokenProcessPool:
        return [ExtractionFailure(a, "the worker process extracting it died") for a in batch]


def _pool(model: str, jobs: int) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may hold an open store and threads (the progress bar)
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_load, initargs=(model,))


def _restart(pool: ProcessPoolExecutor, model: str, jobs: int) -> ProcessPoolExecutor:
    pool.shutdown(wait=False, cancel_futures=True)
    return _pool(model, jobs)


def _load(model: str) -> None:
    global _worker_nlp, _worker_zones
    _die_with_parent()
    _worker_nlp = load_nlp(model)
    _worker_zones = MemoryZones(_worker_nlp)  # one zone over many batches, renewed
    _worker_zones.open()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the ingest that started it dies: a killed
    ``newsgraph ingest`` otherwise leaves its workers blocked for ever on the results pipe,
    each holding a loaded model (measured: idle orphans of ~250 MB)."""
    libc = _libc()
    if libc is None:  # not Linux: the orphans remain possible
        return
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _extract_batch(batch: list[Article]) -> list[Result]:
    assert _worker_nlp is not None, "the worker's initializer loads the model"
    results = list(extract_articles(_worker_nlp, batch, batch_size=len(batch), zones=_worker_zones))
    trim_heap()
    return results


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing
    elsewhere). A batch's Docs are freed after it, but glibc keeps the freed pages, so
    without this a worker's RSS creeps up to what its largest batches ever needed."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _libc() -> Any:
    """The C library (glibc's ``malloc_trim``, Linux's ``prctl``), or None elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.malloc_trim, libc.prctl  # noqa: B018 - both must exist
    except (OSError, AttributeError):
        return None
    return libc
