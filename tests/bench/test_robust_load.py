"""A smoke run of the load test (bench/load.py) against a real server on loopback."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from fixtures.live_server import running_server
from fixtures.paths import ROOT
from sample_data import filled_store

from newsgraph.store import GraphStore, publish_snapshot

pytestmark = pytest.mark.e2e
LOAD_SCRIPT = ROOT / "bench" / "load.py"


def test_a_short_mixed_load_has_no_errors(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("load", LOAD_SCRIPT)
    assert spec is not None and spec.loader is not None
    load = importlib.util.module_from_spec(spec)
    sys.modules["load"] = load  # dataclasses look their module up there
    spec.loader.exec_module(load)
    store = GraphStore(tmp_path / "store")
    store.add_quads(filled_store().oxigraph.quads_for_pattern(None, None, None, None))
    publish_snapshot(store)
    del store
    with running_server(tmp_path / "store", {"NEWSGRAPH_QUERY_WORKERS": "2"}) as url:
        numbers = load.run(url, clients=4, seconds=3)
    assert numbers["errors"] == 0, numbers["error_kinds"]
    assert numbers["requests"] > 20
