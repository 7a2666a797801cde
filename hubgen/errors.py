"""The one exception family. The CLI turns each into an exit code."""

from __future__ import annotations

from hubgen.diagnostics import Diagnostic


class HubgenError(Exception):
    """Base class: every error hubgen expects to report without a traceback."""

    exit_code = 1


class UsageError(HubgenError):
    """Bad arguments or input that cannot be read at all (exit 2)."""

    exit_code = 2


class ContentError(HubgenError):
    """The content has problems; each one is a diagnostic (exit 1)."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics)} problem(s) in content")


class UnreadableInput(HubgenError):
    """A file exists but cannot be read as text (exit 2)."""

    exit_code = 2

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics)} unreadable file(s)")


class BuildError(HubgenError):
    """The renderer failed; the previous site is left untouched (exit 1)."""

    exit_code = 1


class OutputError(UsageError):
    """The output folder cannot be used: it would delete what hubgen did not write,
    or it cannot be written (read-only, disk full). Exit 2; nothing is deleted."""
