"""`hubgen serve`: the real command in a subprocess, edited like a creator would.

Every wait is bounded, and the server process is always stopped.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import SOURCE_DATE_EPOCH, run_hubgen

START_TIMEOUT = 60
CHANGE_TIMEOUT = 20


class Served:
    def __init__(self, content: Path, url: str, process: subprocess.Popen, lines: queue.Queue):
        self.content, self.url, self.process, self.lines = content, url, process, lines

    def get(self, path: str = "") -> tuple[int, str, dict]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8"), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8"), dict(error.headers)

    def state(self) -> dict:
        return json.loads(self.get("__hubgen_version")[1])

    def wait_for(self, condition, what: str, timeout: float = CHANGE_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            assert self.process.poll() is None, "hubgen serve exited"
            time.sleep(0.2)
        pytest.fail(f"not within {timeout} s: {what}")


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


@pytest.fixture
def served(tmp_path: Path):
    content = tmp_path / "content"
    assert run_hubgen("init", "--content-only", str(content)).returncode == 0
    yield from _serve(content, tmp_path)


@pytest.fixture
def served_in_languages(tmp_path: Path, content_copy: Path):
    """The example hub: English, with German pages under de/."""
    yield from _serve(content_copy, tmp_path)


def _serve(content: Path, tmp_path: Path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    process = subprocess.Popen(
        [sys.executable, "-m", "hubgen", "serve", str(content), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    try:
        url, seen = None, []
        deadline = time.monotonic() + START_TIMEOUT
        while url is None and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                assert process.poll() is None, "hubgen serve exited: " + "".join(seen)
                continue
            seen.append(line)
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            url = match.group(1) if match else None
        assert url, "hubgen serve printed no URL: " + "".join(seen)
        yield Served(content, url, process, lines)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_the_hub_on_loopback_with_the_reload_script(served: Served):
    assert served.url.startswith("http://127.0.0.1:")
    status, body, headers = served.get()
    assert status == 200
    assert "Example Gadget" in body
    assert 'src="/__hubgen/reload.js"' in body
    assert "Content-Security-Policy" in headers  # the preview obeys the published headers
    assert served.get("__hubgen/reload.js")[0] == 200
    status, body, _ = served.get("no-such-page/")
    assert status == 404 and "__hubgen/reload.js" in body
    assert served.state()["ok"] is True


def test_a_missing_german_address_gets_the_german_404_page(served_in_languages: Served):
    status, body, _ = served_in_languages.get("de/faq/altes-thema/")
    assert status == 404 and '<html lang="de"' in body and ">Seite nicht gefunden</h1>" in body
    status, body, _ = served_in_languages.get("faq/old-topic/")
    assert status == 404 and '<html lang="en"' in body and ">Page not found</h1>" in body


@pytest.fixture
def served_in_a_folder(tmp_path: Path):
    """A hub published as a GitHub Pages project site, in a folder of its host."""
    content = tmp_path / "content"
    assert run_hubgen("init", "--content-only", str(content)).returncode == 0
    _edit(content / "hub.yaml", "site_url: https://help.example.com/", "site_url: https://kettle.github.io/kettle-help/")
    yield from _serve(content, tmp_path)


def test_the_404_page_of_a_hub_in_a_folder_works_in_the_preview(served_in_a_folder: Served):
    """A tester's 404 page in the preview had no style and no working link: they all
    start with the site's folder (/kettle-help/...), which the preview serves at /."""
    status, body, _ = served_in_a_folder.get("no-such-page/")
    assert status == 404 and ">Page not found</h1>" in body
    linked = sorted(set(re.findall(r'(?:href|src)="/kettle-help/([^"#?]*)', body)))
    assert {"", "."} & set(linked) and any(path.endswith(".css") for path in linked), linked  # home, style
    for path in linked:  # a favicon among them: its status only
        with urllib.request.urlopen(served_in_a_folder.url + "kettle-help/" + path, timeout=10) as response:
            assert response.status == 200, path
    assert served_in_a_folder.get("faq/")[0] == 200  # the site's own relative links still work from /


def test_reload_script_is_never_in_a_built_site(built_site: Path):
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".xml"):
            assert "__hubgen" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_an_edit_appears_and_an_error_keeps_the_last_good_site(served: Served):
    faq = served.content / "faq.yaml"
    _edit(faq, "We plan to ship in the order backers pledged",
          "Shipping order follows the pledge number, said the zebra")
    served.wait_for(lambda: "said the zebra" in served.get("faq/")[1], "the edited answer")

    hub = served.content / "hub.yaml"
    good = hub.read_text(encoding="utf-8")
    hub.write_text(good.replace("  name: Example Gadget", "  nmae: Example Gadget"), encoding="utf-8")
    state = served.wait_for(lambda: (s := served.state()) and not s["ok"] and s, "the error")
    assert any(re.search(r"hub\.yaml:\d+:\d+: .*nmae", p) for p in state["problems"]), state

    status, body, _ = served.get("faq/")
    assert status == 200
    assert "said the zebra" in body  # the last good site
    assert 'class="hubgen-serve-errors"' in body
    assert re.search(r"hub\.yaml:\d+:\d+:", body)
    assert "did you mean" in body

    hub.write_text(good, encoding="utf-8")
    served.wait_for(lambda: served.state()["ok"], "recovery after the fix")
    assert "hubgen-serve-errors" not in served.get("faq/")[1]


def test_a_failing_search_check_is_shown_over_the_latest_content(served: Served):
    # As in `hubgen build`, the search checks run once the pages are done; here the
    # edited page is already on screen when a check says the answer can't be found.
    _edit(served.content / "hub.yaml", "    expect: change-address\n",
          "    expect: change-address\n  - query: a gift for my nephew in Peru\n    expect: change-address\n")
    _edit(served.content / "faq.yaml", "We plan to ship in the order backers pledged",
          "Parcels leave in pledge order, said the ibis")
    state = served.wait_for(lambda: (s := served.state()) and not s["ok"] and s, "the failing check")
    assert any("HUB170" in p and "a gift for my nephew in Peru" in p for p in state["problems"]), state
    body = served.get("faq/")[1]
    assert "said the ibis" in body and 'class="hubgen-serve-errors"' in body
    assert "last good build" not in body  # the page shows the latest content, and says so


def test_broken_yaml_is_shown_too(served: Served):
    hub = served.content / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8") + "\nproject: [\n", encoding="utf-8")
    state = served.wait_for(lambda: (s := served.state()) and not s["ok"] and s, "the YAML error")
    assert any("hub.yaml:" in p for p in state["problems"])
    assert "Example Gadget" in served.get()[1]


def test_the_browser_reloads_by_itself(served: Served, page):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(served.url + "faq/")
    assert page.locator("text=We plan to ship").count() == 1
    _edit(served.content / "faq.yaml", "We plan to ship in the order backers pledged",
          "Parcels leave in pledge order, said the heron")
    page.wait_for_selector("text=said the heron", timeout=CHANGE_TIMEOUT * 1000)
    assert violations == []


def _update_page(served: Served) -> tuple[Path, str]:
    update = next((served.content / "updates").glob("*.md"))
    return update, "updates/" + update.stem + "/"


def test_an_edit_reloads_only_the_pages_it_changed(served: Served):
    """reload.js asks whether the next build changed the page it shows; the server
    holds the question until that build is done."""
    update, update_url = _update_page(served)
    shown = served.state()["version"]
    asked: dict[str, dict] = {}

    def ask(page: str) -> None:
        asked[page] = json.loads(served.get(f"__hubgen_version?since={shown}&page=/{page}")[1])

    waiting = [threading.Thread(target=ask, args=(page,)) for page in ("faq/", update_url)]
    for thread in waiting:
        thread.start()
    _edit(served.content / "faq.yaml", "We plan to ship in the order backers pledged",
          "Parcels leave in pledge order, said the crane")
    for thread in waiting:
        thread.join(CHANGE_TIMEOUT)
    assert asked["faq/"]["reload"] is True and asked["faq/"]["version"] > shown
    assert asked[update_url]["reload"] is False  # the FAQ edit changed nothing on the update's page
    assert "said the crane" in served.get("faq/")[1]

    shown = asked["faq/"]["version"]
    text = update.read_text(encoding="utf-8")
    update.write_text(text.rstrip() + "\n\nThe heron approves.\n", encoding="utf-8")
    answer = json.loads(served.get(f"__hubgen_version?since={shown}&page=/{update_url}")[1])
    assert answer["reload"] is True
    assert "The heron approves." in served.get(update_url)[1]


def _reloads(served: Served, pages: tuple[str, ...], edit) -> tuple[dict[str, bool], tuple[int, int]]:
    """Which of `pages` reload.js would reload after `edit()` (whether a build since
    the one on screen changed them), and (pages rendered, pages in all) as the
    'Rebuilt in' line says, once the whole build is done."""
    shown = served.state()["version"]
    while not served.lines.empty():
        served.lines.get()
    edit()
    rebuilt = None
    deadline = time.monotonic() + CHANGE_TIMEOUT * 2
    while rebuilt is None and time.monotonic() < deadline:
        try:
            line = served.lines.get(timeout=0.5)
        except queue.Empty:
            assert served.process.poll() is None, "hubgen serve exited"
            continue
        rebuilt = re.search(r"Rebuilt in .* \((\d+) of (\d+) pages rendered\)", line)
    assert rebuilt, "no rebuild"
    answers = {page: json.loads(served.get(f"__hubgen_version?since={shown}&page=/{page}")[1])["reload"]
               for page in pages}
    return answers, (int(rebuilt.group(1)), int(rebuilt.group(2)))


def test_an_edit_to_a_translation_reloads_its_pages_and_builds_only_its_language(served_in_languages: Served):
    served = served_in_languages
    german_faq = served.content / "de" / "faq.yaml"
    reloads, (rendered, pages) = _reloads(served, ("de/faq/", "faq/"), lambda: _edit(
        german_faq, "Wie kann ich mein Paket verfolgen?", "Wo ist mein Paket gerade?"))
    assert reloads == {"de/faq/": True, "faq/": False}
    assert "Wo ist mein Paket gerade?" in served.get("de/faq/")[1]
    assert pages == 42 and rendered <= 3  # the German FAQ (and what lists it), not the English pages


def test_an_edit_to_the_original_reloads_the_german_page_that_shows_it_untranslated(served_in_languages: Served):
    served = served_in_languages
    reloads, _ = _reloads(served, ("de/faq/", "faq/", "de/refund-policy/"), lambda: _edit(
        served.content / "faq.yaml", "Search your inbox\n        and spam", "Search your inbox\n        and your spam folder"))
    assert reloads == {"de/faq/": True, "faq/": True, "de/refund-policy/": False}
    assert "and your spam folder" in served.get("de/faq/")[1]


def test_a_page_the_edit_did_not_touch_stays_on_screen(served: Served, page):
    update, update_url = _update_page(served)
    page.goto(served.url + update_url)
    page.evaluate("window.stillTheSamePage = true")
    version = served.state()["version"]
    _edit(served.content / "faq.yaml", "We plan to ship in the order backers pledged",
          "Parcels leave in pledge order, said the stork")
    served.wait_for(lambda: served.state()["version"] > version, "the rebuild")
    page.wait_for_timeout(1000)  # reload.js has had its answer: no reload came
    assert page.evaluate("window.stillTheSamePage === true")
    update.write_text(update.read_text(encoding="utf-8").rstrip() + "\n\nSaid the stork, too.\n",
                      encoding="utf-8")
    page.wait_for_selector("text=Said the stork, too.", timeout=CHANGE_TIMEOUT * 1000)


def test_a_missing_folder_or_busy_port_is_a_usage_error(tmp_path: Path, served: Served):
    result = run_hubgen("serve", str(tmp_path / "nope"), "--port", "0", timeout=60)
    assert result.returncode == 2 and "no such content folder" in result.stderr
    port = served.url.rsplit(":", 1)[1].strip("/")
    result = run_hubgen("serve", str(served.content), "--port", port, timeout=60)
    assert result.returncode == 2 and "another --port" in result.stderr


def test_no_temporary_folder_outside_the_content_is_a_usage_error(content_copy: Path):
    """With no writable $TMPDIR, /tmp or /var/tmp, Python offers the current folder, which
    may be the content itself: a preview site there would be seen as a save, forever."""
    before = sorted(content_copy.rglob("*"))
    result = run_hubgen("serve", str(content_copy), "--port", "0", env={"TMPDIR": str(content_copy)}, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "writable temporary folder" in result.stderr and "Traceback" not in result.stderr
    assert sorted(content_copy.rglob("*")) == before


def test_inject_adds_the_script_and_escapes_the_banner():
    from hubgen.serve import BuildState, inject

    page = '<html><head><title>t</title></head><body class="x"><p>hi</p></body></html>'
    clean = inject(page, BuildState(version=3))
    assert clean.count("<script") == 1 and 'data-version="3"' in clean
    assert clean.index("<script") > clean.index("<p>hi</p>")
    assert "hubgen-serve-errors" not in clean
    broken = inject(page, BuildState(version=4, problems=["hub.yaml:3:1: error <b>&"]))
    assert broken.index("hubgen-serve-errors") > broken.index('<body class="x">')
    assert broken.index("hubgen-serve-errors") < broken.index("<p>hi</p>")
    assert "&lt;b&gt;&amp;" in broken and "<b>&" not in broken
    assert 'rel="stylesheet" href="/__hubgen/serve.css"' in broken


def test_a_form_sent_in_the_preview_is_shown_and_lands_on_its_page(served: Served):
    body = "form-name=contact&bot-field=&name=Ana&email=ana%40example.org&message=Lid+is+dented".encode()
    request = urllib.request.Request(served.url + "contact/thanks/", data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert "Thanks" in response.read().decode("utf-8")

    def printed():
        while not served.lines.empty():
            line = served.lines.get()
            if line.startswith("Form 'contact'"):
                return line
        return None

    line = served.wait_for(printed, "the preview prints the form it received")
    assert "name='Ana'" in line and "message='Lid is dented'" in line


def request_with_host(served: Served, host: str, path: str = "/", form: bytes | None = None) -> tuple[int, str]:
    import http.client

    address = served.url.split("//", 1)[1].strip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    try:
        connection.putrequest("POST" if form else "GET", path, skip_host=True)
        connection.putheader("Host", host)
        if form:
            connection.putheader("Content-Type", "application/x-www-form-urlencoded")
            connection.putheader("Content-Length", str(len(form)))
        connection.endheaders(form)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def test_only_requests_for_its_own_host_are_answered(served: Served):
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1."""
    port = served.url.rsplit(":", 1)[1].strip("/")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        status, body = request_with_host(served, host)
        assert status == 200 and "Example Gadget" in body, host
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{int(port) + 1}", f"127.0.0.1.evil.example:{port}"):
        for path in ("/", "/__hubgen_version", "/faq/"):
            status, body = request_with_host(served, host, path)
            assert status == 403, (host, path)
            assert "Example Gadget" not in body and "problems" not in body
        status, body = request_with_host(served, host, "/contact/thanks/", b"form-name=contact&message=hi")
        assert status == 403 and "Example Gadget" not in body


def test_serve_builds_without_forking(tmp_path: Path, monkeypatch):
    """The preview answers on threads; fork in a threaded process can deadlock the child."""
    from hubgen.render import forking
    from hubgen.serve import Preview

    content = tmp_path / "content"
    assert run_hubgen("init", "--content-only", str(content)).returncode == 0

    def no_fork():
        raise AssertionError("hubgen serve forked")

    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    monkeypatch.setattr(os, "fork", no_fork)
    preview = Preview(content)
    try:
        assert preview.rebuild() == []
        assert (preview.site / "index.html").is_file()
    finally:
        preview.cleanup()


def _until(page, condition: str, what: str) -> None:
    """Poll a condition from outside the page: the preview's CSP forbids the eval
    that page.wait_for_function needs."""
    deadline = time.monotonic() + CHANGE_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if page.evaluate(condition):
                return
        except Exception:  # the page is reloading
            pass
        time.sleep(0.2)
    pytest.fail(f"not within {CHANGE_TIMEOUT} s: {what}")


def _banner_place(page) -> dict:
    return page.evaluate("""() => {
      const banner = document.querySelector('.hubgen-serve-errors');
      if (!banner) return null;
      const box = banner.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + 5, box.top + 5);
      return {top: box.top, bottom: box.bottom, scrollY: window.scrollY,
              onTop: !!hit && banner.contains(hit), height: window.innerHeight};
    }""")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_error_banner_stays_on_screen_at_the_top_until_fixed(served: Served, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 600)
    page = context.new_page()
    try:
        page.goto(served.url + "faq/")
        page.wait_for_load_state("load")
        hub = served.content / "hub.yaml"
        good = hub.read_text(encoding="utf-8")
        hub.write_text(good.replace("  name: Example Gadget", "  nmae: Example Gadget"), encoding="utf-8")
        page.wait_for_selector(".hubgen-serve-errors", timeout=CHANGE_TIMEOUT * 1000)
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)  # let the theme finish what it does after load
        place = _banner_place(page)
        assert place["onTop"] and abs(place["top"]) < 1, place  # visible, not under the header
        # Reading on down the page, the problem stays in sight.
        page.mouse.wheel(0, 1500)
        _until(page, "() => window.scrollY > 0", "the page scrolled")
        place = _banner_place(page)
        assert place["onTop"] and abs(place["top"]) < 1 and place["bottom"] < place["height"] / 2, place
        hub.write_text(good, encoding="utf-8")
        _until(page, "() => !document.querySelector('.hubgen-serve-errors')", "the banner gone after the fix")
    finally:
        context.close()


@pytest.fixture
def preview(tmp_path: Path):
    """serve's builder (no server) on a starter hub, after its first build."""
    from hubgen.serve import Preview

    content = tmp_path / "content"
    assert run_hubgen("init", "--content-only", str(content)).returncode == 0
    built = Preview(content)
    try:
        assert built.rebuild() == []
        yield built
    finally:
        built.cleanup()


def test_a_save_still_under_way_is_never_shown_half_written(preview):
    """An editor that truncates a file and writes it a moment later: hubgen reads the
    half-written file, but the look after reading sees the second write, so nothing
    is written or shown until the whole file is read (no error banner, not even briefly)."""
    from hubgen.serve import build_once_saved

    first = preview.state
    faq = preview.content / "faq.yaml"
    whole = faq.read_text(encoding="utf-8").replace(
        "We plan to ship in the order backers pledged", "Orders leave by pledge number, said the heron")
    before = preview.signature()
    faq.write_text(whole[: len(whole) // 2] + '  "unclosed', encoding="utf-8")  # the first write
    half = preview.signature()
    looks = preview.signature

    def second_write_lands_while_reading():
        faq.write_text(whole, encoding="utf-8")
        preview.signature = looks
        return looks()

    preview.signature = second_write_lands_while_reading
    assert build_once_saved(preview, before, half) != half
    # One build, of the whole file: the half-written one was never published.
    assert preview.state.version == first.version + 1
    assert preview.state.problems == []
    shown = "".join(p.read_text(encoding="utf-8") for p in preview.site.glob("faq/**/*.html"))
    assert "said the heron" in shown


def test_a_build_whose_files_changed_while_read_writes_nothing(preview):
    state = preview.state
    home = (preview.site / "index.html").read_bytes()
    hub = preview.content / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8").replace("  name: Example Gadget", "  nmae: Example"),
                   encoding="utf-8")
    assert preview.rebuild(still_saved=lambda: False) is None
    assert preview.state is state  # no banner, no reload
    assert (preview.site / "index.html").read_bytes() == home
    assert preview.rebuild() != []  # the same content, once the save is over, is reported
    assert preview.state.problems
    # A build holds Python's cycle collector back only until its page is shown:
    # after any kind of build, dropped, failed or done, it runs again.
    assert gc.isenabled()
    hub.write_text(hub.read_text(encoding="utf-8").replace("  nmae: Example", "  name: Example Gadget"),
                   encoding="utf-8")
    assert preview.rebuild() == [] and gc.isenabled()


def test_the_preview_answers_with_the_headers_of_the_latest_build(tmp_path: Path):
    """serve keeps _headers' parsed rules between requests: a build that changes the
    file (one hash swapped for another, the same size) must change the answers."""
    from hubgen.serve import HeaderRules

    headers = tmp_path / "_headers"
    first = "/*\n  Content-Security-Policy: script-src 'sha256-AAAA'\n"
    headers.write_text(first, encoding="utf-8")
    rules = HeaderRules(headers)
    assert rules.now() == [("/*", {"Content-Security-Policy": "script-src 'sha256-AAAA'"})]
    headers.write_text(first.replace("AAAA", "BBBB"), encoding="utf-8")
    assert rules.now() == [("/*", {"Content-Security-Policy": "script-src 'sha256-BBBB'"})]
    headers.unlink()
    assert rules.now() == []


def test_content_broken_from_the_start_says_nothing_is_built_yet(tmp_path: Path, capsys):
    """The preview of content that never built says so, not that it shows a last good
    build; and it lists the errors that stop the build, not lint's warnings too."""
    from hubgen.serve import Preview, error_page

    content = tmp_path / "content"
    assert run_hubgen("init", "--content-only", str(content)).returncode == 0
    hub = content / "hub.yaml"
    text = hub.read_text(encoding="utf-8")
    hub.write_text(text.replace("  email:", "  email: not-an-address\n  old_email:", 1), encoding="utf-8")
    late = dt.date(2031, 1, 1)  # years after the starter's update: the log is stale (a warning)
    assert any(": warning " in line for line in run_hubgen("lint", str(content), "--today", str(late)).stdout.splitlines())
    built = Preview(content, today=late)
    try:
        problems = built.rebuild()
        assert problems and all(": error " in p for p in problems), problems
        page = error_page(built.state)
        assert f"{len(problems)} problem(s)" in page and "nothing is built yet" in page
        assert "last good build" not in page
        said = capsys.readouterr().err
        assert "nothing to show until they are fixed" in said and "last good site" not in said
    finally:
        built.cleanup()
