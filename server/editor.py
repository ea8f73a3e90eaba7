"""``/editor``: the SPARQL editor page, and the "open in editor" link of a saved query.

The page is a form whose query box becomes a CodeMirror editor (SPARQL highlighting,
Ctrl-Enter to run) served from ``static/vendor`` — never from another site. The page
itself never runs a query: its script sends the query to ``/sparql`` (so every limit of
the endpoint applies) and draws the table, marks a syntax error at the line and column
the endpoint names, links the downloads and keeps the query in the address
(``/editor?query=...``), so a link reopens it and the back button goes to the previous
one. Without JavaScript the form posts to ``/sparql``, which answers with a page.

>>> from newsgraph.queries import parse_query
>>> q = parse_query("q", "#+ summary: S\\nSELECT ?_name ?p WHERE {\\n ?p ?x ?_name }")
>>> print(editable_text(q, {"name": "Ann"}), end="")
# S (saved query q)
SELECT ?_name ?p WHERE {
  VALUES ?_name { "Ann" }
 ?p ?x ?_name }
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request, url_for

from newsgraph.errors import NewsgraphError
from newsgraph.ontology import ONTOLOGY_IRI, PREFIXES
from newsgraph.queries import CannedQuery
from newsgraph.server.context import state
from newsgraph.server.formats import GRAPH_FORMATS, HTML, SOLUTION_FORMATS
from newsgraph.server.resources import KINDS
from newsgraph.sparql.prebind import select_groups

bp = Blueprint("editor", __name__)

EDITOR_VENDOR = "vendor/codemirror-5.65.21"
"""The vendored editor's folder under ``static/`` (tools/vendor-editor.sh fills it)."""
EXAMPLE_QUERY = """\
# Who said what, and when (the prefixes ng:, rdfs:, xsd: ... are predefined)
SELECT ?speakerName ?text ?date ?statement WHERE {
  ?statement a ng:Statement ;
             ng:saidBy/rdfs:label ?speakerName ;
             ng:text ?text .
  OPTIONAL { ?statement ng:saidOn ?date }
}
ORDER BY ?date
LIMIT 50
"""


@bp.get("/editor")
def editor() -> Response:
    """The editor, holding ``?query=`` (a shared link) or an example."""
    query = request.args.get("query") or EXAMPLE_QUERY
    html = render_template("editor.html", query=query, shared="query" in request.args)
    return Response(html, content_type=HTML.content_type)


@bp.app_template_global()
def editor_settings() -> dict[str, object]:
    """What the editor's page and script need (also on ``/sparql``'s result page)."""
    return {
        "vendor": EDITOR_VENDOR,
        "base_iri": state().settings.base_iri,
        "kinds": " ".join(KINDS),
        "max_rows": state().settings.max_rows,
        "prefixes": PREFIXES,
        "ontology_iri": ONTOLOGY_IRI,
        "solution_formats": [f.name for f in SOLUTION_FORMATS],
        "graph_formats": [f.name for f in GRAPH_FORMATS[:4]],
    }


def editable_text(query: CannedQuery, values: Mapping[str, str]) -> str:
    """A saved query's text for the editor, with the given parameter values written in.

    The ``#+`` header becomes one comment line, and each bound parameter becomes a
    ``VALUES`` row at the start of the ``WHERE`` group of every ``SELECT`` that projects
    it (the outermost, and a subquery such as a page window that the saved query's
    substitution reaches too); an optional parameter without a value stays unbound, as
    when the saved query runs.
    """
    lines = [line for line in query.sparql.splitlines() if not line.startswith("#+")]
    text = "\n".join(lines).strip("\n")
    try:
        bound = query.bind(values)
    except NewsgraphError:
        bound = {}
    if query.pagination is not None:
        text = query.paged(1).replace(query.sparql.rstrip(), text.rstrip())
    for brace, projected in reversed(select_groups(text)):
        rows = "".join(
            f"\n  VALUES ?{var.value} {{ {term} }}"
            for var, term in bound.items()
            if var.value in projected
        )
        text = text[: brace + 1] + rows + text[brace + 1 :]
    title = query.summary or query.name
    return f"# {title} (saved query {query.name})\n{text}\n"


@bp.app_template_global()
def editor_href(query: CannedQuery, values: Mapping[str, str]) -> str:
    """The link that opens a saved query, with its parameter values, in the editor."""
    return url_for("editor.editor") + "?" + urlencode({"query": editable_text(query, values)})
