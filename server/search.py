"""``/search?q=``: full-text search over what was said, the figures and their sources.

A page for browsers and JSON for machines (``/search.json``, ``format=json`` or
``Accept``), from the index of :mod:`newsgraph.search.index`: ranked by bm25, with snippets,
paged (``page``, ``limit``; a ``next`` link while there are more), filtered by speaker,
source type, kind, publisher and date range. The words of ``q`` are searched as typed;
``mode=advanced`` takes SQLite FTS5's query syntax instead. A bad parameter is a 400 in
the app's one error shape.

The index is a file beside the store (:func:`newsgraph.search.index.index_path`), opened
read-only by each server thread; an app over a store in memory (tests) indexes that store
in memory when it starts.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from markupsafe import Markup, escape

from newsgraph import ontology as ng
from newsgraph.errors import BadRequest, NewsgraphError, ServiceUnavailable
from newsgraph.search.index import (
    DEFAULT_LIMIT,
    KINDS,
    MAX_LIMIT,
    MAX_PAGE,
    SearchIndex,
    SearchQuery,
    plain,
    snippet_parts,
)
from newsgraph.search.sync import build_progress, index_path, memory_index
from newsgraph.server.context import json_response
from newsgraph.server.formats import HTML, Format, negotiate
from newsgraph.server.resources import local_href

bp = Blueprint("search", __name__)

_KEY = "newsgraph.search"
JSON_FORMAT = Format("json", "application/json")
FORMATS = (HTML, JSON_FORMAT)
MODES = ("words", "advanced")
PARAMETERS = ("q", "mode", "speaker", "source_type", "kind", "publisher", "from", "to")
"""The query string's names besides ``page``, ``limit`` and ``format``."""
MAX_VALUE_CHARS = 500


@bp.record_once
def _setup(setup: BlueprintSetupState) -> None:
    assert isinstance(setup.app, Flask)  # a Blueprint is registered on a Flask app
    init_app(setup.app)


def init_app(app: Flask) -> None:
    """Give the app its index: a file beside the store, or one in memory built from a
    store in memory."""
    app_state = app.extensions["newsgraph"]
    store = app_state.store
    if getattr(store, "path", None) is None and not isinstance(app_state.settings.store, str):
        app.extensions[_KEY] = _Shared(memory_index(store))
    else:
        app.extensions[_KEY] = _PerThread(index_path(app_state.settings))


class _Shared:
    """One index for every thread (in memory: SQLite serialises its use)."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._lock = threading.Lock()

    def search(self, query: SearchQuery) -> Any:
        with self._lock:
            return self._index.search(query)


class _PerThread:
    """A read-only connection to the index file per server thread, opened when first used
    (the file may appear after the server started). While the index is first built (by
    ``newsgraph serve`` in the background, or ``newsgraph search-index``), a search is a
    503 saying how far the build has got; a rebuild of an index that was complete
    answers from the old rows until it commits."""

    def __init__(self, path: Any) -> None:
        self.path = path
        self._local = threading.local()

    def search(self, query: SearchQuery) -> Any:
        index = getattr(self._local, "index", None)
        if index is None and self.path.is_file():
            index = self._local.index = SearchIndex(self.path, read_only=True)
        # an index once complete stays so (a rebuild commits whole): looked up until then
        if not getattr(self._local, "complete", False):
            self._local.complete = index is not None and index.meta("state") is not None
            building = None if self._local.complete else build_progress(self.path)
            if building is not None:
                done, total = building
                raise ServiceUnavailable(
                    f"the search index is being built ({done:,} of {total:,} articles read): "
                    "try again in a minute",
                    retry_after=30,
                )
        if index is None:  # no index and no build: the error says how to build one
            index = self._local.index = SearchIndex(self.path, read_only=True)
        return index.search(query)
        return index.search(query)


@bp.get("/search")
def search() -> Response:
    fmt = negotiate(
        FORMATS, name=request.args.get("format"), accept=request.headers.get("Accept"), strict=True
    )
    return _search(fmt)


@bp.get("/search.json")
def search_json() -> Response:
    return _search(JSON_FORMAT)


def _search(fmt: Format) -> Response:
    query = parse_query(request.args)
    if fmt is HTML:
        response = _page(query)  # without q: the search form alone
    elif query is None:
        raise BadRequest(_NO_QUERY)
    else:
        response = json_response(_json(query, run(query)))
    response.vary.add("Accept")
    return response


_NO_QUERY = "parameter 'q' is missing: give words to search for (/search?q=tariffs)"


def run(query: SearchQuery) -> Any:
    return _searcher().search(query)


def _searcher() -> Any:
    return current_app.extensions[_KEY]


def parse_query(args: Any) -> SearchQuery | None:
    """The search a query string asks for (None without ``q``).

    Raises:
        BadRequest: a parameter given twice, too long, or not one of its allowed values.
    """
    values: dict[str, str] = {}
    for name in (*PARAMETERS, "page", "limit"):
        given = args.getlist(name)
        if len(given) > 1:
            raise BadRequest(f"parameter {name!r} is given {len(given)} times; give it once")
        value = given[0].strip() if given else ""
        if len(value) > MAX_VALUE_CHARS:
            raise BadRequest(f"parameter {name!r} is over {MAX_VALUE_CHARS} characters")
        values[name] = value
    if not values["q"]:
        return None
    mode = values["mode"] or "words"
    _choice("mode", mode, MODES)
    if values["source_type"]:
        _choice("source_type", values["source_type"], ng.SOURCE_TYPES)
    if values["kind"]:
        _choice("kind", values["kind"], KINDS)
    return SearchQuery(
        text=values["q"],
        advanced=mode == "advanced",
        speaker=values["speaker"],
        source_type=values["source_type"],
        kind=values["kind"],
        publisher=values["publisher"],
        date_from=_date("from", values["from"]),
        date_to=_date("to", values["to"]),
        page=_number("page", values["page"], 1, MAX_PAGE, 1),
        limit=_number("limit", values["limit"], 1, MAX_LIMIT, DEFAULT_LIMIT),
    )


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise BadRequest(f"parameter {name!r} must be one of {', '.join(allowed)}; got {value!r}")


def _date(name: str, value: str) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"parameter {name!r} must be a date (YYYY-MM-DD); got {value!r}") from None


def _number(name: str, value: str, low: int, high: int, default: int) -> int:
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadRequest(
            f"parameter {name!r} must be a whole number from {low} to {high}; got {value!r}"
        )
    return int(value)


def _given(query: SearchQuery) -> dict[str, str]:
    """The query string of a search (without page), for links."""
    given = {
        "q": query.text,
        "mode": "advanced" if query.advanced else "",
        "speaker": query.speaker,
        "source_type": query.source_type,
        "kind": query.kind,
        "publisher": query.publisher,
        "from": query.date_from,
        "to": query.date_to,
        "limit": str(query.limit) if query.limit != DEFAULT_LIMIT else "",
    }
    return {k: v for k, v in given.items() if v}


def page_href(query: SearchQuery, page: int, *, json: bool = False) -> str:
    params = {**_given(query), **({"page": str(page)} if page > 1 else {})}
    return url_for("search.search_json" if json else "search.search") + "?" + urlencode(params)


def _json(query: SearchQuery, found: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "query": {
            "q": query.text,
            "mode": "advanced" if query.advanced else "words",
            "speaker": query.speaker or None,
            "source_type": query.source_type or None,
            "kind": query.kind or None,
            "publisher": query.publisher or None,
            "from": query.date_from or None,
            "to": query.date_to or None,
            "page": query.page,
            "limit": query.limit,
        },
        "results": [_result(hit) for hit in found.hits],
        "next": page_href(query, query.page + 1, json=True) if found.has_next else None,
        "ranked_among": found.ranked_among,
    }
    return body


def _result(hit: Any) -> dict[str, Any]:
    e = hit.entry
    return {
        "item": e.item,
        "kind": e.kind,
        "text": e.text,
        "snippet": plain(hit.snippet),
        "snippet_html": str(snippet_html(hit.snippet)),
        "name": e.name or None,
        "source": e.source or None,
        "source_type": e.source_type or None,
        "article": e.article,
        "article_id": e.article_id or None,
        "title": e.title or None,
        "published": e.published or None,
        "publisher": e.publisher or None,
        "score": round(-hit.score, 4),
    }


def snippet_html(snippet: str) -> Markup:
    """A snippet as HTML: every piece escaped, the matched ones in ``<mark>``.

    >>> str(snippet_html("a \\x02<b>\\x03 & c"))
    'a <mark>&lt;b&gt;</mark> &amp; c'
    """
    return Markup("").join(
        Markup("<mark>%s</mark>") % piece if matched else escape(piece)
        for piece, matched in snippet_parts(snippet)
    )


def _page(query: SearchQuery | None) -> Response:
    status, error, found, retry_after = 200, None, None, None
    if query is not None:
        try:
            found = run(query)
        except NewsgraphError as exc:
            status, error = exc.status, exc.message
            retry_after = getattr(exc, "retry_after", None)
    results = []
    if found is not None:
        for hit in found.hits:
            e = hit.entry
            results.append(
                {
                    "entry": e,
                    "snippet": snippet_html(hit.snippet),
                    "href": local_href(e.item),
                    "source_href": local_href(e.source) if e.source else None,
                    "article_href": local_href(e.article),
                }
            )
    values = {name: request.args.get(name, "").strip() for name in PARAMETERS}
    html = render_template(
        "search.html",
        query=query,
        values=values,
        error=error,
        results=results,
        found=found,
        source_types=ng.SOURCE_TYPES,
        kinds=KINDS,
        previous=page_href(query, query.page - 1) if query and query.page > 1 else None,
        next=page_href(query, query.page + 1) if query and found and found.has_next else None,
        json_href=page_href(query, query.page, json=True) if query else None,
    )
    response = Response(html, status=status, content_type=HTML.content_type)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


@bp.app_template_global()
def search_href() -> str:
    """The search page's address (for the search box of every page)."""
    return url_for("search.search")


def openapi_path() -> dict[str, Any]:
    """The ``/search`` operation of the OpenAPI document (:mod:`newsgraph.server.openapi`)."""

    def param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": name,
            "in": "query",
            "required": name == "q",
            "description": description,
            "schema": schema,
        }

    text = {"type": "string", "maxLength": MAX_VALUE_CHARS}
    day = {"type": "string", "format": "date"}
    parameters = [
        param("q", "The words to search for, each required (or FTS5 syntax with "
              "mode=advanced).", {**text, "minLength": 1}),
        param("mode", "words (default): the words as typed; advanced: SQLite FTS5 query "
              "syntax, a syntax error is a 400.", {"type": "string", "enum": list(MODES)}),
        param("speaker", "Only what this speaker or source said or reported (a name, "
              "without regard to case, or an IRI).", text),
        param("source_type", "Only sources of this kind (ng:sourceType).",
              {"type": "string", "enum": list(ng.SOURCE_TYPES)}),
        param("kind", "Only statements, figures or sources.",
              {"type": "string", "enum": list(KINDS)}),
        param("publisher", "Only articles of this publisher (its name).", text),
        param("from", "Only articles published on or after this day.", day),
        param("to", "Only articles published on or before this day.", day),
        param("page", "The page of results.",
              {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}),
        param("limit", "Results per page.",
              {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}),
        param("format", "json or html (also by Accept, or /search.json).",
              {"type": "string", "enum": [f.name for f in FORMATS]}),
    ]  # fmt: skip
    error = {"$ref": "#/components/responses/Error"}
    return {
        "get": {
            "operationId": "search",
            "summary": "Full-text search over statements, figures and sources",
            "description": "Ranked by bm25 (best first), with snippets; JSON gives "
            "results (item, kind, text, snippet, snippet_html, name, source, source_type, "
            "article, article_id, title, published, publisher, score), next (the next "
            "page's address, or null) and ranked_among (set when only the most recently "
            "indexed matches were ranked).",
            "tags": ["search"],
            "parameters": parameters,
            "responses": {
                "200": {
                    "description": "The results",
                    "content": {"application/json": {}, "text/html": {}},
                },
                "400": error,
                "503": error,
            },
        }
    }
