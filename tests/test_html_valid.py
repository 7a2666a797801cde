"""Every page of the built example hub passes the W3C Nu HTML checker."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_passes_the_nu_checker(built_site, java):
    # Never skip: without Java or vnu.jar this fails, telling how to install them.
    assert VNU.is_file(), "vnu.jar is missing: run `npm install` in the repository"
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             "--exit-zero-always", str(built_site)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(errors[:30])
    checked = len(list(built_site.rglob("*.html")))
    assert checked >= 10
