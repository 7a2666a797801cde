"""Backers' own words typed into the search box of the built example hub, in headless Chromium.

Each phrasing must bring up its answer among the first 3 results the dialog
shows (page headings that only group a page's matching sections are not
results). None of the phrasings is a FAQ question: they are what backers
type, not what the creator wrote.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from hubgen.pipeline import load_hub

# what a backer types -> where the answer is (a page ending in "/" counts for any part of it)
PHRASINGS = {
    "moved house": "faq/#change-address",
    "card declined": "faq/#card-declined",
    "money back": "refund-policy/",
    "vat": "faq/#customs",
    "where is my parcel": "faq/#tracking",
    "import duty": "faq/#customs",
    "payment errored": "pledge-states/#errored",
    "update my address": "faq/#change-address",
    "parcel lost": "faq/#not-arrived",
    "kettle arrived dented": "faq/#damaged",
    "charged two times": "faq/#charged-twice",
    "exchange rate": "faq/#currency",
    "survey email missing": "faq/#no-survey",
    "extras": "faq/#add-ons",
    "cancel my order": "faq/#cancel-pledge",
    "induction hob": "faq/#stove-types",
    "how many litres": "faq/#capacity",
    "guarantee": "faq/#warranty",
    "limescale": "faq/#cleaning",
    "my pledge got dropped": "faq/#dropped-pledge",
    "ready to ship": "pledge-states/#ready_to_ship",
    "pledge locked down": "pledge-states/#locked",
    "refund taking long": "faq/#refund-time",
    "email support": "contact/",
    "send it abroad": "faq/#international",
    "declined payment": "faq/#card-declined",
    "delay": "updates/2026-11-18-shipping-plan/",
}

# Material renders a result list per answer from its worker; this waits until the
# list is the answer to the whole query, not to a prefix typed on the way.
SETTLED = """words => {
    const links = [...document.querySelectorAll('.md-search-result__item > a')];
    let seen = false;
    for (const link of links) {
        const terms = (new URL(link.href).searchParams.get('h') || '').split(' ').filter(Boolean);
        for (const term of terms) { if (!words.includes(term)) return false; seen = true; }
    }
    return seen;
}"""


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9_]+", text.lower())


def shown(page, query: str) -> list[str]:
    """Clear the box, type the query like a person, return the results' locations, best first."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function("!document.querySelector('.md-search-result__item')")
    box.press_sequentially(query, delay=15)  # Material searches on key events
    page.wait_for_function(SETTLED, arg=words(query), timeout=15000)
    found = page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(a => [a.href, a.querySelector('article').dataset.mdScore])")
    base = urlsplit(page.url)
    result = []
    for href, score in found:
        if float(score) == 0:  # a page heading over its matching sections
            continue
        url = urlsplit(href)
        assert url.netloc == base.netloc
        result.append(url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else ""))
    return result


def answers(expected: str, location: str) -> bool:
    return location == expected or (expected.endswith("/") and location.split("#")[0] == expected)


def test_backer_phrasings_find_their_answer_in_the_top_3(page, site_url):
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    missed = {}
    for query, expected in PHRASINGS.items():
        top = shown(page, query)[:3]
        if not any(answers(expected, location) for location in top):
            missed[query] = top
    assert not missed, missed


def test_there_are_20_or_more_phrasings_and_none_is_a_faq_question(example_content):
    assert len(PHRASINGS) >= 20
    questions = [words(entry.question) for entry in load_hub(example_content).hub.faq_entries]
    for phrase in PHRASINGS:
        typed = words(phrase)
        for question in questions:
            assert " ".join(typed) not in " ".join(question), (phrase, question)
            runs = {tuple(question[i:i + 3]) for i in range(len(question) - 2)}
            assert not any(tuple(typed[i:i + 3]) in runs for i in range(len(typed) - 2)), (phrase, question)


@pytest.mark.parametrize("query", ["moved house", "vat"])
def test_a_result_opens_the_answer_at_its_anchor(page, site_url, query):
    page.goto(site_url + "updates/")
    page.locator("input.md-search__input").click()
    location = shown(page, query)[0]
    assert location == PHRASINGS[query]
    anchor = location.split("#")[1]
    page.locator(f".md-search-result__item > a[href*='#{anchor}']").first.click()
    page.wait_for_url(re.compile(f"/faq/.*#{anchor}$"))
    assert page.locator(f"[id='{anchor}']").is_visible()
