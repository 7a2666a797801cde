"""What the site theme (Material for MkDocs) ships, as checking needs to know it.

Validation must reject a `language` the theme cannot show before anything is
built, and `hubgen lint` must not import the site builder (tests/test_imports.py),
so this module reads the installed theme's files without importing it.
render/mkdocs_project.py, which builds with Material, takes its theme language
from here too, so the check and the build agree.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path


@functools.cache
def material_languages() -> tuple[str, ...]:
    """The language codes Material ships translations for (its partials/languages folder)."""
    spec = importlib.util.find_spec("material")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return ()
    folder = Path(next(iter(spec.submodule_search_locations)), "templates", "partials", "languages")
    return tuple(sorted(path.stem for path in folder.glob("*.html")))


def theme_language(language: str) -> str:
    """The theme language for a BCP 47 tag: its primary subtag (de-AT -> de)."""
    return language.split("-")[0]
