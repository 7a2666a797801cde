"""Where everything in the model lives on the built site: page URLs and anchors.

Lint (broken links, search checks), search and renderers read this instead of
guessing, so a link that lint accepts is a link the site has. URLs are
site-relative paths like "faq/" or "updates/2026-11-18-shipping-plan/" ("" is
the home page). Anchors are read from the HTML of the site's own Markdown
conversion (hubgen.markup): the ids toc gives headings (ATX or setext, repeats
numbered as the page numbers them), ids from attribute lists and raw HTML.
"""

from __future__ import annotations

import functools
import html as html_module
import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from hubgen.content_html import ids
from hubgen.markup import escape_markdown, to_html, toc_headings
from hubgen.model import Hub, Milestone, ShippingRegion

# -- where the hub's own pages and files are ----------------------------------
# The fixed pages, as site-relative URLs. Everything else (docs/ paths, search
# locations, feeds, lint's link checks, the templates' links) is derived from these.
HOME_URL = ""
FAQ_URL = "faq/"
REFUND_POLICY_URL = "refund-policy/"
PLEDGE_STATES_URL = "pledge-states/"
UPDATES_URL = "updates/"
TAGS_URL = UPDATES_URL + "tags/"  #: a folder per tag, holding its page and its feeds
CONTACT_URL = "contact/"
THANKS_URL = CONTACT_URL + "thanks/"  #: where a sent form lands
ACCESSIBILITY_URL = "accessibility/"  #: the accessibility statement, linked from every page
DELIVERY_URL = "delivery/"
SEARCH_URL = "search/"  #: the results page: search/?q=... (SEARCH_QUERY_PARAM), shareable
EXTRA_PAGES_URL = "pages/"  #: content/pages/<name>.md
ASSETS_FOLDER = "assets/"  #: content/assets/<file> is published at assets/<file>
# Pages search leaves out (their templates say `search: exclude`): backers reach them by
# their links, and a search check cannot expect them.
UNSEARCHED_URLS = (ACCESSIBILITY_URL, SEARCH_URL, THANKS_URL)
# Pages with pages below them; MkDocs gets them as folder indexes (faq/index.md),
# so that the nav shows them as sections.
SECTION_URLS = (FAQ_URL, UPDATES_URL)

# The file a folder URL is served from (MkDocs' directory URLs: faq/ is faq/index.html).
INDEX_PAGE = "index.html"
# Files beside the pages, by site-relative path.
FEED_ATOM = "feed.xml"  #: the updates' Atom feed, at the root and in each tag's folder
FEED_JSON = "feed.json"  #: the same as JSON Feed
FEED_FILES = (FEED_ATOM, FEED_JSON)
CALENDAR_FILE = "milestones.ics"
SITEMAP_FILE = "sitemap.xml"
NOT_FOUND_PAGE = "404.html"
SEARCH_INDEX_FILE = "search/search_index.json"
SEARCH_SHARDS = "search/index-{number}.json"  #: the index as the browser loads it, in shards (0 first)


def search_shard_file(number: int) -> str:
    """The site path of the index's shard `number` (search.index.search_shards)."""
    return SEARCH_SHARDS.format(number=number)


# Files the site always has beside its pages.
SITE_FILES = (SITEMAP_FILE, NOT_FOUND_PAGE, *FEED_FILES, CALENDAR_FILE)
# content/assets/ is published as assets/, beside the theme's own files there
# (assets/javascripts/, assets/stylesheets/, assets/images/favicon.png) and
# hubgen's: content_assets.py keeps them apart.
ASSETS_DIR = "assets"
HUBGEN_ASSETS_DIR = ASSETS_DIR + "/hubgen"  #: hubgen's CSS and JavaScript, each named by fingerprinted()


def fingerprinted(name: str, data: bytes) -> str:
    """`name` with a digest of `data` before its extension (hubgen.css ->
    hubgen.3f9a1c2b7d.css), as the theme names its bundles: a changed file gets
    a new URL, so a host may let browsers keep each one for a year."""
    stem, dot, extension = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}.{digest}.{extension}" if dot else f"{name}.{digest}"


_FINGERPRINT = re.compile(r"(.+)\.[0-9a-f]{10}(\.[^.]+)?")


def carries_own_fingerprint(name: str, data: bytes) -> bool:
    """Whether `name` is fingerprinted() from these very bytes."""
    match = _FINGERPRINT.fullmatch(name)
    return bool(match) and fingerprinted(match.group(1) + (match.group(2) or ""), data) == name

# Query parameters the pages read (hubgen-search.js, hubgen-ask.js, hubgen-helpful.js).
SEARCH_QUERY_PARAM = "q"  #: search/?q=: what the backer searched for
#: de/404.html?from=/de/old/: the missing address a host that serves only the root's 404 page
#: was asked for, which the language's 404 page puts back in the address bar (hubgen.js)
NOT_FOUND_FROM_PARAM = "from"
CONTACT_QUESTION_PARAM = "question"  #: contact/?question=: the form's message, filled in

# Anchors the templates write with fixed ids (site_templates/*.md.j2 read them from here).
HELP_ANCHOR = "how-can-we-help"  #: home: the "How can we help?" answer box
ROUTING_ANCHOR = "routing"  #: contact/: who handles which question
ASK_ANCHOR = "ask"  #: contact/: the "Ask us" form
CHANGE_ANCHOR = "what-can-i-change"  #: pledge-states/: the table of what each state allows
MILESTONES_ANCHOR = "milestones"  #: updates/: the milestones table
REGIONS_ANCHOR = "regions"  #: delivery/: the shipping regions
PLEDGE_ANCHOR = "your-pledge"  #: home and delivery/: "Your pledge", a backer's own dates
PLEDGE_TITLE_ID = "hubgen-pledge-title"  #: the heading of "Your pledge"
PROMISES_ANCHOR = "promises"  #: delivery/: the milestones and their history
# Of those, the ones on a page that shows content a creator wrote (an id there must be its own).
FIXED_ANCHORS = {PLEDGE_STATES_URL: (CHANGE_ANCHOR,)}
# Schemes that lead away from the hub; links with them are not checked.
EXTERNAL_SCHEMES = ("mailto:", "tel:", "ftp:", "data:", "sms:", "javascript:")


@dataclass
class SiteMap:
    """Every page URL; for pages whose headings are all known, their anchors."""

    #: page -> its anchors, None when not checked, or a function that works them out:
    #: converting every update to find its ids is most of lint's time, and only
    #: pages that links point into with a #fragment need it.
    anchors: dict[str, set[str] | None | Callable[[], set[str]]] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)

    def has_page(self, path: str) -> bool:
        return path in self.anchors or path in self.files

    def anchors_of(self, path: str) -> set[str] | None:
        known = self.anchors.get(path)
        if callable(known):
            known = self.anchors[path] = known()
        return known

    def has_anchor(self, path: str, anchor: str) -> bool:
        known = self.anchors_of(path)
        return known is None or anchor in known


# A slug becomes a folder name (faq/<category>/, updates/tags/<tag>/); file
# systems refuse names over 255 bytes, so a longer slug is cut and made unique.
MAX_SLUG_BYTES = 200


# -- languages: the original at the root, each translation under <language>/ ---------

def original_language(hub: Hub) -> str:
    """The language whose pages are at the site's root."""
    return hub.project.translated_from or hub.project.language


def hub_languages(hub: Hub) -> list[str]:
    """Every language the hub is shown in, the original first."""
    original = original_language(hub)
    return [original, *[lang for lang in hub.project.languages if lang != original]]


def language_prefix(hub: Hub, language: str) -> str:
    """Where `language`'s pages start below the site's root: "" for the original, "de/" for German."""
    return "" if language == original_language(hub) else f"{language}/"


def language_site_url(site_url: str, language_folder: str) -> str:
    """The absolute URL a language's pages start at (feeds, sitemap, shared links)."""
    return site_url.rstrip("/") + "/" + language_folder


def to_language(hub: Hub, language: str) -> str:
    """From this hub's pages' root to `language`'s: "de/", "../", "../fr/" or ""."""
    up = "../" if hub.project.translated_from else ""
    if language == hub.project.language:
        return ""
    return up + language_prefix(hub, language)


def fit_slug(slug: str) -> str:
    """`slug` itself when short enough, else its start plus a hash of the whole."""
    if len(slug.encode()) <= MAX_SLUG_BYTES:
        return slug
    digest = hashlib.sha1(slug.encode()).hexdigest()[:8]
    start = slug.encode()[: MAX_SLUG_BYTES - len(digest) - 1].decode(errors="ignore")
    return f"{start.rstrip('-')}-{digest}"


def slugify(text: str, keep_scripts: bool = False) -> str:
    """The one slug maker: lowercase words joined by hyphens, accents dropped
    ("Café" -> "cafe"). Ids and file names keep only ASCII letters and digits
    ("" becomes "section"); `keep_scripts` keeps letters of other scripts ("配送")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                     if not unicodedata.combining(c)).replace("'", "")
    if keep_scripts:
        return fit_slug("-".join(re.findall(r"[^\W_]+", folded)))
    return fit_slug("-".join(re.findall(r"[a-z0-9]+", folded))) or "section"


def tag_slug(tag: str) -> str:
    """A tag's URL segment. Other scripts are kept: ASCII-only slugs would put
    every Japanese or Greek tag on one page called "section"."""
    slug = slugify(tag, keep_scripts=True)
    return slug or "tag-" + hashlib.sha1(tag.strip().casefold().encode()).hexdigest()[:8]  # "!!!", "+1"


def tag_url(tag: str) -> str:
    return f"{TAGS_URL}{tag_slug(tag)}/"


def update_url(slug: str) -> str:
    return f"{UPDATES_URL}{slug}/"


def page_url(name: str) -> str:
    """An extra page's URL (content/pages/<name>.md)."""
    return f"{EXTRA_PAGES_URL}{name}/"


def topic_anchor(category_slug: str) -> str:
    """A FAQ category's heading on faq/."""
    return f"topic-{category_slug}"


def page_source(url: str) -> str:
    """The docs/ file MkDocs serves at a site URL: faq/ -> faq/index.md, a/b/ -> a/b.md."""
    if url == HOME_URL:
        return "index.md"
    return url + "index.md" if url in SECTION_URLS else url.rstrip("/") + ".md"


def update_page_source(slug: str) -> str:
    return page_source(update_url(slug))


def source_url(docs_path: str) -> str:
    """The site URL of a docs/ file, page_source() turned round: faq/index.md -> faq/,
    updates/x.md -> updates/x/."""
    path = docs_path.removesuffix(".md")
    return (path.removesuffix("index") if path.endswith("/index") or path == "index" else path + "/")


def calendar_subscription(site_url: str) -> str:
    """The milestones calendar as a subscription: webcal:// makes calendar apps
    subscribe (and fetch it again) instead of importing a copy that never changes."""
    return "webcal://" + site_url.split("://", 1)[-1] + quote(CALENDAR_FILE)


def site_href(url: str, anchor: str = "") -> str:
    """A link to `url` (and `anchor` on it) from the hub's root, URL-quoted:
    "/faq/#tracking". mkdocs_hooks makes it relative on every page, raw HTML included."""
    return quote("/" + url) + (f"#{anchor}" if anchor else "")


# Schemes a routing contact may link with; anything else (javascript:, data:)
# is shown as text, never as a link.
CONTACT_SCHEMES = ("http://", "https://")
# Characters left as they are in a URL: RFC 3986's reserved ones and "%", minus
# the quote and brackets that would end an HTML attribute or a Markdown link.
URL_SAFE = ":/?#[]@!$&()*+,;=%~"


def escaped_url(url: str) -> str:
    """`url` with every character a URL may not hold (RFC 3986: a space, a line break, a
    quote, a control character) percent-encoded, so that it stays one value in any
    format that carries it: an HTML attribute, a calendar line, a _headers path."""
    return quote(url, safe=URL_SAFE)


#: the fields of "Your pledge" a link may carry, in the order a link names them
PLEDGE_FIELDS = ("country", "waves", "segment", "state")


def pledge_link(site_url: str, choice: dict[str, str | list[str]]) -> str:
    """delivery/ with a backer's choice in the address, which "Your pledge" takes
    and keeps in their browser: delivery/?country=DE&waves=wave-1,wave-3&segment=retailer."""
    fields = [(name, ",".join(value) if isinstance(value, (list, tuple)) else value)
              for name in PLEDGE_FIELDS for value in [choice.get(name)] if value]
    query = "&".join(f"{name}={quote(value, safe=',')}" for name, value in fields)
    return site_url.rstrip("/") + "/" + DELIVERY_URL + (f"?{query}" if query else "")


def relative_href(url: str, from_url: str, anchor: str = "") -> str:
    """A link to site URL `url` from the page at site URL `from_url`, for links
    no hook rewrites (data a script reads): "faq/" from "delivery/" is "../faq/"."""
    return "../" * from_url.count("/") + quote(url) + (f"#{anchor}" if anchor else "")


def contact_href(contact: str) -> str:
    """Where a routing `contact` links: a web address, or an email address as a
    mailto: link; "" when it is neither (a phone number, "see the survey")."""
    contact = contact.strip()
    if contact.lower().startswith(CONTACT_SCHEMES):
        return escaped_url(contact)
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact):
        return "mailto:" + quote(contact, safe="@")
    return ""


def faq_url(hub: Hub, category_slug: str) -> str:
    """The page a FAQ category's answers are on."""
    return f"{FAQ_URL}{category_slug}/" if hub.faq_is_split else FAQ_URL


def anchors(markdown: str) -> set[str]:
    """The ids the site gives elements of a page made of `markdown`, read from
    the same conversion the pages go through."""
    return set(ids(to_html(markdown)))


def headings(markdown: str) -> list[tuple[int, str, str, int]]:
    """(level, text, id, line index) of each Markdown heading (ATX or setext), in
    order. The ids are the ones the site's conversion gives them; the lines are
    found with string methods, one pass, so a heading of spaces costs nothing."""
    ids = [(level, anchor) for level, anchor in toc_headings(markdown)]
    lines = _heading_lines(markdown)
    return [(level, text, anchor, line)
            for (level, anchor), (_, text, line) in zip(ids, lines)]


# attr_list's attributes after a heading (its HEADER_RE): set the id, never shown.
_ATTRIBUTES = re.compile(r"[ ]+\{:?[ ]*([^}\n ][^\n]*)\}[ ]*$")


def _heading_lines(markdown: str) -> list[tuple[int, str, int]]:
    """(level, text, line index) of each heading line outside fenced code."""
    found = []
    lines = markdown.splitlines()
    fence = ""
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > 3:
            continue
        if stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else fence or stripped[:3]
            continue
        if fence:
            continue
        level = len(stripped) - len(stripped.lstrip("#"))
        if 1 <= level <= 6 and stripped[level:level + 1] in (" ", "\t", ""):
            text = stripped[level:].strip(" \t")
            unclosed = text.rstrip("#")
            if unclosed != text and unclosed[-1:] in (" ", "\t", ""):
                text = unclosed.rstrip(" \t")
            text = _ATTRIBUTES.sub("", text)  # `## Heading {#anchor}`: the page shows "Heading"
            found.append((level, text, number))
        elif stripped.strip() and number + 1 < len(lines) and _setext_rule(lines[number + 1]):
            found.append((1 if lines[number + 1].strip()[0] == "=" else 2, stripped.strip(), number))
    return found


def _setext_rule(line: str) -> bool:
    rule = line.strip()
    return bool(rule) and (set(rule) == {"="} or set(rule) == {"-"})


def policy_headings(body: str) -> list[tuple[int, str, str, int]]:
    """headings() of the refund policy as its page shows it, under the page's
    title; line indexes count in `body`."""
    title_lines = 2  # titled(): "# Refund policy", a blank line
    return [(level, text, anchor, line - title_lines)
            for level, text, anchor, line in headings(titled("Refund policy", body))][1:]


def titled(title: str, body: str) -> str:
    """A page's Markdown as its template writes it: the title as an h1, then the body."""
    return f"# {escape_markdown(title)}\n\n{body}"


def extra_page_markdown(title: str, body: str) -> str:
    """site_templates/page.md.j2: a body that starts with its own h1 keeps it."""
    return body if body.lstrip().startswith("# ") else titled(title, body)


def _faq_markdown(hub: Hub, categories, split: bool) -> str:
    """The FAQ headings and answers as faq-entries.md.j2 writes them."""
    parts = []
    for category in categories:
        if not split:
            parts.append(f"## {escape_markdown(category.name)} {{#{topic_anchor(category.slug)}}}")
        for entry in category.entries:
            parts.append(f"{'##' if split else '###'} {escape_markdown(entry.question)} {{#{entry.id}}}")
            parts.append(entry.answer)
    return "\n\n".join(parts)


def has_delivery_page(hub: Hub) -> bool:
    """delivery/ answers "when does it reach me?" and "did the date move?": it
    exists when the hub says anything about either."""
    return bool(hub.shipping or hub.milestones)


def region_anchor(index: int) -> str:
    """A shipping region's anchor on delivery/. Regions are named freely ("EU & UK",
    "Rest of world"): a numbered anchor stays valid when a creator renames one."""
    return f"region-{index + 1}"


def milestone_anchors(milestones: list[Milestone]) -> list[str]:
    """Each milestone's anchor on delivery/, made from what calendars know it by
    (its id, else its title): a link to a promise stays on that promise when
    others are added or reordered (a numbered anchor silently moved to another
    one), and a rename without an id breaks the link loudly (lint HUB161), not
    quietly. A title without letters or digits, or a slug already taken, is
    numbered."""
    taken: list[str] = []
    for number, milestone in enumerate(milestones, start=1):
        slug = slugify(milestone.calendar_id)
        anchor = f"milestone-{slug}" if slug != "section" else f"milestone-{number}"
        taken.append(anchor if anchor not in taken else f"{anchor}-{number}")
    return taken


def _region_heading(region: ShippingRegion) -> str:
    """A region's heading as delivery.md.j2 writes it."""
    return f"### {escape_markdown(region.region)}" + (f" {{#{region.anchor}}}" if region.anchor else "")


def region_heading_ids(hub: Hub) -> list[str]:
    """The id of each region's heading on delivery/: a slug of its name, as the page gives it."""
    markdown = titled("Delivery", "\n\n".join([f"## By region {{#{REGIONS_ANCHOR}}}"]
                                                + [_region_heading(r) for r in hub.shipping]))
    return [anchor for level, anchor in toc_headings(markdown) if level == 3]


def delivery_anchors(hub: Hub) -> set[str]:
    """The anchors delivery.md.j2 writes: its title, a section for regions (each
    region a section and a heading) and one for promises."""
    headings = []
    pledge = {PLEDGE_ANCHOR, PLEDGE_TITLE_ID} if hub.shipping else set()  # "Your pledge" comes with the regions
    if hub.shipping:
        headings += [f"## By region {{#{REGIONS_ANCHOR}}}"] + [_region_heading(r) for r in hub.shipping]
    if hub.milestones:
        headings += [f"## Milestones and promises {{#{PROMISES_ANCHOR}}}"] + [
            f"### {escape_markdown(m.title)} {{#{anchor}}}"
            for m, anchor in zip(hub.milestones, milestone_anchors(hub.milestones))]
    return anchors(titled("Delivery", "\n\n".join(headings))) | pledge | {
        region_anchor(i) for i in range(len(hub.shipping))}


def content_pages(hub: Hub) -> dict[str, Callable[[], str]]:
    """For each page that shows Markdown a creator wrote: its Markdown as the page's
    template writes it (headings and all), computed when asked (it costs a conversion)."""
    pages: dict[str, Callable[[], str]] = {}
    if hub.faq_is_split:
        for category in hub.faq:
            pages[faq_url(hub, category.slug)] = functools.partial(
                titled, category.name, _faq_markdown(hub, [category], split=True))
    else:
        pages[FAQ_URL] = functools.partial(
            titled, "Questions and answers", _faq_markdown(hub, hub.faq, split=False))
    if hub.refund_policy is not None:
        pages[REFUND_POLICY_URL] = functools.partial(titled, "Refund policy", hub.refund_policy.body)
    states = "\n\n".join(f"## {escape_markdown(s.label)} {{#{s.id}}}\n\n{s.description}" for s in hub.pledge_states)
    pages[PLEDGE_STATES_URL] = functools.partial(titled, "Pledge states", states)
    for update in hub.public_updates:
        pages[update_url(update.slug)] = functools.partial(titled, update.title, update.body)
    for page in hub.pages:
        pages[page_url(page.name)] = functools.partial(extra_page_markdown, page.title, page.body)
    return pages


def site_map(hub: Hub) -> SiteMap:
    """The URLs and anchors a build of `hub` produces."""
    site = SiteMap(files=set(SITE_FILES) | {a.as_posix() for a in hub.assets})
    site.anchors[HOME_URL] = None
    for url, markdown in content_pages(hub).items():
        site.anchors[url] = functools.partial(_anchors_of_markdown, markdown)
    if hub.faq_is_split:
        # The index keeps an anchor per question (faq.md.j2), so /faq/#id written
        # before the FAQ grew still leads to the answer.
        topics = "\n\n".join(f"## {escape_markdown(c.name)} {{#{topic_anchor(c.slug)}}}" for c in hub.faq)
        site.anchors[FAQ_URL] = anchors(titled("Questions and answers", topics)) | {e.id for e in hub.faq_entries}
    site.anchors[PLEDGE_STATES_URL] = site.anchors_of(PLEDGE_STATES_URL) | set(FIXED_ANCHORS[PLEDGE_STATES_URL])
    site.anchors[UPDATES_URL] = None  # month headings depend on the language
    for tag in {tag for update in hub.public_updates for tag in update.tags}:
        site.anchors[tag_url(tag)] = None
    site.anchors[CONTACT_URL] = None
    site.anchors[ACCESSIBILITY_URL] = None  # headings in the hub's language
    if has_delivery_page(hub):
        site.anchors[DELIVERY_URL] = delivery_anchors(hub)
    return site


def _anchors_of_markdown(markdown: Callable[[], str]) -> set[str]:
    return anchors(markdown())


# -- links written in content -------------------------------------------------

@dataclass(frozen=True)
class Target:
    path: str  #: site-relative, as above
    anchor: str


def site_folder(site_url: str) -> str:
    """The folder the hub is published in, "/" or "/varra-help/" (a GitHub Pages
    project site): the 404 page, served at any depth, links from it."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def served_path(request_path: str, site_url: str) -> str:
    """A request's path in the site folder, for a server that serves it at "/"
    (hubgen serve): "/varra-help/faq/" -> "/faq/", so the 404 page's links work."""
    folder = site_folder(site_url)
    if folder != "/" and (request_path + "/").startswith(folder):
        return "/" + request_path[len(folder):]
    return request_path


def own_site_path(link: str, site_url: str) -> str | None:
    """The path from the hub's root of an absolute link to the hub itself, in any
    spelling of `site_url` (http or https, any case, "//host/...", the default
    port); None for a link elsewhere or not absolute."""
    parts, own = urlsplit(link.strip()), urlsplit(site_url)
    if not parts.netloc or parts.scheme.lower() not in ("", "http", "https"):
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if host != (own.hostname or "").rstrip(".") or port not in (None, 80, 443, own.port):
        return None
    base = own.path if own.path.endswith("/") else own.path + "/"
    path = parts.path or "/"
    if not (path + "/").startswith(base):
        return None  # the same host, outside the hub's folder
    rest = path[len(base):] if len(path) >= len(base) else ""
    return "/" + rest + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def resolve_link(link: str, page: str, site_url: str) -> Target | None:
    """Where a link written on the page at `page` leads on the hub; None for
    links to other sites and mail."""
    own = own_site_path(link, site_url)
    if own is not None:
        link = own
    elif link.lower().startswith(EXTERNAL_SCHEMES) or link.startswith("//"):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        path = "/" + page
    elif not path.startswith("/"):
        path = posixpath.join("/" + page, path)
    trailing = path.endswith("/")
    path = posixpath.normpath(path).lstrip("/")
    if path in (".", ""):
        return Target(HOME_URL, unquote(parts.fragment))
    if path.endswith("/" + INDEX_PAGE):
        path = path[: -len(INDEX_PAGE)]
    elif path == INDEX_PAGE:
        path = HOME_URL
    elif trailing or "." not in posixpath.basename(path):
        path += "/"
    return Target(path, unquote(parts.fragment))


# -- links to updates taken off the site ------------------------------------------

def hidden_update_urls(hub: Hub) -> set[str]:
    """The site paths of updates that are not on the public hub (backers-only or drafts)."""
    return {update_url(update.slug) for update in hub.updates if not update.is_public}


def url_digest(path: str) -> str:
    """A site path as a digest: how the pages' build is told which links to leave out
    without the address of a backers-only update being written anywhere."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()


_ANCHOR_ELEMENT = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.S | re.I)
_START_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_URL_ATTRIBUTE = re.compile(r"""\s(href|src|poster|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def unlinked(html: str, page: str, site_url: str, hidden: Callable[[str], bool]) -> str:
    """`html` (of the page at `page`) with each link to a site path that `hidden` names
    replaced by the link's text, and any other element's address of one dropped. Making
    an update backers-only or a draft takes it off the hub at the next build; a link that
    still names it is left out (lint warns at its line, HUB162), so neither a dead link
    nor the update's address is published."""
    if "<" not in html:
        return html

    def names_hidden(attribute: re.Match) -> bool:
        link = html_module.unescape(next(value for value in attribute.groups()[1:] if value is not None))
        target = resolve_link(link, page, site_url)
        return target is not None and hidden(target.path)

    def unwrap(anchor: re.Match) -> str:
        href = next((a for a in _URL_ATTRIBUTE.finditer(anchor.group(1)) if a.group(1).lower() == "href"), None)
        return anchor.group(2) if href is not None and names_hidden(href) else anchor.group(0)

    def without_hidden_addresses(tag: re.Match) -> str:
        return _URL_ATTRIBUTE.sub(lambda a: "" if names_hidden(a) else a.group(0), tag.group(0))

    return _START_TAG.sub(without_hidden_addresses, _ANCHOR_ELEMENT.sub(unwrap, html))
