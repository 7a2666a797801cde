"""HUB14x: the FAQ, where most backers find their answer."""

from __future__ import annotations

import re

from hubgen.content_format import FAQ_ENTRY
from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import repeats, unknown_id_fix

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
