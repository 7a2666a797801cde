"""Stage 2: raw data -> typed model, collecting every problem before failing.

Each problem gets a HUB0xx code (content format errors); lint rules (HUB1xx
and up) run later on the model this produces.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import posixpath
import re
from pathlib import Path
from typing import Any

from hubgen import content_format as spec
from hubgen.content_format import Key, Record
from hubgen.diagnostics import Location, Report
from hubgen.load import RawContent, RawDoc, YamlMap, YamlSeq
from hubgen.model import (
    Contact,
    FaqCategory,
    FaqEntry,
    Hub,
    LintSettings,
    Marks,
    Milestone,
    MilestoneMove,
    Page,
    PledgeState,
    Project,
    RefundPolicy,
    RefundTerm,
    RegionWave,
    Route,
    SearchCheck,
    Segment,
    Settings,
    ShippingRegion,
    Theme,
    Update,
    Wave,
)
from hubgen.theme import material_languages, theme_language
from hubgen.urls import slugify

UPDATE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
_LEADING_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?![0-9])[-_ ]*(.*)$")
PAGE_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ID_PATTERN = re.compile(rf"^{spec.SLUG}$")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")  #: a BCP 47 tag as project.language(s) may write it
MATERIAL_COLOURS = spec.COLOURS  #: kept for readers of the old name


def suggested_update_name(stem: str) -> str:
    """A valid file name for a badly named update, keeping its date if it has one
    ("2026-11-21-Hello World" -> "2026-11-21-hello-world.md", "2026-12-5-news" ->
    "2026-12-05-news.md")."""
    dated = _LEADING_DATE.match(stem)
    if not dated:
        return f"2026-11-02-{slugify(stem)}.md"
    year, month, day, rest = dated.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}-{slugify(rest) if rest.strip() else 'update'}.md"


#: dates hubgen accepts: date arithmetic near year 1 or 9999 would overflow
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")
_DATE_LIKE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def date_problem(text: str) -> tuple[str, str]:
    """What is wrong with a date written as text, and how to fix it."""
    match = _DATE_LIKE.match(text)
    if not match:
        return (f"is not a valid date: {text!r}", "write the date as YYYY-MM-DD, for example 2026-11-02")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return (f"is not a valid date: there is no month {month} (in {text.strip()})",
                "the month comes second and goes from 01 to 12: YYYY-MM-DD")
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    month_name = calendar.month_name[month]
    if not FIRST_DATE.year <= year <= LAST_DATE.year:
        return (f"is not a valid date: {text.strip()} is too far from today to be meant",
                f"hubgen takes dates from {FIRST_DATE.year} to {LAST_DATE.year}; check the year")
    if not 1 <= day <= days:
        return (f"is not a valid date: {month_name} {year} has no day {day} (in {text.strip()})",
                f"check the day: the last day of {month_name} {year} is {year:04d}-{month:02d}-{days:02d}")
    return (f"is not a valid date: {text!r}", "write the date as YYYY-MM-DD with two-digit month and day, "
            f"e.g. {year:04d}-{month:02d}-{day:02d}")


def _type_name(value: Any) -> str:
    if isinstance(value, (dict, YamlMap)):
        return "a mapping"
    if isinstance(value, (list, YamlSeq)):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"


def marks_of(data: YamlMap, where: Location, rejected: frozenset = frozenset()) -> Marks:
    """Where each key's value (and each list item) of a YAML mapping was written."""
    items = {key: value.item_pos for key, value in data.items() if isinstance(value, YamlSeq)}
    return Marks(where, getattr(data, "value_pos", {}), items, rejected)


# Keys written out in full that the format abbreviates (faq.yaml's q and a).
_SPELLED_OUT = {"question": "q", "answer": "a"}


class Fields:
    """Reads one YAML mapping through its declared Record; every problem lands in the report.

    The Record says which keys exist, their types, which are required and their
    defaults; `get` reads a key accordingly. The typed readers below (`text`,
    `date`, ...) are what `get` dispatches to.
    """

    def __init__(self, data: YamlMap, rel: str, report: Report, record: Record):
        self.data, self.rel, self.report, self.record = data, rel, report, record
        self.what = record.what
        self.rejected: set[str] = set()  #: keys whose value was reported as wrong

    def where(self, key: str | None = None) -> Location:
        line, col = self.data.pos(key) if key is not None else (self.data.line, self.data.col)
        return Location(self.rel, line, col)

    def marks(self, where: Location | None = None) -> Marks:
        """Where each key's value (and each list item) was written, for later stages."""
        return marks_of(self.data, where or self.where(), frozenset(self.rejected))

    def value_where(self, key: str, index: int | None = None) -> Location:
        """Where the value of `key` (or its `index`th item) starts; the key when it has none."""
        value = self.data.get(key)
        if index is not None and isinstance(value, YamlSeq):
            return Location(self.rel, *value.pos(index))
        spot = getattr(self.data, "value_pos", {}).get(key)
        return Location(self.rel, spot[0], spot[1]) if spot else self.where(key)

    def _problem(self, code: str, key: str, message: str, fix: str, index: int | None = None) -> None:
        self.rejected.add(key)
        self.report.error(code, self.value_where(key, index), message, fix)

    def check_keys(self) -> None:
        allowed = self.record.names
        for key in self.data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            if str(key).lower() in _SPELLED_OUT and _SPELLED_OUT[str(key).lower()] in allowed:
                close = [_SPELLED_OUT[str(key).lower()]]
            fix = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(allowed)
            self.rejected.add(key)
            if close:
                # The creator wrote that key, misspelled: one mistake, one message, so
                # nothing later reports it as missing too.
                self.rejected.add(close[0])
            self.report.error("HUB022", self.where(key), f"unknown key '{key}' in {self.what}", fix)

    # -- reading a declared key ------------------------------------------------
    def get(self, name: str) -> Any:
        """The value of a declared key, read as its Record says; its default when left out or wrong."""
        key = self.record.key(name)
        if name not in self.data and not key.required and key.type in _ABSENT:
            return _ABSENT[key.type](key)  # most keys are left out: no reading, nothing to report
        return _READERS[key.type](self, key)

    def _text_key(self, key: Key) -> str:
        text = self.text(key.name, key.required, key.default or "")
        if text and key.pattern and not _compiled(key.pattern).match(text):
            message, fix = _PATTERN_PROBLEMS[(self.record.what, key.name)](text)
            self._problem("HUB023", key.name, message, fix)
            return key.default or ""
        if key.single_line and _LINE_BREAK.search(text):
            self._problem("HUB023", key.name, f"'{key.name}' must be one line",
                          "join its lines, or move the rest into the body")
            return " ".join(text.split())
        return text

    def _choice_key(self, key: Key) -> str:
        if not key.default and key.name not in self.data:
            return ""  # a choice with no default: not said
        return self.choice(key.name, key.choices, key.default, key.required)

    def _text_list_key(self, key: Key) -> list[str]:
        values = self.text_list(key.name)
        if key.required and not values and key.name not in self.rejected:
            where = self.value_where(key.name) if key.name in self.data else self.where()
            self.rejected.add(key.name)
            self.report.error("HUB020", where, f"{self.what} needs '{key.name}'",
                              f"add '{key.name}: [one, two]'")
        if key.choices:
            values = [value for index, value in enumerate(values) if self._item_allowed(key, value, index)]
        values = list(dict.fromkeys(values))  # a repeat says nothing new, and each would be drawn again
        return values if self._fits(key, len(values), "items") else []

    def _item_allowed(self, key: Key, value: str, index: int) -> bool:
        if value in key.choices:
            return True
        if key.choices is spec.COUNTRIES:
            fix = _country_fix(value)
            message = f"'{value}' in '{key.name}' is not an ISO 3166-1 alpha-2 country code"
        else:
            close = difflib.get_close_matches(value, key.choices, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(key.choices)
            message = f"'{value}' cannot be in '{key.name}'"
        self._problem("HUB023", key.name, message, fix, index)
        return False

    def _integer_key(self, key: Key) -> int | None:
        value = self.integer(key.name, key.default, key.minimum or 0)
        if key.most is not None and value is not None and value > key.most:
            self._problem("HUB026", key.name, f"'{key.name}' is {value}; hubgen takes at most {key.most}",
                          f"use a number of {key.most} or less")
            return key.default
        return value

    def _boolean_key(self, key: Key) -> bool:
        return self.boolean(key.name, bool(key.default))

    def _date_key(self, key: Key) -> dt.date | None:
        return self.date(key.name, key.required)

    def _mapping_key(self, key: Key) -> Fields:
        data = self.mapping(key.name, required=key.required)
        if data is None:
            data = _empty_map(*self.data.pos(key.name))
        return Fields(data, self.rel, self.report, key.record)

    def _records_key(self, key: Key) -> list[tuple[Fields, Location]]:
        items = self.sequence(key.name)
        if not self._fits(key, len(items), f"{key.record.what}s"):
            return []
        return [(Fields(item, self.rel, self.report, key.record), where)
                for item, where in _items(items, self.rel, self.report, key.record.what)]

    def _fits(self, key: Key, count: int, what: str) -> bool:
        """False, and reported, when `count` is more than the key's `most`: every list that a
        page, a graph, a feed or the search is drawn from is bounded, so no content costs
        more than its size."""
        if key.most is None or count <= key.most:
            return True
        self._problem("HUB026", key.name, f"'{key.name}' holds {count} {what}; hubgen takes at most {key.most}",
                      f"keep the {key.most} that matter most to backers")
        return False

    def _text_lists_key(self, key: Key) -> dict[str, list[str]]:
        raw = self.mapping(key.name) or {}
        words = Fields(raw, self.rel, self.report, Record(key.name, key.doc, ()))
        lists = {str(word): words.text_list(word) for word in raw}
        return lists if self._fits(key, sum(1 + len(others) for others in lists.values()), "words in all") else {}

    def _choices_key(self, key: Key) -> dict[str, str]:
        raw = self.mapping(key.name) or {}
        levels = Fields(raw, self.rel, self.report, Record(f"{self.what}.{key.name}", key.doc, ()))
        return {str(word): levels.choice(word, key.choices, default=key.choices[-1], required=True)
                for word in raw}

    # -- typed readers ---------------------------------------------------------------
    def _get(self, key: str, required: bool, expected: str) -> Any:
        value = self.data.get(key)
        if value is None and required:
            where = self.where(key) if key in self.data else self.where()
            self.rejected.add(key)
            self.report.error("HUB020", where, f"{self.what} needs '{key}'",
                              f"add '{key}:' with {expected}")
        return value

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self._get(key, required, "some text")
        if value is None:
            return default
        if isinstance(value, (YamlMap, YamlSeq)):
            self._problem("HUB021", key, f"'{key}' must be text, not {_type_name(value)}",
                          f"write '{key}: some text'")
            return default
        text = (self.data.text_of(key) if isinstance(self.data, YamlMap) else str(value)).strip()
        if required and not text:
            self._problem("HUB020", key, f"'{key}' in {self.what} is empty", "write some text")
        return text

    def integer(self, key: str, default: int | None, minimum: int = 0) -> int | None:
        value = self._get(key, False, "a whole number")
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self._problem("HUB021", key, f"'{key}' must be a whole number, not {_type_name(value)}",
                          f"write for example '{key}: 14'")
            return default
        written = self.data.text_of(key) if isinstance(self.data, YamlMap) else str(value)
        if not _DECIMAL.match(written):
            # YAML 1.1 reads 1_000, 0x1F, 014 (octal: 12) and 1:30 (90) as numbers too
            self._problem("HUB021", key, f"'{key}' must be a whole number written in digits, not '{written}'",
                          f"write it with the digits 0-9 only, for example '{key}: 14'")
            return default
        value = int(written)
        if value < minimum:
            self._problem("HUB023", key, f"'{key}' must be at least {minimum}",
                          f"use a number of {minimum} or more")
            return default
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self._get(key, False, "true or false")
        if value is None:
            return default
        if not isinstance(value, bool):
            self._problem("HUB021", key, f"'{key}' must be true or false, not {_type_name(value)}",
                          f"write '{key}: true' or '{key}: false'")
            return default
        written = self.data.text_of(key) if isinstance(self.data, YamlMap) else str(value)
        if written.lower() not in ("true", "false"):
            # YAML 1.1 reads yes/no/on/off as true/false, YAML 1.2 and every other reader as text:
            # hubgen takes what reads the same everywhere.
            self._problem("HUB021", key, f"'{key}' must be true or false, not '{written}'",
                          f"write '{key}: {str(value).lower()}'")
            return default
        return value

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self._get(key, required, "a date like 2026-11-02")
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str) and _ISO_DATE.match(value):
            value = _parse_iso(value.strip()) or value  # '2027-02-10' in quotes is that date too
        if isinstance(value, dt.date):
            date = value
        else:
            message, fix = date_problem(str(value))
            self._problem("HUB023", key, f"'{key}' {message}", fix)
            return None
        if not FIRST_DATE <= date <= LAST_DATE:
            self._problem("HUB023", key, f"'{key}' is not a valid date: {date.isoformat()} is too far "
                          "from today to be meant",
                          f"hubgen takes dates from {FIRST_DATE.year} to {LAST_DATE.year}; check the year")
            return None
        return date

    def choice(self, key: str, choices: tuple[str, ...], default: str, required: bool = False) -> str:
        value = self.text(key, required=required, default=default)
        if value not in choices:
            close = difflib.get_close_matches(value, choices, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(choices)
            self._problem("HUB023", key, f"'{key}' cannot be '{value}'", fix)
            return default
        return value

    def text_list(self, key: str) -> list[str]:
        value = self._get(key, False, "a list")
        if value is None:
            return []
        if isinstance(value, str) and "," in value:
            # "tags: production, delays" is one tag to YAML; the creator meant two.
            parts = [part.strip() for part in value.split(",") if part.strip()]
            self._problem("HUB021", key, f"'{key}' is one text with commas in it, not a list",
                          f"write a list in brackets: '{key}: [{', '.join(parts)}]'; one item with a comma in "
                          f"it is quoted inside the brackets: ['{value.strip()}']")
            return parts
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if not isinstance(value, YamlSeq) or any(isinstance(v, (YamlMap, YamlSeq)) for v in value):
            self._problem("HUB021", key, f"'{key}' must be a list of text, not {_type_name(value)}",
                          f"write '{key}: [one, two]'")
            return []
        texts = (value.text_of(index) for index in range(len(value)))
        return [text.strip() for text in texts if text is not None and text.strip()]

    def mapping(self, key: str, required: bool = False) -> YamlMap | None:
        value = self._get(key, required, "a mapping of keys")
        if value is None:
            return None
        if not isinstance(value, YamlMap):
            self._problem("HUB021", key, f"'{key}' must be a mapping, not {_type_name(value)}",
                          f"indent 'key: value' lines under '{key}:'")
            return None
        return value

    def sequence(self, key: str) -> YamlSeq:
        value = self._get(key, False, "a list")
        if value is None:
            return YamlSeq()
        if not isinstance(value, YamlSeq):
            self._problem("HUB021", key, f"'{key}' must be a list, not {_type_name(value)}",
                          f"write each item on its own '- ' line under '{key}:'")
            return YamlSeq()
        return value


_compiled = functools.lru_cache(maxsize=None)(re.compile)
#: a whole number as people write it: digits only (YAML 1.1 reads 014 as octal, 1_000 and 1:30 as numbers)
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
#: what ends a line for one reader or another: a one-line text holds none of them
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")

#: key type -> how Fields reads it
_READERS = {
    spec.TEXT: Fields._text_key,
    spec.INTEGER: Fields._integer_key,
    spec.BOOLEAN: Fields._boolean_key,
    spec.DATE: Fields._date_key,
    spec.CHOICE: Fields._choice_key,
    spec.TEXT_LIST: Fields._text_list_key,
    spec.MAPPING: Fields._mapping_key,
    spec.RECORDS: Fields._records_key,
    spec.TEXT_LISTS: Fields._text_lists_key,
    spec.CHOICES: Fields._choices_key,
}


#: key type -> its value when the key is left out (mappings are read even then: their keys have defaults)
_ABSENT = {
    spec.TEXT: lambda key: key.default or "",
    spec.INTEGER: lambda key: key.default,
    spec.BOOLEAN: lambda key: bool(key.default),
    spec.DATE: lambda key: None,
    spec.CHOICE: lambda key: key.default or "",
    spec.TEXT_LIST: lambda key: [],
    spec.RECORDS: lambda key: [],
    spec.TEXT_LISTS: lambda key: {},
    spec.CHOICES: lambda key: {},
}


def _slug_fix(value: str) -> str:
    return f"use lowercase letters, digits, - or _, e.g. '{slugify(value)}'"


#: (record, key) of a key with a `pattern` -> (message, fix) for a value that does not match
_PATTERN_PROBLEMS = {
    ("project", "site_url"): lambda v: (f"site_url must be an absolute http(s) URL, not '{v}'",
                                       "write for example 'site_url: https://help.example.com/'"),
    ("project", "campaign_url"): lambda v: ("campaign_url must start with https://",
                                           "paste the full address of the campaign page"),
    ("pledge state", "id"): lambda v: (f"pledge state id '{v}' is not a slug", _slug_fix(v)),
    ("FAQ entry", "id"): lambda v: (f"FAQ id '{v}' is not a slug", _slug_fix(v)),
    ("wave", "id"): lambda v: (f"wave id '{v}' is not a slug", _slug_fix(v)),
    ("segment", "id"): lambda v: (f"segment id '{v}' is not a slug", _slug_fix(v)),
}


def _country_fix(value: str) -> str:
    upper = value.strip().upper()
    if upper in spec.COUNTRY_ALIASES:
        return f"the ISO code for it is '{spec.COUNTRY_ALIASES[upper]}'"
    if upper in spec.COUNTRIES:
        return f"write it in capitals: '{upper}'"
    if len(upper) == 3 and upper.isalpha():
        return "use the two-letter code, not the three-letter one: e.g. DE for DEU, US for USA"
    close = difflib.get_close_matches(upper, spec.COUNTRIES, n=1)
    return (f"did you mean '{close[0]}'?" if close else
            "use the two-letter code, e.g. DE for Germany, GB for the United Kingdom")


def _items(seq: YamlSeq, rel: str, report: Report, what: str) -> list[tuple[YamlMap, Location]]:
    """The mapping items of a list; anything else is reported."""
    items = []
    for index, item in enumerate(seq):
        line, col = seq.pos(index)
        if isinstance(item, YamlMap):
            items.append((item, Location(rel, line, col)))
        else:
            report.error("HUB021", Location(rel, line, col),
                         f"each {what} must be a mapping of keys, not {_type_name(item)}",
                         "write it as 'key: value' lines")
    return items


class Validator:
    def __init__(self, raw: RawContent, report: Report):
        self.raw, self.report = raw, report

    def root_fields(self, doc: RawDoc | None, record: Record, report: Report | None = None) -> Fields | None:
        report = report or self.report
        if doc is None or doc.broken:
            return None
        if doc.data is None:
            return Fields(_empty_map(), doc.rel, report, record)
        if not isinstance(doc.data, YamlMap):
            report.error("HUB021", Location(doc.rel, 1), f"{record.what} must be a mapping of keys",
                         "write 'key: value' lines")
            return None
        return Fields(doc.data, doc.rel, report, record)

    # -- hub.yaml ----------------------------------------------------------
    def hub(self) -> Hub:
        hub_doc = self.raw.hub
        f = self.root_fields(hub_doc, spec.HUB)
        if f is None:
            # hub.yaml is missing or broken (already reported): read defaults
            # into a report of their own, so no follow-on errors bury the real one.
            f = Fields(_empty_map(), hub_doc.rel if hub_doc else "hub.yaml", Report(), spec.HUB)
        f.check_keys()
        updates = self.updates()
        project = self.project(f.get("project"))
        hub = Hub(
            root=self.raw.root,
            project=project,
            theme=self.theme(f.get("theme")),
            contact=self.contact(f.get("contact"), project.host),
            pledge_states=self.pledge_states(f.get("pledge_states")),
            milestones=self.milestones(f.get("milestones")),
            search_checks=self.search_checks(f.get("search_checks")),
            settings=self.settings(f.get("settings")),
            faq=self.faq(),
            refund_policy=self.refund_policy(),
            updates=updates,
            pages=self.pages(),
            assets=self.raw.assets,
            sources=self.raw.sources,
            misnamed=self.raw.misnamed,
            shipping=self.shipping(f.get("shipping")),
            waves=self.waves(f.get("waves")),
            segments=self.segments(f.get("segments")),
        )
        return hub

    def project(self, f: Fields) -> Project:
        f.check_keys()
        logo = f.get("logo")
        # One of the files the loader found under assets/ (inside the content folder, no link
        # leading out): no path is looked up on disk, however long or wherever it points.
        if logo and posixpath.normpath(logo.replace("\\", "/")) not in {a.as_posix() for a in self.raw.assets}:
            f._problem("HUB023", "logo", f"logo file '{logo}' is not among the files in assets/",
                       "put the file under assets/ and give its path, e.g. assets/logo.svg")
            logo = ""
        return Project(
            name=f.get("name"),
            creator=f.get("creator"),
            platform=f.get("platform"),
            campaign_url=f.get("campaign_url"),
            site_url=f.get("site_url").rstrip("/") + "/",
            language=self.language(f),
            host=f.get("host"),
            languages=self.languages(f),
            status=f.get("status"),
            logo=logo,
        )

    def languages(self, f: Fields) -> list[str]:
        """project.languages without the original's own language, each once, each one the theme has."""
        original = f.get("language")
        found: list[str] = []
        known = material_languages()
        for index, language in enumerate(f.get("languages")):
            if language in found or language == original:
                continue
            if known and theme_language(language) not in known:
                close = difflib.get_close_matches(theme_language(language).lower(), known, n=1)
                fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)
                f._problem("HUB023", "languages", f"the hub cannot be shown in language '{language}': "
                           "the theme has no translation for it", fix, index)
                continue
            if not LANGUAGE_TAG.fullmatch(language):
                f._problem("HUB023", "languages", f"'{language}' is not a language code: it names the "
                           "folder its pages are built in", "write a code such as de, fr or pt-BR", index)
                continue
            found.append(language)
        return found

    def language(self, f: Fields) -> str:
        language = f.get("language")
        known = material_languages()
        if known and theme_language(language) not in known:
            close = difflib.get_close_matches(theme_language(language).lower(), known, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)
            f._problem("HUB023", "language", f"the hub's pages cannot be shown in language '{language}': "
                       "the theme has no translation for it", fix)
            return f.record.key("language").default
        if not LANGUAGE_TAG.fullmatch(language):  # every page's <html lang> says it as written
            f._problem("HUB023", "language", f"'{language}' is not a language code",
                       "write a code such as en, de-AT or pt-BR")
            return f.record.key("language").default
        return language

    def theme(self, f: Fields) -> Theme:
        f.check_keys()
        return Theme(primary=f.get("primary"), accent=f.get("accent"))

    def contact(self, f: Fields, host: str) -> Contact:
        f.check_keys()
        # A missing or malformed address is a lint finding (HUB110, HUB111), so
        # `hubgen rules` documents it; the model keeps what was written.
        email = f.text("email")
        routes = []
        for r, where in f.get("routing"):
            r.check_keys()
            handled_by = r.get("handled_by")
            contact = r.get("contact") or (email if handled_by == "creator" else "")
            routes.append(Route(r.get("topic"), handled_by, contact, where, r.marks(where),
                                segments=r.get("segments"), photo=r.get("photo")))
        return Contact(email, f.get("response_time"), f.get("hours"), routes, f.where(),
                       form=f.get("form") or spec.form_on(host), voice=f.get("voice"), marks=f.marks())

    def pledge_states(self, items: list[tuple[Fields, Location]]) -> list[PledgeState]:
        states = []
        seen: dict[str, Location] = {}
        for f, where in items:
            f.check_keys()
            state_id = f.get("id")
            self._unique(state_id, f.where("id"), seen, "pledge state id")
            states.append(PledgeState(
                id=state_id,
                label=f.get("label") or state_id,
                description=f.get("description"),
                can_change=f.get("can_change"),
                cannot_change=f.get("cannot_change"),
                next=f.get("next"),
                where=where,
                marks=f.marks(where),
            ))
        return states

    def milestones(self, items: list[tuple[Fields, Location]]) -> list[Milestone]:
        result = []
        for f, where in items:
            f.check_keys()
            # Read every key before deciding: each problem in the item is reported.
            title, due, done, note = f.get("title"), f.get("due"), f.get("done"), f.get("note")
            history = self.history(f)
            if due is None:
                continue
            result.append(Milestone(title, due, done, note, where, f.marks(where), history, id=f.get("id") or title))
        return result

    def history(self, milestone: Fields) -> list[MilestoneMove]:
        moves: list[MilestoneMove] = []
        for f, where in milestone.get("history"):
            f.check_keys()
            due, changed, update = f.get("due"), f.get("changed"), f.get("update")
            if due is None or changed is None:
                continue
            if moves and changed < moves[-1].changed:
                before = moves[-1]
                f._problem("HUB023", "changed",
                           f"this move ({changed}) is listed after a later one ({before.changed}, at "
                           f"{before.marks.at('changed')})",
                           "list the history oldest first: the earliest move at the top")
            moves.append(MilestoneMove(due, changed, update, where, f.marks(where)))
        return moves

    def shipping(self, items: list[tuple[Fields, Location]]) -> list[ShippingRegion]:
        regions = []
        names: dict[str, Location] = {}
        owner: dict[str, tuple[str, Location]] = {}  # country -> (region, where it was listed)
        for f, where in items:
            f.check_keys()
            name = f.get("region")
            self._unique(name, f.value_where("region"), names, "shipping region", f.report)
            countries = f.get("countries")
            marks = f.marks(where)
            written = f.data.get("countries")  # as written, for where each code is
            listed = written if isinstance(written, YamlSeq) else [written] if isinstance(written, str) else []
            for index, code in enumerate(listed):
                code = (written.text_of(index) if isinstance(written, YamlSeq) else code) or ""
                code = code.strip()
                if code not in countries:
                    continue  # not a country code: reported already
                here = f.value_where("countries", index) if isinstance(written, YamlSeq) \
                    else f.value_where("countries")
                if code in owner and owner[code][1] != here:
                    first_region, first_where = owner[code]
                    f.report.error("HUB024", here, f"{code} is in two shipping regions: '{first_region}' "
                                   f"(at {first_where}) and '{name}' (here)",
                                   "keep each country in one region only")
                else:
                    owner.setdefault(code, (name, here))
            shipped = f.get("shipped")
            for index, code in enumerate(shipped):
                if code not in countries:
                    f._problem("HUB023", "shipped", f"'{code}' is in 'shipped' but not in this region's "
                               "countries", "add it to 'countries', or remove it from 'shipped'", index)
            regions.append(ShippingRegion(
                region=name, countries=countries, shipped=[c for c in shipped if c in countries],
                status=f.get("status"), estimate=f.get("estimate"), duties=f.get("duties"),
                carrier=f.get("carrier"), where=where, marks=marks, waves=self.region_waves(f),
            ))
        return regions

    def region_waves(self, region: Fields) -> list[RegionWave]:
        return self._unique_records(region.get("waves"), "wave", "wave in this region", lambda f, where: RegionWave(
            f.get("wave"), f.get("status"), f.get("estimate"), where, history=self.history(f)))

    def waves(self, items: list[tuple[Fields, Location]]) -> list[Wave]:
        return self._unique_records(items, "id", "wave id", lambda f, where: Wave(
            f.get("id"), f.get("name") or f.get("id"), f.get("items"), where, everywhere=f.get("everywhere")))

    def segments(self, items: list[tuple[Fields, Location]]) -> list[Segment]:
        return self._unique_records(items, "id", "segment id", lambda f, where: Segment(
            f.get("id"), f.get("label") or f.get("id"), f.get("description"), where))

    def _unique_records(self, items: list[tuple[Fields, Location]], key: str, what: str, read) -> list:
        """Each item read by `read(fields, where)`, its `key` unique among them; marks set after
        reading, so they know which values were rejected."""
        result = []
        seen: dict[str, Location] = {}
        for f, where in items:
            f.check_keys()
            record = read(f, where)
            self._unique(getattr(record, key), f.value_where(key), seen, what, f.report)
            record.marks = f.marks(where)
            result.append(record)
        return result

    def search_checks(self, items: list[tuple[Fields, Location]]) -> list[SearchCheck]:
        result = []
        for f, where in items:
            f.check_keys()
            result.append(SearchCheck(f.get("query"), f.get("expect"), where, f.marks(where)))
        return result

    def settings(self, f: Fields) -> Settings:
        f.check_keys()
        return Settings(
            stale_after_days=f.get("stale_after_days"),
            feed_length=f.get("feed_length"),
            faq_split_after=f.get("faq_split_after"),
            synonyms=f.get("synonyms"),
            lint=self.lint_settings(f),
        )

    def lint_settings(self, settings: Fields) -> LintSettings:
        # Codes are checked against the rule catalogue by lint itself (lint/config.py).
        f = settings.get("lint")
        f.check_keys()
        return LintSettings([c.upper() for c in f.get("ignore")], f.get("severity"),
                            settings.where("lint") if "lint" in settings.data else f.where())

    # -- faq.yaml ----------------------------------------------------------
    def faq(self) -> list[FaqCategory]:
        doc = self.raw.faq
        if doc is None or doc.data is None or doc.broken:
            return []
        if not isinstance(doc.data, YamlSeq):
            self.report.error("HUB021", Location(doc.rel, 1), "faq.yaml must be a list of categories",
                              "start each category with '- category: Name'")
            return []
        categories = []
        seen_ids: dict[str, Location] = {}
        seen_slugs: dict[str, Location] = {}
        for item, where in _items(doc.data, doc.rel, self.report, spec.FAQ_CATEGORY.what):
            f = Fields(item, doc.rel, self.report, spec.FAQ_CATEGORY)
            f.check_keys()
            name = f.get("category")
            slug = slugify(name)
            self._unique(slug, f.where("category"), seen_slugs, "FAQ category")
            entries = [self.faq_entry(q, qwhere, name, seen_ids) for q, qwhere in f.get("questions")]
            categories.append(FaqCategory(name, slug, [e for e in entries if e is not None], where))
        return categories

    def faq_entry(self, f: Fields, where: Location, category: str,
                  seen_ids: dict[str, Location]) -> FaqEntry | None:
        f.check_keys()
        question = f.get("q")
        entry_id = f.get("id")
        if not entry_id and "id" not in f.rejected:
            entry_id = slugify(question) if question else ""
        elif "id" in f.rejected:
            entry_id = slugify(f.data.text_of("id") or "")
        # An empty answer is lint's HUB140, which also catches placeholders like "TODO".
        entry = FaqEntry(entry_id, question, f.get("a"), f.get("keywords"), f.get("states"), category,
                         where, updated=f.get("updated"), segments=f.get("segments"))
        entry.marks = f.marks(where)
        if not question:
            return None  # reported as missing; an entry without a question has no anchor to give
        self._unique(entry_id, f.where("id") if "id" in f.data else where, seen_ids, "FAQ id")
        return entry

    # -- Markdown files ----------------------------------------------------
    def refund_policy(self) -> RefundPolicy | None:
        doc = self.raw.refund_policy
        if doc is None:
            return None
        f = self.root_fields(doc, spec.REFUND_POLICY)
        if f is None:
            return None
        f.check_keys()
        updated, window_days = f.get("updated"), f.get("window_days")
        terms = self.refund_terms(f, window_days)
        return RefundPolicy(doc.body, updated, window_days, Location(doc.rel, 1), doc.body_line,
                            f.marks(Location(doc.rel, 1)), terms)

    def refund_terms(self, policy: Fields, window_days: int | None) -> list[RefundTerm] | None:
        """The refund windows: refund_terms as written, or window_days as one window."""
        if "refund_terms" not in policy.data:
            if window_days is None:
                return None
            return [RefundTerm("none")] if window_days == 0 else [
                RefundTerm("", spec.WINDOW_DAYS_AFTER, window_days)]
        if "window_days" in policy.data:
            policy._problem("HUB023", "window_days", "the refund policy states both window_days and "
                            "refund_terms, which may disagree", "keep refund_terms and remove window_days")
        terms = []
        for f, _where in policy.get("refund_terms"):
            f.check_keys()
            refund, after, days, until = f.get("refund"), f.get("after"), f.get("days"), f.get("until")
            if days is not None and until:
                f._problem("HUB023", "until", "this refund window ends both after 'days' and at 'until'",
                           "keep one of them: a window ends after some days or at an event")
            elif until and spec.REFUND_EVENTS.index(until) <= spec.REFUND_EVENTS.index(after):
                f._problem("HUB023", "until", f"this refund window ends at {until}, which does not come after "
                           f"{after}, where it starts",
                           "events happen in this order: " + ", ".join(spec.REFUND_EVENTS))
            terms.append(RefundTerm(refund, after, days, until))
        return terms

    def updates(self) -> list[Update]:
        updates = []
        for doc in self.raw.updates:
            stem = Path(doc.rel).stem
            name = UPDATE_NAME.match(stem)
            if not name:
                self.report.error("HUB025", Location(doc.rel, 1),
                                  f"update file name '{stem}.md' is not YYYY-MM-DD-slug.md",
                                  f"rename it, e.g. to '{suggested_update_name(stem)}'")
            f = self.root_fields(doc, spec.UPDATE)
            if f is None:
                continue
            f.check_keys()
            # Read every key before deciding, so each problem in the file is reported.
            values = {key: f.get(key) for key in spec.UPDATE.names}
            date = values["date"] or (_parse_date(name.group(1)) if name else None)
            if name and date is None and "date" not in f.rejected:
                message, fix = date_problem(name.group(1))
                self.report.error("HUB023", Location(doc.rel, 1), f"the date in the file name {message}",
                                  fix + " at the start of the file name")
            if not name or date is None:
                continue
            updates.append(Update(
                slug=stem,
                title=values["title"] or stem,
                date=date,
                body=doc.body,
                tags=values["tags"],
                visibility=values["visibility"],
                pinned=values["pinned"],
                # Still holding `hubgen new update`'s placeholder: never published (lint HUB126 says so).
                draft=values["draft"] or spec.UPDATE_PLACEHOLDER in doc.body,
                unfinished=not values["draft"] and spec.UPDATE_PLACEHOLDER in doc.body,
                where=Location(doc.rel, 1),
                body_line=doc.body_line,
                marks=f.marks(Location(doc.rel, 1)),
                summary=values["summary"],
                segments=values["segments"],
            ))
        return updates

    def pages(self) -> list[Page]:
        pages = []
        for doc in self.raw.pages:
            name = Path(doc.rel).stem
            if not PAGE_NAME.match(name):
                self.report.error("HUB025", Location(doc.rel, 1),
                                  f"page file name '{name}.md' is not a slug",
                                  f"rename it to '{slugify(name)}.md'")
                continue
            f = self.root_fields(doc, spec.PAGE)
            if f is None:
                continue
            f.check_keys()
            title = f.get("title") or _first_heading(doc.body) or name.replace("-", " ").capitalize()
            pages.append(Page(name, title, doc.body, Location(doc.rel, 1), doc.body_line))
        return pages

    def _unique(self, value: str, where: Location, seen: dict[str, Location], what: str,
                report: Report | None = None) -> None:
        if not value:
            return
        if value in seen:
            (report or self.report).error("HUB024", where, f"duplicate {what} '{value}' (first at {seen[value]})",
                                          f"give each {what} its own value")
        else:
            seen[value] = where


def _empty_map(line: int = 1, col: int = 0) -> YamlMap:
    data = YamlMap()
    data.line, data.col, data.key_pos, data.value_pos = line, col, {}, {}
    return data


def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_date(text: str) -> dt.date | None:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return date if FIRST_DATE <= date <= LAST_DATE else None


def _first_heading(body: str) -> str:
    """The text of the first "# Title" line; read with string methods, since a
    pattern backtracked for minutes over a heading of spaces and tabs."""
    for line in body.splitlines():
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > 3 or stripped[:2] not in ("# ", "#\t"):
            continue
        text = stripped[2:].strip(" \t")
        unclosed = text.rstrip("#")
        if unclosed != text and unclosed[-1:] in (" ", "\t"):  # "# Title ##": the closing hashes go
            text = unclosed.rstrip(" \t")
        return text
    return ""


def build_model(raw: RawContent, report: Report) -> Hub:
    """Turn raw content into the typed model; problems are added to `report`."""
    return Validator(raw, report).hub()
