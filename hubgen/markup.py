"""Content Markdown: the one list of extensions, and HTML fragments.

The pages (MkDocs, render/mkdocs_project.py), the search index and the feeds
all read Markdown with MARKDOWN_EXTENSIONS, so what a backer finds and what
the page shows cannot drift apart. Lint's HTML checks read the same fragments. This module sits below render/ and search/
(it needs Python-Markdown only), so lint and search never import MkDocs.

Pages go through MkDocs; the index and the feeds need single fragments (an
answer, an update body). Both ask here, so each fragment is rendered once per
build, with the pages' own extensions minus the permalink symbols that would
show as stray text outside a page.
"""

from __future__ import annotations

import functools

import markdown

# In MkDocs' `markdown_extensions` form: a name, or {name: options}.
MARKDOWN_EXTENSIONS = [
    {"toc": {"permalink": True, "permalink_title": "Link to this section"}},
    "admonition",
    "attr_list",
    "fenced_code",  # ``` blocks as creators write them; without it pages showed the fences as text
    "md_in_html",
    "tables",
]


def fragment_extensions() -> tuple[list[str], dict[str, dict]]:
    """MkDocs' {name: options} entries split into Python-Markdown's names and configs."""
    names, configs = [], {}
    for extension in MARKDOWN_EXTENSIONS:
        for name, options in (extension.items() if isinstance(extension, dict) else [(extension, {})]):
            names.append(name)
            configs[name] = {k: v for k, v in options.items() if not k.startswith("permalink")}
    return names, configs


@functools.cache
def _converter() -> markdown.Markdown:
    names, configs = fragment_extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs)


# Bounded so `hubgen serve`, rebuilding in one process for hours, does not grow without end.
@functools.lru_cache(maxsize=8192)
def to_html(text: str) -> str:
    """HTML of one Markdown fragment, as the pages render it (without permalinks and comments)."""
    return strip_comments(_converter().reset().convert(text))


def strip_comments(html: str) -> str:
    """HTML without its comments: a creator's `<!-- note to self -->` is never published.

    A loop over str.find rather than a pattern, so a thousand unclosed `<!--`
    cost one pass. An unclosed comment hides the rest, as it would in a browser.
    """
    if "<!--" not in html:
        return html
    kept, start = [], 0
    while (opening := html.find("<!--", start)) != -1:
        kept.append(html[start:opening])
        closing = html.find("-->", opening + 4)
        if closing == -1:
            start = len(html)
            break
        start = closing + 3
    kept.append(html[start:])
    return "".join(kept)
