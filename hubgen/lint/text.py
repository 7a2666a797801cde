"""Reading text the way rules need it: loose comparison and links in Markdown."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_LINK_PATTERNS = (
    re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)"),  # [text](url "title")
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"),  # [ref]: url
    re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE),  # raw HTML
)


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


def markdown_links(markdown: str) -> Iterator[Link]:
    """Every link and image target in `markdown`, outside code."""
    if "](" not in markdown and "]:" not in markdown and "=" not in markdown:
        return  # most answers link nowhere: skip the line-by-line reading
    fence = ""
    for number, line in enumerate(markdown.splitlines()):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1)[0] == fence[0]):
            fence = "" if fence else opening.group(1)
            continue
        if fence:
            continue
        # Blank out code spans, keeping columns where they were.
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for pattern in _LINK_PATTERNS:
            for match in pattern.finditer(line):
                yield Link(match.group(1), number, match.start(1) + 1)
