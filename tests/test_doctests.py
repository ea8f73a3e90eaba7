"""Every docstring example in the installed package runs and shows what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["newsgraph", "newsgraph.sparql", "newsgraph.store", "newsgraph.link",
            "newsgraph.search", "newsgraph.ingest", "newsgraph.evaluate", "newsgraph.cli",
            "newsgraph.extract", "newsgraph.server", "newsgraph.ontology",
            "newsgraph.queries"]  # fmt: skip
MODULES = sorted(
    {
        f"{package}.{info.name}"
        for package in PACKAGES
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__)
        if info.name != "__main__" and not info.ispkg  # __main__ would run the CLI
    }
    | set(PACKAGES)
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
