"""Nothing lost: every article of a corpus laid out in folders kept under its own id, a
second article with an id already read refused by name, the summary counting what was
stored, every oversized request answered with its JSON 413, and a remote store that does
not read the union of its graphs refused before anything is written.
"""

from __future__ import annotations

import http.client
import json
import subprocess
from pathlib import Path

import pytest
from fixtures.live_server import (
    FIXTURES,
    HOST,
    clean_env,
    free_port,
    load,
    newsgraph,
    running_server,
)
from fixtures.oxigraph_server import running_oxigraph
from fixtures.paths import SEEDS, SHARED
from pyoxigraph import NamedNode, RdfFormat

from newsgraph.extract.readers import ReadFailure, iter_files, read_paths
from newsgraph.extract.records import Article
from newsgraph.ingest.local import ingest
from newsgraph.ontology import ARTICLE, PERSON, SAID_BY, STATEMENT
from newsgraph.store import GraphStore
from newsgraph.store.rdf import Minter
from newsgraph.store.remote import RemoteStore

BASE = "https://newsgraph.example/id/"

SECTIONS = {  # two sections numbering their files alike, as the BBC corpus does
    "business/001.txt": "date 2005-01-10 Anna Weber said on Monday that the bank would cut rates.",
    "business/002.txt": "date 2005-01-11 Paul Kent said the shares would rise.",
    "sport/001.txt": "date 2005-01-12 Coach Tom Hale said the team would win the cup.",
}


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text + "\n", encoding="utf-8")
    return root


def count(store: GraphStore, cls: str) -> int:
    rows = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")
    return int(next(iter(rows))["n"].value)  # type: ignore[call-overload]


# --- ids (no model) ----------------------------------------------------------------------


def test_a_files_id_is_its_path_under_the_folder_named(tmp_path: Path) -> None:
    root = tree(tmp_path / "bbc", SECTIONS)
    ids = [a.id for a in read_paths([root]) if isinstance(a, Article)]
    assert ids == ["business/001.txt", "business/002.txt", "sport/001.txt"]


def test_a_file_named_itself_keeps_its_name_so_seed_ids_do_not_change(tmp_path: Path) -> None:
    root = tree(tmp_path / "bbc", SECTIONS)
    ids = [a.id for a in read_paths([root / "sport" / "001.txt"]) if isinstance(a, Article)]
    assert ids == ["001.txt"]
    seeds = sorted(a.id for a in read_paths([SEEDS]) if isinstance(a, Article))
    assert seeds == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_a_corpus_readme_is_not_an_article_unless_named(tmp_path: Path) -> None:
    root = tree(tmp_path / "bbc", {**SECTIONS, "README.TXT": "The dataset's documentation."})
    ids = [a.id for a in read_paths([root]) if isinstance(a, Article)]
    assert "README.TXT" not in ids and len(ids) == 3
    assert [a.id for a in read_paths([root / "README.TXT"])] == ["README.TXT"]  # type: ignore[union-attr]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    root = tree(tmp_path / "bbc", SECTIONS)
    listed = list(iter_files([root, root / "sport" / "001.txt", root]))
    assert not any(isinstance(f, ReadFailure) for f in listed)
    assert [f.name for f in listed] == ["business/001.txt", "business/002.txt", "sport/001.txt"]  # type: ignore[union-attr]


# --- ingest (model) ----------------------------------------------------------------------


@pytest.mark.model
def test_files_of_two_sections_with_one_name_are_both_kept_and_a_rerun_replaces_them(
    tmp_path: Path, nlp
) -> None:  # type: ignore[no-untyped-def]
    root = tree(tmp_path / "bbc", SECTIONS)
    store = GraphStore()
    first = ingest([root], store, nlp, Minter(BASE), progress=False)
    assert (first.articles, first.new, first.replaced, first.refused) == (3, 3, 0, [])
    assert count(store, ARTICLE) == 3
    statements, quads = count(store, STATEMENT), store.count()
    again = ingest([root], store, nlp, Minter(BASE), progress=False)
    assert (again.articles, again.new, again.replaced, again.refused) == (3, 0, 3, [])
    assert (count(store, ARTICLE), count(store, STATEMENT), store.count()) == (3, statements, quads)


@pytest.mark.model
def test_a_second_record_with_an_id_already_read_is_refused_naming_both(
    tmp_path: Path, nlp
) -> None:  # type: ignore[no-untyped-def]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = {"id": "n1", "text": "Anna Weber said the bank would cut rates."}
    second = {"id": "n1", "text": "Paul Kent said the shares would rise."}
    one.write_text(json.dumps(first) + "\n", encoding="utf-8")
    two.write_text(json.dumps({"id": "n2", "text": "Hi."}) + "\n" + json.dumps(second) + "\n")
    heard: list[str] = []
    store = GraphStore()
    report = ingest([one, two], store, nlp, Minter(BASE), progress=False, on_refused=heard.append)
    assert (
        report.refused
        == heard
        == [
            f"{two}:2: refused: article id 'n1' is already that of {one}:1 in this ingest; "
            "give one of them another id"
        ]
    )
    assert (report.articles, report.new) == (2, 2)
    assert "(2 new, 0 replaced, 1 refused)" in report.summary()
    speakers = store.labels_of_type(PERSON)
    assert "Anna Weber" in speakers and "Paul Kent" not in speakers  # the first n1 is kept


@pytest.mark.e2e  # starts a process
@pytest.mark.model
@pytest.mark.corpus
def test_every_bbc_article_is_kept_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    """The BBC corpus as distributed: five sections numbering their files 001.txt, ...;
    through the CLI, twice, counted with SPARQL."""
    bbc = SHARED / "corpus" / "bbc"
    if not bbc.is_dir():
        pytest.skip(f"the BBC corpus is not at {bbc}")
    files = len([p for p in bbc.rglob("*.txt")])
    store, counts = tmp_path / "data", tmp_path / "counts.rq"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            newsgraph(*args), capture_output=True, text=True, env=clean_env(), timeout=900
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done

    def counted() -> tuple[int, int, int]:
        with open(counts, "w", encoding="utf-8") as rq:
            rq.write(
                "SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?s) AS ?statements) "
                f"(COUNT(?by) AS ?said) {{ {{ ?a a <{ARTICLE}> }} UNION "
                f"{{ ?s a <{STATEMENT}> ; <{SAID_BY}> ?by }} }}"
            )
        out = run("query", str(counts), "--store", str(store), "--format", "json").stdout
        (row,) = json.loads(out)["results"]["bindings"]
        return tuple(int(row[k]["value"]) for k in ("articles", "statements", "said"))  # type: ignore[return-value]

    first = run("ingest", str(bbc), "--store", str(store), "--no-progress", "--jobs", "2")
    assert first.stdout.startswith(
        f"ingested {files} articles ({files} new, 0 replaced, 0 refused)"
    )
    articles, statements, said = counted()
    assert articles == files == 2215
    second = run("ingest", str(bbc), "--store", str(store), "--no-progress", "--jobs", "2")
    assert second.stdout.startswith(f"ingested {files} articles (0 new, {files} replaced")
    assert counted() == (articles, statements, said)  # no statement twice, nor its speaker


# --- oversized requests (e2e) ------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.parametrize("size", [2_000_000, 20_000_000])
def test_an_oversized_form_post_always_gets_the_json_413(tmp_path: Path, size: int) -> None:
    """20 of 20, over one kept-alive connection and over new ones: the server reads the
    body it refuses, so the client is never reset while still sending."""
    store = tmp_path / "data"
    load(store, FIXTURES / "reference.ttl")
    body = ("query=" + "x" * size).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    with running_server(store) as url:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        for keep_alive in (True, False):
            answered, connection, reused = 0, None, 0
            for _ in range(20):
                if connection is None:
                    connection = http.client.HTTPConnection(HOST, port, timeout=30)
                else:
                    reused += 1
                connection.request("POST", "/sparql", body=body, headers=headers)
                response = connection.getresponse()
                data = json.loads(response.read())
                assert response.status == 413 and "limit is 1048576 bytes" in data["error"]
                answered += 1
                if not keep_alive or response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            if connection is not None:
                connection.close()
            assert answered == 20
            assert reused == (19 if keep_alive else 0)


# --- a remote store's preconditions (e2e) ------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        newsgraph(*args), capture_output=True, text=True, env=clean_env(), timeout=120
    )


@pytest.mark.e2e
def test_a_server_without_the_union_default_graph_is_refused_before_any_write(
    tmp_path: Path,
) -> None:
    with running_oxigraph(tmp_path / "plain", union=False) as url:
        for args in (
            ("ingest", str(SEEDS), "--no-progress"),
            ("load", str(FIXTURES / "reference.ttl")),
        ):
            done = cli(*args, "--store", url)
            assert done.returncode == 1, done.stdout + done.stderr
            assert "--union-default-graph" in done.stderr and "ingested" not in done.stdout
            assert RemoteStore(url).count() == 0
            assert not list(RemoteStore(url).query("SELECT * { GRAPH ?g { ?s ?p ?o } }"))  # type: ignore[call-overload]
        # a server with data to look at: serve refuses too, before listening
        RemoteStore(url).load_file(
            FIXTURES / "reference.ttl", RdfFormat.TURTLE, to_graph=NamedNode(BASE + "g")
        )
        done = cli("serve", "--store", url, "--port", str(free_port()), "--host", HOST)
        assert done.returncode == 1 and "--union-default-graph" in done.stderr


@pytest.mark.e2e
def test_a_server_with_the_union_default_graph_is_probed_and_left_empty(tmp_path: Path) -> None:
    with running_oxigraph(tmp_path / "union") as url:
        done = cli("load", str(FIXTURES / "reference.ttl"), "--store", url, "--graph", BASE + "g")
        assert done.returncode == 0, done.stderr
        graphs = [g.value for g in RemoteStore(url).graphs() if "/graph/derived/" not in g.value]
        assert graphs == [BASE + "g"]  # the probe's graph is gone (the load's derived data stays)
