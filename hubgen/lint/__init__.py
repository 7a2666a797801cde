"""Lint rules: each reads the model and yields diagnostics. Never writes."""

from __future__ import annotations

import datetime as dt

from hubgen.diagnostics import Diagnostic, Report
from hubgen.model import Hub


def run_rules(hub: Hub, today: dt.date | None = None, validation: Report | None = None) -> list[Diagnostic]:
    """Run every registered rule. The rule catalogue is added by the lint issue."""
    return []
