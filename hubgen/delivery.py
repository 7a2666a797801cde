"""Delivery facts both the delivery/ page and the search index tell: country
names in the hub's language, each region's status in the backer's words, and
every milestone's promise history (first date, each move, who said so).

Babel (the locale database) is imported only when a hub lists countries, so
`hubgen lint` on a hub without shipping regions never loads it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from hubgen import urls
from hubgen.labels import Labels
from hubgen.model import Hub, Milestone, ShippingRegion


@functools.lru_cache(maxsize=64)
def _territories(language: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse("en").territories)


def country_name(code: str, language: str) -> str:
    """A country's name in the hub's language ("DE" -> "Germany", "Deutschland")."""
    return _territories(language).get(code.upper(), code.upper())


def region_country_names(region: ShippingRegion, language: str) -> list[str]:
    """The region's countries by name, in alphabetical order."""
    return sorted(country_name(code, language) for code in region.countries)


def status_text(region: ShippingRegion, t: Labels) -> str:
    """Where the region's parcels are, in the backer's words ("Shipping: parcels are on their way")."""
    return t(f"delivery.status_{region.status}")


def region_summary(region: ShippingRegion, t: Labels, date_text) -> str:
    """One sentence a backer reads about a region: status, estimate, duties, carrier."""
    estimate = date_text(region.estimate) if region.estimate else t("delivery.unknown")
    text = t("delivery.summary", status=status_text(region, t), estimate=estimate,
             duties=t(f"delivery.duties_{region.duties or 'unknown'}"))
    return text + (" " + t("delivery.carrier", carrier=region.carrier) if region.carrier else "")


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
