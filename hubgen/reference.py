"""The reference a creator reads while writing content, shipped in the package.

`docs/*.md` live at the top of the repository (where contributors look for
them); the wheel maps that folder to `hubgen/docs/` (pyproject.toml), so
`hubgen docs` prints the same file in a checkout and in an installed copy,
and no message needs to name a file that only hubgen's repository has.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_TOPIC = "content-format"


def docs_dir() -> Path:
    # In a checkout (and an editable install) the top-level docs/ wins.
    source_tree = Path(__file__).resolve().parents[1] / "docs"
    if (source_tree / f"{DEFAULT_TOPIC}.md").is_file():
        return source_tree
    return Path(__file__).resolve().parent / "docs"


def topics() -> list[str]:
    return sorted(path.stem for path in docs_dir().glob("*.md"))


def read(topic: str) -> str | None:
    """The Markdown text of a topic, or None when there is no such topic."""
    path = docs_dir() / f"{topic}.md"
    return path.read_text(encoding="utf-8") if topic in topics() else None
