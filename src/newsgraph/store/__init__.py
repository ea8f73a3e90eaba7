"""Map to RDF and store: the quads of an article, and the stores that hold them.

:mod:`~newsgraph.store.rdf` turns records, claims and renames into RDF and mints every
IRI; :mod:`~newsgraph.store.base` is the :class:`Store` protocol both stores implement:
:mod:`~newsgraph.store.embedded` (the embedded Oxigraph store and its snapshots) and
:mod:`~newsgraph.store.remote` (a SPARQL 1.1 server used as the store);
:mod:`~newsgraph.store.loader` imports RDF files as they are; :mod:`~newsgraph.store.derived`
computes what the canned queries read besides the extracted facts. :func:`open_store`
opens the one the settings name.
"""

from __future__ import annotations

from typing import Literal

from newsgraph.config import Settings, is_url
from newsgraph.store.base import Store
from newsgraph.store.embedded import (
    GraphStore,
    SnapshotStore,
    current_snapshot,
    open_for_serving,
    publish_snapshot,
)
from newsgraph.store.remote import RemoteStore, open_remote

__all__ = [
    "GraphStore",
    "RemoteStore",
    "SnapshotStore",
    "Store",
    "current_snapshot",
    "open_for_serving",
    "open_store",
    "publish_snapshot",
]


def open_store(settings: Settings, *, mode: Literal["write", "read", "serve"] = "write") -> Store:
    """The store ``settings.store`` names: the embedded store in a folder, or a
    :class:`~newsgraph.store.remote.RemoteStore` when it is an ``http(s)://`` URL.

    Args:
        settings: The :class:`~newsgraph.config.Settings` (``store`` and the ``store_*``
            settings of a remote store).
        mode: ``"write"`` (ingest, load: a read-write :class:`GraphStore`), ``"read"``
            (query, export: a :class:`SnapshotStore`) or ``"serve"`` (the server:
            :func:`open_for_serving`). A remote store is opened read-only unless written.

    Raises:
        StoreError: no store at the path, the store is locked, or the server cannot be
            reached or does not read the union of its graphs as its default graph.
    """
    if mode not in ("write", "read", "serve"):
        raise ValueError(f"mode must be 'write', 'read' or 'serve', got {mode!r}")
    if is_url(settings.store):
        return open_remote(settings, read_only=mode != "write")
    if mode == "serve":
        return open_for_serving(settings.store)
    if mode == "read":
        return SnapshotStore(settings.store)
    return GraphStore(settings.store)
