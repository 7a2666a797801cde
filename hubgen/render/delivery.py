"""What the delivery/ page shows: each region's status in the backer's words,
and every milestone's promise history (first date, each move, who said so).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from hubgen import urls
from hubgen.model import Hub, Milestone, ShippingRegion

@functools.lru_cache(maxsize=64)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse("en").territories)


def country_name(code: str, language: str) -> str:
    """A country's name in the hub's language ("DE" -> "Germany", "Deutschland")."""
    return _territories(language).get(code.upper(), code.upper())


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    region: ShippingRegion
    anchor: str  #: the region's anchor on delivery/


def countries(hub: Hub) -> list[Country]:
    """Every listed country with its region, in the order of their names."""
    found = [Country(code, country_name(code, hub.project.language), region, urls.region_anchor(index))
             for index, region in enumerate(hub.shipping) for code in region.countries]
    return sorted(found, key=lambda c: c.name.casefold())


@dataclass(frozen=True)
class Move:
    """One time a milestone's date moved."""

    before: dt.date  #: the date promised until then
    after: dt.date  #: the date promised from then on
    changed: dt.date  #: when it moved
    update: str  #: slug of the update that said so ("" if none)

    @property
    def days(self) -> int:
        """Days later (positive) or earlier (negative) than the promise it replaced."""
        return (self.after - self.before).days


def moves(milestone: Milestone) -> list[Move]:
    """Each move of a milestone, oldest first: history holds the earlier dates."""
    promised = [entry.due for entry in milestone.history] + [milestone.due]
    return [Move(entry.due, promised[index + 1], entry.changed, entry.update)
            for index, entry in enumerate(milestone.history)]


def total_days_moved(milestone: Milestone) -> int:
    return (milestone.due - milestone.first_due).days
