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

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Variable,
    serialize,
)

from newsgraph.errors import StoreError
from newsgraph.ontology import PREFIXES, RDFS_LABEL, SAID_BY, SKOS_ALT_LABEL

QueryResult = QuerySolutions | QueryTriples | QueryBoolean


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
                self._store = Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(
                        f"no store at {self.path}: run 'newsgraph ingest' first or pass --store"
                    )
                self._store = Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

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
        triples = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        update = f"DROP SILENT GRAPH {graph} ; INSERT DATA {{ GRAPH {graph} {{ {triples} }} }}"
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot write graph {graph.value}: {exc}") from exc
        return len(quads)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads as they are (for ``newsgraph load``), in one transaction."""
        try:
            self._store.extend(quads)
        except OSError as exc:
            raise StoreError(f"cannot write to the store: {exc}") from exc

    def merge_node(self, old: NamedNode, new: NamedNode, label: str) -> None:
        """Rename ``old`` to ``new`` in every graph, in one transaction, making ``label``
        its ``rdfs:label`` and keeping the labels it had as ``skos:altLabel``."""
        lit = Literal(label)
        self._store.update(
            f"""
            DELETE {{ GRAPH ?g {{ {old} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {new} ?p ?o }} }}
            WHERE {{ GRAPH ?g {{ {old} ?p ?o }} }} ;
            DELETE {{ GRAPH ?g {{ ?s ?p {old} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {new} }} }}
            WHERE {{ GRAPH ?g {{ ?s ?p {old} }} }} ;
            DELETE {{ GRAPH ?g {{ {new} <{RDFS_LABEL}> ?l }} }}
            INSERT {{ GRAPH ?g {{ {new} <{SKOS_ALT_LABEL}> ?l . {new} <{RDFS_LABEL}> {lit} }} }}
            WHERE {{ GRAPH ?g {{ {new} <{RDFS_LABEL}> ?l FILTER (?l != {lit}) }} }}
            """
        )

    def speakers_in(self, graph: NamedNode) -> set[str]:
        """The IRIs of everyone said to speak in one graph (before it is replaced)."""
        rows = self._store.query(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH {graph} {{ ?st <{SAID_BY}> ?s }} }}"
        )
        return {row["s"].value for row in rows}

    def labels_of_type(self, cls: str) -> list[str]:
        """The ``rdfs:label`` of every resource of class ``cls`` (for the entity registry)."""
        rows = self.query(f"SELECT DISTINCT ?l WHERE {{ ?x a <{cls}> ; <{RDFS_LABEL}> ?l }}")
        return [row["l"].value for row in rows]

    def remove_graph(self, graph: NamedNode) -> None:
        """Remove one graph and everything in it."""
        self._store.update(f"DROP SILENT GRAPH {graph}")

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
        kwargs: dict[str, Any] = {"format": fmt}
        if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML, RdfFormat.JSON_LD):
            kwargs["prefixes"] = dict(PREFIXES)
        if graph is not None:
            kwargs["from_graph"] = graph
            self._store.dump(output, **kwargs)
        elif fmt.supports_datasets:
            self._store.dump(output, **kwargs)
        else:
            union = self._store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                use_default_graph_as_union=True,
            )
            serialize(union, output, **kwargs)

    def export_graph(
        self, output: IO[bytes], fmt: RdfFormat, graph: NamedNode | DefaultGraph
    ) -> None:
        """Write one graph as it is stored: a named graph, or the stored default graph
        (which holds what ``newsgraph load`` put there, not the union of the graphs)."""
        kwargs: dict[str, Any] = {"format": fmt, "from_graph": graph}
        if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML, RdfFormat.JSON_LD):
            kwargs["prefixes"] = dict(PREFIXES)
        self._store.dump(output, **kwargs)

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()
