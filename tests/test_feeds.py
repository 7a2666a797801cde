"""Feeds and the milestones calendar, read by the libraries backers' apps use:
feedparser for Atom, a JSON Feed 1.1 schema for JSON Feed, icalendar for .ics."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from urllib.parse import unquote

import feedparser
import icalendar
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conftest import run_hubgen
from contentkit import MINIMAL, write_content
from hubgen.pipeline import load_hub
from sitewalk import parse

JSON_FEED_SCHEMA = Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json"
ATOM_FEED_REQUIRED = ("id", "title", "updated")
ATOM_ENTRY_REQUIRED = ("id", "title", "updated", "published", "link", "content")


def validate_json_feed(document: dict) -> list[str]:
    schema = json.loads(JSON_FEED_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


@pytest.fixture(scope="module")
def example_hub(example_content):
    return load_hub(example_content).hub


def test_atom_feed_is_well_formed_and_complete(built_site, example_hub):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    for key in ATOM_FEED_REQUIRED:
        assert feed.feed.get(key), f"feed has no {key}"
    assert feed.feed.author == example_hub.project.creator
    site_url = example_hub.project.site_url
    assert {(link.rel, link.href) for link in feed.feed.links} >= {
        ("self", site_url + "feed.xml"), ("alternate", site_url + "updates/")}
    public = example_hub.public_updates
    assert [entry.title for entry in feed.entries] == [u.title for u in public]  # newest first
    for entry, update in zip(feed.entries, public):
        for key in ATOM_ENTRY_REQUIRED:
            assert entry.get(key), f"{entry.title} has no {key}"
        assert entry.id == entry.link == f"{site_url}updates/{update.slug}/"
        assert entry.published == f"{update.date.isoformat()}T00:00:00Z"  # RFC 3339 with a zone
        # Tags first; then who the update is for and which waves it moved (tests/test_waves.py).
        terms = [tag.term for tag in entry.get("tags", [])]
        assert [term for term in terms if not term.startswith(("segment:", "wave:"))] == update.tags


def test_json_feed_follows_the_1_1_schema(built_site, example_hub):
    document = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    assert validate_json_feed(document) == []
    site_url = example_hub.project.site_url
    assert document["feed_url"] == site_url + "feed.json"
    assert document["home_page_url"] == site_url + "updates/"
    assert [item["id"] for item in document["items"]] == [
        f"{site_url}updates/{u.slug}/" for u in example_hub.public_updates]


def test_feed_links_are_absolute(built_site, example_hub):
    document = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    html = "".join(item["content_html"] for item in document["items"])
    hrefs = parse_links(html)
    assert hrefs, "the example updates link somewhere"
    assert all(href.startswith(("https://", "http://", "mailto:")) for href in hrefs), hrefs


def parse_links(html: str) -> list[str]:
    import re

    return re.findall(r'\s(?:href|src)="([^"]*)"', html)


def test_every_page_head_links_both_feeds(built_site):
    for page in [built_site / "index.html", built_site / "faq" / "index.html", built_site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert 'rel="alternate" type="application/atom+xml"' in html, page
        assert 'rel="alternate" type="application/feed+json"' in html, page


def test_tag_pages_list_their_updates_and_have_their_own_feeds(built_site, example_hub):
    tagged = [u for u in example_hub.public_updates if "shipping" in u.tags]
    page = built_site / "updates" / "tags" / "shipping" / "index.html"
    links = parse(page).links
    for update in tagged:
        assert any(f"{update.slug}/" in link for link in links), update.slug
    feed = feedparser.parse((page.parent / "feed.xml").read_bytes())
    assert feed.bozo == 0 and [e.title for e in feed.entries] == [u.title for u in tagged]
    assert validate_json_feed(json.loads((page.parent / "feed.json").read_text())) == []
    update_page = built_site / "updates" / tagged[0].slug / "index.html"
    assert "../tags/shipping/" in parse(update_page).links


def test_milestones_calendar_parses_with_one_event_per_milestone(built_site, example_hub):
    raw = (built_site / "milestones.ics").read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    # The milestones, then each wave's estimate in each region (tests/test_waves.py).
    waves = sum(1 for region in example_hub.shipping for entry in region.waves if entry.estimate)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(example_hub.milestones) + waves
    for event, milestone in zip(events, example_hub.milestones):
        assert str(event["SUMMARY"]) == milestone.title
        assert event.decoded("DTSTART") == milestone.due
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_milestone_timeline_shows_late_early_and_open(built_site, example_hub):
    html = (built_site / "updates" / "index.html").read_text(encoding="utf-8")
    for milestone in example_hub.milestones:
        assert milestone.title in html
    late = next(m for m in example_hub.milestones if m.slipped_days() > 0)
    assert f"{late.slipped_days()} days late" in html
    open_one = next(m for m in example_hub.milestones if m.done is None)
    assert f'data-due="{open_one.due.isoformat()}">not done yet' in html
    assert 'class="hubgen-timeline"' in (built_site / "index.html").read_text(encoding="utf-8")


# The backer's clock, pinned: before the open milestones are due, the day after
# the first of them was due (one day late, in the example), and months later.
@pytest.mark.parametrize("reader_day", ["2026-11-25", "2026-12-06", "2027-03-01"])
def test_overdue_milestones_are_worked_out_on_the_day_a_backer_reads(page, site_url, example_hub, reader_day):
    today = dt.date.fromisoformat(reader_day)
    open_milestones = [m for m in example_hub.milestones if m.done is None]
    assert len(open_milestones) >= 2, "the example needs open milestones for this test to mean anything"
    late = {m.title: (today - m.due).days for m in open_milestones if m.due < today}
    expected = {title: f"overdue by {days} day{'' if days == 1 else 's'}, not done yet"
                for title, days in late.items()}
    page.clock.set_fixed_time(f"{reader_day}T12:00:00")  # noon: the same date in every time zone near UTC
    page.goto(site_url + "updates/")

    def statuses(selector: str) -> dict[str, str]:
        found = page.locator(selector)
        return dict(zip(found.locator("strong").all_inner_texts(),
                        found.locator(".hubgen-milestone__status").all_inner_texts()))

    assert statuses(".hubgen-milestone--overdue") == expected
    assert statuses(".hubgen-milestone--open") == {m.title: expected.get(m.title, "not done yet")
                                                   for m in open_milestones}


# -- small hubs, built for one property each -----------------------------------

def build(tmp_path, changes):
    write_content(tmp_path, changes)
    result = run_hubgen("build", "content", "-o", "site", "--today", "2026-11-20", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_special_characters_survive_both_feeds_exactly(tmp_path):
    title = 'Fish & <Chips> "quoted"'
    site = build(tmp_path, {"updates/2026-11-18-hello.md": f"---\ntitle: '{title}'\ntags: [a&b]\n---\n"
                            "Salt & vinegar, 5 < 6.\n"})
    atom = feedparser.parse((site / "feed.xml").read_bytes())
    assert atom.bozo == 0
    assert atom.entries[0].title == title
    assert "Salt &amp; vinegar, 5 &lt; 6." in atom.entries[0].content[0].value
    item = json.loads((site / "feed.json").read_text())["items"][0]
    assert item["title"] == title and item["tags"] == ["a&b"]
    assert "Salt &amp; vinegar, 5 &lt; 6." in item["content_html"]


def test_feed_length_bounds_every_feed(tmp_path):
    hub = textwrap.dedent(MINIMAL["hub.yaml"]) + "settings:\n  feed_length: 2\n"
    updates = {f"updates/2026-11-1{n}-news-{n}.md": f"---\ntitle: News {n}\ntags: [news]\n---\nText {n}.\n"
               for n in range(5)}
    site = build(tmp_path, {"hub.yaml": hub, **updates})
    atom = feedparser.parse((site / "feed.xml").read_bytes())
    assert [e.title for e in atom.entries] == ["Hello backers", "News 4"]
    assert len(json.loads((site / "updates/tags/news/feed.json").read_text())["items"]) == 2


def test_entry_id_stays_when_the_title_changes(tmp_path):
    first = build(tmp_path / "a", {})
    renamed = build(tmp_path / "b", {"updates/2026-11-18-hello.md": "---\ntitle: Hello again\n---\nFirst news.\n"})
    before = feedparser.parse((first / "feed.xml").read_bytes()).entries[0]
    after = feedparser.parse((renamed / "feed.xml").read_bytes()).entries[0]
    assert before.title != after.title and before.id == after.id


def test_backers_only_and_draft_updates_stay_out_of_feeds_and_calendar(tmp_path):
    site = build(tmp_path, {
        "updates/2026-11-10-secret.md": "---\ntitle: Secret\nvisibility: backers\ntags: [news]\n---\nCANARY-1\n",
        "updates/2026-11-11-draft.md": "---\ntitle: Draft\ndraft: true\ntags: [hidden]\n---\nCANARY-2\n"})
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".xml", ".json", ".ics", ".html"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "CANARY-" not in text, path
    assert not (site / "updates" / "tags" / "hidden").exists()


def test_tag_pages_link_back_and_feeds_have_their_content_type(built_site):
    from hubgen.render.headers import headers_for, parse_headers

    page = built_site / "updates" / "tags" / "shipping" / "index.html"
    targets = {(page.parent / link.split("#")[0]).resolve() for link in parse(page).links
               if not link.startswith(("http", "mailto:", "#"))}
    assert (built_site / "updates").resolve() in targets, "a tag page links back to all updates"
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    assert 'type="application/atom+xml" title="Tidewater Field Kettle: updates tagged shipping (Atom)" href="feed.xml"' in head
    assert 'type="application/feed+json" title="Tidewater Field Kettle: updates tagged shipping (JSON Feed)" href="feed.json"' in head
    rules = parse_headers((built_site / "_headers").read_text())
    for path, kind in [("/updates/tags/shipping/feed.xml", "application/atom+xml"),
                       ("/updates/tags/shipping/feed.json", "application/feed+json"),
                       ("/feed.xml", "application/atom+xml"), ("/milestones.ics", "text/calendar")]:
        assert headers_for(rules, path)["Content-Type"].startswith(kind), path


def test_tags_in_any_script_get_a_page_and_feeds_of_their_own(tmp_path):
    site = build(tmp_path, {
        "updates/2026-11-16-a.md": "---\ntitle: Café news\ntags: [Café]\n---\nA.\n",
        "updates/2026-11-17-b.md": "---\ntitle: 配送のお知らせ\ntags: [配送]\n---\nB.\n",
        "updates/2026-11-18-c.md": "---\ntitle: Greek\ntags: [αποστολή, '!!!']\n---\nC.\n"})
    tags = site / "updates" / "tags"
    folders = sorted(p.name for p in tags.iterdir())
    # Before: every non-ASCII tag slugified to "section" and shared one page.
    assert {"cafe", "配送", "αποστολη", "news"} <= set(folders) and len(folders) == 5, folders
    for folder in tags.iterdir():
        assert (folder / "index.html").is_file()
        document = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
        assert validate_json_feed(document) == []  # non-ASCII URLs are percent-encoded
        assert len(document["items"]) == 1
        assert feedparser.parse((folder / "feed.xml").read_bytes()).bozo == 0
    update_page = site / "updates" / "2026-11-17-b" / "index.html"
    tag_links = [link for link in parse(update_page).links if "tags/" in link]
    assert tag_links and all((update_page.parent / unquote(link) / "index.html").is_file() for link in tag_links)


def test_control_characters_do_not_break_the_atom_feed(tmp_path):
    site = build(tmp_path, {"updates/2026-11-18-hello.md": "---\ntitle: \"Bell\\a rings\"\n---\nForm\x0cfeed.\n"})
    atom = feedparser.parse((site / "feed.xml").read_bytes())
    assert atom.bozo == 0, atom.get("bozo_exception")
    assert atom.entries[0].title == "Bell rings"


def test_calendar_escapes_folds_and_keeps_repeated_titles_apart(tmp_path):
    hub = textwrap.dedent(MINIMAL["hub.yaml"]).replace("""milestones:
  - title: Surveys sent
    due: 2026-09-15
    done: 2026-09-12
""", """milestones:
  - title: 'Ship, wave; one \\ two'
    due: 2026-12-01
    done: 2026-12-02
    note: "Ferry delayed.\\nSecond line: ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé"
  - title: Shipping wave
    due: 2027-01-10
  - title: Shipping wave
    due: 2027-02-10
""")
    assert "Shipping wave" in hub
    site = build(tmp_path, {"hub.yaml": hub})
    raw = (site / "milestones.ics").read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert rb"Ship\, wave\; one \\ two" in raw
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    assert str(events[0]["SUMMARY"]) == "Ship, wave; one \\ two"
    description = str(events[0]["DESCRIPTION"])
    assert description.startswith("Done 2 December 2026 (1 day late).\nFerry delayed.\nSecond line: ünïcödé")
    assert description.endswith("ünïcödé ünïcödé")
    assert events[0]["URL"] == "https://help.kettle.example/updates/#milestones"
    assert [e.decoded("DTSTART") for e in events] == [dt.date(2026, 12, 1), dt.date(2027, 1, 10),
                                                      dt.date(2027, 2, 10)]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 3, uids


def test_without_source_date_epoch_dates_come_from_the_content(tmp_path):
    """Never the wall clock: two builds of the same content give the same feeds and calendar."""
    content = write_content(tmp_path, {"updates/2026-11-18-hello.md": None})  # no public update
    outputs = []
    for name in ("one", "two"):
        result = run_hubgen("build", str(content), "-o", name, cwd=tmp_path, env={"SOURCE_DATE_EPOCH": None})
        assert result.returncode == 0, result.stderr
        outputs.append(tmp_path / name)
    for name in ("feed.xml", "feed.json", "milestones.ics"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name
    # The newest date the public content names: the refund policy's `updated`.
    assert feedparser.parse((outputs[0] / "feed.xml").read_bytes()).feed.updated == "2026-10-01T00:00:00Z"
    assert b"DTSTAMP:20261001T000000Z" in (outputs[0] / "milestones.ics").read_bytes()


def test_feeds_carry_each_updates_summary(built_site, example_hub):
    summarised = {u.slug: u.summary for u in example_hub.public_updates if u.summary}
    assert summarised, "the example has updates with a summary"
    atom = feedparser.parse((built_site / "feed.xml").read_bytes())
    json_feed = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    for update in example_hub.public_updates:
        entry = next(e for e in atom.entries if e.link.rstrip("/").endswith(update.slug))
        item = next(i for i in json_feed["items"] if i["url"].rstrip("/").endswith(update.slug))
        if update.summary:
            assert item["summary"] == update.summary
            assert entry.summary == update.summary
        else:
            assert "summary" not in item


def random_updates(seed: int, count: int) -> list[str]:
    """Update bodies as creators write them: mostly prose in several scripts, with
    lists, rules, dashes, line breaks and Markdown syntax mixed in."""
    import random

    rng = random.Random(seed)
    prose = ["kettle", "Straße", "café", "配送", "2026", "1.5", "10", "we're", "e-mail", "Ünïcödé", "١٢٣", "½",
             "http://parcel.example/track", "(finally)", '"lid"', "100%", "$5", "@studio", "and/or", "-", "!", "?",
             ":", ";", ",", "."]
    syntax = ["1.", "-", "---", "*", "_", "#", "=", "+", "<b>", "&", "[x]", "`", "~", "|", "\\", "\t", "{#id}", "—"]
    separators = [" ", " ", " ", "", "\n", "\n\n", "\n\n\n", "  \n", "\n ", "\n    "]
    bodies = []
    for _ in range(count):
        words = prose + (syntax if rng.random() < 0.3 else [])
        gaps = separators if rng.random() < 0.3 else [" ", " ", ",", "\n", "\n\n"]
        body = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 40)))
        bodies.append(body + ("word " * 80 if rng.random() < 0.1 else ""))  # a long line gets bounded
    return bodies


def test_prose_updates_get_the_html_markdown_gives_them():
    # Fragments of prose skip Python-Markdown (hubgen/markup.py): the HTML must be the same.
    from hubgen.markup import bounded, markdown_html, plain_paragraphs, to_html

    shortcut = 0
    for body in random_updates(seed=19, count=6000):
        if plain_paragraphs(bounded(body)) is not None:
            shortcut += 1
            assert to_html(body) == markdown_html(body), body
    assert shortcut > 1000  # the shortcut is taken, and checked, often


# -- a calendar backers subscribe to -------------------------------------------------

MILESTONE_SPOT = """milestones:
  - title: Surveys sent
    due: 2026-09-15
    done: 2026-09-12
"""


def calendar_of(tmp_path: Path, name: str, milestones: str) -> icalendar.Calendar:
    hub = textwrap.dedent(MINIMAL["hub.yaml"]).replace(MILESTONE_SPOT, milestones)
    assert milestones in hub
    site = build(tmp_path / name, {"hub.yaml": hub})
    return icalendar.Calendar.from_ical((site / "milestones.ics").read_bytes())


def the_event(calendar: icalendar.Calendar, summary: str):
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == summary]
    return event


def one_milestone(title: str, due: str, moves: tuple[tuple[str, str], ...] = (), calendar_id: str = "") -> str:
    """milestones: with one milestone, as a creator writes it; `moves`: (due before, changed) pairs."""
    lines = ["milestones:", f"  - title: {title}"] + ([f"    id: {calendar_id}"] if calendar_id else [])
    lines.append(f"    due: {due}")
    if moves:
        lines.append("    history:")
        lines += [f"      - due: {before}\n        changed: {changed}" for before, changed in moves]
    return "\n".join(lines) + "\n"


def test_a_moved_milestone_keeps_its_uid_and_its_sequence_grows(tmp_path):
    """Calendar apps update an event in place when its UID stays and its SEQUENCE
    grows: a moved promise reaches subscribers instead of a second event."""
    first, second = ("2026-11-01", "2026-10-21"), ("2026-12-01", "2026-11-19")
    promised = calendar_of(tmp_path, "promised", one_milestone("Mass production starts", "2026-11-01"))
    moved = calendar_of(tmp_path, "moved", one_milestone("Mass production starts", "2026-12-01", (first,)))
    moved_again = calendar_of(tmp_path, "moved-again",
                              one_milestone("Mass production starts", "2027-01-15", (first, second)))
    renamed = calendar_of(tmp_path, "renamed", one_milestone("Mass production begins at the new factory",
                                                             "2027-01-15", (first, second),
                                                             calendar_id="Mass production starts"))
    events = [the_event(promised, "Mass production starts"), the_event(moved, "Mass production starts"),
              the_event(moved_again, "Mass production starts"),
              the_event(renamed, "Mass production begins at the new factory")]
    assert len({str(event["UID"]) for event in events}) == 1
    sequences = [int(event.get("SEQUENCE", 0)) for event in events]
    assert sequences[0] < sequences[1] < sequences[2] == sequences[3], sequences
    assert [event.decoded("DTSTART") for event in events] == [
        dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 15), dt.date(2027, 1, 15)]


def test_the_calendar_says_how_often_to_fetch_it_again(built_site):
    calendar = icalendar.Calendar.from_ical((built_site / "milestones.ics").read_bytes())
    assert calendar.decoded("REFRESH-INTERVAL") == dt.timedelta(hours=12)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
    raw = (built_site / "milestones.ics").read_bytes()
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw


@pytest.mark.parametrize("page", ["index.html", "updates/index.html", "delivery/index.html"])
def test_the_calendar_link_subscribes_and_the_file_is_beside_it(built_site, example_hub, page):
    """webcal:// makes calendar apps subscribe (and fetch again); the https link
    beside it downloads the same file."""
    site_url = example_hub.project.site_url
    links = parse(built_site / page).links
    subscribe = "webcal://" + site_url.split("://", 1)[1] + "milestones.ics"
    assert subscribe in links
    here = (built_site / page).parent
    downloads = [link for link in links if link.endswith("milestones.ics") and "://" not in link]
    assert downloads and all((here / link).resolve() == (built_site / "milestones.ics").resolve()
                             for link in downloads)
