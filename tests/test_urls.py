"""hubgen/urls.py says where things are on the site; lint trusts it, so check it
against real builds: every page and anchor it claims exists, and the anchors it
works out for headings are the ids the rendered page gives them."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentkit import MINIMAL, write_content
from conftest import run_hubgen
from hubgen.pipeline import lint_hub, load_hub
from hubgen.urls import resolve_link, site_map
from sitewalk import parse

SITE_URL = "https://help.kettle.example/"
UPDATE = "updates/2026-11-18-hello.md"


class ArticleIds(HTMLParser):
    """Ids inside the page's article (the content), not Material's nav and header."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.ids: set[str] = set()
        self.heading_ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        elif self.depth and attributes.get("id"):
            self.ids.add(attributes["id"])
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading_ids.add(attributes["id"])

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def article_ids(page: Path, headings_only: bool = False) -> set[str]:
    parser = ArticleIds()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.heading_ids if headings_only else parser.ids


def test_every_page_and_anchor_the_site_map_claims_is_in_the_built_site(built_site, example_content):
    hub = load_hub(example_content).hub
    claimed = site_map(hub)
    assert len(claimed.anchors) > 10
    for path in list(claimed.anchors):
        anchors = claimed.anchors_of(path)
        page = built_site / path / "index.html"
        assert page.is_file(), f"site_map claims /{path}, the build has no {page}"
        missing = (anchors or set()) - parse(page).ids
        assert not missing, f"/{path} lacks the anchors {sorted(missing)}"
    for name in claimed.files:
        if name not in ("feed.xml", "feed.json", "milestones.ics"):  # written by the feeds step
            assert (built_site / name).is_file(), name


def test_the_site_map_knows_every_anchor_of_the_example_pages(built_site, example_content):
    """The other way round: no heading on a checked page that a link to it would be refused for."""
    claimed = site_map(load_hub(example_content).hub)
    for path in list(claimed.anchors):
        anchors = claimed.anchors_of(path)
        if anchors is None:
            continue
        unknown = article_ids(built_site / path / "index.html", headings_only=True) - anchors
        assert not unknown, f"/{path} has ids the site map does not know: {sorted(unknown)}"


HEADINGS = """\
---
title: "Shipping: what to expect"
date: 2026-11-18
---
Intro.

Customs and duties
------------------

Setext headings like the one above are common in pasted text.

## Größe & *Gewicht* of the `box`

## Step 1
## Step 1

## Pick-up points {#pickup}

<h2 id="raw-id">Written in HTML</h2>

<div markdown id="faq-box">A box.</div>

```
## Not a heading, a code sample
```
"""


@pytest.fixture(scope="module")
def headings_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("headings")
    content = write_content(root, {UPDATE: HEADINGS})
    result = run_hubgen("build", str(content), "-o", str(root / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return content, root / "site"


def test_heading_anchors_are_the_ids_the_rendered_page_has(headings_site):
    content, site = headings_site
    claimed = site_map(load_hub(content).hub).anchors_of("updates/2026-11-18-hello/")
    rendered = article_ids(site / "updates" / "2026-11-18-hello" / "index.html")
    assert claimed == rendered
    assert {"customs-and-duties", "step-1", "step-1_1", "pickup", "raw-id", "faq-box"} <= rendered
    assert not any("not-a-heading" in anchor for anchor in rendered)


def test_links_to_setext_raw_html_and_repeated_headings_pass_lint(tmp_path, headings_site):
    """#15: lint used to refuse these, although the built page has them."""
    content, site = headings_site
    rendered = sorted(article_ids(site / "updates" / "2026-11-18-hello" / "index.html"))
    links = " ".join(f"[{anchor}](/updates/2026-11-18-hello/#{anchor})" for anchor in rendered)
    changes = {UPDATE: HEADINGS,
               "updates/2026-11-19-more.md": f"---\ntitle: More\ndate: 2026-11-19\n---\n{links}\n"}
    found = lint_hub(load_hub(write_content(tmp_path, changes))).diagnostics
    assert [d.text() for d in found if d.code in ("HUB160", "HUB161")] == []


def lint_update(tmp_path, body: str, extra: dict | None = None):
    changes = {UPDATE: f"---\ntitle: Hello backers\ndate: 2026-11-18\n---\n{body}\n", **(extra or {})}
    write_content(tmp_path, changes)
    return [d for d in lint_hub(load_hub(tmp_path / "content")).sorted() if d.code in ("HUB160", "HUB161")]


@pytest.mark.parametrize("link, words", [
    ("[Ready?](/pledge-states/#ready-to-ship)", "did you mean '#ready_to_ship'?"),
    ("[How to ask](/refund-policy/#how-to-asks)", "did you mean '#how-to-ask'?"),
])
def test_a_wrong_anchor_gets_the_closest_one(tmp_path, link, words):
    states = {"hub.yaml": MINIMAL["hub.yaml"].replace(  # a third pledge state, ready_to_ship
        "            next: []\n", "            next: [ready_to_ship]\n"
        "          - id: ready_to_ship\n            label: Ready to ship\n"
        "            description: Packed.\n            next: []\n", 1)}
    (hit,) = lint_update(tmp_path, f"First news.\n\n{link}", states)
    assert hit.code == "HUB161"
    assert hit.fix == words
    assert str(hit.location).startswith(f"{tmp_path}/content/{UPDATE}:7:")


SECRET = {"updates/2026-11-10-codes.md": "---\ntitle: Codes\ndate: 2026-11-10\nvisibility: backers\n---\nX.\n"}


@pytest.mark.parametrize("link, where", [
    ("<https://help.kettle.example/updates/2026-11-10-codes/>", "7:2"),
    ("[codes](http://help.kettle.example/updates/2026-11-10-codes/)", "7:9"),
    ("[codes](//HELP.kettle.example/updates/2026-11-10-codes/)", "7:9"),
    ("[codes](https://help.kettle.example:443/updates/2026-11-10-codes/#top)", "7:9"),
    ("[codes][survey]\n\n[survey]: https://help.kettle.example/updates/2026-11-10-codes/", "9:11"),
    ('<a href="https://help.kettle.example/updates/2026-11-10-codes/">codes</a>', "7:10"),
    ('<img src="//help.kettle.example/updates/2026-11-10-codes/" alt="">', "7:11"),
], ids=["autolink", "http", "scheme-relative", "port", "reference", "raw-a", "raw-img"])
def test_absolute_links_to_a_backers_only_update_are_caught(tmp_path, link, where):
    write_content(tmp_path, {UPDATE: f"---\ntitle: Hello backers\ndate: 2026-11-18\n---\nYour codes:\n\n{link}\n",
                             **SECRET})
    (hit,) = [d for d in lint_hub(load_hub(tmp_path / "content")).sorted() if d.code in ("HUB160", "HUB162")]
    assert hit.code == "HUB162"
    assert "backers-only update, which is not on the public hub" in hit.message
    assert str(hit.location).endswith(f"content/{UPDATE}:{where}")


def test_links_elsewhere_and_to_the_hubs_own_pages_are_not_reported(tmp_path):
    body = ("[Kickstarter](https://www.kickstarter.com/projects/test/kettle) "
            "<https://help.kettle.example/faq/#when-ship> [pol](HTTP://help.kettle.example/refund-policy/) "
            "[other host, same path](https://elsewhere.example/updates/2026-11-10-codes/)")
    assert lint_update(tmp_path, body, SECRET) == []


def test_resolve_link_reads_every_spelling_of_site_url():
    assert resolve_link("//help.kettle.example/faq/#a", "updates/x/", SITE_URL).path == "faq/"
    assert resolve_link("https://help.kettle.example./faq/", "", SITE_URL).path == "faq/"
    assert resolve_link("https://help.kettle.example:8443/faq/", "", SITE_URL) is None
    assert resolve_link("https://h.example/sub/faq/", "", "https://h.example/sub/").path == "faq/"
    assert resolve_link("https://h.example/other/", "", "https://h.example/sub/") is None
    assert resolve_link("../contact/#routing", "updates/x/", SITE_URL).path == "updates/contact/"


@pytest.mark.timeout(120)
def test_a_heading_full_of_spaces_and_tabs_is_read_in_bounded_time(tmp_path):
    """A paste gone wrong: 20 KB of spaces and tabs inside headings. The heading
    patterns used to backtrack for minutes; now lint reads it like any heading."""
    blank = " \t" * 10_000
    page = f"# Shipping{blank}costs #####{blank}\n\nWe ship weekly.\n\n## Customs{blank}\n\nDuties.\n"
    body = f"## Tracking{blank}#####{blank}x\n\n[Customs](/pages/shipping/#customs)\n"
    found = lint_update(tmp_path, body, {"pages/shipping.md": page})
    assert found == []
    hub = load_hub(tmp_path / "content").hub
    (shipping,) = hub.pages
    assert shipping.title.startswith("Shipping") and shipping.title.endswith("costs")
    assert "customs" in site_map(hub).anchors_of("pages/shipping/")
