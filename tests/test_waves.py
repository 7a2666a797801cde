"""Waves beyond delivery/: a wave's estimate is a promise, so the calendar
carries it with its history, and the feeds say which waves an update moved.

The example hub's mugs and pouring stands (wave 2) moved in the UK from
26 February to 19 March 2027, told in the update 2026-11-18-shipping-plan.
"""

from __future__ import annotations

import json

SHIPPING_PLAN = "https://help.tidewater.example/updates/2026-11-18-shipping-plan/"


def test_each_waves_estimate_is_a_calendar_event_with_its_history(built_site):
    from icalendar import Calendar

    calendar = Calendar.from_ical((built_site / "milestones.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert {"Delivery of Kettles: United Kingdom", "Delivery of Mugs and pouring stands: European Union"} <= set(events)
    mugs = events["Delivery of Mugs and pouring stands: United Kingdom"]
    assert mugs.decoded("DTSTART").isoformat() == "2027-03-19"
    assert str(mugs["DESCRIPTION"]).splitlines() == [
        "Not done yet. Due 19 March 2027.", "First promised for 26 February 2027.",
        f"18 November 2026: moved from 26 February 2027 to 19 March 2027 ({SHIPPING_PLAN})."]
    assert str(mugs["URL"]) == "https://help.tidewater.example/delivery/"
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == len(calendar.walk("VEVENT"))


def test_the_feeds_say_which_waves_an_update_moved(built_site):
    import feedparser

    atom = feedparser.parse((built_site / "feed.xml").read_bytes())
    entry = next(e for e in atom.entries if e.link == SHIPPING_PLAN)
    assert ("wave:wave-2", "Mugs and pouring stands") in [(tag.term, tag.label) for tag in entry.tags]
    others = [e for e in atom.entries if e.link != SHIPPING_PLAN]
    assert not [tag for e in others for tag in e.get("tags", []) if tag.term.startswith("wave:")]
    items = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))["items"]
    (item,) = [i for i in items if i["url"] == SHIPPING_PLAN]
    assert item["_hubgen"] == {"about": [{"term": "wave:wave-2", "label": "Mugs and pouring stands"}]}


def test_a_pinned_notice_for_retailers_is_marked_on_every_page_and_listed_for_them(content_copy, tmp_path):
    import re

    from conftest import run_hubgen

    plan = content_copy / "updates" / "2026-11-18-shipping-plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("pinned: true\n", "pinned: true\nsegments: [retailer]\n"),
                    encoding="utf-8")
    result = run_hubgen("build", str(content_copy), "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    faq = (tmp_path / "site" / "faq" / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="hubgen-banner__pinned">.*?</p>', faq, re.S).group(0)
    assert '<span class="hubgen-for" data-hubgen-segments="retailer">For Retailers</span>' in banner
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<p class="hubgen-for" data-hubgen-segments="retailer">For Retailers</p>' in home
    # "Your pledge" lists it among what is for retailers (its data, in the page).
    assert "Shipping plan, and a delay for Australia" in re.search(r'<script type="application/json" data-hubgen-pledge-data>(.*?)</script>', home).group(1)
