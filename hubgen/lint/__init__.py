"""Lint rules: each reads the model and reports findings. Lint never writes.

Rules live in modules of this package and register themselves with @rule; see
registry.py. `run_rules` runs every registered rule.
"""

from __future__ import annotations

import datetime as dt

from hubgen.diagnostics import Diagnostic, Report
from hubgen.lint.registry import RULES, LintContext, run_registered
from hubgen.model import Hub


def run_rules(hub: Hub, today: dt.date | None = None, validation: Report | None = None) -> list[Diagnostic]:
    """Run every registered rule over the model."""
    _import_rule_modules()
    context = LintContext(hub=hub, today=today or dt.date.today())
    return run_registered(context)


def _import_rule_modules() -> None:
    """Rule modules register on import; import them all once."""
    import importlib
    import pkgutil

    import hubgen.lint as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("rules_"):
            importlib.import_module(f"hubgen.lint.{module.name}")


__all__ = ["RULES", "run_rules"]
