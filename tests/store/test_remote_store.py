"""The remote store against a real ``oxigraph serve`` process on loopback (no model):
pre-bound variables as VALUES, both ways of writing, atomic replacement, clear errors."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.live_server import free_port
from fixtures.oxigraph_server import running_oxigraph
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Variable,
    parse,
)
from sample_data import BASE, article_a, article_b, derive, filled_store

import newsgraph.store.remote
from newsgraph.config import Settings
from newsgraph.errors import ConfigError, InputError, StoreError
from newsgraph.queries import load_queries
from newsgraph.sparql.prebind import inject_values
from newsgraph.store import GraphStore, open_store
from newsgraph.store.loader import load_files
from newsgraph.store.rdf import Minter, extraction_to_quads
from newsgraph.store.remote import RemoteStore, StoreTimeout, open_remote

EX = "http://example.com/"
G = NamedNode(EX + "g")


def quads(graph: NamedNode, *objects: str) -> list[Quad]:
    return [Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal(o), graph) for o in objects]


def rows(result: object) -> list[tuple[str | None, ...]]:
    names = [v.value for v in result.variables]  # type: ignore[attr-defined]
    return [tuple(None if r[n] is None else str(r[n]) for n in names) for r in result]  # type: ignore[attr-defined]


def dataset(store: GraphStore | RemoteStore) -> set[Quad]:
    out = io.BytesIO()
    store.export(out, RdfFormat.N_QUADS)
    return set(parse(out.getvalue(), RdfFormat.N_QUADS))


# --- VALUES injection, checked against pyoxigraph's own substitutions --------------------

TRICKY = {
    "prefix and comments": """
        PREFIX ex: <http://example.com/>  # a { comment
        # WHERE { not here }
        SELECT ?s ?_v WHERE { ?s ex:p ?o FILTER (?o = ?_v) }""",
    "no WHERE keyword": "SELECT ?s ?_v { ?s <http://example.com/p> ?_v }",
    "strings with braces": """
        SELECT ?s ?_v ?x WHERE {
          ?s <http://example.com/p> ?o BIND ("} { WHERE" AS ?x) BIND ('''{''' AS ?y)
          FILTER (?o = ?_v) }""",
    "exists in a select expression": """
        SELECT ?_v (EXISTS { ?a ?b ?c } AS ?x) WHERE { ?s <http://example.com/p> ?_v }""",
    "sub-select": """
        SELECT ?_v ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } ?s ?p2 ?_v }""",
    "where is a sub-select": "SELECT ?_v ?s WHERE { SELECT ?s ?_v WHERE { ?s ?p ?_v } }",
    "optional with filter": """
        SELECT ?s ?_v ?o WHERE { ?s ?p ?x OPTIONAL { ?s <http://example.com/p> ?o
          FILTER (?o = ?_v) } }""",
    "iri with a hash, a hash and brace in a string": """
        SELECT ?_v ?s WHERE { ?s <http://example.com/p#x> ?o . ?s ?p ?_v
          FILTER (?_v != "#{") }""",
    "construct template": """
        CONSTRUCT { ?s <http://example.com/q> ?_v } WHERE { ?s <http://example.com/p> ?_v }""",
    "ask": "ASK { ?s <http://example.com/p> ?_v }",
    "trailing values and modifiers": """
        SELECT ?s ?_v WHERE { ?s ?p ?_v } ORDER BY ?s LIMIT 5
        VALUES ?s { <http://example.com/s> }""",
}


@pytest.fixture(scope="module")
def small() -> GraphStore:
    store = GraphStore()
    store.replace_graph(G, quads(G, "a", "b", 'c"}'))
    return store


@pytest.mark.parametrize("name", sorted(TRICKY))
@pytest.mark.parametrize("value", ["a", 'c"}', "none"])
def test_values_injection_answers_as_substitutions_do(
    small: GraphStore, name: str, value: str
) -> None:
    sparql = TRICKY[name]
    bound = {Variable("_v"): Literal(value)}
    injected = small.query(inject_values(sparql, bound))
    expected = small.query(sparql, substitutions=bound)
    if hasattr(expected, "variables"):
        assert sorted(rows(injected)) == sorted(rows(expected))
    elif isinstance(bool(expected), bool) and not hasattr(expected, "__iter__"):
        assert bool(injected) == bool(expected)
    else:
        assert set(injected) == set(expected)  # type: ignore[arg-type]


def test_a_value_cannot_change_the_query_shape() -> None:
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "')
    text = inject_values("SELECT ?_v WHERE { ?s ?p ?_v }", {Variable("_v"): hostile})
    assert text == (
        'SELECT ?_v WHERE { VALUES (?_v) { ("x\\" } ; DROP ALL ; SELECT * { \\"") }  ?s ?p ?_v }'
    )
    store = GraphStore()
    store.replace_graph(G, quads(G, "a", hostile.value))
    assert rows(store.query(text)) == [(str(hostile),)]


def test_construct_where_short_form_and_blank_nodes_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="CONSTRUCT WHERE"):
        inject_values("CONSTRUCT WHERE { ?s ?p ?_v }", {Variable("_v"): Literal("a")})
    with pytest.raises(ValueError, match="IRI or a literal"):
        inject_values("SELECT * { ?s ?p ?_v }", {Variable("_v"): BlankNode()})
    with pytest.raises(SyntaxError, match="no SELECT"):
        inject_values("INSERT DATA { <a:a> <a:b> <a:c> }", {Variable("_v"): Literal("a")})


# --- A real Oxigraph server --------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(params=["gsp", "update"])
def remote(request: pytest.FixtureRequest, server: str) -> Iterator[RemoteStore]:
    """An emptied server, written by a Graph Store PUT or by a SPARQL Update."""
    store = RemoteStore(server, writes=request.param, timeout=10)
    store.update("DROP ALL")
    yield store
    store.close()


@pytest.mark.e2e  # starts a process
def test_articles_written_either_way_read_as_in_the_embedded_store(remote: RemoteStore) -> None:
    embedded = filled_store()
    minter = Minter(BASE)
    for extraction in (article_a(), article_b()):
        remote.replace_graph(*extraction_to_quads(extraction, minter))
    derive(remote)  # the derived data, computed on the remote store as on the embedded one
    assert dataset(remote) == dataset(embedded)
    assert sorted(g.value for g in remote.graphs()) == sorted(g.value for g in embedded.graphs())
    assert remote.count() == embedded.count()
    graph = NamedNode(BASE + "article/a.txt")
    assert remote.has_graph(graph) and not remote.has_graph(NamedNode(EX + "none"))
    assert remote.count(graph) == embedded.count(graph)
    assert remote.speakers_in(graph) == embedded.speakers_in(graph)
    person = "https://newsgraph.example/ns#Person"
    assert sorted(remote.labels_of_type(person)) == sorted(embedded.labels_of_type(person))
    for name, query in load_queries().items():
        values = {p.name: p.default for p in query.parameters if p.default}
        if any(p.required and not p.default for p in query.parameters):
            continue
        bound = query.bind(values)
        assert sorted(rows(remote.query(query.sparql, substitutions=bound))) == sorted(
            rows(embedded.query(query.sparql, substitutions=bound))
        ), name


@pytest.mark.e2e  # starts a process
def test_writing_a_graph_again_replaces_it(remote: RemoteStore) -> None:
    remote.replace_graph(G, quads(G, "a", "b"))
    remote.replace_graph(G, quads(G, "b", "c"))
    remote.replace_graph(G, quads(G, "b", "c"))
    assert dataset(remote) == set(quads(G, "b", "c"))
    remote.replace_graph(G, [])
    assert dataset(remote) == set() and not remote.has_graph(G)


@pytest.mark.e2e  # starts a process
def test_a_batch_of_graphs_is_replaced_and_an_empty_one_removed(remote: RemoteStore) -> None:
    other = NamedNode(EX + "other")
    remote.replace_graphs({G: quads(G, "a"), other: quads(other, "b")})
    assert remote.replace_graphs({G: quads(G, "c"), other: []}) == 1
    assert dataset(remote) == set(quads(G, "c"))
    assert [g.value for g in remote.graphs()] == [G.value]


@pytest.mark.e2e  # starts a process
def test_a_refused_put_leaves_the_old_graph(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = RemoteStore(server, writes="gsp")
    store.replace_graph(G, quads(G, "old"))
    real = newsgraph.store.remote.serialize
    with monkeypatch.context() as patch:  # the body breaks off mid-triple, as a cut one would
        patch.setattr(
            newsgraph.store.remote,
            "serialize",
            lambda *a, **k: real(*a, **k) + b"<http://e/x> <http://e",
        )
        with pytest.raises(StoreError, match=r"cannot write graph .*/store\?graph=.* answered 400"):
            store.replace_graph(G, quads(G, "new", "newer"))
    assert dataset(store) == set(quads(G, "old"))


@pytest.mark.e2e  # starts a process
def test_a_refused_update_leaves_the_old_graph(server: str) -> None:
    store = RemoteStore(server, writes="update")
    store.replace_graph(G, quads(G, "old"))
    with pytest.raises(StoreError, match=r"/update answered 400"):
        store.update(f"DROP SILENT GRAPH {G} ; INSERT DATA {{ GRAPH {G} {{ <{EX}s> <{EX}p> }} }}")
    assert dataset(store) == set(quads(G, "old"))


@pytest.mark.e2e  # starts a process
def test_merging_names_renames_across_graphs(remote: RemoteStore) -> None:
    old, new = NamedNode(EX + "putin"), NamedNode(EX + "vladimir-putin")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    remote.replace_graph(G, [Quad(old, label, Literal("Putin"), G)])
    remote.merge_node(old, new, "Vladimir Putin")
    found = {(q.subject.value, q.object.value) for q in dataset(remote)}
    assert found == {(new.value, "Putin"), (new.value, "Vladimir Putin")}


@pytest.mark.e2e  # starts a process
def test_load_and_export_of_the_stored_default_graph(remote: RemoteStore, tmp_path: Path) -> None:
    ttl = tmp_path / "ref.ttl"
    ttl.write_text(f'<{EX}ref> <{EX}p> "reference" .\n', encoding="utf-8")
    trig = tmp_path / "more.trig"
    trig.write_text(f'<{EX}g2> {{ <{EX}s> <{EX}p> "in g2" }}\n', encoding="utf-8")
    assert load_files(remote, [ttl, trig]) == 2
    out = io.BytesIO()
    remote.export_graph(out, RdfFormat.N_TRIPLES, DefaultGraph())
    assert [t.object.value for t in parse(out.getvalue(), RdfFormat.N_TRIPLES)] == ["reference"]
    graphs = {q.graph_name for q in dataset(remote)}
    assert graphs == {DefaultGraph(), NamedNode(EX + "g2")}
    bad = tmp_path / "bad.ttl"
    bad.write_text("<broken", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        load_files(remote, [bad])


@pytest.mark.e2e  # starts a process
def test_named_datasets_and_base_iri_follow_the_protocol(remote: RemoteStore) -> None:
    other = NamedNode(EX + "other")
    remote.replace_graph(G, quads(G, "in g"))
    remote.replace_graph(other, quads(other, "in other"))
    sparql = "SELECT ?o WHERE { ?s ?p ?o }"
    assert rows(remote.query(sparql, default_graph=[G], named_graphs=[])) == [('"in g"',)]
    assert sorted(rows(remote.query(sparql))) == [('"in g"',), ('"in other"',)]
    based = remote.query("SELECT ?x WHERE { BIND(<rel> AS ?x) }", base_iri=EX + "base/")
    assert rows(based) == [(f"<{EX}base/rel>",)]
    assert rows(remote.query("SELECT ?x WHERE { BIND(ng:Person AS ?x) }")) == [
        ("<https://newsgraph.example/ns#Person>",)
    ]


@pytest.mark.e2e  # starts a process
def test_a_malformed_query_is_a_syntax_error_naming_the_server(server: str) -> None:
    with pytest.raises(SyntaxError, match=r"said http://127\.0\.0\.1:\d+/query"):
        RemoteStore(server).query("SELEC ?x")


@pytest.mark.e2e  # starts a process
def test_a_read_only_remote_store_refuses_writes(server: str) -> None:
    with pytest.raises(StoreError, match="read-only"):
        RemoteStore(server, read_only=True).replace_graph(G, quads(G, "x"))


def test_server_down_is_a_clear_store_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    store = RemoteStore(url, timeout=5)
    with pytest.raises(StoreError, match=rf"cannot reach the SPARQL server at {url}/query "):
        store.query("ASK {}")
    with pytest.raises(StoreError, match="connection refused"):
        store.replace_graph(G, quads(G, "x"))
    secret = RemoteStore(url.replace("//", "//user:s3cret@"), gsp_url=url + "/?access-token=t0k")
    with pytest.raises(StoreError) as refused:
        secret.replace_graph(G, quads(G, "x"))
    assert "s3cret" not in refused.value.message and "t0k" not in refused.value.message
    assert "access-token=***" in refused.value.message


@pytest.mark.e2e  # starts a process
def test_a_slow_answer_is_a_timeout_naming_the_server(server: str) -> None:
    store = RemoteStore(server, writes="gsp")
    store.replace_graph(G, [Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(str(i)), G)
                            for i in range(300)])  # fmt: skip
    slow = RemoteStore(server, timeout=0.3)
    with pytest.raises(StoreTimeout, match=r"did not answer within 0\.3 s"):
        slow.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


@pytest.mark.e2e  # starts a process
def test_a_server_without_the_union_default_graph_is_refused_with_the_fix(
    tmp_path: Path,
) -> None:
    with running_oxigraph(tmp_path / "plain", union=False) as url:
        store = RemoteStore(url)
        store.replace_graph(G, quads(G, "x"))
        settings = Settings.from_env({}, store=url)
        with pytest.raises(StoreError, match="--union-default-graph"):
            open_remote(settings)


@pytest.mark.e2e  # starts a process
def test_one_setting_chooses_the_store(server: str, tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"NEWSGRAPH_STORE": server + "/", "NEWSGRAPH_STORE_WRITES": "update"}
    )
    assert settings.store == server
    store = open_store(settings)
    assert isinstance(store, RemoteStore) and not store.read_only
    assert (store.query_url, store.update_url, store.gsp_url) == (
        server + "/query", server + "/update", server + "/store",
    )  # fmt: skip
    assert open_store(settings, mode="serve").read_only
    custom = Settings.from_env({}, store=server, store_query=server + "/query?x=1")
    assert open_store(custom, mode="read").query_url == server + "/query?x=1"
    assert isinstance(open_store(Settings.from_env({}, store=tmp_path / "db")), GraphStore)
    with pytest.raises(ConfigError, match="store_writes"):
        Settings.from_env({"NEWSGRAPH_STORE_WRITES": "ftp"})
    with pytest.raises(ConfigError, match="store_gsp must be an http"):
        Settings.from_env({"NEWSGRAPH_STORE_GSP": "/store"})
