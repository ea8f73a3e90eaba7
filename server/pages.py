"""The home page (what the graph holds and where to go from here), and helpers the page
templates share: the pictures of a result and the share link of a saved query's result."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, url_for

from newsgraph import ontology as ng
from newsgraph.queries import CannedQuery
from newsgraph.results import display
from newsgraph.server.charts import charts_for
from newsgraph.server.context import state, store
from newsgraph.server.formats import HTML
from newsgraph.server.resources import local_href
from newsgraph.server.tables import format_date

bp = Blueprint("pages", __name__)

LATEST_ARTICLES = 10
COUNTED_CLASSES = (
    ("articles", ng.ARTICLE),
    ("statements", ng.STATEMENT),
    ("figures", ng.FIGURE),
    ("people", ng.PERSON),
    ("sources", ng.SOURCE),
)
SPEAKER_QUERY = "statements-by-person"
"""The saved query the home page's "What did … say?" form runs."""
SPEAKERS = f"""SELECT ?name (COUNT(?s) AS ?n) WHERE {{
  ?s a <{ng.STATEMENT}> ; <{ng.SAID_BY}>/<{ng.RDFS_LABEL}> ?name }}
GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 200"""


@bp.get("/")
def home() -> Response:
    queries = state().queries
    page = render_template(
        "home.html",
        counts=counts(),
        articles=latest_articles(),
        groups=query_groups(queries),
        speakers=speakers() if SPEAKER_QUERY in queries else [],
        speaker_query=SPEAKER_QUERY,
    )
    return Response(page, content_type=HTML.content_type)


def counts() -> dict[str, int]:
    """How many things of each counted class the graph holds, and its triples."""
    found = {}
    for label, cls in COUNTED_CLASSES:
        rows = store().query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")
        found[label] = int(next(iter(rows))["n"].value)
    found["triples"] = store().count()
    return found


def latest_articles() -> list[dict[str, str | None]]:
    """The newest articles, from the ``articles`` canned query (if it is installed)."""
    query = state().queries.get("articles")
    if query is None:
        return []
    rows = store().query(query.sparql, substitutions=query.bind({}))
    names = [v.value for v in rows.variables]
    found: list[dict[str, str | None]] = []
    for row in islice(rows, LATEST_ARTICLES):
        article: dict[str, str | None] = {n: display(row[n]) for n in names}
        article["href"] = local_href(article.get("article") or "")
        article["day"] = format_date(article["published"]) if article.get("published") else ""
        found.append(article)
    return found


def speakers() -> list[str]:
    """The speakers with the most statements first (for the home page's form)."""
    return [row["name"].value for row in store().query(SPEAKERS)]


def query_groups(queries: Mapping[str, CannedQuery]) -> dict[str, list[CannedQuery]]:
    """The saved queries by tag (a query with several tags is in each group)."""
    groups: dict[str, list[CannedQuery]] = {}
    for query in queries.values():
        for tag in query.tags or ("other",):
            groups.setdefault(tag, []).append(query)
    return dict(sorted(groups.items()))


@bp.app_template_global("charts_for")
def _charts_for(table: object) -> dict[str, object]:
    return charts_for(table)  # type: ignore[arg-type]


@bp.app_template_global()
def share_url(query: CannedQuery, values: Mapping[str, str], page: int = 1) -> str:
    """The full address of a saved query's result with these parameter values."""
    given = {name: value for name, value in values.items() if value}
    if query.pagination is not None and page > 1:
        given["page"] = str(page)
    url = url_for("canned.run", name=query.name, _external=True)
    return f"{url}?{urlencode(given)}" if given else url
