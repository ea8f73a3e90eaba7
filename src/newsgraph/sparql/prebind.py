"""Pre-bound variables for SPARQL endpoints: substitutions written as a ``VALUES`` block.

The SPARQL 1.1 Protocol has no way to send bindings beside a query, so a remote store
(:mod:`newsgraph.store.remote`) writes them into the query as one row of inline data at the
start of the query's ``WHERE`` group, where the whole group — its triple patterns, its
``FILTER``\\ s, its ``OPTIONAL``\\ s — sees them bound, as pyoxigraph's ``substitutions`` do.
Terms are written by pyoxigraph's own ``str(term)`` (``<iri>``, ``"text"@en``,
``"1"^^<...#integer>``, with every quote, backslash and newline escaped), so a value can
never end the block or change the query's shape. The ``WHERE`` group is found by reading
the query as SPARQL's grammar splits it into tokens, so braces inside strings, IRIs and
comments, ``EXISTS { }`` in a select expression and a ``CONSTRUCT`` template are never
mistaken for it; a ``WHERE`` group that is a sub-select is wrapped in a group of its own.

>>> from pyoxigraph import Literal, Variable
>>> inject_values('SELECT ?x WHERE { ?x ?p "{" }', {Variable("x"): Literal('a"}')})
'SELECT ?x WHERE { VALUES (?x) { ("a\\\\"}") }  ?x ?p "{" }'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from pyoxigraph import BlankNode, Literal, NamedNode, Variable

from newsgraph.sparql.tokens import TOKEN

_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_T = TypeVar("_T")


def batches(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    """``items`` in runs of at most ``size``: the rows of one query's VALUES block each.

    >>> list(batches("abcde", 2))
    ['ab', 'cd', 'e']
    """
    for start in range(0, len(items), size):
        yield items[start : start + size]


def values_block(substitutions: Mapping[Variable, Any]) -> str:
    """One row of inline data binding each variable to its term.

    >>> from pyoxigraph import NamedNode, Variable
    >>> values_block({Variable("p"): NamedNode("http://e/a")})
    'VALUES (?p) { (<http://e/a>) }'

    Raises:
        ValueError: a value is not an IRI or a literal (SPARQL's inline data allows no
            blank nodes).
    """
    for variable, term in substitutions.items():
        if not isinstance(variable, Variable):
            raise ValueError(f"substitution keys must be Variables, got {variable!r}")
        if isinstance(term, BlankNode) or not isinstance(term, NamedNode | Literal):
            raise ValueError(f"{variable} can only be bound to an IRI or a literal, got {term!r}")
    names = " ".join(str(v) for v in substitutions)
    terms = " ".join(str(t) for t in substitutions.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def inject_values(sparql: str, substitutions: Mapping[Variable, Any] | None) -> str:
    """``sparql`` with ``substitutions`` bound by a ``VALUES`` row in its ``WHERE`` group.

    Raises:
        ValueError: a value cannot be written as inline data, or the query has no ``WHERE``
            group to put it in (``CONSTRUCT WHERE { }``, whose group may hold only triples).
        SyntaxError: the query has no query form (SELECT, CONSTRUCT, DESCRIBE, ASK).
    """
    if not substitutions:
        return sparql
    block = values_block(substitutions)
    start, end, sub_select = _where_group(sparql)
    inner = _sub_selects(sparql, start, substitutions)
    for at, names in reversed(inner):  # a sub-select projecting a variable binds it too
        rows = values_block({v: t for v, t in substitutions.items() if v.value in names})
        sparql = f"{sparql[: at + 1]} {rows} {sparql[at + 1 :]}"
    if sub_select:
        start, end, _ = _where_group(sparql)
        return f"{sparql[: start + 1]} {block} {{ {sparql[start + 1 : end]} }} {sparql[end:]}"
    return f"{sparql[: start + 1]} {block} {sparql[start + 1 :]}"


def _sub_selects(
    sparql: str, after: int, substitutions: Mapping[Variable, Any]
) -> list[tuple[int, set[str]]]:
    """The opening braces of the ``WHERE`` groups of the sub-selects after offset
    ``after`` that project a substituted variable, with the names they project: as
    pyoxigraph's ``substitutions`` do, a sub-select (a page window) sees a value it
    projects (an outer ``VALUES`` row would be joined only after it ran)."""
    wanted = {v.value for v in substitutions}
    return [
        (at, projected & wanted)
        for at, projected in select_groups(sparql, after + 1)
        if projected & wanted
    ]


def select_groups(sparql: str, start: int = 0) -> list[tuple[int, set[str]]]:
    """Each ``SELECT`` (from offset ``start``): the offset of its ``WHERE`` group's opening
    brace and the names of the variables it projects (read token by token: a ``SELECT``
    in a string or a comment is none). The editor writes values at these braces too.

    >>> select_groups("SELECT ?a WHERE { { SELECT ?b { ?b ?p ?a } } }")
    [(16, {'a'}), (30, {'b'})]
    """
    found: list[tuple[int, set[str]]] = []
    projecting: set[str] | None = None
    parens = 0
    for match in TOKEN.finditer(sparql, start):
        kind, text = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            continue
        if kind == "name" and text.upper() == "SELECT":
            projecting, parens = set(), 0
        elif projecting is not None:
            if text == "(":
                parens += 1
            elif text == ")":
                parens -= 1
            elif text == "{" and parens == 0:
                found.append((match.start(), projecting))
                projecting = None
            elif text.startswith(("?", "$")) and parens == 0:
                projecting.add(text[1:])
    return found


def _where_group(sparql: str) -> tuple[int, int, bool]:
    """Where the query's ``WHERE`` group opens and closes (offsets of its braces), and
    whether it holds a sub-select."""
    form: str | None = None
    previous: str | None = None  # the last significant token at depth 0
    templates = 0  # CONSTRUCT templates passed
    parens = braces = 0
    start = -1
    first_inside: str | None = None
    for match in TOKEN.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            continue
        if start >= 0:  # inside the WHERE group: find its closing brace
            if first_inside is None:
                first_inside = text.upper() if kind == "name" else text
            if text == "{":
                braces += 1
            elif text == "}":
                if braces == 0:
                    return start, match.start(), first_inside == "SELECT"
                braces -= 1
            continue
        if kind == "name" and form is None and text.upper() in _FORMS:
            form = text.upper()
        elif text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif text == "{" and form is not None and parens == 0:
            if braces == 0 and form == "CONSTRUCT" and previous == "CONSTRUCT" and not templates:
                templates += 1  # the template: skip to its end
                braces = 1
            elif braces == 0:
                if form == "CONSTRUCT" and not templates:
                    raise ValueError(
                        "cannot bind variables in CONSTRUCT WHERE { }: write the template out"
                    )
                start = match.start()
                continue
            else:
                braces += 1
        elif text == "}" and braces > 0:
            braces -= 1
        elif text == "{":
            braces += 1
        if braces == 0 and parens == 0:
            previous = text.upper() if kind == "name" else text
    if form is None:
        raise SyntaxError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")
    raise SyntaxError(f"the {form} query has no complete WHERE group")
