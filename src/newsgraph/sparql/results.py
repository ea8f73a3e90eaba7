"""Query results to bytes and text: the SPARQL result formats, RDF formats and a table.

Shared by the CLI and the server, so both write the same bytes for the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    serialize,
)

from newsgraph.errors import BadRequest
from newsgraph.ontology import PREFIXES

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}


def result_format(name: str) -> QueryResultsFormat:
    try:
        return RESULT_FORMATS[name]
    except KeyError:
        raise BadRequest(
            f"unknown result format {name!r}; available: {', '.join(RESULT_FORMATS)}"
        ) from None


def graph_format(name: str) -> RdfFormat:
    try:
        return GRAPH_FORMATS[name]
    except KeyError:
        raise BadRequest(
            f"unknown RDF format {name!r}; available: {', '.join(GRAPH_FORMATS)}"
        ) from None


def write_solutions(
    result: QuerySolutions | QueryBoolean, fmt: QueryResultsFormat, out: IO[bytes]
) -> None:
    """Write SELECT or ASK results in a SPARQL results format."""
    result.serialize(out, fmt)


def write_triples(triples: QueryTriples | Iterable, fmt: RdfFormat, out: IO[bytes]) -> None:
    """Write CONSTRUCT/DESCRIBE results with the project's prefixes where the format has them."""
    kwargs: dict[str, Any] = {}
    if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML):
        kwargs["prefixes"] = dict(PREFIXES)
    serialize(triples, out, fmt, **kwargs)


def display(term: object) -> str:
    """A term as a person reads it: an IRI's text, a literal's value, '' when unbound.

    >>> display(Literal("2022-03-09")), display(None), display(NamedNode("http://x/y"))
    ('2022-03-09', '', 'http://x/y')
    """
    if term is None:
        return ""
    if isinstance(term, NamedNode | Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def rows(solutions: QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Variable names and rows of display strings."""
    names = [v.value for v in solutions.variables]
    return names, [[display(row[name]) for name in names] for row in solutions]


def format_table(names: Sequence[str], table: Sequence[Sequence[str]], width: int = 48) -> str:
    """A plain-text table, each cell cut to ``width`` characters.

    >>> print(format_table(["a", "b"], [["1", "xyz"]]))
    a | b
    --+----
    1 | xyz
    """

    def cut(cell: str) -> str:
        cell = " ".join(cell.split())
        return cell if len(cell) <= width else cell[: width - 1] + "…"

    cells = [[cut(c) for c in row] for row in table]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [
        " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)
