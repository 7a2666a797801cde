"""The content format, declared once: every key of every content file, its
type, default and a one-line doc.

Everything else is derived from this table: validate.py reads each key through
it (type checks, required keys, defaults, choices, unknown keys with
did-you-mean, all at file:line:col), the JSON Schemas come from it
(schemas/__init__.py, `hubgen schema`), and so do the key tables in
docs/content-format.md (`python -m hubgen.content_format` rewrites them; a test
fails when they are stale).

Why a table of our own and not pydantic models: the messages are the product
here. They must name the YAML line and column of the value (the loader's marks),
use hubgen's words ("'due' is not a valid date: February 2026 has no day 30")
and suggest the closest key, and validation must collect every problem instead
of stopping at the first per model. Pydantic would give all that only after
mapping each of its error types back to our messages and marks, and its JSON
Schema would describe Python types (strict text, no "a single text is a list of
one") rather than what a creator may write. The table is ~300 lines of plain
data, costs nothing at import, and keeps `hubgen lint` fast.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from hubgen.theme import MATERIAL_PRIMARY

# Key types. Each has one reader in validate.Fields, one JSON Schema shape and one docs wording.
TEXT = "text"  #: one line or more of text; numbers, dates and yes/no are kept as written
INTEGER = "integer"  #: a whole number in digits (014 is fourteen; 1_000 and 0x10 are refused)
BOOLEAN = "boolean"  #: true or false (YAML 1.1's yes/no/on/off are refused: readers disagree)
DATE = "date"  #: YYYY-MM-DD
CHOICE = "choice"  #: one of `choices`
TEXT_LIST = "text list"  #: [one, two]; a single text is a list of one
MAPPING = "mapping"  #: keys of its own: `record`
RECORDS = "list of mappings"  #: '- ' items, each with the keys of `record`
TEXT_LISTS = "map of lists"  #: any word -> a list of texts
CHOICES = "map of choices"  #: any word -> one of `choices`

SLUG = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"  #: ids and anchors: lowercase letters, digits, - or _
#: project.site_url, whole: a host, then a path of the characters a URL (RFC 3986) or an IRI (RFC 3987,
#: letters beyond ASCII) may hold, and no query or fragment (pages are addressed below it). It goes into
#: feeds, the calendar, headers and every page head: a line break or a quote in it would start a line
#: or an attribute of its own there.
SITE_URL = (r"^\s*https?://[A-Za-z0-9.\-\[\]:\u00a1-\u2027\u202a-\ufffd]+"
            r"(/[A-Za-z0-9\-._~!$&'()*+,;=:@%/\u00a1-\u2027\u202a-\ufffd]*)?\s*$")
#: An email address as RFC 5322 defines an addr-spec (a dot-atom before the @, a
#: host name after it), and nothing else: no display name, no comment, nothing
#: after the domain (in a mailto: link, "?bcc=..." there would add recipients).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDR_SPEC = rf"{_ATEXT}+(?:\.{_ATEXT}+)*@(?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})"

PLATFORMS = ("kickstarter", "indiegogo", "backerkit", "gamefound", "other")
VISIBILITIES = ("public", "backers")
COLOURS = tuple(MATERIAL_PRIMARY)
SEVERITIES = ("error", "warning")
CONTACT_FORMS = ("netlify", "mailto", "none")
HOSTS = ("netlify", "github-pages", "other")  #: project.host: where site/ is published


def form_on(host: str) -> str:
    """contact.form when it is not written: a Netlify form where Netlify receives
    it, the backer's email program on every other host (which would answer a
    form's POST with an error page, and the message would be lost)."""
    return "netlify" if host == "netlify" else "mailto"
VOICES = ("we", "i")  #: contact.voice: a team, or one person
SHIPPING_STATUSES = ("waiting", "packing", "shipping", "delivered")
DUTIES = ("included", "backer_pays", "collected_at_checkout")
#: ISO 3166-1 alpha-2 country codes
COUNTRIES = tuple("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE
IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU
NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
#: codes people write that ISO spells otherwise
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EN": "GB"}


@dataclass(frozen=True)
class Key:
    """One key a content file may hold."""

    name: str
    type: str  #: one of the key types above
    doc: str  #: one line, shown in the docs table and the JSON Schema
    required: bool = False
    default: object = None  #: what the model holds when the key is left out
    choices: tuple[str, ...] = ()  #: CHOICE, CHOICES and TEXT_LIST: the allowed values (of each item)
    minimum: int | None = None  #: INTEGER: the smallest allowed value
    #: the most hubgen takes, so that no input costs more than its size: TEXT_LIST and RECORDS: items
    #: (a TEXT_LIST's repeats are dropped first); TEXT_LISTS: words in all; INTEGER: the largest value
    most: int | None = None
    record: Record | None = None  #: MAPPING and RECORDS: the keys inside
    pattern: str = ""  #: TEXT: a regular expression the text must match (validated, and in the schema)
    single_line: bool = False  #: TEXT: no line breaks
    lint_pattern: str = ""  #: TEXT: a shape lint checks (its rule reports it); only the schema applies it
    extension: bool = False  #: hubgen's own addition to the format the contract names


@dataclass(frozen=True)
class Record:
    """A mapping of keys: a file's front matter, or one item of a list."""

    what: str  #: how messages name it, e.g. "FAQ entry"
    doc: str  #: one line
    keys: tuple[Key, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {key.name: key for key in self.keys})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def key(self, name: str) -> Key:
        return self._by_name[name]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys if key.required)


# -- hub.yaml ---------------------------------------------------------------

PROJECT = Record("project", "The campaign this hub supports.", (
    Key("name", TEXT, "Shown in titles, the mail subject and feeds.", required=True,
        default="Untitled project", single_line=True),
    Key("creator", TEXT, "Who runs the campaign; the feeds' author.", required=True, default="", single_line=True),
    Key("platform", CHOICE, "Where the campaign ran.", choices=PLATFORMS, default="other"),
    Key("campaign_url", TEXT, "The campaign page backers pledged on (https://...).", default="",
        pattern=r"^\s*(https?://|$)"),
    Key("site_url", TEXT, "Absolute URL the hub is published at, e.g. https://help.example.com/ (used in feeds, "
        "the sitemap and the calendar; no spaces, query or fragment).",
        required=True, default="https://example.com/", pattern=SITE_URL),
    Key("language", TEXT, "Language of the pages and feeds: a language code the theme has, e.g. en or de-AT.",
        default="en"),
    Key("host", CHOICE, "Where site/ is published: netlify, github-pages or other (any static host); the "
        "contact form follows it.", choices=HOSTS, default="netlify"),
    Key("languages", TEXT_LIST, "More languages the hub is shown in, e.g. [en, de]: each one's translations "
        "live in content/<language>/ and its pages under <language>/ (project.language stays at the root).",
        default=()),
    Key("status", TEXT, "Current phase, shown on the home page, e.g. Manufacturing.", default=""),
    Key("logo", TEXT, "Path of a logo inside the content folder, e.g. assets/logo.svg; must exist.",
        default=""),
))

THEME = Record("theme", "Colours of the hub (Material palette names).", (
    Key("primary", CHOICE, "Header and link colour (darkened or lightened where needed for AA contrast).",
        choices=COLOURS, default="indigo", extension=True),
    Key("accent", CHOICE, "Colour of links under the mouse or the keyboard's focus, of buttons and highlights "
        "(darkened or lightened where needed for AA contrast).", choices=COLOURS, default="indigo",
        extension=True),
))

ROUTE = Record("routing entry", "One topic and who answers it.", (
    Key("topic", TEXT, "What backers ask about.", required=True, default=""),
    Key("segments", TEXT_LIST, "Ids of the segments this topic is for: the form offers it to them first "
        "and routes their messages to its handler.", default=(), extension=True),
    Key("handled_by", TEXT, "'creator' (answered at contact.email) or who else answers it, e.g. BackerKit "
        "support.", required=True, default="creator"),
    Key("contact", TEXT, "URL or email; defaults to contact.email when handled_by is creator.", default=""),
    Key("photo", BOOLEAN, "true: the 'Ask us' form offers an optional photo with this topic (damage, missing "
        "parts); only with a Netlify form, which takes files.", default=False, extension=True),
))

CONTACT = Record("contact", "Where backers write, and who handles what.", (
    Key("email", TEXT, "Where backers write to the creator.", required=True, default="",
        lint_pattern=rf"^\s*{ADDR_SPEC}\s*$"),
    Key("form", CHOICE, "How the 'Ask us' form sends: a Netlify form (on Netlify only), the backer's email "
        "program, or no form. Left out: follows project.host (netlify on Netlify, mailto elsewhere).",
        choices=CONTACT_FORMS, default=""),
    Key("response_time", TEXT, "How soon backers hear back, e.g. within 2 business days.", default=""),
    Key("hours", TEXT, "When someone answers.", default=""),
    Key("routing", RECORDS, "Who handles what: one entry per topic.", record=ROUTE),
    Key("voice", CHOICE, "How the hub's own words speak for the creator: we (a team) or i (one person: "
        "'I answer within 2 days', never 'Us').", choices=VOICES, default="we"),
))

PLEDGE_STATE = Record("pledge state", "One pledge state.", (
    Key("id", TEXT, "Slug: lowercase letters, digits, - or _. The anchor on pledge-states/.", required=True,
        default="", pattern=rf"^\s*{SLUG}\s*$"),
    Key("label", TEXT, "What the platform calls it, e.g. Locked down.", required=True, default=""),
    Key("description", TEXT, "What it means for the backer.", default=""),
    Key("can_change", TEXT_LIST, "What a backer can still change in this state.", default=()),
    Key("cannot_change", TEXT_LIST, "What is fixed by now.", default=()),
    Key("next", TEXT_LIST, "Ids of the states that can follow this one.", default=(), most=20),
))

MILESTONE_MOVE = Record("history entry", "One earlier promise and when it moved.", (
    Key("due", DATE, "The date promised before.", required=True),
    Key("changed", DATE, "When the promise moved.", required=True),
    # Not required: a move nobody announced is still a fact to show; lint (HUB133) asks for the update.
    Key("update", TEXT, "File name (without .md) of the public update that told backers.", default=""),
))

MILESTONE = Record("milestone", "One promise.", (
    Key("title", TEXT, "The promise, e.g. Mass production starts.", required=True, default=""),
    Key("id", TEXT, "What calendars and links know it by (its anchor on delivery/ is milestone-<id as a "
        "slug>); defaults to the title. Renaming a milestone? Write its old title here, so subscribers' "
        "calendars update the event instead of adding a second one and links to it keep working.",
        default="", single_line=True, extension=True),
    Key("due", DATE, "The date promised now.", required=True),
    Key("done", DATE, "When it happened; leave out while still open."),
    Key("note", TEXT, "Context shown beside it.", default="", extension=True),
    Key("history", RECORDS, "Earlier promised dates, oldest first: a moved promise is never erased.",
        record=MILESTONE_MOVE),
))

WAVE = Record("wave", "One part of the rewards that ships on its own (board games often ship in waves).", (
    Key("id", TEXT, "Slug: lowercase letters, digits, - or _, e.g. wave-1. Used in addresses "
        "(delivery/?waves=wave-1) and by shipping regions.", required=True, default="",
        pattern=rf"^\s*{SLUG}\s*$"),
    Key("name", TEXT, "What backers call it, e.g. Frosthaven and Buttons & Bugs.", required=True, default=""),
    Key("items", TEXT_LIST, "What ships in this wave, e.g. [Frosthaven, Buttons & Bugs].", default=()),
    Key("everywhere", BOOLEAN, "false: only some regions get this wave (lint then accepts a region that does "
        "not list it).", default=True, extension=True),
))

SEGMENT = Record("segment", "A group of backers some content is only for (retailers, digital-only, ...).", (
    Key("id", TEXT, "Slug: lowercase letters, digits, - or _, e.g. retailer. Named by `segments:` on FAQ "
        "entries, updates and routing entries.", required=True, default="", pattern=rf"^\s*{SLUG}\s*$"),
    Key("label", TEXT, "What backers call the group, e.g. Retailers; answers for it are marked 'for "
        "Retailers'.", required=True, default=""),
    Key("description", TEXT, "Who belongs to it, e.g. Shop owners who pledged at the retailer tier.",
        default=""),
))

REGION_WAVE = Record("region wave", "One wave's status and estimate in a shipping region.", (
    Key("wave", TEXT, "The id of a wave listed under the top-level `waves:`.", required=True, default=""),
    Key("status", CHOICE, "Where this wave's parcels for the region are.", choices=SHIPPING_STATUSES,
        default="waiting"),
    Key("estimate", DATE, "Expected delivery date of this wave in the region."),
    # A wave's estimate that moved is a promise that moved: kept like a milestone's.
    Key("history", RECORDS, "Earlier estimates of this wave in the region, oldest first.",
        record=MILESTONE_MOVE, extension=True),
))

SHIPPING_REGION = Record("shipping region", "When one group of backers gets their reward.", (
    Key("region", TEXT, "The region's name, e.g. EU and UK.", required=True, default=""),
    Key("countries", TEXT_LIST, "ISO 3166-1 alpha-2 codes, e.g. [DE, FR, GB]; a country belongs to one "
        "region at most.", required=True, default=(), choices=COUNTRIES),
    Key("shipped", TEXT_LIST, "Codes of this region's countries whose parcels have all left.", default=(),
        choices=COUNTRIES, extension=True),
    Key("status", CHOICE, "Where this region's parcels are.", choices=SHIPPING_STATUSES, default="waiting"),
    Key("estimate", DATE, "Expected delivery date for this region."),
    Key("duties", CHOICE, "Who pays import duties and VAT.", choices=DUTIES, default=""),
    Key("carrier", TEXT, "Who delivers, e.g. Harbourline Logistics.", default=""),
    Key("waves", RECORDS, "With top-level `waves:`: status and estimate per wave, instead of the region's "
        "own; a region without it ships every wave together.", record=REGION_WAVE),
))

SEARCH_CHECK = Record("search check", "One question.", (
    Key("query", TEXT, "What a backer types, e.g. money back.", required=True, default=""),
    Key("expect", TEXT, "A page slug (e.g. refund-policy) or FAQ entry id that must be in the top 3 "
        "results.", required=True, default=""),
))

LINT_SETTINGS = Record("settings.lint", "Rule choices for the whole project.", (
    Key("ignore", TEXT_LIST, "Lint rule codes never reported, e.g. [HUB153].", default=(), extension=True),
    Key("severity", CHOICES, "A rule's severity changed, e.g. HUB120: error.", choices=SEVERITIES,
        extension=True),
))

SETTINGS = Record("settings", "Tuning; every key has a default.", (
    Key("stale_after_days", INTEGER, "An update log older than this many days counts as stale.", default=14,
        minimum=1),
    Key("feed_length", INTEGER, "Most entries in a feed.", default=50, minimum=1, most=500, extension=True),
    Key("faq_split_after", INTEGER, "With more FAQ entries than this, each category gets its own page.",
        default=40, minimum=1, extension=True),
    Key("synonyms", TEXT_LISTS, "Extra search synonyms: a word and the words that mean the same.",
        extension=True, most=300),
    Key("lint", MAPPING, "Lint rules ignored or given another severity.", record=LINT_SETTINGS,
        extension=True),
))

HUB = Record("hub.yaml", "The project, contact and routing, pledge states, milestones and settings.", (
    Key("project", MAPPING, "The campaign this hub supports.", required=True, record=PROJECT),
    Key("theme", MAPPING, "Colours of the hub.", record=THEME, extension=True),
    Key("contact", MAPPING, "Where backers write, and who handles what.", required=True, record=CONTACT),
    Key("pledge_states", RECORDS, "The states a pledge goes through, in lifecycle order.", record=PLEDGE_STATE,
        most=100),
    Key("milestones", RECORDS, "Promises with dates.", record=MILESTONE),
    Key("waves", RECORDS, "Parts of the rewards that ship on their own, in shipping order.", record=WAVE),
    Key("segments", RECORDS, "Groups of backers some content is only for.", record=SEGMENT),
    Key("shipping", RECORDS, "When each group of backers gets their reward.", record=SHIPPING_REGION),
    Key("search_checks", RECORDS, "Backer questions the hub's search must answer (checked by hubgen lint).",
        record=SEARCH_CHECK),
    Key("settings", MAPPING, "Tuning; every key has a default.", record=SETTINGS),
))

# -- content/<language>/hub.yaml: only the text a translation gives --------------

def _translatable(record: Record, names: tuple[str, ...], doc: str, inside: dict | None = None,
                  key_by: str = "") -> Record:
    """The keys `names` of the original's `record`, as a translation writes them: each
    declared once (in the original's record), none required but the id it is matched by."""
    inside = inside or {}
    keys = tuple(dataclasses.replace(record.key(name), required=name == key_by, default=None,
                                     record=inside.get(name, record.key(name).record)) for name in names)
    return Record(record.what, doc, (*keys, TRANSLATED_FROM))


#: in each translated record: the original's text it was made from, as short digests per field
TRANSLATED_FROM = Key("translated_from", TEXT, "What the translation was made from: written by `hubgen "
                      "translations --mark-current`, checked by lint (HUB260).", extension=True)


TRANSLATED_PROJECT = _translatable(PROJECT, ("status",), "The campaign's status, translated.")
TRANSLATED_ROUTE = _translatable(ROUTE, ("topic",), "One routing topic, in the original's order.")
TRANSLATED_CONTACT = _translatable(CONTACT, ("response_time", "hours", "routing"), "The contact's texts.",
                                   {"routing": TRANSLATED_ROUTE})
#: list key -> (its items' record, how an item finds its original: "id", or "" by its place)
TRANSLATED_LISTS = {
    "pledge_states": (_translatable(PLEDGE_STATE, ("id", "label", "description", "can_change", "cannot_change"),
                                    "One pledge state, by the original's id.", key_by="id"), "id"),
    "waves": (_translatable(WAVE, ("id", "name"), "One wave, by the original's id.", key_by="id"), "id"),
    "segments": (_translatable(SEGMENT, ("id", "label", "description"), "One segment, by the original's id.",
                               key_by="id"), "id"),
    "milestones": (_translatable(MILESTONE, ("title", "note"), "One milestone, in the original's order."), ""),
    "shipping": (_translatable(SHIPPING_REGION, ("region",), "One shipping region, in the original's order."), ""),
}
TRANSLATED_HUB = Record("translated hub.yaml", "The text of hub.yaml in another language (content/<language>/).", (
    Key("project", MAPPING, "The campaign's status.", record=TRANSLATED_PROJECT),
    Key("contact", MAPPING, "Response time, hours and routing topics.", record=TRANSLATED_CONTACT),
    *(Key(name, RECORDS, record.doc, record=record) for name, (record, _) in TRANSLATED_LISTS.items()),
    Key("search_checks", RECORDS, "The questions backers of this language type, checked against its search.",
        record=SEARCH_CHECK),
))

# -- faq.yaml ----------------------------------------------------------------

FAQ_ENTRY = Record("FAQ entry", "One question and its answer.", (
    Key("id", TEXT, "The entry's anchor (faq/#id); defaults to a slug of the question.", default="",
        pattern=rf"^\s*(?:{SLUG})?\s*$"),
    Key("q", TEXT, "The question, as a backer would ask it.", required=True, default=""),
    Key("a", TEXT, "The answer, in Markdown.", default=""),
    Key("keywords", TEXT_LIST, "Extra words search should match (never shown), e.g. [delivery date, ETA].",
        default=()),
    Key("states", TEXT_LIST, "Ids of the pledge states this answer is about.", default=()),
    Key("segments", TEXT_LIST, "Ids of the segments this answer is only for: shown to everyone, marked "
        "'for Retailers'.", default=()),
    Key("updated", DATE, "When the answer last changed; shown with it. Without it, every answer still shows "
        "one: in git, the newest commit among its lines; elsewhere, when faq.yaml was last saved."),
))

FAQ_CATEGORY = Record("FAQ category", "A category of questions.", (
    Key("category", TEXT, "The category's name, e.g. Shipping.", required=True, default="Questions"),
    Key("questions", RECORDS, "The questions of this category.", record=FAQ_ENTRY),
))

# content/<language>/faq.yaml: the original's categories, each question by its id.
TRANSLATED_FAQ_ENTRY = _translatable(FAQ_ENTRY, ("id", "q", "a", "keywords"), "One question, by the original's id.",
                                     key_by="id")
TRANSLATED_FAQ_CATEGORY = _translatable(FAQ_CATEGORY, ("category", "questions"), "A category, translated.",
                                        {"questions": TRANSLATED_FAQ_ENTRY})

# -- Markdown front matter ---------------------------------------------------------

#: How far ahead of today an update may be dated: where the creator is, it may already be tomorrow.
UPDATE_DATE_AHEAD_DAYS = 1

#: What `hubgen init` writes where only the creator knows the answer (hubgen/starter/hub.yaml);
#: lint (HUB114) says so while they are still there.
STARTER_EMAIL = "support@example.com"
STARTER_SITE_URL = "https://help.example.com/"

#: The body `hubgen new update` writes; while it is still there the update is a draft (never
#: published) and lint (HUB126) says so.
UPDATE_PLACEHOLDER = "Write the update here, in Markdown. Start with what changed for backers."

UPDATE = Record("update front matter", "The front matter of an update: updates/YYYY-MM-DD-slug.md.", (
    Key("title", TEXT, "The update's headline.", required=True, default="", single_line=True),
    Key("date", DATE, "Publication date; defaults to the date in the file name."),
    Key("tags", TEXT_LIST, "Topics, e.g. [production, shipping]; each tag gets a page and feeds.", default=(),
        most=10),
    Key("visibility", CHOICE, "public, or backers: never in the public site, feed or search.",
        choices=VISIBILITIES, default="public"),
    Key("pinned", BOOLEAN, "true: shown as a notice on every page until unpinned.", default=False),
    Key("draft", BOOLEAN, "true: never published (nor is an update still holding the placeholder `hubgen new "
        "update` wrote).", default=False),
    Key("summary", TEXT, "One line for notices, the updates index, feeds and shared texts.", default="",
        single_line=True),
    Key("segments", TEXT_LIST, "Ids of the segments this update (or pinned notice) is only for: shown to "
        "everyone, marked 'for Retailers'.", default=()),
))

#: Events a backer knows, in the order they happen: a refund window counts from one and may end at a later one.
REFUND_EVENTS = ("pledge", "charge", "lock", "shipping", "delivery")
#: What a refund window gives back.
REFUNDS = ("full", "less_fees", "returned_items", "damaged_only", "none")
#: What `window_days` counts from: it is one window of that many days after this event.
WINDOW_DAYS_AFTER = "delivery"

REFUND_TERM = Record("refund term", "One window of the refund policy: from when, until when, what is refunded.", (
    Key("refund", CHOICE, "What is refunded in this window: full, less_fees (the pledge less payment and "
        "platform fees), returned_items (what the backer sends back), damaged_only (damaged or faulty items, "
        "refunded or replaced), none.", required=True, choices=REFUNDS, default="full", extension=True),
    Key("after", CHOICE, "The event the window starts at: pledge, charge (the card is charged), lock (the "
        "pledge is locked), shipping, delivery.", choices=REFUND_EVENTS, default="pledge", extension=True),
    Key("days", INTEGER, "The window ends this many days after `after`; leave out to end it at `until` "
        "(or never).", minimum=1, extension=True),
    Key("until", CHOICE, "The event the window ends at: charge, lock, shipping or delivery; leave out to end "
        "it after `days` (or never).", choices=REFUND_EVENTS[1:], default="", extension=True),
))

REFUND_POLICY = Record("refund policy front matter", "The front matter of refund-policy.md.", (
    Key("updated", DATE, "When the policy last changed; lint warns when it is old or missing."),
    Key("refund_terms", RECORDS, "The refund windows, in the order they happen, e.g. a full refund until "
        "shipping, then returned items within 30 days of delivery; [] or one `refund: none`: no refunds at "
        "all. Every sentence the hub says about refunds is made from these.", record=REFUND_TERM,
        extension=True),
    Key("window_days", INTEGER, f"Short for one window: refunds within this many days of {WINDOW_DAYS_AFTER}; "
        "0: no refunds at all. Use refund_terms to say more.", minimum=0),
))

PAGE = Record("page front matter", "The front matter of pages/<name>.md.", (
    Key("title", TEXT, "The page title; else its first '# heading', else its file name.", default="",
        extension=True, single_line=True),
))

#: file -> (what it holds at the top, its record): what the docs and the schemas walk
FILES = {
    "hub.yaml": HUB,
    "faq.yaml": FAQ_CATEGORY,  # a list of categories
    "updates/*.md": UPDATE,
    "refund-policy.md": REFUND_POLICY,
    "pages/*.md": PAGE,
}

