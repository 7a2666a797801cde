"""search/?q=...: the results page a backer can share, in headless Chromium.

The header search's and the answer boxes' Enter lead there; the page ranks as
the boxes do (hubgen-search.js, the same engine as hubgen.search); a question
nothing answers offers the contact form with the question filled in.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote_plus, urlsplit

import pytest

from hubgen.search import SearchEngine

RESULTS = "#hubgen-results-list"
SETTLED = "([list, text]) => document.querySelector(list).dataset.query === text"


@pytest.fixture(scope="module")
def engine(built_site) -> SearchEngine:
    return SearchEngine(json.loads((built_site / "search" / "search_index.json").read_text()))


def listed(page, query: str) -> list[str]:
    page.wait_for_function(SETTLED, arg=[RESULTS, query], timeout=15000)
    found = []
    for href in page.eval_on_selector_all(f"{RESULTS} > li > a", "els => els.map(a => a.href)"):
        url = urlsplit(href)
        found.append(url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else ""))
    return found


def test_enter_in_the_header_search_opens_the_results_page(page, site_url, engine):
    page.goto(site_url + "updates/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("where is my kettle", delay=5)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=where\+is\+my\+kettle$"))
    shown = listed(page, "where is my kettle")
    assert shown[0] == "faq/#tracking"
    assert shown == [hit.location for hit in engine.search("where is my kettle")]
    assert page.locator("#hubgen-results-input").input_value() == "where is my kettle"
    assert page.locator(".hubgen-results__ask").is_hidden()


def test_a_shared_results_address_shows_the_answers_ranked_as_the_answer_box(page, site_url, engine):
    query = "my card was declined, what now?"
    page.goto(site_url + "search/?q=" + quote_plus(query))
    shown = listed(page, query)
    assert shown == [hit.location for hit in engine.search(query)][:len(shown)] and shown
    assert page.locator("#hubgen-results-status").inner_text() == f"{len(shown)} answers"
    assert page.title().startswith("Search results")
    # the answer box on the home page ranks the same answers first
    page.goto(site_url)
    page.locator("#hubgen-answers-1-input").press_sequentially(query, delay=5)
    page.wait_for_function(SETTLED, arg=["#hubgen-answers-1-list", query], timeout=15000)
    first = page.eval_on_selector_all("#hubgen-answers-1-list > li > a", "els => els.map(a => a.href)")
    assert [urlsplit(h).fragment for h in first] == [s.split("#")[1] for s in shown[:len(first)]]
    page.locator("#hubgen-answers-1-input").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert listed(page, query) == shown


def test_a_question_nothing_answers_offers_the_contact_form_with_it_filled_in(page, site_url):
    query = "Do the zorbly flanges glow?"
    page.goto(site_url + "search/?q=" + quote_plus(query))
    assert listed(page, query) == []
    assert page.locator("#hubgen-results-status").inner_text() == "No answers for \u201cDo the zorbly flanges glow?\u201d."
    ask = page.locator(".hubgen-results__ask a")
    assert ask.inner_text() == "Ask us instead, with your question filled in"
    ask.click()
    page.wait_for_url(re.compile(r"/contact/\?question=.*#ask$"))
    assert page.locator("#ask-message").input_value() == query


def test_the_results_page_without_javascript_says_where_the_answers_are(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "search/?q=refund")
        assert "Every answer is also in the questions and answers." in page.inner_text("article")
        page.get_by_role("link", name="questions and answers").click()
        page.wait_for_url("**/faq/")
    finally:
        context.close()
