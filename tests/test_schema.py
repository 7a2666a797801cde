"""The JSON Schemas and hubgen's own validation agree, file by file.

Valid content (the example hub and the starter) passes both; each invalid case
is rejected by both the schema and `hubgen lint`; a few unusual but valid
spellings are accepted by both.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conftest import EXAMPLE_CONTENT, run_hubgen
from hubgen import schemas
from hubgen.load import FRONT_MATTER, parse_yaml
from hubgen.pipeline import load_hub

TODAY = dt.date(2026, 3, 1)
WELCOME = f"updates/{TODAY.isoformat()}-welcome.md"


def load_like_hubgen(path: Path):
    """The YAML of a file (front matter for Markdown), as JSON a schema sees."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        match = FRONT_MATTER.match(text)
        text = (match.group(1) or "") if match else ""
        return schemas.as_json(parse_yaml(text, line_offset=1)) if match else None
    return schemas.as_json(parse_yaml(text))


def schema_errors(name: str, path: Path) -> list[str]:
    validator = Draft202012Validator(schemas.load_schema(name), format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(load_like_hubgen(path))]


def content_files(root: Path) -> list[tuple[str, Path]]:
    files = [("hub", root / "hub.yaml")]
    if (root / "faq.yaml").exists():
        files.append(("faq", root / "faq.yaml"))
    files += [("update", p) for p in sorted((root / "updates").glob("*.md"))]
    if (root / "refund-policy.md").exists():
        files.append(("refund-policy", root / "refund-policy.md"))
    return files


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    target = tmp_path / "starter"
    result = run_hubgen("init", "--content-only", str(target), "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    return target


def test_the_schemas_are_valid_json_schemas():
    for name in schemas.SCHEMAS:
        Draft202012Validator.check_schema(schemas.load_schema(name))


def test_the_example_content_matches_its_schemas():
    checked = content_files(EXAMPLE_CONTENT)
    assert len(checked) >= 3
    for name, path in checked:
        assert schema_errors(name, path) == [], path


def test_the_test_fixture_hub_matches_its_schemas(tmp_path: Path):
    import contentkit

    content = contentkit.write_content(tmp_path)
    assert load_hub(content).report.errors == []
    for name, path in content_files(content):
        assert schema_errors(name, path) == [], path


def test_a_generated_large_hub_matches_its_schemas(tmp_path: Path):
    from conftest import generated_hub

    content = generated_hub(tmp_path / "big", faq=60, categories=4, updates=12)
    assert load_hub(content).report.errors == []
    for name, path in content_files(content):
        assert schema_errors(name, path) == [], path


def test_the_starter_content_matches_its_schemas(starter: Path):
    checked = content_files(starter)
    assert [name for name, _ in checked] == ["hub", "faq", "update", "refund-policy"]
    for name, path in checked:
        assert schema_errors(name, path) == [], path


def test_the_starter_points_editors_at_the_schemas(starter: Path):
    for name, path in content_files(starter):
        text = path.read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if "yaml-language-server" in line)
        target = (path.parent / line.split("$schema=", 1)[1].strip()).resolve()
        assert target.is_file(), line
        assert json.loads(target.read_text()) == schemas.load_schema(name)


# (file, text in the starter, replacement): each must fail both checks.
INVALID = [
    ("hub.yaml", "project:", "projekt:"),
    ("hub.yaml", "  name: Example Gadget", "  title: Example Gadget"),
    ("hub.yaml", "  name: Example Gadget", "  name: '  '"),
    ("hub.yaml", "platform: kickstarter", "platform: kikstarter"),
    ("hub.yaml", "site_url: https://help.example.com/", "site_url: help.example.com"),
    ("hub.yaml", "campaign_url: https://www.kickstarter.com/projects/example/example-gadget",
     "campaign_url: www.kickstarter.com/example"),
    ("hub.yaml", "email: support@example.com", "email: support at example"),
    ("hub.yaml", "  primary: indigo", "  primary: rainbow"),
    ("hub.yaml", "  - id: locked", "  - id: Locked Down"),
    ("hub.yaml", "    label: Shipped", "    label: [Shipped]"),
    ("hub.yaml", "    can_change: [shipping address, add-ons]", "    can_change: {address: yes}"),
    ("hub.yaml", "    due: 2026-03-15", "    due: 2026-13-45"),
    ("hub.yaml", "    due: 2026-03-15", "    due: soon"),
    ("hub.yaml", "  - title: Surveys sent\n    due: 2026-03-15", "  - title: Surveys sent"),
    ("hub.yaml", "stale_after_days: 14", "stale_after_days: 0"),
    ("hub.yaml", "stale_after_days: 14", "stale_after_days: two weeks"),
    ("hub.yaml", "stale_after_days: 14", "stale_after_dyas: 14"),
    ("hub.yaml", "    - topic: Refunds, changes to locked orders, damaged rewards\n",
     "    - Refunds, changes to locked orders, damaged rewards\n    - topic: Refunds\n"),
    ("hub.yaml", "      handled_by: creator", "      handled_by:"),
    ("hub.yaml", "  - query: money back\n    expect: refund-policy", "  - query: money back"),
    ("faq.yaml", "  questions:\n    - id: when-ship", "  questions:\n    - id: When Ship"),
    ("faq.yaml", "      q: Can I get my money back?", "      question: Can I get my money back?"),
    ("faq.yaml", "      keywords: [extras, upgrade, more items]", "      keywords: 7"),
    ("faq.yaml", "- category: Shipping", "- name: Shipping"),
    ("faq.yaml", "money back]\n", "money back]\n- category: Extra\n  questions: many\n"),
    (WELCOME, "tags: [news]", "tags: [news]\nvisibility: secret"),
    (WELCOME, "tags: [news]", "tags: [news]\npinned: yes please"),
    (WELCOME, "tags: [news]", "tag: [news]"),
    (WELCOME, "title: Welcome to the backer hub", "headline: Welcome"),
    (WELCOME, f"date: {TODAY.isoformat()}", "date: next week"),
    ("refund-policy.md", "    refund: full\n", "    refund: most\n"),
    ("refund-policy.md", "  - after: delivery\n", "  - after: arrival\n"),
    ("refund-policy.md", "    days: 30\n", "    days: 0\n"),
    ("refund-policy.md", "  - until: shipping\n    refund: full\n", "  - until: shipping\n"),
    ("refund-policy.md", "refund_terms:\n", "refund_terms: 30 days\nold_terms:\n"),
]

# Unusual spellings hubgen accepts; the schema must not flag them.
VALID = [
    ("hub.yaml", "  status: Manufacturing", "  status: 2"),
    ("hub.yaml", "  status: Manufacturing", "  status:"),
    ("hub.yaml", "    can_change: [shipping address, add-ons]", "    can_change: shipping address"),
    ("hub.yaml", "    due: 2026-03-15", "    due: 2026-03-15 10:00:00"),
    ("hub.yaml", "settings:\n  stale_after_days: 14", "settings:"),
    ("faq.yaml", "  questions:\n    - id: when-ship", "  questions:\n    - id:"),
    ("faq.yaml", "      keywords: [extras, upgrade, more items]", "      keywords: extras"),
    (WELCOME, "tags: [news]", "tags: [news]\npinned: false\ndraft:\nvisibility: backers"),
    (WELCOME, f"date: {TODAY.isoformat()}\n", ""),
    ("refund-policy.md", "refund_terms:\n  - until: shipping\n    refund: full\n  - after: delivery\n    days: 30\n"
     "    refund: returned_items\n", "refund_terms: []\n"),
    ("refund-policy.md", "refund_terms:\n  - until: shipping\n    refund: full\n  - after: delivery\n    days: 30\n"
     "    refund: returned_items\n", "window_days: 14\n"),
]

SCHEMA_OF = {"hub.yaml": "hub", "faq.yaml": "faq", WELCOME: "update", "refund-policy.md": "refund-policy"}


def _mutate(root: Path, file: str, old: str, new: str) -> Path:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("file, old, new", INVALID, ids=[f"{c[0]}:{c[2][:30]}" for c in INVALID])
def test_invalid_content_fails_both_schema_and_lint(starter: Path, file: str, old: str, new: str):
    path = _mutate(starter, file, old, new)
    assert schema_errors(SCHEMA_OF[file], path), "the schema accepts it"
    result = run_hubgen("lint", str(starter), "--today", TODAY.isoformat())
    assert result.returncode == 1, "hubgen lint accepts it:\n" + result.stdout + result.stderr


@pytest.mark.parametrize("file, old, new", VALID, ids=[f"{c[0]}:{c[2][:30]}" for c in VALID])
def test_unusual_but_valid_content_passes_both(starter: Path, file: str, old: str, new: str):
    path = _mutate(starter, file, old, new)
    assert schema_errors(SCHEMA_OF[file], path) == []
    loaded = load_hub(starter)
    assert loaded.report.errors == [], [d.text() for d in loaded.report.errors]
