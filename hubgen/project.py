"""A creator's project folder: where the content and the site live, and how
every command finds the content folder without being told.

A project made by `hubgen init DIR` holds `content/` (what the creator edits)
and `site/` (what is published) side by side. Creators run commands from the
project folder or from inside `content/`; both must just work.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_DIR = "content"  #: the content folder inside a project
SITE_DIR = "site"  #: the built site inside a project; what hosts publish
HUB_FILE = "hub.yaml"  #: the one file every content folder holds

NO_CONTENT_HERE = (
    "no content folder here: run this in your project folder (the one holding content/), "
    "inside content/, or give the folder as CONTENT (`hubgen {command} --help`). "
    "`hubgen init DIR` starts a new project")


class ContentNotFound(Exception):
    """Neither a content folder was given nor one found around the current folder."""


def find_content(given: Path | None) -> Path:
    """The folder given; else `content/` below the current folder; else the
    current folder when it holds hub.yaml. Paths stay relative, so messages
    name files the way the creator sees them."""
    if given is not None:
        return given
    if Path(CONTENT_DIR).is_dir():
        return Path(CONTENT_DIR)
    if Path(HUB_FILE).is_file():
        return Path(".")
    raise ContentNotFound()


def default_site(content: Path) -> Path:
    """Where `hubgen build` writes when no -o is given: `site/` in the project.

    Run from inside a project's `content/`, that is `../site`, the folder the
    generated netlify.toml and workflow publish, not a site/ inside the content.
    """
    if content == Path(".") and Path.cwd().name == CONTENT_DIR:
        return Path("..") / SITE_DIR
    return Path(SITE_DIR)
