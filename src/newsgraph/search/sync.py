"""Keeping the full-text index (:mod:`newsgraph.search.index`) in step with the store.

Where the index lives (:func:`index_path`), how it is written by an ingest
(:class:`IndexWriter`: marked ``writing`` until the ingest ends, then ``clean`` with the
store's number of named graphs), how ``load`` marks it ``stale`` (:func:`mark_stale`),
how it is found out of step (:func:`stale_reason`) and rebuilt from the store by SPARQL
(:func:`rebuild`, :func:`ensure_index`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsgraph import ontology as ng
from newsgraph.errors import StoreError, StoreLocked
from newsgraph.search.index import (
    INDEX_NAME,
    SCHEMA_VERSION,
    Entry,
    SearchIndex,
    entries_from_triples,
)
from newsgraph.store import open_store


def index_path(settings: Any) -> Path:
    """The index file of the store ``settings.store``: :data:`INDEX_NAME` in an embedded
    store's folder (beside the store's own files and its ``snapshots/``, which a store
    checkpoint does not copy), or for a remote store a file named after its URL in the
    user's cache folder (``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``).

    >>> from pathlib import Path
    >>> from types import SimpleNamespace as S
    >>> index_path(S(store=Path("data")))
    PosixPath('data/search.sqlite')
    >>> index_path(S(store="http://127.0.0.1:7878")).name
    'search-71dd0e023fa56b77.sqlite'
    """
    if isinstance(settings.store, Path):
        return settings.store / INDEX_NAME
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    key = hashlib.sha1(str(settings.store).encode("utf-8")).hexdigest()[:16]
    return Path(cache) / "newsgraph" / f"search-{key}.sqlite"


ARTICLE_GRAPHS = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{ng.ARTICLE}> }} }}"
GRAPH_TRIPLES = "SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"
REBUILD_BATCH = 64
"""Articles read from the store per query while rebuilding."""


def article_graphs(store: Any) -> list[str]:
    """The IRI of every article graph in the store (graphs holding an ``ng:Article`` named
    after them), by SPARQL."""
    return sorted(row["g"].value for row in store.query(ARTICLE_GRAPHS))


def entries_from_store(store: Any, graphs: Sequence[str]) -> Iterator[tuple[str, list[Entry]]]:
    """Each graph's IRI and rows, read from the store by SPARQL, :data:`REBUILD_BATCH`
    graphs per query."""
    for start in range(0, len(graphs), REBUILD_BATCH):
        batch = graphs[start : start + REBUILD_BATCH]
        values = " ".join(f"<{g}>" for g in batch)
        triples: dict[str, list[tuple[Any, Any, Any]]] = {g: [] for g in batch}
        for row in store.query(GRAPH_TRIPLES.format(graphs=values)):
            triples[row["g"].value].append((row["s"], row["p"], row["o"]))
        for graph in batch:
            yield graph, entries_from_triples(graph, triples[graph])


def rebuild(store: Any, path: Path, *, progress: Any = None) -> int:
    """Index everything in ``store`` anew into the index at ``path``, in one transaction:
    readers see the old rows until it commits, and a rebuild that fails leaves them.
    Returns the articles indexed. ``progress`` is called with 1 per article read."""
    graphs = article_graphs(store)
    index = SearchIndex(path)
    try:
        with index.transaction():
            index.clear()
            pending: dict[str, list[Entry]] = {}
            for graph, entries in entries_from_store(store, graphs):
                pending[graph] = entries
                if len(pending) >= REBUILD_BATCH * 4:
                    index.replace_articles(pending)
                    pending.clear()
                if progress is not None:
                    progress(1)
            index.replace_articles(pending)
            index.set_meta(schema=SCHEMA_VERSION, state=CLEAN, **store_marker(store))
    finally:
        index.close()
    return len(graphs)


CLEAN = "clean"
WRITING = "writing"
STALE = "stale"


def store_marker(store: Any) -> dict[str, str]:
    """What the index records of the store it reflects: the number of named graphs (an
    ingest, a load or a removal elsewhere changes it), cheap to read on every open."""
    return {"graphs": str(len(store.graphs()))}


def stale_reason(store: Any, path: Path) -> str | None:
    """Why the index at ``path`` does not reflect ``store`` (None when it does): missing,
    of another schema, left by a writer that did not finish (a crash, or a ``load``),
    or made for a store with another number of graphs."""
    if not path.is_file():
        return "there is no search index yet"
    try:
        index = SearchIndex(path, read_only=True)
    except StoreError as exc:
        return exc.message
    try:
        if index.meta("schema") != SCHEMA_VERSION:
            return "the search index was made by another version of newsgraph"
        state = index.meta("state")
        if state != CLEAN:
            left = state or "unfinished"
            return f"the search index was left {left} (an ingest or a load did not finish)"
        if index.meta("graphs") != store_marker(store)["graphs"]:
            return "the store has changed since the search index was made"
    finally:
        index.close()
    return None


class IndexWriter:
    """The index as an ingest writes it: marked ``writing`` until :meth:`finish` records
    the store it now reflects, so an ingest that dies halfway leaves an index that the
    next ``serve`` (or ``newsgraph search-index``) rebuilds.

    Args:
        path: The index file.
        store: The store about to be written (opened for writing): when the index does
            not reflect it yet (missing, stale), it is rebuilt first, so that the rows of
            the articles already stored are not missing once the ingest marks it clean.
        say: Called with a line when the index is rebuilt first.
    """

    def __init__(self, path: Path, store: Any, say: Callable[[str], None] | None = None) -> None:
        reason = stale_reason(store, path)
        if reason is not None:
            # a new store gets its index quietly; one that already holds articles is news
            if say is not None and (path.exists() or article_graphs(store)):
                say(f"building the search index at {path} first ({reason})")
            rebuild(store, path)
        self.index = SearchIndex(path)
        self.index.set_meta(state=WRITING)

    def write(self, graphs: Mapping[str, Iterable[tuple[Any, Any, Any]]]) -> None:
        """Replace the rows of each article graph from its triples."""
        self.index.replace_articles(
            {g: entries_from_triples(g, triples) for g, triples in graphs.items()}
        )

    def rename(self, new: str, store: Any) -> None:
        """Follow a merge of two names of one person, made in ``store``, into ``new``:
        every article graph holding ``new`` is indexed again as the store now holds it
        (the merge renamed the node, relabelled it and kept its old names as other
        names, in each of those graphs)."""
        rows = store.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{new}> ?p ?o . ?g a <{ng.ARTICLE}> }} }}"
        )
        graphs = sorted(row["g"].value for row in rows)
        self.index.replace_articles(dict(entries_from_store(store, graphs)))

    def finish(self, store: Any) -> None:
        self.index.set_meta(state=CLEAN, **store_marker(store))
        self.index.close()

    def abandon(self) -> None:
        self.index.close()


def mark_stale(path: Path) -> None:
    """Record that the store has changed behind the index (``newsgraph load``)."""
    if path.is_file():
        index = SearchIndex(path)
        index.set_meta(state=STALE)
        index.close()


def memory_index(store: Any) -> SearchIndex:
    """An index in memory of everything in ``store`` (for a store in memory: tests)."""
    index = SearchIndex(None)
    for graph, entries in entries_from_store(store, article_graphs(store)):
        index.replace_articles({graph: entries})
    index.set_meta(state=CLEAN, **store_marker(store))
    return index


def ensure_index(
    settings: Any, *, force: bool = False, say: Callable[[str], None] | None = None
) -> str | None:
    """Rebuild the index of the store ``settings.store`` when it is missing or stale
    (:func:`stale_reason`), or always with ``force``; returns why it was rebuilt, or None.

    An embedded store is opened for writing, which also keeps any ingest out while the
    index is rebuilt; when another process (an ingest) is writing the store, nothing is
    done: that process keeps the index in step itself (``force`` then raises
    :class:`~newsgraph.errors.StoreLocked`).
    """
    path = index_path(settings)
    try:
        store = open_store(settings, mode="write")
    except StoreLocked:
        if force:
            raise
        return None
    try:
        reason = "asked for" if force else stale_reason(store, path)
        if reason is None:
            return None
        if say is not None:
            say(f"building the search index at {path} ({reason})")
        articles = rebuild(store, path)
        if say is not None:
            say(f"search index: {articles} articles indexed")
        return reason
    finally:
        close = getattr(store, "close", None)
        if close is not None:
            close()
        del store
