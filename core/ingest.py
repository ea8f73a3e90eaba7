"""Ingest: read articles, extract, map to RDF, and replace each article's graph.

The data's path: files -> :mod:`newsgraph.extract.readers` (Article or ReadFailure)
-> :mod:`newsgraph.extract.pipeline` (Extraction) -> :mod:`newsgraph.registry`
(cross-article names) -> :mod:`newsgraph.extract.rdf` (quads) -> :mod:`newsgraph.store`
(one transaction per article) -> :mod:`newsgraph.claims` (the claims of the speakers
touched, recomputed at the end). A failure anywhere is reported with the file's name and
the batch goes on; a failed article leaves no partial graph.

Each article's graph is written by one SPARQL update (drop the old graph, insert the new),
which pyoxigraph applies as one transaction: a process killed halfway leaves every article
it finished and nothing of the one it was writing, and running the same command again
replaces each graph instead of adding to it. At the end a snapshot is published for
readers (:func:`newsgraph.store.publish_snapshot`): a running server sees the new articles
then, and never reads the folder while it is being written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from newsgraph.claims import link_claims
from newsgraph.extract.pipeline import ExtractionFailure, extract_articles
from newsgraph.extract.rdf import Minter, extraction_to_quads
from newsgraph.extract.readers import ReadFailure, read_paths
from newsgraph.extract.records import Article
from newsgraph.ontology import PERSON, SAID_BY
from newsgraph.registry import EntityRegistry
from newsgraph.store import GraphStore, publish_snapshot


@dataclass
class IngestReport:
    """What an ingest did, for the summary line and for tests."""

    articles: int = 0
    statements: int = 0
    figures: int = 0
    triples: int = 0
    claims: int = 0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"ingested {self.articles} articles: {self.statements} statements, "
            f"{self.figures} figures, {self.triples} triples, {self.claims} claims; "
            f"{len(self.failures)} failed, {len(self.warnings)} warnings"
        )


def ingest(
    paths: Iterable[Path],
    store: GraphStore,
    nlp: Language,
    minter: Minter,
    *,
    jobs: int = 1,
    batch_size: int = 16,
    progress: bool = True,
    on_failure: Callable[[str], None] | None = None,
    on_stored: Callable[[Article, int], None] | None = None,
    publish: bool = True,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``.

    Args:
        paths: Files and folders (walked recursively) of .txt, .html and .jsonl files.
        store: The store to write; each article's graph is replaced in one transaction.
        nlp: The loaded spaCy pipeline.
        minter: Mints IRIs under the deployment's base IRI.
        jobs: Processes for parsing (``nlp.pipe(n_process=...)``).
        batch_size: Articles per ``nlp.pipe`` batch.
        progress: Show a progress bar (articles/s) on stderr.
        on_failure: Called with each failure message as it happens.
        on_stored: Called with each article and its triple count once its graph is written.
        publish: Publish a snapshot for readers at the end (on-disk stores only).
    """
    report = IngestReport()
    registry = EntityRegistry(store.labels_of_type(PERSON))
    seen: dict[str, str] = {}
    touched: set[str] = set()  # speakers whose claims must be recomputed

    def fail(message: str) -> None:
        report.failures.append(message)
        if on_failure:
            on_failure(message)

    def articles() -> Iterator[Article]:
        for item in read_paths(paths):
            if isinstance(item, ReadFailure):
                fail(str(item))
                continue
            if item.id in seen:
                report.warnings.append(
                    f"{item.origin}: article id {item.id!r} also read from {seen[item.id]}; "
                    "the later one replaces the earlier"
                )
            seen[item.id] = item.origin
            if item.published is None:
                report.warnings.append(
                    f"{item.origin}: no publication date; relative days such as "
                    "'on Wednesday' are left undated"
                )
            yield item

    bar = _progress_bar(progress)
    try:
        for result in extract_articles(nlp, articles(), batch_size=batch_size, n_process=jobs):
            if isinstance(result, ExtractionFailure):
                fail(str(result))
                continue
            extraction, merges = registry.admit(result)
            graph, quads = extraction_to_quads(extraction, minter)
            try:
                for short, full in merges:
                    store.merge_node(minter.person(short), minter.person(full), full)
                    touched.add(minter.person(full).value)
                touched.update(store.speakers_in(graph))
                store.replace_graph(graph, quads)
            except Exception as exc:  # the store refused this article; keep going
                fail(f"{extraction.article.origin}: not stored: {exc}")
                continue
            touched.update(q.object.value for q in quads if q.predicate.value == SAID_BY)
            report.articles += 1
            report.statements += len(extraction.statements)
            report.figures += len(extraction.figures)
            report.triples += len(quads)
            if on_stored:
                on_stored(extraction.article, len(quads))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        if touched:
            report.claims = link_claims(store, minter, touched)
        store.flush()
        if publish and store.path is not None and not store.read_only:
            publish_snapshot(store)
    return report


def _progress_bar(enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, desc="ingest")
