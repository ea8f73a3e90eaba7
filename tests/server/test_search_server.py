"""``/search`` through Flask's test client over the sample graph: HTML and JSON, escaping
under the strict CSP, bad parameters as 400s in the app's error shape, the search box of
every page, and the OpenAPI entry."""

from __future__ import annotations

import pytest
from sample_data import BASE, filled_store

from newsgraph.config import Settings
from newsgraph.server import create_app

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    return create_app(Settings(base_iri=BASE), store=filled_store()).test_client()


def test_json_results_with_snippets_and_what_they_are_about(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/search.json?q=conscripts&speaker=Vladimir Putin").json
    assert body["query"]["q"] == "conscripts"
    [result] = body["results"]
    assert result["text"] == "conscripts would not take part"
    assert result["snippet_html"] == "<mark>conscripts</mark> would not take part"
    assert result["snippet"] == "conscripts would not take part"
    assert (result["kind"], result["name"], result["source_type"]) == (
        "statement",
        "Vladimir Putin",
        "named-person",
    )
    assert result["article"] == BASE + "article/a.txt"
    assert (result["published"], result["publisher"]) == ("2022-03-10", "The Daily Example")
    assert body["next"] is None


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/search.json?q=soldiers", {}),
        ("/search?q=soldiers&format=json", HTML),
        ("/search?q=soldiers", {"Accept": "application/json"}),
    ],
)
def test_json_by_suffix_format_or_accept(client, path: str, headers: dict) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.content_type.startswith("application/json")
    assert len(response.json["results"]) >= 2


def test_paged_with_a_next_link(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/search.json?q=soldiers&limit=1").json
    assert first["next"] == "/search.json?q=soldiers&limit=1&page=2"
    second = client.get(first["next"]).json
    assert second["results"][0]["item"] != first["results"][0]["item"]
    page = client.get("/search?q=soldiers&limit=1", headers=HTML).get_data(as_text=True)
    assert 'rel="next" href="/search?q=soldiers&amp;limit=1&amp;page=2"' in page


def test_filters_reach_the_index(client) -> None:  # type: ignore[no-untyped-def]
    def items(query: str) -> list[str]:
        return [r["item"] for r in client.get(f"/search.json?{query}").json["results"]]

    assert len(items("q=soldiers&kind=figure")) == 1
    assert items("q=soldiers&source_type=unnamed-group") == []
    assert len(items("q=conscripts&publisher=the daily example")) == 2
    assert items("q=conscripts&publisher=other") == []
    assert items("q=conscripts&from=2022-03-11") == []
    assert len(items("q=conscripts&to=2022-03-10")) == 2


def test_html_escapes_every_text_from_articles(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/search?q=script alert", headers=HTML)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;" in page
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_search_form_alone_without_q(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/search", headers=HTML)
    assert response.status_code == 200
    assert 'id="search-form"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("q=x&source_type=pundit", "source_type"),
        ("q=x&kind=claim", "kind"),
        ("q=x&mode=regex", "mode"),
        ("q=x&from=10 March", "from"),
        ("q=x&to=2022-13-01", "to"),
        ("q=x&page=0", "page"),
        ("q=x&limit=1000", "limit"),
        ("q=x&q=y", "q"),
        ("q=NEAR(x&mode=advanced", "q"),
        ("q=*", "q"),
        ("", "q"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, query: str, named: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/search.json?{query}")
    assert response.status_code == 400
    assert response.json["status"] == 400
    assert f"'{named}'" in response.json["error"]


def test_an_advanced_syntax_error_on_the_page_is_a_400_page(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get('/search?q="unbalanced&mode=advanced', headers=HTML)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "mode=advanced" in page and 'role="alert"' in page


def test_advanced_mode_over_http(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/search.json?q=conscript*&mode=advanced").json
    assert body["query"]["mode"] == "advanced"
    assert len(body["results"]) == 2
    assert client.get("/search.json?q=conscript*").json["results"] == []


@pytest.mark.parametrize("path", ["/", "/queries", "/queries/statements", "/ns", "/search"])
def test_every_page_has_the_search_box(client, path: str) -> None:  # type: ignore[no-untyped-def]
    page = client.get(path, headers=HTML).get_data(as_text=True)
    assert '<form class="site-search" role="search" method="get" action="/search">' in page
    assert 'name="q"' in page


def test_openapi_describes_search(client) -> None:  # type: ignore[no-untyped-def]
    doc = client.get("/openapi.json").json
    operation = doc["paths"]["/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "mode", "speaker", "source_type", "kind", "publisher", "from", "to"} <= names
    assert {"page", "limit", "format"} <= names
    validator = pytest.importorskip(
        "openapi_spec_validator", reason="openapi-spec-validator absent"
    )
    validator.validate(doc)


def test_search_json_may_be_called_from_other_origins(client) -> None:
    # Browser tools on other origins read /search.json as they read /sparql and /queries.
    response = client.get("/search.json?q=conscripts")
    assert response.headers.get("Access-Control-Allow-Origin") == "*"
