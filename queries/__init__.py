"""Canned queries: ``*.rq`` files with a grlc-style header, loaded into dataclasses.

A file's leading ``#+`` lines are YAML (``summary``, ``description``, ``tags``,
``defaults``, ``enumerate``, ``enumerate_query``, ``pagination``, ``parameters``).
Parameters are the query's variables named in grlc's way: ``?_name`` is a required
string, ``?__name`` an optional one, and a type suffix (``_iri``, ``_integer``,
``_decimal``, ``_date``) types it, so ``?__since_date`` is an optional ``xsd:date``
parameter called ``since``. Values are bound with pyoxigraph ``substitutions`` (never
spliced into the text), so no value can change what a query means. pyoxigraph binds only
projected variables: a parameter must be in the SELECT. An optional parameter left out
stays unbound, and ``BOUND()`` does not see substituted values: write
``COALESCE(?__since_date, <fallback>)`` to use one.

``enumerate`` lists a parameter's values in one of two ways. A fixed list
(``enumerate: [{kind: [direct, indirect]}]``) is offered as a choice and a value outside
it is refused. A bare name (``enumerate: [person]``) takes the values from the store: the
query ``enumerate_query: {person: "SELECT DISTINCT ?v WHERE { ... }"}`` gives them (its
first variable), or, without one, a query derived from the triple patterns of the canned
query that mention the parameter's variable (grlc's way). Values from the store are
suggestions: other values are still accepted.

``pagination: N`` pages the result: ``page=1`` (the default) gives the first N rows,
``page=2`` the next N, and so on (the server adds ``LIMIT``/``OFFSET``, asking one row
more than the page to know whether there is a next one; a paged query must not have its
own ``LIMIT`` but for its page window). A *page window* is a subquery's ``LIMIT`` marked
``# page window`` at the end of its line: the server sets it to the rows the page needs
(offset + N + 1), so the subquery picks only the few articles (newest first) or rows a
page can show before anything is joined to them, instead of the whole store being read
and sorted per request. The window's own order must lead the query's order, and each
row of the window must give at least one row of the result (a window over articles
takes only those with something to list: ``ng:statementCount`` above 0 and the like).

>>> q = parse_query("by-name", '''#+ summary: People by name
... SELECT ?p ?_name WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?_name }''')
>>> [(p.name, p.type, p.required) for p in q.parameters]
[('name', 'string', True)]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import yaml
from pyoxigraph import Literal as RdfLiteral
from pyoxigraph import NamedNode, Variable

from newsgraph.errors import BadRequest, NotFound

ParamType = Literal["string", "iri", "integer", "decimal", "date"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(r"\?(__?)([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)")
_TYPE_SUFFIXES: dict[str, ParamType] = {
    "iri": "iri",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date",
}
_LIMIT = re.compile(r"\b(LIMIT|OFFSET)\s+\d+", re.IGNORECASE)
_WINDOW = re.compile(r"\bLIMIT\s+\d+(?=[ \t]*#[ \t]*page window\b)", re.IGNORECASE)
MAX_VALUE_LENGTH = 2000
"""The longest parameter value accepted, in characters."""
MAX_ENUMERATED = 1000
"""The most values a derived ``enumerate`` query lists."""


@dataclass(frozen=True)
class Parameter:
    """One parameter of a canned query."""

    name: str
    """The public name, as in ``?person=...``."""
    variable: str
    """The variable in the query, without ``?`` (``_person`` or ``__since_date``)."""
    type: ParamType = "string"
    required: bool = True
    default: str | None = None
    choices: tuple[str, ...] = ()
    """Fixed values to choose from (``enumerate`` in the header), if any."""
    description: str = ""
    enumerate_query: str | None = None
    """A SELECT whose first variable lists suggested values from the store, if any."""

    def term(self, raw: str) -> NamedNode | RdfLiteral:
        """Turn a raw string value into the RDF term bound to the variable."""
        if len(raw) > MAX_VALUE_LENGTH:
            raise BadRequest(
                f"parameter {self.name!r} is longer than {MAX_VALUE_LENGTH} characters"
            )
        if self.choices and raw not in self.choices:
            raise BadRequest(
                f"parameter {self.name!r} must be one of {', '.join(self.choices)}; got {raw!r}"
            )
        if self.type == "iri":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", raw):
                raise BadRequest(f"parameter {self.name!r} must be an absolute IRI; got {raw!r}")
            return NamedNode(raw)
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d{1,18}", raw.strip()):
                raise BadRequest(f"parameter {self.name!r} must be a whole number; got {raw!r}")
            return RdfLiteral(str(int(raw)), datatype=NamedNode(_XSD + "integer"))
        if self.type == "decimal":
            if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw.strip()):
                raise BadRequest(f"parameter {self.name!r} must be a number; got {raw!r}")
            return RdfLiteral(raw.strip(), datatype=NamedNode(_XSD + "decimal"))
        if self.type == "date":
            try:
                day = dt.date.fromisoformat(raw.strip())
            except ValueError:
                raise BadRequest(
                    f"parameter {self.name!r} must be a date as YYYY-MM-DD; got {raw!r}"
                ) from None
            return RdfLiteral(day.isoformat(), datatype=NamedNode(_XSD + "date"))
        return RdfLiteral(raw)


@dataclass(frozen=True)
class CannedQuery:
    """A saved SPARQL query with its documentation and parameters."""

    name: str
    sparql: str
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    pagination: int | None = None
    """Rows per page, when the header asks for paging."""

    def paged(self, page: int, *, peek: bool = False) -> str:
        """The query text for one page (1-based) of a paged query; with ``peek`` one row
        more than a page (there is a next page when it comes). Page windows (a subquery's
        ``LIMIT ... # page window``) are set to the rows the page needs.

        >>> q = parse_query("q", "#+ pagination: 10\\nSELECT ?s WHERE { ?s ?p ?o }")
        >>> q.paged(3).splitlines()[-1]
        'LIMIT 10 OFFSET 20'
        >>> q.paged(3, peek=True).splitlines()[-1]
        'LIMIT 11 OFFSET 20'
        """
        if self.pagination is None:
            return self.sparql
        offset = (page - 1) * self.pagination
        text = _WINDOW.sub(f"LIMIT {offset + self.pagination + 1}", self.sparql.rstrip())
        return f"{text}\nLIMIT {self.pagination + int(peek)} OFFSET {offset}"

    def whole(self) -> str:
        """The query text for the whole list, not a page (``newsgraph query``): its page
        windows lifted, so every article (or ranked claim, or day) is read.

        >>> window = "{ SELECT ?s { ?s ?p ?o } LIMIT 3  # page window\\n}"
        >>> q = parse_query("q", f"#+ pagination: 2\\nSELECT ?s {{ {window} }}")
        >>> "LIMIT" in q.whole()
        False
        """
        return _WINDOW.sub("", self.sparql)

    def bind(self, values: Mapping[str, str]) -> dict[Variable, NamedNode | RdfLiteral]:
        """Substitutions for the given raw values, with defaults applied.

        Raises:
            BadRequest: an unknown parameter, a missing required one, or a bad value.
        """
        known = {p.name for p in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            allowed = ", ".join(sorted(known)) or "none"
            raise BadRequest(
                f"query {self.name!r} has no parameter {unknown[0]!r}; parameters: {allowed}"
            )
        bound: dict[Variable, NamedNode | RdfLiteral] = {}
        for param in self.parameters:
            raw = values.get(param.name)
            if raw is None or raw == "":
                raw = param.default
            if raw is None:
                if param.required:
                    raise BadRequest(f"query {self.name!r} needs parameter {param.name!r}")
                continue
            bound[Variable(param.variable)] = param.term(raw)
        return bound


def parse_query(name: str, text: str) -> CannedQuery:
    """Parse one ``.rq`` file's text."""
    header_lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            header_lines.append(line[2:].removeprefix(" "))
        elif line.strip() and not line.lstrip().startswith("#"):
            break
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"query {name!r}: the '#+' header is not valid YAML: {exc}") from exc
    if not isinstance(header, dict):
        raise ValueError(f"query {name!r}: the '#+' header must be 'key: value' lines")
    defaults = _merge_mappings(header.get("defaults"))
    choices = _merge_mappings(header.get("enumerate"))
    from_store = _names(header.get("enumerate")) | {k for k, v in choices.items() if v is None}
    enumerate_queries = _merge_mappings(header.get("enumerate_query"))
    descriptions = _merge_mappings(header.get("parameters"))
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    params: dict[str, Parameter] = {}
    for underscores, raw_name in _PARAM.findall(body):
        variable = underscores + raw_name
        if variable in (p.variable for p in params.values()):
            continue
        base, _, suffix = raw_name.rpartition("_")
        ptype: ParamType = _TYPE_SUFFIXES.get(suffix, "string")
        public = base if suffix in _TYPE_SUFFIXES and base else raw_name
        default = defaults.get(public)
        enumerated = choices.get(public)
        listing = enumerate_queries.get(public)
        if listing is None and public in from_store:
            listing = derived_enumerate_query(name, body, variable)
        params[public] = Parameter(
            name=public,
            variable=variable,
            type=ptype,
            required=underscores == "_" and default is None,
            default=None if default is None else str(default),
            choices=tuple(str(c) for c in enumerated) if isinstance(enumerated, list) else (),
            description=str(descriptions.get(public, "")),
            enumerate_query=None if listing is None else str(listing),
        )
    unknown = (from_store | set(choices) | set(enumerate_queries)) - set(params)
    if unknown:
        raise ValueError(f"query {name!r}: 'enumerate' names no parameter {sorted(unknown)[0]!r}")
    pagination = header.get("pagination")
    if pagination and _LIMIT.search(_WINDOW.sub("", body)):
        raise ValueError(f"query {name!r}: a paged query must not have its own LIMIT or OFFSET")
    return CannedQuery(
        name=name,
        sparql=text,
        summary=str(header.get("summary", "")).strip(),
        description=str(header.get("description", "")).strip(),
        tags=tuple(str(t) for t in header.get("tags") or ()),
        parameters=tuple(params.values()),
        pagination=int(pagination) if pagination else None,
    )


def _merge_mappings(value: object) -> dict[str, Any]:
    """grlc writes ``defaults`` as a list of one-key mappings; accept a mapping too."""
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    merged: dict[str, Any] = {}
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                merged.update({str(k): v for k, v in item.items()})
    return merged


def _names(value: object) -> set[str]:
    """The bare names of a grlc list (``enumerate: [person]``)."""
    return {str(v) for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def derived_enumerate_query(name: str, text: str, variable: str) -> str:
    """A query for the distinct values of ``?variable`` in the triple patterns that mention it.

    >>> print(derived_enumerate_query("q", "SELECT ?_p WHERE { ?s <http://e/by> ?_p }", "_p"))
    SELECT DISTINCT ?_p WHERE { ?s <http://e/by> ?_p . } ORDER BY ?_p LIMIT 1000

    Raises:
        ValueError: no triple pattern mentions the variable (give ``enumerate_query``).
    """
    # rdflib is slow to import (a second): only a query that enumerates values needs it
    from rdflib import Variable as RdflibVariable
    from rdflib.plugins.sparql import prepareQuery  # (the same reason)
    from rdflib.plugins.sparql.parserutils import CompValue  # (the same reason)

    target = RdflibVariable(variable)
    patterns: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, CompValue):
            if node.name == "BGP":
                for triple in node.triples:
                    if target in triple:
                        patterns.append(" ".join(term.n3() for term in triple) + " .")
            for child in node.values():
                walk(child)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)

    try:
        walk(prepareQuery(text).algebra)
    except Exception as exc:  # rdflib raises its parser's own exception types
        raise ValueError(f"query {name!r}: cannot derive the values of ?{variable}: {exc}") from exc
    if not patterns:
        raise ValueError(
            f"query {name!r}: no triple pattern mentions ?{variable}; "
            f"give its values with 'enumerate_query'"
        )
    where = " ".join(dict.fromkeys(patterns))
    order = f"ORDER BY ?{variable} LIMIT {MAX_ENUMERATED}"
    return f"SELECT DISTINCT ?{variable} WHERE {{ {where} }} {order}"


def queries_dir() -> Path:
    """The folder of the canned queries installed with the package."""
    return Path(str(files(__name__)))


def load_queries(directory: Path | None = None) -> dict[str, CannedQuery]:
    """Every ``*.rq`` file of ``directory`` (default: the installed ones), by name."""
    folder = directory or queries_dir()
    return {
        path.stem: parse_query(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.rq"))
    }


def get_query(queries: Mapping[str, CannedQuery], name: str) -> CannedQuery:
    """Look a query up by name, with a message listing the available ones."""
    try:
        return queries[name]
    except KeyError:
        raise NotFound(f"unknown query {name!r}; available: {', '.join(sorted(queries))}") from None
