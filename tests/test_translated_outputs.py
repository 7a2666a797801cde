"""What a translation's backers read beyond its pages: dates, feeds, the
calendar and `hubgen share` all speak the language, with words from labels/."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re

import feedparser
import pytest
from icalendar import Calendar

from conftest import run_hubgen
from hubgen.labels import catalogue, catalogue_languages, labels_for

ADVENT = dt.date(2026, 12, 5)
#: 5 December 2026 as each language writes a day, and December 2026 as a heading
DAYS = {
    "en": ("5 December 2026", "December 2026"),
    "de": ("5. Dezember 2026", "Dezember 2026"),
    "fr": ("5 décembre 2026", "décembre 2026"),
    "es": ("5 de diciembre de 2026", "diciembre de 2026"),
    "it": ("5 dicembre 2026", "dicembre 2026"),
    "nl": ("5 december 2026", "december 2026"),
    "pl": ("5 grudnia 2026", "grudzień 2026"),  # a day takes the genitive, a heading the nominative
    "pt-BR": ("5 de dezembro de 2026", "dezembro de 2026"),
    "ja": ("2026年12月5日", "2026年12月"),
}


@pytest.mark.parametrize("language", sorted(DAYS))
def test_each_language_writes_a_day_and_a_month_its_own_way(language):
    words = labels_for(language)
    assert (words.date(ADVENT), words.month(ADVENT)) == DAYS[language]


def test_french_writes_the_first_of_a_month_as_1er():
    # A tester read "promis pour le 1 novembre 2026" where French writes "1er novembre".
    assert labels_for("fr").date(dt.date(2026, 11, 1)) == "1er novembre 2026"
    assert labels_for("fr").date(dt.date(2026, 11, 2)) == "2 novembre 2026"
    assert labels_for("en").date(dt.date(2026, 11, 1)) == "1 November 2026"


def test_a_regional_language_takes_its_catalogues_pattern():
    assert labels_for("de-AT").date(dt.date(2027, 1, 20)) == "20. Jänner 2027"  # Austrian month names
    assert labels_for("pt").date(ADVENT) == "5 de dezembro de 2026"


def test_no_catalogue_leaves_the_feed_calendar_or_share_words_in_english():
    english = catalogue("en")
    keys = ["site.feed_title", "site.tag_feed_title", "calendar.name", "calendar.open", "calendar.done",
            "calendar.first", "calendar.moved", "share.on_the_hub"]
    for language in catalogue_languages():
        if language == "en":
            continue
        same = [key for key in keys if catalogue(language)[key] == english[key]]
        # Dutch says "updates" as English does; every other word is its own.
        assert same == (["site.feed_title"] if language == "nl" else []), language


@pytest.fixture(scope="module")
def german(built_site):
    return built_site / "de"


def test_german_pages_write_dates_the_german_way(german):
    updates = (german / "updates" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-11-18">18. November 2026</time>' in updates
    assert not re.search(r">\d+ [A-Z][a-z]+ \d{4}<", updates)


def test_german_feeds_are_titled_in_german(german):
    site = feedparser.parse((german / "feed.xml").read_bytes())
    assert site.feed.title == "Tidewater Field Kettle: Neuigkeiten"
    tagged = feedparser.parse((german / "updates" / "tags" / "shipping" / "feed.xml").read_bytes())
    assert tagged.feed.title == "Tidewater Field Kettle: Neuigkeiten zum Thema „shipping“"
    assert '"title": "Tidewater Field Kettle: Neuigkeiten"' in (german / "feed.json").read_text(encoding="utf-8")


def test_the_german_calendar_says_in_german_how_each_milestone_went(german):
    calendar = Calendar.from_ical((german / "milestones.ics").read_bytes())
    assert calendar["X-WR-CALNAME"] == "Tidewater Field Kettle: Meilensteine"
    descriptions = [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]
    assert "Erledigt am 18. August 2026 (2 Tage früher)." in descriptions
    assert "Noch nicht erledigt. Fällig am 20. Januar 2027." in descriptions
    moved = next(text for text in descriptions if "verschoben" in text)
    assert moved.startswith("Erledigt am 12. November 2026 (2 Tage zu spät).\nZuerst zugesagt für den 1. November 2026."
                            "\n21. Oktober 2026: verschoben vom 1. November 2026 auf den 10. November 2026 "
                            "(https://help.tidewater.example/de/updates/2026-10-21-samples-approved-late/).")
    for english in ("Done", "Not done yet", "Due", "First promised", "moved from", "early", "late)"):
        assert not any(english in text for text in descriptions), english


def share_in_german(example_content, channel: str) -> str:
    shared = run_hubgen("share", "2026-11-18-shipping-plan", str(example_content), "--to", channel,
                        "--language", "de")
    assert shared.returncode == 0, shared.stderr
    assert "On the hub" not in shared.stdout
    return shared.stdout


LINK = "https://help.tidewater.example/de/updates/2026-11-18-shipping-plan/"
LAST_LINE = f"Auf der Support-Seite: {LINK}"
LAST_PARAGRAPH = f'<p>Auf der Support-Seite: <a href="{LINK}">{LINK}</a></p>'


def test_hubgen_share_in_german_ends_in_german(example_content):
    assert share_in_german(example_content, "text").rstrip().endswith("\n" + LAST_LINE)
    assert share_in_german(example_content, "kickstarter").rstrip().endswith("\n" + LAST_PARAGRAPH)
    message = email.message_from_string(share_in_german(example_content, "email"), policy=email.policy.default)
    assert message.get_body(("plain",)).get_content().rstrip().endswith("\n" + LAST_LINE)
    html = message.get_body(("html",)).get_content()
    assert LAST_PARAGRAPH in html and "On the hub" not in html


def test_a_french_hub_puts_a_space_before_its_colons(content_copy, tmp_path):
    """A tester found 'Épinglé:' and '18 novembre 2026:' on pages whose other colons
    follow French typography (' :')."""
    hub = content_copy / "hub.yaml"
    hub.write_text(re.sub(r"(?m)^  languages: .*\n", "", re.sub(r"(?m)^  language: .*$", "  language: fr",
                                                               hub.read_text(encoding="utf-8"))), encoding="utf-8")
    site = tmp_path / "site"
    built = run_hubgen("build", str(content_copy), "-o", str(site), "--today", "2026-11-25")
    assert built.returncode == 0, built.stdout + built.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<strong>Épinglé : <a" in home, re.findall(r"<strong>[^<]*", home)
    updates = re.sub(r"<[^>]+>", "", (site / "updates" / "index.html").read_text(encoding="utf-8"))
    assert "18 novembre 2026 : Shipping plan" in updates and "2026:" not in updates
