"""Writing content for creators: `hubgen init`, `hubgen new update`, `hubgen schema`.

None of these ever overwrites a file: a creator's words are worth more than
any convenience, so an existing target is a usage error (exit 2).
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
import re
from pathlib import Path

from hubgen import schemas
from hubgen.errors import UsageError
from hubgen.validate import slugify

STARTER_PACKAGE = "hubgen.starter"
# Starter files and where they go; the update's name gets the day's date.
STARTER_FILES = {
    "hub.yaml": "hub.yaml",
    "faq.yaml": "faq.yaml",
    "refund-policy.md": "refund-policy.md",
    "updates/welcome.md": "updates/{today}-welcome.md",
}
DATE_TOKEN = re.compile(r"@TODAY(?:\+(\d+))?@")
MAX_SLUG = 60


def _fill_dates(text: str, today: dt.date) -> str:
    return DATE_TOKEN.sub(lambda m: (today + dt.timedelta(days=int(m.group(1) or 0))).isoformat(), text)


def _starter_text(name: str) -> str:
    files = importlib.resources.files(STARTER_PACKAGE)
    return files.joinpath(*name.split("/")).read_text(encoding="utf-8")


def write_schemas(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Write the JSON Schemas into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names or list(schemas.SCHEMAS):
        path = folder / schemas.file_name(name)
        path.write_text(schemas.schema_text(name), encoding="utf-8")
        written.append(path)
    return written


def init_content(target: Path, today: dt.date | None = None) -> list[Path]:
    """Create a new content folder at `target`; refuse if it holds anything."""
    today = today or dt.date.today()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder; choose a new folder name")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty; hubgen init never overwrites files. "
                         "Choose a new folder name, or empty this one first")
    written = []
    for source, destination in STARTER_FILES.items():
        path = target / destination.format(today=today.isoformat())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_fill_dates(_starter_text(source), today), encoding="utf-8")
        written.append(path)
    (target / "assets").mkdir(exist_ok=True)
    written += write_schemas(target / schemas.CONTENT_SCHEMA_DIR)
    return written


def update_slug(title: str) -> str:
    slug = slugify(title)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug


def update_text(title: str, date: dt.date, pinned: bool = False, backers: bool = False) -> str:
    schema_path = f"../{schemas.CONTENT_SCHEMA_DIR}/{schemas.file_name('update')}"
    lines = [
        "---",
        schemas.modeline(schema_path),
        # JSON strings are valid YAML: any title survives quotes and colons.
        f"title: {json.dumps(title.strip(), ensure_ascii=False)}",
        f"date: {date.isoformat()}",
        "tags: []",
        "visibility: backers         # never in the public site, feed or search" if backers
        else "# visibility: backers     # uncomment: only for backers, never published",
        "pinned: true                # a notice on every page until you set it to false" if pinned
        else "# pinned: true            # uncomment: a notice on every page",
        "# draft: true               # uncomment: never published",
        "---",
        "Write the update here, in Markdown. Start with what changed for backers.",
        "",
    ]
    return "\n".join(lines)


def new_update(content: Path, title: str, date: dt.date | None = None,
               pinned: bool = False, backers: bool = False) -> Path:
    """Write updates/YYYY-MM-DD-slug.md in `content`; never overwrite."""
    if not title.strip():
        raise UsageError("the update needs a title, e.g. hubgen new update \"Shipping starts\"")
    if not content.is_dir():
        raise UsageError(f"{content}: no such content folder "
                         "(give it with --content DIR, or run `hubgen init DIR`)")
    date = date or dt.date.today()
    path = content / "updates" / f"{date.isoformat()}-{update_slug(title)}.md"
    if path.exists() or path.is_symlink():
        raise UsageError(f"{path} already exists; hubgen never overwrites an update. "
                         "Edit that file, or choose another title or --date")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": fails rather than overwrite
        handle.write(update_text(title, date, pinned=pinned, backers=backers))
    return path
