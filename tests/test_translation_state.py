"""The translated text of hub.yaml records what it was made from, as translated questions do.

A kettle maker changes what "Locked down" means in English ("only the address
can still change" becomes "nothing can change any more"); the German text
still promises the address can change. Lint says so at the German text."""

from __future__ import annotations

from conftest import run_hubgen

OLD_LOCKED = "We locked orders to send final numbers to the warehouse. Only the address can still change, by email."
NEW_LOCKED = "We locked orders to send final numbers to the warehouse. Nothing can change any more."


def test_a_changed_original_state_description_makes_the_german_one_stale_at_its_line(content_here):
    hub = content_here / "hub.yaml"
    text = hub.read_text(encoding="utf-8")
    assert OLD_LOCKED in text
    hub.write_text(text.replace(OLD_LOCKED, NEW_LOCKED), encoding="utf-8")
    original_line = text.splitlines().index("  - id: locked") + 1
    german = (content_here / "de" / "hub.yaml").read_text(encoding="utf-8").splitlines()
    record_line = german.index("  - id: locked") + 2
    assert german[record_line - 1].startswith('    translated_from: "label:')

    linted = run_hubgen("lint", "content", "--today", "2026-11-25")
    assert linted.returncode == 0, linted.stdout
    assert (f"content/de/hub.yaml:{record_line}:5: warning HUB260: the original changed since this translation "
            f"was made: its description (content/hub.yaml:{original_line}:5) (bring the translation up to date, "
            "then run `hubgen translations --mark-current de pledge_states.locked`)") in linted.stdout
    assert linted.stdout.count("HUB260") == 1  # the label did not change, nor did any other state

    listed = run_hubgen("translations", "content").stdout
    assert (f"  out of date  content/de/hub.yaml:{record_line}:5  pledge_states.locked: the original's description "
            "changed\n") in listed
    marked = run_hubgen("translations", "content", "--mark-current", "de", "pledge_states.locked")
    assert marked.stdout == "de: 1 translation(s) recorded as current.\n"
    assert "HUB260" not in run_hubgen("lint", "content", "--today", "2026-11-25").stdout


def test_translated_milestones_and_the_status_are_recorded_by_mark_current(content_here):
    german = content_here / "de" / "hub.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace(
        '  translated_from: "status:', '  # was: "status:') + "milestones:\n  - title: Kampagne endet\n"
        "    note: Die Kampagne endete am 31. Juli.\n  - title: Umfragen verschickt\n", encoding="utf-8")
    listed = run_hubgen("translations", "content").stdout
    assert "  out of date  content/de/hub.yaml:3:1  project: never recorded as current\n" not in listed
    assert "project: never recorded as current\n" in listed
    assert "milestones.1: never recorded as current\n" in listed
    assert "milestones.2: never recorded as current\n" in listed
    assert "milestones.3" not in listed  # not translated: shown in English, nothing to record

    assert run_hubgen("translations", "content", "--mark-current", "de").returncode == 0
    lines = german.read_text(encoding="utf-8").splitlines()
    status = next(n for n, line in enumerate(lines) if line.startswith("  status:"))
    assert lines[status - 1].startswith('  translated_from: "status:')  # above the key, as indented
    first = lines.index("  - title: Kampagne endet")
    assert lines[first + 1].startswith('    translated_from: "title:') and " note:" in lines[first + 1]
    assert "  out of date  " not in run_hubgen("translations", "content").stdout
    assert run_hubgen("lint", "content", "--today", "2026-11-25").returncode == 0

    hub = content_here / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8").replace("  - title: Campaign ends", "  - title: Campaign closed"),
                   encoding="utf-8")
    linted = run_hubgen("lint", "content", "--today", "2026-11-25").stdout
    assert f"content/de/hub.yaml:{first + 2}:5: warning HUB260: the original changed since this translation was " \
           "made: its title" in linted


def test_sharing_an_untranslated_or_out_of_date_update_says_so(content_here):
    untranslated = run_hubgen("share", "2026-11-12-mass-production-started", "content", "--to", "text",
                              "--language", "de", "--today", "2026-11-25")
    assert untranslated.returncode == 0
    assert untranslated.stdout.startswith("Mass production has started\n")  # the original, as the German page shows
    assert untranslated.stderr == (
        "note: '2026-11-12-mass-production-started' is not translated into 'de' yet: this is the original, in "
        "'en' (translate it in content/de/updates/2026-11-12-mass-production-started.md)\n")

    current = run_hubgen("share", "2026-11-18-shipping-plan", "content", "--to", "text", "--language", "de",
                         "--today", "2026-11-25")
    assert current.returncode == 0 and current.stderr == ""
    update = content_here / "updates" / "2026-11-18-shipping-plan.md"
    update.write_text(update.read_text(encoding="utf-8").replace("title: ", "title: Revised - ", 1), encoding="utf-8")
    stale = run_hubgen("share", "2026-11-18-shipping-plan", "content", "--to", "email", "--language", "de",
                       "--today", "2026-11-25")
    assert stale.returncode == 0 and "Subject: Der Versandplan" in stale.stdout
    assert stale.stderr == (
        "note: the 'de' translation of '2026-11-18-shipping-plan' was made from an older original: its title "
        "changed since (bring it up to date, then run `hubgen translations --mark-current de "
        "2026-11-18-shipping-plan`)\n")
    english = run_hubgen("share", "2026-11-18-shipping-plan", "content", "--to", "text", "--today", "2026-11-25")
    assert english.stderr == ""
