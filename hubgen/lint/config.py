"""Which findings are reported, and how severe: settings.lint, --select/--ignore,
and inline `hubgen: ignore CODE` comments.

Content-format codes (HUB0xx) are never filtered: without them there is no model.
Enforced rules (content that runs scripts) ignore settings and inline comments;
only the command line's --select/--ignore narrow what `lint` shows, and
`build` passes neither.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hubgen.diagnostics import Diagnostic, Location, Severity
from hubgen.errors import UsageError
from hubgen.lint.registry import RULES
from hubgen.model import Hub

# <!-- hubgen: ignore HUB160 --> in Markdown, # hubgen: ignore HUB160, HUB161 in YAML.
INLINE_IGNORE = re.compile(r"(?:<!--|#)\s*hubgen:\s*ignore\s+([A-Za-z0-9, ]+?)\s*(?:-->|$)", re.MULTILINE)


@dataclass
class Selection:
    """Rule choices from the command line: code prefixes, as in ruff (HUB1 = all HUB1xx)."""

    select: list[str] = field(default_factory=list)  #: empty: every rule
    ignore: list[str] = field(default_factory=list)


def parse_codes(option: str, values: Iterable[str]) -> list[str]:
    """Codes or prefixes from options like `--select HUB101,HUB12`; unknown ones are a usage error."""
    from hubgen.lint import load_catalogue

    load_catalogue()
    codes = []
    for value in values:
        for code in filter(None, (part.strip().upper() for part in value.split(","))):
            if not any(known.startswith(code) for known in RULES):
                close = difflib.get_close_matches(code, list(RULES), n=1)
                hint = f"; did you mean {close[0]}?" if close else "; `hubgen rules` lists them"
                raise UsageError(f"{option} {code}: no rule has this code{hint}")
            codes.append(code)
    return codes


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def settings_problems(hub: Hub) -> list[Diagnostic]:
    """Unknown codes in settings.lint, reported like any content problem."""
    settings = hub.settings.lint
    problems = []
    for code in [*settings.ignore, *settings.severity]:
        if code in RULES and RULES[code].enforced:
            problems.append(Diagnostic(
                "HUB023", f"settings.lint names '{code}', which cannot be turned off or down",
                settings.where, f"remove '{code}' from settings.lint and fix the content it reports"))
        elif code not in RULES or RULES[code].is_format_check:
            close = difflib.get_close_matches(code, [c for c in RULES if not RULES[c].is_format_check], n=1)
            problems.append(Diagnostic(
                "HUB023", f"settings.lint names '{code}', which is not a lint rule",
                settings.where, f"did you mean {close[0]}?" if close else "`hubgen rules` lists the codes"))
    return problems


def _inline_ignores(hub: Hub) -> dict[str, list[tuple[int, set[str]]]]:
    """Per file: (line, codes) of every inline ignore comment."""
    found: dict[str, list[tuple[int, set[str]]]] = {}
    for path, text in hub.sources.items():
        if "hubgen:" not in text:
            continue
        for match in INLINE_IGNORE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            codes = {c.strip().upper() for c in match.group(1).split(",") if c.strip()}
            found.setdefault(path, []).append((line, codes))
    return found


def _silenced(diagnostic: Diagnostic, ignores: dict[str, list[tuple[int, set[str]]]]) -> bool:
    """Markdown: a comment anywhere in the file (one update or page is one entry).
    YAML: a comment on the finding's line or the line just above it."""
    where = diagnostic.location
    for line, codes in ignores.get(where.path, ()):
        if diagnostic.code not in codes:
            continue
        if where.path.endswith(".md") or line in (where.line, where.line - 1):
            return True
    return False


def switched_off(code: str, hub: Hub, selection: Selection | None = None) -> bool:
    """True when no finding of rule `code` can be reported (--select, --ignore,
    settings.lint.ignore): the rule is then not run at all."""
    selection = selection or Selection()
    if selection.select and not _matches(code, selection.select):
        return True
    if _matches(code, selection.ignore):
        return True
    # An enforced rule (scripts in content) runs whatever settings.lint says, as apply() keeps it.
    return code in hub.settings.lint.ignore and not (code in RULES and RULES[code].enforced)


def apply(diagnostics: list[Diagnostic], hub: Hub, selection: Selection | None = None) -> list[Diagnostic]:
    """The findings to report, with severities as settings.lint sets them."""
    selection = selection or Selection()
    settings = hub.settings.lint
    ignores = _inline_ignores(hub)
    kept = []
    for diagnostic in diagnostics:
        code = diagnostic.code
        if code not in RULES or RULES[code].is_format_check:
            kept.append(diagnostic)
            continue
        if selection.select and not _matches(code, selection.select):
            continue
        if RULES[code].enforced:  # the creator's settings and comments do not reach it
            if not _matches(code, selection.ignore):
                kept.append(diagnostic)
            continue
        if _matches(code, selection.ignore) or code in settings.ignore or _silenced(diagnostic, ignores):
            continue
        if code in settings.severity:
            diagnostic = dataclasses.replace(diagnostic, severity=Severity(settings.severity[code]))
        kept.append(diagnostic)
    return kept


__all__ = ["Selection", "parse_codes", "apply", "settings_problems", "Location"]
