"""Every plain-text field a creator types is text on every output, never markup.

A creator pastes a name with a double quote, or someone with write access to
the content tries a <script>: either way the built pages, nav, head, feeds,
search index and calendar show the text as typed and run nothing.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

import contentkit
from conftest import run_hubgen
from sitewalk import html_pages

# A quote ends an attribute; the rest opens a script or an event handler if unescaped.
HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def hostile(label: str) -> str:
    return f"{label} {HOSTILE}"


def yaml_text(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML scalar


FIELDS = {  # field -> the text it holds in the hostile hub
    "project.name": hostile("Kettle"),
    "project.creator": hostile("Brewworks"),
    "project.status": hostile("Packing"),
    "contact.response_time": hostile("within two days"),
    "contact.hours": hostile("weekdays"),
    "routing.topic": hostile("Refunds"),
    "routing.handled_by": hostile("Pledge manager"),
    "routing.contact": hostile("see your survey"),
    "state.label": hostile("Collected"),
    "milestone.title": hostile("Surveys sent"),
    "faq.category": hostile("Shipping"),
    "faq.question": hostile("When does it ship?"),
    "update.title": hostile("Tooling done"),
    "update.tag": hostile("production"),
    "page.title": hostile("Shipping costs"),
}


def hostile_content(root: Path) -> Path:
    f = {k: yaml_text(v) for k, v in FIELDS.items()}
    hub = f"""\
        project:
          name: {f['project.name']}
          creator: {f['project.creator']}
          platform: kickstarter
          campaign_url: https://www.kickstarter.com/projects/test/kettle
          site_url: https://help.kettle.example/
          status: {f['project.status']}
          logo: 'assets/logo "x" <y>.svg'
        contact:
          email: help@kettle.example
          response_time: {f['contact.response_time']}
          hours: {f['contact.hours']}
          routing:
            - topic: {f['routing.topic']}
              handled_by: creator
            - topic: Surveys
              handled_by: {f['routing.handled_by']}
              contact: {f['routing.contact']}
            - topic: Payments
              handled_by: Payments team
              contact: javascript:alert(3)
        pledge_states:
          - id: collected
            label: {f['state.label']}
            description: Your payment went through.
            next: []
        milestones:
          - title: {f['milestone.title']}
            due: 2026-09-15
        """
    faq = f"""\
        - category: {f['faq.category']}
          questions:
            - id: when-ship
              q: {f['faq.question']}
              a: In March.
        """
    update = f"""\
        ---
        title: {f['update.title']}
        date: 2026-11-18
        tags: [{f['update.tag']}]
        pinned: true
        ---
        Production starts.
        """
    page = f"""\
        ---
        title: {f['page.title']}
        ---
        We ship from Rotterdam.
        """
    content = contentkit.write_content(root, {"hub.yaml": hub, "faq.yaml": faq,
                                              "updates/2026-11-18-hello.md": update,
                                              "pages/shipping.md": page})
    (content / "assets").mkdir()
    (content / "assets" / 'logo "x" <y>.svg').write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', encoding="utf-8")
    return content


class Markup(HTMLParser):
    """What a browser would make of a page: its scripts, handlers, title and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.images: list[str] = []
        self.in_script = False
        self.title = ""
        self.in_title = False
        self.text: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.attributes += [value or "" for _, value in attrs]
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
        self.in_script = tag == "script"
        self.in_title = tag == "title"

    def handle_endtag(self, tag):
        self.in_script = self.in_title = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts.append(data)
        if self.in_title:
            self.title += data
        self.text.append(data)


def read(page: Path) -> Markup:
    parsed = Markup()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = hostile_content(root)
    result = run_hubgen("build", str(content), "-o", str(root / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_no_page_runs_or_loads_anything_a_field_injected(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) >= 8
    for page in pages:
        parsed = read(page)
        assert not [s for s in parsed.scripts if "alert" in s], page
        assert not parsed.handlers, f"{page}: {parsed.handlers}"
        assert "x" not in parsed.images, page
        assert not [a for a in parsed.attributes if a.lower().startswith("javascript:")], page


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_each_field_reads_as_typed_somewhere_on_the_site(hostile_site, field):
    """Escaped, not dropped: the quote and the tags show as text."""
    typed = FIELDS[field]
    shown = [page for page in html_pages(hostile_site)
             if typed in "".join(read(page).text) or typed in read(page).attributes]
    assert shown, f"{field} is shown nowhere as typed"


def test_head_and_title_keep_quotes_as_text(hostile_site):
    page = read(hostile_site / "updates" / "2026-11-18-hello" / "index.html")
    assert page.title.strip() == f"{FIELDS['update.title']} - {FIELDS['project.name']}"
    assert FIELDS["project.name"] in page.attributes  # <meta name="description"> and the logo's title
    assert f"Backer support for {FIELDS['project.name']}" in page.attributes
    assert FIELDS["project.creator"] in page.attributes  # <meta name="author">
    home = read(hostile_site / "index.html")
    assert any(src.endswith("logo%20%22x%22%20%3Cy%3E.svg") for src in home.images)
    assert (hostile_site / "assets" / 'logo "x" <y>.svg').is_file()


def test_contact_links_only_web_and_mail_addresses(hostile_site):
    contact = (hostile_site / "contact" / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in contact
    assert "javascript:alert(3)" in "".join(read(hostile_site / "contact" / "index.html").text)
    assert f"{FIELDS['project.creator']} (that's us)" in "".join(read(hostile_site / "contact" / "index.html").text)


def test_feeds_carry_the_titles_as_text(hostile_site):
    atom = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert not atom.bozo
    assert atom.feed.title == f"{FIELDS['project.name']}: updates"
    assert atom.entries[0].title == FIELDS["update.title"]
    assert atom.feed.author == FIELDS["project.creator"]
    assert [t.term for t in atom.entries[0].tags] == [FIELDS["update.tag"]]
    items = json.loads((hostile_site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert items[0]["title"] == FIELDS["update.title"]  # JSON Feed titles are plain text


def test_search_index_titles_are_escaped_html(hostile_site):
    """Material's worker puts titles and text into the results list as HTML."""
    docs = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        assert "<script" not in doc["title"] + doc["text"], doc["location"]
        assert "<img" not in doc["title"] + doc["text"], doc["location"]
    titles = {doc["title"] for doc in docs}
    assert 'When does it ship? "&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;' in titles

def test_calendar_escapes_the_milestone_title(hostile_site):
    ics = (hostile_site / "milestones.ics").read_bytes().decode("utf-8")
    unfolded = ics.replace("\r\n ", "")
    assert f"SUMMARY:{FIELDS['milestone.title']}" in unfolded
    assert "X-WR-CALNAME:" + FIELDS["project.name"] + ": milestones" in unfolded



def test_hostile_fields_leave_every_page_valid_html(hostile_site, java):
    """A quote in the project name used to end an attribute in every page head."""
    from test_html_valid import nu_errors

    errors = nu_errors(java, hostile_site)
    assert not errors, "\n".join(errors[:30])


def test_a_browser_opening_the_pages_runs_nothing_injected(hostile_site, page):
    """Served without _headers (no Content-Security-Policy to fall back on), as on
    a host that ignores it: Chromium opens each page and no injected alert fires."""
    from conftest import serve_folder

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    server, base = serve_folder(hostile_site)
    try:
        for path in ["", "faq/", "pledge-states/", "updates/", "updates/2026-11-18-hello/", "contact/",
                     "pages/shipping/", "updates/tags/"]:
            if path == "updates/tags/":
                tag = next((hostile_site / "updates" / "tags").iterdir()).name
                path += tag + "/"
            response = page.goto(base + path)
            assert response.ok, path
            page.wait_for_load_state("load")
        assert dialogs == []
        assert page.evaluate("document.title").startswith("Updates tagged")
    finally:
        server.shutdown()
