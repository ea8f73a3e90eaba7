"""The queries the benchmarks run: every canned query (with its default parameters) and a
few typical analyst queries, each as self-contained SPARQL that any server can run."""

from __future__ import annotations

from typing import Any

from newsgraph.ontology import PREFIXES

ANALYST_QUERIES: list[tuple[str, str, Any]] = [
    (
        "point: one person's triples",
        'SELECT ?p ?o WHERE { ?s rdfs:label "Tony Blair" ; ?p ?o }',
        None,
    ),
    (
        "top speakers",
        "SELECT ?name (COUNT(?st) AS ?n) WHERE { ?st ng:saidBy/rdfs:label ?name } "
        "GROUP BY ?name ORDER BY DESC(?n) LIMIT 10",
        None,
    ),
    (
        "statements with a word",
        "SELECT ?text WHERE { ?st a ng:Statement ; ng:text ?text "
        'FILTER(CONTAINS(LCASE(?text), "economy")) } LIMIT 20',
        None,
    ),
    (
        "figures of a unit",
        'SELECT ?f ?value ?source WHERE { ?f a ng:Figure ; ng:unit "%" ; ng:value ?value '
        "OPTIONAL { ?source ng:reports ?f } } LIMIT 50",
        None,
    ),
    ("ask: any figure", "ASK { ?f a ng:Figure }", None),
]
"""(name, SPARQL with the project's prefixes predefined, substitutions)."""


def canned_queries(store: Any) -> list[tuple[str, str, Any, dict[str, str]]]:
    """Every canned query with its defaults bound, as (name, SPARQL, substitutions, the
    raw parameter values). A required parameter without a default takes the first value
    its ``enumerate_query`` finds in ``store`` (e.g. a claim's IRI)."""
    from newsgraph.queries import load_queries

    found = []
    for name, query in sorted(load_queries().items()):
        values: dict[str, str] = {}
        for param in query.parameters:
            if param.required and param.default is None and param.enumerate_query:
                # the first value the listing gives, whatever its own ORDER BY and LIMIT
                rows = store.query(f"SELECT ?v WHERE {{ {{ {param.enumerate_query} }} }} LIMIT 1")
                for row in rows:
                    values[param.name] = row[0].value
        found.append((f"canned: {name}", query.paged(1), query.bind(values), values))
    return found


def self_contained(sparql: str, substitutions: Any = None) -> str:
    """The query with PREFIX declarations and the substitutions written into it, for
    servers that know neither (Oxigraph's own server)."""
    from newsgraph.sparql.prebind import inject_values

    text = inject_values(sparql, substitutions)
    declared = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if f"{p}:" in text)
    return declared + text
