"""The example hub with a keyboard only, in headless Chromium: Tab, arrows, Enter and Escape."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

SEARCH_FIELD = "input.md-search__input"
IN_SEARCH = "!!document.activeElement.closest('.hubgen-search')"
SEARCH_OPEN = "document.getElementById('__search').checked"


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus by Tab")


def focused(page) -> dict:
    """What has the focus, and whether a sighted keyboard user can see it."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        return {tag: el.tagName, text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
                visible: el !== document.body && box.width > 0 && box.height > 0
                         && getComputedStyle(el).visibility !== 'hidden' && el.checkVisibility({opacityProperty: true})};
    }""")


def test_tabbing_past_the_header_search_leaves_it_closed_and_the_page_undimmed(keyboard_page, site_url):
    page = keyboard_page
    page.goto(site_url)
    tab_to(page, SEARCH_FIELD)
    for _ in range(6):
        page.keyboard.press("Tab")
        if not page.evaluate(IN_SEARCH):
            break
    assert not page.evaluate(IN_SEARCH), "Tab never left the search"
    assert not page.evaluate(SEARCH_OPEN), "the search stayed open behind the focus"
    expect(page.locator(".md-search__overlay"), "the page stayed dimmed").to_be_hidden()
    assert focused(page)["visible"], focused(page)


def test_tabbing_out_of_search_results_closes_the_search(keyboard_page, site_url):
    page = keyboard_page
    page.goto(site_url)
    tab_to(page, SEARCH_FIELD)
    page.keyboard.type("refund", delay=20)
    page.locator(".md-search-result__item a").first.wait_for()
    assert page.evaluate(SEARCH_OPEN), "typing opens the results"
    for _ in range(20):
        page.keyboard.press("Tab")
        if not page.evaluate(IN_SEARCH):
            break
    assert not page.evaluate(SEARCH_OPEN), "the search stayed open behind the focus"
    assert focused(page)["visible"], focused(page)


@pytest.mark.parametrize("where", ["field", "result"])
def test_escape_closes_the_search_and_keeps_the_focus_in_sight(keyboard_page, site_url, where):
    page = keyboard_page
    page.goto(site_url)
    tab_to(page, SEARCH_FIELD)
    page.keyboard.type("change my address", delay=20)
    page.locator(".md-search-result__item a").first.wait_for()
    if where == "result":
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('hubgen-result')")
    page.keyboard.press("Escape")
    assert not page.evaluate(SEARCH_OPEN)
    expect(page.locator(".md-search__overlay"), "the page stayed dimmed").to_be_hidden()
    now = focused(page)
    assert now["visible"], f"the focus was lost: {now}"
    assert page.evaluate(f"document.activeElement === document.querySelector('{SEARCH_FIELD}')"), now
    # From there the keyboard goes on: typing again opens the answers.
    page.keyboard.type(" please", delay=20)
    assert page.evaluate(SEARCH_OPEN)
