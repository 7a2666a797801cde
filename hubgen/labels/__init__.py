"""Every word of hubgen's own that a backer reads, one catalogue per language.

Templates, the site's script (through a data- attribute, see overrides/main.html)
and the renderers take their labels from here, so a hub whose
`project.language` is German reads German throughout. A language without a
catalogue falls back to English (lint warns, HUB200). A label may depend on
the hub's voice (`contact.voice`): a one-person creator writes "I", a team "we".
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CATALOGUE_DIR = Path(__file__).resolve().parent
FALLBACK_LANGUAGE = "en"
VOICES = ("we", "i")  #: how the creator speaks of themselves
#: the labels the site's script needs (hubgen.js), passed to it as JSON
SCRIPT_LABELS = ("time.today", "time.yesterday", "time.days_ago",
                 "milestone.overdue_one", "milestone.overdue_many", "site.menu")
#: the search box's labels: its attribute or data-label-* name -> the catalogue's key
SEARCH_LABELS = {"box": "search.box", "field": "search.field", "clear": "search.clear",
                 "help": "home.help", "placeholder": "search.placeholder", "idle": "search.idle",
                 "none": "search.none", "one": "search.answers_one", "other": "search.answers_many",
                 "on": "search.on", "nothing": "search.nothing", "offer": "search.ask"}


@functools.lru_cache(maxsize=1)
def catalogue_languages() -> list[str]:
    """The languages hubgen has labels for, e.g. ["de", "en", "fr", "pt-BR"]."""
    return sorted(path.stem for path in CATALOGUE_DIR.glob("*.yaml"))


def base_language(language: str) -> str:
    """"de-AT" -> "de": catalogues are per language, not per region."""
    return language.replace("_", "-").split("-")[0].lower()


def catalogue_for(language: str) -> str | None:
    """The catalogue a hub in `language` reads: its own ("pt-BR"), its
    language's ("de" for "de-AT"), else a regional one of its language ("pt-BR"
    for "pt" or "pt-PT": closer to the backer than English); None: no catalogue."""
    known = catalogue_languages()
    wanted = language.replace("_", "-").lower()
    base = base_language(language)
    return (next((name for name in known if name.lower() == wanted), None)
            or (base if base in known else None)
            or next((name for name in known if base_language(name) == base), None))


def has_catalogue(language: str) -> bool:
    return catalogue_for(language) is not None


def _flatten(tree: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict) and not set(value) <= set(VOICES):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@functools.lru_cache(maxsize=None)
def catalogue(language: str) -> dict:  # language: a catalogue's name, as catalogue_for gives it
    """One language's labels by dotted key ("home.latest"); a value is a text or {we:, i:}."""
    text = (CATALOGUE_DIR / f"{language}.yaml").read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: the pure-Python one took 0.05 s per catalogue.
    return _flatten(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@dataclass(frozen=True)
class Labels:
    """The labels of one hub: its language's catalogue (or English) in its voice."""

    language: str  #: the catalogue's language
    voice: str = "we"
    locale: str = ""  #: the hub's language as written (de-AT): whose month names dates use

    def date(self, day: dt.date) -> str:
        """A day as this language writes it: "5. Dezember 2026", "5 grudnia 2026", "2026年12月5日"."""
        pattern = self("dates.first_of_month" if day.day == 1 else "dates.day")
        return formatted_date(day, pattern, self.locale or self.language)

    def month(self, day: dt.date) -> str:
        """A month on its own, as a heading: "Dezember 2026", "grudzień 2026", "2026年12月"."""
        return formatted_date(day, self("dates.month"), self.locale or self.language)

    def __call__(self, key: str, **values) -> str:
        """The label `key` with its {placeholders} filled in; values are inserted as given."""
        text = catalogue(self.language)[key]
        if isinstance(text, dict):
            text = text[self.voice]
        return text.format_map(values) if values else text

    def counted(self, key: str, n: int, **values) -> str:
        """`key`_one for one, `key`_many (with {n}) otherwise."""
        return self(f"{key}_one", **values) if n == 1 else self(f"{key}_many", n=n, **values)

    def for_script(self) -> dict[str, str]:
        return {key: self(key) for key in SCRIPT_LABELS}

    def for_search(self) -> dict[str, str]:
        """The labels of the header search and the "How can we help?" boxes
        (overrides/partials/search.html), by the name hubgen-search.js reads
        them under (data-label-<name>); {n} and {page} are the script's to fill."""
        return {name: self(key) for name, key in SEARCH_LABELS.items()}


def labels_for(language: str, voice: str = "we") -> Labels:
    return Labels(catalogue_for(language) or FALLBACK_LANGUAGE, voice, language)


@functools.lru_cache(maxsize=4096)  # a hub repeats the same few hundred dates on many pages
def formatted_date(day: dt.date, pattern: str, locale: str) -> str:
    """`day` by a catalogue's CLDR pattern, with `locale`'s month names (English when
    Babel does not know the locale). Babel is imported here, not above: `hubgen
    lint` and `hubgen search` read labels and must stay free of it."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return format_date(day, pattern, locale=locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return format_date(day, pattern, locale=FALLBACK_LANGUAGE)


def hub_labels(hub) -> Labels:
    """The labels a hub's pages use: its project.language, its contact.voice."""
    return labels_for(hub.project.language, hub.contact.voice)
