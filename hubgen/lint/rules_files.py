"""HUB24x: files in the content folder that hubgen does not read."""

from __future__ import annotations

from pathlib import PurePosixPath

from hubgen.diagnostics import Location, Severity
from hubgen.lint.registry import Finding, LintContext, rule


@rule("HUB240", "file-name-not-read", Severity.WARNING,
      "A file is named almost as one hubgen reads, so hubgen does not read it.", """
hubgen reads `hub.yaml`, `faq.yaml`, `refund-policy.md`, and the `.md` files in
`updates/` and `pages/`. A file named `faq.yml`, `refund_policy.md`,
`news.markdown`, `news.MD` or `news.md.txt` (some editors add `.txt`) is left
out without a word: its questions or its update never reach backers, and other
problems (a search check or a link to the answers it holds) are reported instead.

Bad:
    content/faq.yml
    content/updates/2026-12-06-news.markdown
Good:
    content/faq.yaml
    content/updates/2026-12-06-news.md
""")
def file_name_not_read(context: LintContext):
    for path, meant, taken in context.hub.misnamed:
        name = PurePosixPath(path).name
        yield Finding(Location(path), f"hubgen does not read this file: it reads {meant}, and this one is named {name}",
                      f"move what it holds into {meant}, then remove it" if taken else f"rename it to {meant}")
