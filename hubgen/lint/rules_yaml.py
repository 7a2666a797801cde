"""HUB21x: text that YAML reads otherwise than the creator wrote it."""

from __future__ import annotations

from hubgen.diagnostics import Location, Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.load import comment_cuts, yaml_string


@rule("HUB210", "text-cut-by-comment", Severity.ERROR,
      "A ' #' in unquoted text starts a YAML comment, so the rest of the line is never published.", """
In YAML a `#` after a space starts a comment, however it was meant: "wave #3",
"order #1234" and "#hashtags" cut the text there, and backers read the half
before it. This holds for every unquoted value: questions, one-line answers,
keywords, titles, front matter. Quote the text (a comment you mean has a space
after its `#`).

Bad:
    - q: Can I pay for wave #3 with PayPal?
Good:
    - q: "Can I pay for wave #3 with PayPal?"
""")
def text_cut_by_comment(context: LintContext):
    for path, text in context.hub.sources.items():
        for cut in comment_cuts(path, text):
            yield Finding(Location(path, cut.line, cut.col),
                          f"this text is published as '{cut.kept}': YAML reads ' {cut.dropped}' as a comment "
                          "and drops it",
                          "put the whole text in quotes: " + " ".join(filter(None, (cut.lead, yaml_string(cut.written)))))
