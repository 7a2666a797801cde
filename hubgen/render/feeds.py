"""Feeds of public updates: Atom 1.0 (RFC 4287) and JSON Feed 1.1, for the
whole log and for each tag. Written beside Material's pages, from the model.

Entry ids are the update's absolute URL. The URL comes from the file name, so
an id never changes when a title is edited (RFC 4287 4.2.6: ids are permanent).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin

from hubgen import urls
from hubgen.labels import hub_labels
from hubgen.markup import to_html
from hubgen.model import Hub, Update, original_language
from hubgen.render.clock import build_time
from hubgen.render.pages import updates_by_tag
from hubgen.search.engine import plain_text

ATOM_NS = "http://www.w3.org/2005/Atom"
SUMMARY_CHARACTERS = 300  #: the most of an update's text a tag's feed carries when it has no summary
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
# XML 1.0 has no way to write these, escaped or not: one in an update would
# make the whole feed unreadable (feedparser: bozo), so they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Feed:
    """One feed: which updates, and where it and its HTML page live (site-relative)."""

    title: str
    path: str  #: folder holding feed.xml and feed.json, "" for the site root (not URL-quoted)
    page: str  #: the HTML page the feed mirrors (not URL-quoted)
    updates: list[Update]
    #: whole bodies; a tag's feed carries each update's summary and its link, so that what the
    #: feeds write stays near the size of the updates however many tags they have
    full: bool = True


def rfc3339(day: dt.date) -> str:
    """Updates carry a date only: midnight UTC, stated with its zone."""
    return f"{day.isoformat()}T00:00:00Z"


def update_url(hub: Hub, update: Update) -> str:
    """The update's page as an absolute URL (feeds and shared texts are read away from the hub)."""
    return hub.project.site_url + urls.update_url(update.slug)


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def absolute_links(html: str, base: str, site_url: str) -> str:
    """Feed readers show content away from the site: every link must be absolute."""

    def absolute(match: re.Match) -> str:
        url = match.group(2)
        if url.startswith("/") and not url.startswith("//"):
            url = site_url + url[1:]  # a path from the hub root, as content writes them
        return match.group(1) + urls.escaped_url(urljoin(base, url)) + match.group(3)

    return _URL_ATTRIBUTE.sub(absolute, html)


class FeedWriter:
    def __init__(self, hub: Hub):
        self.hub = hub
        self.site_url = hub.project.site_url
        self.hidden = urls.hidden_update_urls(hub)  #: links to these are left out
        self._html: dict[str, str] = {}
        self._audience: dict[str, list[tuple[str, str, str]]] | None = None

    def url(self, path: str) -> str:
        """An absolute URL of a site path; tag folders may hold any script ("配送")."""
        return self.site_url + quote(path)

    def content_html(self, update: Update) -> str:
        """Each update is rendered once, however many feeds carry it."""
        if update.slug not in self._html:
            html = to_html(update.body)
            if self.hidden:
                html = urls.unlinked(html, urls.update_url(update.slug), self.site_url, self.hidden.__contains__)
            self._html[update.slug] = absolute_links(html, update_url(self.hub, update), self.site_url)
        return self._html[update.slug]

    def audience(self, update: Update) -> list[tuple[str, str, str]]:
        """Who an update is for and which waves' dates it moved, as (term, label,
        scheme): a feed reader shows them beside the entry, and a reader that
        files by category finds the news about their wave."""
        if self._audience is None:
            self._audience = self._audiences()
        return self._audience.get(update.slug, [])

    def _audiences(self) -> dict[str, list[tuple[str, str, str]]]:
        """Worked out once per build, for the updates that are for a segment or moved a wave."""
        hub, t = self.hub, hub_labels(self.hub)
        delivery = self.url(urls.DELIVERY_URL) + "#"
        found: dict[str, list[tuple[str, str, str]]] = {}
        labels = {segment.id: t("segments.for", label=segment.label) for segment in hub.segments}
        for update in hub.updates:
            for segment_id in update.segments:
                if segment_id in labels:
                    found.setdefault(update.slug, []).append(
                        (f"segment:{segment_id}", labels[segment_id], delivery + urls.PLEDGE_ANCHOR))
        names = {wave.id: wave.name for wave in hub.waves}
        moved = {(move.update, entry.wave) for region in hub.shipping for entry in region.waves
                 for move in entry.history if entry.wave in names}
        for slug, wave_id in sorted(moved, key=lambda pair: list(names).index(pair[1])):
            found.setdefault(slug, []).append((f"wave:{wave_id}", names[wave_id], delivery + urls.REGIONS_ANCHOR))
        return found

    def summary(self, update: Update) -> str:
        """The update's summary, else the start of its text (at most SUMMARY_CHARACTERS)."""
        if update.summary:
            return update.summary
        text = plain_text(self.content_html(update))
        if len(text) <= SUMMARY_CHARACTERS:
            return text
        return text[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + " …"

    def feeds(self) -> list[Feed]:
        hub = self.hub
        public = hub.public_updates
        t = hub_labels(hub)
        found = [Feed(t("site.feed_title", project=hub.project.name), urls.HOME_URL, urls.UPDATES_URL, public)]
        for tag, tagged in updates_by_tag(public).items():
            found.append(Feed(t("site.tag_feed_title", project=hub.project.name, tag=tag), urls.tag_url(tag),
                              urls.tag_url(tag), tagged, full=False))
        return found

    def atom(self, feed: Feed) -> bytes:
        hub = self.hub
        updates = feed.updates[: hub.settings.feed_length]
        ET.register_namespace("", ATOM_NS)
        root = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": hub.project.language})

        def add(parent, tag, text=None, **attributes):
            element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
            if text is not None:
                element.text = xml_text(text)
            for name, value in attributes.items():
                element.set(name, xml_text(value))
            return element

        add(root, "id", self.url(feed.path + urls.FEED_ATOM))
        add(root, "title", feed.title)
        add(root, "subtitle", hub_labels(hub)("site.feed_subtitle", creator=hub.project.creator, project=hub.project.name))
        # The newest entry's date; never the wall clock, so rebuilding the same content gives the same bytes.
        add(root, "updated", rfc3339(updates[0].date if updates else build_time(hub).date()))
        author = add(root, "author")
        add(author, "name", hub.project.creator)
        add(author, "uri", self.site_url)
        add(root, "link", rel="self", type="application/atom+xml", href=self.url(feed.path + urls.FEED_ATOM))
        add(root, "link", rel="alternate", type="text/html", href=self.url(feed.page))
        add(root, "generator", "hubgen")
        for update in updates:
            entry = add(root, "entry")
            if update.shown_in:  # not translated yet: the whole entry is in the original's language
                entry.set(XML_LANG, update.shown_in)
            add(entry, "id", update_url(hub, update))
            in_original(add(entry, "title", update.title), update.title)
            add(entry, "updated", rfc3339(update.date))
            add(entry, "published", rfc3339(update.date))
            add(entry, "link", rel="alternate", type="text/html", href=update_url(hub, update))
            for tag in update.tags:
                add(entry, "category", term=tag, scheme=self.site_url + urls.TAGS_URL,
                    label=tag)
            for term, label, scheme in self.audience(update):
                add(entry, "category", term=term, scheme=scheme, label=label)
            if update.summary or not feed.full:  # Atom puts summary before content (RFC 4287 4.1.2 allows any order)
                in_original(add(entry, "summary", self.summary(update), type="text"), update.summary)
            if feed.full:
                add(entry, "content", self.content_html(update), type="html")
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    def json_feed(self, feed: Feed) -> str:
        hub, updates = self.hub, feed.updates[: self.hub.settings.feed_length]
        document = {
            "version": JSON_FEED_VERSION,
            "title": feed.title,
            "home_page_url": self.url(feed.page),
            "feed_url": self.url(feed.path + urls.FEED_JSON),
            "description": hub_labels(hub)("site.feed_subtitle", creator=hub.project.creator, project=hub.project.name),
            "language": hub.project.language,
            "authors": [{"name": hub.project.creator, "url": self.site_url}],
            "items": [{
                "id": update_url(hub, update),
                "url": update_url(hub, update),
                "title": update.title,
                # JSON Feed 1.1: an item's own language, when a translation has not translated it yet
                **({"language": update.shown_in} if update.shown_in else {}),
                **({"content_html": self.content_html(update)} if feed.full
                   else {"content_text": self.summary(update)}),
                "date_published": rfc3339(update.date),
                "tags": update.tags,
                **({"summary": update.summary} if update.summary else {}),
                # JSON Feed's extension form (a key starting with _): who it is for, which waves moved.
                **({"_hubgen": {"about": [{"term": term, "label": label} for term, label, _ in about]}}
                   if (about := self.audience(update)) else {}),
            } for update in updates],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def in_original(element, text: str) -> None:
    """xml:lang on an element whose text a translation left in the original (model.Original)."""
    if language := original_language(text):
        element.set(XML_LANG, language)


def write_feeds(hub: Hub, site_dir: Path) -> None:
    """A model-output step (site.model_output_steps): feed.xml and feed.json, site-wide and per tag."""
    writer = FeedWriter(hub)
    for feed in writer.feeds():
        folder = site_dir / feed.path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / urls.FEED_ATOM).write_bytes(writer.atom(feed))
        (folder / urls.FEED_JSON).write_text(writer.json_feed(feed), encoding="utf-8")
