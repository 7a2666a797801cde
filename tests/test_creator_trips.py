"""What creators tripped over, round 2 (issue #26): one mistake, one right
message at its line, with the fix; nothing half-written reaches backers."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_CONTENT, run_hubgen
from hubgen.pipeline import lint_hub, load_hub

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def content(tmp_path: Path, monkeypatch) -> Path:
    """The example hub, copied, with paths shown as 'content/...'."""
    shutil.copytree(EXAMPLE_CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Path("content")


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; return the 1-based line where the new text starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    start = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:start].count("\n") + 1


def problems(content: Path, code: str | None = None) -> list[str]:
    report = lint_hub(load_hub(content), today=TODAY)
    return [d.text() for d in report.sorted() if code is None or d.code == code]


# -- a '#' in unquoted text ---------------------------------------------------------

def test_a_hash_in_a_question_is_reported_where_yaml_cut_it(content: Path):
    faq = content / "faq.yaml"
    line = edit(faq, "      q: Do you ship outside the UK?\n", "      q: Can I pay for wave #3 with PayPal?\n")
    assert problems(content) == [
        f"content/faq.yaml:{line}:29: error HUB210: this text is published as 'Can I pay for wave': YAML reads "
        "' #3 with PayPal?' as a comment and drops it "
        "(put the whole text in quotes: q: \"Can I pay for wave #3 with PayPal?\")"]


def test_a_hash_in_keywords_titles_and_front_matter_is_reported(content: Path):
    faq_line = edit(content / "faq.yaml", "      keywords: [delivery date, ETA, arrive, how long]\n",
                    "      keywords:\n        - order #1234\n        - delivery date\n")
    update = content / "updates" / "2026-08-18-surveys-are-out.md"
    title_line = edit(update, "title: Surveys are out\n", "title: Wave #2 is packed #packing\n")
    assert problems(content, "HUB210") == [
        f"content/faq.yaml:{faq_line + 1}:17: error HUB210: this text is published as 'order': YAML reads "
        "' #1234' as a comment and drops it (put the whole text in quotes: - \"order #1234\")",
        f"content/updates/2026-08-18-surveys-are-out.md:{title_line}:13: error HUB210: this text is published "
        "as 'Wave': YAML reads ' #2 is packed #packing' as a comment and drops it "
        "(put the whole text in quotes: title: \"Wave #2 is packed #packing\")"]


def test_a_comment_with_a_space_after_its_hash_is_a_comment(content: Path):
    edit(content / "faq.yaml", "      q: Do you ship outside the UK?\n",
         "      q: Do you ship outside the UK?  # asked most in October\n")
    assert problems(content, "HUB210") == []


# -- YAML errors in the creator's words --------------------------------------------

def test_an_answer_that_starts_with_a_markdown_link_says_how_to_write_it(content: Path):
    line = edit(content / "faq.yaml", "      q: Do you ship outside the UK?\n      a: |\n",
                "      q: Who charges my card?\n      a: [BackerKit](https://backerkit.example) charges each wave\n"
                "      old: |\n")
    assert problems(content) == [
        f"content/faq.yaml:{line + 1}:10: error HUB010: the value of 'a' starts with '[', which YAML reads as the "
        "start of a list, so the line is not read as text (put the whole value in quotes: "
        "a: \"[BackerKit](https://backerkit.example) charges each wave\"; or write 'a: |' on its own line and "
        "the text on the lines below it, indented further)"]


@pytest.mark.parametrize("value, reads_as", [
    ("{backer_name} is the name on your survey", "which YAML reads as the start of a mapping"),
    ("*Every* wave ships from Leeds", "which YAML reads as a reference to an anchor (an alias)"),
    ("& more: stickers ship with wave 2", "which YAML reads as an anchor's name"),
    ("!Important: surveys close Friday", "which YAML reads as a tag"),
    ("%20 off add-ons until Friday", "which YAML keeps for directives: no unquoted value may start with it"),
    ("@tidewater answers on Discord", "which YAML reserves: no unquoted value may start with it"),
    ("`BK-1234` is your backer number", "which YAML reserves: no unquoted value may start with it"),
])
def test_a_value_starting_with_yaml_syntax_gets_the_fix(content: Path, value: str, reads_as: str):
    line = edit(content / "faq.yaml", "      q: Do you ship outside the UK?\n      a: |\n",
                f"      q: Who answers?\n      a: {value}\n      old: |\n")
    quoted = '"' + value + '"'
    assert problems(content) == [
        f"content/faq.yaml:{line + 1}:10: error HUB010: the value of 'a' starts with '{value[0]}', {reads_as}, "
        f"so the line is not read as text (put the whole value in quotes: a: {quoted}; or write 'a: |' on its "
        "own line and the text on the lines below it, indented further)"]


def test_a_hash_in_a_keyword_list_says_the_comment_hid_the_bracket(content: Path):
    line = edit(content / "faq.yaml", "      keywords: [delivery date, ETA, arrive, how long]\n",
                "      keywords: [wave #3, delivery date]\n")
    assert problems(content) == [
        f"content/faq.yaml:{line}:23: error HUB010: the '[' opened on line {line} is never closed: the ' #' at "
        "column 23 starts a YAML comment, which hides the rest of the line (put the item with the '#' in quotes, "
        "e.g. keywords: [\"wave #3\", PayPal])"]


def test_hub010_examples_are_faq_entries_that_fail_and_pass(content: Path):
    from hubgen.lint import load_catalogue

    doc = load_catalogue()["HUB010"].doc
    examples = [block for block in doc.split("\n    - q:")[1:]]
    assert len(examples) == 4
    bad_and_good = ["    - q:" + block.split("\nGood:")[0].split("\nBad:")[0] for block in examples]
    for index, example in enumerate(bad_and_good):
        entry = "\n".join(line[2:] for line in example.splitlines()) + "\n"
        (content / "faq.yaml").write_text(f"- category: Payment\n  questions:\n{entry}", encoding="utf-8")
        codes = {text.split(": ")[1].split()[1] for text in problems(content)} - {"HUB153"}
        assert ("HUB010" in codes) == (index % 2 == 0), (entry, codes)
