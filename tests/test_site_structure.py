"""The built example hub: every page at its contract URL, every link and anchor resolves."""

from __future__ import annotations

import re
from html import escape

import pytest

from hubgen.pipeline import load_hub
from hubgen.render.pages import tag_slug
from sitewalk import html_pages, parse, resolve, url_of

CONTRACT_PAGES = ["index.html", "faq/index.html", "refund-policy/index.html",
                  "pledge-states/index.html", "updates/index.html", "contact/index.html",
                  "404.html", "sitemap.xml", "search/search_index.json"]


@pytest.fixture(scope="module")
def hub(example_content):
    return load_hub(example_content).hub


@pytest.mark.parametrize("path", CONTRACT_PAGES)
def test_contract_page_exists(built_site, path):
    assert (built_site / path).is_file(), f"{path} missing from the built site"


def test_one_page_per_public_update_and_extra_page(built_site, hub):
    for update in hub.updates:
        page = built_site / "updates" / update.slug / "index.html"
        assert page.is_file() == update.is_public, update.slug
    for extra in hub.pages:
        assert (built_site / "pages" / extra.name / "index.html").is_file()


def test_every_faq_entry_has_its_anchor(built_site, hub):
    faq_ids = parse(built_site / "faq" / "index.html").ids
    if hub.faq_is_split:
        for category in hub.faq:
            faq_ids |= parse(built_site / "faq" / category.slug / "index.html").ids
    missing = [e.id for e in hub.faq_entries if e.id not in faq_ids]
    assert not missing


def test_every_pledge_state_has_its_anchor_and_a_row_in_the_change_table(built_site, hub):
    page = built_site / "pledge-states" / "index.html"
    ids = parse(page).ids
    assert {s.id for s in hub.pledge_states} <= ids
    html = page.read_text()
    table = html[html.index('id="what-can-i-change"'):]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == len(hub.pledge_states) + 1


def test_lifecycle_picture_is_inline_svg_with_every_state(built_site, hub):
    html = (built_site / "pledge-states" / "index.html").read_text()
    svg = html[html.index("<svg class=\"hubgen-lifecycle\""): html.index("</svg>", html.index("hubgen-lifecycle"))]
    assert 'role="img"' in svg and "<title" in svg
    for state in hub.pledge_states:
        assert state.label.split()[0] in svg


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = []
    for page in html_pages(built_site):
        url = url_of(built_site, page)
        for href in parse(page).links:
            if href.startswith(("mailto:", "tel:")):
                continue
            target, fragment = resolve(built_site, url, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{url}: {href} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{url}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def language_root(site, hub, page):
    """The root of the language the page is in: the site's, or <language>/ (test_translations.py)."""
    first = page.relative_to(site).parts[0]
    return site / first if first in hub.project.languages else site


def test_refund_policy_is_one_click_from_every_page(built_site, hub):
    for page in html_pages(built_site):
        url = url_of(built_site, page)
        targets = [resolve(built_site, url, href)[0] for href in parse(page).links]
        assert language_root(built_site, hub, page) / "refund-policy" / "index.html" in targets, url


def test_pinned_update_is_a_notice_on_every_page_and_once_on_home(built_site, hub):
    (pinned,) = hub.pinned_updates
    # The German pages say it in German: test_translations.py.
    for page in [p for p in html_pages(built_site) if language_root(built_site, hub, p) == built_site]:
        banner = page.read_text().split('data-md-component="announce"')[1].split("</aside>")[0]
        if page == built_site / "index.html":
            # Home shows the pinned update itself, once: not in the banner as well.
            assert escape(pinned.title) not in banner
            assert page.read_text().count(f'href="updates/{pinned.slug}/"') == 1
        else:
            assert "Notice:" in banner and escape(pinned.title) in banner, url_of(built_site, page)


def test_home_shows_status_latest_update_and_quick_links(built_site, hub):
    html = (built_site / "index.html").read_text()
    latest = hub.public_updates[0]
    assert hub.project.status in html
    assert f'<time datetime="{latest.date.isoformat()}">' in html
    assert f'data-date="{latest.date.isoformat()}"' in html  # "N days ago" is filled in by the browser
    for link in ["faq/", "refund-policy/", "pledge-states/", "updates/", "contact/"]:
        assert f'href="{link}"' in html


def test_contact_page_has_mailto_with_project_in_subject_and_routing(built_site, hub):
    html = (built_site / "contact" / "index.html").read_text()
    match = re.search(r'href="mailto:([^"?]+)\?subject=([^"]+)"', html)
    assert match and match.group(1) == hub.contact.email
    assert hub.project.name.split()[0] in match.group(2)
    assert hub.contact.response_time in html
    for route in hub.contact.routing:
        assert route.handled_by in html or route.handled_by == "creator"


def test_updates_stay_out_of_the_nav(built_site, hub):
    html = (built_site / "faq" / "index.html").read_text()
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert not any(u.slug in nav for u in hub.updates)


def test_no_backers_only_or_draft_text_anywhere(built_site, hub):
    hidden = [u for u in hub.updates if not u.is_public]
    assert hidden, "the example content should hold a backers-only and a draft update"
    canaries = re.findall(r"CANARY-[A-Z-]+-[0-9a-f]{4}", " ".join(u.body for u in hidden))
    assert canaries
    walked = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    # The outputs that carry update text beyond the pages are all searched too.
    assert {"feed.xml", "feed.json", "milestones.ics", "sitemap.xml", "search/search_index.json",
            "updates/tags/shipping/index.html", "updates/tags/shipping/feed.xml",
            "updates/tags/shipping/feed.json"} <= walked
    # A tag used only by hidden updates ("backers") gets no page of its own.
    hidden_only = {t for u in hidden for t in u.tags} - {t for u in hub.public_updates for t in u.tags}
    assert hidden_only
    assert not [t for t in hidden_only if (built_site / "updates" / "tags" / tag_slug(t)).exists()]
    for path in built_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for canary in canaries + [u.slug for u in hidden]:
                assert canary.encode() not in data, f"{canary} leaked into {path}"


def test_nothing_is_loaded_from_other_hosts(built_site):
    for page in html_pages(built_site):
        for resource in parse(page).resources:
            assert not re.match(r"^(https?:)?//", resource), f"{page}: loads {resource}"
        assert "fonts.googleapis" not in page.read_text()


def test_content_links_from_the_hub_root_are_made_relative(built_site):
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue  # served at any depth, so MkDocs links it from the site root on purpose
        assert not re.search(r'href="/(?!/)', page.read_text()), url_of(built_site, page)
