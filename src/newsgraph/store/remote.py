"""A store on any SPARQL 1.1 server, spoken to only through the W3C standards.

:class:`RemoteStore` has the methods of :class:`newsgraph.store.GraphStore` that ingest,
claims, the loader, the CLI and the server call, so each of them runs unchanged against
Oxigraph's server, Apache Jena Fuseki, GraphDB, Virtuoso or QLever:

- **Reads** use the SPARQL 1.1 Protocol: a POST of the query (a form with ``query`` and
  the ``default-graph-uri`` / ``named-graph-uri`` parameters), asking for SPARQL results
  in JSON or a graph in N-Triples. Answers are parsed by pyoxigraph, so :meth:`query`
  returns the embedded store's types (``QuerySolutions``, ``QueryBoolean``,
  ``QueryTriples``). The project's prefixes are declared in front of every query, a base
  IRI is a ``BASE`` line, and pre-bound variables (pyoxigraph's ``substitutions``, which
  the protocol lacks) become a ``VALUES`` row in the query's ``WHERE`` group
  (:mod:`newsgraph.sparql.prebind`).
- **Writes** of an article replace its graph in one request: a Graph Store HTTP Protocol
  ``PUT`` of the graph (``writes="gsp"``, the default), or a SPARQL 1.1 Update
  ``DROP SILENT GRAPH g ; INSERT DATA { GRAPH g {...} }`` (``writes="update"``) for servers
  without the Graph Store Protocol. The server applies either as one operation: the old
  graph is wholly replaced, or left as it was when the server refuses the write. Merging
  two names (:meth:`merge_node`) is always a SPARQL Update.
- **The default graph.** newsgraph's queries read the union of all graphs as their
  default graph. The SPARQL 1.1 Protocol leaves a request without ``default-graph-uri``
  to the service's own dataset, so the server must be set up that way (Oxigraph: ``serve
  --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso
  do it by default; see docs/deploy.md). Rewriting queries into ``GRAPH ?g`` patterns is
  not equivalent (a join across two articles' graphs, or a property path through them,
  would find nothing), and naming every graph in ``default-graph-uri`` costs a parameter
  per article on every request. :meth:`check_union_default_graph` (run when a store is
  opened, before anything is written; an empty writable server is probed with a triple
  written into a graph of its own and removed) finds a server set up otherwise and says
  how to fix it.

Every request has a time limit, and every failure is a :class:`~newsgraph.errors.StoreError`
naming the URL, with the server's status and the start of its answer. One pooled HTTP
session keeps connections alive between requests (both in
:mod:`newsgraph.store.sparql_http`, which speaks HTTP; this module decides what to say).
"""

from __future__ import annotations

import copy
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Variable,
    parse,
    serialize,
)

from newsgraph.config import Settings
from newsgraph.errors import StoreError
from newsgraph.ontology import PREFIXES
from newsgraph.sparql.prebind import inject_values
from newsgraph.store.base import (
    UNION_EXPORT,
    QueryResult,
    data_block,
    dump_options,
    labels_query,
    replace_graphs_update,
    solutions,
    speakers_query,
    triples,
)
from newsgraph.store.rdf import merge_update, remove_nodes_update
from newsgraph.store.sparql_http import N_TRIPLES, SparqlHttp, StoreTimeout, shown

__all__ = ["RemoteStore", "StoreTimeout", "open_remote"]

UNION_HELP = (
    "the SPARQL server at {url} does not make its default graph the union of the named "
    "graphs, which newsgraph's queries read: start Oxigraph with 'oxigraph serve "
    "--union-default-graph', set 'tdb2:unionDefaultGraph true' on a Fuseki dataset, or see "
    "docs/deploy.md for other servers"
)
PROBE_PREDICATE = "urn:newsgraph:probe:unionDefaultGraph"
"""The predicate of the triple an empty writable server is probed with (then removed)."""
_PROLOGUE = "".join(f"PREFIX {name}: <{ns}> " for name, ns in PREFIXES.items())


class RemoteStore:
    """A store on a SPARQL 1.1 server.

    Args:
        url: The server's base URL (``http://127.0.0.1:7878``); the endpoints default to
            its :data:`~newsgraph.store.sparql_http.DEFAULT_PATHS`.
        query_url: The SPARQL query endpoint, when not ``url + "/query"``.
        update_url: The SPARQL update endpoint, when not ``url + "/update"``.
        gsp_url: The Graph Store Protocol endpoint, when not ``url + "/store"``.
        writes: ``"gsp"`` (a PUT per graph) or ``"update"`` (a SPARQL Update per graph).
        timeout: Seconds each request may take.
        read_only: Refuse every write (what readers open).
        pool_size: Connections kept alive for reuse (one per concurrent request).
    """

    path: Path | None = None
    """Always None: nothing on this machine's disk (so no snapshot is published)."""

    def __init__(
        self,
        url: str,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        gsp_url: str | None = None,
        writes: str = "gsp",
        timeout: float = 60.0,
        read_only: bool = False,
        pool_size: int = 16,
    ) -> None:
        if writes not in ("gsp", "update"):
            raise ValueError(f"writes must be 'gsp' or 'update', got {writes!r}")
        self._http = SparqlHttp(
            url,
            query_url=query_url,
            update_url=update_url,
            gsp_url=gsp_url,
            timeout=timeout,
            pool_size=pool_size,
        )
        self.url = self._http.url
        self.query_url = self._http.query_url
        self.update_url = self._http.update_url
        self.gsp_url = self._http.gsp_url
        self.writes = writes
        self.read_only = read_only

    @property
    def timeout(self) -> float:
        """Seconds each request may take."""
        return self._http.timeout

    def __repr__(self) -> str:
        return f"RemoteStore({shown(self.url)!r}, writes={self.writes!r})"

    @property
    def oxigraph(self) -> Store:
        raise StoreError(
            f"the store at {shown(self.url)} is a SPARQL server, not an embedded Oxigraph"
        )

    # --- writes ----------------------------------------------------------------------

    def replace_graph(self, graph: NamedNode, quads: Sequence[Quad]) -> int:
        """Replace everything in ``graph`` by ``quads`` in one request (see the module)."""
        return self.replace_graphs({graph: quads})

    def replace_graphs(self, graphs: Mapping[NamedNode, Sequence[Quad]]) -> int:
        """Replace several graphs: one SPARQL Update for all of them (``writes="update"``:
        all replaced or none), or a Graph Store Protocol PUT each (``writes="gsp"``: each
        graph replaced whole or left as it was). A graph given no quads is removed.

        Returns:
            The number of quads written.
        """
        self._writable()
        for graph in [g for g, quads in graphs.items() if not quads]:
            self.remove_graph(graph)
        filled = {g: quads for g, quads in graphs.items() if quads}
        if not filled:
            return 0
        if self.writes == "update":
            self.update(replace_graphs_update(filled))
        else:
            for graph, quads in filled.items():
                body = serialize([q.triple for q in quads], None, RdfFormat.N_TRIPLES)
                self._http.send(
                    "PUT",
                    self._http.graph_url(graph),
                    what=f"cannot write graph {graph.value}",
                    data=body,
                    headers={"Content-Type": N_TRIPLES},
                )
        return sum(len(quads) for quads in filled.values())

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads as they are: one SPARQL Update (``writes="update"``), or a Graph Store
        Protocol POST per graph (``writes="gsp"``, each graph added whole or not at all)."""
        self._writable()
        by_graph: dict[Any, list[str]] = defaultdict(list)
        for q in quads:
            by_graph[q.graph_name].append(data_block([q]))
        if not by_graph:
            return
        if self.writes == "update":
            blocks = [
                " ".join(lines)
                if isinstance(g, DefaultGraph)
                else f"GRAPH {g} {{ {' '.join(lines)} }}"
                for g, lines in by_graph.items()
            ]
            self.update(f"INSERT DATA {{ {' '.join(blocks)} }}")
            return
        for g, lines in by_graph.items():
            self._http.send(
                "POST",
                self._http.graph_url(g),
                what="cannot add to the store",
                data="\n".join(lines).encode("utf-8"),
                headers={"Content-Type": N_TRIPLES},
            )

    def load_file(
        self,
        path: Path,
        fmt: RdfFormat,
        *,
        base_iri: str | None = None,
        to_graph: NamedNode | DefaultGraph | None = None,
    ) -> None:
        """Parse an RDF file here and add its quads (see :meth:`add_quads`); a syntax error
        raises SyntaxError before anything is sent."""
        quads = list(parse(path=str(path), format=fmt, base_iri=base_iri))
        if to_graph is not None:
            quads = [Quad(q.subject, q.predicate, q.object, to_graph) for q in quads]
        self.add_quads(quads)

    def merge_node(self, old: NamedNode, new: NamedNode, label: str) -> None:
        """Rename ``old`` to ``new`` in every graph (one SPARQL Update; see GraphStore)."""
        self._writable()
        self.update(merge_update(old, new, label))

    def remove_nodes(self, nodes: Sequence[tuple[NamedNode, NamedNode]]) -> None:
        """Remove every quad whose subject is ``node`` in ``graph`` (one SPARQL Update)."""
        self._writable()
        if nodes:
            self.update(remove_nodes_update(nodes))

    def remove_graph(self, graph: NamedNode) -> None:
        """Remove one graph and everything in it (no error when there is none)."""
        self._writable()
        if self.writes == "gsp":
            url = self._http.graph_url(graph)
            self._http.send("DELETE", url, what=f"cannot remove graph {graph.value}", ok=(404,))
        else:
            self.update(f"DROP SILENT GRAPH {graph}")

    def update(self, sparql: str) -> None:
        """Send one SPARQL 1.1 Update request (:meth:`SparqlHttp.update`)."""
        self._writable()
        self._http.update(sparql)

    def flush(self) -> None:
        """Nothing to do: the server makes each write durable before it answers."""

    # --- reads -----------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[Variable, Any] | None = None,
        default_graph: Sequence[NamedNode | DefaultGraph] | None = None,
        named_graphs: Sequence[NamedNode] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a SPARQL query with the project's prefixes predefined (as GraphStore.query).

        Raises:
            SyntaxError: the server refused the query as malformed (status 400).
            StoreError: the server cannot be reached, times out or fails.
        """
        text = inject_values(sparql, substitutions)
        prologue = _PROLOGUE if base_iri is None else f"BASE {NamedNode(base_iri)} {_PROLOGUE}"
        form: list[tuple[str, str]] = [("query", prologue + text)]
        if default_graph is not None or named_graphs is not None:
            for graph in default_graph or ():
                if not isinstance(graph, NamedNode):
                    raise StoreError(
                        "a SPARQL server's stored default graph cannot be named in a query; "
                        "name graphs by IRI"
                    )
                form.append(("default-graph-uri", graph.value))
            form += [("named-graph-uri", g.value) for g in named_graphs or ()]
        return self._http.query(form)

    def speakers_in(self, graph: NamedNode) -> set[str]:
        """The IRIs of everyone said to speak in one graph (before it is replaced)."""
        return {row["s"].value for row in solutions(self.query(speakers_query([graph])))}

    def labels_of_type(self, cls: str) -> list[str]:
        """The ``rdfs:label`` of every resource of class ``cls`` (for the entity registry)."""
        return [row["l"].value for row in solutions(self.query(labels_query(cls)))]

    def graphs(self) -> list[NamedNode]:
        """The named graphs on the server."""
        rows = solutions(self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
        return [row["g"] for row in rows if isinstance(row["g"], NamedNode)]

    def has_graph(self, graph: NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ }} }}"))

    def count(self, graph: NamedNode | None = None) -> int:
        """The number of triples in one graph, or in the default graph queries read (on
        Oxigraph every quad of every graph, as the embedded store counts)."""
        where = "{ ?s ?p ?o }" if graph is None else f"{{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        rows = list(solutions(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {where}")))
        return int(rows[0]["n"].value) if rows else 0

    def export(self, output: IO[bytes], fmt: RdfFormat, graph: NamedNode | None = None) -> None:
        """Write RDF as GraphStore.export does: one graph; every graph as it is (a dataset
        format, the stored default graph included); or the union (a triple format)."""
        if graph is not None:
            self.export_graph(output, fmt, graph)
        elif fmt.supports_datasets:
            serialize(self._all_quads(), output, **dump_options(fmt))
        else:
            serialize(triples(self.query(UNION_EXPORT)), output, **dump_options(fmt))

    def export_graph(
        self, output: IO[bytes], fmt: RdfFormat, graph: NamedNode | DefaultGraph
    ) -> None:
        """Write one named graph (by a CONSTRUCT), or the stored default graph (by a Graph
        Store Protocol GET: no query can reach it past the union default graph)."""
        if isinstance(graph, DefaultGraph):
            serialize(self._stored_default(), output, **dump_options(fmt))
            return
        constructed = triples(
            self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        )
        serialize(constructed, output, **dump_options(fmt))

    def check_union_default_graph(self) -> None:
        """Raise StoreError unless the server reads the union of its named graphs as its
        default graph: a triple of a named graph must be in the default graph. With no
        triple to look at (an empty server), a writable store writes one into a graph of
        its own, looks, and removes the graph again; a read-only one cannot tell and passes.
        """
        probe = self.query(
            "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER (!isBlank(?s) && !isBlank(?o)) } LIMIT 1"
        )
        rows = list(solutions(probe))
        if rows:
            row = rows[0]
            union = bool(self.query(f"ASK {{ {row['s']} {row['p']} {row['o']} }}"))
        elif self.read_only:
            return
        else:
            union = self._probe_union()
        if not union:
            raise StoreError(UNION_HELP.format(url=shown(self.query_url)))

    def _probe_union(self) -> bool:
        """Write one triple into a graph of its own, ask for it in the default graph, and
        remove the graph (whatever the answer): the server is left as it was."""
        token = uuid.uuid4().hex
        graph = NamedNode(f"urn:newsgraph:probe:{token}")
        triple = (NamedNode(f"urn:newsgraph:probe:{token}:s"), NamedNode(PROBE_PREDICATE))
        try:
            self.replace_graph(graph, [Quad(*triple, Literal(token), graph)])
            return bool(self.query(f"ASK {{ {triple[0]} {triple[1]} {Literal(token)} }}"))
        finally:
            self.remove_graph(graph)

    # --- streaming (for the server's query runner) --------------------------------------

    def streaming(self, timeout: float) -> RemoteStore:
        """A handle sharing this one's connections whose queries parse the answer as it
        arrives (nothing held whole in memory) within ``timeout`` seconds per request;
        :meth:`release` ends its answers."""
        view = copy.copy(self)
        view._http = self._http.streaming(timeout)
        view.read_only = True
        return view

    def release(self) -> None:
        """Close the answers of a :meth:`streaming` handle (a partly read one is cut)."""
        self._http.release()

    def close(self) -> None:
        """Close the pooled connections."""
        self._http.close()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {shown(self.url)} was opened read-only")

    def _all_quads(self) -> Iterator[Quad]:
        """The stored default graph's triples, then every named graph's, as they arrive."""
        for triple in self._stored_default():
            yield Quad(triple.subject, triple.predicate, triple.object, DefaultGraph())
        stream = self.streaming(self.timeout)
        try:
            rows = stream.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
            for row in rows:  # type: ignore[union-attr]
                yield Quad(row["s"], row["p"], row["o"], row["g"])
        finally:
            stream.release()

    def _stored_default(self) -> Iterator[Any]:
        """The triples of the stored default graph (none when the server has no GSP)."""
        response = self._http.send(
            "GET",
            self._http.graph_url(DefaultGraph()),
            what="cannot read the default graph",
            headers={"Accept": N_TRIPLES},
            ok=(404, 405),
        )
        if response.status_code >= 400:
            return iter(())
        media = response.headers.get("Content-Type", N_TRIPLES).split(";")[0].strip()
        return (q.triple for q in parse(response.content, RdfFormat.from_media_type(media)))


def open_remote(settings: Settings, *, read_only: bool = False) -> RemoteStore:
    """The remote store the settings name (``settings.store`` is its URL), checked to
    answer and to read the union of its graphs as the default graph."""
    store = RemoteStore(
        str(settings.store),
        query_url=settings.store_query or None,
        update_url=settings.store_update or None,
        gsp_url=settings.store_gsp or None,
        writes=settings.store_writes,
        timeout=settings.store_timeout,
        read_only=read_only,
        pool_size=max(16, settings.threads * 2),
    )
    store.check_union_default_graph()
    return store
