"""Canned queries as an API and as pages: ``/queries`` lists them, ``/queries/<name>`` runs one.

Parameters come from the query string and are bound with pyoxigraph substitutions by
:meth:`~newsgraph.queries.CannedQuery.bind`. ``format`` is reserved (not a query
parameter); a suffix (``/queries/statements.csv``) or the ``Accept`` header also chooses.
JSON and HTML show at most ``max_rows`` rows (CSV, TSV and XML give the whole result,
streamed as the query worker writes it, and so does JSON with ``all=1``, which the page's
JSON download uses); a capped JSON answer says so in its ``X-Newsgraph-Truncated``
header. Queries run through the app's query runner, with its time limit and memory cap
(:mod:`newsgraph.server.worker`). A paged query (``#+ pagination: N``) takes ``page=N``
(default 1) and answers with ``Link`` headers (``first``, ``prev``, ``next``) as grlc does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from itertools import islice
from urllib.parse import urlencode

from flask import Blueprint, Response, g, render_template, request, url_for
from pyoxigraph import Variable

from newsgraph.errors import BadRequest, NewsgraphError
from newsgraph.queries import MAX_ENUMERATED, CannedQuery, get_query
from newsgraph.server.context import json_response, state
from newsgraph.server.execution import TABLE, QueryOutcome, QuerySyntaxError, QueryTask
from newsgraph.server.formats import (
    CSV,
    HTML,
    JSON,
    TSV,
    TURTLE,
    XML,
    Format,
    negotiate,
    outcome_response,
    solutions_json,
)
from newsgraph.server.runners import runner
from newsgraph.server.tables import graph_text, solution_table
from newsgraph.sparql.results import display

bp = Blueprint("canned", __name__)

RESERVED = frozenset({"format", "all"})
WHOLE = ("1", "true", "yes")
"""Values of ``all`` that ask for the whole JSON result rather than the first rows."""
"""Query-string names that are never query parameters (``page`` too, for a paged query)."""
PAGE = "page"
MAX_PAGE = 1_000_000
RUN_FORMATS: tuple[Format, ...] = (JSON, HTML, CSV, TSV, XML)
"""The formats of a run, the default (for ``*/*``) first; browsers ask for HTML."""
LIST_FORMATS: tuple[Format, ...] = (HTML, Format("json", "application/json"))


@bp.get("/queries/")
@bp.get("/queries")
def index() -> Response:
    """Every canned query: a page grouped by tag, or JSON."""
    fmt = negotiate(
        LIST_FORMATS, name=request.args.get("format"), accept=request.headers.get("Accept")
    )
    return _index(fmt.name)


@bp.get("/queries.json")
def index_json() -> Response:
    return _index("json")


def _index(fmt_name: str) -> Response:
    queries = state().queries
    if fmt_name == "json":
        response = json_response({"queries": [describe(q) for q in queries.values()]})
    else:
        groups: dict[str, list[CannedQuery]] = {}
        for query in queries.values():
            for tag in query.tags or ("other",):
                groups.setdefault(tag, []).append(query)
        page = render_template("queries.html", groups=dict(sorted(groups.items())))
        response = Response(page, content_type=HTML.content_type)
    response.vary.add("Accept")
    return response


def describe(query: CannedQuery) -> dict[str, object]:
    """A canned query as the JSON listing shows it."""
    suggested = suggestions(query)
    return {
        "name": query.name,
        "title": query.summary,
        "description": query.description,
        "tags": list(query.tags),
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "default": p.default,
                "choices": list(p.choices),
                "suggestions": suggested.get(p.name, []),
                "description": p.description,
            }
            for p in query.parameters
        ],
        "pagination": query.pagination,
        "url": url_for("canned.run", name=query.name),
        "formats": [f.name for f in RUN_FORMATS],
    }


def suggestions(query: CannedQuery) -> dict[str, list[str]]:
    """The values from the store of each parameter that enumerates them (``enumerate``)."""
    found: dict[str, list[str]] = {}
    for param in query.parameters:
        if param.enumerate_query is None:
            continue
        try:
            outcome = run_table(param.enumerate_query, MAX_ENUMERATED)
        except QuerySyntaxError as exc:
            raise NewsgraphError(
                f"query {query.name!r}: the values of {param.name!r} cannot be listed: {exc.detail}"
            ) from None
        rows = outcome.solutions
        if rows is None or not rows.names:
            continue
        first = rows.names[0]
        values = (display(row[first]) for row in islice(rows, MAX_ENUMERATED))
        found[param.name] = [v for v in values if v]
    return found


def run_table(
    sparql: str, max_rows: int, substitutions: Mapping[Variable, object] | None = None
) -> QueryOutcome:
    """Up to ``max_rows`` rows (one more when there are more) of a query, as a table."""
    task = QueryTask(
        sparql,
        solutions=TABLE,
        graphs=TABLE,
        max_rows=max_rows,
        substitutions=dict(substitutions) if substitutions else None,
    )
    return runner().run(task)


@bp.get("/queries/<name>")
def run(name: str) -> Response:
    """Run one canned query with the parameters of the query string."""
    query, suffix = resolve(name, state().queries)
    fmt = negotiate(
        RUN_FORMATS,
        name=suffix or request.args.get("format"),
        accept=request.headers.get("Accept"),
        strict=True,
    )
    page = page_number(query)
    values = parameter_values(query)
    g.next_page = None  # whether the page's own run saw a row beyond it (None: unknown)
    if fmt is HTML:  # noqa: SIM108 (two calls with different arguments read better apart)
        response = run_page(query, values, page)
    else:
        response = run_data(query, values, fmt, page)
    if query.pagination is not None and response.status_code == 200:
        response.headers["Link"] = page_links(query, values, page, fmt, g.next_page)
    response.vary.add("Accept")
    return response


def page_number(query: CannedQuery) -> int:
    """The ``page`` of a paged query (1 when not given)."""
    if query.pagination is None:
        return 1
    given = request.args.getlist(PAGE)
    if len(given) > 1:
        raise BadRequest(f"parameter {PAGE!r} is given {len(given)} times; give it once")
    raw = given[0].strip() if given else "1"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise BadRequest(
            f"parameter {PAGE!r} must be a whole number from 1 to {MAX_PAGE}; got {raw!r}"
        )
    return int(raw)


def has_page(query: CannedQuery, values: Mapping[str, str], page: int) -> bool:
    """Whether a page has rows (a query of its own: for the formats streamed whole, whose
    run cannot ask for one row more than the page)."""
    outcome = run_table(query.paged(page), 0, query.bind(values))
    return outcome.solutions is not None and bool(outcome.solutions.rows)


def page_links(
    query: CannedQuery,
    values: Mapping[str, str],
    page: int,
    fmt: Format,
    next_page: bool | None = None,
) -> str:
    """The ``Link`` header of one page: first, prev (after page 1), next (when there is a
    next page: ``next_page`` when the page's run asked one row more, else a query)."""

    def link(number: int, rel: str) -> str:
        params = {**values, PAGE: str(number)}
        if request.args.get("format"):
            params["format"] = fmt.name
        url = url_for("canned.run", name=query.name, _external=True)
        return f'<{url}?{urlencode(params)}>; rel="{rel}"'

    links = [link(1, "first")]
    if page > 1:
        links.append(link(page - 1, "prev"))
    if next_page if next_page is not None else has_page(query, values, page + 1):
        links.append(link(page + 1, "next"))
    return ", ".join(links)


def resolve(name: str, queries: Mapping[str, CannedQuery]) -> tuple[CannedQuery, str | None]:
    """The query a path names, and the format suffix it carries (``statements.csv``)."""
    if name not in queries:
        base, dot, suffix = name.rpartition(".")
        if dot and base in queries:
            return queries[base], suffix
    return get_query(queries, name), None


def parameter_values(query: CannedQuery) -> dict[str, str]:
    """The query string without reserved names; a parameter given twice is an error."""
    reserved = RESERVED | ({PAGE} if query.pagination is not None else set())
    values: dict[str, str] = {}
    for key in request.args:
        if key in reserved:
            continue
        given = request.args.getlist(key)
        if len(given) > 1:
            raise BadRequest(f"parameter {key!r} is given {len(given)} times; give it once")
        values[key] = given[0]
    return values


def run_data(query: CannedQuery, values: Mapping[str, str], fmt: Format, page: int) -> Response:
    """The result in a data format: one page (JSON capped at ``max_rows``, the others
    streamed), or with ``all=1`` the whole list (page windows lifted); a CONSTRUCT query's
    graph as Turtle."""
    max_rows = state().settings.max_rows
    whole = request.args.get("all", "").lower() in WHOLE
    table = fmt is JSON and not whole
    # one row more than the page: the runner's truncation then says there is a next page
    peek = table and query.pagination is not None and query.pagination <= max_rows
    if peek:
        max_rows = query.pagination or max_rows
    task = QueryTask(
        query.whole() if whole else query.paged(page, peek=peek),  # all=1: every row
        solutions=TABLE if table else fmt.name,
        graphs=TURTLE.name,
        max_rows=max_rows,
        substitutions=query.bind(values),
    )
    try:
        outcome = runner().run(task)
    except QuerySyntaxError as exc:
        raise NewsgraphError(f"query {query.name!r} is not valid SPARQL: {exc.detail}") from None
    if outcome.format != TABLE:
        return outcome_response(outcome)
    if outcome.kind == "boolean":
        body = json.dumps({"head": {}, "boolean": outcome.boolean}).encode("utf-8")
        return Response(body, content_type=JSON.content_type)
    assert outcome.solutions is not None
    rows = outcome.solutions
    response = Response(
        solutions_json(rows.names, islice(rows, max_rows)), content_type=JSON.content_type
    )
    if peek:
        g.next_page = bool(outcome.truncated)
    elif outcome.truncated:
        response.headers["X-Newsgraph-Truncated"] = (
            f"first {max_rows} rows; add all=1 (or use format=csv) for every row"
        )
    return response


def run_page(query: CannedQuery, values: Mapping[str, str], page: int) -> Response:
    """The query's page: a form from its parameters, and the result table when it runs."""
    status, error, table, graph = 200, None, None, None
    missing = [p.name for p in query.parameters if p.required and not values.get(p.name)]
    if not missing:
        try:
            max_rows = state().settings.max_rows
            # one row more than the page: the runner's truncation then says "next"
            paged = query.pagination is not None and query.pagination <= max_rows
            if paged:
                max_rows = query.pagination or max_rows
            outcome = run_table(query.paged(page, peek=paged), max_rows, query.bind(values))
            if paged:
                g.next_page = bool(outcome.truncated)
            if outcome.solutions is not None:
                hidden = {p.variable for p in query.parameters}
                table = solution_table(outcome.solutions, max_rows, hidden)
            else:
                graph = graph_text(outcome.triples)
        except NewsgraphError as exc:
            status, error = exc.status, exc.message
    html = render_template(
        "query.html",
        query=query,
        values={p.name: values.get(p.name, p.default or "") for p in query.parameters},
        missing=missing,
        suggestions=suggestions(query),
        page=page,
        error=error,
        table=table,
        graph=graph,
        downloads=downloads(query, values, page),
        pages=page_hrefs(query, values, page, g.next_page)
        if query.pagination is not None and error is None and not missing
        else {},
    )
    return Response(html, status=status, content_type=HTML.content_type)


def page_hrefs(
    query: CannedQuery, values: Mapping[str, str], page: int, next_page: bool | None = None
) -> dict[str, str]:
    """The page's links to the previous and next pages (where they exist)."""
    base = url_for("canned.run", name=query.name)
    hrefs = {}
    if page > 1:
        hrefs["previous"] = f"{base}?{urlencode({**values, PAGE: page - 1})}"
    if next_page if next_page is not None else has_page(query, values, page + 1):
        hrefs["next"] = f"{base}?{urlencode({**values, PAGE: page + 1})}"
    return hrefs


def downloads(query: CannedQuery, values: Mapping[str, str], page: int) -> list[tuple[str, str]]:
    """Links to the whole result (or page) in each data format, with the same parameters."""
    known: dict[str, object] = {
        p.name: values[p.name] for p in query.parameters if values.get(p.name)
    }
    if query.pagination is not None:
        known[PAGE] = page
    base = url_for("canned.run", name=query.name)
    whole = {"all": "1"}  # downloads hold the whole list
    return [
        (
            f.name.upper(),
            f"{base}?{urlencode({**known, 'format': f.name, **whole})}",
        )
        for f in (CSV, TSV, JSON, XML)
    ]
