"""Stage 2: raw data -> typed model, collecting every problem before failing.

Each problem gets a HUB0xx code (content format errors); lint rules (HUB1xx
and up) run later on the model this produces.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

from hubgen.diagnostics import Location, Report
from hubgen.load import RawContent, RawDoc, YamlMap, YamlSeq
from hubgen.model import (
    PLATFORMS,
    VISIBILITIES,
    Contact,
    FaqCategory,
    FaqEntry,
    Hub,
    LintSettings,
    Marks,
    Milestone,
    Page,
    PledgeState,
    Project,
    RefundPolicy,
    Route,
    SearchCheck,
    Settings,
    Theme,
    Update,
)
from hubgen.theme import material_languages, theme_language

UPDATE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
PAGE_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SEVERITIES = ("error", "warning")
MATERIAL_COLOURS = (
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan",
    "teal", "green", "light-green", "lime", "yellow", "amber", "orange",
    "deep-orange", "brown", "grey", "blue-grey", "black", "white",
)


def slugify(text: str) -> str:
    """A URL/anchor slug: lowercase ASCII words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return "-".join(words) or "section"


#: dates hubgen accepts: date arithmetic near year 1 or 9999 would overflow
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
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


class Fields:
    """Typed reads of one YAML mapping; every problem lands in the report."""

    def __init__(self, data: YamlMap, rel: str, report: Report, what: str):
        self.data, self.rel, self.report, self.what = data, rel, report, what
        self.rejected: set[str] = set()  #: keys whose value was reported as wrong

    def where(self, key: str | None = None) -> Location:
        line, col = self.data.pos(key) if key is not None else (self.data.line, self.data.col)
        return Location(self.rel, line, col)

    def marks(self, where: Location | None = None) -> Marks:
        """Where each key's value (and each list item) was written, for later stages."""
        items = {key: value.item_pos for key, value in self.data.items() if isinstance(value, YamlSeq)}
        return Marks(where or self.where(), getattr(self.data, "value_pos", {}), items,
                     frozenset(self.rejected))

    def value_where(self, key: str) -> Location:
        """Where the value of `key` starts (the key itself when it has no value)."""
        spot = getattr(self.data, "value_pos", {}).get(key)
        return Location(self.rel, spot[0], spot[1]) if spot else self.where(key)

    def _problem(self, code: str, key: str, message: str, fix: str) -> None:
        self.rejected.add(key)
        self.report.error(code, self.value_where(key), message, fix)

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(allowed)
            self._problem("HUB022", key, f"unknown key '{key}' in {self.what}", fix)

    def _get(self, key: str, required: bool, expected: str) -> Any:
        value = self.data.get(key)
        if value is None and required:
            where = self.where(key) if key in self.data else self.where()
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
        text = str(value).strip()
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
        return value

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self._get(key, required, "a date like 2026-11-02")
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
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
        if isinstance(value, str):
            return [value]
        if not isinstance(value, YamlSeq) or any(isinstance(v, (YamlMap, YamlSeq)) for v in value):
            self._problem("HUB021", key, f"'{key}' must be a list of text, not {_type_name(value)}",
                          f"write '{key}: [one, two]'")
            return []
        return [str(v).strip() for v in value if v is not None and str(v).strip()]

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

    def root_fields(self, doc: RawDoc | None, what: str) -> Fields | None:
        if doc is None or doc.broken:
            return None
        if doc.data is None:
            return Fields(_empty_map(), doc.rel, self.report, what)
        if not isinstance(doc.data, YamlMap):
            self.report.error("HUB021", Location(doc.rel, 1), f"{what} must be a mapping of keys",
                              "write 'key: value' lines")
            return None
        return Fields(doc.data, doc.rel, self.report, what)

    # -- hub.yaml ----------------------------------------------------------
    def hub(self) -> Hub:
        hub_doc = self.raw.hub
        fields = self.root_fields(hub_doc, "hub.yaml")
        report = self.report
        if fields is None:
            # hub.yaml is missing or broken (already reported): read defaults
            # without piling follow-on errors onto the real one.
            self.report = Report()
            fields = Fields(_empty_map(), hub_doc.rel if hub_doc else "hub.yaml", self.report, "hub.yaml")
        f = fields
        f.check_keys(("project", "theme", "contact", "pledge_states", "milestones",
                      "search_checks", "settings"))
        parts = dict(
            project=self.project(f),
            theme=self.theme(f),
            contact=self.contact(f),
            pledge_states=self.pledge_states(f),
            milestones=self.milestones(f),
            search_checks=self.search_checks(f),
            settings=self.settings(f),
        )
        self.report = report
        return Hub(
            root=self.raw.root,
            **parts,
            faq=self.faq(),
            refund_policy=self.refund_policy(),
            updates=self.updates(),
            pages=self.pages(),
            assets=self.raw.assets,
            sources=self.raw.sources,
        )

    def sub(self, parent: Fields, key: str, required: bool = False) -> Fields:
        data = parent.mapping(key, required=required) or _empty_map(*parent.data.pos(key))
        return Fields(data, parent.rel, self.report, key)

    def project(self, hub: Fields) -> Project:
        f = self.sub(hub, "project", required=True)
        f.check_keys(("name", "creator", "platform", "campaign_url", "site_url", "language",
                      "status", "logo"))
        site_url = f.text("site_url", required=True, default="https://example.com/")
        if site_url and not re.match(r"^https?://[^/\s]+", site_url):
            f._problem("HUB023", "site_url", f"site_url must be an absolute http(s) URL, not '{site_url}'",
                       "write for example 'site_url: https://help.example.com/'")
        campaign_url = f.text("campaign_url")
        if campaign_url and not re.match(r"^https?://", campaign_url):
            f._problem("HUB023", "campaign_url", "campaign_url must start with https://",
                       "paste the full address of the campaign page")
        logo = f.text("logo")
        if logo and not (self.raw.root / logo).is_file():
            f._problem("HUB023", "logo", f"logo file '{logo}' does not exist",
                       "put the file under assets/ and give its path, e.g. assets/logo.svg")
            logo = ""
        return Project(
            name=f.text("name", required=True, default="Untitled project"),
            creator=f.text("creator", required=True),
            platform=f.choice("platform", PLATFORMS, default="other"),
            campaign_url=campaign_url,
            site_url=site_url.rstrip("/") + "/",
            language=self.language(f),
            status=f.text("status"),
            logo=logo,
        )

    def language(self, f: Fields) -> str:
        language = f.text("language", default="en")
        known = material_languages()
        if known and theme_language(language) not in known:
            close = difflib.get_close_matches(theme_language(language).lower(), known, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)
            f._problem("HUB023", "language", f"the hub's pages cannot be shown in language '{language}': "
                       "the theme has no translation for it", fix)
            return "en"
        return language

    def theme(self, hub: Fields) -> Theme:
        f = self.sub(hub, "theme")
        f.check_keys(("primary", "accent"))
        return Theme(primary=f.choice("primary", MATERIAL_COLOURS, "indigo"),
                     accent=f.choice("accent", MATERIAL_COLOURS, "indigo"))

    def contact(self, hub: Fields) -> Contact:
        f = self.sub(hub, "contact", required=True)
        f.check_keys(("email", "response_time", "hours", "routing"))
        # A missing or malformed address is a lint finding (HUB110, HUB111), so
        # `hubgen rules` documents it; the model keeps what was written.
        email = f.text("email")
        routes = []
        for item, where in _items(f.sequence("routing"), f.rel, self.report, "routing entry"):
            r = Fields(item, f.rel, self.report, "routing entry")
            r.check_keys(("topic", "handled_by", "contact"))
            handled_by = r.text("handled_by", required=True, default="creator")
            contact = r.text("contact") or (email if handled_by == "creator" else "")
            routes.append(Route(r.text("topic", required=True), handled_by, contact, where, r.marks(where)))
        return Contact(email, f.text("response_time"), f.text("hours"), routes, f.where(), f.marks())

    def pledge_states(self, hub: Fields) -> list[PledgeState]:
        states = []
        seen: dict[str, Location] = {}
        for item, where in _items(hub.sequence("pledge_states"), hub.rel, self.report, "pledge state"):
            f = Fields(item, hub.rel, self.report, "pledge state")
            f.check_keys(("id", "label", "description", "can_change", "cannot_change", "next"))
            state_id = f.text("id", required=True)
            if state_id and not ID_PATTERN.match(state_id):
                f._problem("HUB023", "id", f"pledge state id '{state_id}' is not a slug",
                           f"use lowercase letters, digits, - or _, e.g. '{slugify(state_id)}'")
            self._unique(state_id, f.where("id"), seen, "pledge state id")
            states.append(PledgeState(
                id=state_id,
                label=f.text("label", required=True, default=state_id),
                description=f.text("description"),
                can_change=f.text_list("can_change"),
                cannot_change=f.text_list("cannot_change"),
                next=f.text_list("next"),
                where=where,
                marks=f.marks(where),
            ))
        return states

    def milestones(self, hub: Fields) -> list[Milestone]:
        result = []
        for item, where in _items(hub.sequence("milestones"), hub.rel, self.report, "milestone"):
            f = Fields(item, hub.rel, self.report, "milestone")
            f.check_keys(("title", "due", "done", "note"))
            due = f.date("due", required=True)
            if due is None:
                continue
            result.append(Milestone(f.text("title", required=True), due, f.date("done"),
                                    f.text("note"), where, f.marks(where)))
        return result

    def search_checks(self, hub: Fields) -> list[SearchCheck]:
        result = []
        for item, where in _items(hub.sequence("search_checks"), hub.rel, self.report, "search check"):
            f = Fields(item, hub.rel, self.report, "search check")
            f.check_keys(("query", "expect"))
            result.append(SearchCheck(f.text("query", required=True), f.text("expect", required=True), where,
                                      f.marks(where)))
        return result

    def settings(self, hub: Fields) -> Settings:
        f = self.sub(hub, "settings")
        f.check_keys(("stale_after_days", "feed_length", "faq_split_after", "synonyms", "lint"))
        synonyms = {}
        raw_synonyms = f.mapping("synonyms") or {}
        for word, alternatives in raw_synonyms.items():
            s = Fields(raw_synonyms, f.rel, self.report, "synonyms")
            synonyms[str(word)] = s.text_list(word)
        return Settings(
            stale_after_days=f.integer("stale_after_days", 14, minimum=1),
            feed_length=f.integer("feed_length", 50, minimum=1),
            faq_split_after=f.integer("faq_split_after", 40, minimum=1),
            synonyms=synonyms,
            lint=self.lint_settings(f),
        )

    def lint_settings(self, settings: Fields) -> LintSettings:
        # Codes are checked against the rule catalogue by lint itself (lint/config.py).
        f = self.sub(settings, "lint")
        f.check_keys(("ignore", "severity"))
        severity = {}
        raw = f.mapping("severity") or {}
        levels = Fields(raw, f.rel, self.report, "settings.lint.severity")
        for code in raw:
            severity[str(code)] = levels.choice(code, SEVERITIES, default="warning", required=True)
        return LintSettings([c.upper() for c in f.text_list("ignore")], severity,
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
        for item, where in _items(doc.data, doc.rel, self.report, "FAQ category"):
            f = Fields(item, doc.rel, self.report, "FAQ category")
            f.check_keys(("category", "questions"))
            name = f.text("category", required=True, default="Questions")
            slug = slugify(name)
            self._unique(slug, f.where("category"), seen_slugs, "FAQ category")
            entries = [self.faq_entry(q, qwhere, doc.rel, name, seen_ids)
                       for q, qwhere in _items(f.sequence("questions"), doc.rel, self.report, "question")]
            categories.append(FaqCategory(name, slug, entries, where))
        return categories

    def faq_entry(self, item: YamlMap, where: Location, rel: str, category: str,
                  seen_ids: dict[str, Location]) -> FaqEntry:
        f = Fields(item, rel, self.report, "FAQ entry")
        f.check_keys(("id", "q", "a", "keywords", "states"))
        question = f.text("q", required=True)
        entry_id = f.text("id") or slugify(question)
        if not ID_PATTERN.match(entry_id):
            f._problem("HUB023", "id", f"FAQ id '{entry_id}' is not a slug",
                       f"use lowercase letters, digits, - or _, e.g. '{slugify(entry_id)}'")
            entry_id = slugify(entry_id)
        self._unique(entry_id, f.where("id") if "id" in item else where, seen_ids, "FAQ id")
        # An empty answer is lint's HUB140, which also catches placeholders like "TODO".
        return FaqEntry(entry_id, question, f.text("a"), f.text_list("keywords"),
                        f.text_list("states"), category, where, f.marks(where))

    # -- Markdown files ----------------------------------------------------
    def refund_policy(self) -> RefundPolicy | None:
        doc = self.raw.refund_policy
        if doc is None:
            return None
        f = self.root_fields(doc, "refund policy front matter")
        if f is None:
            return None
        f.check_keys(("updated", "window_days", "title"))
        return RefundPolicy(doc.body, f.date("updated"), f.integer("window_days", None, minimum=0),
                            Location(doc.rel, 1), doc.body_line, f.marks(Location(doc.rel, 1)))

    def updates(self) -> list[Update]:
        updates = []
        for doc in self.raw.updates:
            stem = Path(doc.rel).stem
            name = UPDATE_NAME.match(stem)
            if not name:
                self.report.error("HUB025", Location(doc.rel, 1),
                                  f"update file name '{stem}.md' is not YYYY-MM-DD-slug.md",
                                  f"rename it, e.g. to '2026-11-02-{slugify(stem)}.md'")
                continue
            f = self.root_fields(doc, "update front matter")
            if f is None:
                continue
            f.check_keys(("title", "date", "tags", "visibility", "pinned", "draft"))
            date = f.date("date") or _parse_date(name.group(1))
            if date is None:
                message, fix = date_problem(name.group(1))
                self.report.error("HUB023", Location(doc.rel, 1), f"the date in the file name {message}",
                                  fix + " at the start of the file name")
                continue
            updates.append(Update(
                slug=stem,
                title=f.text("title", required=True, default=stem),
                date=date,
                body=doc.body,
                tags=f.text_list("tags"),
                visibility=f.choice("visibility", VISIBILITIES, default="public"),
                pinned=f.boolean("pinned", False),
                draft=f.boolean("draft", False),
                where=Location(doc.rel, 1),
                body_line=doc.body_line,
                marks=f.marks(Location(doc.rel, 1)),
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
            f = self.root_fields(doc, "page front matter")
            if f is None:
                continue
            f.check_keys(("title",))
            title = f.text("title") or _first_heading(doc.body) or name.replace("-", " ").capitalize()
            pages.append(Page(name, title, doc.body, Location(doc.rel, 1), doc.body_line))
        return pages

    def _unique(self, value: str, where: Location, seen: dict[str, Location], what: str) -> None:
        if not value:
            return
        if value in seen:
            self.report.error("HUB024", where, f"duplicate {what} '{value}' (first at {seen[value]})",
                              f"give each {what} its own value")
        else:
            seen[value] = where


def _empty_map(line: int = 1, col: int = 0) -> YamlMap:
    data = YamlMap()
    data.line, data.col, data.key_pos, data.value_pos = line, col, {}, {}
    return data


def _parse_date(text: str) -> dt.date | None:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return date if FIRST_DATE <= date <= LAST_DATE else None


def _first_heading(body: str) -> str:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M)
    return match.group(1) if match else ""


def build_model(raw: RawContent, report: Report) -> Hub:
    """Turn raw content into the typed model; problems are added to `report`."""
    return Validator(raw, report).hub()
