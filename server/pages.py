"""The home page: what the graph holds and where to go from here."""

from __future__ import annotations

from itertools import islice

from flask import Blueprint, Response, render_template

from newsgraph import ontology as ng
from newsgraph.results import display
from newsgraph.server.context import state, store
from newsgraph.server.formats import HTML

bp = Blueprint("pages", __name__)

LATEST_ARTICLES = 10
COUNTED_CLASSES = (
    ("articles", ng.ARTICLE),
    ("statements", ng.STATEMENT),
    ("figures", ng.FIGURE),
    ("people", ng.PERSON),
    ("sources", ng.SOURCE),
)


@bp.get("/")
def home() -> Response:
    page = render_template("home.html", counts=counts(), articles=latest_articles())
    return Response(page, content_type=HTML.content_type)


def counts() -> dict[str, int]:
    """How many things of each counted class the graph holds, and its triples."""
    found = {}
    for label, cls in COUNTED_CLASSES:
        rows = store().query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")
        found[label] = int(next(iter(rows))["n"].value)
    found["triples"] = store().count()
    return found


def latest_articles() -> list[dict[str, str]]:
    """The newest articles, from the ``articles`` canned query (if it is installed)."""
    query = state().queries.get("articles")
    if query is None:
        return []
    rows = store().query(query.sparql, substitutions=query.bind({}))
    names = [v.value for v in rows.variables]
    return [{n: display(row[n]) for n in names} for row in islice(rows, LATEST_ARTICLES)]
