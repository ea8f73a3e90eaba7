"""Small runs of every benchmark in bench/, so the scripts keep working.

These check that each script runs end to end on the seeds and reports its figures and its
ratio to the limit; they assert nothing about speed (the numbers are in
docs/benchmarks.md, measured with the full runs)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.paths import ROOT, SEEDS

BENCH = ROOT / "bench"

pytestmark = [pytest.mark.model, pytest.mark.e2e]


def run(script: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_ingest_benchmark_reports_both_rates_and_their_ratios() -> None:
    done = run("ingest.py", str(SEEDS), "--jobs", "1", "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["articles"] == 5 and record["failed"] == 0
    assert record["triples"] > 500 and record["bulk_load_quads"] >= record["triples"]
    assert record["ingest_vs_spacy"] > 0 and record["store_vs_bulk_load"] > 0


def test_memory_benchmark_compares_two_corpus_sizes() -> None:
    done = run("memory.py", str(SEEDS), "--small", "1", "--factor", "5", "--json", "--limit", "9")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["small_articles"] == 1 and record["large_articles"] == 5
    assert record["small_peak_mb"] > 50 and record["ratio"] > 0


def test_scale_benchmark_grows_a_store_and_times_every_query(tmp_path: Path) -> None:
    out, plot = tmp_path / "scale.json", tmp_path / "scale.svg"
    args = [str(SEEDS), "--sizes", "3", "7", "--store", str(tmp_path / "store")]
    done = run("scale.py", *args, "--jobs", "1", "--out", str(out), "--plot", str(plot))
    assert done.returncode == 0, done.stderr
    records = json.loads(out.read_text())
    assert [r["articles"] for r in records] == [3, 7]
    assert records[1]["quads"] > records[0]["quads"] > 0
    assert "canned: statements" in records[1]["query_ms"]
    assert plot.read_text().startswith("<svg")
    again = run("scale.py", *args, "--jobs", "1", "--out", str(out))  # resumed: nothing to do
    assert again.returncode == 0 and len(json.loads(out.read_text())) == 2
    requeried = run("scale.py", *args, "--out", str(out), "--requery", "--query-limit", "60")
    assert requeried.returncode == 0, requeried.stderr
    last = json.loads(out.read_text())[-1]
    assert "query_date" in last and all(v is not None for v in last["query_ms"].values())


def test_serve_benchmark_compares_with_oxigraphs_own_server(tmp_path: Path) -> None:
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (Debian package wrk; .ci/run installs it)")
    if not Path(sys.executable).with_name("oxigraph").exists():
        pytest.skip("Oxigraph's server is not installed (pip package oxigraph)")
    store = tmp_path / "store"
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    ingest = [newsgraph, "ingest", str(SEEDS), "--store", str(store), "--jobs", "1"]
    subprocess.run(ingest, capture_output=True, check=True, timeout=300)
    out = tmp_path / "serve.json"
    done = run(
        "serve.py",
        "--store",
        str(store),
        "--seconds",
        "1",
        "--only",
        "ask",
        "--json",
        str(out),
        "--floor",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    records = json.loads(out.read_text())
    servers = {r["server"] for r in records}
    floors = {"floor: WSGI, waitress", "floor: Flask, waitress"}
    assert {"oxigraph /query", "newsgraph /sparql"} | floors <= servers  # (granian's if there)
    assert all(r["rps"] > 0 and r["errors"] == 0 for r in records)


def test_claims_benchmark_relinks_a_copy_and_times_contradictions(tmp_path: Path) -> None:
    store = tmp_path / "store"
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    ingest = [newsgraph, "ingest", str(SEEDS), "--store", str(store), "--jobs", "1"]
    subprocess.run(ingest, capture_output=True, check=True, timeout=300)
    before = sorted(p.name for p in store.iterdir())
    done = run("claims.py", "--store", str(store), "--articles", "2", "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["claims"] > 20 and record["denials"] > 0 and record["contradictions"] > 0
    assert record["small_articles"] == 2 and record["small_speakers"] > 0
    assert sorted(p.name for p in store.iterdir()) == before  # the original is not written


def test_replicated_store_is_loaded_and_every_page_timed(tmp_path: Path) -> None:
    """bench/replicate.py copies an ingested store to more articles, ``newsgraph load``
    bulk-loads the copies, and bench/scale_serve.py times every page and saved query
    (Oxigraph's server beside it when installed), and bench/bulk.py compares the load."""
    store, nquads, copies = tmp_path / "base", tmp_path / "base.nq", tmp_path / "12.nq"
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    ingest = [newsgraph, "ingest", str(SEEDS), "--store", str(store), "--jobs", "1"]
    subprocess.run(ingest, capture_output=True, check=True, timeout=300)
    export = [newsgraph, "export", "--store", str(store), "-f", "nquads", "-o", str(nquads)]
    subprocess.run(export, capture_output=True, check=True, timeout=120)
    done = run("replicate.py", "copy", str(nquads), "--articles", "12", "--out", str(copies))
    assert done.returncode == 0, done.stderr
    loaded = tmp_path / "12"
    load = [newsgraph, "load", "--store", str(loaded), str(copies)]
    output = subprocess.run(load, capture_output=True, text=True, check=True, timeout=300).stdout
    assert output.startswith("loaded") and "bulk-loaded into a new store" in output
    out, plot = tmp_path / "serve.json", tmp_path / "serve.svg"
    ox = [] if Path(sys.executable).with_name("oxigraph").exists() else ["--no-oxigraph"]
    done = run(
        "scale_serve.py", "--stores", f"12={loaded}", "--runs", "1", "--out", str(out),
        "--plot", str(plot), *ox,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    record = json.loads(out.read_text())[0]
    names = {row["name"] for row in record["rows"]}
    assert {"page: / (home)", "json: statements", "page: most quoted speaker"} <= names
    assert all(row["status"] == 200 for row in record["rows"]), record["rows"]
    assert plot.read_text().startswith("<svg")
    done = run("bulk.py", str(copies), "--tmp", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ratio"] > 0
