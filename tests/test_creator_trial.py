"""What a new creator tripped over, round 3: the words they wrote are the words
published, and each YAML or Markdown slip gets its line and a fix that works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_hubgen
from contentkit import edit
from hubgen.pipeline import load_hub
from test_creator_trips import content, problems  # noqa: F401 (content: a fixture)


def entry(hub, entry_id: str):
    return next(e for category in hub.faq for e in category.entries if e.id == entry_id)


# -- one-word answers: the creator's words, not YAML 1.1's types --------------------

def test_one_word_answers_and_numbers_are_published_as_written(content: Path):
    faq = content / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    text = text.replace("      q: Do you ship outside the UK?\n      a: |\n        Yes, to the 38 countries "
                        "listed on the [shipping page](/pages/shipping/).\n        Shipping was charged in your "
                        "pledge, so there is nothing more to pay us.\n",
                        "      q: Do you ship outside the UK?\n      a: Yes\n")
    text = text.replace("      keywords: [abroad, overseas, countries, worldwide]\n",
                        "      keywords: [abroad, on, 1_000, 2026-12-24]\n")
    faq.write_text(text, encoding="utf-8")
    edit(faq, "      q: Tracking says delivered but I have nothing\n      a: |\n",
         "      q: 1:30\n      a: |\n")
    edit(faq, "      a: |\n        Take a photo of the kettle and the box, and email it to us within 14\n"
         "        days of delivery. We send a replacement at our cost; you do not need\n"
         "        to return the damaged one.\n", "      a: No\n")
    hub_yaml = content / "hub.yaml"
    edit(hub_yaml, "    label: Pledge dropped\n", "    label: Off\n")
    edit(content / "updates" / "2026-08-18-surveys-are-out.md", "title: Surveys are out\n", "title: 1.10\n")

    loaded = load_hub(content)
    hub = loaded.hub
    assert entry(hub, "international").answer == "Yes"
    assert entry(hub, "international").keywords == ["abroad", "on", "1_000", "2026-12-24"]
    assert entry(hub, "damaged").answer == "No"
    assert [e.question for e in hub.faq[0].entries if e.id == "not-arrived"] == ["1:30"]
    assert [s.label for s in hub.pledge_states if s.id == "dropped"] == ["Off"]
    assert [u.title for u in hub.updates if u.slug == "2026-08-18-surveys-are-out"] == ["1.10"]

    # the search box's snippet is the answer as written
    result = run_hubgen("search", "do you ship outside the UK", str(content), "-n", "1")
    assert result.stdout.splitlines()[2].strip() == "Yes"


def test_a_translated_one_word_answer_is_kept(content: Path):
    edit(content / "de" / "faq.yaml", "      q: Wann wird mein Wasserkocher verschickt?\n      a: |\n"
         "        Die ersten Wasserkocher verlassen unser Lager **Ende Januar 2027**, in\n"
         "        der Reihenfolge der Unterstützung. Bis Ende März 2027 sollte jeder seinen\n"
         "        haben. Die neuesten Termine stehen in den [Neuigkeiten](/updates/).\n",
         "      q: Wann wird mein Wasserkocher verschickt?\n      a: No\n")
    loaded = load_hub(content)
    (german,) = [t for t in loaded.hub.translations if t.language == "de"]
    assert entry(german.hub, "when-ship").answer == "No"


def test_a_country_list_with_norway_is_norway(content: Path):
    hub = load_hub(content).hub
    assert any(region.countries == ["NO", "CH"] for region in hub.shipping)


@pytest.mark.parametrize("written, fix", [("yes", "pinned: true"), ("no", "pinned: false"),
                                          ("On", "pinned: true")])
def test_a_switch_written_yes_or_no_is_an_error_with_true_or_false(content: Path, written: str, fix: str):
    update = content / "updates" / "2026-11-18-shipping-plan.md"
    line = edit(update, "pinned: true\n", f"pinned: {written}\n")
    assert problems(content, "HUB021") == [
        f"content/updates/2026-11-18-shipping-plan.md:{line}:9: error HUB021: 'pinned' must be true or false, "
        f"not '{written}' (write '{fix}')"]


@pytest.mark.parametrize("written", ["true", "True", "FALSE"])
def test_true_and_false_are_switches(content: Path, written: str):
    edit(content / "updates" / "2026-11-18-shipping-plan.md", "pinned: true\n", f"pinned: {written}\n")
    assert problems(content, "HUB021") == []


def test_a_number_with_an_underscore_or_a_leading_zero_reads_as_written(content: Path):
    hub_yaml = content / "hub.yaml"
    edit(hub_yaml, "  stale_after_days: 14 ", "  stale_after_days: 014")
    line = edit(hub_yaml, "  feed_length: 50\n", "  feed_length: 1_000\n")
    loaded = load_hub(content)
    assert loaded.hub.settings.stale_after_days == 14  # not 12, as YAML 1.1 reads an octal 014
    assert [d.text() for d in loaded.report.diagnostics] == [
        f"content/hub.yaml:{line}:16: error HUB021: 'feed_length' must be a whole number written in digits, "
        "not '1_000' (write it with the digits 0-9 only, for example 'feed_length: 14')"]


# -- a key indented out of its entry -------------------------------------------------

CUSTOMS_KEYWORDS = "      keywords: [VAT, duty, import fees, tax, charges at the door]\n"


def test_a_key_indented_less_after_an_answer_is_compared_with_the_entrys_keys(content: Path):
    faq = content / "faq.yaml"
    line = edit(faq, CUSTOMS_KEYWORDS, CUSTOMS_KEYWORDS[2:])
    answer_key_line = line - 5
    assert faq.read_text(encoding="utf-8").splitlines()[answer_key_line - 1] == "      a: |"
    assert problems(content) == [
        f"content/faq.yaml:{line}:5: error HUB010: 'keywords' is indented less than the keys around it "
        f"(4 spaces; 'a' on line {answer_key_line} has 6) (indent it by 6 spaces to keep it with the keys "
        "above, or start a new list item with '- ')"]
    # the advice, followed, gives the entry its keywords back
    edit(faq, CUSTOMS_KEYWORDS[2:], CUSTOMS_KEYWORDS)
    assert problems(content) == []
    assert entry(load_hub(content).hub, "customs").keywords[:2] == ["VAT", "duty"]


def test_a_key_indented_into_the_answer_is_a_warning_at_its_line(content: Path):
    line = edit(content / "faq.yaml", CUSTOMS_KEYWORDS, "  " + CUSTOMS_KEYWORDS)
    assert problems(content, "HUB143") == [
        f"content/faq.yaml:{line}:9: warning HUB143: the answer to 'Will I have to pay customs or import tax?' "
        "has the line 'keywords: [VAT, duty, import fees, tax, charges at the door]', which is published as "
        "part of the answer (if it is the entry's 'keywords', indent it by 6 spaces like 'q:' and 'a:'; else "
        "reword the line)"]


def test_an_answer_line_with_another_word_and_a_colon_is_no_key(content: Path):
    edit(content / "faq.yaml", "        delivers.\n", "        delivers.\n        Note: some states charge more.\n"
         "        Keywords: none needed, we pay it.\n")
    assert problems(content, "HUB143") == []


# -- a '#' at the start of a line: a hashtag, not a heading -------------------------

def test_a_hashtag_or_a_rank_at_a_line_start_is_published_as_text(content: Path, tmp_path: Path):
    edit(content / "faq.yaml", "        that the pledge is [dropped](/pledge-states/#dropped).\n",
         "        that the pledge is [dropped](/pledge-states/#dropped).\n"
         "        #KickstarterExclusive stretch goals stay with your pledge.\n")
    edit(content / "updates" / "2026-11-12-mass-production-started.md", "Orders lock on",
         "#1 priority for us: the spout welds. ##2 is the base.\n\n# What is next\n\nOrders lock on")
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-25")
    assert result.returncode == 0, result.stdout + result.stderr
    faq = (site / "faq" / "index.html").read_text(encoding="utf-8")
    assert "that the pledge is <a" in faq and "\n#KickstarterExclusive stretch goals stay with your pledge.</p>" in faq
    assert "KickstarterExclusive</h" not in faq
    update = (site / "updates" / "2026-11-12-mass-production-started" / "index.html").read_text(encoding="utf-8")
    assert "<p>#1 priority for us: the spout welds. ##2 is the base.</p>" in update
    assert update.count("<h1") == 2  # the update's title, and "# What is next": a space makes a heading
    feed = (site / "feed.json").read_text(encoding="utf-8")
    assert "<p>#1 priority for us: the spout welds. ##2 is the base.</p>" in feed
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "#KickstarterExclusive stretch goals" in index and "#1 priority for us" in index


def test_a_big_heading_in_an_answer_is_a_warning_with_what_to_write(content: Path):
    line = edit(content / "faq.yaml", "        Kickstarter emails you a link to fix your payment method. You have\n",
                "        ## What to do\n        Kickstarter emails you a link to fix your payment method. You have\n")
    edit(content / "faq.yaml", "        that the pledge is [dropped](/pledge-states/#dropped).\n",
         "        that the pledge is [dropped](/pledge-states/#dropped).\n\n        Too late?\n        ---\n"
         "        #### Then\n        #tags stay text.\n")
    assert problems(content, "HUB144") == [
        f"content/faq.yaml:{line}:9: warning HUB144: the answer to 'My payment failed at the end of the campaign. "
        "What do I do?' has a level-2 heading 'What to do', which the FAQ page ranks above the question itself "
        "(write '#### What to do' for a heading inside the answer, or '**What to do**' for bold text)",
        f"content/faq.yaml:{line + 5}:9: warning HUB144: the answer to 'My payment failed at the end of the "
        "campaign. What do I do?' has a level-2 heading 'Too late?', which the FAQ page ranks above the question "
        "itself (write '#### Too late?' for a heading inside the answer, or '**Too late?**' for bold text)"]


# -- search: a backer's verb against the creator's -----------------------------------

BOARD_GAME_FAQ = """\
    - category: Your game
      questions:
        - id: arrival
          q: When will my game arrive?
          a: |
            The core box reaches backers in the US in April and in Europe in May.
            The expansion follows in the autumn.
          keywords: [delivery date, ETA, how long]
        - id: missing-cards
          q: A card is missing from my game box
          a: Count the cards against the list in the rulebook, then tell us which are missing; we send them.
        - id: damaged-box
          q: My game box was crushed
          a: Photograph the box and the game, and we send a new one.
        - id: late-pledge
          q: Can I still back the game?
          a: Yes, late pledges stay open until the pledge manager locks; the game ships with wave 1.
        - id: two-waves
          q: Why is my pledge split into two waves?
          a: The expansion prints later, so the core game ships first.
        - id: shipping-cost
          q: How much is shipping for the game?
          a: Shipping is charged in the pledge manager, by country.
        - id: rules
          q: Can I read the rules of the game before it ships?
          a: The rulebook PDF is linked in the latest update.
        - id: languages
          q: Is the game in German?
          a: Yes, the game ships in English, German and French.
"""


def test_a_backer_asking_when_it_ships_finds_the_answer_about_when_it_arrives(tmp_path: Path):
    from contentkit import write_content

    content = write_content(tmp_path, {"faq.yaml": BOARD_GAME_FAQ})
    result = run_hubgen("search", "when will the game ship", str(content), "-n", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    # "ship" and "arrive" are one group of synonyms: the answer about dates is among the first three
    # (it was not listed at all: it matched "game" only, which every answer says)
    first_three = [line.split(". ", 1)[1] for line in result.stdout.splitlines() if re.match(r"\d+\. ", line)]
    assert "When will my game arrive?" in first_three, result.stdout


# -- a FAQ entry that lost its '- ' ----------------------------------------------------

def test_an_entry_without_its_dash_is_a_new_entry_to_start_with_one(content: Path):
    line = edit(content / "faq.yaml", "    - id: tracking\n", "      id: tracking\n")
    assert problems(content) == [
        f"content/faq.yaml:{line}:7: error HUB010: duplicate key 'id': a new entry starts here (begin it with "
        "'- ' at the indentation of the others: '- id: tracking', its '-' 4 spaces in like the entry above)"]


def test_a_key_written_twice_in_one_entry_is_still_a_duplicate(content: Path):
    line = edit(content / "faq.yaml", "      states: [ready_to_ship]\n",
                "      states: [ready_to_ship]\n      keywords: [dispatch]\n")
    assert problems(content) == [
        f"content/faq.yaml:{line + 1}:7: error HUB010: duplicate key 'keywords' (keep only one of the entries "
        "with this key)"]


# -- quotes and colons in text: what YAML made of them, and how to write them ---------

CAPACITY = "      a: |\n        1.2 litres, enough for four mugs. The pour line inside shows 1 litre.\n"


@pytest.mark.parametrize(("answer", "message"), [
    ('      a: "Four mugs" is what it holds, about 1.2 litres.\n',
     "the text of 'a' starts with a quote, so YAML takes \"Four mugs\" as the whole text and cannot read "
     "what follows it (is what it holds, about 1.2 litres.) (put the whole text in single quotes: "
     "a: '\"Four mugs\" is what it holds, about 1.2 litres.')"),
    ("      a: 'It's 1.2 litres: four mugs.'\n",
     "the text of 'a' starts with a quote, so YAML takes 'It' as the whole text and cannot read what follows "
     "it (s 1.2 litres: four mugs.') (put the whole text in double quotes: a: \"It's 1.2 litres: four mugs.\")"),
    ('      a: "Fill it to the "max" line, it\'s 1.2 litres."\n',
     "the text of 'a' starts with a quote, so YAML takes \"Fill it to the \" as the whole text and cannot read "
     "what follows it (max\" line, it's 1.2 litres.\") (write 'a: |' on its own line and the text on the lines "
     "below it, indented further (no quotes needed))"),
    ("      a: Yes: 1.2 litres, four mugs.\n",
     "the text of 'a' holds ': ' after 'Yes', which YAML reads as the start of another key (put the whole "
     "text in double quotes: a: \"Yes: 1.2 litres, four mugs.\")"),
])
def test_quotes_and_colons_in_an_answer_get_the_text_quoted_as_it_should_be(content: Path, answer, message):
    line = edit(content / "faq.yaml", CAPACITY, answer)
    assert problems(content) == [f"content/faq.yaml:{line}:10: error HUB010: {message}"]


def test_the_suggested_quoting_publishes_the_words_as_typed(content: Path):
    edit(content / "faq.yaml", CAPACITY, "      a: '\"Four mugs\" is what it holds, about 1.2 litres.'\n")
    assert problems(content) == []
    assert entry(load_hub(content).hub, "capacity").answer == '"Four mugs" is what it holds, about 1.2 litres.'


@pytest.mark.parametrize(("title", "message"), [
    ('title: "Samples" approved, three weeks late\n',
     "the text of 'title' starts with a quote, so YAML takes \"Samples\" as the whole text and cannot read what "
     "follows it (approved, three weeks late) (put the whole text in single quotes: "
     "title: '\"Samples\" approved, three weeks late')"),
    ("title: Samples: approved, three weeks late\n",
     "the text of 'title' holds ': ' after 'Samples', which YAML reads as the start of another key (put the "
     "whole text in double quotes: title: \"Samples: approved, three weeks late\")"),
])
def test_quotes_and_colons_in_an_update_title_get_the_same_help(content: Path, title, message):
    update = content / "updates" / "2026-10-21-samples-approved-late.md"
    line = edit(update, "title: Samples approved, three weeks late\n", title)
    assert problems(content) == [f"{update.as_posix()}:{line}:8: error HUB010: {message}"]


def test_a_colon_in_a_page_title_gets_the_same_help(content: Path):
    page = content / "pages" / "shipping.md"
    edit(page, "title: Shipping and customs\n", "title: Shipping: customs and taxes\n")
    assert problems(content) == [
        f"{page.as_posix()}:2:8: error HUB010: the text of 'title' holds ': ' after 'Shipping', which YAML reads as "
        "the start of another key (put the whole text in double quotes: title: \"Shipping: customs and taxes\")"]


def test_an_answer_line_indented_less_than_the_answer_is_named(content: Path):
    line = edit(content / "faq.yaml", "        1.2 litres, enough for four mugs. The pour line inside shows 1 litre.\n",
                "        1.2 litres, enough for four mugs.\n    The pour line inside shows 1 litre.\n")
    assert problems(content) == [
        f"content/faq.yaml:{line + 1}:5: error HUB010: this line is indented less than the text of 'a' above it "
        f"(4 spaces; line {line} has 8), so YAML ends 'a' before it (indent it by 8 spaces, like the text above it)"]


# -- a file named almost as hubgen reads it ----------------------------------------------

def test_files_named_almost_right_are_named_with_the_name_hubgen_reads(content: Path):
    update = (content / "updates" / "2026-11-12-mass-production-started.md").read_text(encoding="utf-8")
    for name in ("2026-12-01-packing.markdown", "2026-12-02-wave-two.MD", "2026-12-03-customs.md.txt"):
        (content / "updates" / name).write_text(update, encoding="utf-8")
    (content / "updates" / "2026-11-12-mass-production-started.markdown").write_text(update, encoding="utf-8")
    (content / "faq.yaml").rename(content / "faq.yml")
    (content / "refund-policy.md").rename(content / "refund_policy.md")
    assert problems(content, "HUB240") == [
        "content/faq.yml: warning HUB240: hubgen does not read this file: it reads faq.yaml, and this one is named "
        "faq.yml (rename it to faq.yaml)",
        "content/refund_policy.md: warning HUB240: hubgen does not read this file: it reads refund-policy.md, and "
        "this one is named refund_policy.md (rename it to refund-policy.md)",
        "content/updates/2026-11-12-mass-production-started.markdown: warning HUB240: hubgen does not read this "
        "file: it reads 2026-11-12-mass-production-started.md, and this one is named "
        "2026-11-12-mass-production-started.markdown (move what it holds into "
        "2026-11-12-mass-production-started.md, then remove it)",
        "content/updates/2026-12-01-packing.markdown: warning HUB240: hubgen does not read this file: it reads "
        "2026-12-01-packing.md, and this one is named 2026-12-01-packing.markdown (rename it to 2026-12-01-packing.md)",
        "content/updates/2026-12-02-wave-two.MD: warning HUB240: hubgen does not read this file: it reads "
        "2026-12-02-wave-two.md, and this one is named 2026-12-02-wave-two.MD (rename it to 2026-12-02-wave-two.md)",
        "content/updates/2026-12-03-customs.md.txt: warning HUB240: hubgen does not read this file: it reads "
        "2026-12-03-customs.md, and this one is named 2026-12-03-customs.md.txt (rename it to 2026-12-03-customs.md)"]


def test_a_hub_yml_is_named_in_the_missing_hub_yaml_message(content: Path):
    (content / "hub.yaml").rename(content / "hub.yml")
    result = run_hubgen("lint", str(content), "--today", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "content/hub.yaml: error HUB004: hub.yaml is missing (rename hub.yml to hub.yaml)"


def test_editors_backups_and_other_files_are_left_alone(content: Path):
    for name in ("2026-11-12-mass-production-started.md~", "notes.pdf", ".2026-12-01-draft.md.swp"):
        (content / "updates" / name).write_text("x", encoding="utf-8")
    (content / "hub.yaml.bak").write_text("x", encoding="utf-8")
    assert problems(content, "HUB240") == []
