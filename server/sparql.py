"""The SPARQL 1.1 Protocol endpoint at ``/sparql`` (and ``/query``, like Oxigraph's server).

Queries come by GET ``?query=``, by POST of a form (``application/x-www-form-urlencoded``)
or by POST of the query itself (``application/sparql-query``). ``default-graph-uri`` and
``named-graph-uri`` (repeatable) choose the dataset; without them the default graph is the
union of all graphs; relative IRIs in a query resolve against the endpoint's URL (the
protocol's "service-defined BASE URI"). The endpoint is read-only: updates are refused and
the store is never written. A query using ``SERVICE`` is refused too (400): this server
never queries other endpoints. A plain GET without a query describes the service (Turtle
for machines, a query form for browsers).
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, render_template, request
from pyoxigraph import NamedNode, QueryBoolean, QueryTriples
from werkzeug.datastructures import MultiDict

from newsgraph.errors import BadRequest, NewsgraphError, UnsupportedMediaType
from newsgraph.ontology import PREFIXES
from newsgraph.server import service
from newsgraph.server.context import state, store
from newsgraph.server.formats import (
    GRAPH_FORMATS,
    HTML,
    SOLUTION_FORMATS,
    negotiate,
    result_response,
)
from newsgraph.server.tables import graph_text, solution_table

bp = Blueprint("sparql", __name__)

READ_ONLY = "this endpoint is read-only: SPARQL updates are not accepted"
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
EXAMPLE_QUERY = """\
SELECT ?speakerName ?text ?date WHERE {
  ?statement a ng:Statement ;
             ng:saidBy/rdfs:label ?speakerName ;
             ng:text ?text .
  OPTIONAL { ?statement ng:saidOn ?date }
}
ORDER BY ?date
LIMIT 20
"""
_PROLOGUE_ITEM = re.compile(r"\s+|#[^\n]*|(?:PREFIX\s*[^\s:]*:\s*|BASE\s*)<[^>]*>", re.I)
_UPDATE_KEYWORD = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)


_NOT_KEYWORDS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
"""Strings, IRIs and comments: the parts of a query where a keyword is not a keyword."""
_SERVICE = re.compile(r"(?<![\w:?$.-])SERVICE(?![\w:-])", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
NO_SERVICE = "SERVICE is not allowed: this endpoint never queries other endpoints"


class ReadOnly(NewsgraphError):
    status = 403


def uses_service(sparql: str) -> bool:
    """True when the query has the SERVICE keyword (outside strings, IRIs and comments).

    >>> uses_service("SELECT * { service <http://e/> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * { ?service ex:SERVICE "SERVICE" } # SERVICE')
    False
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", text)))


def endpoint() -> Response:
    """Answer a SPARQL query, or describe the service when there is none."""
    sparql, params = read_request()
    if sparql is None:
        return describe_service()
    default_graph, named_graphs = dataset(params)
    if uses_service(sparql):
        raise BadRequest(NO_SERVICE)
    try:
        result = store().query(
            sparql,
            default_graph=default_graph,
            named_graphs=named_graphs,
            base_iri=request.base_url,  # relative IRIs resolve against the endpoint
        )
    except SyntaxError as exc:
        if looks_like_update(sparql):
            raise ReadOnly(READ_ONLY) from None
        raise BadRequest(f"malformed query: {exc}") from None
    name = params.get("format") or params.get("output")
    if isinstance(result, QueryTriples):
        fmt = negotiate((*GRAPH_FORMATS, HTML), name=name, accept=request.accept_mimetypes)
    else:
        fmt = negotiate((*SOLUTION_FORMATS, HTML), name=name, accept=request.accept_mimetypes)
    try:
        response = html_result(sparql, result) if fmt is HTML else result_response(result, fmt)
    except (OSError, RuntimeError, ValueError) as exc:  # raised while the query is evaluated
        raise NewsgraphError(f"the query failed: {exc}") from None
    response.vary.add("Accept")
    return response


# strict_slashes=False: "/sparql/" (the W3C test manifest's path) answers too.
bp.add_url_rule("/sparql", "sparql", endpoint, methods=["GET", "POST"], strict_slashes=False)
bp.add_url_rule("/query", "query", endpoint, methods=["GET", "POST"], strict_slashes=False)


def read_request() -> tuple[str | None, MultiDict]:
    """The query text (None on a plain GET) and the protocol parameters.

    Raises:
        BadRequest: no query in a POST, an empty query, two queries, a body not in UTF-8.
        UnsupportedMediaType: a POST body of another type.
        ReadOnly: an update.
    """
    if request.method in ("GET", "HEAD"):
        params: MultiDict = request.args
        queries = params.getlist("query")
        if "update" in params:
            raise ReadOnly(READ_ONLY)
        if not queries:
            return None, params
    else:
        mimetype = request.mimetype
        if mimetype == FORM:
            params = MultiDict(request.args)
            params.update(request.form)
            queries = params.getlist("query")
            if "update" in params:
                raise ReadOnly(READ_ONLY)
        elif mimetype == QUERY_BODY:
            params = request.args
            queries = [body_text(), *params.getlist("query")]
        elif mimetype == UPDATE_BODY:
            raise ReadOnly(READ_ONLY)
        else:
            raise UnsupportedMediaType(
                f"cannot read a POST body of type {mimetype or '(none)'!r}; "
                f"send {FORM} with a 'query' field, or {QUERY_BODY}"
            )
    if len(queries) != 1:
        raise BadRequest(
            f"expected exactly one query, got {len(queries)}"
            if queries
            else "missing query: send it as the 'query' parameter"
        )
    if not queries[0].strip():
        raise BadRequest("empty query")
    return queries[0], params


def body_text() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise BadRequest(f"the query must be sent in UTF-8, not {charset}")
    try:
        return request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the query is not valid UTF-8: {exc}") from None


def dataset(params: MultiDict) -> tuple[list[NamedNode] | None, list[NamedNode] | None]:
    """The protocol's dataset: both None (the union default graph) or both lists.

    As in Oxigraph's server, naming any graph fixes the whole dataset: the default graph is
    the merge of the ``default-graph-uri`` graphs (empty if none) and only the
    ``named-graph-uri`` graphs can be queried with GRAPH.
    """
    default_iris = params.getlist("default-graph-uri")
    named_iris = params.getlist("named-graph-uri")
    if not default_iris and not named_iris:
        return None, None
    return [iri_param(i) for i in default_iris], [iri_param(i) for i in named_iris]


def iri_param(value: str) -> NamedNode:
    try:
        return NamedNode(value)
    except ValueError as exc:
        raise BadRequest(f"not a valid graph IRI {value!r}: {exc}") from None


def looks_like_update(sparql: str) -> bool:
    """True when the text starts (after the prologue) with an update operation.

    >>> looks_like_update("PREFIX ex: <http://e/#> # x\\n  insert data { ex:a ex:b ex:c }")
    True
    >>> looks_like_update("# DROP ALL\\nASK {}")
    False
    >>> looks_like_update("SELECT * { ?s ?p ?o }")
    False
    """
    pos = 0
    while item := _PROLOGUE_ITEM.match(sparql, pos):
        pos = item.end()
    return bool(_UPDATE_KEYWORD.match(sparql, pos))


def describe_service() -> Response:
    """The service description (an ``sd:Service``), or the query form for browsers."""
    offers = (*service.FORMATS, HTML)
    fmt = negotiate(offers, name=request.args.get("format"), accept=request.accept_mimetypes)
    if fmt is HTML:
        response = page(EXAMPLE_QUERY)
    else:
        response = service.description_response(request.base_url, fmt)
    response.vary.add("Accept")
    return response


def html_result(sparql: str, result: object) -> Response:
    if isinstance(result, QueryTriples):
        return page(sparql, graph=graph_text(result))
    if isinstance(result, QueryBoolean):
        return page(sparql, boolean=bool(result))
    return page(sparql, table=solution_table(result, state().settings.max_rows))


def page(sparql: str, **result: object) -> Response:
    html = render_template(
        "sparql.html",
        query=sparql,
        prefixes=PREFIXES,
        formats=[*SOLUTION_FORMATS, *GRAPH_FORMATS],
        **result,
    )
    return Response(html, content_type=HTML.content_type)
