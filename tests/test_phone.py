"""The example hub on a 390 px phone with a touch screen, in headless Chromium."""

from __future__ import annotations

import re

import pytest

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def in_view(page, selector: str) -> bool:
    """Whether the element's top edge lies inside the window."""
    return page.evaluate("""s => {
        const box = document.querySelector(s).getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
    }""", selector)


def test_tapping_a_search_result_on_the_open_page_scrolls_to_the_answer(phone, site_url):
    phone.goto(site_url + "faq/")
    phone.locator("label.md-header__button[for='__search']").first.tap()
    phone.locator("input.md-search__input").press_sequentially("the lid came dented in the post", delay=10)
    result = phone.locator(".md-search-result__item > a[href$='faq/#damaged']").first
    result.wait_for()
    # Material locks the page's scroll a moment after the search opens: tap as a backer
    # would, once the results have been read.
    phone.wait_for_function("document.body.hasAttribute('data-md-scrolllock')")
    result.tap()
    phone.wait_for_url(re.compile("#damaged$"))
    phone.wait_for_timeout(1000)  # Material restores the old scroll position 100 ms after closing
    assert in_view(phone, "[id='damaged']"), f"scrolled to {phone.evaluate('window.scrollY')}"
    assert not phone.evaluate("document.getElementById('__search').checked"), "the search closed"
    assert not phone.evaluate("document.body.hasAttribute('data-md-scrolllock')"), "the page scrolls again"


def test_a_topic_someone_else_handles_hides_the_message_box_and_keeps_the_text(phone, site_url):
    phone.goto(site_url + "contact/")
    message = "I can't log in to the pledge manager since Tuesday"
    phone.locator("#ask-message").tap()
    phone.locator("#ask-message").fill(message)
    phone.locator("#ask-topic").select_option(label="Logging in to the pledge manager, password resets")
    elsewhere = phone.locator(".hubgen-ask__elsewhere:not([hidden])")
    assert "BackerKit support" in elsewhere.inner_text()
    assert elsewhere.locator("a[href='https://help.backerkit.com']").is_visible()
    assert not phone.locator(".hubgen-ask__send").is_visible(), "nothing to send to the creator"
    assert not phone.locator("#ask-message").is_visible(), "the message box is hidden with Send"
    assert not phone.locator("label[for='ask-message']").is_visible()
    # Back to a topic the creator answers: the backer's words are still there.
    phone.locator("#ask-topic").select_option(label="Refunds, changes to locked orders, damaged kettles")
    assert phone.locator("#ask-message").is_visible()
    assert phone.locator("#ask-message").input_value() == message
    assert phone.locator(".hubgen-ask__send").is_visible()
