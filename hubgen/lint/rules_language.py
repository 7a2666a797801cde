"""HUB20x: the language backers read the hub in."""

from __future__ import annotations

from hubgen.diagnostics import Severity
from hubgen.labels import FALLBACK_LANGUAGE, catalogue_languages, has_catalogue
from hubgen.lint.registry import Finding, LintContext, rule


@rule("HUB200", "labels-language-missing", Severity.WARNING,
      "hubgen has no labels in the hub's language, so its own words stay English.", """
hubgen's own words on every page (headings such as "Who handles what", the
"Latest update" box, "3 days ago") come from a catalogue per language. For a
`project.language` without one, the theme still speaks the language where
it can, but hubgen's words fall back to English: a page half in one language
and half in another. Choose a language hubgen has labels for, or add a
catalogue to hubgen/labels/.

Bad:
    project:
      language: sv        # no hubgen/labels/sv.yaml
Good:
    project:
      language: de
""")
def labels_language_missing(context: LintContext):
    language = context.hub.project.language
    if has_catalogue(language):
        return
    yield Finding(context.project_key("language"),
                  f"hubgen has no labels in '{language}', so its own words on the pages are in English",
                  f"use one of {', '.join(catalogue_languages())}, or accept English labels "
                  f"('{FALLBACK_LANGUAGE}')")
