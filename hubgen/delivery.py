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
from hubgen.model import Hub, Milestone, MilestoneMove, RegionWave, ShippingRegion


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


def status_text(shipment: ShippingRegion | RegionWave, t: Labels) -> str:
    """Where a region's (or one wave's) parcels are, in the backer's words ("Shipping: parcels are on their way")."""
    return t(f"delivery.status_{shipment.status}")


def region_summary(region: ShippingRegion, t: Labels, date_text, wave: RegionWave | None = None,
                   with_region: bool = True) -> str:
    """What a backer reads about a region, or one wave of it: status and
    estimate, then the region's duties and carrier (a wave has its own status
    and estimate, the region's duties and carrier). with_region=False: the
    status and estimate only, for a wave listed under its region's summary."""
    shipment = wave or region
    estimate = date_text(shipment.estimate) if shipment.estimate else t("delivery.unknown")
    text = t("delivery.shipment", status=status_text(shipment, t), estimate=estimate)
    return f"{text} {region_terms(region, t)}" if with_region else text


def region_terms(region: ShippingRegion, t: Labels) -> str:
    """Who pays duties and who carries the parcels there: "Import duties: ... Carrier: ..."."""
    duties = t("pledge.duties", duties=duties_text(region, t))
    # The label ends the sentence: "Parcel Co." must not become "Parcel Co.."
    carrier = region.carrier.rstrip(".").rstrip("。")
    return f"{duties} {t('delivery.carrier', carrier=carrier)}" if carrier else duties


def duties_text(region: ShippingRegion, t: Labels) -> str:
    """Who pays import duties there, in the backer's words."""
    return t(f"delivery.duties_{region.duties or 'unknown'}")


def has_region_waves(hub: Hub) -> bool:
    """Whether any region gives dates wave by wave (the delivery table then has a wave column)."""
    return any(region.waves for region in hub.shipping)


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
    return history_moves(milestone.history, milestone.due)


def wave_moves(wave: RegionWave) -> list[Move]:
    """Each move of a wave's estimate in a region: a promise moving, like a milestone's."""
    return history_moves(wave.history, wave.estimate) if wave.estimate else []


def wave_promises(hub: Hub, t: Labels) -> list[Milestone]:
    """Each wave's estimate in each region as the promise it is ("Mugs and pouring
    stands in the United Kingdom", due on its estimate, with its history), for
    the calendar and the lint rules that check a promise's history. A delivered
    wave counts as done on its estimate: the format has no delivery date of its own."""
    promises = []
    for region in hub.shipping:
        for entry in region.waves:
            if entry.estimate is None:
                continue
            wave = hub.wave(entry.wave)
            title = t("pledge.promise", wave=wave.name if wave else entry.wave, region=region.region)
            done = entry.estimate if entry.status == "delivered" else None
            # Known to calendars by the wave's id and the region's anchor, which every language
            # shares, not by the words of its title (labels, translated names).
            known_as = f"{entry.wave} in {region.anchor or urls.slugify(region.region)}"
            promises.append(Milestone(title, entry.estimate, done, "", entry.where, entry.marks, entry.history,
                                      id=known_as))
    return promises


def history_moves(history: list[MilestoneMove], now: dt.date) -> list[Move]:
    promised = [entry.due for entry in history] + [now]
    return [Move(entry.due, promised[index + 1], entry.changed, entry.update)
            for index, entry in enumerate(history)]


def total_days_moved(milestone: Milestone) -> int:
    return (milestone.due - milestone.first_due).days
