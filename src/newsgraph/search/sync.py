"""Keeping the full-text index (:mod:`newsgraph.search.index`) in step with the store.

Where the index lives (:func:`index_path`), how it is written by an ingest
(:class:`IndexWriter`: marked ``writing`` until the ingest ends, then ``clean`` with the
store's number of named graphs), how ``load`` marks it ``stale`` (:func:`mark_stale`),
how it is found out of step (:func:`stale_reason`) and rebuilt from the store
(:func:`rebuild`, :func:`ensure_index`; by ``newsgraph serve`` in a process of its own,
:func:`ensure_index_in_background`, while a file beside the index says how far it has got,
:func:`build_progress`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode

from newsgraph import ontology as ng
from newsgraph.errors import StoreError, StoreLocked
from newsgraph.search.index import (
    INDEX_NAME,
    READ_PREDICATES,
    SCHEMA_VERSION,
    Entry,
    SearchIndex,
    entries_from_triples,
)
from newsgraph.store import GraphStore, open_store


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
_READ = ", ".join(f"<{p}>" for p in READ_PREDICATES)
GRAPH_TRIPLES = (
    "SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {graphs} }} "
    "GRAPH ?g {{ ?s ?p ?o FILTER (?p IN (" + _READ + ")) }} }}"
)
"""An article graph's triples that the index rows are made of (a FILTER: a VALUES block
of the properties made Oxigraph read slower than the whole graph)."""
REBUILD_BATCH = 64
"""Articles read from the store per query while rebuilding."""


def article_graphs(store: Any) -> list[str]:
    """The IRI of every article graph in the store (graphs holding an ``ng:Article`` named
    after them), by SPARQL."""
    return sorted(row["g"].value for row in store.query(ARTICLE_GRAPHS))


def entries_from_store(store: Any, graphs: Sequence[str]) -> Iterator[tuple[str, list[Entry]]]:
    """Each graph's IRI and rows, read from the store (only the triples the rows are made
    of, :data:`~newsgraph.search.index.READ_PREDICATES`): an embedded store's straight from its
    indexes (:func:`entries_by_pattern`), a remote store's by SPARQL
    (:func:`entries_by_sparql`)."""
    if isinstance(store, GraphStore):
        return entries_by_pattern(store, graphs)
    return entries_by_sparql(store, graphs)


def entries_by_pattern(
    store: GraphStore, graphs: Sequence[str]
) -> Iterator[tuple[str, list[Entry]]]:
    """Each graph's rows from its quads, one indexed property at a time: several times
    faster than the same through SPARQL, which decodes every solution."""
    oxigraph, properties = store.oxigraph, [NamedNode(p) for p in READ_PREDICATES]
    for graph in graphs:
        node = NamedNode(graph)
        triples = [
            (q[0], q[1], q[2])
            for p in properties
            for q in oxigraph.quads_for_pattern(None, p, None, node)
        ]
        yield graph, entries_from_triples(graph, triples)


def entries_by_sparql(store: Any, graphs: Sequence[str]) -> Iterator[tuple[str, list[Entry]]]:
    """Each graph's rows, read by SPARQL, :data:`REBUILD_BATCH` graphs per query."""
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
    Returns the articles indexed. ``progress`` is called with 1 per article read; how far
    the rebuild has got is also written beside the index (:class:`BuildProgress`) for
    servers to tell."""
    graphs = article_graphs(store)
    index = SearchIndex(path)
    built = BuildProgress(path, len(graphs))
    try:
        with index.transaction():
            index.clear()
            pending: dict[str, list[Entry]] = {}
            for graph, entries in entries_from_store(store, graphs):
                pending[graph] = entries
                if len(pending) >= REBUILD_BATCH * 4:
                    index.replace_articles(pending)
                    pending.clear()
                built.advance()
                if progress is not None:
                    progress(1)
            index.replace_articles(pending)
            index.set_meta(schema=SCHEMA_VERSION, state=CLEAN, **store_marker(store))
    finally:
        index.close()
        built.close()
    return len(graphs)


class BuildProgress:
    """How far a rebuild of the index at ``path`` has got, in a small file beside it
    (``search.sqlite.building``: the builder's process id, articles done and in all),
    rewritten every :attr:`STEP` articles and removed at the end: a server in another
    process answers searches with how long to wait (:func:`build_progress`)."""

    STEP = 500

    def __init__(self, path: Path, total: int) -> None:
        self.file = progress_file(path)
        self.total, self.done, self._written = total, 0, -self.STEP
        self._write()

    def advance(self, articles: int = 1) -> None:
        self.done += articles
        if self.done - self._written >= self.STEP:
            self._write()

    def _write(self) -> None:
        self._written = self.done
        try:
            temporary = self.file.with_name(f"{self.file.name}.{os.getpid()}")
            temporary.write_text(f"{os.getpid()} {self.done} {self.total}\n", encoding="ascii")
            os.replace(temporary, self.file)
        except OSError:
            pass  # only a report: a folder that cannot take it does not stop the rebuild

    def close(self) -> None:
        self.file.unlink(missing_ok=True)


def progress_file(path: Path) -> Path:
    return path.with_name(path.name + ".building")


def build_progress(path: Path) -> tuple[int, int] | None:
    """``(articles done, articles in all)`` of the rebuild of the index at ``path`` that
    is running now, or None (none is, or the process that wrote the file is gone).

    >>> build_progress(Path("/nonexistent/search.sqlite")) is None
    True
    """
    try:
        pid, done, total = (int(x) for x in progress_file(path).read_text("ascii").split())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)  # is the builder still alive?
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    return done, total


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


def ensure_index_in_background(settings: Any) -> Any:
    """Start :func:`ensure_index` in a process of its own and return it (a
    :class:`multiprocessing.Process`, ended with the server): ``newsgraph serve`` answers
    at once, and ``/search`` says how far the index has got until it is ready (on a
    100,000-article store a rebuild takes minutes). A fresh process (spawned, not forked)
    shares nothing with the server's threads and uses the other core. It says what it
    does on standard error."""
    process = multiprocessing.get_context("spawn").Process(
        target=_ensure_index_quietly, args=(settings,), name="search-index", daemon=True
    )
    process.start()
    return process


LOCK_WAIT = 30.0
"""Seconds the index builder of ``newsgraph serve`` tries to open the store for writing
while its server processes open it to publish their snapshots."""


def _ensure_index_quietly(settings: Any) -> None:
    try:
        ensure_index(settings, say=_say, wait=LOCK_WAIT)
    except KeyboardInterrupt:
        pass  # the server was stopped: the rebuild's transaction is rolled back
    except StoreError as exc:
        _say(f"the search index could not be built: {exc.message}")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def ensure_index(
    settings: Any,
    *,
    force: bool = False,
    say: Callable[[str], None] | None = None,
    wait: float = 0.0,
) -> str | None:
    """Rebuild the index of the store ``settings.store`` when it is missing or stale
    (:func:`stale_reason`), or always with ``force``; returns why it was rebuilt, or None.

    An embedded store is opened for writing, which also keeps any ingest out while the
    index is rebuilt; when another process (an ingest) is writing the store — still after
    ``wait`` seconds of trying again, the time server processes hold the store to publish
    their snapshot — nothing is done: that process keeps the index in step itself
    (``force`` then raises :class:`~newsgraph.errors.StoreLocked`).
    """
    path = index_path(settings)
    deadline = time.monotonic() + wait
    while True:
        try:
            store = open_store(settings, mode="write")
            break
        except StoreLocked:
            if force:
                raise
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.2)
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
