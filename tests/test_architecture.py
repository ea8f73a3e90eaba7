"""The package's dependencies point one way: no import cycles, the layers as drawn in
docs/architecture.md, and every import inside a function says why it is there.

Reads every module's source (every ``import`` statement, function-local ones too) with
:mod:`ast`; imports nothing of the package. The modules are found through the
``package-dir`` table of pyproject.toml, so the test follows the layout wherever it moves.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures.paths import ROOT

# Layers, lowest first (the picture in docs/architecture.md): a module may import only
# from its own layer or those below it. A prefix names a package or a module; the longest
# prefix that matches a module wins.
LAYERS: list[tuple[str, ...]] = [
    # kernel: errors, settings, the vocabulary
    ("newsgraph", "newsgraph.errors", "newsgraph.config", "newsgraph.ontology"),
    # SPARQL as text (tokens, bound values, result formats) and the canned queries
    ("newsgraph.sparql", "newsgraph.queries"),
    # read and extract: pure functions over spaCy objects, frozen records
    ("newsgraph.extract",),
    # records to quads, every IRI minted
    ("newsgraph.store.rdf",),
    # the stores (embedded, remote), loading, derived data
    ("newsgraph.store",),
    # across articles: names, renames, claims
    ("newsgraph.link",),
    # the full-text index
    ("newsgraph.search",),
    # applications: ingest (local, distributed) and evaluation
    ("newsgraph.ingest", "newsgraph.evaluate"),
    # the web server
    ("newsgraph.server",),
    # the command line
    ("newsgraph.cli", "newsgraph.__main__"),
]

# Rules on top of the layers.
FORBIDDEN: list[tuple[str, str, str]] = [
    ("newsgraph.extract", "flask", "extraction never imports Flask"),
    ("newsgraph.extract", "pyoxigraph", "rule code never imports pyoxigraph"),
]
# ... with the one place extraction meets RDF terms.
FORBIDDEN_EXCEPT = {("newsgraph.store.rdf", "pyoxigraph")}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    local: bool
    """Inside a function (the import runs when the function does)."""
    reason: str
    """The comment on the import's line(s), or on the line just above it."""


def package_dirs() -> dict[str, Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    mapping = setuptools.get("package-dir", {})

    def folder(package: str) -> Path:
        if package in mapping:
            return ROOT / mapping[package]
        parent, _, leaf = package.rpartition(".")
        return folder(parent) / leaf if parent else ROOT / package

    return {package: folder(package) for package in setuptools["packages"]}


def modules() -> dict[str, Path]:
    """Every module of the package by its import name."""
    found: dict[str, Path] = {}
    for package, folder in package_dirs().items():
        for path in sorted(folder.glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found[name] = path
    return found


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str, path: Path, known: set[str]) -> list[Import]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    found: list[Import] = []

    def reason(node: ast.stmt) -> str:
        span = lines[node.lineno - 1 : (node.end_lineno or node.lineno)]
        above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        comments = [line.partition("#")[2].strip() for line in span if "#" in line]
        if above.startswith("#"):
            comments.append(above.lstrip("# "))
        return " ".join(c for c in comments if c)

    def visit(node: ast.AST, local: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = local or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                continue  # seen by the type checker only
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                module = _resolve(name, path.stem == "__init__", child)
                # ``from package import module`` imports the module, and runs the package's
                # ``__init__`` first: counted as an import of both (the stricter reading)
                targets = [module] + [
                    f"{module}.{alias.name}"
                    for alias in child.names
                    if f"{module}.{alias.name}" in known
                ]
            else:
                visit(child, inner)
                continue
            for target in targets:
                found.append(Import(name, target, child.lineno, local, reason(child)))

    visit(tree, False)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def all_imports() -> list[Import]:
    mods = modules()
    known = set(mods)
    return [imp for name, path in mods.items() for imp in imports_of(name, path, known)]


def internal_graph() -> dict[str, set[str]]:
    known = set(modules())
    graph: dict[str, set[str]] = {name: set() for name in known}
    for imp in all_imports():
        target = _owner(imp.imported, known)
        if target is not None and target != imp.importer:
            graph[imp.importer].add(target)
    return graph


def _owner(imported: str, known: set[str]) -> str | None:
    """The package module an import names (``newsgraph.x.y`` for ``newsgraph.x.y.Name``)."""
    parts = imported.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for level, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), level)
    return None if best is None else best[1]


def test_no_import_cycles() -> None:
    """Cycles (counted over every import, function-local ones too) make a layer impossible
    to read or test without the ones above it."""
    assert cycles(internal_graph()) == []


def test_every_module_has_a_layer() -> None:
    """A new module is placed in a layer (LAYERS above, drawn in docs/architecture.md)."""
    assert [m for m in modules() if layer_of(m) is None] == []


def test_imports_point_down_the_layers() -> None:
    known = set(modules())
    upward = []
    for imp in all_imports():
        target = _owner(imp.imported, known)
        if target is None:
            continue
        have, want = layer_of(imp.importer), layer_of(target)
        if have is not None and want is not None and want > have:
            upward.append(f"{imp.importer}:{imp.line} imports {target}")
    assert upward == []


@pytest.mark.parametrize(("package", "forbidden", "why"), FORBIDDEN)
def test_forbidden_imports(package: str, forbidden: str, why: str) -> None:
    bad = [
        f"{imp.importer}:{imp.line} imports {imp.imported}"
        for imp in all_imports()
        if (imp.importer == package or imp.importer.startswith(package + "."))
        and (imp.imported == forbidden or imp.imported.startswith(forbidden + "."))
        and (imp.importer, forbidden) not in FORBIDDEN_EXCEPT
    ]
    assert bad == [], why


def test_function_local_imports_say_why() -> None:
    """An import inside a function hides a dependency from the top of the module: it is
    kept only for a reason written beside it (an optional dependency, start-up time)."""
    silent = [
        f"{imp.importer}:{imp.line} imports {imp.imported}"
        for imp in all_imports()
        if imp.local and not imp.reason
    ]
    assert silent == []


def test_the_command_line_starts_without_the_server() -> None:
    """``newsgraph ingest`` need not import Flask: only ``serve`` reaches the server."""
    known = set(modules())
    eager = [
        f"{imp.importer}:{imp.line} imports {imp.imported}"
        for imp in all_imports()
        if imp.importer.startswith("newsgraph.cli")
        and not imp.local
        and (_owner(imp.imported, known) or "").startswith("newsgraph.server")
    ]
    assert eager == []
