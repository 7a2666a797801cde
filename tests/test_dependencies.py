"""Dependencies declared exactly: what the code imports is declared, what is
declared is used, and CI's constraints.txt stays inside pyproject's ranges.

A module imported but not declared works on the developer's machine (something
else pulled it in) and breaks on a creator's; one declared and unused is a
download for nothing.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {canonical(Requirement(r).name) for r in requirements}


def third_party_imports(folder: Path) -> set[str]:
    """Top-level modules imported anywhere under `folder` that are neither the
    standard library nor the repository's own."""
    own = {"hubgen", "conftest"} | {p.stem for p in (REPO / "tests").glob("*.py")} | {
        p.stem for p in (REPO / "bench").glob("*.py")}
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return {m for m in found if m not in sys.stdlib_module_names and m not in own and m != "__future__"}


def distributions_of(modules: set[str]) -> set[str]:
    owners = metadata.packages_distributions()
    missing = sorted(m for m in modules if m not in owners)
    assert not missing, f"imported but installed by no distribution: {missing}"
    return {canonical(owners[m][0]) for m in modules}


def test_hubgen_declares_exactly_what_it_imports():
    assert distributions_of(third_party_imports(REPO / "hubgen")) == declared(PROJECT["dependencies"])


def test_the_test_extra_declares_what_the_tests_import_and_nothing_unused():
    runtime = declared(PROJECT["dependencies"])
    test_extra = declared(PROJECT["optional-dependencies"]["test"])
    used = distributions_of(third_party_imports(REPO / "tests")) - runtime
    assert used - test_extra == set(), "imported by tests, not in the test extra"
    plugins = {canonical(ep.dist.name) for ep in metadata.entry_points(group="pytest11")}
    # A runtime dependency may appear again with the tighter range the tests need.
    assert test_extra - used - plugins - runtime - {"pytest"} == set(), "in the test extra, used by no test"


def test_constraints_pin_every_declared_dependency_inside_its_range():
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonical(name)] = version.strip()
    requirements = [Requirement(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]]
    outside = {r.name: pins.get(canonical(r.name)) for r in requirements
               if canonical(r.name) not in pins or pins[canonical(r.name)] not in r.specifier}
    assert outside == {}, "run python3 scripts/freeze_constraints.py"
