"""What creators tripped over, round 2 (issue #26): one mistake, one right
message at its line, with the fix; nothing half-written reaches backers."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_CONTENT, run_hubgen
from contentkit import edit
from hubgen.labels import labels_for
from hubgen.model import RefundTerm
from hubgen.pipeline import lint_hub, load_hub
from hubgen.refunds import term_sentence

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def content(content_here: Path) -> Path:
    return content_here


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
    ("&Co ships every wave", "which YAML reads as an anchor's name"),  # was published as "ships every wave"
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
    assert len(examples) == 6
    bad_and_good = ["    - q:" + block.split("\nGood:")[0].split("\nBad:")[0] for block in examples]
    for index, example in enumerate(bad_and_good):
        entry = "\n".join(line[2:] for line in example.splitlines()) + "\n"
        (content / "faq.yaml").write_text(f"- category: Payment\n  questions:\n{entry}", encoding="utf-8")
        codes = {text.split(": ")[1].split()[1] for text in problems(content)} - {"HUB153"}
        assert ("HUB010" in codes) == (index % 2 == 0), (entry, codes)


def test_a_list_written_without_brackets_says_how_to_write_it(content: Path):
    """A tester wrote 'tags: production, delays' (one tag, production-delays/, said nothing) and
    'states: collected, locked' ("unknown pledge state 'collected, locked'")."""
    update = content / "updates" / "2026-10-21-samples-approved-late.md"
    edit(update, "tags: [production, delay]", "tags: production, delay")
    line = edit(content / "faq.yaml", "      states: [ready_to_ship]", "      states: ready_to_ship, shipped")
    assert problems(content) == [
        f"content/faq.yaml:{line}:15: error HUB021: 'states' is one text with commas in it, not a list (write a "
        "list in brackets: 'states: [ready_to_ship, shipped]'; one item with a comma in it is quoted inside the "
        "brackets: ['ready_to_ship, shipped'])",
        "content/updates/2026-10-21-samples-approved-late.md:5:7: error HUB021: 'tags' is one text with commas in "
        "it, not a list (write a list in brackets: 'tags: [production, delay]'; one item with a comma in it is "
        "quoted inside the brackets: ['production, delay'])"]


# -- refund terms, modelled ---------------------------------------------------------

def text_of(site: Path, path: str) -> str:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


TIERED = """\
---
updated: 2026-10-01
refund_terms:
  - until: charge
    refund: full
  - after: charge
    until: shipping
    refund: less_fees
  - after: delivery
    days: 14
    refund: damaged_only
---
## How to ask for a refund

Email [support@tidewater.example](mailto:support@tidewater.example) with your backer number.
The money is back on your card within 10 business days.

## No refund once your kettle has shipped

A kettle that arrives damaged is replaced or refunded: send us a photo within 14 days of delivery.
"""
TIERED_SENTENCES = ("Full refund until your card is charged. Refund less payment and platform fees after the "
                    "charge to your card, until your reward ships. Damaged or faulty items refunded or replaced "
                    "within 14 days of delivery.")


@pytest.fixture(scope="module")
def tiered_site(tmp_path_factory) -> Path:
    """The example hub with a tiered policy whose one heading says "No refund once ..."."""
    content = tmp_path_factory.mktemp("tiered") / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    (content / "refund-policy.md").write_text(TIERED, encoding="utf-8")
    out = content.parent / "site"
    result = run_hubgen("build", str(content), "-o", str(out), "--today", "2026-11-25")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_refund_sentence_comes_from_the_terms(tiered_site: Path):
    home = text_of(tiered_site, "")
    assert f"How to ask for your money back. {TIERED_SENTENCES}" in home
    assert "not refunded" not in home
    policy = text_of(tiered_site, "refund-policy")
    assert TIERED_SENTENCES in policy and "Refund window" not in policy
    contact = text_of(tiered_site, "contact")
    assert TIERED_SENTENCES in contact
    index = json.loads((tiered_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    (top,) = [doc for doc in index["docs"] if doc["location"] == "refund-policy/"]
    assert TIERED_SENTENCES in top["text"]


def test_a_no_refund_heading_does_not_make_a_refund_policy_a_no_refunds_one(content: Path):
    (content / "refund-policy.md").write_text(TIERED, encoding="utf-8")
    assert problems(content, "HUB102") == []
    # Without terms, its words are not read as "no refunds" either (it was: "add 'window_days: 0'").
    (content / "refund-policy.md").write_text(TIERED.replace(TIERED[4:TIERED.index("---", 4)], "updated: "
                                                             "2026-10-01\n"), encoding="utf-8")
    assert problems(content, "HUB102") == []


def test_window_days_is_one_window_counted_from_delivery(content: Path, tmp_path: Path):
    policy = content / "refund-policy.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text("---\nupdated: 2026-10-01\nwindow_days: 14\n---\n" + text.split("---\n", 2)[2],
                      encoding="utf-8")
    out = tmp_path / "site"
    assert run_hubgen("build", str(content), "-o", str(out), "--today", "2026-11-25").returncode == 0
    assert "Refunds within 14 days of delivery." in text_of(out, "refund-policy")
    assert "How to ask for your money back. Refunds within 14 days of delivery." in text_of(out, "")


@pytest.mark.parametrize("terms, message", [
    ("  - after: delivery\n    days: 14\n    until: delivery\n    refund: full\n",
     "content/refund-policy.md:6:12: error HUB023: this refund window ends both after 'days' and at 'until' "
     "(keep one of them: a window ends after some days or at an event)"),
    ("  - after: shipping\n    until: charge\n    refund: full\n",
     "content/refund-policy.md:5:12: error HUB023: this refund window ends at charge, which does not come after "
     "shipping, where it starts (events happen in this order: pledge, charge, lock, shipping, delivery)"),
    ("  - until: shipping\n    refund: most\n",
     "content/refund-policy.md:5:13: error HUB023: 'refund' cannot be 'most' "
     "(use one of: full, less_fees, returned_items, damaged_only, none)"),
])
def test_refund_terms_that_cannot_be_said_are_errors_at_their_line(content: Path, terms: str, message: str):
    policy = content / "refund-policy.md"
    body = policy.read_text(encoding="utf-8").split("---\n", 2)[2]
    policy.write_text(f"---\nupdated: 2026-10-01\nrefund_terms:\n{terms}---\n{body}", encoding="utf-8")
    assert [p for p in problems(content) if " error " in p] == [message]


def test_window_days_beside_refund_terms_is_an_error(content: Path):
    policy = content / "refund-policy.md"
    edit(policy, "updated: 2026-10-01\n", "updated: 2026-10-01\nwindow_days: 30\n")
    assert [p for p in problems(content) if " error " in p] == [
        "content/refund-policy.md:3:14: error HUB023: the refund policy states both window_days and refund_terms, "
        "which may disagree (keep refund_terms and remove window_days)"]


# -- links that lead nowhere: what they are and how to write them --------------------

UPDATE_FILE = "updates/2026-09-12-factory-visit.md"


def link_problems(content: Path, markdown: str) -> tuple[int, list[str]]:
    """Add `markdown` as the last paragraph of an update; its line and lint's link problems."""
    path = content / UPDATE_FILE
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + markdown + "\n", encoding="utf-8")
    return text.count("\n") + 1, [p for p in problems(content) if " HUB16" in p]


@pytest.mark.parametrize("link, fix", [
    ("/refunds/", "did you mean /refund-policy/?"),
    ("/faqs/#when-ship", "did you mean /faq/#when-ship?"),
    ("/updates/2026-11-18-shiping-plan/", "did you mean /updates/2026-11-18-shipping-plan/?"),
    ("contact/", "a link without a leading '/' is read from the address of the page it is on; write /contact/"),
])
def test_a_link_to_no_page_names_the_page_it_most_likely_meant(content: Path, link: str, fix: str):
    """A tester's broken links were all told 'fix the link; `hubgen docs` lists the pages'."""
    line, found = link_problems(content, f"Read [this]({link}) first.")
    assert found == [f"content/{UPDATE_FILE}:{line}:13: error HUB160: link '{link}' leads to a page the hub "
                     f"does not have ({fix})"]


@pytest.mark.parametrize("link, message, fix", [
    ("support@tidewater.example",
     "link 'support@tidewater.example' is an email address, which the browser would open as a page of the hub",
     "write it as mailto:support@tidewater.example"),
    ("refund-policy.md", "link 'refund-policy.md' names a content file; backers open the page made from it",
     "link to the page: /refund-policy/"),
    ("../faq.yaml#warranty", "link '../faq.yaml#warranty' names a content file; backers open the page made from it",
     "link to the page: /faq/#warranty"),
    ("2026-08-18-surveys-are-out.md",
     "link '2026-08-18-surveys-are-out.md' names a content file; backers open the page made from it",
     "link to the page: /updates/2026-08-18-surveys-are-out/"),
    ("/assets/factory-line.jpg",
     "link '/assets/factory-line.jpg' leads to a file the content folder does not have: "
     "content/assets/factory-line.jpg", "put factory-line.jpg in content/assets/, or correct the name"),
    ("/assets/logo.svgz",
     "link '/assets/logo.svgz' leads to a file the content folder does not have: content/assets/logo.svgz",
     "put logo.svgz in content/assets/, or correct the name; did you mean /assets/logo.svg?"),
])
def test_a_link_to_no_page_says_what_it_is_and_how_to_write_it(content: Path, link: str, message: str, fix: str):
    line, found = link_problems(content, f"Questions? [Write to us]({link}).")
    assert found == [f"content/{UPDATE_FILE}:{line}:26: error HUB160: {message} ({fix})"]


def test_an_anchor_with_no_close_match_lists_the_pages_anchors_nearest_first(content: Path):
    line, found = link_problems(content, "See [when the money comes](/refund-policy/#money-timing).")
    assert found == [
        f"content/{UPDATE_FILE}:{line}:28: error HUB161: link '/refund-policy/#money-timing': /refund-policy/ has "
        "no '#money-timing' on it (use one of the anchors on that page, the nearest first: #when-the-money-arrives, "
        "#before-your-kettle-ships, #how-to-ask-for-a-refund, #exceptions, #after-delivery-30-days, #refund-policy)"]


def test_a_long_list_of_anchors_stops_at_ten(content: Path):
    line, found = link_problems(content, "See [it](/faq/#xyzzy).")
    (problem,) = found
    listed = problem.split("the nearest first: ")[1]
    assert listed.count("#") == 10 and listed.endswith(" more))"), problem


# -- HUB131: an update owns a late milestone only by naming or linking it --------------

def test_an_update_about_another_region_does_not_own_a_late_milestone(content: Path):
    hub = content / "hub.yaml"
    line = edit(hub, "    due: 2027-01-20\n",
                "    due: 2027-01-20\n  - title: Kettles delivered in the EU\n    due: 2026-10-01\n"
                "    done: 2026-10-20\n") + 1
    (content / "updates" / "2026-10-05-us-deliveries.md").write_text(
        "---\ntitle: Kettles delivered in the US\n---\nEvery US backer has their kettle. Thank you!\n",
        encoding="utf-8")
    assert problems(content, "HUB131") == [
        f"content/hub.yaml:{line + 2}:11: warning HUB131: 'Kettles delivered in the EU' was done 19 days late "
        "(2026-10-20, due 2026-10-01) and no update mentions it (post an update that owns the delay: name "
        "'Kettles delivered in the EU' in it, or link to /delivery/#milestone-kettles-delivered-in-the-eu)"]
    # A link to the milestone owns it, as does naming it.
    (content / "updates" / "2026-10-05-us-deliveries.md").write_text(
        "---\ntitle: Kettles delivered in the US\n---\nEvery US backer has their kettle; "
        "[the EU is late](/delivery/#milestone-kettles-delivered-in-the-eu).\n", encoding="utf-8")
    assert problems(content, "HUB131") == []


def test_a_link_to_a_milestone_stays_on_it_when_another_is_added_before_it(content: Path, tmp_path: Path):
    """A tester followed HUB131's advice (a link to /delivery/#milestone-2), then added an earlier
    milestone: lint stayed clean and the link led to another promise. Anchors now come from the
    milestone's id (else its title), not its place in the list."""
    (content / "updates" / "2026-11-20-samples.md").write_text(
        "---\ntitle: Samples\n---\nWe were late: see [the samples](/delivery/#milestone-pre-production-samples-approved).\n",
        encoding="utf-8")
    edit(content / "hub.yaml", "  - title: Surveys sent\n", "  - title: Factory booked\n    due: 2026-08-01\n"
         "    done: 2026-08-01\n  - title: Surveys sent\n")
    assert problems(content, "HUB161") == []
    out = tmp_path / "site"
    assert run_hubgen("build", str(content), "-o", str(out), "--today", "2026-11-25").returncode == 0
    delivery = (out / "delivery" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h3 id="milestone-pre-production-samples-approved">([^<]+)<', delivery)
    assert heading and heading.group(1) == "Pre-production samples approved"
    # Renamed without an id, the promise's old link breaks loudly instead of moving on quietly.
    edit(content / "hub.yaml", "  - title: Pre-production samples approved\n", "  - title: Samples approved\n")
    found = problems(content, "HUB161")  # this update's link and the example's own
    assert any(line.startswith("content/updates/2026-11-20-samples.md:4:") for line in found), found
    assert all("has no '#milestone-pre-production-samples-approved' on it" in line and
               "#milestone-samples-approved" in line for line in found), found


# -- a new update: a future date said at once; the placeholder never published -------------

def test_new_update_warns_at_once_about_a_future_date(content: Path):
    result = run_hubgen("new", "update", "Wave 2 ships", str(content), "--date", "2027-05-01",
                        "--today", "2026-11-25")
    assert result.returncode == 0 and result.stdout.strip() == "content/updates/2027-05-01-wave-2-ships.md"
    assert result.stderr.splitlines()[0] == (
        "warning: 2027-05-01 is 157 days after today (2026-11-25); hubgen does not schedule updates, and lint "
        "reports an update dated in the future as an error (HUB123), so the hub will not build until then "
        "(date it today with --date 2026-11-25, or set 'draft: true' in it until that day)")
    # Tomorrow is today somewhere: as lint (HUB123) tolerates it, so does `new update`.
    tomorrow = run_hubgen("new", "update", "Boxes packed", str(content), "--date", "2026-11-26",
                          "--today", "2026-11-25")
    assert tomorrow.returncode == 0 and "warning" not in tomorrow.stderr


def test_an_update_still_holding_the_placeholder_is_a_draft_and_lint_says_so(content: Path):
    result = run_hubgen("new", "update", "Boxes are packed", str(content), "--date", "2026-11-24")
    assert result.returncode == 0, result.stderr
    found = problems(content, "HUB126")
    assert found == [
        "content/updates/2026-11-24-boxes-are-packed.md:10: warning HUB126: 'Boxes are packed' still says "
        "\"Write the update here, in Markdown. Start with what changed for backers.\", so it is not published: "
        "hubgen treats it as a draft (write the update in place of that line to publish it)"]
    hub = load_hub(content).hub
    assert "2026-11-24-boxes-are-packed" not in [update.slug for update in hub.public_updates]


def _hubgen_commands(shell: str) -> list[list[str]]:
    """The hubgen commands of a deploy step, as its shell would run them (output redirections left out)."""
    import shlex

    commands = []
    for part in re.split(r"&&|;|\n", shell):
        words = shlex.split(part.split(">")[0])
        if words[:1] == ["hubgen"]:
            commands.append(words[1:])
    return commands


def test_the_generated_deploys_do_not_publish_an_update_holding_the_placeholder(tmp_path: Path):
    import tomllib

    import yaml

    project = tmp_path / "hub"
    assert run_hubgen("init", str(project), "--today", "2026-11-20").returncode == 0
    assert run_hubgen("new", "update", "Boxes are packed", "--date", "2026-11-24", cwd=project).returncode == 0
    netlify = tomllib.loads((project / "netlify.toml").read_text(encoding="utf-8"))
    workflow = yaml.safe_load((project / ".github" / "workflows" / "hub.yml").read_text(encoding="utf-8"))
    deploys = {"netlify": netlify["build"]["command"],
               "netlify preview": netlify["context"]["deploy-preview"]["command"],
               "workflow": "\n".join(step["run"] for job in workflow["jobs"].values() for step in job["steps"]
                                     if "run" in step)}
    for name, shell in deploys.items():
        site = project / "site"
        commands = _hubgen_commands(shell)
        assert [words[0] for words in commands][-1] == "build", (name, commands)
        for words in commands:
            result = run_hubgen(*words, "--today", "2026-11-25", cwd=project)
            assert result.returncode == 0, (name, words, result.stdout + result.stderr)
        built = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
        assert not [path for path in built if "boxes-are-packed" in path], name
        published = " ".join((site / path).read_text(encoding="utf-8", errors="replace") for path in built
                             if path.endswith((".html", ".xml", ".json")))
        assert "Boxes are packed" not in published and "Write the update here" not in published, name
        assert "welcome" in " ".join(built), name  # the starter's own update is published


# -- HUB170: advice a creator can act on, tried before it is offered ---------------------

def add_search_check(content: Path, query: str, expect: str) -> int:
    return edit(content / "hub.yaml", "search_checks:", f"search_checks:\n  - query: {query}\n    expect: {expect}")


@pytest.mark.parametrize("query, expect, advice, follow", [
    ("newsletter", "updates",
     "under settings.synonyms in hub.yaml add 'newsletter: [updates]': 'newsletter' is what backers type, "
     "'updates' is in the title of 'updates' (tried: it then comes up #1)",
     ("settings:\n", "settings:\n  synonyms:\n    newsletter: [updates]\n")),
    ("helpdesk", "contact",
     "add a topic in backers' words to contact.routing in hub.yaml, e.g. 'topic: helpdesk' (tried: it then "
     "comes up #1)",
     ("  routing:                         # who handles what; \"creator\" means the email above\n",
      "  routing:\n    - topic: Helpdesk for anything else\n      handled_by: creator\n")),
])
def test_a_search_check_on_a_builtin_page_gets_advice_that_works(content: Path, query, expect, advice, follow):
    line = add_search_check(content, query, expect)
    assert problems(content, "HUB170") == [
        f"content/hub.yaml:{line + 1}:12: error HUB170: searching '{query}' does not show '{expect}' in the top 3; "
        f"it shows: nothing ({advice})"]
    edit(content / "hub.yaml", *follow)
    assert problems(content, "HUB170") == []  # the advice, followed, works


def test_a_search_check_on_the_refund_policy_gets_a_section_that_works(content: Path):
    line = add_search_check(content, "reimbursement deadline", "refund-policy")
    (problem,) = problems(content, "HUB170")
    assert problem.endswith(
        "(add a section to content/refund-policy.md whose heading says it in backers' words, e.g. "
        "'## Reimbursement deadline' (tried: it then comes up #1))"), problem
    assert problem.startswith(f"content/hub.yaml:{line + 1}:12: error HUB170: searching 'reimbursement deadline' "
                              "does not show 'refund-policy' in the top 3; it shows: ")
    policy = content / "refund-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n## Reimbursement deadline\n\n"
                      "Until your kettle ships, and 30 days after delivery.\n", encoding="utf-8")
    assert problems(content, "HUB170") == []


def test_when_nothing_tried_works_the_advice_names_the_answer_found_instead(content: Path):
    # Before: "link a word ... to a word of 'pledge-states''s title, or reword its title", neither tried.
    line = add_search_check(content, "lid colours", "pledge-states")
    (problem,) = problems(content, "HUB170")
    assert problem.startswith(f"content/hub.yaml:{line + 1}:12: error HUB170: searching 'lid colours' does not "
                              "show 'pledge-states' in the top 3; it shows: Can I change my kettle's colour? ")
    assert problem.endswith(
        "(no keyword, synonym or wording tried brings 'pledge-states' into the top 3: 'Can I change my kettle's "
        "colour?' answers 'lid colours' better; if that is what backers need, expect 'change-colour')"), problem


def test_where_refunds_end_is_said_beside_the_windows_that_give_them(content: Path, tmp_path: Path):
    policy = content / "refund-policy.md"
    body = policy.read_text(encoding="utf-8").split("---\n", 2)[2]
    policy.write_text("---\nupdated: 2026-10-01\nrefund_terms:\n  - until: shipping\n    refund: full\n"
                      "  - after: shipping\n    refund: none\n---\n" + body, encoding="utf-8")
    out = tmp_path / "site"
    assert run_hubgen("build", str(content), "-o", str(out), "--today", "2026-11-25").returncode == 0
    assert "Full refund until your reward ships. No refund after shipping." in text_of(out, "refund-policy")


@pytest.mark.parametrize("term, sentence", [
    (RefundTerm("less_fees", after="lock", until="shipping"),
     "Refund less payment and platform fees after the lock on your pledge, until your reward ships."),
    (RefundTerm("full", after="lock", days=3), "Full refund within 3 days of the lock on your pledge."),
    (RefundTerm("returned_items", after="delivery", days=1),
     "Refund of the items you send back within 1 day of delivery."),
    (RefundTerm("none", after="shipping"), "No refund after shipping."),
])
def test_each_refund_window_reads_as_an_english_sentence(term: RefundTerm, sentence: str):
    """What a backer reads on the home, contact and policy pages (a tester found
    "after your pledge being locked")."""
    assert term_sentence(term, labels_for("en")) == sentence
