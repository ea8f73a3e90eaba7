"""What every store does: the :class:`Store` protocol, and the SPARQL text both stores send.

Two classes implement it: :class:`~newsgraph.store.embedded.GraphStore` (an Oxigraph
store on disk or in memory, and its read-only :class:`~newsgraph.store.embedded.SnapshotStore`)
and :class:`~newsgraph.store.remote.RemoteStore` (a SPARQL 1.1 server). Ingest, linking,
loading, the derived data and the server are written against the protocol, so each runs
on either store; :func:`newsgraph.store.open_store` returns the one the settings name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Variable,
)

from newsgraph.ontology import PREFIXES, RDFS_LABEL, SAID_BY

QueryResult = QuerySolutions | QueryTriples | QueryBoolean
UNION_EXPORT = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
"""The union of all graphs, each triple once (the export in a triple format)."""


class Store(Protocol):
    """A quad store with one named graph per article, queried with SPARQL 1.1 over the
    union of its graphs as the default graph."""

    path: Path | None
    """The store's folder on this machine (None: in memory, or on a server)."""
    read_only: bool

    def replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> int:
        """Replace everything in ``graph`` by ``quads``; returns the quads written."""
        ...

    def replace_graphs(self, graphs: Mapping[NamedNode, Sequence[Quad]]) -> int:
        """Replace several graphs; returns the quads written."""
        ...

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads as they are (for ``newsgraph load``)."""
        ...

    def load_file(
        self,
        path: Path,
        fmt: RdfFormat,
        *,
        base_iri: str | None = None,
        to_graph: NamedNode | DefaultGraph | None = None,
    ) -> None:
        """Load one RDF file (SyntaxError or ValueError for one that is not ``fmt``)."""
        ...

    def merge_node(self, old: NamedNode, new: NamedNode, label: str) -> None:
        """Rename ``old`` to ``new`` in every graph (:func:`~newsgraph.store.rdf.merge_update`)."""
        ...

    def remove_nodes(self, nodes: Sequence[tuple[NamedNode, NamedNode]]) -> None:
        """Remove every quad whose subject is ``node`` in ``graph``, for each (node, graph)."""
        ...

    def remove_graph(self, graph: NamedNode) -> None:
        """Remove one graph and everything in it."""
        ...

    def update(self, sparql: str) -> None:
        """Run one SPARQL 1.1 Update request, as one operation."""
        ...

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[Variable, Any] | None = None,
        default_graph: Sequence[NamedNode | DefaultGraph] | None = None,
        named_graphs: Sequence[NamedNode] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a SPARQL query with the project's prefixes predefined."""
        ...

    def speakers_in(self, graph: NamedNode) -> set[str]:
        """The IRIs of everyone said to speak in one graph."""
        ...

    def labels_of_type(self, cls: str) -> list[str]:
        """The ``rdfs:label`` of every resource of class ``cls``."""
        ...

    def graphs(self) -> list[NamedNode]:
        """The named graphs in the store."""
        ...

    def has_graph(self, graph: NamedNode) -> bool:
        """Whether the store holds ``graph``."""
        ...

    def count(self, graph: NamedNode | None = None) -> int:
        """The number of quads, in one graph or in all."""
        ...

    def export(self, output: IO[bytes], fmt: RdfFormat, graph: NamedNode | None = None) -> None:
        """Write RDF: one graph, or everything."""
        ...

    def export_graph(
        self, output: IO[bytes], fmt: RdfFormat, graph: NamedNode | DefaultGraph
    ) -> None:
        """Write one graph as it is stored."""
        ...

    def flush(self) -> None:
        """Make what was written durable."""
        ...

    def close(self) -> None:
        """Let go of what the store holds open (connections)."""
        ...


# --- SPARQL text both stores send --------------------------------------------------------


def solutions(result: QueryResult) -> QuerySolutions:
    """A SELECT's rows (a TypeError for the answer of an ASK, CONSTRUCT or DESCRIBE)."""
    if not isinstance(result, QuerySolutions):
        raise TypeError(f"a SELECT query was expected, its answer is {type(result).__name__}")
    return result


def triples(result: QueryResult) -> QueryTriples:
    """A CONSTRUCT's triples (a TypeError for the answer of a SELECT or ASK)."""
    if not isinstance(result, QueryTriples):
        raise TypeError(f"a CONSTRUCT query was expected, its answer is {type(result).__name__}")
    return result


def data_block(quads: Iterable[Quad]) -> str:
    """Quads' triples in SPARQL's data syntax (pyoxigraph writes each term)."""
    return " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def replace_graphs_update(graphs: Mapping[NamedNode, Sequence[Quad]]) -> str:
    """One SPARQL update replacing each graph by its quads: drop them all, insert them all."""
    drops = " ; ".join(f"DROP SILENT GRAPH {g}" for g in graphs)
    inserts = " ".join(f"GRAPH {g} {{ {data_block(quads)} }}" for g, quads in graphs.items())
    return f"{drops} ; INSERT DATA {{ {inserts} }}"


def speakers_query(graphs: Iterable[NamedNode]) -> str:
    """The IRIs (``?s``) of everyone said to speak in each of ``graphs`` (``?g``)."""
    values = " ".join(str(g) for g in dict.fromkeys(graphs))
    return (
        f"SELECT DISTINCT ?g ?s WHERE {{ VALUES ?g {{ {values} }} "
        f"GRAPH ?g {{ ?st <{SAID_BY}> ?s }} }}"
    )


def labels_query(cls: str) -> str:
    """The ``rdfs:label`` (``?l``) of every resource of class ``cls``."""
    return f"SELECT DISTINCT ?l WHERE {{ ?x a <{cls}> ; <{RDFS_LABEL}> ?l }}"


def dump_options(fmt: RdfFormat) -> dict[str, Any]:
    """The format, and the ontology's prefixes where the format can write them."""
    options: dict[str, Any] = {"format": fmt}
    if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML, RdfFormat.JSON_LD):
        options["prefixes"] = dict(PREFIXES)
    return options
