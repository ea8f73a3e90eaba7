"""Shared fixtures: the production pipeline (loaded once per test session), the small fixed
store and a Flask test client over it; and the rule that a test starting a process is
marked ``e2e`` (the fast run, ``-m "not e2e ..."``, starts none)."""

from __future__ import annotations

import multiprocessing.process
import os
import subprocess
from collections.abc import Callable, Iterator

import pytest
from flask.testing import FlaskClient
from sample_data import filled_store
from spacy.language import Language

from newsgraph.config import Settings
from newsgraph.extract.pipeline import ModelNotFound, load_nlp
from newsgraph.server import create_app
from newsgraph.store import GraphStore, Store


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The production pipeline (:func:`newsgraph.extract.pipeline.load_nlp`: the model with
    the line-break component ingest uses), for tests marked ``model``: they run what
    ingest runs."""
    try:
        return load_nlp()
    except ModelNotFound as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def pipeline(nlp: Language) -> Language:
    """The same production pipeline, under the name some model tests use."""
    return nlp


@pytest.fixture()
def store() -> GraphStore:
    """The small fixed graph of :mod:`sample_data`, in memory (a test module may define
    its own ``store`` to add to it)."""
    return filled_store()


@pytest.fixture(scope="session")
def app_client() -> Callable[..., FlaskClient]:
    """A function making a Flask test client over a store: ``app_client(store, **settings)``."""

    def make(store: Store, **settings: object) -> FlaskClient:
        app = create_app(Settings(**settings), store=store)  # type: ignore[arg-type]
        app.config["TESTING"] = True
        return app.test_client()

    return make


@pytest.fixture()
def client(store: GraphStore, app_client: Callable[..., FlaskClient]) -> FlaskClient:
    """A Flask test client over ``store``, with tables capped at 50 rows."""
    return app_client(store, max_rows=50)


@pytest.fixture(autouse=True)
def _processes_only_in_e2e(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """In a run that leaves ``e2e`` out (the fast run), fail a test that starts a process
    (a server, a worker pool, a cluster): it must be marked ``e2e``, since the fast run
    starts none. (A process started by a module-scoped fixture is not seen here.)"""
    fast = "not e2e" in (request.config.getoption("markexpr") or "")
    if not fast or request.node.get_closest_marker("e2e") is not None:
        yield
        return
    started: list[str] = []
    popen_init = subprocess.Popen.__init__
    process_start = multiprocessing.process.BaseProcess.start
    fork = os.fork

    def popen(self: subprocess.Popen[bytes], args: object, *a: object, **k: object) -> None:
        started.append(f"subprocess {args!r}"[:200])
        popen_init(self, args, *a, **k)  # type: ignore[arg-type]

    def start(self: multiprocessing.process.BaseProcess) -> None:
        started.append(f"process {self.name}")
        process_start(self)

    def forked() -> int:
        started.append("os.fork()")
        return fork()

    monkeypatch.setattr(subprocess.Popen, "__init__", popen)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)
    monkeypatch.setattr(os, "fork", forked)
    yield
    if started:
        pytest.fail(f"a test that starts a process is marked e2e; this one started {started[0]}")
