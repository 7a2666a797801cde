"""Every page of the built example hub passes the W3C Nu HTML checker."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(java: str, path) -> list[str]:
    """The W3C Nu checker's errors for an HTML file or every page under a folder,
    as "page:line: message". Never skips: without vnu.jar this fails, saying how to install it."""
    assert VNU.is_file(), "vnu.jar is missing: run `npm install` in the repository"
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             "--exit-zero-always", str(path)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]


def test_every_page_passes_the_nu_checker(built_site, java):
    errors = nu_errors(java, built_site)
    assert not errors, "\n".join(errors[:30])
    checked = len(list(built_site.rglob("*.html")))
    assert checked >= 10
