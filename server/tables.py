"""Query results as tables of cells for the HTML pages (templates escape every cell).

A cell carries the text a reader sees and what the page needs around it: a link for an
IRI this server serves (its entity page, where a statement's or figure's evidence — the
sentence and the article — is shown), a machine-readable value for dates (``<time>``) and
a kind the CSS lays out (numbers right-aligned, long texts wrapped in a readable width).

>>> from pyoxigraph import Literal, NamedNode
>>> xsd = "http://www.w3.org/2001/XMLSchema#"
>>> cell(Literal("2000", datatype=NamedNode(xsd + "integer"))).text
'2,000'
>>> cell(Literal("2022-03-09", datatype=NamedNode(xsd + "date"))).text
'9 Mar 2022'
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice

from pyoxigraph import Literal, NamedNode, QuerySolutions, QueryTriples, Triple

from newsgraph.server.execution import Solutions
from newsgraph.server.formats import TURTLE
from newsgraph.server.resources import curie, local_href
from newsgraph.sparql.results import display, write_triples

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = ("integer", "decimal", "double", "float", "long", "int", "nonNegativeInteger")
EVIDENCE_PATHS = ("/statement/", "/figure/")
"""Pages that show an item's evidence (its sentence and article)."""
LONG_TEXT = 60
"""Texts longer than this many characters are laid out as paragraphs (kind "long")."""


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    kind: str = "text"
    """"iri", "number", "date", "bool", "long", "text" or "empty": a class name for the CSS."""
    value: str = ""
    """The raw value behind a formatted one (a date's ISO form; an IRI's full text)."""


@dataclass(frozen=True)
class Table:
    names: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    truncated: bool = False
    """True when the result had more rows than the page shows."""

    def column(self, name: str) -> list[Cell]:
        """The cells of one column (empty cells when the table has no such column)."""
        if name not in self.names:
            return [Cell("", kind="empty") for _ in self.rows]
        index = self.names.index(name)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, Cell]]:
        """The rows as mappings from column name to cell."""
        return [dict(zip(self.names, row, strict=True)) for row in self.rows]


def solution_table(
    solutions: QuerySolutions | Solutions, max_rows: int, hidden: Collection[str] = ()
) -> Table:
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
        href = local_href(term.value)
        return Cell(short_iri(term.value, href), href=href, kind="iri", value=term.value)
    if isinstance(term, Literal):
        datatype = term.datatype.value.removeprefix(_XSD)
        if datatype in _NUMERIC:
            return Cell(format_number(term.value), kind="number", value=term.value)
        if datatype in ("date", "dateTime"):
            return Cell(format_date(term.value), kind="date", value=term.value)
        if datatype == "boolean":
            return Cell("yes" if term.value in ("true", "1") else "no", kind="bool")
    text = display(term)
    return Cell(text, kind="long" if len(text) > LONG_TEXT else "text")


def short_iri(iri: str, href: str | None) -> str:
    """What a table shows for an IRI: the path of one this server serves, else the IRI.

    A statement's or a figure's IRI reads "evidence": its page shows the sentence and the
    article it comes from.

    >>> short_iri("https://newsgraph.example/id/person/putin", "/person/putin")
    'putin'
    >>> short_iri("https://newsgraph.example/id/statement/a/1-9", "/statement/a/1-9")
    'evidence'
    >>> short_iri("https://newsgraph.example/ns#ExplicitDate", "/ns#ExplicitDate")
    'ng:ExplicitDate'
    """
    if href and href.startswith(EVIDENCE_PATHS):
        return "evidence"
    if href and href.startswith("/ns"):
        return curie(iri)
    if href and href.startswith("/"):
        return href.rstrip("/").rsplit("/", 1)[-1]
    return iri


def format_number(lexical: str) -> str:
    """A number with thousands separators; the lexical form when it is not a number.

    >>> format_number("4000"), format_number("1234.50"), format_number("NaN")
    ('4,000', '1,234.5', 'NaN')
    """
    try:
        number = Decimal(lexical)
    except InvalidOperation:
        return lexical
    if not number.is_finite():
        return lexical
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def format_date(lexical: str) -> str:
    """A date (or the date of a dateTime) as "9 Mar 2022"; the lexical form otherwise.

    >>> format_date("2024-08-23T15:34:00"), format_date("someday")
    ('23 Aug 2024', 'someday')
    """
    try:
        day = dt.date.fromisoformat(lexical[:10])
    except ValueError:
        return lexical
    return f"{day.day} {day:%b %Y}"


def graph_text(triples: QueryTriples | Iterable[Triple]) -> str:
    """A graph result as Turtle text, for showing in a page."""
    out = io.BytesIO()
    write_triples(triples, TURTLE.rdf_format, out)
    return out.getvalue().decode("utf-8")
