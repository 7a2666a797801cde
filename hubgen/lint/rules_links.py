"""HUB16x: links inside content, which must lead somewhere on the hub."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from hubgen.diagnostics import Location, Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import markdown_links
from hubgen.model import Hub, Marks
from hubgen.urls import (PLEDGE_STATES_URL, REFUND_POLICY_URL, SiteMap, faq_url, page_url, resolve_link, site_map,
                         update_url)


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


def _private_update(hub: Hub, path: str) -> str:
    for update in hub.updates:
        if path == update_url(update.slug) and not update.is_public:
            return "a draft" if update.draft else "a backers-only"
    return ""


def _link_findings(context: LintContext) -> list[tuple[str, Finding]]:
    return context.once("links", lambda: list(_check_links(context)))


def _check_links(context: LintContext) -> Iterator[tuple[str, Finding]]:
    hub = context.hub
    site: SiteMap = site_map(hub)
    for source in sources(hub):
        for link in markdown_links(source.markdown):
            target = resolve_link(link.target, source.page_url, hub.project.site_url)
            if target is None or target.path.startswith(".."):
                continue
            where = source.location(link.line, link.col)
            if target.path.endswith(".md/"):
                yield "HUB160", Finding(where, f"link '{link.target}' points at a source file",
                                        "link to the page's URL instead, e.g. /refund-policy/")
            elif not site.has_page(target.path):
                private = _private_update(hub, target.path)
                reason = (f"{private} update, which the public hub does not have" if private
                          else "a page the hub does not have")
                yield "HUB160", Finding(where, f"link '{link.target}' leads to {reason}",
                                        "fix the link; `hubgen docs` lists the pages under 'Links between hub pages'")
            elif target.anchor and not site.has_anchor(target.path, target.anchor):
                yield "HUB161", Finding(where, f"link '{link.target}': /{target.path} has no "
                                        f"'#{target.anchor}' on it", _anchor_fix(site, target.path, target.anchor))


def _anchor_fix(site: SiteMap, path: str, anchor: str) -> str:
    """The closest anchor on that page ("#ready-to-ship" for "ready_to_ship"), or what anchors are."""
    known = sorted(site.anchors_of(path) or ())
    by_shape = {name.replace("_", "-").lower(): name for name in known}
    close = difflib.get_close_matches(anchor.replace("_", "-").lower(), list(by_shape), n=1, cutoff=0.75)
    if close:
        return f"did you mean '#{by_shape[close[0]]}'?"
    return "use the id of a FAQ entry, pledge state or heading on that page"


@rule("HUB160", "link-broken", Severity.ERROR,
      "A link in content leads to a page the hub does not have.", """
Links are checked in FAQ answers, pledge state descriptions, the refund
policy, updates and extra pages, against the pages hubgen builds (links to
other sites are not fetched). Every form counts: inline and reference links,
autolinks, raw `<a href>` and `<img src>`, and absolute URLs to the hub itself
in any spelling of `site_url` (http or https, `//host/...`). Links to drafts
and backers-only updates are broken on the public hub, and would publish the
update's address.

Bad:
    See the [refund policy](/refunds/).
Good:
    See the [refund policy](/refund-policy/).
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
anchor on that page.

Bad:
    [Locked](/pledge-states/#locked-down)
Good:
    [Locked](/pledge-states/#locked)
""")
def anchor_broken(context: LintContext):
    for code, finding in _link_findings(context):
        if code == "HUB161":
            yield finding
