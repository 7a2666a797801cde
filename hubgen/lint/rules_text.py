"""HUB211: markup written where the hub shows text exactly as typed."""

from __future__ import annotations

import re

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule

# What a creator pastes expecting formatting: an HTML tag, a Markdown link, **bold**.
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*")


@rule("HUB211", "markup-in-plain-text", Severity.WARNING,
      "HTML or Markdown in a text the hub shows as typed (a question, a title, a milestone's note).", """
Questions, update titles, milestone titles and notes appear in headings,
lists, search results, feeds and calendars, where formatting has no place:
hubgen shows them exactly as written, so backers would read the tags and
brackets. Write plain words there; answers and update bodies take Markdown.

Bad:
    - q: Is the deluxe box <b>really</b> bigger?
    milestones:
      - title: Surveys sent
        note: See [the shipping plan](/updates/2026-11-18-shipping-plan/)
Good:
    - q: Is the deluxe box really bigger?
        note: Details are in the shipping plan update.
""")
def markup_in_plain_text(context: LintContext):
    hub = context.hub
    texts = [(entry, "q", entry.question, "question") for entry in hub.faq_entries]
    texts += [(update, "title", update.title, "title") for update in hub.updates]
    for milestone in hub.milestones:
        texts += [(milestone, "title", milestone.title, "milestone title"), (milestone, "note", milestone.note, "note")]
    for record, key, text, what in texts:
        if found := MARKUP.search(text or ""):
            yield Finding(record.marks.at(key), f"'{found.group()}' in this {what} is shown as typed: "
                          f"a {what} is plain text", "write it without the markup; answers and update bodies "
                          "take Markdown")
