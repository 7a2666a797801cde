"""Lint rules: each reads the model and reports findings. Lint never writes.

Rules live in modules of this package and register themselves with @rule; see
registry.py. `run_rules` runs every registered rule.
"""

from __future__ import annotations

import datetime as dt
import functools

from hubgen.diagnostics import Diagnostic
from hubgen.lint.config import Selection, apply, settings_problems, switched_off
from hubgen.lint.registry import RULES, LintContext, run_registered
from hubgen.model import Hub


def run_rules(hub: Hub, today: dt.date | None = None, selection: Selection | None = None) -> list[Diagnostic]:
    """Run every registered rule over the model; keep what settings and options select."""
    load_catalogue()
    context = LintContext(hub=hub, today=today or dt.date.today())
    found = run_registered(context, skip=lambda code: switched_off(code, hub, selection))
    return settings_problems(hub) + apply(found, hub, selection)


@functools.cache
def load_catalogue() -> dict:
    """Every rule, by code in code order (HUB0xx content-format codes included)."""
    _import_rule_modules()
    return dict(sorted(RULES.items()))


def _import_rule_modules() -> None:
    """Rule modules register on import; import them all once."""
    import importlib
    import pkgutil

    import hubgen.lint as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("rules_"):
            importlib.import_module(f"hubgen.lint.{module.name}")


__all__ = ["RULES", "Selection", "load_catalogue", "run_rules"]
