"""The home page and the linked-data pages query the store only through the app's query
runner (so under the same time limit and memory cap as every other query): a runner that
records what it is asked shows every query, and one whose queries all time out shows what
each page does then (the home page leaves the count out, an entity page answers 503)."""

from __future__ import annotations

from typing import Any

import pytest
from sample_data import filled_store

from newsgraph.config import Settings
from newsgraph.errors import ServiceUnavailable
from newsgraph.server import create_app
from newsgraph.server.execution import QueryTask
from newsgraph.server.runners import _KEY

HTML = {"Accept": "text/html"}
PUTIN = "/person/vladimir-putin"


class Recording:
    """The app's own runner, recording each task it runs."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.tasks = inner, []

    def run(self, task: QueryTask) -> Any:
        self.tasks.append(task)
        return self.inner.run(task)

    def close(self) -> None:
        self.inner.close()


class TimingOut(Recording):
    """A runner whose every query passes the time limit, as a slow store's would."""

    def run(self, task: QueryTask) -> Any:
        self.tasks.append(task)
        raise ServiceUnavailable("query timed out after 10 s")


@pytest.fixture()
def app():  # type: ignore[no-untyped-def]
    app = create_app(Settings(max_rows=50), store=filled_store())
    yield app
    app.extensions[_KEY].close()


def test_the_home_page_runs_every_query_through_the_runner(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = app.extensions[_KEY].store
    monkeypatch.setattr(store, "query", _forbidden)  # nothing may bypass the runner
    recording = app.extensions[_KEY] = Recording(app.extensions[_KEY])
    monkeypatch.setattr(recording.inner, "store", filled_store())  # the runner's own handle
    response = app.test_client().get("/", headers=HTML)
    assert response.status_code == 200
    sparql = [t.sparql for t in recording.tasks]
    assert len(sparql) >= 3  # the counts kept at ingest, the latest articles, the speakers
    assert any("articleCount" in q for q in sparql)
    assert any("page window" in q or "articleKey" in q for q in sparql)
    text = response.get_data(as_text=True)
    assert "2</span> articles" in text and "triples in all" in text


def test_an_entity_page_runs_every_query_through_the_runner(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = app.extensions[_KEY].store
    monkeypatch.setattr(store, "query", _forbidden)
    recording = app.extensions[_KEY] = Recording(app.extensions[_KEY])
    monkeypatch.setattr(recording.inner, "store", filled_store())
    client = app.test_client()
    page = client.get(PUTIN, headers=HTML)
    assert page.status_code == 200 and "Putin" in page.get_data(as_text=True)
    turtle = client.get(PUTIN, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and b"rdfs:label" in turtle.data
    assert len(recording.tasks) >= 6


def test_when_queries_time_out_the_home_page_still_answers(app) -> None:  # type: ignore[no-untyped-def]
    app.extensions[_KEY] = TimingOut(app.extensions[_KEY])
    response = app.test_client().get("/", headers=HTML)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "—" in text and "triples in all" not in text


def test_when_queries_time_out_an_entity_page_is_a_503(app) -> None:  # type: ignore[no-untyped-def]
    app.extensions[_KEY] = TimingOut(app.extensions[_KEY])
    response = app.test_client().get(PUTIN, headers=HTML)
    assert response.status_code == 503


def _forbidden(*_: object, **__: object) -> None:
    raise AssertionError("a page queried the store outside the query runner")
