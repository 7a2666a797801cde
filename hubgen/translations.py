"""A hub in several languages: each translation is overlaid on a copy of the model.

content/<language>/ mirrors the original, and every file in it is optional:

  faq.yaml              categories of questions by the original's ids: q, a, keywords
  refund-policy.md      the policy's text
  updates/<name>.md     title, summary (front matter) and text of the update of that name
  pages/<name>.md       title and text of the page of that name
  hub.yaml              the text to translate, in the original's structure: project.status,
                        contact.response_time and hours, routing topics (in order),
                        pledge states, waves and segments (by id), milestones and
                        shipping regions (in order); and the language's own search_checks

`translate` gives the hub as a backer reading that language sees it: a copy of
the original model with every translated text in place. What is not
translated stays in the original and is marked (`shown_in`), so the pages say
so. The same stages (search, feeds, pages) then run on the copy: a language is
not a second pipeline.

Each translated question, update, page and policy, and each translated record of
hub.yaml (named by its place: pledge_states.locked, milestones.2, project), records
which version of the original it was made from: `translated_from:` holds a short digest of each
translated field of the original ("q:1a2b3c4d a:5e6f7a8b"). `hubgen
translations --mark-current` writes it (mark_current); lint (HUB260) warns at
the translation when the original has changed since, naming the fields that did.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from hubgen.diagnostics import Location, Report
from hubgen.load import ContentLoader, RawDoc, YamlMap, YamlSeq, scalar_text
from hubgen.model import Hub, Marks, Original, SearchCheck
from hubgen.urls import language_site_url, region_heading_ids
from hubgen.content_format import (TRANSLATED_FAQ_CATEGORY, TRANSLATED_FAQ_ENTRY, TRANSLATED_HUB, TRANSLATED_LISTS,
                                   TRANSLATED_ROUTE)
from hubgen.validate import Fields, marks_of

RECORD_KEY = "translated_from"  #: where a translation records the original it was made from
FIELD_NAMES = {"q": "question", "a": "answer", "title": "title", "summary": "summary", "body": "text"}
FAQ_FILE = "faq.yaml"
POLICY_FILE = "refund-policy.md"
HUB_FILE = "hub.yaml"


def fingerprint(fields: dict[str, str]) -> str:
    """What a translation records of its original: a short digest per translated field."""
    return " ".join(f"{name}:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"
                    for name, text in fields.items())


def _fields_of(record: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in record.split() if ":" in part)


@dataclass
class TranslatedItem:
    """One translated question, update, page or policy, and the original it was made from."""

    kind: str  #: "faq", "update", "page" or "refund-policy"
    name: str  #: the FAQ id or the file name without .md
    where: Location  #: the translation (its translated_from: when it has one)
    original: Location  #: the original
    current: str  #: the original's fingerprint today
    recorded: str = ""  #: the translation's translated_from; "" when never recorded
    file: str = ""  #: the translation's file, as its path reads
    line: int = 0  #: the FAQ entry's `- id` line in it (0 for a whole file)

    @property
    def is_current(self) -> bool:
        return self.recorded == self.current

    def changed(self) -> list[str]:
        """The original's fields that are not what the translation was made from."""
        before, now = _fields_of(self.recorded), _fields_of(self.current)
        return [FIELD_NAMES.get(name, name) for name, digest in now.items() if before.get(name) != digest]


@dataclass
class Translation:
    """One language's copy of the hub, and what in it is still in the original."""

    language: str
    hub: Hub  #: the copy backers of `language` read
    untranslated: list[str] = field(default_factory=list)  #: e.g. "faq.yaml#when-ship", "updates/<name>.md"
    folder: str = ""  #: content/<language>, as problems name it
    items: list[TranslatedItem] = field(default_factory=list)  #: what is translated, with its record
    moved: list[MovedQuestion] = field(default_factory=list)  #: questions under another category than the original's
    unparsed: tuple[str, ...] = ()  #: its files whose YAML could not be parsed (already reported)


@dataclass
class MovedQuestion:
    """A translated question under another category than its original's (lint: HUB261)."""

    id: str  #: the FAQ id
    where: Location  #: its id in the translation
    category: str  #: the translated category it was placed under
    original_category: str  #: the category the original has it in (where the pages show it)
    placed_in: str  #: the original category the translated one stands for


class _TranslationLoader(ContentLoader):
    """Reads content/<language>/ as ContentLoader reads content/, never outside the content folder."""

    def __init__(self, folder: Path, content_root: Path):
        super().__init__(folder)
        self.real_root = content_root.resolve()

    def load(self):
        self.raw.hub = self._yaml_file(HUB_FILE, required=False)
        self.raw.faq = self._yaml_file(FAQ_FILE, required=False)
        self.raw.refund_policy = self._markdown_file(self.root / POLICY_FILE, optional=True)
        self.raw.updates = self._markdown_folder("updates")
        self.raw.pages = self._markdown_folder("pages")
        return self.raw


def load_translations(hub: Hub, report: Report) -> list[Translation]:
    """Every language of project.languages, overlaid on copies of `hub`; problems go to `report`."""
    found = []
    for language in hub.project.languages:
        folder = hub.root / language
        loader = _TranslationLoader(folder, hub.root)
        if folder.is_dir() and not loader._outside(folder):
            loader.load()
        report.diagnostics.extend(loader.report.diagnostics + loader.unreadable.diagnostics)
        found.append(translate(hub, language, loader, report))
    return found


def translate(hub: Hub, language: str, loader: ContentLoader, report: Report) -> Translation:
    """`hub` as backers of `language` read it, from what `loader` read of content/<language>/."""
    copied = copy.copy(hub)
    # The translation's own files too: rules that read the text as written (HUB210: a ' #'
    # that YAML takes for a comment) and inline lint ignores see what the translator wrote.
    copied.sources = {**hub.sources, **loader.raw.sources}
    raw = loader.raw
    broken = tuple(doc.rel for doc in (raw.hub, raw.faq, raw.refund_policy, *raw.updates, *raw.pages)
                   if doc is not None and doc.broken)
    translation = Translation(language, copied, folder=loader.rel(loader.root), unparsed=broken)
    overlay = _Overlay(hub, copied, translation, report)
    overlay.project(language)
    overlay.hub_texts(loader.raw.hub)
    overlay.faq(loader.raw.faq)
    overlay.policy(loader.raw.refund_policy)
    overlay.updates(loader.raw.updates)
    overlay.pages(loader.raw.pages)
    return translation


def _closest(given: str, known, otherwise: str, template: str = "did you mean '{}'?") -> str:
    """A fix naming the closest of `known` ("did you mean 'no-survey'?"), else `otherwise`."""
    close = difflib.get_close_matches(given, sorted(known), n=1)
    return template.format(close[0]) if close else otherwise


def _text(given, key) -> str | None:
    """The translated text of `given[key]` (a mapping's key or a list's index) as written
    ('Nein', 'No' and '2027' too); None when it is not there or not text."""
    if isinstance(given, (YamlMap, YamlSeq)):
        text = given.text_of(key)
    else:  # nothing was given: an empty mapping
        text = scalar_text(given.get(key), None) if isinstance(given, dict) else None
    return text if text and text.strip() else None


def _texts_of(thing, keys) -> dict[str, str]:
    """The original's texts under `keys`, as a translation's record digests them (lists one a line)."""
    return {key: "\n".join(value) if isinstance(value, list) else str(value)
            for key in keys for value in [getattr(thing, key)]}


class _Overlay:
    def __init__(self, original: Hub, hub: Hub, translation: Translation, report: Report):
        self.original, self.hub, self.translation, self.report = original, hub, translation, report
        self.source_language = original.project.language

    def _kept(self, value):
        """A text left untranslated, marked as the original's (model.Original), so the
        pages show it with the original's lang wherever they show it."""
        if isinstance(value, str):
            return Original(value, self.source_language) if value.strip() else value
        if isinstance(value, list):
            return [self._kept(item) for item in value]
        return value

    def _untranslated(self, thing, names) -> object:
        """`thing` with its texts `names` marked as the original's."""
        return dataclasses.replace(thing, **{name: self._kept(getattr(thing, name)) for name in names})

    def _warn(self, doc: RawDoc, where, message: str, fix: str) -> None:
        line, col = where if where else (1, 1)
        self.report.error("HUB027", Location(doc.rel, line, col), message, fix)

    def project(self, language: str) -> None:
        original = self.original.project
        self.hub.project = dataclasses.replace(
            original, language=language, translated_from=original.language,
            site_url=language_site_url(original.site_url, f"{language}/"))

    # -- hub.yaml: the texts, in the original's structure -----------------------------
    def check_hub_texts(self, doc: RawDoc | None) -> None:
        """What content/<language>/hub.yaml may hold (content_format.TRANSLATED_HUB): an unknown
        key, an item the original does not have or an id it does not know is an error at its line,
        as in the original's hub.yaml; hubgen would otherwise drop it without a word."""
        if doc is None or not isinstance(doc.data, YamlMap):
            return
        top = Fields(doc.data, doc.rel, self.report, TRANSLATED_HUB)
        top.check_keys()
        for name in ("project", "contact", "search_checks"):
            value = doc.data.get(name)
            record = TRANSLATED_HUB.key(name).record
            if isinstance(value, YamlMap):
                Fields(value, doc.rel, self.report, record).check_keys()
                if name == "contact":
                    self._check_items(doc, "contact.routing", value.get("routing"), TRANSLATED_ROUTE, "",
                                      self.original.contact.routing)
            elif isinstance(value, YamlSeq):
                self._check_items(doc, name, value, record, "", None)
        for name, (record, key_by) in TRANSLATED_LISTS.items():
            self._check_items(doc, name, doc.data.get(name), record, key_by, getattr(self.original, name))

    def _check_items(self, doc: RawDoc, name: str, items, record, key_by: str, originals: list | None) -> None:
        """Each item's keys; and that it translates one of `originals`: by its id, or by its place."""
        if not isinstance(items, YamlSeq):
            return
        known = [str(getattr(thing, key_by)) for thing in originals or []] if key_by else []
        for index, item in enumerate(items):
            where = Location(doc.rel, *items.pos(index))
            if not isinstance(item, YamlMap):
                continue
            fields = Fields(item, doc.rel, self.report, record)
            fields.check_keys()
            if key_by and _text(item, key_by) is not None and _text(item, key_by) not in known:
                given = _text(item, key_by)
                self.report.error("HUB027", fields.value_where(key_by),
                                  f"there is no {record.what} '{given}' in the original hub.yaml to translate",
                                  _closest(given, known, "use the id of one in the original: " + ", ".join(known)))
            elif not key_by and originals is not None and index >= len(originals):
                self.report.error("HUB027", where, f"'{name}' has {len(items)} items here but {len(originals)} in "
                                  f"the original hub.yaml: item {index + 1} translates nothing, and is not shown",
                                  f"give the original's {len(originals)} {record.what}s in the same order; add a new "
                                  f"one to the original hub.yaml first")

    def hub_texts(self, doc: RawDoc | None) -> None:
        self.check_hub_texts(doc)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        self.hub_doc = doc
        project = data.get("project") if isinstance(data.get("project"), dict) else {}
        self.hub.project = self._translated_record("project", project, self.hub.project, ("status",))
        contact = data.get("contact") if isinstance(data.get("contact"), dict) else {}
        routes = contact.get("routing") if isinstance(contact.get("routing"), list) else []
        contact_texts = self._translated_record("contact", contact, self.original.contact, ("response_time", "hours"))
        self.hub.contact = dataclasses.replace(contact_texts, routing=self._in_order(
            "contact.routing", routes, self.original.contact.routing, ("topic",)))
        self.hub.pledge_states = self._by_id("pledge_states", data.get("pledge_states"), self.original.pledge_states,
                                             ("label", "description", "can_change", "cannot_change"))
        self.hub.waves = self._by_id("waves", data.get("waves"), self.original.waves, ("name",))
        self.hub.segments = self._by_id("segments", data.get("segments"), self.original.segments,
                                        ("label", "description"))
        # A translated title is not a new promise: calendars and links know it by the original's id.
        self.hub.milestones = [dataclasses.replace(mine, id=original.calendar_id) for mine, original in zip(
            self._in_order("milestones", data.get("milestones"), self.original.milestones, ("title", "note")),
            self.original.milestones)]
        # A translated region keeps the original's heading id: a link to it works in every language.
        self.hub.shipping = [dataclasses.replace(mine, anchor=anchor) for mine, anchor in zip(
            self._in_order("shipping", data.get("shipping"), self.original.shipping, ("region",)),
            region_heading_ids(self.original))]
        self.hub.search_checks = self._search_checks(doc, data.get("search_checks"))

    @staticmethod
    def _search_checks(doc: RawDoc | None, given) -> list[SearchCheck]:
        """The language's own search checks: the original's are questions in the original's words."""
        checks = []
        for item in given if isinstance(given, list) else []:
            if isinstance(item, dict) and _text(item, "query") and _text(item, "expect"):
                where = Location(doc.rel, getattr(item, "line", 1), getattr(item, "col", 1))
                checks.append(SearchCheck(_text(item, "query"), _text(item, "expect"), where,
                                          Marks(where, dict(getattr(item, "value_pos", {})))))
        return checks

    @staticmethod
    def _translated(given: dict, key: str):
        value = given.get(key)
        if isinstance(value, list):
            texts = [_text(value, index) for index in range(len(value))]
            return texts if all(texts) else None
        return _text(given, key)

    def _translated_record(self, name: str, mine: dict, thing, keys: tuple[str, ...]):
        """`thing` (a pledge state, a milestone, the project ...) with the texts `mine` gives for
        `keys`, the others marked as the original's; what is translated records what it was made
        from, as a translated question does (`translated_from:` in its mapping)."""
        changes = {key: self._translated(mine, key) for key in keys if self._translated(mine, key)}
        if changes:
            original = _texts_of(thing, changes)
            where = getattr(thing, "where", None) or Location(HUB_FILE)
            self._record("hub", name, self.hub_doc, mine, where, original, getattr(mine, "line", 0))
        return dataclasses.replace(self._untranslated(thing, keys), **changes)

    def _by_id(self, name: str, given, originals: list, keys: tuple[str, ...]) -> list:
        by_id = {str(item.get("id")): item for item in given or [] if isinstance(item, dict)} if isinstance(
            given, list) else {}
        return [self._translated_record(f"{name}.{thing.id}", by_id.get(thing.id, {}), thing, keys)
                for thing in originals]

    def _in_order(self, name: str, given, originals: list, keys: tuple[str, ...]) -> list:
        items = [item if isinstance(item, dict) else {} for item in (given if isinstance(given, list) else [])]
        items = items[:len(originals)] + [{}] * (len(originals) - len(items))
        shift = self._shift(name, given, originals, keys)
        if shift is not None:  # from there on, only what still matches its own place is shown
            items = items[:shift] + [item if self._made_from(item, thing, keys) else {}
                                     for item, thing in zip(items[shift:], originals[shift:])]
        return [self._translated_record(f"{name}.{index + 1}", item, thing, keys)
                for index, (item, thing) in enumerate(zip(items, originals))]

    def _made_from(self, item, thing, keys: tuple[str, ...]) -> bool:
        """Whether `item` records (translated_from:) that it was made from `thing` as it is now."""
        translated = [key for key in keys if self._translated(item, key)]
        return bool(translated) and fingerprint(_texts_of(thing, translated)) == _text(item, RECORD_KEY)

    def _shift(self, name: str, given, originals: list, keys: tuple[str, ...]) -> int | None:
        """Where a list matched by place first holds a translation recorded from another place of
        the original's: an item added or removed above it in the original would otherwise
        publish each translation below under the wrong region, milestone or topic."""
        for index, item in enumerate(given[:len(originals)] if isinstance(given, list) else []):
            if not isinstance(item, dict) or not _text(item, RECORD_KEY):
                continue
            if self._made_from(item, originals[index], keys):
                continue
            source = next((place for place, thing in enumerate(originals) if self._made_from(item, thing, keys)), None)
            if source is None:
                continue  # the original changed: lint says how (HUB260)
            label, here = (str(getattr(originals[place], keys[0])) for place in (source, index))
            if source > index:
                added = source - index
                fix = (f"insert a translation of '{here}' above it (or '- {{}}' to show it in the original's words)"
                       if added == 1 else f"insert translations of the {added} items from '{here}' on above it (or "
                       f"'- {{}}' for each, to show it in the original's words)")
            else:
                fix = "remove the translation of the item the original no longer has, above it"
            self._warn(self.hub_doc, given.pos(index), f"item {index + 1} of '{name}' was translated from the "
                       f"original's '{label}', which is now item {source + 1}: an item was added or removed above "
                       f"it in the original hub.yaml (until the places match again, from item {index + 1} on the "
                       "original's words are shown)", fix)
            return index
        return None

    # -- faq.yaml: questions by the original's ids --------------------------------------
    def faq(self, doc: RawDoc | None) -> None:
        translated: dict[str, dict] = {}
        groups: list[tuple[str | None, list[str]]] = []  # each translated category: its name, its ids
        for category in doc.data if doc is not None and isinstance(doc.data, list) else []:
            if not isinstance(category, dict):
                continue
            self._check_keys(doc, category, TRANSLATED_FAQ_CATEGORY)  # a misspelt key would drop its text unsaid
            ids: list[str] = []
            for question in category.get("questions") or []:
                if not isinstance(question, dict):
                    continue
                self._check_keys(doc, question, TRANSLATED_FAQ_ENTRY)
                entry_id = _text(question, "id")
                if entry_id is None:
                    self._warn(doc, question.pos("q") if "q" in question else None,
                               "a translated question has no 'id', so hubgen cannot tell which question it "
                               "translates", "add the id of the question in the original faq.yaml")
                    continue
                translated[entry_id] = question
                ids.append(entry_id)
            groups.append((_text(category, "category"), ids))
        known = {entry.id for entry in self.original.faq_entries}
        for entry_id, question in translated.items():
            if entry_id not in known:
                self._warn(doc, question.pos("id"), f"there is no question '{entry_id}' in the original "
                           "faq.yaml to translate", _closest(entry_id, known, "use the id of a question in "
                                                            "the original faq.yaml"))
        names = self._category_names(doc, groups, translated)
        categories = []
        for index, category in enumerate(self.original.faq):
            entries = [self._entry(entry, translated.get(entry.id), doc) for entry in category.entries]
            categories.append(dataclasses.replace(category, name=names.get(index) or self._kept(category.name),
                                                  entries=entries))
        self.hub.faq = categories

    def _check_keys(self, doc: RawDoc, data, record) -> None:
        if isinstance(data, YamlMap):
            Fields(data, doc.rel, self.report, record).check_keys()

    def _category_names(self, doc: RawDoc | None, groups: list, translated: dict) -> dict[int, str]:
        """The translated name of each of the original's categories (by its place). The
        translation follows the original's structure: a translated category translates the
        original category most of its questions are in; a question placed under another
        category than its original's is noted (HUB261), and shown where the original has it."""
        home = {entry.id: index for index, category in enumerate(self.original.faq) for entry in category.entries}
        names: dict[int, str] = {}
        for name, ids in groups:
            places = [home[entry_id] for entry_id in ids if entry_id in home]
            if not places:
                continue
            counts = {place: places.count(place) for place in places}
            matched = max(counts, key=lambda place: (counts[place], -places.index(place)))
            if name:
                names.setdefault(matched, name)
            for entry_id in ids:
                if entry_id in home and home[entry_id] != matched:
                    question = translated[entry_id]
                    self.translation.moved.append(MovedQuestion(
                        entry_id, Location(doc.rel, *question.pos("id")), name or "",
                        self.original.faq[home[entry_id]].name, self.original.faq[matched].name))
        return names

    def _record(self, kind: str, name: str, doc: RawDoc, data, original: Location, fields: dict[str, str],
                line: int = 0) -> None:
        recorded = _text(data, RECORD_KEY) if isinstance(data, dict) else None
        if recorded is not None and hasattr(data, "pos"):
            where = Location(doc.rel, *data.pos(RECORD_KEY))
        elif line:
            where = Location(doc.rel, line, getattr(data, "col", 1))
        else:
            where = Location(doc.rel, 1)
        self.translation.items.append(TranslatedItem(kind, name, where, original, fingerprint(fields),
                                                     recorded or "", doc.rel, line))

    def _entry(self, entry, given: dict | None, doc: RawDoc | None = None):
        if given is None or not (_text(given, "q") and _text(given, "a")):
            self.translation.untranslated.append(f"{FAQ_FILE}#{entry.id}")
            return dataclasses.replace(self._untranslated(entry, ("question",)), shown_in=self.source_language)
        self._record("faq", entry.id, doc, given, entry.where, {"q": entry.question, "a": entry.answer},
                     getattr(given, "line", 0))
        keywords = given.get("keywords")
        words = [_text(keywords, index) or "" for index in range(len(keywords))] if isinstance(
            keywords, list) else entry.keywords
        where = Location(doc.rel, getattr(given, "line", 1), getattr(given, "col", 1))
        return dataclasses.replace(entry, question=_text(given, "q"), answer=_text(given, "a"), keywords=words,
                                   where=where, marks=marks_of(given, where))

    # -- Markdown files by name ---------------------------------------------------------------
    def policy(self, doc: RawDoc | None) -> None:
        policy = self.original.refund_policy
        if policy is None:
            return
        if doc is None or not doc.body.strip():
            self.translation.untranslated.append(POLICY_FILE)
            self.hub.refund_policy = dataclasses.replace(policy, shown_in=self.source_language)
        else:
            self._record("refund-policy", "refund-policy", doc, doc.data, policy.where, {"body": policy.body})
            self.hub.refund_policy = dataclasses.replace(policy, body=doc.body, where=Location(doc.rel, 1),
                                                         body_line=doc.body_line)

    def updates(self, docs: list[RawDoc]) -> None:
        self.hub.updates = self._markdown(
            "update", "updates", self.original.updates, docs, lambda update: update.slug,
            lambda update: {"title": update.title, "summary": update.summary, "body": update.body},
            lambda update, doc, front: dataclasses.replace(
                update, body=doc.body, title=_text(front, "title") or self._kept(update.title),
                summary=_text(front, "summary") or self._kept(update.summary)),
            listed=lambda update: update.is_public)

    def pages(self, docs: list[RawDoc]) -> None:
        self.hub.pages = self._markdown(
            "page", "pages", self.original.pages, docs, lambda page: page.name,
            lambda page: {"title": page.title, "body": page.body},
            lambda page, doc, front: dataclasses.replace(page, body=doc.body,
                                                         title=_text(front, "title") or self._kept(page.title)))

    def _markdown(self, kind: str, folder: str, originals: list, docs: list[RawDoc], name_of, fields_of, translated,
                  listed=lambda thing: True) -> list:
        """Updates or pages: each translated from the file of its name, else the original, marked
        (`listed`: whether `hubgen translations` names it as missing)."""
        given = self._by_name(docs, {name_of(thing) for thing in originals}, folder)
        result = []
        for thing in originals:
            doc = given.get(name_of(thing))
            if doc is None or not doc.body.strip():
                if listed(thing):
                    self.translation.untranslated.append(f"{folder}/{name_of(thing)}.md")
                texts = [name for name in fields_of(thing) if name != "body"]  # the body shows in a marked block
                result.append(dataclasses.replace(self._untranslated(thing, texts), shown_in=self.source_language))
                continue
            front = doc.data if isinstance(doc.data, dict) else {}
            self._record(kind, name_of(thing), doc, front, thing.where, fields_of(thing))
            # Problems in the translated text are reported where it was written.
            result.append(dataclasses.replace(translated(thing, doc, front), where=Location(doc.rel, 1),
                                              body_line=doc.body_line))
        return result

    def _by_name(self, docs: list[RawDoc], names: set[str], folder: str) -> dict[str, RawDoc]:
        found = {}
        for doc in docs:
            name = Path(doc.rel).stem
            if name in names:
                found[name] = doc
            else:
                self._warn(doc, None, f"there is no {folder}/{name}.md in the original to translate",
                           _closest(name, names, f"name the file as the original in {folder}/ is named",
                                    template="rename it to {}.md"))
        return found


# -- recording that translations match today's original -----------------------------------

_RECORD_LINE = re.compile(rf"^(\s*(?:-\s+)?{RECORD_KEY}\s*:).*?(\r?\n)?$")


def mark_current(translation: Translation, names: tuple[str, ...] = ()) -> list[TranslatedItem]:
    """Record in the translation's files that its items (all, or those `names`
    names) match today's original; returns the items marked."""
    chosen = [item for item in translation.items if not names or item.name in names]
    by_file: dict[str, list[TranslatedItem]] = {}
    for item in chosen:
        by_file.setdefault(item.file, []).append(item)
    for file, items in by_file.items():
        path = Path(file)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        # From the bottom up: a line put in never moves the lines still to be marked.
        for item in sorted(items, key=lambda item: -item.line):
            _record(lines, item)
        path.write_text("".join(lines), encoding="utf-8")
    return chosen


def _record(lines: list[str], item: TranslatedItem) -> None:
    value = f'"{item.current}"'
    if item.recorded:  # the translation has a record: rewrite its value
        at = item.where.line - 1
        match = _RECORD_LINE.match(lines[at])
        if match:
            lines[at] = f"{match.group(1)} {value}{match.group(2) or chr(10)}"
            return
    if item.line:  # a question in faq.yaml: below its id, as indented as its keys
        id_line = lines[item.line - 1]
        item_start = re.match(r"^(\s*-\s+)", id_line)
        if item_start:
            lines.insert(item.line, f"{' ' * len(item_start.group(1))}{RECORD_KEY}: {value}\n")
        else:  # a mapping's first key (hub.yaml's project:, contact:): above it, as indented
            lines.insert(item.line - 1, f"{' ' * (len(id_line) - len(id_line.lstrip()))}{RECORD_KEY}: {value}\n")
        return
    if lines and lines[0].rstrip() == "---":  # a Markdown file's front matter: before it closes
        end = next((n for n in range(1, len(lines)) if lines[n].rstrip() == "---"), None)
        if end is not None:
            lines.insert(end, f"{RECORD_KEY}: {value}\n")
            return
    lines[:0] = ["---\n", f"{RECORD_KEY}: {value}\n", "---\n"]
