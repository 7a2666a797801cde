"""The typed model of a hub: the single source of truth every later stage reads.

Validation (validate.py) is the only code that builds these objects; lint rules
and renderers read them and never go back to the files.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

from hubgen.diagnostics import Location

from hubgen.content_format import PLATFORMS, VISIBILITIES  # noqa: F401  (re-exported for readers)

#: languages written right to left: text in them shown inside a page in another
#: language needs dir="rtl" beside its lang
RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})


def language_attributes(language: str) -> str:
    """' lang="ar" dir="rtl"': the attributes that mark an element's text as `language`."""
    right_to_left = language.replace("_", "-").split("-")[0].lower() in RIGHT_TO_LEFT
    return f' lang="{html.escape(language)}"' + (' dir="rtl"' if right_to_left else "")


class Original(str):
    """A text a translation has not translated yet, shown as the original has it.

    It is a str (compared, hashed, searched and formatted as the text), and knows
    its language: wherever a template escapes it for HTML (markupsafe calls
    __html__) it comes marked, so a screen reader reads it in its own language."""

    language: str  #: the original's language, e.g. "en", that the text is still in

    def __new__(cls, text: str, language: str) -> Original:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self):
        return Original, (str(self), self.language)

    def __html__(self) -> str:
        return _SafeHtml(f"<span{language_attributes(self.language)}>{html.escape(str(self))}</span>")


class _SafeHtml(str):
    """HTML that is already safe, as markupsafe's formatting asks of what __html__ returns."""

    def __html__(self) -> str:
        return self


def original_language(text) -> str:
    """The language `text` is still in when a translation left it untranslated, else ""."""
    return text.language if isinstance(text, Original) else ""


@dataclass(frozen=True)
class Marks:
    """Where the keys of one content record were written, so a problem found
    later (by lint) is reported at the value that causes it, not at the record."""

    where: Location  #: the record itself
    values: dict = field(default_factory=dict)  #: key -> (line, col, YAML style) of its value
    items: dict = field(default_factory=dict)  #: key -> [(line, col)] of each list item
    invalid: frozenset = frozenset()  #: keys whose value validation rejected (already reported)

    def written(self, key: str) -> bool:
        """Whether the key was written at all (even with a value that was rejected)."""
        return key in self.values

    def rejected(self, key: str) -> bool:
        """Whether validation already reported this key's value: no second message about it."""
        return key in self.invalid

    def at(self, key: str, index: int | None = None) -> Location:
        """The value of `key` (its `index`th item for a list); the record when not written."""
        if index is not None and key in self.items and 0 <= index < len(self.items[key]):
            line, col = self.items[key][index]
            return Location(self.where.path, line, col)
        if key in self.values:
            line, col, _style = self.values[key]
            return Location(self.where.path, line, col)
        return self.where

    def in_text(self, key: str, line: int, col: int) -> Location:
        """A spot inside the text value of `key`: its 0-based `line` and 1-based `col`."""
        if key not in self.values:
            return self.where
        first_line, first_col, style = self.values[key]
        if style == "|":  # literal block: one file line per text line, indented
            return Location(self.where.path, first_line + line, first_col + col - 1)
        if line == 0 and not style:  # plain text ('' from libyaml, None from PyYAML)
            return Location(self.where.path, first_line, first_col + col - 1)
        if line == 0 and style in ("'", '"'):
            return Location(self.where.path, first_line, first_col + col)
        return Location(self.where.path, first_line, first_col)  # folded text: its first line


class _Marked:
    """A record that knows where its keys were written (`marks`)."""

    def __post_init__(self) -> None:
        if self.marks is None:
            self.marks = Marks(self.where)


@dataclass
class Project:
    name: str  #: shown in titles, the mail subject and feeds
    creator: str  #: who runs the campaign; the feeds' author
    platform: str  #: one of PLATFORMS
    campaign_url: str  #: the campaign page backers pledged on
    site_url: str  #: absolute URL the hub is published at, ending in "/"
    language: str = "en"  #: BCP 47 tag for <html lang> and feeds
    host: str = "netlify"  #: where site/ is published: one of content_format.HOSTS
    languages: list[str] = field(default_factory=list)  #: the translations' languages, each built under <language>/
    translated_from: str = ""  #: in a translation's copy of the model: the original's language; "" in the original
    status: str = ""  #: current phase, shown on the home page
    logo: str = ""  #: path inside the content folder, e.g. assets/logo.svg


@dataclass
class Theme:
    primary: str = "indigo"  #: Material palette colour name
    accent: str = "indigo"  #: Material palette colour name


@dataclass
class Route(_Marked):
    topic: str  #: what backers ask about
    handled_by: str  #: "creator", or who else answers it
    contact: str  #: URL or email; the creator's email when handled_by is creator
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation
    segments: list[str] = field(default_factory=list)  #: segment ids this topic is for; [] for everyone
    photo: bool = False  #: the form offers an optional photo with this topic


@dataclass
class Contact(_Marked):
    email: str  #: where backers write to the creator
    response_time: str = ""  #: e.g. "within 2 business days"
    hours: str = ""  #: when someone answers
    routing: list[Route] = field(default_factory=list)  #: who handles what
    where: Location = field(default_factory=lambda: Location("hub.yaml"))  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation
    form: str = "netlify"  #: how the "Ask us" form sends: netlify | mailto | none
    voice: str = "we"  #: one of content_format.VOICES: how the hub's own words speak for the creator


@dataclass
class PledgeState(_Marked):
    id: str  #: slug; the anchor on pledge-states/
    label: str  #: what platforms call it, e.g. "Locked down"
    description: str  #: what it means for the backer
    can_change: list[str]  #: what a backer can still change in this state
    cannot_change: list[str]  #: what is fixed by now
    next: list[str]  #: ids of states that can follow this one
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation


@dataclass
class MilestoneMove(_Marked):
    """One earlier promise of a milestone: the date promised then, and when it moved."""

    due: dt.date  #: the date promised before the move
    changed: dt.date  #: when the promise moved
    update: str  #: slug of the public update that told backers (updates/<slug>/)
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation


@dataclass
class Wave(_Marked):
    """One part of the rewards that ships on its own."""

    id: str  #: slug, used in addresses (delivery/?waves=wave-1) and by regions
    name: str  #: what backers call it; plain text a translation may replace
    items: list[str]  #: what ships in it
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation
    everywhere: bool = True  #: every region that lists waves gets this one


@dataclass
class Segment(_Marked):
    """A group of backers some content is only for."""

    id: str  #: slug, named by segments: on FAQ entries, updates and routing entries
    label: str  #: what backers call the group, e.g. "Retailers"; plain text a translation may replace
    description: str  #: who belongs to it
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation


@dataclass
class RegionWave(_Marked):
    """One wave's status and estimate in one shipping region."""

    wave: str  #: the wave's id
    status: str  #: waiting | packing | shipping | delivered
    estimate: dt.date | None  #: expected delivery date of this wave here
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation
    history: list[MilestoneMove] = field(default_factory=list)  #: earlier estimates, oldest first

    @property
    def first_estimate(self) -> dt.date | None:
        """The estimate first promised, before any move."""
        return self.history[0].due if self.history else self.estimate


@dataclass
class ShippingRegion(_Marked):
    """When one group of backers gets their reward."""

    region: str  #: its name, e.g. "EU and UK"
    countries: list[str]  #: ISO 3166-1 alpha-2 codes; a country is in one region at most
    shipped: list[str]  #: codes of its countries whose parcels have all left
    status: str  #: waiting | packing | shipping | delivered
    estimate: dt.date | None  #: expected delivery date
    duties: str  #: included | backer_pays | collected_at_checkout; "" when not said
    carrier: str  #: who delivers; "" when not said
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation
    waves: list[RegionWave] = field(default_factory=list)  #: per wave status and estimate; [] ships all together
    anchor: str = ""  #: in a translation: the original's heading id on delivery/ (links work in every language)


@dataclass
class Milestone(_Marked):
    title: str  #: the promise, e.g. "Mass production starts"
    due: dt.date  #: the date promised
    done: dt.date | None  #: when it happened; None while still open
    note: str  #: optional context shown beside it
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation
    history: list[MilestoneMove] = field(default_factory=list)  #: earlier promises, oldest first
    id: str = ""  #: what calendars know it by ("": its title); kept when the title changes

    @property
    def calendar_id(self) -> str:
        return self.id or self.title

    @property
    def first_due(self) -> dt.date:
        """The date first promised, before any move."""
        return self.history[0].due if self.history else self.due

    def is_overdue(self, today: dt.date) -> bool:
        return self.done is None and self.due < today

    def slipped_days(self) -> int:
        """Days it was late (positive) or early (negative); 0 while open."""
        return (self.done - self.due).days if self.done else 0


@dataclass
class SearchCheck(_Marked):
    query: str  #: what a backer types
    expect: str  #: a page slug or FAQ entry id that must rank in the top 3
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation


@dataclass
class LintSettings:
    """settings.lint in hub.yaml: project-wide rule choices."""

    ignore: list[str] = field(default_factory=list)  #: rule codes never reported
    severity: dict[str, str] = field(default_factory=dict)  #: code -> "error" or "warning"
    where: Location = field(default_factory=lambda: Location("hub.yaml"))  #: where it was written (file:line:col)


@dataclass
class Settings:
    stale_after_days: int = 14  #: an update log older than this is stale
    feed_length: int = 50  #: most entries in a feed
    faq_split_after: int = 40  #: more FAQ entries than this: one page per category
    synonyms: dict[str, list[str]] = field(default_factory=dict)  #: extra search synonyms
    lint: LintSettings = field(default_factory=LintSettings)  #: rule severities and ignores


@dataclass
class FaqEntry(_Marked):
    id: str  #: the anchor, unique across the FAQ
    question: str  #: as a backer would ask it
    answer: str  #: Markdown
    keywords: list[str]  #: extra words search should match
    states: list[str]  #: pledge state ids this answer is about
    category: str  #: the name of its category
    where: Location  #: where it was written (file:line:col)
    marks: Marks | None = None  #: where each key was written; set by validation
    updated: dt.date | None = None  #: when the answer last changed; shown with it
    segments: list[str] = field(default_factory=list)  #: segment ids it is only for; [] for everyone
    shown_in: str = ""  #: in a translation: the original language this text is still shown in; "" when translated


@dataclass
class FaqCategory:
    name: str  #: the category's name as written
    slug: str  #: used in faq/<slug>/ when the FAQ is split
    entries: list[FaqEntry]  #: its questions, in file order
    where: Location  #: where it was written (file:line:col)


@dataclass(frozen=True)
class RefundTerm:
    """One refund window: from an event the backer knows, until another or for some days."""

    refund: str  #: one of REFUNDS; "" for `window_days`, which does not say what is refunded
    after: str = "pledge"  #: the event the window starts at (REFUND_EVENTS)
    days: int | None = None  #: the window ends this many days after `after`
    until: str = ""  #: or at this event; neither: it never ends


@dataclass
class RefundPolicy(_Marked):
    body: str  #: Markdown
    updated: dt.date | None  #: when the policy last changed; None when not given
    window_days: int | None  #: `window_days` as written (its meaning is in `terms`)
    where: Location  #: where it was written (file:line:col)
    body_line: int  #: line in the file where the body starts
    marks: Marks | None = None  #: where each key was written; set by validation
    terms: list[RefundTerm] | None = None  #: refund_terms, or window_days as one window; None: none stated
    shown_in: str = ""  #: in a translation: the original language this text is still shown in; "" when translated

    @property
    def states_terms(self) -> bool:
        """Whether the front matter says when refunds are given (refund_terms or window_days)."""
        return self.terms is not None

    @property
    def no_refunds(self) -> bool:
        """The terms give nothing back at all (`refund_terms: []`, `refund: none`, `window_days: 0`)."""
        return self.terms is not None and all(term.refund == "none" for term in self.terms)


@dataclass
class Update(_Marked):
    slug: str  #: file name without .md: the URL updates/<slug>/
    title: str  #: the headline
    date: dt.date  #: publication date
    body: str  #: Markdown
    tags: list[str]  #: topics; each has its own page and feeds
    visibility: str  #: public | backers
    pinned: bool  #: shown as a notice on every page
    draft: bool  #: never published: `draft: true`, or `unfinished`
    where: Location  #: where it was written (file:line:col)
    body_line: int  #: line in the file where the body starts
    marks: Marks | None = None  #: where each key was written; set by validation
    unfinished: bool = False  #: not marked draft, but still holds `hubgen new update`'s placeholder
    summary: str = ""  #: one line for notices, the updates index, feeds and shared texts
    segments: list[str] = field(default_factory=list)  #: segment ids it is only for; [] for everyone
    shown_in: str = ""  #: in a translation: the original language this text is still shown in; "" when translated

    @property
    def is_public(self) -> bool:
        """Published in the public site, feeds and search."""
        return self.visibility == "public" and not self.draft


@dataclass
class Page:
    name: str  #: file name without .md: the URL pages/<name>/
    title: str  #: front matter title, else its first # heading, else its name
    body: str  #: Markdown
    where: Location  #: where it was written (file:line:col)
    body_line: int  #: line in the file where the body starts
    shown_in: str = ""  #: in a translation: the original language this text is still shown in; "" when translated


@dataclass
class Hub:
    root: Path  #: the content folder
    project: Project  #: the campaign
    theme: Theme  #: colours
    contact: Contact  #: where backers write, and who handles what
    pledge_states: list[PledgeState]  #: in lifecycle order
    milestones: list[Milestone]  #: promises with dates, in file order
    search_checks: list[SearchCheck]  #: questions search must answer (lint HUB170)
    settings: Settings  #: tuning
    faq: list[FaqCategory]  #: FAQ categories, in file order
    refund_policy: RefundPolicy | None  #: None when refund-policy.md is missing
    updates: list[Update]  #: every update, drafts and backers-only included
    pages: list[Page]  #: extra pages under pages/
    assets: list[Path]  #: files under assets/, relative to root
    sources: dict[str, str] = field(default_factory=dict)  #: file text by relative path, for inline lint ignores
    shipping: list[ShippingRegion] = field(default_factory=list)  #: when each region gets its reward
    waves: list[Wave] = field(default_factory=list)  #: parts that ship on their own; [] ships all at once
    segments: list[Segment] = field(default_factory=list)  #: groups of backers some content is for
    translations: list = field(default_factory=list)  #: translations.Translation for each of project.languages
    related: dict[str, tuple[str, ...]] | None = None  #: related answers once ranked; a translation: the original's
    misnamed: list[tuple[str, str, bool]] = field(default_factory=list)  #: misnamed files, the names meant (HUB240)

    @property
    def public_updates(self) -> list[Update]:
        """Updates the public may see, newest first."""
        public = [u for u in self.updates if u.is_public]
        return sorted(public, key=lambda u: (u.date, u.slug), reverse=True)

    @property
    def pinned_updates(self) -> list[Update]:
        return [u for u in self.public_updates if u.pinned]

    @property
    def faq_entries(self) -> list[FaqEntry]:
        return [e for c in self.faq for e in c.entries]

    @property
    def faq_is_split(self) -> bool:
        return sum(len(c.entries) for c in self.faq) > self.settings.faq_split_after

    def state(self, state_id: str) -> PledgeState | None:
        return next((s for s in self.pledge_states if s.id == state_id), None)

    def wave(self, wave_id: str) -> Wave | None:
        return next((w for w in self.waves if w.id == wave_id), None)

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)
