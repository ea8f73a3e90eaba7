"""Map to RDF and store: the quads of an article, and the stores that hold them.

:mod:`~newsgraph.store.rdf` turns records into quads and mints every IRI;
:mod:`~newsgraph.store.embedded` is the embedded Oxigraph store and its snapshots;
:mod:`~newsgraph.store.remote` a SPARQL 1.1 server used as the store;
:mod:`~newsgraph.store.loader` imports RDF files as they are; :mod:`~newsgraph.store.derived`
computes what the canned queries read besides the extracted facts.
"""

from newsgraph.store.embedded import (
    GraphStore,
    SnapshotStore,
    current_snapshot,
    merge_update,
    open_for_serving,
    open_store,
    publish_snapshot,
)

__all__ = [
    "GraphStore",
    "SnapshotStore",
    "current_snapshot",
    "merge_update",
    "open_for_serving",
    "open_store",
    "publish_snapshot",
]
