"""What the site theme (Material for MkDocs) ships, as checking needs to know it.

Validation must reject a `language` the theme cannot show before anything is
built, and `hubgen lint` must not import the site builder (tests/test_imports.py),
so this module reads the installed theme's files without importing it.
render/mkdocs_project.py, which builds with Material, takes its theme language
from here too, so the check and the build agree.
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import re
from pathlib import Path

# Material 9's primary colours (templates/assets/stylesheets/palette.*.css): the
# names `theme.primary` and `theme.accent` accept, and the colour each one is.
MATERIAL_PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2",
    "indigo": "#4051b5", "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6",
    "teal": "#009485", "green": "#4cae4f", "light-green": "#8bc34b", "lime": "#cbdc38",
    "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724", "deep-orange": "#ff6e42",
    "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#14161d",
    "white": "#ffffff",
}

# Material 9's accent colours (the same palette file): the colour of a link under
# the mouse or the keyboard's focus, and of a hovered button. Names without an
# accent of their own keep Material's default accent.
MATERIAL_DEFAULT_ACCENT = "#526cfe"
MATERIAL_ACCENT = {
    "red": "#ff1a47", "pink": "#f50056", "purple": "#df41fb", "deep-purple": "#7c4dff",
    "indigo": "#526cfe", "blue": "#4287ff", "light-blue": "#0091eb", "cyan": "#00bad6",
    "teal": "#00bda4", "green": "#00c753", "light-green": "#63de17", "lime": "#b0eb00",
    "yellow": "#ffd400", "amber": "#ffaa00", "orange": "#ff9000", "deep-orange": "#ff6e42",
}


@functools.cache
def material_languages() -> tuple[str, ...]:
    """The language codes Material ships translations for (its partials/languages folder)."""
    templates = material_templates()
    if templates is None:
        return ()
    return tuple(sorted(path.stem for path in (templates / "partials" / "languages").glob("*.html")))


@functools.cache
def material_templates() -> Path | None:
    """The installed theme's templates folder (found without importing the theme)."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), "templates")


@functools.cache
def material_asset_files() -> frozenset[str]:
    """The files the theme writes into every site under assets/, site-relative
    (assets/javascripts/bundle.<hash>.min.js, assets/images/favicon.png, ...)."""
    templates = material_templates()
    if templates is None:
        return frozenset()
    return frozenset(path.relative_to(templates).as_posix()
                     for path in (templates / "assets").rglob("*") if path.is_file())


def theme_language(language: str) -> str:
    """The theme language for a BCP 47 tag: the tag itself where the theme has it
    (pt-BR, zh-TW), else its primary subtag (de-AT -> de). Pages still say the tag
    as written (`<html lang="de-AT">`: overrides/partials/language.html)."""
    # Exact case: "DE" is no theme language (it gets "did you mean 'de'?"), nor are hubgen's labels for it.
    return language if language in material_languages() else language.split("-")[0]


def templates_dir() -> Path:
    """site_templates/: hubgen's page templates, theme overrides and assets."""
    # In a checkout (and so when run as `python -m hubgen` from it) the
    # top-level folder wins; a wheel maps it to hubgen.site_templates.
    source_tree = Path(__file__).resolve().parents[1] / "site_templates"
    if (source_tree / "overrides").is_dir():
        return source_tree
    return Path(str(importlib.resources.files("hubgen.site_templates")))


# Ids and classes that belong to the page around content: Material's (`__config`,
# `__search`, `md-...`) and hubgen's (`hubgen-...`, the contact form's `ask-...`,
# whose topic panels are numbered: ask-elsewhere-1). Content using one can stand
# in for the theme's element, which its scripts then read (a fake `__config` moved
# the search worker). Literal ids in hubgen's templates and scripts are reserved
# too, whatever their prefix (hubgen_ids); tests/test_content_html.py checks
# that every id Material's templates and scripts use is covered.
RESERVED_PREFIXES = ("__", "md-", "hubgen-", "ask-")

_LITERAL_ID = re.compile(r"""\bid=["']([A-Za-z_][\w:.-]*)["']|getElementById\(["']([^"']+)["']\)""")


@functools.cache
def hubgen_ids() -> frozenset[str]:
    """Every id hubgen's templates write or its scripts look up by name."""
    found = set()
    for path in sorted(templates_dir().rglob("*")):
        if path.suffix in (".j2", ".html", ".js"):
            for match in _LITERAL_ID.finditer(path.read_text(encoding="utf-8")):
                found.add(match.group(1) or match.group(2))
    return frozenset(found)


def reserved_name(value: str) -> bool:
    """An id or class of the theme's or hubgen's own elements."""
    return value.lower().startswith(RESERVED_PREFIXES) or value in hubgen_ids()
