"""``newsgraph load``: import RDF files as they are (reference data, test fixtures, dumps).

The format comes from the file's extension. Dataset formats (TriG, N-Quads, JSON-LD with
graphs) keep the graphs they name; triple formats go into the default graph or the graph
given. A load is atomic: a file with a syntax error adds nothing.

Into an empty embedded store (a dump restored, a benchmark store built) the files are
bulk-loaded (pyoxigraph's ``bulk_load``, which writes table files directly, several times
faster than a transaction) into a new store beside it, which replaces the empty one only
once every file has loaded and the derived data (:mod:`newsgraph.store.derived`) is computed;
a failure leaves the store as it was. Into a store that holds data, each file is loaded
in one transaction, and the derived data is then recomputed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat

from newsgraph.errors import InputError, StoreError
from newsgraph.store.base import Store
from newsgraph.store.embedded import SNAPSHOTS, GraphStore

EXTENSIONS = {
    ".ttl": RdfFormat.TURTLE,
    ".trig": RdfFormat.TRIG,
    ".nq": RdfFormat.N_QUADS,
    ".nt": RdfFormat.N_TRIPLES,
    ".rdf": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
    ".xml": RdfFormat.RDF_XML,
    ".jsonld": RdfFormat.JSON_LD,
    ".n3": RdfFormat.N3,
}


def file_format(path: Path) -> RdfFormat:
    """The format of one file to load, from its extension.

    Raises:
        InputError: naming the file, for an unknown extension or a missing file.
    """
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path}: unknown RDF extension {path.suffix!r}; known: {', '.join(sorted(EXTENSIONS))}"
        )
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return fmt


def load_files(store: Store, files: Iterable[Path], *, graph: str | None = None) -> int:
    """Load each file in a transaction of its own; returns how many quads the store gained.

    Raises:
        InputError: naming the file, for an unknown extension, a missing file or bad syntax.
            Files before it stay loaded; nothing of the bad file is.
    """
    target = NamedNode(graph) if graph else DefaultGraph()
    before = store.count()
    for path in files:
        fmt = file_format(path)
        try:
            store.load_file(
                path,
                fmt,
                base_iri=path.resolve().as_uri(),
                to_graph=None if fmt.supports_datasets else target,
            )
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"{path}: not valid {fmt.name}: {exc}") from exc
    return store.count() - before


def bulk_load_new(
    path: Path,
    files: list[Path],
    *,
    graph: str | None = None,
    derive: Callable[[GraphStore], None] | None = None,
) -> int:
    """Bulk-load ``files`` into a new store that then takes the place of the empty store
    at ``path`` (or of nothing); ``derive(store)`` runs on the new store before it does.

    All or nothing: every file is checked to exist first, and a syntax error (or any
    failure) removes the new store, leaving ``path`` as it was.

    Returns:
        The quads loaded.

    Raises:
        InputError: a file that is missing, of an unknown format or not valid.
        StoreError: the store at ``path`` holds data, or is being written.
    """
    formats = [(f, file_format(f)) for f in files]
    target = NamedNode(graph) if graph else DefaultGraph()
    current = GraphStore(path)  # holds the store's lock while the new one is built
    if current.count():
        raise StoreError(f"the store at {path} is not empty: it cannot be bulk-loaded")
    building = path.parent / f".{path.name}.loading-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    try:
        new = GraphStore(building)
        for file, fmt in formats:
            try:
                new.oxigraph.bulk_load(
                    path=str(file),
                    format=fmt,
                    base_iri=file.resolve().as_uri(),
                    to_graph=None if fmt.supports_datasets else target,
                )
            except (SyntaxError, ValueError) as exc:
                raise InputError(f"{file}: not valid {fmt.name}: {exc}") from exc
        count = new.count()
        if derive is not None:
            derive(new)
        new.flush()
        del new
        # The swap: the empty store (and the snapshots readers may hold) make way.
        old_snapshots = path / SNAPSHOTS
        del current
        trash = path.parent / f".{path.name}.replaced-{os.getpid()}"
        os.replace(path, trash)
        os.replace(building, path)
        if (trash / SNAPSHOTS).is_dir():
            os.replace(trash / SNAPSHOTS, old_snapshots)
        shutil.rmtree(trash, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return count
