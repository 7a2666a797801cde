"""Backers' own sentences typed into the built hubs' search, in headless Chromium.

Two hubs: the example hub, and a second hub (tests/hubs/crowded) of 45 FAQ
entries without keywords whose answers share the same words (shipping,
pledge, card, address, order). Each sentence is typed as a person types it,
into the header search and into the "How can we help?" box, and must bring up
its answer among the first 3 results shown (each result is one answer; none is
folded away). None of the sentences is a FAQ question or a keyword: they are
what backers type, not what the creator wrote.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, run_hubgen, serve_folder
from hubgen.pipeline import load_hub
from hubgen.search.lunrjs import STOP_WORDS

CROWDED = REPO / "tests" / "hubs" / "crowded"

# what a backer types -> where the answer is (a page ending in "/" counts for any part of it)
EXAMPLE_SENTENCES = {
    "i moved house last month": "faq/#change-address",
    "we are moving flat before it ships, what do i do": "faq/#change-address",
    "can i have my money back": "refund-policy/",
    "the bank said my card was declined": "faq/#card-declined",
    "do I pay vat when it arrives in france": "faq/#customs",
    "where's my parcel got to": "faq/#tracking",
    "it says delivered but nothing is here": "faq/#not-arrived",
    "the lid came dented in the post": "faq/#damaged",
    "I see two payments from you on my statement": "faq/#charged-twice",
    "my bank converted the price and it cost more": "faq/#currency",
    "never received any survey": "faq/#no-survey",
    "is it too late to get extras like the cup": "faq/#add-ons",
    "I want to stop my order": "faq/#cancel-pledge",
    "does this kettle work on an induction cooker": "faq/#stove-types",
    "how many litres of water fit inside": "faq/#capacity",
    "what guarantee do I get if it breaks": "faq/#warranty",
    "getting limescale off the inside": "faq/#cleaning",
    "you dropped my pledge, why": "faq/#dropped-pledge",
    "can i swap to the green one": "faq/#change-colour",
    "how many days until my refund lands": "faq/#refund-time",
    # The region that lists Canada on delivery/ ("United States and Canada", the hub's
    # fourth region) answers better than the general "Do you ship outside the UK?".
    "can you deliver to my country, i live in canada": "delivery/#region-4",
    "wat does locked down mean": "pledge-states/#locked",
    "when is the kettle coming": "faq/#when-ship",
    "why is australia delayed": "updates/2026-11-18-shipping-plan/",
}
CROWDED_SENTENCES = {
    "what stage is my order at": "faq/#order-status",
    "i want the bigger bundle instead": "faq/#upgrade-pledge",
    "switch to a lower tier please": "faq/#downgrade-pledge",
    "can i add another backpack to what i ordered": "faq/#second-pack",
    "ship it to my brother as a present": "faq/#gift-order",
    "i heard about the kickstarter after it finished, can i still join": "faq/#late-pledge",
    "accidentally pledged two times with different logins": "faq/#two-accounts",
    "can my friend and I get our packs in one parcel": "faq/#merge-orders",
    "no confirmation mail arrived after I paid": "faq/#order-confirmation",
    "what happens if I answer the survey late": "faq/#survey-deadline",
    "when will you bill my card": "faq/#card-charged-when",
    "my visa has run out, new card number": "faq/#card-expired",
    "the charge failed, is my pledge gone": "faq/#payment-retry",
    "do you take paypal": "faq/#paypal",
    "why is postage extra now": "faq/#shipping-charged-separately",
    "need a vat receipt for my business": "faq/#invoice",
    "is paying monthly possible": "faq/#split-payment",
    "my old bank account is closed, where does the refund go": "faq/#refund-card-closed",
    "a pending transaction showed up on my account": "faq/#pending-charge",
    "can i be charged in euro": "faq/#currency-choice",
    "how much will postage cost to germany": "faq/#shipping-cost",
    "i moved, how do i change where it goes": "faq/#edit-address",
    "my order locked and the street is wrong": "faq/#address-after-lock",
    "why do you need my phone number": "faq/#phone-number",
    "where is the tracking code": "faq/#tracking-link",
    "tracking is stuck for days": "faq/#tracking-not-moving",
    "courier came and I was not home": "faq/#missed-delivery",
    "do I have to pay import fees at the door in the uk": "faq/#customs-fees",
    "can i get it faster with express": "faq/#ship-faster",
    "how many litres is it": "faq/#backpack-size",
    "will my stuff stay dry in the rain": "faq/#waterproof",
    "a zipper broke after a month": "faq/#warranty-claim",
    "can i still cancel": "faq/#cancel-order",
    "how many days until the refund reaches my card": "faq/#refund-timing",
    "the seam is ripped": "faq/#damaged-on-arrival",
    "got the wrong color in the box": "faq/#wrong-item",
}

# Rendered by hubgen-search.js once the answers to the whole typed text are shown.
SETTLED = "([list, text]) => document.querySelector(list).dataset.query === text"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9_]+", text.lower())


def shown(page, box: str, results: str, query: str) -> list[str]:
    """Clear the box, type the query like a person, return the answers' locations, best first."""
    field = page.locator(box)
    field.fill("")
    field.press_sequentially(query, delay=5)
    page.wait_for_function(SETTLED, arg=[results, query], timeout=15000)
    base = urlsplit(page.url)
    found = []
    for href in page.eval_on_selector_all(f"{results} > li > a", "els => els.map(a => a.href)"):
        url = urlsplit(href)
        assert url.netloc == base.netloc
        found.append(url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else ""))
    return found


def answers(expected: str, location: str) -> bool:
    """A long FAQ is split by category: faq/#id is then at faq/<category>/#id."""
    if expected.startswith("faq/#"):
        return location.startswith("faq/") and location.endswith(expected[len("faq/"):])
    return location == expected or (expected.endswith("/") and location.split("#")[0] == expected)


def misses(page, box: str, results: str, sentences: dict[str, str]) -> dict[str, list[str]]:
    missed = {}
    for query, expected in sentences.items():
        top = shown(page, box, results, query)[:3]
        if not any(answers(expected, location) for location in top):
            missed[query] = top
    return missed


@pytest.fixture(scope="module")
def crowded_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("crowded") / "site"
    result = run_hubgen("build", str(CROWDED), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_folder(out)
    yield url
    server.shutdown()


HEADER = ("input.md-search__input", "[data-hubgen-results]")
ANSWER_BOX = ("#hubgen-answers-1-input", "#hubgen-answers-1-list")


def test_header_search_finds_each_sentence_on_the_example_hub(page, site_url):
    page.goto(site_url + "updates/")
    page.locator(HEADER[0]).click()
    assert not misses(page, *HEADER, EXAMPLE_SENTENCES)


def test_header_search_finds_each_sentence_on_a_hub_whose_answers_share_words(page, crowded_url):
    page.goto(crowded_url + "faq/")
    page.locator(HEADER[0]).click()
    assert not misses(page, *HEADER, CROWDED_SENTENCES)


@pytest.mark.parametrize("path", ["", "contact/", "no-such-page/"])
def test_how_can_we_help_box_answers_as_the_backer_types(page, site_url, crowded_url, path):
    # home, contact and the 404 page carry the box; the 404 page is the host's answer to a bad link.
    for url, sentences in ((site_url, EXAMPLE_SENTENCES), (crowded_url, CROWDED_SENTENCES)):
        page.goto(url + (path if path != "no-such-page/" else "404.html"))
        expect_label = page.locator("label[for='hubgen-answers-1-input']")
        assert expect_label.inner_text() == "How can we help?"
        chosen = sentences if path == "" else dict(list(sentences.items())[::4])
        assert not misses(page, *ANSWER_BOX, chosen), url + path


def test_each_answer_is_its_own_result_with_title_and_one_line(page, crowded_url):
    # Several answers on the same FAQ page: each is shown, none folded under the page.
    page.goto(crowded_url)
    top = shown(page, *ANSWER_BOX, "card")
    same_page = [loc for loc in top if loc.startswith("faq/payments-and-cards/#")]
    assert len(same_page) >= 3, top
    first = page.locator("#hubgen-answers-1-list > li > a").first
    assert first.locator(".hubgen-result__title").inner_text().strip()
    snippet = first.locator(".hubgen-result__snippet").inner_text()
    assert 20 < len(snippet) <= 161 and "\n" not in snippet
    assert page.locator("text=/more on this page/").count() == 0


def test_the_answer_box_works_from_the_keyboard_and_tells_screen_readers(page, site_url):
    page.goto(site_url + "contact/")
    box = page.locator(ANSWER_BOX[0])
    box.focus()
    box.press_sequentially("my kettle has a dent", delay=5)
    page.wait_for_function(SETTLED, arg=[ANSWER_BOX[1], "my kettle has a dent"])
    status = page.locator("#hubgen-answers-1-status")
    assert status.get_attribute("role") == "status" and re.fullmatch(r"\d+ answers?", status.inner_text())
    assert box.get_attribute("aria-describedby") == "hubgen-answers-1-status"
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and "#damaged" in focused
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/faq/.*#damaged$"))
    assert page.locator("[id='damaged']").is_visible()


def test_nothing_found_says_so(page, site_url):
    page.goto(site_url)
    top = shown(page, *ANSWER_BOX, "zzqx wqzzy")
    assert top == []
    assert "No answers found" in page.locator("#hubgen-answers-1-status").inner_text()


def test_index_text_is_shown_as_text_never_as_markup(page, tmp_path):
    hub = tmp_path / "content"
    import shutil
    shutil.copytree(CROWDED, hub)
    faq = hub / "faq.yaml"
    faq.write_text(faq.read_text().replace(
        "q: Is it waterproof?", "q: \"Is it <img src=x onerror=alert(1)> waterproof?\""))
    out = tmp_path / "site"
    assert run_hubgen("build", str(hub), "-o", str(out)).returncode == 0
    server, url = serve_folder(out)
    try:
        page.goto(url)
        shown(page, *ANSWER_BOX, "waterproof")
        title = page.locator("#hubgen-answers-1-list .hubgen-result__title").first.inner_text()
        assert "<img src=x onerror=alert(1)>" in title
        assert page.locator("#hubgen-answers-1-list img").count() == 0
    finally:
        server.shutdown()


def test_sentences_are_fresh_not_copied_from_questions_or_keywords(example_content):
    for content, sentences in ((example_content, EXAMPLE_SENTENCES), (CROWDED, CROWDED_SENTENCES)):
        hub = load_hub(Path(content)).hub
        written = [words(entry.question) for entry in hub.faq_entries] + [
            words(keyword) for entry in hub.faq_entries for keyword in entry.keywords]
        for sentence in sentences:
            typed = words(sentence)
            meaning = [w for w in typed if w not in STOP_WORDS]
            for source in written:
                assert typed != source, (sentence, source)
                kept = [w for w in source if w not in STOP_WORDS]
                runs = {tuple(kept[i:i + 3]) for i in range(len(kept) - 2)}
                assert not any(tuple(meaning[i:i + 3]) in runs for i in range(len(meaning) - 2)), (sentence, source)
    assert len(EXAMPLE_SENTENCES) + len(CROWDED_SENTENCES) >= 40
    assert len(load_hub(CROWDED).hub.faq_entries) >= 40


# Nothing fading in or out: axe judges the colours a reader sees, not a transition's.
NOTHING_FADING = "() => document.getAnimations().every(a => a.playState !== 'running')"


@pytest.mark.parametrize("width", [390, 1280])
def test_answers_shown_are_axe_clean(browser, site_url, width):
    # WCAG 2.2 AA with answers on screen: the box on the home page, then the header search open.
    axe = REPO / "node_modules" / "axe-core" / "axe.min.js"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    found = []
    try:
        for path in ("", "contact/", "404.html"):
            page.goto(site_url + path)
            assert shown(page, *ANSWER_BOX, "where is my parcel")
            page.wait_for_function(NOTHING_FADING)
            page.add_script_tag(path=str(axe))
            found += [(path, v["id"], v["nodes"][0]["target"])
                      for v in page.evaluate("tags => axe.run(document, {runOnly: tags})", tags)["violations"]]
        opener = page.locator("label.md-header__button[for='__search']").first
        if opener.is_visible():  # phones open the search with a button
            opener.click()
        page.locator(HEADER[0]).click()
        assert shown(page, *HEADER, "card declined")
        page.wait_for_function(NOTHING_FADING)
        found += [("header", v["id"], v["nodes"][0]["target"])
                  for v in page.evaluate("tags => axe.run(document, {runOnly: tags})", tags)["violations"]]
    finally:
        context.close()
    assert not found, found


def test_the_closed_search_takes_no_focus_on_a_phone(browser, site_url):
    # Below 60em the search slides in from the side: closed, a Tab must never land in it.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "faq/")
        for _ in range(8):
            page.keyboard.press("Tab")
            assert not page.evaluate("!!(document.activeElement && document.activeElement.closest('.md-search__inner'))")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator("label.md-header__button[for='__search']").first.click()
        assert shown(page, *HEADER, "card declined")[0].endswith("#card-declined")
    finally:
        context.close()
