"""Search payload and time from the last keystroke to the first result, in headless Chromium.

Used by run.py: `measure_search(site_dir)` serves the site on loopback, types
queries into the header search box (hubgen's, or Material's on a plain
MkDocs site: both use the same classes) and returns the index size and timings.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
QUERIES = ["refund", "address", "tracking", "customs", "survey", "locked", "card", "delivery",
           "where is my parcel", "i moved house", "when does my reward ship", "can i change my card"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def index_size(site: Path) -> tuple[float, float]:
    """search_index.json size in KiB, raw and gzipped."""
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data) / 1024, len(gzip.compress(data, 6)) / 1024


def measure_search(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    timings = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(url)
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially("kettle", delay=10)  # the first query waits for the index to load
            page.wait_for_selector(".md-search-result__item", timeout=60000)
            for query in QUERIES:
                box.fill("")
                page.wait_for_function("!document.querySelector('.md-search-result__item')")
                box.press_sequentially(query[:-1], delay=5)
                elapsed = page.evaluate("""async last => {
                    const box = document.querySelector('input.md-search__input');
                    const list = document.querySelector('.md-search-result__list');
                    const start = performance.now();
                    return await new Promise(resolve => {
                        const seen = new MutationObserver(() => {
                            if (list.querySelector('.md-search-result__item')) {
                                seen.disconnect(); resolve(performance.now() - start);
                            }
                        });
                        seen.observe(list, {childList: true, subtree: true});
                        box.value += last;
                        box.dispatchEvent(new KeyboardEvent('keyup', {key: last, bubbles: true}));
                        box.dispatchEvent(new Event('input', {bubbles: true}));
                        setTimeout(() => resolve(NaN), 10000);
                    });
                }""", query[-1])
                timings.append(elapsed)
            browser.close()
    finally:
        server.shutdown()
    raw, zipped = index_size(site)
    measured = [t for t in timings if t == t]
    return {"index_kib": raw, "index_gzip_kib": zipped,
            "first_result_ms": statistics.median(measured) if measured else float("nan")}
