"""Writing content for creators: `hubgen init`, `hubgen new update`, `hubgen schema`.

None of these ever overwrites a file: a creator's words are worth more than
any convenience, so an existing target is a usage error (exit 2).
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import re
from pathlib import Path

from hubgen.content_format import HOSTS, UPDATE_DATE_AHEAD_DAYS, UPDATE_PLACEHOLDER
from hubgen import schemas
from hubgen.errors import UsageError
from hubgen.installed import GIT_EXAMPLE, INDEX_EXAMPLE, Requirement, mkdocs_requirement, this_requirement
from hubgen.load import yaml_string
from hubgen.project import CONTENT_DIR
from hubgen.urls import slugify
from hubgen.render.incremental import CACHE_FOLDER
from hubgen.write import STAGING_PREFIX

STARTER_PACKAGE = "hubgen.starter"
# Starter files and where they go; the update's name gets the day's date.
STARTER_FILES = {
    "hub.yaml": "hub.yaml",
    "faq.yaml": "faq.yaml",
    "refund-policy.md": "refund-policy.md",
    "updates/welcome.md": "updates/{today}-welcome.md",
}
# The project around the content: file in hubgen/starter/project -> where it goes.
PROJECT_FILES = {
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "netlify.toml": "netlify.toml",
    "hub.yml": ".github/workflows/hub.yml",
    "gitignore": ".gitignore",
}
DATE_TOKEN = re.compile(r"@TODAY(?:\+(\d+))?@")
DEFAULT_HOST = HOSTS[0]  #: netlify: what `hubgen init` sets up when --host is not given
#: project.host -> how the project README names it
HOST_NAMES = {"netlify": "Netlify", "github-pages": "GitHub Pages", "other": "a static host of your choice"}
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


def _refuse_unless_new(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder; choose a new folder name")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty; hubgen init never overwrites files. "
                         "Choose a new folder name, or empty this one first "
                         "(`hubgen init --content-only DIR` adds just a content folder to a repository)")


def init_project(target: Path, today: dt.date | None = None,
                 requirement: Requirement | None = None, host: str = DEFAULT_HOST) -> list[Path]:
    """Create a project folder ready to publish on `host`: content/ plus the
    files that install this hubgen (`requirement`: by version from an index,
    else as it was installed, hubgen/installed.py), check, build and publish
    it. Refuse if `target` holds anything."""
    _refuse_unless_new(target)
    requirement = requirement or this_requirement()
    written = []
    for source, destination in PROJECT_FILES.items():
        path = target / destination
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_project_text(source, requirement, host), encoding="utf-8")
        written.append(path)
    return written + init_content(target / CONTENT_DIR, today, host)


def _project_text(name: str, requirement: Requirement, host: str) -> str:
    filled = {
        "@HOST_NAME@": HOST_NAMES[host],
        "@REQUIREMENT@": requirement.line,
        "@MKDOCS@": mkdocs_requirement(),
        "@PIPX@": requirement.pipx_spec,
        "@INDEX_EXAMPLE@": INDEX_EXAMPLE,
        "@GIT_EXAMPLE@": GIT_EXAMPLE,
        "@STAGING@": STAGING_PREFIX,
        "@CACHE@": CACHE_FOLDER,
    }
    # A project that cannot install this hubgen elsewhere says so where its creator reads first.
    filled["@INSTALL_NOTE@"] = "" if requirement.portable else _fill(
        _starter_text("project/install-note.md"), filled)
    # What to switch on for backers' messages, and how to test one arrives, on this host.
    filled["@MESSAGES@"] = _starter_text(f"project/messages-{host}.md")
    return _fill(_starter_text(f"project/{name}"), filled)


def _fill(text: str, filled: dict[str, str]) -> str:
    """Every @NAME@ in a starter file replaced at once (a value is never read for more names)."""
    return re.sub("|".join(map(re.escape, filled)), lambda m: filled[m.group(0)], text)


def unreachable_install_warning(requirement: Requirement) -> str:
    """What `hubgen init` says when requirements.txt cannot install this hubgen on a build host."""
    if requirement.portable:
        return ""
    if " @ " in requirement.line:
        return (f"warning: this hubgen was installed from {requirement.source}, which is on this computer "
                f"only: requirements.txt says `{requirement.line}`, and Netlify and GitHub Actions cannot "
                f"reach it. Before you publish, write there the Git URL of a commit they can reach, "
                f"e.g. `{GIT_EXAMPLE}`, or `{INDEX_EXAMPLE}` once it is on PyPI; README.md says how.")
    return (f"warning: this hubgen was installed from {requirement.source or 'a folder'} on this computer, "
            f"which Netlify and GitHub Actions cannot reach, so requirements.txt says `{requirement.line}` "
            f"(from PyPI). Until that version is on PyPI, write there the Git URL of the commit you use, "
            f"e.g. `{GIT_EXAMPLE}`; README.md says how.")


def init_content(target: Path, today: dt.date | None = None, host: str = DEFAULT_HOST) -> list[Path]:
    """Create a new content folder at `target`, for a hub published on `host`;
    refuse if it holds anything."""
    today = today or dt.date.today()
    _refuse_unless_new(target)
    written = []
    for source, destination in STARTER_FILES.items():
        path = target / destination.format(today=today.isoformat())
        path.parent.mkdir(parents=True, exist_ok=True)
        # The host padded to the placeholder's width, so the comments after it stay in line.
        text = re.sub("@HOST@ *", lambda m: host.ljust(len(m.group()) - 1) + " ",
                      _fill_dates(_starter_text(source), today))
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (target / "assets").mkdir(exist_ok=True)
    written += write_schemas(target / schemas.CONTENT_SCHEMA_DIR)
    return written


def update_slug(title: str) -> str:
    """The file name part of a new update: "Straße café" -> "strasse-cafe"; a title
    with no letters or digits at all ("🎉🎉🎉") -> "update"."""
    slug = slugify(title) if re.search(r"[^\W_]", title) else "update"
    if slug == "section" and "section" not in title.casefold():
        slug = "update"  # letters of other scripts only: slugify keeps ASCII for file names
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug


def update_text(title: str, date: dt.date, pinned: bool = False, backers: bool = False) -> str:
    schema_path = f"../{schemas.CONTENT_SCHEMA_DIR}/{schemas.file_name('update')}"
    lines = [
        "---",
        schemas.modeline(schema_path),
        # The same writer as the site's own front matter: quotes, colons and emoji survive.
        f"title: {yaml_string(title.strip())}",
        f"date: {date.isoformat()}",
        "tags: []",
        "visibility: backers         # never in the public site, feed or search" if backers
        else "# visibility: backers     # uncomment: only for backers, never published",
        "pinned: true                # a notice on every page until you set it to false" if pinned
        else "# pinned: true            # uncomment: a notice on every page",
        "# draft: true               # uncomment: never published",
        "---",
        UPDATE_PLACEHOLDER,
        "",
    ]
    return "\n".join(lines)


def new_update(content: Path, title: str, date: dt.date | None = None,
               pinned: bool = False, backers: bool = False) -> Path:
    """Write updates/YYYY-MM-DD-slug.md in `content`; never overwrite."""
    title = text_from_command_line(title)
    if not title.strip():
        raise UsageError("the update needs a title, e.g. hubgen new update \"Shipping starts\"")
    if not content.is_dir():
        raise UsageError(f"{content}: no such content folder "
                         "(give the folder holding hub.yaml, e.g. hubgen new update \"TITLE\" content, "
                         "or run `hubgen init DIR`)")
    date = date or dt.date.today()
    path = content / "updates" / f"{date.isoformat()}-{update_slug(title)}.md"
    if path.exists() or path.is_symlink():
        raise UsageError(f"{path} already exists; hubgen never overwrites an update. "
                         "Edit that file, or choose another title or --date")
    # Encoded before the file exists, so a failure can never leave a half-written update.
    data = update_text(title, date, pinned=pinned, backers=backers).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:  # "x": fails rather than overwrite
        handle.write(data)
    return path


def future_date_warning(date: dt.date, today: dt.date) -> str:
    """What to say at once when a new update is dated after tomorrow: lint would stop the
    deploy (HUB123) until that day, and the creator learns it only then. "" otherwise."""
    days = (date - today).days
    if days <= UPDATE_DATE_AHEAD_DAYS:
        return ""
    return (f"warning: {date} is {days} days after today ({today}); hubgen does not schedule updates, and lint "
            f"reports an update dated in the future as an error (HUB123), so the hub will not build until then "
            f"(date it today with --date {today}, or set 'draft: true' in it until that day)")


def text_from_command_line(value: str) -> str:
    """The text a creator typed, even in a terminal whose locale is not UTF-8.

    There Python hands over the bytes of an emoji or an accent as lone
    surrogates ("surrogateescape"), which no UTF-8 file can hold; the original
    bytes are UTF-8 in practice, so decode them as such.
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(value).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise UsageError("the title is not UTF-8 text; type it in a UTF-8 terminal "
                         "(or set LANG=C.UTF-8), or edit the title in the file afterwards") from None
