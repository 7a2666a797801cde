"""Imports flow one way: load -> model -> validate -> lint / render -> write.

`hubgen lint` and `hubgen search` are what a creator runs on every save and
in CI; they must not pay for MkDocs, Material, Jinja2 or a process pool they
never use. And a module low in the pipeline that reaches up (search into
render/, say) is how one fact ends up owned by two places.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE_CONTENT, REPO

PACKAGE = REPO / "hubgen"
# What the building side needs and checking or searching never does.
# Babel is not here: it is the locale database, and country names in the search
# index (hubgen/delivery.py) need it when a hub lists shipping regions.
BUILD_ONLY = ("mkdocs", "material", "jinja2", "markupsafe", "multiprocessing", "hubgen.render",
              "hubgen.write")
# Modules below lint/, search/ and render/: they may import none of those.
CORE = ("hubgen.diagnostics", "hubgen.errors", "hubgen.load", "hubgen.model", "hubgen.validate",
        "hubgen.urls", "hubgen.markup", "hubgen.content_html", "hubgen.content_assets", "hubgen.theme")
ABOVE_CORE = ("hubgen.lint", "hubgen.search", "hubgen.render", "hubgen.write", "hubgen.pipeline",
              "hubgen.serve", "hubgen.cli", "hubgen.authoring")


def modules_imported_by(*args: str) -> set[str]:
    """Every module a fresh `python -m hubgen ARGS` process imports (python -X importtime)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "hubgen", *args], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert lines, "python -X importtime printed nothing"
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}  # the first line is the header


def _is_within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


@pytest.mark.parametrize("args", [("lint", str(EXAMPLE_CONTENT)),
                                  ("search", "refund", str(EXAMPLE_CONTENT))],
                         ids=["lint", "search"])
def test_checking_and_searching_load_nothing_of_the_site_builder(args):
    imported = modules_imported_by(*args)
    assert "hubgen.lint" in imported or "hubgen.search" in imported  # the command really ran
    assert sorted(m for m in imported if _is_within(m, BUILD_ONLY)) == []


def test_checking_loads_no_code_highlighter():
    # No page highlights code (codehilite is not among the Markdown extensions),
    # yet fenced_code's import of codehilite loaded Pygments and importlib.metadata:
    # a tenth of `hubgen lint` on a big hub (hubgen/markup.py).
    imported = modules_imported_by("lint", str(EXAMPLE_CONTENT))
    # fenced_code was loaded (its own import of codehilite shows; importlib's do not):
    # the Markdown was read as the pages read it.
    assert "markdown.extensions.codehilite" in imported
    assert sorted(m for m in imported if m.startswith("pygments.") or m == "importlib.metadata") == []


def hubgen_imports() -> dict[str, set[str]]:
    """{module: hubgen modules it imports}, read from the source (lazy imports included)."""
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        graph[module] = {t for t in targets if t == "hubgen" or t.startswith("hubgen.")}
    return graph


def test_the_core_imports_nothing_above_it():
    graph = hubgen_imports()
    assert "hubgen.markup" in graph and "hubgen.validate" in graph  # the walk found the package
    upward = sorted((module, target) for module, targets in graph.items() if _is_within(module, CORE)
                    for target in targets if _is_within(target, ABOVE_CORE))
    assert upward == []


@pytest.mark.parametrize("lower, higher", [("hubgen.search", "hubgen.render"),
                                           ("hubgen.search", "hubgen.lint"),
                                           ("hubgen.lint", "hubgen.render"),
                                           ("hubgen.render", "hubgen.lint")])
def test_search_lint_and_render_do_not_reach_into_each_other(lower, higher):
    graph = hubgen_imports()
    reaching = sorted((module, target) for module, targets in graph.items() if _is_within(module, (lower,))
                      for target in targets if _is_within(target, (higher,)))
    assert reaching == []
