"""Lint reports for people and machines: text, json, github, sarif.

Each format is one function from diagnostics to a string; the CLI prints it.
Paths are shown as the user named the content folder; json, github and sarif
use them relative to the working directory, which in CI is the repository.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from hubgen import __version__
from hubgen.diagnostics import Diagnostic, Severity, printable
from hubgen.lint import load_catalogue
from hubgen.lint.registry import Rule

FORMATS = ("text", "json", "github", "sarif")
JSON_FORMAT_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def repo_path(path: str) -> str:
    """`path` relative to the working directory when it is inside it, in / form."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return candidate.as_posix()
    return Path(os.path.normpath(candidate)).as_posix()


def _rule_name(code: str) -> str:
    rule = load_catalogue().get(code)
    return rule.name if rule else ""


def summary_line(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    return f"{errors} error(s), {len(diagnostics) - errors} warning(s)."


# Where a creator learns more: commands, never files only hubgen's repository has.
MORE_HELP = "`hubgen rules CODE` explains a problem with a bad and a good example; `hubgen docs` prints the format."


def as_text(diagnostics: list[Diagnostic]) -> str:
    hint = MORE_HELP + "\n" if diagnostics else ""
    return "".join(d.text() + "\n" for d in diagnostics) + hint + summary_line(diagnostics) + "\n"


def as_json(diagnostics: list[Diagnostic]) -> str:
    """The stable schema documented in docs/lint.md (hubgen/schemas/lint-report.schema.json)."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    report = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "hubgen", "version": __version__},
        "summary": {"errors": errors, "warnings": len(diagnostics) - errors},
        "diagnostics": [{
            "code": d.code,
            "rule": _rule_name(d.code) or None,
            "severity": d.severity.value,
            "message": d.message,
            "fix": d.fix or None,
            "path": repo_path(d.location.path),
            "line": d.location.line or None,
            "column": d.location.col or None,
        } for d in diagnostics],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    """Workflow command message escaping (actions/toolkit: escapeData); what the runner
    would still act on or a log would not show (an escape code) is shown as its escape."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    """Workflow command property escaping (actions/toolkit: escapeProperty)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = []
    for d in diagnostics:
        where = d.location
        properties = [f"file={_escape_property(repo_path(where.path))}"]
        if where.line:
            properties.append(f"line={where.line}")
        if where.col:
            properties.append(f"col={where.col}")
        properties.append(f"title={_escape_property(f'{d.code} {_rule_name(d.code)}'.strip())}")
        message = d.message + (f" ({d.fix})" if d.fix else "")
        lines.append(f"::{d.severity.value} {','.join(properties)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def _sarif_rule(rule: Rule) -> dict:
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.split("\n\n")[0].replace("\n", " ")},
        "help": {"text": rule.doc, "markdown": f"**{rule.code} {rule.name}**: {rule.summary}\n\n{rule.doc}"},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"tags": ["content-format" if rule.is_format_check else "lint"]},
    }


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict:
    region = {"startLine": d.location.line or 1}
    if d.location.col:
        region["startColumn"] = d.location.col
    result = {
        "ruleId": d.code,
        "level": d.severity.value,
        "message": {"text": d.message + (f" ({d.fix})" if d.fix else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": quote(repo_path(d.location.path)), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }}],
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    return result


def as_sarif(diagnostics: list[Diagnostic]) -> str:
    """SARIF 2.1.0 as GitHub code scanning reads it: every rule documented, repo-relative URIs."""
    rules = list(load_catalogue().values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "hubgen",
                "version": __version__,
                "rules": [_sarif_rule(rule) for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_sarif_result(d, index) for d in diagnostics],
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


WRITERS = {"text": as_text, "json": as_json, "github": as_github, "sarif": as_sarif}


def render(diagnostics: list[Diagnostic], output_format: str) -> str:
    return WRITERS[output_format](diagnostics)
