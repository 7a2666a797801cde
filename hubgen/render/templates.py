"""Where site_templates/ is: beside the package in a checkout, inside it when installed."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import jinja2


def templates_dir() -> Path:
    # In a checkout (and so when run as `python -m hubgen` from it) the
    # top-level folder wins; a wheel maps it to hubgen.site_templates.
    source_tree = Path(__file__).resolve().parents[2] / "site_templates"
    if (source_tree / "overrides").is_dir():
        return source_tree
    return Path(str(importlib.resources.files("hubgen.site_templates")))


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process: hubgen serve builds many
    times, and compiling Material's templates costs more than rendering one page.
    Jinja checks each template's source digest before using its bytecode."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()
