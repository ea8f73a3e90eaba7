"""A fuzz pass over the HTTP API with hypothesis: no request gets a 500.

Paths come from the OpenAPI description of the app; parameter values, query texts,
headers and bodies are generated. Bounded: a fixed number of examples, no deadline, an
in-memory store.
"""

from __future__ import annotations

import pytest
from sample_data import BASE, filled_store

from newsgraph.config import Settings
from newsgraph.server import create_app

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

APP = create_app(Settings(base_iri=BASE, max_rows=20), store=filled_store())
CLIENT = APP.test_client()
OPENAPI = CLIENT.get("/openapi.json").json
PATHS = sorted(p for p in OPENAPI["paths"] if "{" not in p) + [
    "/export",
    "/ns",
    "/person/vladimir-putin",
    "/queries.json",
]
PARAMETERS = sorted(
    {
        p["name"]
        for op in OPENAPI["paths"].values()
        for m in op.values()
        for p in m.get("parameters", [])
    }
    | {"query", "format", "graph", "default-graph-uri", "named-graph-uri", "page", "article"}
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
SPARQLISH = st.one_of(
    TEXT,
    st.sampled_from(
        ["SELECT * {", "ASK {}", "DESCRIBE <x>", "SELECT ?x { ?x ?p ?o } LIMIT 3"]
    ).flatmap(lambda q: st.builds(lambda t: q + t, TEXT)),
)
ACCEPTS = st.sampled_from(
    ["*/*", "text/html", "application/json", "text/csv", "text/turtle", "image/png", "", "a/b;q=x"]
)
SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def assert_no_500(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, (response.status_code, response.data[:300])
    assert b"Traceback" not in response.data


@SETTINGS
@given(
    path=st.sampled_from(PATHS),
    params=st.dictionaries(st.sampled_from(PARAMETERS), st.one_of(TEXT, SPARQLISH), max_size=4),
    accept=ACCEPTS,
)
def test_get_with_any_parameters_is_never_a_500(path: str, params: dict, accept: str) -> None:
    assert_no_500(CLIENT.get(path, query_string=params, headers={"Accept": accept}))


@SETTINGS
@given(
    name=st.sampled_from(
        [p.removeprefix("/queries/") for p in OPENAPI["paths"] if p.startswith("/queries/")]
    ),
    params=st.dictionaries(TEXT, TEXT, max_size=3),
    suffix=st.sampled_from(["", ".csv", ".json", ".xml", ".html", ".x"]),
)
def test_canned_queries_with_any_values_are_never_a_500(
    name: str, params: dict, suffix: str
) -> None:
    assert_no_500(CLIENT.get(f"/queries/{name}{suffix}", query_string=params))


@SETTINGS
@given(
    body=st.one_of(st.binary(max_size=200), SPARQLISH.map(lambda s: s.encode("utf-8"))),
    content_type=st.sampled_from(
        [
            "application/sparql-query",
            "application/sparql-query; charset=latin-1",
            "application/x-www-form-urlencoded",
            "application/sparql-update",
            "multipart/form-data; boundary=x",
            "text/plain",
            "",
        ]
    ),
)
def test_post_of_any_body_is_never_a_500(body: bytes, content_type: str) -> None:
    assert_no_500(CLIENT.post("/sparql", data=body, content_type=content_type))
