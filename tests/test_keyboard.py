"""The example hub with a keyboard only, in headless Chromium: Tab, arrows, Enter and Escape."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest
from playwright.sync_api import expect

from test_forms import tab_to
from test_search_browser import crowded_url  # noqa: F401 (a fixture)

SEARCH_FIELD = "input.md-search__input"
IN_SEARCH = "!!document.activeElement.closest('.hubgen-search')"
SEARCH_OPEN = "document.getElementById('__search').checked"


def focused(page) -> dict:
    """What has the focus, and whether a sighted keyboard user can see it."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        return {tag: el.tagName, text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
                visible: el !== document.body && box.width > 0 && box.height > 0
                         && getComputedStyle(el).visibility !== 'hidden' && el.checkVisibility({opacityProperty: true})};
    }""")


def test_tabbing_past_the_header_search_leaves_it_closed_and_the_page_undimmed(page, site_url):
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


def test_tabbing_out_of_search_results_closes_the_search(page, site_url):
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
def test_escape_closes_the_search_and_keeps_the_focus_in_sight(page, site_url, where):
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


def test_a_backer_with_a_keyboard_only_finds_an_answer_then_writes_in(page, form_host):
    """Home -> "How can we help?" -> the answer -> "Was this helpful? No" -> the
    contact form -> sent, with Tab, arrows, Enter and typing only."""
    url, posts = form_host
    page.goto(url)
    tab_to(page, "#hubgen-answers-1-input")
    page.keyboard.type("my kettle arrived with a dented lid", delay=10)
    page.locator("#hubgen-answers-1-list a[href$='#damaged']").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("#damaged")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/faq/(.*/)?#damaged$"))
    answer = page.locator("[id='damaged']")
    assert answer.is_visible() and 0 <= answer.bounding_box()["y"] < 900, "the answer is in view"
    # Not quite the answer: say so, and go on to write in with the question filled in.
    tab_to(page, "[data-entry='damaged'] button[data-helpful='no']")
    page.keyboard.press("Enter")
    tab_to(page, "[data-entry='damaged'] .hubgen-helpful__more a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contact/\?question=.*#ask$"))
    for field, keys in [("#ask-name", "Tomás Ferreira"), ("#ask-email", "tomas@example.org")]:
        tab_to(page, field)
        page.keyboard.type(keys, delay=5)
    tab_to(page, "#ask-topic")
    for _ in range(10):
        if page.locator("#ask-topic").input_value().startswith("Refunds, changes to locked orders"):
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("#ask-topic").input_value().startswith("Refunds, changes to locked orders")
    tab_to(page, "#ask-message")
    assert page.locator("#ask-message").input_value().startswith("About")  # filled in from the answer
    page.keyboard.press("End")
    page.keyboard.type("the lid is dented and the box was fine.", delay=5)
    tab_to(page, "#ask-form button[type='submit']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contact/thanks/$"))
    assert len(posts) == 1
    fields = dict(parse_qsl(posts[0]["body"].decode()))
    assert fields["name"] == "Tomás Ferreira" and fields["topic"].startswith("Refunds, changes")
    sent = page.locator("[data-hubgen-sent]")
    assert sent.is_visible() and "the lid is dented and the box was fine." in sent.inner_text()


def test_on_a_narrow_screen_the_keyboard_opens_the_search_and_escape_returns_to_its_button(browser, site_url):
    # 390 px wide: a phone with a keyboard, or a desktop zoomed to 400 % (WCAG 1.4.10),
    # where the header shows a search button instead of the field.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_url + "faq/")
        opener = "label.md-header__button[for='__search']"
        tab_to(page, opener, limit=20)
        assert page.locator(opener).get_attribute("role") == "button"
        page.keyboard.press("Enter")
        assert page.evaluate(SEARCH_OPEN)
        assert page.evaluate(f"document.activeElement === document.querySelector('{SEARCH_FIELD}')")
        page.keyboard.type("refund", delay=20)
        page.locator(".md-search-result__item a").first.wait_for()
        page.keyboard.press("Escape")
        assert not page.evaluate(SEARCH_OPEN)
        assert page.evaluate(f"document.activeElement === document.querySelector(\"{opener}\")"), focused(page)
        assert focused(page)["visible"]
    finally:
        context.close()


# -- the menu (Material's drawer) on a narrow screen ---------------------------------

MENU = "label.md-header__button[for='__drawer']"
DRAWER_OPEN = "document.getElementById('__drawer').checked"
# What has the focus can be seen: not off-screen, not behind a pane or the drawer's edge,
# and drawn with a ring (WCAG 2.4.7, 2.4.11).
IN_SIGHT = """() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const x = box.left + Math.min(box.width / 2, 20), y = box.top + box.height / 2;
    const onTop = document.elementFromPoint(x, y);
    const style = getComputedStyle(el);
    return el !== document.body && box.width > 0 && box.left >= 0 && box.right <= innerWidth + 1
        && box.top >= 0 && box.bottom <= innerHeight + 1 && !!onTop && (onTop === el || el.contains(onTop))
        && el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
}"""
NARROW = {"phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
          "desktop": {"viewport": {"width": 1024, "height": 768}}}  # Material's drawer up to 1219 px


def in_drawer(page) -> bool:
    return page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")


@pytest.mark.parametrize("screen", NARROW)
def test_the_menu_button_opens_and_closes_the_drawer_from_the_keyboard(browser, site_url, screen):
    context = browser.new_context(**NARROW[screen])
    page = context.new_page()
    try:
        page.goto(site_url + "faq/")
        # Closed, the drawer's links sit off-screen: a Tab never lands in them.
        for _ in range(20):
            page.keyboard.press("Tab")
            assert not in_drawer(page), focused(page)
            if page.evaluate(f"document.activeElement === document.querySelector(\"{MENU}\")"):
                break
        else:
            raise AssertionError(f"the menu button never got the focus: {focused(page)}")
        menu = page.locator(MENU)
        assert menu.get_attribute("role") == "button" and menu.get_attribute("aria-label") == "Menu"
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate(IN_SIGHT), focused(page)
        for key in ("Enter", " "):
            page.keyboard.press(key)
            assert page.evaluate(DRAWER_OPEN) and menu.get_attribute("aria-expanded") == "true"
            page.wait_for_function(IN_SIGHT, timeout=3000)  # the drawer slides in
            assert in_drawer(page), focused(page)
            page.keyboard.press("Tab")
            page.wait_for_function(IN_SIGHT, timeout=3000)
            assert in_drawer(page), focused(page)
            page.keyboard.press("Escape")
            assert not page.evaluate(DRAWER_OPEN)
            assert page.evaluate(f"document.activeElement === document.querySelector(\"{MENU}\")"), focused(page)
            page.wait_for_function(IN_SIGHT, timeout=3000)  # the drawer slides away
        page.goto(site_url + "de/faq/")  # the name in the page's language (hubgen/labels/)
        assert page.locator(MENU).get_attribute("aria-label") == "Menü"
    finally:
        context.close()


def test_every_tab_in_the_open_drawer_lands_on_something_in_sight(browser, site_url, crowded_url):  # noqa: F811
    # The example's FAQ page slides its contents in over the menu; the crowded hub's
    # FAQ is a section of pages, open on one of them, with that page's contents inside.
    context = browser.new_context(**NARROW["phone"])
    page = context.new_page()
    try:
        for url in (site_url + "faq/", crowded_url + "faq/payments-and-cards/"):
            page.goto(url)
            tab_to(page, MENU, limit=20)
            page.keyboard.press("Enter")
            seen = []
            while in_drawer(page) and len(seen) < 40:
                page.wait_for_function(IN_SIGHT, timeout=3000)
                seen.append(focused(page)["text"])
                page.keyboard.press("Tab")
            assert "Refund policy" in seen or "FAQ" in seen, seen
            assert not page.evaluate(DRAWER_OPEN), "a Tab out of the drawer closes it"
        # A pane (the open page's contents) opens with Enter and goes back with Enter.
        page.goto(site_url + "faq/")
        tab_to(page, MENU, limit=20)
        page.keyboard.press("Enter")
        tab_to(page, "label.md-nav__link[for='__toc']", limit=5)
        page.keyboard.press("Enter")
        page.wait_for_function(IN_SIGHT, timeout=3000)
        assert page.evaluate("document.getElementById('__toc').checked")
        page.keyboard.press("Tab")
        page.wait_for_function(IN_SIGHT, timeout=3000)
        assert focused(page)["text"] == "Shipping and delivery"
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert not page.evaluate("document.getElementById('__toc').checked")
        assert page.evaluate("document.activeElement.matches(\"label.md-nav__link[for='__toc']\")"), focused(page)
    finally:
        context.close()


@pytest.mark.usefixtures("node_modules")  # axe-core comes from npm
def test_the_open_drawer_is_axe_clean(browser, site_url):
    from test_accessibility import AXE, WCAG_TAGS

    context = browser.new_context(**NARROW["phone"])
    page = context.new_page()
    try:
        page.goto(site_url + "faq/")
        tab_to(page, MENU, limit=20)
        page.keyboard.press("Enter")
        page.wait_for_function(IN_SIGHT, timeout=3000)
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("tags => axe.run(document, {runOnly: tags})", WCAG_TAGS)["violations"]
        assert not [(v["id"], v["nodes"][0]["target"]) for v in violations]
    finally:
        context.close()
