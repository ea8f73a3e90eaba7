"""The SPARQL 1.1 Protocol endpoint at ``/sparql`` (and ``/query``, like Oxigraph's server).

Queries come by GET ``?query=``, by POST of a form (``application/x-www-form-urlencoded``)
or by POST of the query itself (``application/sparql-query``). ``default-graph-uri`` and
``named-graph-uri`` (repeatable) choose the dataset; without them the default graph is the
union of all graphs; relative IRIs in a query resolve against the endpoint's URL (the
protocol's "service-defined BASE URI"). The endpoint is read-only: updates are refused and
the store is never written. A query using ``SERVICE`` is refused too (400): this server
never queries other endpoints (see :mod:`newsgraph.server.guard`). A query longer than
:data:`~newsgraph.server.guard.MAX_QUERY_BYTES` gets 413. Queries run through the app's
query runner (:mod:`newsgraph.server.worker`): with a time limit, a memory cap, and results
streamed. A plain GET without a query describes the service (Turtle for machines, a query
form for browsers).
"""

from __future__ import annotations

import functools
import re

from flask import Blueprint, Response, render_template, request
from pyoxigraph import NamedNode
from werkzeug.datastructures import MultiDict
from werkzeug.sansio.utils import get_current_url

import newsgraph.server.service as service
from newsgraph.errors import BadRequest, NewsgraphError, PayloadTooLarge, UnsupportedMediaType
from newsgraph.ontology import PREFIXES
from newsgraph.server.context import state
from newsgraph.server.execution import TABLE, QueryOutcome, QuerySyntaxError, QueryTask
from newsgraph.server.formats import (
    GRAPH_FORMATS,
    HTML,
    SOLUTION_FORMATS,
    negotiate,
    outcome_response,
)
from newsgraph.server.guard import MAX_QUERY_BYTES, uses_service
from newsgraph.server.runners import runner
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

NO_SERVICE = "SERVICE is not allowed: this endpoint never queries other endpoints"


class ReadOnly(NewsgraphError):
    status = 403


def endpoint() -> Response:
    """Answer a SPARQL query, or describe the service when there is none."""
    sparql, params = read_request()
    if sparql is None:
        return describe_service()
    default_graph, named_graphs = dataset(params)
    if uses_service(sparql):
        raise BadRequest(NO_SERVICE)
    name = params.get("format") or params.get("output")
    accept = request.headers.get("Accept")
    solutions = negotiate((*SOLUTION_FORMATS, HTML), name=name, accept=accept)
    graphs = negotiate((*GRAPH_FORMATS, HTML), name=name, accept=accept)
    task = QueryTask(
        sparql,
        solutions=TABLE if solutions is HTML else solutions.name,
        graphs=TABLE if graphs is HTML else graphs.name,
        max_rows=state().settings.max_rows,
        default_graph=default_graph,
        named_graphs=named_graphs,
        base_iri=endpoint_url(),  # relative IRIs resolve against the endpoint
    )
    try:
        outcome = runner().run(task)
    except QuerySyntaxError as exc:
        if looks_like_update(sparql):
            raise ReadOnly(READ_ONLY) from None
        raise BadRequest(f"malformed query: {exc.detail}") from None
    if outcome.format == TABLE:
        response = html_result(sparql, outcome)
    else:
        response = outcome_response(outcome)
    response.vary.add("Accept")
    return response


# strict_slashes=False: "/sparql/" (the W3C test manifest's path) answers too.
bp.add_url_rule("/sparql", "sparql", endpoint, methods=["GET", "POST"], strict_slashes=False)
bp.add_url_rule("/query", "query", endpoint, methods=["GET", "POST"], strict_slashes=False)


def endpoint_url() -> str:
    """The endpoint's own URL (``request.base_url``), remembered per host and path: werkzeug
    rebuilds and re-encodes it on every request, a tenth of a small query's time."""
    return _current_url(request.scheme, request.host, request.root_path, request.path)


@functools.lru_cache(maxsize=256)
def _current_url(scheme: str, host: str, root_path: str, path: str) -> str:
    return get_current_url(scheme, host, root_path, path)


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
    if len(queries) == 1 and len(queries[0].encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise PayloadTooLarge(f"the query is longer than the limit of {MAX_QUERY_BYTES} bytes")
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
    fmt = negotiate(offers, name=request.args.get("format"), accept=request.headers.get("Accept"))
    if fmt is HTML:
        response = page(EXAMPLE_QUERY)
    else:
        response = service.description_response(endpoint_url(), fmt)
    response.vary.add("Accept")
    return response


def html_result(sparql: str, outcome: QueryOutcome) -> Response:
    """The query form with its result: a table, a boolean, or the graph as Turtle (capped at
    ``max_rows`` rows or triples; the downloads give all of it)."""
    max_rows = state().settings.max_rows
    if outcome.kind == "triples":
        text = graph_text(outcome.triples)
        if outcome.truncated:
            text = f"# the first {max_rows} triples; download the result for all of them\n{text}"
        return page(sparql, graph=text)
    if outcome.kind == "boolean":
        return page(sparql, boolean=bool(outcome.boolean))
    assert outcome.solutions is not None  # a table outcome of kind "solutions" has rows
    return page(sparql, table=solution_table(outcome.solutions, max_rows))


def page(sparql: str, **result: object) -> Response:
    html = render_template(
        "sparql.html",
        query=sparql,
        prefixes=PREFIXES,
        formats=[*SOLUTION_FORMATS, *GRAPH_FORMATS],
        **result,
    )
    return Response(html, content_type=HTML.content_type)
