"""Messages a creator reads after a typo: the real mistake first, at its own
line and column, in words that say what to change (issue #15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contentkit import edit
from hubgen.pipeline import lint_hub, load_hub

TODAY = "2026-11-23"


@pytest.fixture
def content(content_here: Path) -> Path:
    return content_here


def line_of(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of `needle` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def lint_texts(content: Path) -> list[str]:
    import datetime as dt

    report = lint_hub(load_hub(content), today=dt.date.fromisoformat(TODAY))
    return [d.text() for d in report.sorted()]


def test_one_mis_indented_line_gives_one_error_in_words(content: Path):
    hub = content / "hub.yaml"
    # A creator pastes a pledge state's label two spaces too far left.
    line = edit(hub, "    label: Payment errored", "  label: Payment errored")
    problems = lint_texts(content)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.startswith(f"content/hub.yaml:{line}:3: error HUB010: ")
    assert "'label' is indented less than the keys around it (2 spaces; 'id' on line" in problem
    assert "indent it by 4 spaces" in problem
    assert "did not find expected" not in problem  # PyYAML's words are gone
    # Nothing the broken file would have defined is reported missing.
    assert not any("contact email" in p or "use one of: )" in p for p in problems)


def test_a_key_indented_too_far_right_says_so(content: Path):
    hub = content / "hub.yaml"
    line = edit(hub, "  hours: Monday", "     hours: Monday")
    (problem,) = lint_texts(content)
    assert problem.startswith(f"content/hub.yaml:{line}:")
    assert "'hours' is indented more than the key above it" in problem
    assert "indent it by 2 spaces, like 'response_time' on line" in problem


def test_a_syntax_error_comes_before_other_files_problems(content: Path):
    # A real problem in faq.yaml (sorted before hub.yaml) and a tab in hub.yaml.
    edit(content / "faq.yaml", "- category: Shipping and delivery", "- category: Shipping and delivery\n  colour: x")
    line = edit(content / "hub.yaml", "  hours: Monday", "\thours: Monday")
    problems = lint_texts(content)
    assert problems[0].startswith(f"content/hub.yaml:{line}:1: error HUB010: this line is indented with a tab")
    assert "indent with spaces only" in problems[0]
    assert any("unknown key 'colour'" in p for p in problems[1:])


def test_a_quote_never_closed_is_named_where_it_opens(content: Path):
    line = edit(content / "hub.yaml", "  creator: Saltmarsh Goods", "  creator: 'Saltmarsh Goods")
    (problem,) = lint_texts(content)
    assert problem.startswith(f"content/hub.yaml:{line}:12: error HUB010: a quote opened on line {line} "
                              "is never closed")


@pytest.mark.parametrize("spaces", [3, 5])
def test_a_list_item_out_of_step_is_named_with_its_neighbours_indentation(content: Path, spaces: int):
    line = edit(content / "faq.yaml", "    - id: tracking", " " * spaces + "- id: tracking")
    (problem,) = lint_texts(content)
    assert problem.startswith(f"content/faq.yaml:{line}:{spaces + 1}: error HUB010: the list item 'id' is "
                              f"indented {spaces} spaces; the other '- id:' items have 4 spaces")
    assert "indent it by 4 spaces, like line 6" in problem


def test_the_first_item_of_a_list_out_of_step_is_named_not_the_line_after(content: Path):
    """YAML takes the first item's indentation as the list's own, and only stumbles on
    the item's next key: the item is the line to fix."""
    faq = content / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    first = re.findall(r"(?m)^  questions:\n    - id: .*$", text)[1].split("\n")[1]
    line = edit(faq, first, " " + first)
    (problem,) = lint_texts(content)
    assert problem.startswith(f"content/faq.yaml:{line}:6: error HUB010: the list item 'id' is indented "
                              "5 spaces; the other '- id:' items have 4 spaces"), problem
    assert f"like line {line + 1}" not in problem  # a line of another item, not the key after it


def test_a_bracket_never_closed_is_named_where_it_opens(content: Path):
    faq = content / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    keywords = re.search(r"^( +keywords: \[.*)\]$", text, re.M)
    line = edit(faq, keywords.group(0), keywords.group(1))
    column = keywords.group(1).index("[") + 1
    (problem,) = lint_texts(content)
    assert problem.startswith(f"content/faq.yaml:{line}:{column}: error HUB010: the '[' opened on line {line} "
                              "is never closed")
    assert "did not find expected" not in problem and "with ']'" in problem


def test_a_day_that_does_not_exist_is_named(content: Path):
    policy = content / "refund-policy.md"
    text = policy.read_text(encoding="utf-8")
    old = re.search(r"^updated: .*$", text, re.M).group(0)
    line = edit(policy, old, "updated: 2026-02-30")
    problems = lint_texts(content)
    assert (f"content/refund-policy.md:{line}:10: error HUB023: 'updated' is not a valid date: "
            "February 2026 has no day 30 (in 2026-02-30) (check the day: the last day of February 2026 "
            "is 2026-02-28)") in problems
    assert "YYYY-MM-DD" not in " ".join(problems)  # it already is YYYY-MM-DD
    # The rejected date is not reported a second time as a missing one.
    assert not any("no 'updated' date" in p for p in problems), problems


def test_a_month_that_does_not_exist_is_named(content: Path):
    line = edit(content / "hub.yaml", "    due: 2026-08-20", "    due: 2026-13-20")
    problems = lint_texts(content)
    assert (f"content/hub.yaml:{line}:10: error HUB023: 'due' is not a valid date: there is no month 13 "
            "(in 2026-13-20)") in " ".join(problems)


def test_faq_problems_are_reported_at_the_mistake_not_the_entry(content: Path):
    faq = content / "faq.yaml"
    edit(faq, "[write to us](/contact/)", "[write to us](/contakt/)")
    edit(faq, "states: [shipped]", "states: [shiped]")
    link_line, link_col = line_of(faq, "/contakt/")
    state_line, state_col = line_of(faq, "shiped")
    entry_line, _ = line_of(faq, "- id: tracking")
    assert entry_line < link_line < state_line
    problems = lint_texts(content)
    assert any(p.startswith(f"content/faq.yaml:{link_line}:{link_col}: error HUB160: link '/contakt/'")
               for p in problems), problems
    assert (f"content/faq.yaml:{state_line}:{state_col}: error HUB142: 'How do I track my parcel?' "
            "lists unknown pledge state 'shiped' (did you mean 'shipped'?)") in problems


def test_the_second_unknown_state_in_a_list_is_reported_at_its_own_column(content: Path):
    faq = content / "faq.yaml"
    edit(faq, "states: [shipped]", "states: [shipped, delivred]")
    line, col = line_of(faq, "delivred")
    assert any(p.startswith(f"content/faq.yaml:{line}:{col}: error HUB142: ") and "'delivred'" in p
               and "did you mean 'delivered'?" in p for p in lint_texts(content))


def test_a_wrong_value_is_reported_at_the_value(content: Path):
    hub = content / "hub.yaml"
    line = edit(hub, "  platform: kickstarter", "  platform: kikstarter")
    problems = lint_texts(content)
    assert (f"content/hub.yaml:{line}:13: error HUB023: 'platform' cannot be 'kikstarter' "
            "(did you mean 'kickstarter'?)") in problems


@pytest.mark.parametrize("quoted", ["'2026-08-20'", '"2026-08-20"'])
def test_a_quoted_date_is_that_date(content: Path, quoted: str):
    edit(content / "hub.yaml", "    due: 2026-08-20", f"    due: {quoted}")
    assert lint_texts(content) == []
    milestone = next(m for m in load_hub(content).hub.milestones if m.title == "Surveys sent")
    assert str(milestone.due) == "2026-08-20"


def test_a_quoted_date_that_does_not_exist_says_why_not_how_to_write_it(content: Path):
    line = edit(content / "hub.yaml", "    due: 2026-08-20", "    due: '2026-02-29'")
    problems = lint_texts(content)
    assert (f"content/hub.yaml:{line}:10: error HUB023: 'due' is not a valid date: February 2026 has no day 29 "
            "(in 2026-02-29) (check the day: the last day of February 2026 is 2026-02-28)") in problems


def test_quoted_dates_work_in_front_matter_and_the_faq(content: Path):
    edit(content / "updates/2026-11-18-shipping-plan.md", "date: 2026-11-18", "date: '2026-11-18'")
    edit(content / "faq.yaml", "updated: 2026-11-18", 'updated: "2026-11-18"')
    hub = load_hub(content).hub
    assert lint_texts(content) == []
    assert str(next(u for u in hub.updates if u.slug == "2026-11-18-shipping-plan").date) == "2026-11-18"
    assert str(next(e for e in hub.faq_entries if e.id == "customs").updated) == "2026-11-18"
