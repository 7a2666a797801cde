"""The example hub in headless Chromium, as a backer uses it."""

from __future__ import annotations

import re

import pytest

from hubgen.pipeline import load_hub


@pytest.fixture(scope="module")
def hub(example_content):
    return load_hub(example_content).hub


def search(page, query: str) -> list[str]:
    """Type into Material's search box; return the result links, best first."""
    opener = page.locator("label.md-header__button[for='__search']").first
    if opener.is_visible():  # phones open search with a button; desktops show the box
        opener.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)  # Material searches on key events, not on fill()
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def test_home_page_shows_project_latest_update_and_days_ago(page, site_url, hub):
    page.goto(site_url)
    assert hub.project.name in page.title()
    latest = page.locator(".hubgen-latest")
    assert hub.public_updates[0].title in latest.inner_text()
    assert re.search(r"\((today|yesterday|\d+ days ago)\)", latest.inner_text())


def test_faq_anchor_link_scrolls_to_the_answer(page, site_url, hub):
    entry = hub.faq_entries[len(hub.faq_entries) // 2]
    page.goto(site_url + "faq/")
    assert page.evaluate("window.scrollY") == 0
    page.locator(f".md-sidebar--secondary a[href='#{entry.id}']").first.click()
    page.wait_for_url(re.compile(f"#{entry.id}$"))
    heading = page.locator(f"[id='{entry.id}']")
    assert entry.question in heading.inner_text()
    box = heading.bounding_box()
    assert page.evaluate("window.scrollY") > 0
    assert box is not None and 0 <= box["y"] < 300, "the answer is scrolled to the top of the window"


def test_following_a_link_from_home_reaches_the_refund_policy(page, site_url):
    page.goto(site_url)
    page.locator(".hubgen-banner__links a", has_text="Refund policy").click()
    page.wait_for_url(re.compile(r"/refund-policy/$"))
    assert page.locator("h1").inner_text().startswith("Refund policy")


def test_search_box_finds_a_faq_entry_as_its_own_result(page, site_url, hub):
    entry = next(e for e in hub.faq_entries if e.id == "change-address")
    page.goto(site_url)
    links = search(page, "change shipping address")
    assert any(link.endswith(f"#{entry.id}") for link in links[:3]), links[:5]
    page.locator(f".md-search-result__item > a[href$='#{entry.id}']").first.click()
    page.wait_for_url(re.compile(f"#{entry.id}$"))
    assert page.locator(f"[id='{entry.id}']").is_visible()


def test_phone_width_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    for path in ["", "faq/", "pledge-states/", "contact/", "updates/"]:
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px"
    context.close()


def test_every_request_goes_to_the_hubs_own_origin(page, site_url, built_site):
    from sitewalk import html_pages, url_of

    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for html in html_pages(built_site):
        page.goto(site_url + url_of(built_site, html))
        page.wait_for_load_state("networkidle")
    assert len(requested) > len(html_pages(built_site))
    foreign = sorted({url for url in requested if not url.startswith(site_url)})
    assert not foreign, foreign


def test_opened_from_disk_links_open_pages_and_a_note_says_what_needs_a_server(page, built_site, hub):
    """A creator double-clicks site/index.html: links must open pages, not a
    folder listing, and the page must say that search needs a web server."""
    page.goto((built_site / "index.html").as_uri())
    note = page.locator(".hubgen-banner__disk")
    assert note.is_visible()
    assert "hubgen serve" in note.inner_text() and "HTTP" in note.inner_text()
    page.locator(".hubgen-banner__links a", has_text="Pledge states").click()
    page.wait_for_load_state()
    assert page.url.endswith("/pledge-states/index.html")
    assert hub.pledge_states[0].label in page.locator("article").inner_text()
    entry = hub.faq_entries[0]
    page.goto((built_site / "index.html").as_uri())
    page.locator("a[href$='faq/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/faq/index.html")
    assert entry.question in page.locator("article").inner_text()


def test_served_over_http_the_disk_note_stays_hidden(page, site_url):
    page.goto(site_url)
    page.wait_for_load_state()
    assert page.locator(".hubgen-banner__disk").count() == 1
    assert not page.locator(".hubgen-banner__disk").is_visible()
    assert page.locator("a[href$='index.html']").count() == 0
