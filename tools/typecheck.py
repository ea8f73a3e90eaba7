"""Run mypy over the whole ``newsgraph`` package as it is installed, from the source tree.

pyproject.toml maps ``newsgraph.extract``, ``newsgraph.server``, ``newsgraph.ontology``
and ``newsgraph.queries`` to top-level folders (the design's folders), which a type
checker cannot follow from the source tree, nor through an editable install's import
hook. This script lays the package out as it is installed, with links into the source
tree (under ``build/typecheck/``), runs ``mypy -p newsgraph`` there with the settings of
pyproject.toml, and prints each error with the path of the file in the source tree.

    python tools/typecheck.py            # exit status 0 when there are no errors
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"


def package_dirs() -> dict[str, Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    return {package: ROOT / folder for package, folder in mapping.items()}


def lay_out() -> dict[str, str]:
    """Link the package's folders into TREE; returns linked path -> source path."""
    shutil.rmtree(TREE, ignore_errors=True)
    shown: dict[str, str] = {}
    for package, source in sorted(package_dirs().items()):
        linked = TREE.joinpath(*package.split("."))
        linked.parent.mkdir(parents=True, exist_ok=True)
        if package == "newsgraph":  # its own folder: link each entry, subpackages go beside
            linked.mkdir()
            for entry in source.iterdir():
                if entry.name != "__pycache__":
                    (linked / entry.name).symlink_to(entry)
        else:
            linked.symlink_to(source, target_is_directory=True)
        shown[str(linked.relative_to(TREE))] = str(source.relative_to(ROOT))
    return shown


def main() -> int:
    shown = lay_out()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "-p",
            "newsgraph",
        ],
        cwd=TREE,
        env={**os.environ, "MYPYPATH": str(TREE)},
        capture_output=True,
        text=True,
    )
    for line in (result.stdout + result.stderr).splitlines():
        for linked, source in sorted(shown.items(), key=lambda kv: -len(kv[0])):
            if line.startswith(linked + "/"):
                line = source + line[len(linked) :]
                break
        print(line)
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
