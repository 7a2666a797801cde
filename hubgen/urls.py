"""Where everything in the model lives on the built site: page URLs and anchors.

Lint (broken links, search checks) and renderers read this instead of guessing,
so a link that lint accepts is a link the site has. URLs are site-relative
paths like "faq/" or "updates/2026-11-18-shipping-plan/" ("" is the home page).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote

from markdown.extensions.toc import slugify as toc_slugify

from hubgen.model import Hub

# Files the site always has beside its pages.
SITE_FILES = ("sitemap.xml", "404.html", "feed.xml", "feed.json", "milestones.ics")
# Anchors the templates write with fixed ids (site_templates/*.md.j2).
TEMPLATE_ANCHORS = {
    "contact/": {"routing"},
    "pledge-states/": {"what-can-i-change"},
    "updates/": {"milestones"},
}
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")


@dataclass
class SiteMap:
    """Every page URL; for pages whose headings are all known, their anchors."""

    anchors: dict[str, set[str] | None] = field(default_factory=dict)  #: None: anchors not checked
    files: set[str] = field(default_factory=set)

    def has_page(self, path: str) -> bool:
        return path in self.anchors or path in self.files

    def has_anchor(self, path: str, anchor: str) -> bool:
        known = self.anchors.get(path)
        return known is None or anchor in known


# A slug becomes a folder name (faq/<category>/, updates/tags/<tag>/); file
# systems refuse names over 255 bytes, so a longer slug is cut and made unique.
MAX_SLUG_BYTES = 200


def fit_slug(slug: str) -> str:
    """`slug` itself when short enough, else its start plus a hash of the whole."""
    if len(slug.encode()) <= MAX_SLUG_BYTES:
        return slug
    digest = hashlib.sha1(slug.encode()).hexdigest()[:8]
    start = slug.encode()[: MAX_SLUG_BYTES - len(digest) - 1].decode(errors="ignore")
    return f"{start.rstrip('-')}-{digest}"


def tag_slug(tag: str) -> str:
    """A tag's URL segment. Accents are dropped ("Café" -> "cafe") but other
    scripts are kept ("配送"): validate.slugify keeps only ASCII, which would put
    every Japanese or Greek tag on one page called "section"."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", tag.casefold())
                     if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", folded.replace("'", ""))
    if words:
        return fit_slug("-".join(words))
    return "tag-" + hashlib.sha1(tag.strip().casefold().encode()).hexdigest()[:8]  # "!!!", "+1"


# Schemes a routing contact may link with; anything else (javascript:, data:)
# is shown as text, never as a link.
CONTACT_SCHEMES = ("http://", "https://")
# Characters left as they are in a URL: RFC 3986's reserved ones and "%", minus
# the quote and brackets that would end an HTML attribute or a Markdown link.
URL_SAFE = ":/?#[]@!$&()*+,;=%~"


def contact_href(contact: str) -> str:
    """Where a routing `contact` links: a web address, or an email address as a
    mailto: link; "" when it is neither (a phone number, "see the survey")."""
    contact = contact.strip()
    if contact.lower().startswith(CONTACT_SCHEMES):
        return quote(contact, safe=URL_SAFE)
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact):
        return "mailto:" + quote(contact, safe="@")
    return ""


def faq_url(hub: Hub, category_slug: str) -> str:
    """The page a FAQ category's answers are on."""
    return f"faq/{category_slug}/" if hub.faq_is_split else "faq/"


def heading_ids(markdown: str, taken: set[str] | None = None) -> set[str]:
    """The ids Python-Markdown's toc extension gives the headings of `markdown`."""
    return {anchor for _, _, anchor, _ in headings(markdown, taken)}


def headings(markdown: str, taken: set[str] | None = None) -> list[tuple[int, str, str, int]]:
    """(level, text, id, line index) of each heading of `markdown`, in order,
    with the ids Python-Markdown's toc extension gives them."""
    ids = set(taken or ())
    found = []
    in_fence = ""
    for number, line in enumerate(markdown.splitlines()):
        fence = _FENCE.match(line)
        if fence and (not in_fence or fence.group(1)[0] == in_fence[0]):
            in_fence = "" if in_fence else fence.group(1)
            continue
        heading = None if in_fence else _HEADING.match(line)
        if not heading:
            continue
        level, text = len(heading.group(1)), heading.group(2)
        explicit = _EXPLICIT_ID.search(text)
        if explicit:
            ids.add(explicit.group(1))
            found.append((level, text[:explicit.start()].strip(), explicit.group(1), number))
            continue
        slug = toc_slugify(_plain(text), "-")
        unique, n = slug, 0
        while unique in ids:  # toc makes repeats unique as slug_1, slug_2, ...
            n += 1
            unique = f"{slug}_{n}"
        ids.add(unique)
        found.append((level, text, unique, number))
    return found


def policy_headings(body: str) -> list[tuple[int, str, str, int]]:
    """headings() of the refund policy as its page shows it, under the page's title;
    line indexes count in `body`."""
    return [(level, text, anchor, line - 1)
            for level, text, anchor, line in headings("# Refund policy\n" + body)]


def _plain(markdown: str) -> str:
    """Heading text as toc sees it once rendered: links become their text, markup goes."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text)


def has_delivery_page(hub: Hub) -> bool:
    """delivery/ answers "when does it reach me?" and "did the date move?": it
    exists when the hub says anything about either."""
    return bool(hub.shipping or hub.milestones)


def region_anchor(index: int) -> str:
    """A shipping region's anchor on delivery/. Regions are named freely ("EU & UK",
    "Rest of world"): a numbered anchor stays valid when a creator renames one."""
    return f"region-{index + 1}"


def milestone_anchor(index: int) -> str:
    """A milestone's anchor on delivery/, numbered for the same reason."""
    return f"milestone-{index + 1}"


def delivery_anchors(hub: Hub) -> set[str]:
    """The anchors delivery.md.j2 writes: its title, a section for regions and one for promises."""
    found = {"delivery"}
    if hub.shipping:
        found |= {"regions"} | {region_anchor(i) for i in range(len(hub.shipping))}
    if hub.milestones:
        found |= {"promises"} | {milestone_anchor(i) for i in range(len(hub.milestones))}
    return found


def site_map(hub: Hub) -> SiteMap:
    """The URLs and anchors a build of `hub` produces."""
    site = SiteMap(files=set(SITE_FILES) | {a.as_posix() for a in hub.assets})
    site.anchors[""] = None
    faq_ids = {entry.id for entry in hub.faq_entries} | {f"topic-{c.slug}" for c in hub.faq}
    site.anchors["faq/"] = set(faq_ids) | heading_ids("# Questions and answers")
    if hub.faq_is_split:
        for category in hub.faq:
            site.anchors[faq_url(hub, category.slug)] = {e.id for e in category.entries} | heading_ids(
                f"# {category.name}")
    if hub.refund_policy is not None:
        site.anchors["refund-policy/"] = {anchor for _, _, anchor, _ in policy_headings(hub.refund_policy.body)}
    site.anchors["pledge-states/"] = ({s.id for s in hub.pledge_states}
                                      | TEMPLATE_ANCHORS["pledge-states/"] | {"pledge-states"})
    site.anchors["updates/"] = None  # month headings depend on the language
    for update in hub.public_updates:
        site.anchors[f"updates/{update.slug}/"] = heading_ids(f"# {update.title}\n" + update.body)
    for tag in {tag for update in hub.public_updates for tag in update.tags}:
        site.anchors[f"updates/tags/{tag_slug(tag)}/"] = None
    site.anchors["contact/"] = None
    if has_delivery_page(hub):
        site.anchors["delivery/"] = delivery_anchors(hub)
    for page in hub.pages:
        site.anchors[f"pages/{page.name}/"] = heading_ids(f"# {page.title}\n" + page.body)
    return site
