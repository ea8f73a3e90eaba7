"""The command line over the real seeds with the real model: what a new user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.paths import SEEDS

from newsgraph.cli import main

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store")
    assert main(["ingest", str(SEEDS), "--store", str(path), "--no-progress"]) == 0
    return path


def query(store: Path, capsys: pytest.CaptureFixture[str], name: str, *params: str) -> list[dict]:
    args = ["query", name, "--store", str(store), "--format", "json"]
    for param in params:
        args += ["--param", param]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def test_ingest_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(SEEDS), "--store", str(tmp_path), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ingested 5 articles (5 new, 0 replaced, 0 refused): ")
    assert "statements" in out and "triples" in out
    assert main(["ingest", str(SEEDS), "--store", str(tmp_path), "--no-progress"]) == 0
    assert capsys.readouterr().out.startswith("ingested 5 articles (0 new, 5 replaced, 0 refused)")


def test_konashenkov_admission_of_wednesday_is_in_three_articles(store, capsys) -> None:
    rows = query(store, capsys, "statements")
    konashenkov = [r for r in rows if r["speakerName"] == "Igor Konashenkov"]
    dated = {r["articleId"] for r in konashenkov if r.get("date") == "2022-03-09"}
    assert len(dated) >= 3
    assert {r["speaker"] for r in konashenkov} == {
        "https://newsgraph.example/id/person/igor-konashenkov"
    }


def test_the_defense_ministry_admission_is_in_a_fourth_article(store, capsys) -> None:
    rows = query(store, capsys, "statements")
    ministry = [
        r
        for r in rows
        if "ministry" in r["speakerName"].lower() and r["articleId"].startswith("003")
    ]
    assert any(r.get("date") == "2022-03-09" for r in ministry)


def test_putins_denial_and_peskovs_statement(store, capsys) -> None:
    rows = query(store, capsys, "statements")
    putin = [r for r in rows if r["speakerName"] == "Vladimir Putin"]
    assert any("conscripts" in r["text"] and "not" in r["text"] for r in putin)
    assert len({r["articleId"] for r in putin}) >= 3
    assert any(r["speakerName"] == "Dmitry Peskov" for r in rows)


def test_figures_carry_bounds_and_sources(store, capsys) -> None:
    rows = query(store, capsys, "figures")
    troops = [r for r in rows if r.get("low") == "2000" and r.get("high") == "4000"]
    assert any(r.get("sourceName") == "US Defense Department" for r in troops)
    bbc = {r.get("value"): r.get("sourceName") for r in rows if r["articleId"].startswith("004")}
    assert "BBC" in (bbc.get("81") or "") and "BBC" in (bbc.get("38") or "")


def test_statements_by_person_finds_putin_by_his_short_name(store, capsys) -> None:
    rows = query(store, capsys, "statements-by-person", "person=Putin")
    assert rows and {r["speakerName"] for r in rows} == {"Vladimir Putin"}


def test_reingesting_the_seeds_adds_no_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["ingest", str(SEEDS), "--store", str(tmp_path), "--no-progress"]
    assert main(args) == 0
    capsys.readouterr()
    first = query(tmp_path, capsys, "statements")
    assert main(args) == 0
    capsys.readouterr()
    assert query(tmp_path, capsys, "statements") == first


def test_a_bad_file_is_reported_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    (folder / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (folder / "good.txt").write_text(
        '---\npublished: 2022-03-10\n---\n"We will win," the mayor, Anna Berg, said on Tuesday.',
        encoding="utf-8",
    )
    store = tmp_path / "store"
    assert main(["ingest", str(folder), "--store", str(store), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert f"{folder / 'bad.txt'}:" in captured.err
    assert "failed: " + str(folder / "latin.txt") not in captured.err  # Latin-1 is read
    assert "ingested 2 articles" in captured.out


def test_export_and_extract_write_turtle(store, capsys, tmp_path: Path) -> None:
    out = tmp_path / "all.trig"
    assert main(["export", "--store", str(store), "--output", str(out)]) == 0
    assert "GRAPH" in out.read_text() or "{" in out.read_text()
    assert main(["export", "--store", str(store), "--graph", "002_be6fb0ef39d770ef.txt"]) == 0
    turtle = capsys.readouterr().out
    assert "@prefix ng:" in turtle and "Peskov" in turtle and "Narusova" not in turtle
    assert main(["extract", str(SEEDS / "004_d9a8911da0e7bfef.txt")]) == 0
    assert "ng:Figure" in capsys.readouterr().out


def test_query_errors_name_the_problem(store, capsys) -> None:
    assert main(["query", "nope", "--store", str(store)]) == 1
    assert "unknown query 'nope'; available: articles" in capsys.readouterr().err
    assert main(["query", "timeline", "--store", str(store), "--param", "from=soon"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_missing_store_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["query", "statements", "--store", str(tmp_path / "none")]) == 1
    assert "no store at" in capsys.readouterr().err


def test_the_graph_built_from_the_seeds_conforms_to_the_shapes(store: Path) -> None:
    import rdflib
    from pyshacl import validate

    from newsgraph.ontology import ontology_path, shapes_path
    from newsgraph.store import GraphStore

    out = store.parent / "seeds.nt"
    with out.open("wb") as handle:
        from pyoxigraph import RdfFormat

        GraphStore(store, read_only=True).export(handle, RdfFormat.N_TRIPLES)
    data = rdflib.Graph().parse(out, format="nt")
    ok, _, report = validate(
        data,
        shacl_graph=rdflib.Graph().parse(shapes_path()),
        ont_graph=rdflib.Graph().parse(ontology_path()),
        inference="rdfs",
    )
    assert ok, report


def test_the_konashenkov_admission_is_one_claim_reported_by_three_outlets(store, capsys) -> None:
    claims = query(store, capsys, "claims")
    presence = [c for c in claims if c["text"].startswith("Unfortunately")]
    assert presence and int(presence[0]["reports"]) >= 3
    assert presence[0]["firstPublished"] == "2022-03-10"


def test_putins_denial_is_put_beside_the_admission(store, capsys) -> None:
    pairs = query(store, capsys, "contradictions")
    assert any(
        p["denialSpeakerName"] == "Vladimir Putin"
        and "participate" in p["denialText"]
        and p["assertionSpeakerName"] == "Igor Konashenkov"
        for p in pairs
    )


def test_query_files_may_ask_or_construct(store, capsys, tmp_path: Path) -> None:
    ask = tmp_path / "ask.rq"
    ask.write_text("#+ summary: any figure?\nASK { ?f a ng:Figure }", encoding="utf-8")
    assert main(["query", str(ask), "--store", str(store)]) == 0
    assert capsys.readouterr().out.strip() == "True"
    people = tmp_path / "people.rq"
    people.write_text(
        "#+ summary: people\n"
        "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a ng:Person ; rdfs:label ?l }",
        encoding="utf-8",
    )
    assert main(["query", str(people), "--store", str(store)]) == 0
    assert "Igor Konashenkov" in capsys.readouterr().out
