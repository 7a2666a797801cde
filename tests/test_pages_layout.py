"""Pages as a backer sees them in Chromium, on a phone (390 px) and a desktop (1280 px)."""

from __future__ import annotations

import re

import pytest

from hubgen.pipeline import load_hub

WIDTHS = [390, 1280]


@pytest.fixture(scope="module")
def hub(example_content):
    return load_hub(example_content).hub


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def screen(request, browser):
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    yield page
    context.close()


def boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().toJSON())")


def test_update_pager_links_stand_apart(screen, site_url, hub):
    middle = hub.public_updates[2]
    screen.goto(site_url + f"updates/{middle.slug}/")
    links = screen.locator("nav.hubgen-pager a")
    texts = links.all_inner_texts()
    assert len(texts) == 3, texts
    older, newer, everything = (re.sub(r"\s+", " ", t).strip() for t in texts)
    assert older.endswith(hub.public_updates[3].title) and older.startswith("← Older")
    assert newer.endswith(hub.public_updates[1].title) and newer.startswith("Newer")
    assert everything == "All updates"
    placed = boxes(screen, "nav.hubgen-pager a")
    for a, b in zip(placed, placed[1:]):  # never on top of each other, never touching
        apart = b["top"] >= a["bottom"] or b["left"] >= a["right"] + 8 or a["left"] >= b["right"] + 8
        assert apart, placed
    if screen.viewport_size["width"] < 600:  # a phone: one link per line
        assert all(b["top"] >= a["bottom"] for a, b in zip(placed, placed[1:])), placed


def test_contact_page_fits_and_names_its_links(screen, site_url, hub):
    screen.goto(site_url + "contact/")
    width = screen.viewport_size["width"]
    assert screen.evaluate("document.documentElement.scrollWidth") <= width
    cards = boxes(screen, ".hubgen-route")
    assert len(cards) == len(hub.contact.routing)
    assert all(0 <= card["left"] and card["right"] <= width for card in cards), cards
    for card in screen.locator(".hubgen-route").all():
        # Whole words per line: a card at least 15 em wide, never one word per line.
        assert card.bounding_box()["width"] >= min(240, width - 40)
    for link in screen.locator(".hubgen-route a").all():
        text = link.inner_text()
        assert "://" not in text and "@" not in text, f"raw address as link text: {text}"
        assert text.startswith(("Contact ", "Email ")), text
    body = re.sub(r"\s+", " ", screen.locator("article").inner_text())
    assert "business days.Hours" not in body
    assert f"We answer {hub.contact.response_time}." in body and f"Hours: {hub.contact.hours}." in body
    assert "Us, " not in body


def test_lifecycle_back_steps_show_their_arrowheads(screen, site_url):
    screen.goto(site_url + "pledge-states/")
    found = screen.evaluate("""() => {
      const svg = document.querySelector('svg.hubgen-lifecycle');
      const rects = [...svg.querySelectorAll('.hubgen-lifecycle__state rect')].map(r => r.getBBox());
      const inside = (p, b) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;
      return [...svg.querySelectorAll('.hubgen-lifecycle__edge--back')].map(path => {
        const length = path.getTotalLength();
        const tip = path.getPointAtLength(length), shaft = path.getPointAtLength(length - 8);
        return {marker: path.getAttribute('marker-end'),
                covered: rects.some(b => inside(shaft, b)),
                touches: rects.some(b => tip.x >= b.x && tip.x <= b.x + b.width
                                      && Math.abs(tip.y - (b.y + b.height)) < 0.5),
                visible: getComputedStyle(path).visibility, shown: path.getBoundingClientRect().width > 0};
      });
    }""")
    assert found, "the example's 'Payment errored' -> 'Pledge collected' step back is drawn"
    for edge in found:
        assert edge["marker"] == "url(#lifecycle-arrow)"
        assert not edge["covered"], "a box covers the end of the arrow"
        assert edge["touches"], "the arrow ends on the earlier state's box"
        assert edge["visible"] == "visible" and edge["shown"]
    desc = screen.locator("svg.hubgen-lifecycle desc").text_content()
    assert "dashed arrows go back" in desc


def test_home_shows_a_pinned_update_once_and_the_hubs_own_states(screen, site_url, hub):
    (pinned,) = hub.pinned_updates
    screen.goto(site_url)
    assert screen.locator(f"a[href$='updates/{pinned.slug}/']").count() == 1
    notice = screen.locator(".hubgen-notice")
    assert notice.is_visible() and pinned.title in notice.inner_text()
    assert pinned.summary and pinned.summary in notice.inner_text()
    cards = screen.locator(".hubgen-links").inner_text()
    first, second = (state.label for state in hub.pledge_states[:2])
    assert f"“{first}”" in cards and f"“{second}”" in cards
    assert "“collected”" not in cards and "“locked”" not in cards
    assert f"{len(hub.faq_entries)} answers about {hub.faq[0].name}" in cards
    # The card says the policy's refund_terms, not a number of days the backer cannot place.
    assert ("How to ask for your money back. Full refund until your reward ships. Refund of the items you "
            "send back within 30 days of delivery.") in cards


def test_updates_index_shows_each_summary(screen, site_url, hub):
    screen.goto(site_url + "updates/")
    text = screen.locator("article").inner_text()
    summaries = [u.summary for u in hub.public_updates if u.summary]
    assert len(summaries) >= 2 and all(summary in text for summary in summaries)
