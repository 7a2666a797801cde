"""Text to search tokens, as Material's search worker splits it (internal/extract, tokenize).

The index builder (index.py, for synonyms) and the engine (engine.py, for
every field of every entry) both split text here. Splitting is most of what
lint's search checks cost on a big hub, so hubgen's own separator has a fast
path that gives exactly the regex's tokens, and the tokens of a field are kept
by its exact text (`hubgen serve` re-indexes a hub whose texts mostly did not
change since the last save).
"""

from __future__ import annotations

import functools
import re

# Material's default separator splits on spaces and hyphens only, so "parcel?"
# and "(VAT)" would be tokens of their own. hubgen also splits on punctuation.
# The pattern means the same to JavaScript's RegExp and Python's re.
SEPARATOR = r"[\s\-,:;!?=\[\]()\"'`/|\u2019\u201c\u201d]+|\.(?!\d)|&[a-z]+;"

_ANGLE = re.compile(r"[<>]")
_TAG = re.compile(r"<[^<>]*>")


def text_blocks(value: str) -> list[str]:
    """The text between HTML tags, as Material's `extract` splits it: a "<"
    starts a block of its own, a ">" drops everything since the last block."""
    blocks = []
    start = 0
    for match in _ANGLE.finditer(value):
        end = match.start()
        if value[end] == "<":
            if end > start:
                blocks.append(value[start:end])
                start = end
        else:
            start = end + 1
    if len(value) > start:
        blocks.append(value[start:])
    return blocks


def js_split(value: str, separator: re.Pattern) -> list[tuple[int, int]]:
    """Material's `split`: the non-empty ranges between separator matches."""
    ranges = []
    index = pos = 0
    while True:
        match = separator.search(value, pos) if pos <= len(value) else None
        until = match.start() if match else len(value)
        if index < until:
            ranges.append((index, until))
        if not match:
            return ranges
        index = match.end()
        pos = match.end() if match.end() > match.start() else match.start() + 1


# -- SEPARATOR without the regex ------------------------------------------------------
# A token is a run of characters that no match of SEPARATOR covers, and which
# characters a match covers depends on nothing but the character itself, except
# for an entity (&amp;: no other match can take its "&") and a "." (a separator
# unless a digit follows; neither an entity nor a listed character is a digit).
# So: entities to spaces, the listed characters to spaces, "."s not before a
# digit to spaces, then str.split(), whose whitespace is exactly re's \s.
_ENTITY = re.compile(r"&[a-z]+;")
_DOT = re.compile(r"\.(?!\d)")
_TO_SPACE = str.maketrans(dict.fromkeys("-,:;!?=[]()\"'`/|\u2019\u201c\u201d", " "))


def _split_hubgen(text: str) -> list[str]:
    if "&" in text:
        text = _ENTITY.sub(" ", text)
    if "." in text:
        text = _DOT.sub(" ", text)
    return text.translate(_TO_SPACE).split()


@functools.lru_cache(maxsize=16)
def _splitter(separator: re.Pattern):
    """The function that gives js_split's pieces for `separator`."""
    if separator.pattern == SEPARATOR and not separator.flags & ~re.UNICODE:
        return _split_hubgen
    if separator.groups == 0 and separator.fullmatch("") is None:
        # re.split gives js_split's pieces: the separator never matches the
        # empty string and captures nothing.
        return lambda block: [piece for piece in separator.split(block) if piece]
    return lambda block: [block[a:b] for a, b in js_split(block, separator)]


@functools.lru_cache(maxsize=16)
def _space_separates(separator: re.Pattern) -> bool:
    return bool(separator.fullmatch(" "))


def tokenize(value, separator: re.Pattern) -> list[str]:
    """Tokens of a field value (a string or a list of strings), lower-cased."""
    if value is None:
        return []
    tokens: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        tokens.extend(_item_tokens(str(item), separator))
    return tokens


def field_tokens(value, separator: re.Pattern) -> tuple[str, ...]:
    """tokenize's tokens as a tuple: for one text, the very tuple kept for that text."""
    if isinstance(value, str):
        return _item_tokens(value, separator)
    return tuple(tokenize(value, separator))


# Keyed by the exact text: a hub's titles, keywords and answers, so `hubgen serve`
# re-indexing after one edit splits only what changed. Callers never change the tuples.
@functools.lru_cache(maxsize=32768)
def _item_tokens(item: str, separator: re.Pattern) -> tuple[str, ...]:
    split = _splitter(separator)
    if "<" not in item and ">" not in item:
        return tuple(split(item.lower()))
    if _space_separates(separator):
        untagged = _TAG.sub(" ", item)
        if "<" not in untagged and ">" not in untagged:
            # Every tag closed (as in every index hubgen writes): a tag ends a
            # block as a space ends a word, so one pass over the whole text does.
            return tuple(split(untagged.lower()))
    tokens: list[str] = []
    for block in text_blocks(item):
        tokens.extend(split(block.lower()))
    return tuple(tokens)
