"""``newsgraph load``: import RDF files as they are (reference data, test fixtures).

The format comes from the file's extension. Dataset formats (TriG, N-Quads, JSON-LD with
graphs) keep the graphs they name; triple formats go into the default graph or the graph
given. Each file is loaded in one transaction: a file with a syntax error adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat

from newsgraph.errors import InputError
from newsgraph.store import GraphStore

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


def load_files(store: GraphStore, files: Iterable[Path], *, graph: str | None = None) -> int:
    """Load each file; returns how many quads the store gained.

    Raises:
        InputError: naming the file, for an unknown extension, a missing file or bad syntax.
            Files before it stay loaded; nothing of the bad file is.
    """
    target = NamedNode(graph) if graph else DefaultGraph()
    before = store.count()
    for path in files:
        fmt = EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(
                f"{path}: unknown RDF extension {path.suffix!r}; "
                f"known: {', '.join(sorted(EXTENSIONS))}"
            )
        if not path.is_file():
            raise InputError(f"{path}: no such file")
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
