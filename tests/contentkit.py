"""Small content folders for tests: a valid minimal hub, changed one file at a time."""

from __future__ import annotations

import textwrap
from pathlib import Path

# The date these hubs are checked on: a week after their newest update. Tests
# pass it (lint_hub(..., today=), --today) so they pass on any day.
TODAY = "2026-11-25"

MINIMAL = {
    "hub.yaml": """\
        project:
          name: Test Kettle
          creator: Test Studio
          platform: kickstarter
          campaign_url: https://www.kickstarter.com/projects/test/kettle
          site_url: https://help.kettle.example/
        contact:
          email: help@kettle.example
          response_time: within 2 days
          routing:
            - topic: Refunds
              handled_by: creator
        pledge_states:
          - id: collected
            label: Collected
            description: Your payment went through.
            can_change: [address]
            next: [locked]
          - id: locked
            label: Locked
            description: Your order is being prepared.
            cannot_change: [items]
            next: []
        milestones:
          - title: Surveys sent
            due: 2026-09-15
            done: 2026-09-12
        """,
    "faq.yaml": """\
        - category: Shipping
          questions:
            - id: when-ship
              q: When will my kettle ship?
              a: In **March**. See the [refund policy](/refund-policy/).
              keywords: [delivery]
              states: [collected, locked]
        """,
    "refund-policy.md": """\
        ---
        updated: 2026-10-01
        window_days: 30
        ---
        We refund within 30 days, also after your kettle has shipped.

        ## How to ask
        Write to us.
        """,
    "updates/2026-11-18-hello.md": """\
        ---
        title: Hello backers
        date: 2026-11-18
        tags: [news]
        ---
        First news.
        """,
}


def write_content(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write MINIMAL to root/content with `changes` applied (None deletes a file)."""
    content = root / "content"
    files = {**MINIMAL, **(changes or {})}
    for name, text in files.items():
        if text is None:
            continue
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def lint_content(root: Path, changes: dict, today) -> list:
    """write_content, then lint it in this process as a creator would, from the folder
    holding content/ (locations read content/...); the diagnostics, sorted."""
    import contextlib

    from hubgen.pipeline import lint_hub, load_hub

    content = write_content(root, changes)
    with contextlib.chdir(content.parent):
        return lint_hub(load_hub(Path("content")), today=today).sorted()


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; return the 1-based line where the new text starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    start = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:start].count("\n") + 1
