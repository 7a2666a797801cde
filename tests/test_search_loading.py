"""How the search gets to a backer on a slow network (#29), in headless Chromium.

The "How can we help?" box is in the page's HTML, so it takes a question from
the first paint, with or without the script; the index starts loading with the
page, not when the box gets the focus; it comes in shards (answers first, the
updates after), and a question is answered from the first shard while the
rest still load. Speed itself is measured in bench/ (backer_timing.py).
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_hubgen, serve_folder
from contentkit import TODAY, write_content
from hubgen.pipeline import load_hub
from hubgen.search.index import UPDATE_SHARD_BYTES, build_search_index, search_shards
from hubgen.urls import search_shard_file

BOX = "#hubgen-answers-1-input"
ANSWERS = "#hubgen-answers-1-list"


class HeldRequests:
    """Requests kept waiting until the test lets them go, as a slow network would.

    A route handler that blocked (on a threading.Event, say) would stop
    Playwright's whole dispatcher, the test's own steps with it, until its
    timeout; and under faketime such a timeout may never come. Routes are
    kept instead and continued later from the test.
    """

    def __init__(self):
        self.waiting, self.released, self.seen = [], False, 0

    def __call__(self, route):
        self.seen += 1
        if self.released:
            route.continue_()
        else:
            self.waiting.append(route)

    def release(self):
        self.released = True
        while self.waiting:
            self.waiting.pop().continue_()


@pytest.mark.parametrize("path", ["", "contact/", "404.html"])
def test_the_answer_box_is_in_the_pages_html_and_works_without_the_script(browser, site_url, path):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        box = page.locator(BOX)
        assert box.is_visible() and page.locator("label[for='hubgen-answers-1-input']").inner_text() == \
            "How can we help?"
        box.fill("i moved house")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=i\+moved\+house$"))
    finally:
        context.close()


def test_the_index_loads_with_the_page_not_when_the_box_gets_the_focus(page, site_url):
    with page.expect_request(re.compile(r"/search/index-0\.json$"), timeout=15000):
        page.goto(site_url)
    assert page.evaluate("document.activeElement === document.body")


def test_a_question_typed_before_the_script_ran_is_answered(page, site_url):
    held = HeldRequests()
    page.route(re.compile(r"hubgen-search\.[0-9a-f]+\.js$"), held)
    page.goto(site_url, wait_until="commit")
    page.locator(BOX).fill("i moved house")  # the script is still on its way
    held.release()
    page.wait_for_function("([list, text]) => document.querySelector(list).dataset.query === text",
                           arg=[ANSWERS, "i moved house"], timeout=15000)
    first = page.locator(f"{ANSWERS} > li > a").first.get_attribute("href")
    assert first.endswith("#change-address")
    assert held.seen, "the search script was never held: the test proved nothing"


def test_the_box_answers_while_materials_bundle_is_still_on_its_way(page, site_url):
    """Material's bundle (35 KB gzip, the largest file of a page) waits for the page to be
    parsed instead of holding the parser: the search script in the head neither waits for it
    nor sits behind it, so the box answers before it is in (#29: on a slow network it came
    last, and the answer with it)."""
    waiting = []
    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: waiting.append(route))
    page.goto(site_url, wait_until="commit")
    page.locator(BOX).fill("i moved house")
    page.wait_for_function("([list, text]) => document.querySelector(list).dataset.query === text",
                           arg=[ANSWERS, "i moved house"], timeout=15000)
    assert page.locator(f"{ANSWERS} > li > a").first.get_attribute("href").endswith("#change-address")
    assert waiting and page.evaluate("document.readyState") == "interactive"  # the bundle is still held
    for route in waiting:
        route.continue_()
    # Material's own script still runs once it is in.
    page.wait_for_function("document.readyState === 'complete'", timeout=15000)
    assert page.evaluate("typeof window.document$ === 'object' && typeof window.component$ === 'object'")


LONG_UPDATE = """\
    ---
    title: Factory diary, week {n}
    date: 2026-10-{day:02d}
    ---
    {body}
    """


@pytest.fixture(scope="module")
def newsy_site(tmp_path_factory):
    """A hub whose updates fill several shards."""
    root = tmp_path_factory.mktemp("newsy")
    words = ("Enamel kiln handle batch spout lid gasket carton pallet freight inspection sample " * 250).strip()
    updates = {f"updates/2026-10-{n:02d}-diary-{n}.md": LONG_UPDATE.format(n=n, day=n, body=f"Week {n}. {words}")
               for n in range(1, 29)}
    content = write_content(root, updates)
    out = root / "site"
    result = run_hubgen("build", str(content), "-o", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    server, url = serve_folder(out)
    yield content, out, url
    server.shutdown()


def test_the_index_is_written_in_shards_that_make_up_the_whole(newsy_site):
    content, site, _ = newsy_site
    whole = json.loads((site / "search" / "search_index.json").read_text())
    first = json.loads((site / search_shard_file(0)).read_text())
    rest = [json.loads((site / "search" / name).read_text()) for name in first["shards"]]
    assert len(rest) >= 2 and first["config"] == whole["config"]
    assert first["docs"] + [doc for shard in rest for doc in shard["docs"]] == whole["docs"]
    # the answers first; the updates, in shards of about UPDATE_SHARD_BYTES, after them
    assert not any(doc["location"].startswith("updates/2026") for doc in first["docs"])
    assert all(doc["location"].startswith("updates/2026") for shard in rest for doc in shard["docs"])
    assert all(len(json.dumps(shard)) < 1.5 * UPDATE_SHARD_BYTES for shard in rest)
    assert search_shards(build_search_index(load_hub(content).hub)) == [first, *rest]


def test_a_question_is_answered_from_the_first_shard_while_the_news_still_loads(browser, newsy_site):
    _, _, url = newsy_site
    page = browser.new_page()
    held = HeldRequests()
    try:
        page.route(re.compile(r"/search/index-[1-9][0-9]*\.json$"), held)
        page.goto(url)
        page.locator(BOX).fill("when will my kettle ship")
        page.wait_for_selector(f"{ANSWERS} > li > a[href$='#when-ship']", timeout=15000)
        # shown, but not yet from the whole index
        assert page.locator(ANSWERS).get_attribute("data-query") == ""
        held.release()
        page.wait_for_function("([list, text]) => document.querySelector(list).dataset.query === text",
                               arg=[ANSWERS, "when will my kettle ship"], timeout=15000)
        page.locator(BOX).fill("kiln gasket inspection")  # words only the updates have
        page.wait_for_function("([list, text]) => document.querySelector(list).dataset.query === text",
                               arg=[ANSWERS, "kiln gasket inspection"], timeout=15000)
        assert "/updates/2026-10-" in page.locator(f"{ANSWERS} > li > a").first.get_attribute("href")
    finally:
        held.release()
        page.close()
