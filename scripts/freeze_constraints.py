"""Write constraints.txt: the installed version of everything hubgen[test] pulls in.

CI (scripts/test) installs with `-c constraints.txt`, so it runs on the versions
the suite last passed with, not on whatever was released overnight. Run this
after adding or upgrading a dependency in pyproject.toml, once the suite passes:

    python3 scripts/freeze_constraints.py [DISTRIBUTION ...]

Distributions named on the command line are pinned too (one about to be
declared on another branch, say).
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent
HEADER = """\
# The versions the whole suite passes with; scripts/test installs with them.
# Written by scripts/freeze_constraints.py (run it after changing pyproject.toml);
# the ranges users may get are in pyproject.toml.
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wanted(requirement: Requirement, extras: tuple[str, ...]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**default_environment(), "extra": extra}) for extra in ("", *extras))


def closure(roots: list[str]) -> dict[str, str]:
    """{distribution: installed version} for the roots and all they require."""
    versions: dict[str, str] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    pending = [Requirement(root) for root in roots]
    while pending:
        requirement = pending.pop()
        extras = tuple(sorted(requirement.extras))
        key = (canonical(requirement.name), extras)
        if key in seen:
            continue
        seen.add(key)
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{requirement.name} is not installed: pip install -e '.[test]' first")
        versions[key[0]] = distribution.version
        pending += [r for r in map(Requirement, distribution.requires or []) if wanted(r, extras)]
    return versions


def main() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    roots = project["dependencies"] + [r for group in project.get("optional-dependencies", {}).values()
                                       for r in group] + sys.argv[1:]
    versions = closure(roots)
    versions.pop(canonical(project["name"]), None)
    lines = [f"{name}=={version}" for name, version in sorted(versions.items())]
    (REPO / "constraints.txt").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"constraints.txt: {len(lines)} pins")


if __name__ == "__main__":
    main()
