"""A backer on a slow phone network: from opening the home page to the first right answer.

Used by run.py: `measure_backer(site, query, answer_id)` serves a built site as a
CDN would (gzip, the site's _headers, ETags and 304s, Netlify's default
`Cache-Control: public, max-age=0, must-revalidate` where _headers says
nothing), opens it in headless Chromium with the network and the CPU
throttled (CDP: Network.emulateNetworkConditions 400 kbit/s both ways, 400 ms
round trip; Emulation.setCPUThrottlingRate 4), and times, from the start of
the navigation, the moment the answer box on the home page lists the right
answer for `query`: once with an empty cache ("cold") and once on a later
visit in the same browser ("warm"). The query is put in the box the moment
the box is on screen (typing time is not counted): by a script in the page, at
the first frame that shows the box. (Until 2026-12-07 Playwright polled for the
box from outside and filled it, which on the slowed CPU noticed the box 0.1 to
1 s after it was painted; bench figures before then include that lag.)

`page_weight(site, path)` counts the requests and bytes on the wire (gzip) of
one cold page view, for hubgen's pages and Material's alike.

Run by itself, it builds a hub and measures only this, several times, with the
requests of the first cold visit on a time line (--waterfall):

    python bench/backer_timing.py content --runs 3 [--waterfall] [--site SITE]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import json
import mimetypes
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

from hubgen.render.headers import headers_for, parse_headers

CHROMIUM = "/usr/bin/chromium"
KBIT_S = 400  # both ways
RTT_MS = 400
CPU_SLOWDOWN = 4
CDN_DEFAULT_CACHE = "public, max-age=0, must-revalidate"  # Netlify's, for files _headers leaves alone
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ".map")
ANSWER_BOX = "#hubgen-answers-1-input"
ANSWERS = "#hubgen-answers-1-list"
TIMEOUT_MS = 120_000


class CdnHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of a site folder, as a CDN answers them."""

    site: Path
    rules: list
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def file_of(self, path: str) -> Path | None:
        target = (self.site / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.site):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def answer(self, body: bool) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        file = self.file_of(path)
        if file is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = file.read_bytes()
        gzipped = file.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            data = _gzip(data)
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + ('-gz"' if gzipped else '"')
        headers = {"Cache-Control": CDN_DEFAULT_CACHE, "ETag": etag,
                   "Content-Type": mimetypes.guess_type(file.name)[0] or "application/octet-stream",
                   **headers_for(self.rules, path)}
        if gzipped:
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            for name in ("Cache-Control", "ETag"):
                self.send_header(name, headers[name])
            self.end_headers()
            return
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


@functools.lru_cache(maxsize=4096)
def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, 6, mtime=0)


class CdnServer:
    """The site on loopback, as a CDN serves it; a context manager."""

    def __init__(self, site: Path):
        headers_file = site / "_headers"
        rules = parse_headers(headers_file.read_text(encoding="utf-8")) if headers_file.is_file() else []
        handler = type("Handler", (CdnHandler,), {"site": site.resolve(), "rules": rules})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> CdnServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class Wire:
    """Requests a page and its workers made, and their bytes on the wire (headers and
    gzipped bodies; a response from the browser's cache counts as a request of 0 bytes)."""

    def __init__(self, page):
        self.requests = 0
        self.bytes = 0
        page.on("request", self._sent)
        page.on("requestfinished", self._finished)

    def _sent(self, request) -> None:
        self.requests += 1

    def _finished(self, request) -> None:
        sizes = request.sizes()
        self.bytes += max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)

    def reset(self) -> None:
        self.requests = self.bytes = 0


def _slow_page(context):
    """A page of `context` on the slow network and CPU, and its wire counter."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    rate = KBIT_S * 1000 / 8  # bytes per second
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": RTT_MS,
                                                  "downloadThroughput": rate, "uploadThroughput": rate})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page, Wire(page)


# Run in the page before anything else (an init script). The backer types the
# question the moment the box can be seen: in the page, at the first frame that
# shows it, rather than when a driver polling from outside notices it, which on a
# CPU slowed 4x lags the page by up to a second. Recorded: ms from the start of
# the navigation to that frame, and to the moment the answer list first links to
# the right answer; for the waterfall, the main thread's long tasks.
_WATCH = """(() => {
  const [query, answerId, boxSelector, listSelector] = %s;
  const mark = () => {
    const list = document.querySelector(listSelector);
    if (window.__rightAnswerAt === undefined && list &&
        Array.from(list.querySelectorAll("a")).some(a => a.hash === "#" + answerId)) {
      window.__rightAnswerAt = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {childList: true, subtree: true});
  window.__longTasks = [];
  new PerformanceObserver(list => list.getEntries().forEach(task =>
    window.__longTasks.push({start: task.startTime, ms: task.duration}))).observe({type: "longtask", buffered: true});
  const type = () => {
    const box = document.querySelector(boxSelector);
    if (!(box && box.checkVisibility() && box.getBoundingClientRect().height > 0)) {
      requestAnimationFrame(type);
      return;
    }
    window.__boxSeenAt = performance.now();
    box.value = query;
    box.dispatchEvent(new Event("input", {bubbles: true}));
  };
  requestAnimationFrame(type);
})()"""


# The page's requests as it saw them (Resource Timing, on the emulated network) and its paints.
_TIMELINE = """() => ({
  resources: performance.getEntriesByType("resource").map(r => ({
    name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.transferSize, type: r.initiatorType})),
  paints: performance.getEntriesByType("paint").map(p => ({name: p.name, at: p.startTime})),
  html: performance.getEntriesByType("navigation").map(n => ({end: n.responseEnd, dcl: n.domContentLoadedEventEnd}))[0],
  boxSeen: window.__boxSeenAt, longTasks: window.__longTasks, marks: window.__marks || [],
})"""


def _visit(page, url: str) -> dict:
    """Open the home page; the init script (_WATCH) asks in its answer box once the box is
    there: ms to the box and to the right answer."""
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function("() => window.__rightAnswerAt !== undefined", timeout=TIMEOUT_MS, polling=50)
    return {"box_ms": page.evaluate("window.__boxSeenAt"), "answer_ms": page.evaluate("window.__rightAnswerAt")}


def measure_backer(site: Path, query: str, answer_id: str) -> dict:
    """{cold, warm}: each {box_ms, answer_ms, requests, kib}, on the slow network and CPU."""
    from playwright.sync_api import sync_playwright

    found = {}
    with CdnServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            context = browser.new_context()
            page, wire = _slow_page(context)
            page.add_init_script(_WATCH % json.dumps([query, answer_id, ANSWER_BOX, ANSWERS]))
            for visit in ("cold", "warm"):
                wire.reset()
                found[visit] = _visit(page, server.url)
                page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
                found[visit].update(requests=wire.requests, kib=wire.bytes / 1024,
                                    timeline=page.evaluate(_TIMELINE))
                if visit == "cold":
                    page.goto("about:blank")
        finally:
            browser.close()
    return found


def page_weight(site: Path, path: str = "") -> dict:
    """Requests and KiB on the wire of one cold view of `path`, everything it loads by itself included."""
    from playwright.sync_api import sync_playwright

    with CdnServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_context().new_page()
            wire = Wire(page)
            page.goto(server.url + path, wait_until="networkidle", timeout=TIMEOUT_MS)
            page.wait_for_timeout(500)
            return {"requests": wire.requests, "kib": wire.bytes / 1024}
        finally:
            browser.close()


def backer_question(content: Path) -> tuple[str, str]:
    """What the backer asks, and the FAQ entry id that answers it: the hub's first search
    check that expects a FAQ answer."""
    hub = yaml.safe_load((content / "hub.yaml").read_text(encoding="utf-8"))
    faq = yaml.safe_load((content / "faq.yaml").read_text(encoding="utf-8"))
    ids = {entry["id"] for category in faq for entry in category.get("questions", [])}
    check = next(check for check in hub["search_checks"] if check["expect"] in ids)
    return check["query"], check["expect"]


def print_waterfall(visit: dict) -> None:
    """One visit's requests in the order they started, ms from the navigation's start."""
    timeline = visit["timeline"]
    print(f"  html in at {timeline['html']['end']:.0f} ms, DOMContentLoaded {timeline['html']['dcl']:.0f} ms; "
          + ", ".join(f"{p['name']} {p['at']:.0f} ms" for p in timeline["paints"])
          + f"; box seen in the page {timeline['boxSeen'] or 0:.0f} ms")
    print("  marks: " + ", ".join(f"{name} {at:.0f}" for name, at in timeline["marks"]))
    print("  long tasks (start+ms): " + " ".join(f"{task['start']:.0f}+{task['ms']:.0f}" for task in timeline["longTasks"]))
    for r in sorted(timeline["resources"], key=lambda r: r["start"]):
        print(f"  {r['start']:6.0f} {r['end']:6.0f} {r['bytes']:7d} B  {r['name'].split('/', 3)[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="the hub's content folder (built into a temporary folder)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--waterfall", action="store_true", help="print the requests of each visit")
    parser.add_argument("--site", type=Path, help="measure this built site (of CONTENT) instead of building one")
    args = parser.parse_args()
    question = backer_question(args.content)
    with tempfile.TemporaryDirectory() as work:
        site = args.site or Path(work) / "site"
        if not args.site:
            subprocess.run([sys.executable, "-m", "hubgen", "build", str(args.content), "-q", "-o", str(site)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"{args.content}: {question[0]!r} -> #{question[1]}")
        for number in range(1, args.runs + 1):
            found = measure_backer(site, *question)
            print(f"run {number} (load average {os.getloadavg()[0]:.1f}): " + "; ".join(
                f"{visit} box {v['box_ms'] / 1000:.2f} s, answer {v['answer_ms'] / 1000:.2f} s, "
                f"{v['requests']} requests, {v['kib']:.0f} KiB" for visit, v in found.items()), flush=True)
            if args.waterfall:
                for visit, v in found.items():
                    print(f" {visit}:")
                    print_waterfall(v)


if __name__ == "__main__":
    main()
