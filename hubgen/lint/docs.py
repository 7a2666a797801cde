"""docs/rules.md, generated from the rule catalogue so the two never drift.

Regenerate with `python -m hubgen.lint.docs` (a test checks it is current).
"""

from __future__ import annotations

import re
from pathlib import Path

from hubgen.lint.registry import Rule

INTRO = """\
# Lint rules

Generated from the rule catalogue by `python -m hubgen.lint.docs`; the same text
is printed by `hubgen rules CODE`. Every rule has a stable code that is never
reused.

- **HUB0xx** are content-format problems found while reading files (always
  errors; they cannot be ignored, because without them there is no hub to check).
- **HUB1xx** are lint rules. Choose per project in `hub.yaml`:

  ```yaml
  settings:
    lint:
      ignore: [HUB153]        # never report these
      severity:
        HUB120: error         # error | warning
  ```

  silence one place with `# hubgen: ignore HUB153` on a YAML entry's line or the
  line above it, or with `<!-- hubgen: ignore HUB160 -->` anywhere in a Markdown
  file, and narrow a run with `hubgen lint --select HUB1 --ignore HUB153`.

`hubgen lint` exits 0 when there are no errors, 1 with errors (or with warnings
under `--fail-on warning`), 2 on usage errors or unreadable files. Output formats
are described in [lint.md](lint.md).

| code | name | default | summary |
|---|---|---|---|
"""



def _code_blocks(doc: str) -> str:
    """Rule docs indent their examples by four spaces under "Bad:"/"Good:"; Markdown
    needs a blank line before an indented block to show it as code."""
    return re.sub(r"^(\S[^\n]*:)\n(?=    )", r"\1\n\n", doc, flags=re.MULTILINE)


def rules_markdown(catalogue: dict[str, Rule]) -> str:
    rules = [catalogue[code] for code in sorted(catalogue)]
    table = "".join(f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity.value} | "
                    f"{r.summary.replace('|', '&#124;')} |\n" for r in rules)
    sections = "".join(f"\n## {r.code} {r.name}\n\n*{r.severity.value} by default.* {r.summary}\n\n"
                       f"{_code_blocks(r.doc)}\n" for r in rules)
    return INTRO + table + sections


if __name__ == "__main__":
    from hubgen.lint import load_catalogue

    target = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    target.write_text(rules_markdown(load_catalogue()), encoding="utf-8")
    print(f"wrote {target}")
