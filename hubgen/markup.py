"""Content Markdown: the one list of extensions, and HTML fragments.

The pages (MkDocs, render/mkdocs_project.py), the search index and the feeds
all read Markdown with MARKDOWN_EXTENSIONS, so what a backer finds and what
the page shows cannot drift apart. Lint's HTML checks read the same fragments (hubgen.content_html parses them). This module sits below render/ and search/
(it needs Python-Markdown only), so lint and search never import MkDocs.

Pages go through MkDocs; the index and the feeds need single fragments (an
answer, an update body). Both ask here, so each fragment is rendered once per
build, with the pages' own extensions minus the permalink symbols that would
show as stray text outside a page.
"""

from __future__ import annotations

import functools
import importlib
import re
import sys

import markdown

# In MkDocs' `markdown_extensions` form: a name, or {name: options}.
MARKDOWN_EXTENSIONS = [
    {"toc": {"permalink": True, "permalink_title": "Link to this section"}},
    "admonition",
    "attr_list",
    "fenced_code",  # ``` blocks as creators write them; without it pages showed the fences as text
    "md_in_html",
    "tables",
    "hubgen.markup",  # this module's makeExtension: links read within a bounded window, '#tag' stays text (below)
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
    # Extension objects rather than names: Python-Markdown looks a name up among
    # every installed package's entry points first, which costs 0.1-0.2 s per run.
    extensions = [_extension_module(name, names).makeExtension(**configs[name]) for name in names]
    return markdown.Markdown(extensions=extensions)


def _extension_module(name: str, names: list[str]):
    """Python-Markdown's extension module `name`.

    fenced_code imports codehilite, which imports Pygments and, through its
    plugin lookup, importlib.metadata: a tenth of what `hubgen lint` does on a
    big hub, for highlighting no page turns on (codehilite is not among
    MARKDOWN_EXTENSIONS, and fenced_code highlights only when it is). So unless
    Pygments is loaded already, codehilite is imported finding no Pygments, as
    on a machine without it; anything importing Pygments later gets it."""
    if "." in name:  # an extension of hubgen's own, by its module
        return importlib.import_module(name)
    module = f"markdown.extensions.{name}"
    if name != "fenced_code" or "codehilite" in names or {"pygments", "markdown.extensions.codehilite"} & set(sys.modules):
        return importlib.import_module(module)
    sys.modules["pygments"] = None  # `import pygments` raises ImportError meanwhile
    try:
        return importlib.import_module(module)
    finally:
        del sys.modules["pygments"]


# Python-Markdown's patterns take time that grows with the square of a run of
# spaces and tabs (a heading holding 20 KB of them took minutes). Runs in long
# lines are cut down before any conversion; HTML shows one space for a run
# anyway, and no real line of content is this long.
LONG_LINE = 256
MAX_INDENT = 16  # four levels of list or code indentation
_INNER_RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def bounded(text: str) -> str:
    """`text` with the whitespace runs of its long lines shortened, and each "<" that
    opens no tag within LINK_WINDOW characters written as "&lt;", so converting it takes
    time in proportion to its length. Short lines stay as written."""
    if len(text) <= LONG_LINE:
        return text
    text = _unclosed_tags_as_text(text)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if len(line) > LONG_LINE:
            body = line.lstrip(" \t")
            indent = line[: len(line) - len(body)][:MAX_INDENT]
            trailing = "  " if body.endswith("  ") else ""  # a Markdown line break stays one
            lines[number] = indent + _INNER_RUN.sub(" ", body.rstrip(" \t")) + trailing
    return "\n".join(lines)


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def _unclosed_tags_as_text(text: str) -> str:
    """Python's HTML parser (Python-Markdown reads raw HTML with it) looks for the ">" of
    each "<a" to the end of the text: a thousand unclosed ones cost the square of the
    text. A "<" with no ">" within reach opens no tag anyway; it is shown as typed."""
    if "<" not in text:
        return text
    closing = -1  # the next ">" at or after the "<" looked at, found once per stretch

    def as_text(match: re.Match) -> str:
        nonlocal closing
        if closing < match.start():
            closing = text.find(">", match.start())
            if closing == -1:
                closing = len(text) + LINK_WINDOW  # none after: every later "<" is text
        return "&lt;" if closing - match.start() > LINK_WINDOW else "<"

    return _TAG_START.sub(as_text, text)


def escape_markdown(text: str) -> str:
    """Plain text (a title, a question, a name) made safe to place in Markdown:
    shown as typed, never read as markup or HTML."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}#|!])", r"\\\1", text.replace("\n", " ")).strip()


def toc_headings(text: str) -> list[tuple[int, str]]:
    """(level, id) of each Markdown heading of `text`, in order, as toc names them on the page."""
    return [(token["level"], token["id"]) for token in _toc_tokens(text)]


def heading_names(text: str) -> list[tuple[int, str]]:
    """(level, text) of each Markdown heading of `text`, in order, as the page shows them."""
    return [(token["level"], token["name"]) for token in _toc_tokens(text)]


def _toc_tokens(text: str) -> list[dict]:
    converter = _converter().reset()
    converter.convert(bounded(text))
    found: list[dict] = []

    def walk(tokens):
        for token in tokens:
            found.append(token)
            walk(token["children"])

    walk(converter.toc_tokens)
    return found


# Most answers and updates are prose: paragraphs of letters, digits, spaces and
# plain punctuation, none of which Markdown reads as syntax inside a line. Their
# HTML needs no converter: each paragraph in <p>, its lines kept. Lines that
# would start a list, a rule or a code block, or end in a line break, are not
# prose (tests/test_feeds.py holds both ways equal on random text). Writing it
# directly saves Python-Markdown's millisecond a fragment: on a hub of 1000
# answers and 500 updates, that is most of lint, the search index and the feeds.
# Any character that is not prose: neither a letter or digit nor plain punctuation
# (one class searched: an alternation matched character by character was 7x slower).
_NOT_PROSE = re.compile(r"[^\w \n,.;:?!'\"()%$@/-]|_")
_LIST_NUMBER = re.compile(r"\d+\.")


def _not_prose_line(line: str) -> bool:
    """Line by line: one multi-line pattern tried at every character was slow on a big hub."""
    return line.startswith((" ", "-")) or line.endswith(" ") or bool(_LIST_NUMBER.match(line))


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of Markdown that is nothing but paragraphs of prose; None otherwise."""
    if _NOT_PROSE.search(text) or any(map(_not_prose_line, text.split("\n"))):
        return None
    return [p.strip("\n") for p in re.split(r"\n{2,}", text.strip("\n")) if p.strip("\n")]


# Bounded so `hubgen serve`, rebuilding in one process for hours, does not grow without end.
@functools.lru_cache(maxsize=8192)
def to_html(text: str) -> str:
    """HTML of one Markdown fragment, as the pages render it (without permalinks and comments)."""
    text = bounded(text)
    paragraphs = plain_paragraphs(text)
    if paragraphs is None:
        return markdown_html(text)
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def markdown_html(text: str) -> str:
    """to_html through Python-Markdown, prose or not."""
    return strip_comments(_converter().reset().convert(bounded(text)))


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


# -- links found in time proportional to the text -------------------------------------
# Python-Markdown reads a link's [text] by scanning from its "[" for the bracket
# that closes it, to the end of the paragraph when none does, and its (address)
# the same way: a paragraph of unclosed "[", "![" or "[x](" cost the square of its
# length (24 KB: over a minute). Here each paragraph's brackets are matched once,
# in one pass, and an address is read within LINK_WINDOW characters (no real one
# is longer): the same links, found in linear time.

LINK_WINDOW = 2048
_LINK_PROCESSORS = ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref")


def closing_brackets(data: str) -> dict[int, int]:
    """Each "[" of `data` that is closed -> the "]" that closes it (nesting counted, as
    Python-Markdown's getText counts it: escaped brackets are placeholders by then)."""
    opened: list[int] = []
    closing: dict[int, int] = {}
    for match in re.finditer(r"[\[\]]", data):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            closing[opened.pop()] = match.start()
    return closing


class _LinearLinks:
    """A link processor whose getText and getLink cost no more than the text they read."""

    _matched: tuple[str, dict[int, int]] = ("", {})

    def getText(self, data: str, index: int):  # noqa: N802: Python-Markdown's name
        # `index` is just past the "["; the paragraph's brackets are matched once, not per "[".
        matched = _LinearLinks._matched  # one read: hubgen serve renders in threads
        if matched[0] is not data:
            matched = _LinearLinks._matched = (data, closing_brackets(data))
        close = matched[1].get(index - 1)
        if close is None:
            return "", len(data), False
        return data[index:close], close + 1, True

    def getLink(self, data: str, index: int):  # noqa: N802
        window = data[index:index + LINK_WINDOW]
        if ")" not in window:
            return "", None, index, False  # never closed within reach: not a link
        href, title, end, handled = super().getLink(window, 0)
        return href, title, end + index, handled


class BoundedLinks(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802: Python-Markdown's name
        for item in list(md.inlinePatterns._priority):
            if item.name not in _LINK_PROCESSORS:
                continue
            processor = md.inlinePatterns[item.name]
            linear = type(f"Linear{type(processor).__name__}", (_LinearLinks, type(processor)), {})
            replacement = linear.__new__(linear)
            replacement.__dict__.update(processor.__dict__)
            md.inlinePatterns.register(replacement, item.name, item.priority)


# -- a '#' glued to a word is text, not a heading -------------------------------------
# Python-Markdown makes "#KickstarterExclusive items ..." and "#1 priority for us" an
# <h1> and drops the '#'. CommonMark (and GitHub, and every editor's preview) needs a
# space or the line's end after the hashes; so does hubgen: a hashtag, an order number
# or a rank at the start of a line stays in its paragraph, as typed.

class _SpacedHashHeader(markdown.blockprocessors.HashHeaderProcessor):
    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)"
                    r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class HashtagsStayText(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802: Python-Markdown's name
        priority = next(item.priority for item in md.parser.blockprocessors._priority if item.name == "hashheader")
        md.parser.blockprocessors.register(_SpacedHashHeader(md.parser), "hashheader", priority)


class ContentMarkdown(markdown.Extension):
    """hubgen's own reading of content Markdown: both extensions above."""

    def extendMarkdown(self, md):  # noqa: N802
        BoundedLinks().extendMarkdown(md)
        HashtagsStayText().extendMarkdown(md)


def makeExtension(**kwargs):  # noqa: N802: how Python-Markdown and MkDocs load an extension
    return ContentMarkdown(**kwargs)
