"""The numbers of docs/architecture.md's table, for the checkout this is run in.

    python tools/architecture_stats.py [ROOT]

Modules, import cycles and function-local import statements (over every import
statement, as tests/test_architecture.py reads them), the largest module and function,
and the ``type: ignore`` comments of the package (the folders pyproject.toml maps).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def main() -> int:
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE
    sys.path.insert(0, str(HERE / "tests"))
    import test_architecture as arch  # the same reading of imports as the test

    arch.ROOT = root
    mods = arch.modules()
    graph = arch.internal_graph()
    imports = arch.all_imports()
    local = {(i.importer, i.line) for i in imports if i.local}
    silent = {(i.importer, i.line) for i in imports if i.local and not i.reason}
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in mods.items()
    }
    functions: list[tuple[int, str]] = []
    ignores = 0
    for name, path in mods.items():
        text = path.read_text(encoding="utf-8")
        ignores += text.count("type: ignore")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                functions.append((length, f"{name}.{node.name}"))
    biggest = max(sizes.items(), key=lambda kv: kv[1])
    over = sum(1 for n in sizes.values() if n > 300)
    print(f"modules: {len(mods)}")
    print(f"import cycles: {len(arch.cycles(graph))} {arch.cycles(graph)}")
    print(f"function-local import statements: {len(local)} ({len(silent)} without a reason)")
    print(f"largest module: {biggest[0]} ({biggest[1]} lines); modules over 300 lines: {over}")
    print("largest functions: " + ", ".join(f"{n} ({k})" for k, n in sorted(functions)[-3:][::-1]))
    print(f"type: ignore comments in the package: {ignores}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
