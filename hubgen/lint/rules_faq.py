"""HUB14x: the FAQ, where most backers find their answer."""

from __future__ import annotations

import html
import re

from hubgen.content_format import FAQ_ENTRY
from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import repeats, unknown_id_fix
from hubgen.markup import heading_names

#: a line of an answer that starts like one of the entry's own keys ("keywords: [...]", "- id: next")
_KEY_LINE = re.compile(rf"^[ \t]*(?:-[ \t]+)?(?P<key>{'|'.join(FAQ_ENTRY.names)})[ \t]*:(?:[ \t]|$)")
PLACEHOLDER = re.compile(r"^\W*(todo|tbd|tba|xxx|fixme|coming soon|\?+|\.\.\.|-+)\W*$", re.IGNORECASE)


@rule("HUB140", "faq-answer-empty", Severity.ERROR,
      "A FAQ entry has no answer, or only a placeholder.", """
A question with no answer is worse than no question: the backer found it,
and learned nothing.

Bad:
    - q: Can I change my address?
      a: TODO
Good:
    - q: Can I change my address?
      a: Yes, until your pledge is locked. Open the pledge manager and ...
""")
def faq_answer_empty(context: LintContext):
    for entry in context.hub.faq_entries:
        if not entry.answer.strip() or PLACEHOLDER.match(entry.answer):
            yield Finding(entry.marks.at("a"), f"'{entry.question}' has no answer"
                          + (f" (only '{entry.answer.strip()}')" if entry.answer.strip() else ""),
                          "write the answer under 'a:', or remove the entry")


@rule("HUB141", "faq-question-duplicate", Severity.ERROR,
      "Two FAQ entries ask the same question.", """
Questions are compared after ignoring case, punctuation and spacing, so
"Can I get a refund?" and "can i get a refund" are the same. Two answers to
one question drift apart, and search shows both.

Bad: "When will it ship?" in Shipping and "When will it ship" in Orders.
Good: one entry; add the other wording to its `keywords:`.
""")
def faq_question_duplicate(context: LintContext):
    for entry, first in repeats(context.hub.faq_entries, lambda e: e.question):
        yield Finding(entry.marks.at("q"), f"'{entry.question}' asks the same as the entry at {first.marks.at('q')}",
                      "keep one entry; put the other wording in its 'keywords:'")


@rule("HUB142", "faq-state-unknown", Severity.ERROR,
      "A FAQ entry's `states` names a pledge state that does not exist.", """
`states` links an answer to pledge states (the pledge states page lists the
answers for each). An unknown id is a typo or a state that was removed.

Bad:
    states: [lokced]
Good:
    states: [locked]
""")
def faq_state_unknown(context: LintContext):
    known = [state.id for state in context.hub.pledge_states]
    for entry in context.hub.faq_entries:
        for index, state_id in enumerate(entry.states):
            if state_id not in known:
                yield Finding(entry.marks.at("states", index), f"'{entry.question}' lists unknown pledge state '{state_id}'",
                              unknown_id_fix(state_id, known))


@rule("HUB143", "faq-answer-holds-key", Severity.WARNING,
      "A line of a FAQ answer starts like one of the entry's keys (`keywords:`, `q:`, `id:`).", """
Inside `a: |` every line indented further than `a:` is answer text. A key
indented too far (often after copying an entry) becomes the last line of the
answer: backers read "keywords: [import tax, duties]", and search never uses them.

Bad:
    - id: customs
      q: Will I pay customs?
      a: |
        No: we collected VAT in the pledge manager.
        keywords: [import tax, duties]
Good:
    - id: customs
      q: Will I pay customs?
      a: |
        No: we collected VAT in the pledge manager.
      keywords: [import tax, duties]
""")
def faq_answer_holds_key(context: LintContext):
    for entry in context.hub.faq_entries:
        for number, line in enumerate(entry.answer.split("\n")):
            match = _KEY_LINE.match(line)
            if match is None:
                continue
            key = match["key"]
            spaces = entry.marks.where.col - 1
            yield Finding(entry.marks.in_text("a", number, len(line) - len(line.lstrip()) + 1),
                          f"the answer to '{entry.question}' has the line '{line.strip()}', which is "
                          "published as part of the answer",
                          f"if it is the entry's '{key}', indent it by {spaces} spaces like 'q:' and 'a:'; "
                          "else reword the line")


#: the deepest heading level that outranks a question on the FAQ page (questions are h3, or h2 per category page)
_OUTRANKS_QUESTION = 2
#: an ATX heading line ("## Shipping") or a setext underline ("-----" under a line of text)
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
#: a line that may start or underline a heading; without one, no heading and no conversion
_MAY_HOLD_HEADING = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)|<h[12]", re.MULTILINE | re.IGNORECASE)


@rule("HUB144", "faq-answer-heading", Severity.WARNING,
      "A FAQ answer holds a heading of level 1 or 2, which outranks its own question.", """
On the FAQ page each question is a heading; a '# ' or '## ' heading inside an
answer ranks above it, so screen readers' outline and the page's table of
contents show the answer's heading as a new section. A line of dashes under a
line of text is a level-2 heading too.

Bad:
    a: |
      ## Wave 1
      Ships in March.
Good:
    a: |
      #### Wave 1
      Ships in March.
""")
def faq_answer_heading(context: LintContext):
    for entry in context.hub.faq_entries:
        if not _MAY_HOLD_HEADING.search(entry.answer):
            continue  # most answers: no conversion
        seen: dict[int, int] = {}
        for level, name in heading_names(entry.answer):
            seen[level] = seen.get(level, 0) + 1
            if level > _OUTRANKS_QUESTION:
                continue
            name = html.unescape(name)
            yield Finding(entry.marks.in_text("a", _heading_line(entry.answer, level, seen[level]), 1),
                          f"the answer to '{entry.question}' has a level-{level} heading '{name}', which the FAQ "
                          "page ranks above the question itself",
                          f"write '#### {name}' for a heading inside the answer, or '**{name}**' for bold text")


def _heading_line(answer: str, level: int, occurrence: int) -> int:
    """The 0-based line of the answer's `occurrence`th heading of `level`: '#'s, or the text above an
    underline; its first line when none is found (a heading written in HTML)."""
    lines = answer.split("\n")
    for number, line in enumerate(lines):
        atx = _ATX.match(line)
        underline = _UNDERLINE.match(line)
        if atx and len(atx.group(1)) == level:
            at = number
        elif underline and number and lines[number - 1].strip() and (underline.group(1)[0] == "=") == (level == 1):
            at = number - 1
        else:
            continue
        occurrence -= 1
        if not occurrence:
            return at
    return 0
