"""HUB26x: translations that have fallen behind their original, or left its structure."""

from __future__ import annotations

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule


@rule("HUB260", "translation-stale", Severity.WARNING,
      "A translation was made from an older version of its original.", """
A translated question, update, page or policy, and each translated part of
hub.yaml (a pledge state, a milestone, a region, the status ...), records the
original it was made from (`translated_from:`, written by `hubgen
translations --mark-current`).
When the original changes after that, backers of the other language still
read the old answer: a refund window that moved, a date that slipped. Lint
says which fields of the original changed; bring the translation up to date,
then record it again.

Bad (content/de/faq.yaml, after the English answer of refund-time changed):
    - id: refund-time
      translated_from: "q:29c1c4a1 a:c27df9a0"
      a: Wir überweisen das Geld innerhalb von 5 Werktagen.
Good: the German answer says what the English one says now, and then
    hubgen translations --mark-current de refund-time
""")
def translation_stale(context: LintContext):
    for translation in context.hub.translations:
        for item in translation.items:
            if not item.recorded or item.is_current:
                continue
            changed = item.changed()
            what = " and ".join(changed) if changed else "text"
            yield Finding(item.where,
                          f"the original changed since this translation was made: its {what} ({item.original})",
                          f"bring the translation up to date, then run `hubgen translations --mark-current "
                          f"{translation.language} {item.name}`")


@rule("HUB261", "translation-category-moved", Severity.WARNING,
      "A translated question sits under another category than its original.", """
A translation follows the original's structure: its categories translate the
original's, and each question stays in its original's category. A question
placed under another category in the translation is still shown where the
original has it (the pages cannot have the same category twice, or a
category named after another's questions); the warning says where to move it
so that the file reads as the pages do.

Bad (content/de/faq.yaml; in the original, no-survey is under "Surveys"):
    - category: Versand
      questions:
        - id: when-ship
        - id: no-survey
Good:
    - category: Versand
      questions:
        - id: when-ship
    - category: Umfragen
      questions:
        - id: no-survey
""")
def translation_category_moved(context: LintContext):
    for translation in context.hub.translations:
        for moved in translation.moved:
            yield Finding(moved.where,
                          f"'{moved.id}' is under '{moved.category}' here, which translates '{moved.placed_in}', "
                          f"but the original has it under '{moved.original_category}': the pages show it there",
                          f"move it under the category that translates '{moved.original_category}' "
                          "(add one if there is none)")
