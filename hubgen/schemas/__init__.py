"""JSON Schemas of the content format, for editors (autocomplete, red squiggles).

The schemas describe exactly what validate.py accepts, key by key; a test
checks both against the same valid and invalid files. They cannot express
cross-file rules (unique ids, states that exist, logo files that exist):
`hubgen lint` remains the judge.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from typing import Any

#: schema name -> the content it describes
SCHEMAS = {
    "hub": "hub.yaml",
    "faq": "faq.yaml",
    "update": "the front matter of updates/*.md",
}

#: where `hubgen init` puts the schemas inside a content folder
CONTENT_SCHEMA_DIR = ".schemas"


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_text(name: str) -> str:
    if name not in SCHEMAS:
        raise KeyError(name)
    return importlib.resources.files(__package__).joinpath(file_name(name)).read_text(encoding="utf-8")


def load_schema(name: str) -> dict:
    return json.loads(schema_text(name))


def modeline(schema_path: str) -> str:
    """The comment that points YAML editors (yaml-language-server) at a schema."""
    return f"# yaml-language-server: $schema={schema_path}"


def as_json(data: Any) -> Any:
    """YAML as hubgen loads it -> the JSON a schema validator sees.

    YAML dates become "YYYY-MM-DD" strings (the schemas say format: date),
    keys become text, and hubgen's marked mappings and lists plain ones.
    """
    if isinstance(data, dict):
        return {str(key): as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(value) for value in data]
    if isinstance(data, dt.datetime):
        return data.date().isoformat()
    if isinstance(data, dt.date):
        return data.isoformat()
    return data
