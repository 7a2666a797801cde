"""Diagnostics: one problem found in content, and how it is printed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum


#: codes of files that do not parse (YAML syntax, unclosed front matter)
SYNTAX_CODES = frozenset({"HUB010", "HUB011"})


#: what a terminal or a CI log acts on instead of showing: C0 and C1 control characters (line breaks,
#: escape sequences, the bell), DEL, Unicode's line and paragraph separators and the bidirectional
#: overrides and isolates (which show a line in another order than it is written)
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: GitHub Actions runs a log line as a workflow command when it starts with "::" (after spaces)
#: or holds "##[" anywhere (the older form); the runner's ActionCommand.TryParseV2 and TryParse
_WORKFLOW_COMMAND = re.compile(r"^(\s*)::|##\[")


def printable(text: str) -> str:
    """`text` as one line that a terminal or a CI log shows as written and never acts on:
    each control character as its escape (\\n, \\x1b, \\u202e), and a workflow command's
    prefix broken by a backslash (\\::error, ##\\[). Content reaches messages (titles, file
    names, values), and content comes from strangers' pull requests."""
    text = _UNSHOWN.sub(lambda found: repr(found.group())[1:-1], text)
    return _WORKFLOW_COMMAND.sub(lambda found: f"{found.group(1)}\\::" if found.group(1) is not None
                                 else "##\\[", text)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where in the content something was written (1-based line and column)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    """One problem: a stable code, what is wrong, and how to fix it."""

    code: str
    message: str
    location: Location
    fix: str = ""
    severity: Severity = Severity.ERROR

    def text(self) -> str:
        fix = f" ({self.fix})" if self.fix else ""
        return printable(f"{self.location}: {self.severity.value} {self.code}: {self.message}{fix}")


@dataclass
class Report:
    """Every problem found in one run, collected before anything fails."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def error(self, code: str, where: Location, message: str, fix: str = "") -> None:
        self.add(Diagnostic(code, message, where, fix, Severity.ERROR))

    def warning(self, code: str, where: Location, message: str, fix: str = "") -> None:
        self.add(Diagnostic(code, message, where, fix, Severity.WARNING))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        """File order, except that files which do not parse come first: fix those first."""
        return sorted(
            self.diagnostics,
            key=lambda d: (d.code not in SYNTAX_CODES, d.location.path, d.location.line,
                           d.location.col, d.code),
        )
