"""A missing address under a language's folder gets that language's 404 page, on every host.

A German backer follows an old link, /de/faq/altes-thema/. Netlify reads
site/_redirects and answers with de/404.html; GitHub Pages answers every
missing address with the root's (English) 404.html, which sends the backer on
to the German one (hubgen.js) and, without JavaScript, links to each
language's home in that language's words. Each host is emulated by a local
server that answers as it does, with the site's _headers (its CSP) applied.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import serve_folder
from test_headers import VIOLATIONS, NetlifyLikeHandler, RootNotFoundHandler, _rules
from test_search_browser import ANSWER_BOX, shown

GERMAN_MISSING = "de/faq/altes-thema/?von=newsletter"


def _serve(site, handler_class):
    handler = type("Handler", (handler_class,), {"rules": _rules(site)})
    return serve_folder(site, handler)


@pytest.fixture(scope="module")
def netlify_url(built_site):
    server, url = _serve(built_site, NetlifyLikeHandler)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def github_pages_url(built_site):
    server, url = _serve(built_site, RootNotFoundHandler)
    yield url
    server.shutdown()


def _missing(url: str) -> str:
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(url, timeout=10)
    assert answer.value.code == 404
    return answer.value.read().decode("utf-8")


def _heading(page_html: str) -> str:
    return re.search(r"<h1[^>]*>([^<]*)</h1>", page_html).group(1)


def test_netlify_answers_a_missing_german_address_with_the_german_404_page(netlify_url, built_site):
    assert (built_site / "_redirects").read_text(encoding="utf-8").splitlines()[1:] == [
        "/de/*  /de/404.html  404", "/*  /404.html  404"]
    german = _missing(netlify_url + GERMAN_MISSING)
    assert '<html lang="de"' in german and _heading(german) == "Seite nicht gefunden"
    english = _missing(netlify_url + "faq/old-topic/")
    assert '<html lang="en"' in english and _heading(english) == "Page not found"
    # A page that exists is never hidden by the rule.
    with urllib.request.urlopen(netlify_url + "de/faq/", timeout=10) as found:
        assert found.status == 200


def _open(page, url: str) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto(url, wait_until="load")


def _german_answers(page) -> list[str]:
    return shown(page, *ANSWER_BOX, "Rückerstattungen")[:3]


def test_the_german_404_page_answers_in_german(page, netlify_url):
    _open(page, netlify_url + GERMAN_MISSING)
    assert page.locator("label[for='hubgen-answers-1-input']").inner_text() == "Wie können wir helfen?"
    top = _german_answers(page)
    assert "de/faq/#refund" in top and all(location.startswith("de/") for location in top), top
    assert page.evaluate("window.__cspViolations") == []


def test_github_pages_root_404_sends_a_german_backer_on_to_the_german_one(page, github_pages_url):
    _open(page, github_pages_url + GERMAN_MISSING + "#warum")
    page.wait_for_function("() => document.documentElement.lang === 'de'", timeout=10000)
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    # The address bar still shows what the backer asked for.
    page.wait_for_function("() => location.pathname === '/de/faq/altes-thema/'", timeout=10000)
    asked = urlsplit(page.url)
    assert (asked.path, asked.query, asked.fragment) == ("/de/faq/altes-thema/", "von=newsletter", "warum")
    top = _german_answers(page)
    assert "de/faq/#refund" in top and all(location.startswith("de/") for location in top), top
    assert page.evaluate("window.__cspViolations") == []


def test_github_pages_root_404_stays_english_for_an_english_address(page, github_pages_url):
    _open(page, github_pages_url + "faq/old-topic/")
    page.wait_for_timeout(500)  # time for a redirect that must not happen
    assert urlsplit(page.url).path == "/faq/old-topic/"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "Page not found"


def test_without_javascript_the_root_404_links_to_each_languages_home_in_its_words(browser, github_pages_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(github_pages_url + GERMAN_MISSING)
        assert page.locator("h1").inner_text() == "Page not found"
        link = page.locator(".hubgen-not-found__languages a")
        assert link.count() == 1
        assert link.inner_text() == "Deutsch: Zur Startseite"
        assert link.get_attribute("hreflang") == "de"
        assert page.locator(".hubgen-not-found__languages li").get_attribute("lang") == "de"
        link.click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == "/de/"
        assert page.evaluate("document.documentElement.lang") == "de"
    finally:
        context.close()


def test_a_redirect_to_another_host_is_never_put_in_the_address_bar(page, github_pages_url):
    _open(page, github_pages_url + "de/404.html?from=//elsewhere.example/de/")
    page.wait_for_timeout(300)
    assert urlsplit(page.url).netloc == urlsplit(github_pages_url).netloc
    assert urlsplit(page.url).path == "/de/404.html"
