"""Every lint rule, one failing fixture each: the code, the message, the place.

Each case changes the minimal hub (tests/contentkit.py), which lints clean,
in one way; the rule must fire there, and no other error may appear.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

from contentkit import MINIMAL, write_content
from hubgen.lint import load_catalogue
from hubgen.pipeline import lint_hub, load_hub

TODAY = dt.date(2026, 11, 20)
HUB = textwrap.dedent(MINIMAL["hub.yaml"])
FAQ = textwrap.dedent(MINIMAL["faq.yaml"])
UPDATE = "updates/2026-11-18-hello.md"


def update(title="Hello backers", date="2026-11-18", body="First news.", extra=""):
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def hub_with(old: str, new: str) -> dict[str, str]:
    assert old in HUB, old
    return {"hub.yaml": HUB.replace(old, new)}


def faq_with(old: str, new: str) -> dict[str, str]:
    assert old in FAQ, old
    return {"faq.yaml": FAQ.replace(old, new)}


WAVES = HUB.replace("    next: []\n", "    next: []\n" + textwrap.dedent("""\
    waves:
      - id: wave-1
        name: Kettles
      - id: wave-2
        name: Mugs and stands
    segments:
      - id: retailer
        label: Retailers
    shipping:
      - region: EU
        countries: [DE, FR]
        waves:
          - wave: wave-1
            status: shipping
            estimate: 2026-12-01
          - wave: wave-2
            estimate: 2027-02-01
      - region: UK
        countries: [GB]
        estimate: 2027-01-10
    """)).replace("      handled_by: creator\n", "      handled_by: creator\n"
                  "      segments: [retailer]\n")


def waves_with(old: str, new: str) -> dict[str, str]:
    assert old in WAVES, old
    return {"hub.yaml": WAVES.replace(old, new)}


# code: (changes to the minimal hub, today, words in the message, where it points)
CASES = {
    "HUB101": ({"refund-policy.md": None, **faq_with(" See the [refund policy](/refund-policy/).", "")}, TODAY, "there is no refund policy", "content/refund-policy.md"),
    "HUB102": ({"refund-policy.md": "---\nupdated: 2026-10-01\n---\nRefunds are possible in some cases.\n"},
               TODAY, "does not say how to ask for a refund, the time window", "content/refund-policy.md:1"),
    "HUB260": ({**hub_with("  site_url: https://help.kettle.example/\n",
                           "  site_url: https://help.kettle.example/\n  languages: [de]\n"),
                "de/faq.yaml": "- category: Versand\n  questions:\n    - id: when-ship\n"
                               "      translated_from: \"q:38e41c25 a:00000000\"\n"
                               "      q: Wann wird mein Wasserkocher verschickt?\n      a: Im **Februar**.\n"},
               TODAY, "the original changed since this translation was made: its answer (content/faq.yaml:3:7)",
               "content/de/faq.yaml:4:7"),
    "HUB261": ({**hub_with("  site_url: https://help.kettle.example/\n",
                           "  site_url: https://help.kettle.example/\n  languages: [de]\n"),
                "faq.yaml": textwrap.dedent(MINIMAL["faq.yaml"]) + "- category: Payments\n  questions:\n"
                            "    - id: card-declined\n      q: My card was declined, what now?\n"
                            "      a: Update it in the pledge manager within 7 days.\n",
                "de/faq.yaml": "- category: Versand\n  questions:\n    - id: when-ship\n"
                               "      q: Wann wird mein Wasserkocher verschickt?\n      a: Im **März**.\n"
                               "    - id: card-declined\n      q: Meine Karte wurde abgelehnt. Was nun?\n"
                               "      a: Ändere sie innerhalb von 7 Tagen im Pledge-Manager.\n"},
               TODAY, "'card-declined' is under 'Versand' here, which translates 'Shipping', but the original "
               "has it under 'Payments'", "content/de/faq.yaml:6:7"),
    "HUB200": (hub_with("  site_url: https://help.kettle.example/\n",
                        "  site_url: https://help.kettle.example/\n  language: sv\n"),
               TODAY, "hubgen has no labels in 'sv'", "content/hub.yaml:7:3"),
    "HUB103": ({"refund-policy.md": textwrap.dedent(MINIMAL["refund-policy.md"]).replace(
        "updated: 2026-10-01", "updated: 2025-06-01")}, TODAY, "last updated on 2025-06-01, 537 days ago",
        "content/refund-policy.md:2:10"),
    "HUB110": (hub_with("  email: help@kettle.example\n", ""), TODAY, "there is no contact email",
               "content/hub.yaml:8:3"),
    "HUB111": (hub_with("email: help@kettle.example", "email: help@kettle"), TODAY,
               "'help@kettle' is not an email address", "content/hub.yaml:8:10"),
    "HUB112": (hub_with("  response_time: within 2 days\n", ""), TODAY, "how soon backers get an answer",
               "content/hub.yaml:8:3"),
    "HUB114": (hub_with("email: help@kettle.example", "email: support@example.com"), TODAY,
               "contact.email is still support@example.com, which hubgen init wrote: backers' messages to it "
               "reach nobody", "content/hub.yaml:8:10"),
    "HUB211": (faq_with("q: When will my kettle ship?", "q: When will my kettle **ship**?"), TODAY,
               "'**ship**' in this question is shown as typed: a question is plain text", "content/faq.yaml:4:10"),
    "HUB113": (hub_with("  site_url: https://help.kettle.example/\ncontact:\n",
                        "  site_url: https://help.kettle.example/\n  host: github-pages\ncontact:\n  form: netlify\n"),
               TODAY, "'form: netlify' sends backers' messages to Netlify, but project.host is 'github-pages'",
               "content/hub.yaml:9:9"),
    "HUB120": ({}, dt.date(2027, 1, 10), "the newest public update is 53 days old", f"content/{UPDATE}:1"),
    "HUB121": ({UPDATE: update(extra="draft: true\n")}, TODAY, "there is no public update", f"content/{UPDATE}:1"),
    "HUB122": ({"updates/2026-11-10-a.md": update("Private A", "2026-11-10", extra="visibility: backers\n"),
                "updates/2026-11-12-b.md": update("Private B", "2026-11-12", extra="visibility: backers\n")},
               TODAY, "2 of 3 updates are backers-only", "content/updates/2026-11-10-a.md:1"),
    "HUB123": ({"updates/2027-05-01-later.md": update("Later", "2027-05-01")}, TODAY,
               "'Later' is dated 2027-05-01, in the future", "content/updates/2027-05-01-later.md:3:7"),
    "HUB124": ({UPDATE: update(date="2026-11-08")}, TODAY, "the file name says 2026-11-18 but 'date' is 2026-11-08",
               f"content/{UPDATE}:3:7"),
    "HUB125": ({"updates/2026-11-19-again.md": update("hello, backers!", "2026-11-19")}, TODAY,
               "same title as content/updates/2026-11-18-hello.md:2:8", "content/updates/2026-11-19-again.md:2:8"),
    "HUB126": ({UPDATE: update(body="Write the update here, in Markdown. Start with what changed for backers.")},
               TODAY, "'Hello backers' still says", f"content/{UPDATE}:5"),
    "HUB130": (hub_with("    due: 2026-09-15\n    done: 2026-09-12\n", "    due: 2026-11-19\n"), TODAY,
               "'Surveys sent' was due 2026-11-19 (1 day ago), is not done", "content/hub.yaml:26:10"),
    "HUB131": (hub_with("done: 2026-09-12", "done: 2026-10-20"), TODAY,
               "'Surveys sent' was done 35 days late", "content/hub.yaml:27:11"),
    "HUB132": (hub_with("done: 2026-09-12", "done: 2026-12-01"), TODAY,
               "marked done on 2026-12-01, which has not happened yet", "content/hub.yaml:27:11"),
    "HUB133": (hub_with("    done: 2026-09-12\n", "    done: 2026-09-12\n    history:\n      - due: 2026-09-01\n"
                        "        changed: 2026-08-20\n"), TODAY,
               "the move of 'Surveys sent' from 2026-09-01 names no update", "content/hub.yaml:29:9"),
    "HUB134": (hub_with("    done: 2026-09-12\n", "    done: 2026-09-12\n    history:\n      - due: 2026-09-01\n"
                        "        changed: 2026-12-20\n        update: 2026-11-18-hello\n"), TODAY,
               "'Surveys sent' moved on 2026-12-20, which has not come yet", "content/hub.yaml:30:18"),
    "HUB135": (hub_with("    done: 2026-09-12\n", "    done: 2026-09-12\n    history:\n      - due: 2026-09-15\n"
                        "        changed: 2026-08-20\n        update: 2026-11-18-hello\n"), TODAY,
               "'Surveys sent' lists a move from 2026-09-15 to the same date", "content/hub.yaml:29:14"),
    "HUB190": (hub_with("milestones:\n", "shipping:\n  - region: EU\n    countries: [DE]\n    status: delivered\n"
                        "milestones:\n  - title: Kettles delivered in the EU\n    due: 2026-12-01\n"), TODAY,
               "'EU' is marked delivered, but the milestone 'Kettles delivered in the EU' is not done",
               "content/hub.yaml:27:13"),
    "HUB191": (waves_with("  - wave: wave-2\n", "  - wave: wave2\n"), TODAY,
               "'EU' gives dates for unknown wave 'wave2'", "content/hub.yaml:40:15"),
    "HUB192": (waves_with("      - wave: wave-2\n        estimate: 2027-02-01\n", ""), TODAY,
               "wave 'wave-2' (Mugs and stands) has no dates in any shipping region", "content/hub.yaml:28:9"),
    "HUB193": (waves_with("    estimate: 2027-01-10\n", "    waves:\n      - wave: wave-1\n"), TODAY,
               "'UK' has no dates for wave 'wave-2' (Mugs and stands), which ships everywhere: backers in GB "
               "are told nothing about it", "content/hub.yaml:45:7"),
    "HUB194": (waves_with("estimate: 2026-12-01", "estimate: 2026-11-01"), TODAY,
               "wave 'wave-1' in 'EU' was estimated for 2026-11-01 (19 days ago) and is not delivered",
               "content/hub.yaml:39:19"),
    "HUB195": (waves_with("      segments: [retailer]\n", ""), TODAY,
               "no FAQ entry, update or routing entry is for segment 'retailer' (Retailers)",
               "content/hub.yaml:30:9"),
    "HUB196": ({**waves_with("      segments: [retailer]\n", ""),
                **faq_with("      states: [collected, locked]\n",
                           "      states: [collected, locked]\n      segments: [retailers]\n")}, TODAY,
               "'When will my kettle ship?' names unknown segment 'retailers'", "content/faq.yaml:8:18"),
    "HUB140": (faq_with("a: In **March**. See the [refund policy](/refund-policy/).", "a: TODO"), TODAY,
               "'When will my kettle ship?' has no answer (only 'TODO')", "content/faq.yaml:5:10"),
    "HUB141": (faq_with("      states: [collected, locked]\n",
                        "      states: [collected, locked]\n    - q: when will my KETTLE ship\n"
                        "      a: Soon.\n"), TODAY,
               "'when will my KETTLE ship' asks the same as the entry at content/faq.yaml:4:10",
               "content/faq.yaml:8:10"),
    "HUB142": (faq_with("states: [collected, locked]", "states: [collected, lokced]"), TODAY,
               "lists unknown pledge state 'lokced'", "content/faq.yaml:7:27"),
    "HUB143": (faq_with("      a: In **March**. See the [refund policy](/refund-policy/).\n      keywords:",
                        "      a: |\n        In **March**. See the [refund policy](/refund-policy/).\n        keywords:"),
               TODAY, "has the line 'keywords: [delivery]', which is published as part of the answer",
               "content/faq.yaml:7:9"),
    "HUB144": (faq_with("      a: In **March**. See the [refund policy](/refund-policy/).\n",
                        "      a: |\n        # Dates\n        In **March**. See the [refund policy](/refund-policy/).\n"),
               TODAY, "has a level-1 heading 'Dates', which the FAQ page ranks above the question itself",
               "content/faq.yaml:6:9"),
    "HUB240": ({"updates/2026-11-20-news.markdown": update("News", "2026-11-20")}, TODAY,
               "hubgen does not read this file: it reads 2026-11-20-news.md",
               "content/updates/2026-11-20-news.markdown"),
    "HUB150": (hub_with("next: [locked]", "next: [lockd]"), TODAY,
               "pledge state 'collected' leads to unknown state 'lockd'", "content/hub.yaml:18:12"),
    "HUB151": (hub_with("next: [locked]", "next: []"), TODAY, "no pledge state leads to 'locked'",
               "content/hub.yaml:19:5"),
    "HUB152": (hub_with("    description: Your order is being prepared.\n", ""), TODAY,
               "pledge state 'locked' has no description", "content/hub.yaml:19:5"),
    "HUB153": (faq_with("states: [collected, locked]", "states: [locked]"), TODAY,
               "no FAQ entry is about pledge state 'collected' (Collected)", "content/hub.yaml:14:5"),
    "HUB160": ({UPDATE: update(body="First news.\n\nRead the [policy](/refunds/) first.")}, TODAY,
               "link '/refunds/' leads to a page the hub does not have", f"content/{UPDATE}:7:19"),
    "HUB161": ({UPDATE: update(body="Locked? [Read this](../../pledge-states/#lockd).")}, TODAY,
               "/pledge-states/ has no '#lockd' on it", f"content/{UPDATE}:5:21"),
    "HUB162": ({"updates/2026-11-10-codes.md": update("Codes", "2026-11-10", extra="draft: true\n"),
                UPDATE: update(body="Your [codes](/updates/2026-11-10-codes/).")}, TODAY,
               "link '/updates/2026-11-10-codes/' leads to a draft update", f"content/{UPDATE}:5:14"),
    "HUB171": ({**hub_with("milestones:", "search_checks:\n  - query: codes\n    expect: 2026-11-10-codes\n"
                           "milestones:"),
                "updates/2026-11-10-codes.md": update("Codes", "2026-11-10", extra="visibility: backers\n")}, TODAY,
               "search check 'codes' expects '2026-11-10-codes', a backers-only update", "content/hub.yaml:26:13"),
    "HUB180": ({UPDATE: update(body="Thanks!\n\n<span onclick=\"track()\">Got it</span>")}, TODAY,
               "an event handler attribute (onclick=) would run a script", f"content/{UPDATE}:7:7"),
    "HUB181": (faq_with("a: In **March**.", 'a: |\n        <meta http-equiv="refresh" content="0; url=https://x.example/">\n'
                        "        In **March**."), TODAY,
               'a <meta http-equiv="refresh"> redirect belongs in a page\'s head', "content/faq.yaml:6:9"),
    "HUB182": ({UPDATE: update(body='Tour:\n<iframe src="https://video.example/embed/1"></iframe>')}, TODAY,
               "an <iframe> element embeds another site", f"content/{UPDATE}:6:1"),
    "HUB183": ({"refund-policy.md": textwrap.dedent(MINIMAL["refund-policy.md"]) +
                '\n<form action="https://collect.example/"><input name="email"></form>\n'}, TODAY,
               "a <form> element would send what backers type", "content/refund-policy.md:10:1"),
    "HUB184": ({UPDATE: update(body="The [size chart](data:text/html;base64,PGgxPg==) is out.")}, TODAY,
               "a data: URL hides content", f"content/{UPDATE}:5:18"),
    "HUB185": ({UPDATE: update(body="New box:\n\n![The box](https://images.example.com/box.jpg)")}, TODAY,
               "<img> loading https://images.example.com/box.jpg, another host", f"content/{UPDATE}:7:12"),
    "HUB210": (faq_with("q: When will my kettle ship?", "q: When will wave #2 ship?"), TODAY,
               "this text is published as 'When will wave'", "content/faq.yaml:4:25"),
    "HUB186": ({UPDATE: update(body='Survey is out!\n\n<p style="position:fixed;inset:0">Open it</p>')}, TODAY,
               "a style= attribute is not among the HTML content may hold", f"content/{UPDATE}:7:4"),
    "HUB187": ({UPDATE: update(body='Sizes: <span id="__config">S, M, L</span>')}, TODAY,
               "id '__config' belongs to the hub's own page", f"content/{UPDATE}:5:18"),
    "HUB188": ({UPDATE: update(body='<a id="how-to-ask"></a>Read on.\n\n## How to ask\n\nWrite to us.')}, TODAY,
               "id 'how-to-ask' is on the page /updates/2026-11-18-hello/ twice", f"content/{UPDATE}:5:4"),
    "HUB230": ({"assets/images/favicon.png": b"\x89PNG\r\n\x1a\n"}, TODAY,
               "this path is the theme's own", "content/assets/images/favicon.png"),
    "HUB231": ({"assets/survey.html": "<h1>Survey</h1>"}, TODAY,
               "a .html file is not among what assets/ may hold", "content/assets/survey.html"),
    "HUB232": ({"assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<script>x()</script></svg>'}, TODAY,
               "the SVG holds <script>, which runs a script", "content/assets/logo.svg:2"),
}


def lint(tmp_path, changes, today=TODAY):
    """Lint as a creator would, from the folder holding content/."""
    write_content(tmp_path, changes)
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        return lint_hub(load_hub(Path("content")), today=today).sorted()
    finally:
        os.chdir(here)


def test_the_minimal_hub_lints_clean(tmp_path):
    assert [d.text() for d in lint(tmp_path, {})] == []


def test_the_minimal_hub_with_waves_and_a_segment_lints_clean(tmp_path):
    assert [d.text() for d in lint(tmp_path, {"hub.yaml": WAVES})] == []


def test_a_wave_only_some_regions_get_is_not_asked_for_elsewhere(tmp_path):
    changes = waves_with("    estimate: 2027-01-10\n", "    waves:\n      - wave: wave-1\n")
    changes["hub.yaml"] = changes["hub.yaml"].replace("name: Mugs and stands\n",
                                                      "name: Mugs and stands\n    everywhere: false\n")
    assert "HUB193" not in [d.code for d in lint(tmp_path, changes)]


def test_a_delivered_wave_past_its_estimate_is_fine_and_a_single_wave_hub_needs_no_waves(tmp_path):
    changes = waves_with("status: shipping\n        estimate: 2026-12-01",
                         "status: delivered\n        estimate: 2026-10-01")
    assert [d.text() for d in lint(tmp_path, changes)] == []


WAVE_MOVED = "      - wave: wave-2\n        estimate: 2027-02-01\n"


@pytest.mark.parametrize("history, code, message, where", [
    ("          - due: 2027-01-15\n            changed: 2026-11-10\n", "HUB133",
     "the move of 'Delivery of Mugs and stands: EU' from 2027-01-15 names no update", "content/hub.yaml:43:13"),
    ("          - due: 2027-01-15\n            changed: 2026-12-10\n            update: 2026-11-18-hello\n",
     "HUB134", "'Delivery of Mugs and stands: EU' moved on 2026-12-10, which has not come yet",
     "content/hub.yaml:44:22"),
    ("          - due: 2027-02-01\n            changed: 2026-11-10\n            update: 2026-11-18-hello\n",
     "HUB135", "'Delivery of Mugs and stands: EU' lists a move from 2027-02-01 to the same date",
     "content/hub.yaml:43:18"),
], ids=["unexplained", "in the future", "same date"])
def test_a_waves_estimate_history_is_checked_like_a_milestones(tmp_path, history, code, message, where):
    changes = waves_with(WAVE_MOVED, WAVE_MOVED + "        history:\n" + history)
    (found,) = [d for d in lint(tmp_path, changes) if d.code == code]
    assert found.message == message
    assert str(found.location) == where


def test_an_update_for_an_unknown_segment_is_named_at_its_line(tmp_path):
    changes = {**waves_with("      segments: [retailer]\n", ""),
               UPDATE: update(extra="segments: [retailer, shops]\n")}
    found = [d for d in lint(tmp_path, changes) if d.code in ("HUB195", "HUB196")]
    assert [d.text() for d in found] == [
        f"content/{UPDATE}:4:22: error HUB196: the update 'Hello backers' names unknown segment 'shops' "
        "(use one of: retailer)"]


def test_every_lint_rule_has_a_case_here():
    lint_rules = {code for code, rule in load_catalogue().items() if not rule.is_format_check}
    # HUB170 (search checks) has its own tests beside the search ranking; HUB171 is a case here.
    assert lint_rules - {"HUB170"} == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_with_message_and_location(tmp_path, code):
    changes, today, words, where = CASES[code]
    found = lint(tmp_path, changes, today)
    hits = [d for d in found if d.code == code]
    assert hits, f"{code} did not fire; found: {[d.text() for d in found]}"
    hit = hits[0]
    assert words in hit.message, hit.text()
    assert str(hit.location) == where, hit.text()
    assert hit.fix, f"{code} says what is wrong but not how to fix it"
    assert hit.severity == load_catalogue()[code].severity
    # One change, one kind of problem: no unrelated error rides along.
    others = [d.text() for d in found if d.code != code and d.severity == "error"]
    assert not others


def test_refund_policy_window_days_counts_as_a_time_window(tmp_path):
    policy = "---\nupdated: 2026-10-01\nwindow_days: 30\n---\nEmail us. Money is back within 5 business days. " \
             "Shipped orders: return them unused.\n"
    assert not [d for d in lint(tmp_path, {"refund-policy.md": policy}) if d.code == "HUB102"]


NO_REFUNDS = "---\nupdated: 2026-10-01\nwindow_days: 0\n---\n"


def test_a_no_refunds_policy_needs_only_what_happens_to_a_broken_or_lost_reward(tmp_path):
    # Says nothing on how to ask, a window or when money arrives: there is no refund.
    policy = NO_REFUNDS + ("Every pledge is final: we cannot give refunds once the campaign has ended.\n\n"
                           "If your kettle arrives with a crack or never reaches you, email a photo "
                           "or your tracking number and we send a new one.\n")
    assert not [d for d in lint(tmp_path, {"refund-policy.md": policy}) if d.code == "HUB102"]


def test_a_no_refunds_policy_silent_on_lost_parcels_is_flagged_with_its_line(tmp_path):
    policy = NO_REFUNDS + "All pledges are final. Thank you for understanding.\n"
    (found,) = [d for d in lint(tmp_path, {"refund-policy.md": policy}) if d.code == "HUB102"]
    assert found.message == ("the no-refunds policy does not say what happens once an order has shipped "
                             "(a lost or damaged reward)")
    assert str(found.location) == "content/refund-policy.md:1"


def test_a_policy_without_terms_is_never_read_as_no_refunds_from_its_words(tmp_path):
    # Its words say "no refunds" once; whether refunds are given is for the front matter to say.
    policy = ("---\nupdated: 2026-10-01\n---\nWe do not offer refunds. Damaged or lost parcels "
              "are replaced: email us.\n")
    found = [d for d in lint(tmp_path, {"refund-policy.md": policy}) if d.code == "HUB102"]
    assert [(d.message, d.fix) for d in found] == [(
        "the refund policy does not say the time window for refunds, when the money arrives",
        "add a sentence or a section for each; state when refunds are given in the front matter (refund_terms, "
        "e.g. '- until: shipping' with 'refund: full'; 'refund_terms: []' for no refunds), which the hub's "
        "pages then say")]


OVERDUE = hub_with("    due: 2026-09-15\n    done: 2026-09-12\n", "    due: 2026-11-10\n")  # not done


def test_an_update_about_something_else_does_not_silence_an_overdue_milestone(tmp_path):
    # The 2026-11-18 "Hello backers" update came after the due date but is about other news.
    (found,) = [d for d in lint(tmp_path, OVERDUE) if d.code == "HUB130"]
    assert found.message == ("'Surveys sent' was due 2026-11-10 (10 days ago), is not done, "
                             "and no update since has said what became of it")
    assert str(found.location) == "content/hub.yaml:26:10"  # the due date


@pytest.mark.parametrize("body", [
    "Surveys go out next Tuesday instead: the pledge manager needed another week.",  # names it
    "The new date is on [the delivery page](/delivery/#milestone-surveys-sent).",  # links to its anchor
], ids=["names it", "links to it"])
def test_an_update_that_refers_to_the_overdue_milestone_silences_it(tmp_path, body):
    changes = {**OVERDUE, "updates/2026-11-12-late.md": update("A week more", "2026-11-12", body=body)}
    assert "HUB130" not in [d.code for d in lint(tmp_path, changes)]


def test_the_update_named_in_a_milestones_history_silences_it(tmp_path):
    moved = hub_with("    due: 2026-09-15\n    done: 2026-09-12\n",
                     "    due: 2026-11-10\n    history:\n      - due: 2026-10-01\n        changed: 2026-11-12\n"
                     "        update: 2026-11-12-news\n")
    changes = {**moved, "updates/2026-11-12-news.md": update("Factory news", "2026-11-12",
                                                            body="The moulds are ready; dates below.")}
    assert "HUB130" not in [d.code for d in lint(tmp_path, changes)]


def test_late_milestone_named_in_an_update_is_not_silent(tmp_path):
    changes = {**hub_with("done: 2026-09-12", "done: 2026-10-20"),
               "updates/2026-09-20-late.md": update("Surveys are late", "2026-09-20",
                                                    body="Surveys sent two weeks late: here is why.")}
    assert "HUB131" not in [d.code for d in lint(tmp_path, changes)]


def test_update_dated_tomorrow_is_tolerated_for_time_zones(tmp_path):
    changes = {"updates/2026-11-21-tomorrow.md": update("From Sydney", "2026-11-21")}
    assert "HUB123" not in [d.code for d in lint(tmp_path, changes)]


def test_links_that_resolve_are_not_reported(tmp_path):
    body = textwrap.dedent("""\
        [FAQ](/faq/#when-ship), [state](../../pledge-states/#locked), [policy](/refund-policy/#how-to-ask),
        [home](/), [contact](https://help.kettle.example/contact/#routing), [feed](/feed.xml),
        [elsewhere](https://example.com/nope/), [mail](mailto:a@b.example), `[code](/nope/)`

        ```
        [fenced](/nope/)
        ```
        """)
    assert [d.text() for d in lint(tmp_path, {UPDATE: update(body=body)})] == []


def test_link_to_a_backers_only_update_is_left_out_with_a_warning(tmp_path):
    changes = {"updates/2026-11-10-secret.md": update("Secret", "2026-11-10", extra="visibility: backers\n"),
               UPDATE: update(body="See [the survey codes](/updates/2026-11-10-secret/).")}
    (hit,) = [d for d in lint(tmp_path, changes) if d.code in ("HUB160", "HUB162")]
    assert hit.code == "HUB162" and hit.severity == "warning"
    assert "a backers-only update, which is not on the public hub" in hit.message


def test_broken_link_in_a_faq_answer_points_at_the_link(tmp_path):
    changes = faq_with("(/refund-policy/)", "(/refund-policy/#no-such-section)")
    (hit,) = [d for d in lint(tmp_path, changes) if d.code == "HUB161"]
    # "      a: In **March**. See the [refund policy](" is 47 characters: the target starts at 48.
    assert str(hit.location) == "content/faq.yaml:5:48"


def test_a_wave_or_segment_id_written_twice_is_reported_where_it_repeats(tmp_path):
    changes = waves_with("  - id: wave-2\n", "  - id: wave-1\n")
    changes["hub.yaml"] = changes["hub.yaml"].replace("      - wave: wave-2\n", "      - wave: wave-1\n")
    found = [d.text() for d in lint(tmp_path, changes) if d.code == "HUB024"]
    assert found == [
        "content/hub.yaml:28:9: error HUB024: duplicate wave id 'wave-1' (first at content/hub.yaml:26:9) "
        "(give each wave id its own value)",
        "content/hub.yaml:40:15: error HUB024: duplicate wave in this region 'wave-1' (first at content/hub.yaml:37:15) "
        "(give each wave in this region its own value)"]
