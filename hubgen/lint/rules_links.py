"""HUB16x: links inside content, which must lead somewhere on the hub."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from hubgen.diagnostics import Location, Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import markdown_links
from hubgen.model import Hub, Marks
from hubgen.urls import (ASSETS_FOLDER, FAQ_URL, HOME_URL, PLEDGE_STATES_URL, REFUND_POLICY_URL, SiteMap, Target,
                         faq_url, page_url, resolve_link, site_map, update_url)


@dataclass(frozen=True)
class Source:
    """A piece of Markdown, the page it is shown on, and where it was written."""

    markdown: str
    page_url: str
    where: Location
    first_line: int = 0  #: file line of the Markdown's first line; 0 when unknown (YAML values)
    marks: Marks | None = None  #: for a YAML value: where its record's keys were written
    key: str = ""  #: for a YAML value: its key in that record

    def location(self, line: int, col: int) -> Location:
        if self.marks is not None:
            return self.marks.in_text(self.key, line, col)
        if not self.first_line:
            return self.where
        return Location(self.where.path, self.first_line + line, col)


def sources(hub: Hub) -> Iterator[Source]:
    for category in hub.faq:
        url = faq_url(hub, category.slug)
        for entry in category.entries:
            yield Source(entry.answer, url, entry.where, marks=entry.marks, key="a")
    for state in hub.pledge_states:
        yield Source(state.description, PLEDGE_STATES_URL, state.where,
                     marks=state.marks, key="description")
    if hub.refund_policy is not None:
        policy = hub.refund_policy
        yield Source(policy.body, REFUND_POLICY_URL, policy.where, policy.body_line)
    for update in hub.updates:
        if not update.draft:
            yield Source(update.body, update_url(update.slug), update.where, update.body_line)
    for page in hub.pages:
        yield Source(page.body, page_url(page.name), page.where, page.body_line)


def _private_updates(hub: Hub) -> dict[str, str]:
    """The site path of each update off the public hub -> what it is ("a draft")."""
    return {update_url(update.slug): "a draft" if update.draft else "a backers-only"
            for update in hub.updates if not update.is_public}


def _link_findings(context: LintContext) -> list[tuple[str, Finding]]:
    return context.once("links", lambda: list(_check_links(context)))


def _check_links(context: LintContext) -> Iterator[tuple[str, Finding]]:
    hub = context.hub
    site: SiteMap = site_map(hub)
    private = _private_updates(hub)
    # In a translation's copy (lint runs the rules on each), the page is that language's: /fr/...
    language = f"{hub.project.language}/" if hub.project.translated_from else ""
    for source in sources(hub):
        for link in markdown_links(source.markdown):
            target = resolve_link(link.target, source.page_url, hub.project.site_url)
            if target is None or target.path.startswith(".."):
                continue
            where = source.location(link.line, link.col)
            if not site.has_page(target.path) and target.path in private:
                yield "HUB162", Finding(where, f"link '{link.target}' leads to {private[target.path]} update, "
                                        "which is not on the public hub: the page shows the link's text "
                                        "without the link",
                                        "remove the link or point it at a public page; the update stays off the site")
            elif not site.has_page(target.path):
                yield "HUB160", Finding(where, *_missing_page(context, link.target, target, site))
            elif target.anchor and not site.has_anchor(target.path, target.anchor):
                yield "HUB161", Finding(where, f"link '{link.target}': /{language}{target.path} has no "
                                        f"'#{target.anchor}' on it", _anchor_fix(site, target.path, target.anchor)
                                        + (_TRANSLATED_ANCHOR.format(anchor=target.anchor) if language else ""))


# "support@x.example" written where "mailto:support@x.example" belongs.
EMAIL = re.compile(r"^[^@\s/:?#]+@[^@\s/:?#]+\.[A-Za-z]{2,}$")
# A content file's name in a link: the page it becomes is what a browser can open.
SOURCE_FILE = re.compile(r"(?:^|/)(?:content/)?(?:(?P<folder>updates|pages)/)?(?P<stem>[^/]+)\.(?P<ext>md|ya?ml)$")
MOST_ANCHORS = 10  #: anchors listed when none is close


def _missing_page(context: LintContext, written: str, target: Target, site: SiteMap) -> tuple[str, str]:
    """What a link to no page is (a private update, an email address, a content file, a
    missing asset) and how to write it."""
    hub = context.hub
    address = written.split("#")[0]
    if EMAIL.match(address):
        return (f"link '{written}' is an email address, which the browser would open as a page of the hub",
                f"write it as mailto:{address}")
    page = _page_of_source_file(hub, urlsplit(written).path)
    if page is not None:
        anchor = f"#{target.anchor}" if target.anchor else ""
        return (f"link '{written}' names a content file; backers open the page made from it",
                f"link to the page: /{page}{anchor}")
    if target.path.startswith(ASSETS_FOLDER):
        folder = posixpath.dirname(target.path)
        in_folder = {posixpath.basename(a.as_posix()): a.as_posix() for a in hub.assets
                     if posixpath.dirname(a.as_posix()) == folder}
        close = difflib.get_close_matches(posixpath.basename(target.path), list(in_folder), n=1, cutoff=0.6)
        hint = f"; did you mean /{in_folder[close[0]]}?" if close else ""
        return (f"link '{written}' leads to a file the content folder does not have: "
                f"{context.file(target.path).path}",
                f"put {posixpath.basename(target.path)} in {context.file(folder).path}/, or correct the name{hint}")
    return (f"link '{written}' leads to a page the hub does not have", _nearest_page(written, target, site))


def _nearest_page(written: str, target: Target, site: SiteMap) -> str:
    """The page a broken link most likely meant: "contact/" written on an update is
    read from the update's address; "/refunds/" is close to "/refund-policy/"."""
    path = urlsplit(written).path
    anchor = f"#{target.anchor}" if target.anchor else ""
    if path and not path.startswith("/") and site.has_page(path.lstrip("./")):
        return (f"a link without a leading '/' is read from the address of the page it is on; "
                f"write /{path.lstrip('./')}{anchor}")
    pages = [page for page in site.anchors if page]
    close = difflib.get_close_matches(target.path, pages, n=1, cutoff=0.6)
    if close:
        return f"did you mean /{close[0]}{anchor}?"
    return "fix the link; `hubgen docs` lists the pages under 'Links between hub pages'"


def _page_of_source_file(hub: Hub, path: str) -> str | None:
    """The page URL of the content file a link names ("refund-policy.md" -> "refund-policy/")."""
    match = SOURCE_FILE.search(path)
    if match is None:
        return None
    stem, folder, ext = match["stem"], match["folder"], match["ext"]
    if ext != "md":
        return FAQ_URL if stem == "faq" else HOME_URL if stem == "hub" else None
    if stem == "refund-policy" and folder is None and hub.refund_policy is not None:
        return REFUND_POLICY_URL
    if folder != "pages" and any(update.slug == stem for update in hub.updates):
        return update_url(stem)
    if folder != "updates" and any(page.name == stem for page in hub.pages):
        return page_url(stem)
    return None


# A link the original's page answers, broken on a translation's: its heading lost the id.
_TRANSLATED_ANCHOR = ("; or, if the original's page has it, write the translated heading with the original's "
                      "anchor: '## Translated heading {{#{anchor}}}'")


def _anchor_fix(site: SiteMap, path: str, anchor: str) -> str:
    """The closest anchor on that page ("#ready-to-ship" for "ready_to_ship"); with none
    close, the page's anchors, the nearest first."""
    known = sorted(site.anchors_of(path) or ())
    by_shape = {name.replace("_", "-").lower(): name for name in known}
    wanted = anchor.replace("_", "-").lower()
    close = difflib.get_close_matches(wanted, list(by_shape), n=1, cutoff=0.75)
    if close:
        return f"did you mean '#{by_shape[close[0]]}'?"
    if not known:
        return "use the id of a FAQ entry, pledge state or heading on that page"
    nearest = sorted(by_shape, key=lambda shape: (-difflib.SequenceMatcher(None, wanted, shape).ratio(), shape))
    listed = ", ".join(f"#{by_shape[shape]}" for shape in nearest[:MOST_ANCHORS])
    more = f" (and {len(known) - MOST_ANCHORS} more)" if len(known) > MOST_ANCHORS else ""
    return f"use one of the anchors on that page, the nearest first: {listed}{more}"


@rule("HUB160", "link-broken", Severity.ERROR,
      "A link in content leads to a page the hub does not have.", """
Links are checked in FAQ answers, pledge state descriptions, the refund
policy, updates and extra pages, against the pages hubgen builds (links to
other sites are not fetched). Every form counts: inline and reference links,
autolinks, raw `<a href>` and `<img src>`, and absolute URLs to the hub itself
in any spelling of `site_url` (http or https, `//host/...`). Links to drafts
and backers-only updates are HUB162.

The message says what the link is when it is no page: an email address
(write `mailto:`), a content file's name (link the page made from it), a
file missing from `assets/` (its name and where it should be).

Bad:
    See the [refund policy](/refunds/).
Good:
    See the [refund policy](/refund-policy/).
Bad:
    [Mail us](support@kettle.example), or read the [policy](refund-policy.md).
Good:
    [Mail us](mailto:support@kettle.example), or read the [policy](/refund-policy/).
""")
def link_broken(context: LintContext):
    for code, finding in _link_findings(context):
        if code == "HUB160":
            yield finding


@rule("HUB161", "anchor-broken", Severity.ERROR,
      "A link's #anchor is not on the page it leads to.", """
FAQ entries and pledge states are anchored by their `id`, headings by
their text (lowercase, hyphens; a repeated heading gets `_1`), or an id
written as `{#id}` or in raw HTML. The ids are the ones the built page has.
A wrong anchor opens the top of a long page; the message names the closest
anchor on that page, or, with none close, lists the page's anchors, the
nearest first (at most 10).

Bad:
    [Locked](/pledge-states/#locked-down)
Good:
    [Locked](/pledge-states/#locked)
""")
def anchor_broken(context: LintContext):
    for code, finding in _link_findings(context):
        if code == "HUB161":
            yield finding


@rule("HUB162", "link-to-hidden-update", Severity.WARNING,
      "A link leads to a backers-only or draft update, which the public hub does not have.", """
Making an update backers-only (`visibility: backers`) or a draft takes it off
the public hub at the next build, with its page, its place in the feeds and
search. A link elsewhere in the content that still names it never keeps the
old site: the build leaves the link out (the page shows its text, without the
link, so neither a dead link nor the update's address is published) and this
warning says where it is. Fix the link; the update stays off the site.

Bad (the update was made backers-only):
    See [the factory photos](/updates/2026-11-02-factory-visit/).
Good:
    See the factory photos in the backers-only update on Kickstarter.
""")
def link_to_hidden_update(context: LintContext):
    for code, finding in _link_findings(context):
        if code == "HUB162":
            yield finding
