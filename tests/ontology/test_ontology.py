"""The ontology is the contract: every term the code and the canned queries use is declared,
aligned to the standard vocabularies, and the data conforms to the SHACL shapes."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS
from sample_data import filled_store

from newsgraph import ontology
from newsgraph.queries import load_queries

DECLARED = ontology.declared_terms()
ONTOLOGY = rdflib.Graph().parse(ontology.ontology_path(), format="turtle")
PACKAGE_FOLDERS = [
    Path(importlib.import_module(name).__file__).resolve().parent  # type: ignore[arg-type]
    for name in ("newsgraph", "newsgraph.extract", "newsgraph.server", "newsgraph.queries",
                 "newsgraph.ontology")
]  # fmt: skip
"""Every folder of the installed package (editable installs map them apart)."""


def test_every_vocab_constant_is_declared_in_the_ontology() -> None:
    used = {
        value
        for name, value in vars(ontology).items()
        if name.isupper()
        and name != "NS"
        and isinstance(value, str)
        and value.startswith(ontology.NS)
    }
    assert used, "the vocab module declares no terms"
    assert used - DECLARED == set()


def test_every_term_a_canned_query_uses_is_declared() -> None:
    for query in load_queries().values():
        local_names = re.findall(r"\bng:([A-Za-z_][\w-]*)", query.sparql)
        full = re.findall(re.escape(ontology.NS) + r"([A-Za-z_][\w-]*)", query.sparql)
        undeclared = {ontology.NS + n for n in local_names + full} - DECLARED
        assert not undeclared, f"{query.name}.rq uses undeclared terms {sorted(undeclared)}"


def test_no_code_outside_the_vocab_module_spells_a_term_iri() -> None:
    """Code uses the constants; a misspelt term then fails at import, not silently.

    Docstring examples (``>>>`` lines) may show an IRI; they run as tests themselves.
    """
    offenders = []
    for folder in PACKAGE_FOLDERS:
        if folder.name == "ontology":
            continue
        for path in sorted(folder.glob("*.py")):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                if line.lstrip().startswith((">>>", "...")):
                    continue
                for match in re.finditer(re.escape(ontology.NS) + r"\w+", line):
                    offenders.append(f"{path.parent.name}/{path.name}:{number}: {match.group(0)}")
    assert offenders == []


def test_every_term_in_the_data_is_declared() -> None:
    store = filled_store()
    predicates = {r["p"].value for r in store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    classes = {r["c"].value for r in store.query("SELECT DISTINCT ?c WHERE { ?s a ?c }")}
    ours = {t for t in predicates | classes if t.startswith(ontology.NS)}
    assert ours and ours - DECLARED == set()


@pytest.mark.parametrize("cls", ["Article", "Person", "Organization", "Statement", "Figure"])
def test_main_classes_are_aligned_to_schema_org_or_prov(cls: str) -> None:
    term = rdflib.URIRef(ontology.NS + cls)
    supers = set(ONTOLOGY.objects(term, RDFS.subClassOf)) | set(
        ONTOLOGY.objects(term, OWL.equivalentClass)
    )
    external = {str(s) for s in supers if not str(s).startswith(ontology.NS)}
    assert any(s.startswith((ontology.SCHEMA, ontology.PROV)) for s in external), cls


def test_every_declared_term_has_a_label_and_a_comment() -> None:
    for term in DECLARED:
        node = rdflib.URIRef(term)
        assert ONTOLOGY.value(node, RDFS.label), term
        assert ONTOLOGY.value(node, RDFS.comment), term
        assert (node, RDF.type, None) in ONTOLOGY


def conforms(data: rdflib.Graph) -> tuple[bool, str]:
    from pyshacl import validate

    shapes = rdflib.Graph().parse(ontology.shapes_path(), format="turtle")
    ok, _, text = validate(data, shacl_graph=shapes, ont_graph=ONTOLOGY, inference="rdfs")
    return bool(ok), str(text)


def union_graph(store) -> rdflib.Graph:  # type: ignore[no-untyped-def]
    import io

    from pyoxigraph import RdfFormat

    out = io.BytesIO()
    store.export(out, RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=out.getvalue().decode(), format="nt")


def test_the_sample_graph_conforms_to_the_shapes() -> None:
    ok, report = conforms(union_graph(filled_store()))
    assert ok, report


def test_the_shapes_catch_a_statement_without_a_speaker() -> None:
    graph = union_graph(filled_store())
    statement = next(graph.subjects(RDF.type, rdflib.URIRef(ontology.STATEMENT)))
    graph.remove((statement, rdflib.URIRef(ontology.SAID_BY), None))
    ok, report = conforms(graph)
    assert not ok and "saidBy" in report
