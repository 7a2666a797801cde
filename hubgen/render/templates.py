"""Where site_templates/ is: beside the package in a checkout, inside it when installed."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def templates_dir() -> Path:
    # In a checkout (and so when run as `python -m hubgen` from it) the
    # top-level folder wins; a wheel maps it to hubgen.site_templates.
    source_tree = Path(__file__).resolve().parents[2] / "site_templates"
    if (source_tree / "overrides").is_dir():
        return source_tree
    return Path(str(importlib.resources.files("hubgen.site_templates")))
