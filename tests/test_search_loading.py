"""How the search gets to a backer on a slow network (#29), in headless Chromium.

The "How can we help?" box is in the page's HTML, so it takes a question from
the first paint, with or without the script; the index starts loading with the
page, not when the box gets the focus; it comes in shards (answers first, the
updates after), and a question is answered from the first shard while the
rest still load. Speed itself is measured in bench/ (backer_timing.py).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import mimetypes
import re
import threading
from pathlib import Path

import pytest

from conftest import run_hubgen, serve_folder
from contentkit import TODAY, write_content
from hubgen.pipeline import load_hub
from hubgen.render.headers import headers_for, parse_headers
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
    bundle = HeldRequests()
    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), bundle)
    page.goto(site_url, wait_until="commit")
    page.locator(BOX).fill("i moved house")
    page.wait_for_function("([list, text]) => document.querySelector(list).dataset.query === text",
                           arg=[ANSWERS, "i moved house"], timeout=15000)
    assert page.locator(f"{ANSWERS} > li > a").first.get_attribute("href").endswith("#change-address")
    assert bundle.waiting and page.evaluate("document.readyState") == "interactive"  # the bundle is still held
    bundle.release()
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


class _Host(http.server.BaseHTTPRequestHandler):
    """The site as a host like Netlify serves it: the headers its _headers file asks for,
    ETags, and 304 to a request whose copy is current. A request asking whether the
    index's first shard changed waits for `asked` to be set (a host far away)."""

    protocol_version = "HTTP/1.1"
    rules: list = []
    asked: threading.Event

    def __init__(self, *args, directory: str, **kwargs):
        self.site = Path(directory)
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        file = self.site / path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        if not file.is_file():
            self.send_error(404)
            return
        data = file.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        headers = {"ETag": etag, **headers_for(self.rules, path)}
        if self.headers.get("If-None-Match") == etag:
            if path == "/" + search_shard_file(0):
                self.asked.wait(20)
            self.send_response(304)
            body = b""
        else:
            self.send_response(200)
            headers.setdefault("Content-Type", mimetypes.guess_type(file.name)[0] or "application/octet-stream")
            headers["Content-Length"] = str(len(data))
            body = data
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def serve_as_host(site: Path, asked: threading.Event):
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    return serve_folder(site, type("Host", (_Host,), {"rules": rules, "asked": asked}))


def ask(page, query: str) -> str:
    """The first answer's title, once the answers come from the whole, current index."""
    page.locator(BOX).fill(query)
    page.wait_for_function("([list, text]) => document.querySelector(list).dataset.query === text",
                           arg=[ANSWERS, query], timeout=15000)
    return page.locator(f"{ANSWERS} .hubgen-result__title").first.inner_text()


def test_a_later_visit_answers_from_the_kept_index_while_the_host_is_asked(browser, built_site):
    """On a later visit the index's first shard comes from the browser's cache at once and
    the box answers from it, while the host is still asked whether it changed: one round
    trip (0.4 s on a slow phone network) less before the first answer (#29)."""
    asked = threading.Event()
    asked.set()
    server, url = serve_as_host(built_site, asked)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        title = ask(page, "i moved house")  # the first visit: the index comes from the host
        page.goto("about:blank")  # the same address again would be a reload, which revalidates
        asked.clear()  # from now on the host takes its time to say whether the shard changed
        page.goto(url)
        page.locator(BOX).fill("i moved house")
        page.wait_for_selector(f"{ANSWERS} > li > a[href$='#change-address']", timeout=15000)
        # answered from the kept copy; not yet known to be the current one
        assert page.locator(ANSWERS).get_attribute("data-query") == ""
        asked.set()
        assert ask(page, "i moved house") == title
    finally:
        asked.set()
        context.close()
        server.shutdown()


def test_a_kept_index_that_is_out_of_date_gives_way_to_the_current_one(browser, content_copy, tmp_path):
    """The creator retitled an answer since the backer's last visit: the box may answer
    from the copy the browser kept, but the current index follows and the box answers
    again from it."""
    content = content_copy
    site = tmp_path / "site"
    assert run_hubgen("build", str(content), "-o", str(site), "--today", TODAY).returncode == 0
    asked = threading.Event()
    asked.set()
    server, url = serve_as_host(site, asked)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        before = ask(page, "i moved house")
        assert before == "How do I change my shipping address?"
        faq = content / "faq.yaml"
        faq.write_text(faq.read_text(encoding="utf-8").replace(before, "Moving house after you pledged"),
                       encoding="utf-8")
        assert run_hubgen("build", str(content), "-o", str(site), "--today", TODAY).returncode == 0
        page.goto("about:blank")
        page.goto(url)
        assert ask(page, "i moved house") == "Moving house after you pledged"
    finally:
        context.close()
        server.shutdown()
