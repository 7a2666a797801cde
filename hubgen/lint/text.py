"""Reading text the way rules need it: loose comparison, links in Markdown and where they are."""

from __future__ import annotations

import bisect
import difflib
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TypeVar

from hubgen.markup import to_html

T = TypeVar("T")


def days(n: int) -> str:
    """'1 day', '12 days': lint's messages count days often, and a creator reads them."""
    return f"{n} day" if n == 1 else f"{n} days"


def normalised(text: str) -> str:
    """Text compared loosely: case, punctuation and spacing do not matter."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def repeats(items: Iterable[T], key: Callable[[T], str]) -> Iterator[tuple[T, T]]:
    """(item, the first item with the same loose key) for every repeat, in order."""
    first: dict[str, T] = {}
    for item in items:
        seen = first.setdefault(normalised(key(item)), item)
        if seen is not item:
            yield item, seen


def unknown_id_fix(value: str, known: list[str]) -> str:
    """How to fix an id that names nothing: the closest known one, or the list."""
    if not known:
        return "none are defined yet: add it to hub.yaml first, or remove it here"
    close = difflib.get_close_matches(value, known, n=1)
    return f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)


@dataclass(frozen=True)
class Link:
    target: str
    line: int  #: 0-based line in the Markdown
    col: int  #: 1-based column of the target


# (element, attribute) pairs whose URL a backer follows or the browser loads.
LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("img", "src"), ("source", "src"), ("video", "src"),
                   ("video", "poster"), ("audio", "src"), ("track", "src"), ("iframe", "src"),
                   ("embed", "src")}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.targets += [value for name, value in attrs if (tag, name) in LINK_ATTRIBUTES and value]

    handle_startendtag = handle_starttag


class Locator:
    """Where texts are in `markdown`, looked for in order: each search goes on from the last
    find, and lines are counted once, so finding every link costs the text's length, not
    the text's length per link."""

    def __init__(self, markdown: str):
        self.markdown, self.lowered = markdown, markdown.lower()
        self.line_starts = [0, *(index + 1 for index, char in enumerate(markdown) if char == "\n")]

    def locate(self, text: str, start: int = 0) -> tuple[int, int, int]:
        """(0-based line, 1-based column, offset) of `text`, looked for from `start` first,
        case-insensitively; (0, 1, start) when the source spells it otherwise."""
        wanted = text.lower()
        for candidate in (wanted, html.escape(wanted, quote=False), html.escape(wanted)):
            index = self.lowered.find(candidate, start)
            if index == -1:
                index = self.lowered.find(candidate, 0, start + len(candidate))
            if index != -1:
                line = bisect.bisect_right(self.line_starts, index) - 1
                return line, index - self.line_starts[line] + 1, index + len(candidate)
        return 0, 1, start


def locate(markdown: str, text: str, start: int = 0) -> tuple[int, int, int]:
    """(0-based line, 1-based column, offset) of `text` in `markdown` (see Locator)."""
    return Locator(markdown).locate(text, start)


def markdown_links(markdown: str) -> Iterator[Link]:
    """Every link and image target in `markdown` as the site converts it: inline,
    reference and autolinks, raw <a href> and <img src>; never what is in code."""
    if not any(mark in markdown for mark in ("](", "]:", "<", "{")):
        return  # most answers link nowhere: skip the conversion
    parser = _Links()
    parser.feed(to_html(markdown))
    parser.close()
    cursor, locator = 0, Locator(markdown)
    for target in parser.targets:
        line, col, cursor = locator.locate(target, cursor)
        yield Link(target, line, col)
