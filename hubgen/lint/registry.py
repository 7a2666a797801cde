"""The rule registry: every rule has a stable code, a severity, a one-line
summary and a doc with a bad and a good example (shown by `hubgen rules CODE`).

HUB0xx codes are content-format problems found while building the model
(validate.py); they are documented here too, with no check of their own, so
the catalogue, `hubgen rules` and SARIF output name every code hubgen prints.
"""

from __future__ import annotations

import re

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hubgen.diagnostics import Diagnostic, Location, Severity
from hubgen.model import Hub


@dataclass(frozen=True)
class Finding:
    """What a rule found: where, what is wrong, how to fix it."""

    where: Location
    message: str
    fix: str = ""


@dataclass
class LintContext:
    hub: Hub
    today: dt.date
    shared: dict = field(default_factory=dict)  #: work several rules need, done once

    def file(self, name: str) -> Location:
        """A file or folder in the content folder, named as the user typed the folder."""
        return Location((self.hub.root / name).as_posix())

    def project_key(self, key: str) -> Location:
        """Where hub.yaml sets project.<key> (the file alone if it is not found): the
        model keeps no marks for project's keys."""
        for path, text in self.hub.sources.items():
            if path.endswith("hub.yaml"):
                for number, line in enumerate(text.splitlines(), start=1):
                    if re.match(rf"\s+{key}\s*:", line):
                        return Location(path, number, line.index(key) + 1)
        return self.file("hub.yaml")

    def once(self, key: str, compute: Callable[[], object]):
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]


Check = Callable[[LintContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str  #: stable, e.g. HUB101; never reused for another rule
    name: str  #: kebab-case, e.g. refund-policy-missing
    severity: Severity  #: default severity
    summary: str  #: one line
    doc: str  #: why it matters, with a bad and a good example
    check: Check | None  #: None for HUB0xx: reported by loading and validation
    enforced: bool = False  #: always an error: no setting or inline comment turns it off

    @property
    def is_format_check(self) -> bool:
        return self.check is None


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, summary: str, doc: str,
         enforced: bool = False) -> Callable[[Check], Check]:
    """Register a check function as a lint rule."""

    def register(check: Check) -> Check:
        if code in RULES and RULES[code].check is not check:
            raise ValueError(f"rule code {code} is registered twice")
        RULES[code] = Rule(code, name, severity, summary, doc.strip(), check, enforced)
        return check

    return register


def document(code: str, name: str, summary: str, doc: str) -> None:
    """Add a content-format code (HUB0xx), always an error, to the catalogue."""
    RULES[code] = Rule(code, name, Severity.ERROR, summary, doc.strip(), None)


def run_registered(context: LintContext, skip: Callable[[str], bool] = lambda code: False) -> list[Diagnostic]:
    """Every rule's findings; rules that `skip` names are not run."""
    found = []
    for code in sorted(RULES):
        r = RULES[code]
        if r.check is None or skip(code):
            continue
        for finding in r.check(context):
            found.append(Diagnostic(code, finding.message, finding.where, finding.fix, r.severity))
    return found
