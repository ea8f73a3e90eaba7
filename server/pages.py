"""The home page (what the graph holds and where to go from here), and helpers the page
templates share: the pictures of a result and the share link of a saved query's result."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, url_for
from pyoxigraph import Variable

import newsgraph.server.page_queries as page_queries
from newsgraph import ontology as ng
from newsgraph.errors import NewsgraphError
from newsgraph.queries import CannedQuery
from newsgraph.server.charts import charts_for
from newsgraph.server.context import state
from newsgraph.server.formats import HTML
from newsgraph.server.resources import local_href
from newsgraph.server.tables import Table, format_date
from newsgraph.sparql.results import display
from newsgraph.store.derived import entities_graph
from newsgraph.store.rdf import Minter

bp = Blueprint("pages", __name__)
log = logging.getLogger(__name__)

LATEST_ARTICLES = 10
COUNTS = (
    ("articles", ng.ARTICLE_COUNT),
    ("statements", ng.STATEMENT_TOTAL),
    ("figures", ng.FIGURE_TOTAL),
    ("people", ng.PERSON_COUNT),
    ("sources", ng.SOURCE_COUNT),
    ("triples", ng.QUAD_COUNT),
)
"""The home page's counts, as kept at ingest and load on the store's statistics
(:mod:`newsgraph.store.derived`): counting them per request read the whole store."""
SPEAKER_QUERY = "statements-by-person"
"""The saved query the home page's "What did … say?" form runs."""
STATS = "SELECT ?p ?n WHERE { VALUES ?p { %s } ?stats ?p ?n }"
SPEAKERS = f"""SELECT ?name ?n WHERE {{ GRAPH $ENTITIES {{
  VALUES ?class {{ <{ng.PERSON}> <{ng.ORGANIZATION}> }}
  ?x <{ng.SAID_COUNT}> ?n ; <{ng.SKOS_PREF_LABEL}> ?name ; a ?class .
}} }} ORDER BY DESC(?n) LIMIT 200"""
"""The most quoted people and organisations, from the counts kept at ingest in the
entities graph (which holds each name, class and count once: every article's graph
repeats them)."""


@bp.get("/")
def home() -> Response:
    """The home page. Its queries run like a user's, through the app's query runner (the
    same time limit and memory cap); one that fails or runs out of time leaves its part of
    the page out ("—" for a count) rather than the whole page."""
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


def counts() -> dict[str, int | None]:
    """How many articles, statements, figures, people and sources the graph holds, and
    its quads, as kept at ingest and load; None for a count the store does not have
    (a store written before these counts were kept: ``newsgraph load`` or an ingest
    computes them) or that the runner could not give in time."""
    props = " ".join(f"<{prop}>" for _, prop in COUNTS)
    found = {row["p"].value: int(row["n"].value) for row in page_rows(STATS % props, 20)}
    if not found and _empty():  # nothing ingested yet: nothing to count
        return dict.fromkeys((label for label, _ in COUNTS), 0)
    return {label: found.get(prop) for label, prop in COUNTS}


def _empty() -> bool:
    """Whether the store holds no quads at all (False when the runner cannot say)."""
    try:
        return not page_queries.ask("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    except NewsgraphError:
        return False


def latest_articles() -> list[dict[str, str | None]]:
    """The newest articles, from the ``articles`` canned query (if it is installed)."""
    query = state().queries.get("articles")
    if query is None:
        return []
    found: list[dict[str, str | None]] = []
    for row in page_rows(query.sparql, LATEST_ARTICLES, query.bind({})):
        article: dict[str, str | None] = {n: display(v) for n, v in row.items()}
        article["href"] = local_href(article.get("article") or "")
        published = article.get("published")
        article["day"] = format_date(published) if published else ""
        found.append(article)
    return found


def speakers() -> list[str]:
    """The speakers with the most statements first (for the home page's form)."""
    graph = entities_graph(Minter(state().settings.base_iri))
    return [row["name"].value for row in page_rows(SPEAKERS.replace("$ENTITIES", str(graph)), 200)]


def page_rows(
    sparql: str, max_rows: int, substitutions: Mapping[Variable, object] | None = None
) -> list[dict[str, Any]]:
    """The rows of one of the home page's queries (:func:`page_queries.rows`); none when
    it fails or runs out of time (logged), so the rest of the page still shows."""
    try:
        return page_queries.rows(sparql, max_rows, substitutions)
    except NewsgraphError as exc:
        log.warning("a home page query gave no rows: %s", exc.message)
        return []


def query_groups(queries: Mapping[str, CannedQuery]) -> dict[str, list[CannedQuery]]:
    """The saved queries by tag (a query with several tags is in each group)."""
    groups: dict[str, list[CannedQuery]] = {}
    for query in queries.values():
        for tag in query.tags or ("other",):
            groups.setdefault(tag, []).append(query)
    return dict(sorted(groups.items()))


@bp.app_template_global("charts_for")
def _charts_for(table: Table | None) -> dict[str, object]:
    return charts_for(table)


@bp.app_template_global()
def share_url(query: CannedQuery, values: Mapping[str, str], page: int = 1) -> str:
    """The full address of a saved query's result with these parameter values."""
    given = {name: value for name, value in values.items() if value}
    if query.pagination is not None and page > 1:
        given["page"] = str(page)
    url = url_for("canned.run", name=query.name, _external=True)
    return f"{url}?{urlencode(given)}" if given else url
