"""Ingest: read articles, extract, map to RDF, and replace each article's graph.

The data's path: files -> :mod:`newsgraph.extract.readers` (Article or ReadFailure)
-> :mod:`newsgraph.extract.parallel` (parse and extract in ``jobs`` processes;
Extraction) -> :mod:`newsgraph.link.registry` (cross-article names) ->
:mod:`newsgraph.store.rdf` (quads) -> :mod:`newsgraph.store` (articles written in
transactions of up to :data:`WRITE_ARTICLES`) -> :mod:`newsgraph.link.claims` (the claims of
the speakers touched, recomputed at the end). A failure anywhere is reported with the
file's name and the batch goes on; a failed article leaves no partial graph.

Articles are written in batches, each batch one transaction that replaces each article's
graph whole: a process killed halfway leaves every batch it finished and nothing of the
one it was writing, and running the same command again replaces each graph instead of
adding to it. Nothing of the corpus is held beyond the batches in flight. At the end a
snapshot is published for readers (:func:`newsgraph.store.publish_snapshot`): a running
server sees the new articles then, and never reads the folder while it is being written.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Quad
from spacy.language import Language
from tqdm import tqdm

from newsgraph.extract.parallel import extract_stream, trim_heap
from newsgraph.extract.pipeline import ExtractionFailure
from newsgraph.extract.readers import ReadFailure, read_paths
from newsgraph.extract.records import Article, Extraction
from newsgraph.link.claims import link_claims
from newsgraph.link.registry import EntityRegistry
from newsgraph.ontology import PERSON, SAID_BY
from newsgraph.search.sync import IndexWriter
from newsgraph.store import GraphStore, Store, publish_snapshot
from newsgraph.store.derived import refresh as refresh_derived
from newsgraph.store.derived import sources_in
from newsgraph.store.rdf import Minter, article_key, extraction_to_quads

WRITE_ARTICLES = 32
"""Articles written per transaction (a commit to disk costs milliseconds). A transaction is
held whole in the writing process until it commits: with 64 articles its rise, coinciding
with the workers' highs, set the ingest's peak (1k → 10k articles: 1.09–1.12× the peak,
against 1.07× with 32, for 2–5% of ingest throughput: BBC in 84.8 s with 64, 86.5 and
89.3 s with 32; docs/benchmarks.md)."""
WRITE_QUADS = 50_000
"""Quads held back at most before they are written."""
FLUSH_QUADS = 20_000
"""Quads written between flushes of the store: RocksDB keeps written data in memory tables
until they are flushed to disk, about 1 KB a quad, so without flushes an ingest's memory
would grow with the corpus (measured: +890 MB at 0.9 M quads; with flushes, flat). Each
flush also gives the freed heap back to the system (:func:`trim_heap`)."""


KEPT_WARNINGS = 1000
"""Warnings an :class:`IngestReport` keeps: one per article is common (every article of a
corpus without dates), so a report that kept them all would grow with the corpus."""


@dataclass
class IngestReport:
    """What an ingest did, for the summary line and for tests."""

    articles: int = 0
    """Articles stored: ``new`` ones and ``replaced`` ones (their graph was in the store)."""
    new: int = 0
    replaced: int = 0
    refused: list[str] = field(default_factory=list)
    """Articles not stored because an earlier article of the same ingest has their id
    (:func:`refusal`), one message each naming both origins."""
    statements: int = 0
    figures: int = 0
    triples: int = 0
    claims: int = 0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """The first :data:`KEPT_WARNINGS` warnings (``on_warning`` is given every one)."""
    warning_count: int = 0
    timings: dict[str, float] = field(default_factory=lambda: {"store": 0.0, "claims": 0.0})
    """Seconds spent writing articles' graphs (``store``), linking claims (``claims``) and
    writing the search index (``search``, when written)."""

    def warn(self, messages: Iterable[str]) -> None:
        """Count ``messages``, keeping the first :data:`KEPT_WARNINGS` of the ingest."""
        for message in messages:
            self.warning_count += 1
            if len(self.warnings) < KEPT_WARNINGS:
                self.warnings.append(message)

    def summary(self) -> str:
        return (
            f"ingested {self.articles} articles ({self.new} new, {self.replaced} replaced, "
            f"{len(self.refused)} refused): {self.statements} statements, "
            f"{self.figures} figures, {self.triples} triples, {self.claims} claims; "
            f"{len(self.failures)} failed, {self.warning_count} warnings"
        )


def refusal(article_id: str, origin: str, seen: dict[str, str]) -> str | None:
    """Why the article read from ``origin`` must not be stored, or None: an earlier article
    of this ingest has its id, and storing it would replace that one's graph. ``seen`` maps
    the graph keys (:func:`~newsgraph.store.rdf.article_key`) read so far to their
    origins; this article's is added when it is not refused.

    >>> seen = {}
    >>> refusal("a.txt", "x/a.txt", seen) is None, refusal("a.txt", "y/a.txt", seen)
    (True, "y/a.txt: refused: article id 'a.txt' is already that of x/a.txt in this ingest; \
give one of them another id")
    """
    key = article_key(article_id)
    if key in seen:
        return (
            f"{origin}: refused: article id {article_id!r} is already that of {seen[key]} "
            "in this ingest; give one of them another id"
        )
    seen[key] = origin
    return None


def reading_warnings(origin: str, undated: bool) -> list[str]:
    """The warnings for one article read (no publication date)."""
    if undated:
        return [
            f"{origin}: no publication date; relative days such as 'on Wednesday' are left undated"
        ]
    return []


def ingest(
    paths: Iterable[Path],
    store: Store,
    nlp: Language | str,
    minter: Minter,
    *,
    jobs: int = 1,
    batch_size: int = 16,
    progress: bool = True,
    on_failure: Callable[[str], None] | None = None,
    on_stored: Callable[[Article, int], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_refused: Callable[[str], None] | None = None,
    publish: bool = True,
    search: IndexWriter | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``.

    Args:
        paths: Files and folders (walked recursively) of .txt, .html and .jsonl files.
        store: The store to write; each article's graph is replaced in one transaction.
        nlp: The loaded spaCy pipeline, or the name of its package (which ``jobs > 1``
            needs: each worker process loads it).
        minter: Mints IRIs under the deployment's base IRI.
        jobs: Processes that parse and extract (:mod:`newsgraph.extract.parallel`).
        batch_size: Articles per batch sent to a process.
        progress: Show a progress bar (articles/s) on stderr.
        on_failure: Called with each failure message as it happens.
        on_stored: Called with each article and its triple count once its graph is written.
        on_warning: Called with each warning as it happens (the report keeps the first
            :data:`KEPT_WARNINGS` and counts them all).
        on_refused: Called with the message of each article refused (:func:`refusal`).
        publish: Publish a snapshot for readers at the end (on-disk stores only).
        search: The full-text index, written with each batch of articles and marked as
            reflecting the store when the ingest ends (:mod:`newsgraph.search.index`).
    """
    run = _Run(store, minter, search, _Callbacks(on_failure, on_stored, on_warning, on_refused))
    registry = EntityRegistry(store.labels_of_type(PERSON))
    run.bar = _progress_bar(progress)
    completed = False
    try:
        for result in extract_stream(run.articles(paths), nlp, jobs=jobs, batch_size=batch_size):
            if isinstance(result, ExtractionFailure):
                run.fail(str(result))
                continue
            extraction, merges = registry.admit(result)
            run.add(extraction, merges)
        run.write_pending()
        completed = True
    finally:
        run.finish(completed, publish)
    return run.report


@dataclass(frozen=True)
class _Callbacks:
    """What :func:`ingest` tells its caller as it goes (see its arguments)."""

    failure: Callable[[str], None] | None
    stored: Callable[[Article, int], None] | None
    warning: Callable[[str], None] | None
    refused: Callable[[str], None] | None


class _Run:
    """One ingest under way: its report, the articles held back for the next write (one
    transaction for up to :data:`WRITE_ARTICLES` articles or :data:`WRITE_QUADS` quads),
    and what its end recomputes (claims, derived data)."""

    def __init__(
        self, store: Store, minter: Minter, search: IndexWriter | None, tell: _Callbacks
    ) -> None:
        self.store, self.minter, self.search, self.tell = store, minter, search, tell
        self.report = IngestReport()
        self.bar: tqdm[Any] | None = None
        self.seen: dict[str, str] = {}  # graph keys read -> where from (a second is refused)
        self.touched: set[str] = set()  # speakers whose claims must be recomputed
        # articles, sources whose derived data must be refreshed
        self.derived: tuple[set[str], set[str]] = (set(), set())
        self.pending: dict[NamedNode, tuple[Extraction, list[Quad], bool]] = {}  # bool: replaces
        self.pending_quads = 0
        self.unflushed = 0

    def fail(self, message: str) -> None:
        self.report.failures.append(message)
        if self.tell.failure:
            self.tell.failure(message)

    def articles(self, paths: Iterable[Path]) -> Iterator[Article]:
        """The articles read, less the failures and refusals (reported); warnings said."""
        for item in read_paths(paths):
            if isinstance(item, ReadFailure):
                self.fail(str(item))
                continue
            if refused := refusal(item.id, item.origin, self.seen):
                self.report.refused.append(refused)
                if self.tell.refused:
                    self.tell.refused(refused)
                continue
            warnings = reading_warnings(item.origin, item.published is None)
            self.report.warn(warnings)
            if self.tell.warning:
                for warning in warnings:
                    self.tell.warning(warning)
            yield item

    def add(self, extraction: Extraction, merges: list[tuple[str, str]]) -> None:
        """Hold one extracted article back for the next write; renames and re-ingests
        first write every earlier article, then rename (or note the old speakers)."""
        store, minter, search = self.store, self.minter, self.search
        graph, quads = extraction_to_quads(extraction, minter)
        existing = store.has_graph(graph)  # re-ingested: its old speakers' claims change
        if merges or existing:
            self.write_pending()  # renames and re-ingests must see every earlier article
            started = time.perf_counter()
            try:
                for short, full in merges:
                    store.merge_node(minter.person(short), minter.person(full), full)
                    if search is not None:
                        search.rename(minter.person(full).value, store)
                    self.touched.add(minter.person(full).value)
                    self.derived[1].update((minter.person(short).value, minter.person(full).value))
                if existing:
                    self.touched.update(store.speakers_in(graph))
                    self.derived[1].update(store.speakers_in(graph))
            except Exception as exc:  # the store refused this article; keep going
                self.fail(f"{extraction.article.origin}: not stored: {exc}")
                return
            finally:
                self.report.timings["store"] += time.perf_counter() - started
        self.pending[graph] = (extraction, quads, existing)
        self.pending_quads += len(quads)
        if len(self.pending) >= WRITE_ARTICLES or self.pending_quads >= WRITE_QUADS:
            self.write_pending()

    def write_pending(self) -> None:
        """Write the articles held back, in one transaction; count them as stored."""
        if not self.pending:
            return
        report, store, search = self.report, self.store, self.search
        batch = dict(self.pending)
        self.unflushed += self.pending_quads
        self.pending.clear()
        self.pending_quads = 0
        started = time.perf_counter()
        try:
            store.replace_graphs({graph: quads for graph, (_, quads, _) in batch.items()})
            if self.unflushed >= FLUSH_QUADS:
                store.flush()
                trim_heap()
                self.unflushed = 0
        except Exception as exc:  # the store refused the batch; each article is reported
            for extraction, _, _ in batch.values():
                self.fail(f"{extraction.article.origin}: not stored: {exc}")
            return
        finally:
            report.timings["store"] += time.perf_counter() - started
        if search is not None:
            started = time.perf_counter()
            search.write({g.value: [(q.subject, q.predicate, q.object) for q in quads]
                          for g, (_, quads, _) in batch.items()})  # fmt: skip
            report.timings["search"] = report.timings.get("search", 0.0) + (
                time.perf_counter() - started
            )
        for graph, (extraction, quads, replaces) in batch.items():
            self.touched.update(
                q.object.value
                for q in quads
                if q.predicate.value == SAID_BY and isinstance(q.object, NamedNode)
            )
            self.derived[0].add(graph.value)
            self.derived[1].update(sources_in(quads))
            report.articles += 1
            if replaces:
                report.replaced += 1
            else:
                report.new += 1
            report.statements += len(extraction.statements)
            report.figures += len(extraction.figures)
            report.triples += len(quads)
            if self.tell.stored:
                self.tell.stored(extraction.article, len(quads))
        if self.bar is not None:
            self.bar.update(len(batch))

    def finish(self, completed: bool, publish: bool) -> None:
        """The end, finished or not: claims and derived data of what was written, the
        search index marked current (only when every article went through), a snapshot."""
        report, store, minter, search = self.report, self.store, self.minter, self.search
        if self.bar is not None:
            self.bar.close()
        if self.touched:
            started = time.perf_counter()
            report.claims = link_claims(store, minter, self.touched)
            report.timings["claims"] = time.perf_counter() - started
        if self.derived[0] or self.derived[1]:
            started = time.perf_counter()
            refresh_derived(
                store, minter, articles=self.derived[0], sources=self.derived[1] | self.touched
            )
            report.timings["derived"] = time.perf_counter() - started
        store.flush()
        if search is not None and completed:
            search.finish(store)  # the index now reflects the store (else: left "writing")
        if publish and isinstance(store, GraphStore) and store.path and not store.read_only:
            publish_snapshot(store)


def _progress_bar(enabled: bool) -> tqdm[Any] | None:
    if not enabled:
        return None
    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, desc="ingest")
