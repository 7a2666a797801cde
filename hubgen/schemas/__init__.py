"""JSON Schemas of the content format, for editors (autocomplete, red squiggles).

They are generated from the declared format (hubgen/content_format.py), the
same table validate.py reads keys through, so they cannot drift from what
hubgen accepts. They cannot express cross-file rules (unique ids, states that
exist, logo files that exist): `hubgen lint` remains the judge.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

#: schema name -> the content it describes
SCHEMAS = {
    "hub": "hub.yaml",
    "faq": "faq.yaml",
    "update": "the front matter of updates/*.md",
    "refund-policy": "the front matter of refund-policy.md",
}

#: where `hubgen init` puts the schemas inside a content folder
CONTENT_SCHEMA_DIR = ".schemas"


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_text(name: str) -> str:
    return json.dumps(load_schema(name), indent=2, ensure_ascii=False) + "\n"


def load_schema(name: str) -> dict:
    if name not in SCHEMAS:
        raise KeyError(name)
    return json.loads(json.dumps(_build(name)))  # a fresh copy each time


@functools.cache
def _build(name: str) -> dict:
    from hubgen import content_format as spec

    top = {"hub": spec.HUB, "faq": spec.FAQ_CATEGORY, "update": spec.UPDATE, "refund-policy": spec.REFUND_POLICY}[name]
    if name == "faq":
        schema = {"description": "Backer questions and answers, grouped in categories.",
                  "type": ["array", "null"], "items": _record(top)}
    else:
        schema = _record(top, nullable=False)
        schema["description"] = top.doc
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"hubgen {SCHEMAS[name]}", **schema, "$defs": _DEFS}


_DEFS = {
    "text": {"description": "Text (numbers and true/false are read as text).",
             "type": ["string", "number", "boolean", "null"]},
    "requiredText": {"description": "Text that must not be empty.",
                     "type": ["string", "number", "boolean"], "pattern": "\\S"},
    "textList": {"description": "A list of short texts, e.g. [one, two]; a single text is a list of one.",
                 "type": ["string", "array", "null"], "items": {"type": ["string", "number", "boolean", "null"]}},
    "date": {"description": "A date written YYYY-MM-DD, e.g. 2026-11-02 (not in quotes).",
             "type": ["string", "null"], "format": "date"},
    "requiredDate": {"description": "A date written YYYY-MM-DD, e.g. 2026-11-02 (not in quotes).",
                     "type": "string", "format": "date"},
}


def _record(record, nullable: bool = True) -> dict:
    schema = {"description": record.doc, "type": ["object", "null"] if nullable else "object",
              "additionalProperties": False,
              "properties": {key.name: _key(key) for key in record.keys}}
    if record.required:
        schema["required"] = list(record.required)
    return schema


def _key(key) -> dict:
    from hubgen import content_format as spec

    doc = {"description": key.doc}
    if key.type == spec.TEXT:
        if key.single_line and not (key.pattern or key.lint_pattern):
            # Any text hubgen reads as text (a number too), on one line; required: not blank.
            return {**doc, "$ref": "#/$defs/requiredText" if key.required else "#/$defs/text",
                    "pattern": "^[^\\n\\r\\u0085\\u2028\\u2029]*$"}
        if key.pattern or key.lint_pattern:
            pattern = key.pattern or key.lint_pattern
            types = ["string"] if key.required else ["string", "null"]
            if key.name == "id":  # YAML reads an id like 2026 as a number; hubgen takes it as text
                types.insert(1, "integer")
                return {**doc, "type": types, "minimum": 0, "pattern": pattern}
            return {**doc, "type": types if len(types) > 1 else types[0], "pattern": pattern}
        return {**doc, "$ref": "#/$defs/requiredText" if key.required else "#/$defs/text"}
    if key.type == spec.INTEGER:
        schema = {**doc, "type": ["integer", "null"]}
        if key.minimum is not None:
            schema["minimum"] = key.minimum
        return schema | _most("maximum", key)
    if key.type == spec.BOOLEAN:
        return {**doc, "type": ["boolean", "null"]}
    if key.type == spec.DATE:
        return {**doc, "$ref": "#/$defs/requiredDate" if key.required else "#/$defs/date"}
    if key.type == spec.CHOICE:
        return {**doc, "enum": list(key.choices) + ([] if key.required else [None])}
    if key.type == spec.TEXT_LIST:
        if key.choices:
            # YAML 1.1 reads the country code NO (Norway) as false; hubgen reads it back as NO.
            item = {"enum": list(key.choices) + ([False] if key.choices is spec.COUNTRIES else [])}
            return {**doc, "anyOf": [item, {"type": "array", "items": item}]
                    + ([] if key.required else [{"type": "null"}])}
        return {**doc, "$ref": "#/$defs/textList", **_most("maxItems", key)}
    if key.type == spec.MAPPING:
        return _record(key.record, nullable=not key.required) | doc
    if key.type == spec.RECORDS:
        return {**doc, "type": ["array", "null"], "items": _record(key.record, nullable=False)
                | {"description": key.record.doc}, **_most("maxItems", key)}
    if key.type == spec.TEXT_LISTS:  # `most` counts every word; a schema can bound the keys only
        return {**doc, "type": ["object", "null"], "additionalProperties": {"$ref": "#/$defs/textList"},
                **_most("maxProperties", key)}
    if key.type == spec.CHOICES:
        return {**doc, "type": ["object", "null"], "additionalProperties": {"enum": list(key.choices)}}
    raise ValueError(f"no schema for key type {key.type!r}")


def _most(keyword: str, key) -> dict:
    """A key's `most` as the schema keyword that says it (maxItems applies to lists only)."""
    return {keyword: key.most} if key.most is not None else {}


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
