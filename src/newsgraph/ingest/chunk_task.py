"""What a worker of a distributed ingest does with one chunk: read, extract, write.

:func:`ingest_chunk` is the task a Dask worker runs (:mod:`newsgraph.ingest.distributed`). The
worker process loads the spaCy model and opens the remote store once, on its first task
(cached for the process's life); each task then reads its :class:`~newsgraph.ingest.chunks.Chunk`,
parses and extracts the articles, and writes each article's graph as soon as it is
extracted — one replacement of the whole graph, which the SPARQL server applies as one
operation. It returns only an :class:`ArticleResult` per record: counts, the person names
the client's name pass needs, the speakers whose claims change, and failures by name.

Articles are written with the names they give themselves (organisations' leading "the"
dropped, as the registry does); cross-article names are settled afterwards by the client
(:mod:`newsgraph.link.names`). Writing is idempotent: a task run again, after its worker died
or it raised, replaces the same graphs with the same triples.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pyoxigraph import NamedNode, Quad
from spacy.language import Language

from newsgraph import __version__
from newsgraph.config import DEFAULT_BASE_IRI, DEFAULT_MODEL, Settings
from newsgraph.extract.pipeline import (
    ExtractionFailure,
    ModelNotFound,
    extract_articles,
    load_nlp,
    require_model,
)
from newsgraph.extract.readers import ReadFailure
from newsgraph.extract.records import Article, Extraction
from newsgraph.ingest.chunks import Chunk, Key, read_chunk
from newsgraph.link.registry import EntityRegistry
from newsgraph.ontology import SAID_BY
from newsgraph.store.base import Store, solutions, speakers_query
from newsgraph.store.rdf import Minter, extraction_to_quads
from newsgraph.store.remote import RemoteStore


@dataclass(frozen=True)
class TaskConfig:
    """What a worker needs to know: the store, the model, the base IRI (all picklable)."""

    store: str
    query_url: str = ""
    update_url: str = ""
    gsp_url: str = ""
    writes: str = "gsp"
    timeout: float = 60.0
    model: str = DEFAULT_MODEL
    base_iri: str = DEFAULT_BASE_IRI
    batch_size: int = 16

    @classmethod
    def from_settings(cls, settings: Settings) -> TaskConfig:
        """The task configuration of :class:`~newsgraph.config.Settings`."""
        s = settings
        return cls(
            store=str(s.store),
            query_url=s.store_query,
            update_url=s.store_update,
            gsp_url=s.store_gsp,
            writes=s.store_writes,
            timeout=s.store_timeout,
            model=s.model,
            base_iri=s.base_iri,
            batch_size=s.batch_size,
        )


@dataclass(frozen=True)
class ArticleResult:
    """What became of one record: read, extracted, stored — or where it failed."""

    key: Key
    origin: str
    article_id: str | None = None
    """None when the record could not be read."""
    undated: bool = False
    extracted: bool = False
    persons: tuple[str, ...] = ()
    """Person names as the article gives them (speakers, sources, entities)."""
    written: tuple[str, ...] = ()
    """Those of ``persons`` written as nodes of its graph (speakers and sources)."""
    graph: str | None = None
    """The graph written; None when nothing was stored."""
    speakers: tuple[str, ...] = ()
    """Speakers written, and those of the graph it replaced."""
    statements: int = 0
    figures: int = 0
    triples: int = 0
    failure: str | None = None


@dataclass(frozen=True)
class ChunkResult:
    """A task's answer: the chunk, and a result per record read from it."""

    chunk: Chunk
    articles: tuple[ArticleResult, ...]


def ingest_chunk(chunk: Chunk, config: TaskConfig) -> ChunkResult:
    """The Dask task: ingest one chunk with this worker process's model and store."""
    store = _store(config)
    return run_chunk(chunk, _nlp(config.model), store, Minter(config.base_iri), config.batch_size)


def run_chunk(
    chunk: Chunk, nlp: Language, store: Store, minter: Minter, batch_size: int = 16
) -> ChunkResult:
    """Read, extract and write every article of ``chunk`` (each graph replaced whole).

    A record that cannot be read or extracted, or an article the store refuses, is
    reported by name and the chunk goes on; a store that cannot be queried raises (so
    the task is retried).
    """
    results: list[ArticleResult] = []
    articles: list[tuple[Key, Article]] = []
    for key, item in read_chunk(chunk):
        if isinstance(item, ReadFailure):
            results.append(ArticleResult(key, item.origin, failure=str(item)))
        else:
            articles.append((key, item))
    replaced = _speakers_by_graph(store, [minter.article(a.id) for _, a in articles])
    extracted = extract_articles(nlp, (a for _, a in articles), batch_size=batch_size)
    # closed whatever happens: the generator holds a spaCy memory zone open, and a task
    # that raised would leave it open in this worker (its traceback keeps the generator
    # alive), so that the worker's next task could not open one (AssertionError)
    with contextlib.closing(extracted):
        for (key, article), outcome in zip(articles, extracted, strict=True):
            read = ArticleResult(key, article.origin, article.id, article.published is None)
            if isinstance(outcome, ExtractionFailure):
                results.append(replace(read, failure=str(outcome)))
                continue
            extraction, _ = EntityRegistry().admit(outcome)  # organisations' names only
            graph, quads = extraction_to_quads(extraction, minter)
            persons, written = person_names(extraction)
            read = replace(read, extracted=True, persons=persons, written=written)
            try:
                write_article(store, graph, quads)
            except Exception as exc:  # the store refused this article; the chunk goes on
                results.append(replace(read, failure=f"{article.origin}: not stored: {exc}"))
                continue
            said = {
                q.object.value
                for q in quads
                if q.predicate.value == SAID_BY and isinstance(q.object, NamedNode)
            }
            stored = replace(
                read,
                graph=graph.value,
                speakers=tuple(sorted(said | replaced.get(graph.value, set()))),
                statements=len(extraction.statements),
                figures=len(extraction.figures),
                triples=len(quads),
            )
            results.append(stored)
    return ChunkResult(chunk, tuple(results))


def write_article(store: Store, graph: NamedNode, quads: Sequence[Quad]) -> None:
    """Replace one article's graph (one request to a remote store)."""
    store.replace_graphs({graph: quads})


def person_names(extraction: Extraction) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every person name of an extraction (what the registry learns from), and those the
    article's graph holds a node for (speakers and sources), first mention first."""
    speaking = [s.speaker for s in extraction.statements]
    speaking += [f.source for f in extraction.figures if f.source is not None]
    written = tuple(dict.fromkeys(e.name for e in speaking if e.kind == "person"))
    everyone = dict.fromkeys(
        [*written, *(e.name for e in extraction.entities if e.kind == "person")]
    )
    return tuple(everyone), written


def check_worker(model: str) -> tuple[str, str | None]:
    """Run on each worker before any task: newsgraph's version, and what is missing."""
    try:
        require_model(model)
    except ModelNotFound as exc:
        return __version__, str(exc)
    return __version__, None


def _speakers_by_graph(store: Store, graphs: list[NamedNode]) -> dict[str, set[str]]:
    """The speakers of those of ``graphs`` already stored (their claims change too)."""
    if not graphs:
        return {}
    rows = solutions(store.query(speakers_query(graphs)))
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["g"].value, set()).add(row["s"].value)
    return found


@functools.cache
def _nlp(model: str) -> Language:
    """The model, loaded once per worker process."""
    return load_nlp(model)


@functools.cache
def _store(config: TaskConfig) -> RemoteStore:
    """The remote store, opened once per worker process (its connections are reused)."""
    return RemoteStore(
        config.store,
        query_url=config.query_url or None,
        update_url=config.update_url or None,
        gsp_url=config.gsp_url or None,
        writes=config.writes,
        timeout=config.timeout,
    )
