"""Query results as tables of cells for the HTML pages (templates escape every cell)."""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from itertools import islice

from pyoxigraph import Literal, NamedNode, QuerySolutions, QueryTriples

from newsgraph.results import display, write_triples
from newsgraph.server.formats import TURTLE
from newsgraph.server.resources import local_href

_NUMERIC = ("integer", "decimal", "double", "float", "long", "int")


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    kind: str = "text"
    """"iri", "number", "date", "text" or "empty": a class name for the page's CSS."""


@dataclass(frozen=True)
class Table:
    names: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    truncated: bool = False
    """True when the result had more rows than the page shows."""


def solution_table(solutions: QuerySolutions, max_rows: int, hidden: Collection[str] = ()) -> Table:
    """The first ``max_rows`` solutions as cells (``truncated`` says whether more exist).

    Variables named in ``hidden`` (a canned query's parameters, which pyoxigraph can bind
    only when they are projected) are left out of the table.
    """
    names = [v.value for v in solutions.variables if v.value not in hidden]
    rows = [[cell(row[name]) for name in names] for row in islice(solutions, max_rows + 1)]
    return Table(names, rows[:max_rows], truncated=len(rows) > max_rows)


def cell(term: object) -> Cell:
    """One term as a cell; an IRI this server serves links to its page."""
    if term is None:
        return Cell("", kind="empty")
    if isinstance(term, NamedNode):
        return Cell(term.value, href=local_href(term.value), kind="iri")
    if isinstance(term, Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in _NUMERIC:
            return Cell(term.value, kind="number")
        if datatype in ("date", "dateTime"):
            return Cell(term.value, kind="date")
    return Cell(display(term))


def graph_text(triples: QueryTriples | Iterator) -> str:
    """A graph result as Turtle text, for showing in a page."""
    out = io.BytesIO()
    write_triples(triples, TURTLE.rdf, out)
    return out.getvalue().decode("utf-8")
