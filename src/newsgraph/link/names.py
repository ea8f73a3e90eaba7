"""Cross-article names for articles written apart, made what one process would have made.

A single-process ingest (:mod:`newsgraph.ingest.local`) admits articles to the
:class:`~newsgraph.link.registry.EntityRegistry` in reading order: article *k* is written with
the person names known before it (a bare "Johnson" becomes "Boris Johnson" when that is
the one Johnson known), and a full name that explains bare names seen earlier renames them
in every graph written before it (:func:`~newsgraph.store.rdf.merge_update`). Workers of a
distributed ingest write each article with the names the article itself gives, knowing
nothing of the others; afterwards the client calls :func:`replay` with the person names of
every article in reading order — the registry's decisions depend on nothing else — and
:func:`apply_plan` makes the same changes in the store, graph by graph:

1. **Renames** (one update per graph that needs one): the article's bare names written
   as speakers or sources become the full names the registry gave them at its turn, the
   bare name kept as ``skos:altLabel`` (and an alias equal to the full name dropped) —
   the graph a single process would have written.
2. **Merges**, in the order the registry made them, each only in the graphs a single
   process had written by then: the graphs of earlier articles of this run (tracked here,
   so a later article whose "Johnson" stayed ambiguous is left alone) and the graphs
   written before this run (found by a query).

The one case this cannot reproduce: two different bare names of one article with the same
IRI (names differing only in accents or punctuation) that the registry resolves
differently; the article is then written as if they were one person, with a warning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pyoxigraph import Literal, NamedNode

from newsgraph.extract.records import Article, Entity, Extraction
from newsgraph.link.registry import EntityRegistry
from newsgraph.ontology import RDFS_LABEL
from newsgraph.sparql.prebind import batches
from newsgraph.store.base import Store, solutions
from newsgraph.store.rdf import Minter, merge_update, rename_update

GRAPHS_PER_UPDATE = 64
"""Graphs renamed per update request."""
VALUES_PER_QUERY = 500
"""Graph IRIs per VALUES block (merges, triple counts)."""


class Admitted(Protocol):
    """What :func:`replay` needs of an article: its person names as the article gives
    them, those its graph holds nodes for, and the graph to fix (None when another
    article replaced it, or it was not stored)."""

    @property
    def persons(self) -> tuple[str, ...]: ...
    @property
    def written(self) -> tuple[str, ...]: ...
    @property
    def graph(self) -> str | None: ...
    @property
    def origin(self) -> str: ...


@dataclass(frozen=True)
class Rename:
    """In one graph: the node ``old`` becomes ``new``, labelled ``name``; its ``labels``
    (the bare names) become alternative labels."""

    old: str
    new: str
    name: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Merge:
    """The registry's merge of a bare name into a full name, and the graphs of this run
    it applies to."""

    short: str
    full: str
    graphs: tuple[str, ...]


@dataclass
class NamePlan:
    """Everything :func:`apply_plan` must do, worked out from names alone."""

    renames: dict[str, list[Rename]] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    """IRIs that renames and merges give statements (their claims must be linked)."""
    warnings: list[str] = field(default_factory=list)


def replay(articles: Iterable[Admitted], registry: EntityRegistry, minter: Minter) -> NamePlan:
    """Admit the articles' person names to ``registry`` in the order given (reading
    order) and plan the changes that make their graphs what a single process writes."""
    plan = NamePlan()
    labels: dict[str, dict[str, set[str]]] = {}  # graph -> person IRI -> its rdfs:labels
    holders: dict[str, set[str]] = defaultdict(set)  # person IRI -> graphs holding it
    for item in articles:
        names = tuple(dict.fromkeys(item.persons))
        bare = tuple(Entity(name, "person") for name in names)
        admitted, merges = registry.admit(Extraction(Article(id="", text=""), (), (), bare))
        for short, full in merges:  # made before this article is written
            plan.merges.append(_merge(short, full, labels, holders, minter))
            plan.touched.add(minter.person(full).value)
        if item.graph is None:
            continue
        canonical = dict(zip(names, (e.name for e in admitted.entities), strict=True))
        written = {name: canonical[name] for name in item.written}
        nodes, renames = _renames(written, minter, item.origin, plan.warnings)
        plan.touched.update(r.new for r in renames)
        if renames:
            plan.renames[item.graph] = renames
        labels[item.graph] = nodes
        for node in nodes:
            holders[node].add(item.graph)
    return plan


def _renames(
    canonical: dict[str, str], minter: Minter, origin: str, warnings: list[str]
) -> tuple[dict[str, set[str]], list[Rename]]:
    """The renames of one graph, and its person nodes' labels after them."""
    nodes: dict[str, set[str]] = defaultdict(set)
    by_node: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for raw, name in canonical.items():
        nodes[minter.person(raw).value].add(raw)
        by_node[minter.person(raw).value].append((raw, name))
    renames = []
    for old, pairs in by_node.items():
        changed = [(raw, name) for raw, name in pairs if raw != name]
        if not changed:
            continue
        target = changed[0][1]
        if len(changed) < len(pairs) or any(name != target for _, name in changed):
            shown = ", ".join(repr(raw) for raw, _ in pairs)
            warnings.append(
                f"{origin}: the names {shown} share one IRI ({old}) but stand for different "
                f"people across articles; all are stored as {target!r}"
            )
            changed = [(raw, name) for raw, name in changed if name == target]
        rename = Rename(old, minter.person(target).value, target, tuple(r for r, _ in changed))
        moved = nodes.pop(old)
        nodes[rename.new] |= moved - set(rename.labels)
        nodes[rename.new].add(target)
        renames.append(rename)
    return dict(nodes), renames


def _merge(
    short: str,
    full: str,
    labels: dict[str, dict[str, set[str]]],
    holders: dict[str, set[str]],
    minter: Minter,
) -> Merge:
    """A merge, applied to the graphs tracked so far: those holding the bare name's node,
    or the full name's node under another label (both of which the update changes)."""
    old, new = minter.person(short).value, minter.person(full).value
    graphs = set(holders.get(old, ())) | {
        g for g in holders.get(new, ()) if labels[g][new] - {full}
    }
    for graph in graphs:
        nodes = labels[graph]
        if old in nodes and old != new:
            nodes.setdefault(new, set()).update(nodes.pop(old))
            holders[old].discard(graph)
            holders[new].add(graph)
        if nodes.get(new, set()) - {full}:
            nodes[new] = {full}
    return Merge(short, full, tuple(sorted(graphs)))


def apply_plan(plan: NamePlan, store: Store, minter: Minter, written: set[str]) -> dict[str, int]:
    """Make the planned changes in ``store``.

    Args:
        plan: From :func:`replay`.
        store: The store (a :class:`~newsgraph.store.remote.RemoteStore` in a distributed
            ingest).
        minter: The deployment's minter.
        written: Every graph this run wrote (merges reach the other graphs by a query).

    Returns:
        The number of triples of each renamed graph (what a single process would count).
    """
    renamed = list(plan.renames.items())
    for start in range(0, len(renamed), GRAPHS_PER_UPDATE):
        batch = renamed[start : start + GRAPHS_PER_UPDATE]
        store.update(
            " ;\n".join(
                rename_update(g, r.old, r.new, r.name, r.labels) for g, rs in batch for r in rs
            )
        )
    sizes = graph_sizes(store, [g for g, _ in renamed])
    for merge in plan.merges:
        old, new = minter.person(merge.short), minter.person(merge.full)
        earlier = [g for g in _graphs_changed_by(store, old, new, merge.full) if g not in written]
        for graphs in batches([*merge.graphs, *earlier], VALUES_PER_QUERY):
            store.update(merge_update(old, new, merge.full, graphs))
    return sizes


def graph_sizes(store: Store, graphs: Sequence[str]) -> dict[str, int]:
    """The number of triples in each of ``graphs``."""
    sizes: dict[str, int] = {}
    for batch in batches(graphs, VALUES_PER_QUERY):
        values = " ".join(str(NamedNode(g)) for g in batch)
        rows = solutions(
            store.query(
                f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            )
        )
        sizes.update({row["g"].value: int(row["n"].value) for row in rows})
    return sizes


def _graphs_changed_by(store: Store, old: NamedNode, new: NamedNode, full: str) -> list[str]:
    """The graphs a merge changes: those holding ``old``, or ``new`` under another label."""
    rows = solutions(
        store.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {{ {old} ?p ?o }} UNION {{ ?s ?p {old} }} "
            f"UNION {{ {new} <{RDFS_LABEL}> ?l FILTER (?l != {Literal(full)}) }} }} }}"
        )
    )
    return [row["g"].value for row in rows]
