"""The embedded Oxigraph store: one named graph per article, replaced atomically.

Queries see the union of all graphs as their default graph unless the caller names
graphs (the SPARQL protocol's ``default-graph-uri`` / ``named-graph-uri``).

>>> from pyoxigraph import Literal, NamedNode, Quad
>>> store = GraphStore()
>>> g = NamedNode("http://example.com/article/1")
>>> store.replace_graph(g, [Quad(g, NamedNode("http://example.com/p"), Literal("x"), g)])
1
>>> store.replace_graph(g, [Quad(g, NamedNode("http://example.com/p"), Literal("y"), g)])
1
>>> [row["o"].value for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['y']
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Variable,
    serialize,
)

from newsgraph.errors import StoreError, StoreLocked
from newsgraph.ontology import PREFIXES
from newsgraph.store.base import (
    UNION_EXPORT,
    QueryResult,
    dump_options,
    labels_query,
    replace_graphs_update,
    solutions,
    speakers_query,
    triples,
)
from newsgraph.store.rdf import merge_update, remove_nodes_update


class GraphStore:
    """An Oxigraph store on disk (or in memory when ``path`` is None).

    Args:
        path: The store's folder; created when missing (unless ``read_only``).
        read_only: Open a read-only handle, which sees the data as it was when opened.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._opened = Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(
                        f"no store at {self.path}: run 'newsgraph ingest' first or pass --store"
                    )
                self._opened = Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._opened = Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"the store at {self.path} is being written by another process "
                    "(an ingest or a load): one writer at a time; try again when it ends"
                ) from None
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    @property
    def _store(self) -> Store:
        """The pyoxigraph Store every call reads and writes (:class:`SnapshotStore`'s
        follows the newest snapshot)."""
        return self._opened

    @property
    def oxigraph(self) -> Store:
        """The underlying pyoxigraph Store, for callers that need its whole API."""
        return self._store

    def replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> int:
        """Replace everything in ``graph`` by ``quads`` in one transaction.

        Either the old graph is wholly replaced or, on any failure, left as it was: a
        failed or interrupted write never leaves part of an article behind.

        Returns:
            The number of quads written.
        """
        return self.replace_graphs({graph: quads})

    def replace_graphs(self, graphs: Mapping[NamedNode, Sequence[Quad]]) -> int:
        """Replace several graphs in one transaction (each quad must be in its graph).

        All of them are replaced or, on any failure, none: a batch of articles costs one
        commit instead of one each (a commit to disk costs milliseconds).

        Returns:
            The number of quads written.
        """
        written = sum(len(quads) for quads in graphs.values())
        try:
            if not any(self._store.contains_named_graph(g) for g in graphs):
                self._store.extend(q for quads in graphs.values() for q in quads)
                return written
            self._store.update(replace_graphs_update(graphs))
        except (OSError, SyntaxError) as exc:
            names = ", ".join(g.value for g in list(graphs)[:3])
            more = f" and {len(graphs) - 3} more" if len(graphs) > 3 else ""
            raise StoreError(f"cannot write graph {names}{more}: {exc}") from exc
        return written

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads as they are (for ``newsgraph load``), in one transaction."""
        try:
            self._store.extend(quads)
        except OSError as exc:
            raise StoreError(f"cannot write to the store: {exc}") from exc

    def load_file(
        self,
        path: Path,
        fmt: RdfFormat,
        *,
        base_iri: str | None = None,
        to_graph: NamedNode | DefaultGraph | None = None,
    ) -> None:
        """Load one RDF file in one transaction (``to_graph`` for a triple format's
        triples). Raises SyntaxError or ValueError for a file that is not valid ``fmt``."""
        self._store.load(path=str(path), format=fmt, base_iri=base_iri, to_graph=to_graph)

    def merge_node(self, old: NamedNode, new: NamedNode, label: str) -> None:
        """Rename ``old`` to ``new`` in every graph, in one transaction, making ``label``
        its ``rdfs:label`` and keeping the labels it had as ``skos:altLabel``."""
        self._store.update(merge_update(old, new, label))

    def speakers_in(self, graph: NamedNode) -> set[str]:
        """The IRIs of everyone said to speak in one graph (before it is replaced)."""
        return {row["s"].value for row in solutions(self.query(speakers_query([graph])))}

    def labels_of_type(self, cls: str) -> list[str]:
        """The ``rdfs:label`` of every resource of class ``cls`` (for the entity registry)."""
        return [row["l"].value for row in solutions(self.query(labels_query(cls)))]

    def remove_nodes(self, nodes: Sequence[tuple[NamedNode, NamedNode]]) -> None:
        """Remove every quad whose subject is ``node`` in ``graph``, for each (node, graph),
        in one transaction."""
        if nodes:
            self._store.update(remove_nodes_update(nodes))

    def remove_graph(self, graph: NamedNode) -> None:
        """Remove one graph and everything in it."""
        self._store.update(f"DROP SILENT GRAPH {graph}")

    def update(self, sparql: str) -> None:
        """Run one SPARQL 1.1 Update, in one transaction."""
        self._store.update(sparql)

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[Variable, Any] | None = None,
        default_graph: Sequence[NamedNode | DefaultGraph] | None = None,
        named_graphs: Sequence[NamedNode] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a SPARQL query with the project's prefixes predefined.

        Without ``default_graph`` the default graph is the union of all graphs.
        Raises SyntaxError for a malformed query (pyoxigraph's own error).
        """
        kwargs: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": base_iri}
        if substitutions:
            kwargs["substitutions"] = dict(substitutions)
        if default_graph is not None:
            kwargs["default_graph"] = list(default_graph)
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = list(named_graphs)
        return self._store.query(sparql, **kwargs)

    def graphs(self) -> list[NamedNode]:
        """The named graphs in the store (one per article, plus any loaded)."""
        return [g for g in self._store.named_graphs() if isinstance(g, NamedNode)]

    def has_graph(self, graph: NamedNode) -> bool:
        return bool(self._store.contains_named_graph(graph))

    def count(self, graph: NamedNode | None = None) -> int:
        """The number of quads, in one graph or in all."""
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph))

    def export(self, output: IO[bytes], fmt: RdfFormat, graph: NamedNode | None = None) -> None:
        """Write RDF: one graph, or everything.

        With ``graph`` only that graph's triples are written. Without it, a dataset format
        (TriG, N-Quads) writes every graph as it is, and a triple format (Turtle, N-Triples,
        RDF/XML, JSON-LD) writes the union of all graphs, each triple once.
        """
        if graph is not None:
            self.export_graph(output, fmt, graph)
        elif fmt.supports_datasets:
            self._store.dump(output, **dump_options(fmt))
        else:
            union = self._store.query(UNION_EXPORT, use_default_graph_as_union=True)
            serialize(triples(union), output, **dump_options(fmt))

    def export_graph(
        self, output: IO[bytes], fmt: RdfFormat, graph: NamedNode | DefaultGraph
    ) -> None:
        """Write one graph as it is stored: a named graph, or the stored default graph
        (which holds what ``newsgraph load`` put there, not the union of the graphs)."""
        self._store.dump(output, from_graph=graph, **dump_options(fmt))

    def flush(self) -> None:
        """Write what is buffered to disk (nothing to do in memory or read-only)."""
        if not self.read_only and self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Nothing to do: pyoxigraph closes the store when the last handle goes."""


# --- Snapshots: what readers (the server, `query`, `export`) open ------------------------

SNAPSHOTS = "snapshots"
"""The folder, inside the store's, holding the published snapshots."""
CURRENT = "CURRENT"
"""The file in ``snapshots/`` naming the snapshot readers should open."""
SNAPSHOT_GRACE_SECONDS = 300.0
"""How long a superseded snapshot is kept for readers still holding it."""
RELOAD_SECONDS = 1.0
"""How often a :class:`SnapshotStore` looks for a newer snapshot."""


def current_snapshot(path: str | Path) -> Path | None:
    """The snapshot folder readers of the store at ``path`` should open, or None."""
    folder = Path(path) / SNAPSHOTS
    try:
        name = (folder / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    snapshot = folder / name
    return snapshot if name and snapshot.is_dir() else None


def publish_snapshot(store: GraphStore) -> Path:
    """Make what ``store`` (a read-write handle on disk) holds now the snapshot readers see.

    pyoxigraph's backup is a RocksDB checkpoint (hard links to the immutable table files),
    so this is cheap; the ``CURRENT`` pointer is replaced atomically, so a reader sees the
    old snapshot or the new one, never a mix. Superseded snapshots are removed after
    :data:`SNAPSHOT_GRACE_SECONDS`.
    """
    if store.path is None or store.read_only:
        raise StoreError("only a read-write store on disk can publish a snapshot")
    folder = store.path / SNAPSHOTS
    folder.mkdir(exist_ok=True)
    name = f"{time.time_ns():020d}-{os.getpid()}"
    try:
        store.oxigraph.flush()
        store.oxigraph.backup(str(folder / name))
        pointer = folder / f"{CURRENT}.{name}.tmp"
        with pointer.open("w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(pointer, folder / CURRENT)
    except OSError as exc:
        raise StoreError(f"cannot publish a snapshot of {store.path}: {exc}") from exc
    prune_snapshots(store.path)
    return folder / name


def prune_snapshots(path: Path, *, grace: float = SNAPSHOT_GRACE_SECONDS) -> list[Path]:
    """Remove snapshots superseded more than ``grace`` seconds ago (and stale temp files)."""
    folder = path / SNAPSHOTS
    current = current_snapshot(path)
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    snapshots = [e for e in entries if e.is_dir()]
    removed = []
    now = time.time()
    for older, newer in zip(snapshots, snapshots[1:], strict=False):
        if older == current or now - newer.stat().st_mtime < grace:
            continue
        shutil.rmtree(older, ignore_errors=True)
        removed.append(older)
    for entry in entries:
        if entry.name.endswith(".tmp") and now - entry.stat().st_mtime > grace:
            entry.unlink(missing_ok=True)
    return removed


class SnapshotStore(GraphStore):
    """A read-only handle on the store's current snapshot that follows new snapshots.

    Readers never open the folder a writer is writing (pyoxigraph leaves reading beside a
    writer undefined): they open a published snapshot, which nothing writes. Every
    :data:`RELOAD_SECONDS` at most, an access looks at the ``CURRENT`` pointer and, when an
    ingest has published a newer snapshot, opens it instead; calls already running keep the
    handle they started with. Without any snapshot (a store written before snapshots
    existed) the store's own folder is opened read-only.
    """

    def __init__(self, path: str | Path) -> None:
        self._folder = Path(path)
        self.path = self._folder
        self.read_only = True
        self._lock = threading.Lock()
        self._checked = 0.0
        self._pointer: tuple[int, int] | None = None
        self._handle: Store | None = None
        self.snapshot: Path = self._folder
        self._reload(force=True)

    @property
    def _store(self) -> Store:
        if time.monotonic() - self._checked >= RELOAD_SECONDS:
            self._reload()
        assert self._handle is not None
        return self._handle

    def current(self) -> Path:
        """The snapshot folder to read now (after looking for a newer one)."""
        self._store  # noqa: B018 (reloads when due)
        return self.snapshot

    def _reload(self, *, force: bool = False) -> None:
        with self._lock:
            self._checked = time.monotonic()
            try:
                info = (self._folder / SNAPSHOTS / CURRENT).stat()
                pointer: tuple[int, int] | None = (info.st_mtime_ns, info.st_ino)
            except OSError:
                pointer = None
            if not force and pointer == self._pointer:
                return
            target = current_snapshot(self._folder) or self._folder
            if not target.is_dir():
                raise StoreError(
                    f"no store at {self._folder}: run 'newsgraph ingest' first or pass --store"
                )
            try:
                handle = Store.read_only(str(target))
            except OSError as exc:
                raise StoreError(f"cannot open the store at {target}: {exc}") from exc
            self._handle, self._pointer, self.snapshot = handle, pointer, target


def open_for_serving(path: str | Path) -> SnapshotStore:
    """The store as the server reads it: a fresh snapshot is published first when no other
    process is writing the store (else the last published one is served)."""
    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"no store at {path}: run 'newsgraph ingest PATH' first or pass --store")
    try:
        writer = GraphStore(path)
    except StoreLocked:
        if current_snapshot(path) is None:
            raise
    else:
        publish_snapshot(writer)
        del writer
    return SnapshotStore(path)
