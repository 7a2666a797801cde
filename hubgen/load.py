"""Stage 1: read the content folder into raw data that remembers file:line.

Only this module touches content files. YAML is loaded with a SafeLoader
subclass that refuses anchors/aliases (no alias bombs) and duplicate keys, and
records where every mapping key and sequence item was written.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hubgen.content_format import PAGE, REFUND_POLICY, UPDATE
from hubgen.diagnostics import Location, Report

MAX_FILE_BYTES = 2 * 1024 * 1024
# The content folder's folders that hubgen reads (everything else in it is ignored).
CONTENT_FOLDERS = ("updates", "pages", "assets")
#: control characters (C0, DEL, C1) and Unicode's line separators: never in a file name hubgen publishes
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class YamlMap(dict):
    """A YAML mapping that knows where it, each of its keys and each value were written."""

    line: int = 0
    col: int = 0
    key_pos: dict
    #: key -> (line, col, style) of its value; for a block scalar (| or >) the
    #: line and column where its text starts; style is YAML's ("|", ">", "'", '"' or None)
    value_pos: dict
    #: key -> the characters of a value YAML 1.1 read as true/false, a number or a date
    #: (`a: No`, `version: 1.10`): what the creator wrote, for wherever text is expected
    written: dict

    def pos(self, key: str) -> tuple[int, int]:
        return self.key_pos.get(key, (self.line, self.col))

    def text_of(self, key: str) -> str | None:
        """The value of `key` as written, if it is a scalar: see scalar_text."""
        return scalar_text(self.get(key), getattr(self, "written", {}).get(key))


class YamlSeq(list):
    """A YAML sequence that knows where it and each of its items were written."""

    line: int = 0
    col: int = 0
    item_pos: list
    #: index -> the characters of an item YAML 1.1 read as true/false, a number or a date
    written: dict

    def pos(self, index: int) -> tuple[int, int]:
        if 0 <= index < len(self.item_pos):
            return self.item_pos[index]
        return (self.line, self.col)

    def text_of(self, index: int) -> str | None:
        """Item `index` as written, if it is a scalar: see scalar_text."""
        return scalar_text(self[index], getattr(self, "written", {}).get(index))


def scalar_text(value: Any, written: str | None) -> str | None:
    """A scalar value as its creator wrote it: text as it is; for what YAML 1.1 reads as
    another type (yes/no/on/off as true/false, 1_000 and 1:30 as numbers, 2026-12-24 as a
    date) the characters written (`written`), never Python's str() of it ("No" stays
    "No", not "False"). None for a mapping, a list or nothing."""
    if isinstance(value, str):
        return value
    if written is not None:
        return written
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)  # a plain dict's value, not read from a file


def _written(node, value: Any) -> str | None:
    """The scalar's characters when YAML resolved them to something other than text."""
    if type(node) is yaml.ScalarNode and value is not None and not isinstance(value, str):
        return node.value
    return None


def _key_text(node, key: Any) -> Any:
    """A mapping key as written: every key hubgen reads is a name (`on:`, `no:` and `1:` too)."""
    written = _written(node, key)
    return key if written is None else written


class _YamlProblem(Exception):
    def __init__(self, message: str, line: int, col: int, fix: str = ""):
        super().__init__(message)
        self.message, self.line, self.col, self.fix = message, line, col, fix


# libyaml's parser when PyYAML has it (10x faster); construction stays in Python.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeMarkedLoader(_BASE_LOADER):
    """A safe loader that refuses aliases and keeps line numbers."""

    line_offset = 0
    lines: list[str] = []  #: the text being parsed, to find where block scalars start

    def construct_object(self, node, deep=False):
        # An alias hands the composer's node for its anchor out a second time:
        # refusing every repeat makes alias bombs impossible.
        if node in self.constructed_objects or node in self.recursive_objects:
            line, col = self._pos(node)
            raise _YamlProblem(
                "YAML anchors and aliases (&name, *name) are not supported; this anchor is reused",
                line, col, "write the value out in full instead of referring to it",
            )
        return super().construct_object(node, deep)

    def _pos(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1


def _construct_map(loader: _SafeMarkedLoader, node: yaml.MappingNode) -> YamlMap:
    result = YamlMap()
    result.line, result.col = loader._pos(node)
    result.key_pos = {}
    result.value_pos = {}
    result.written = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line, col = loader._pos(key_node)
        if not isinstance(key, (str, int, float, bool, dt.date)) and key is not None:
            raise _YamlProblem("a mapping key must be plain text", line, col)
        key = _key_text(key_node, key)
        if key in result:
            raise _duplicate_key(loader, node, key, line, col)
        value = result[key] = loader.construct_object(value_node, deep=True)
        result.key_pos[key] = (line, col)
        result.value_pos[key] = _value_pos(loader, value_node)
        written = _written(value_node, value)
        if written is not None:
            result.written[key] = written
    return result


def _duplicate_key(loader: _SafeMarkedLoader, node: yaml.MappingNode, key: Any, line: int, col: int) -> _YamlProblem:
    """A key written twice in one mapping. When the keys from it on repeat the item's
    keys (id, q, a again), a list item lost its '- ': a new entry starts there."""
    key_nodes = [key_node for key_node, _value in node.value]
    keys = [getattr(key_node, "value", None) for key_node in key_nodes]
    here = next(index for index, key_node in enumerate(key_nodes) if loader._pos(key_node) == (line, col))
    repeated = [name for name in keys[here:] if name in keys[:here]]
    dash = _item_dash(loader, node)
    if len(repeated) >= 2 and dash is not None:
        written = loader.lines[line - 1 - loader.line_offset].strip()
        return _YamlProblem(f"duplicate key '{key}': a new entry starts here", line, col,
                            f"begin it with '- ' at the indentation of the others: '- {written}', "
                            f"its '-' {_spaces(dash)} in like the entry above")
    return _YamlProblem(f"duplicate key '{key}'", line, col, "keep only one of the entries with this key")


def _item_dash(loader: _SafeMarkedLoader, node: yaml.MappingNode) -> int | None:
    """The column (0-based) of the '- ' that starts the list item `node` is, if it is one."""
    line, col = loader._pos(node)
    index = line - 1 - loader.line_offset
    before = loader.lines[index][:col - 1] if 0 <= index < len(loader.lines) else ""
    return before.index("-") if before.strip().startswith("-") else None


def _value_pos(loader: _SafeMarkedLoader, node: yaml.Node) -> tuple[int, int, str | None]:
    line, col = loader._pos(node)
    style = getattr(node, "style", None)
    if style in ("|", ">"):
        # The text of a block scalar starts on the line below its indicator.
        index = line - loader.line_offset  # 0-based index of the next line
        text = loader.lines[index] if index < len(loader.lines) else ""
        line, col = line + 1, len(text) - len(text.lstrip(" ")) + 1
    return line, col, style


def _construct_seq(loader: _SafeMarkedLoader, node: yaml.SequenceNode) -> YamlSeq:
    result = YamlSeq(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.col = loader._pos(node)
    result.item_pos = [loader._pos(child) for child in node.value]
    result.written = _items_written(node, result)
    return result


def _items_written(node: yaml.SequenceNode, items: list) -> dict:
    return {index: written for index, (child, item) in enumerate(zip(node.value, items))
            if (written := _written(child, item)) is not None}


def _construct_timestamp(loader: _SafeMarkedLoader, node: yaml.ScalarNode) -> Any:
    # "2026-13-45" looks like a date to YAML but is not one: keep the text so
    # validation can say which key holds an impossible date.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_SafeMarkedLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_SafeMarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_SafeMarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


# Characters YAML reads as line breaks even inside a quoted string.
_YAML_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\u0085\u2028\u2029"}


def yaml_string(text: str) -> str:
    """A double-quoted YAML string for front matter: a JSON string, which is
    valid YAML, with emoji and accents kept as they are. (With JSON's ASCII
    escapes an emoji becomes a surrogate pair, which YAML rejects, and the
    page loses its front matter and its title.)"""
    return json.dumps(str(text), ensure_ascii=False).translate(_YAML_BREAKS)


# Content is never nested deeper than a few levels; deeper nesting would exhaust
# Python's recursion in construction (about 200 levels) or libyaml's C stack.
MAX_YAML_DEPTH = 50
# Below this bound on the depth, libyaml's recursive composer is safe (it crashes near 50 000).
_C_SAFE_DEPTH = 5000


def _too_deep(loader: _SafeMarkedLoader, mark) -> _YamlProblem:
    return _YamlProblem(f"values are nested more than {MAX_YAML_DEPTH} levels deep",
                        mark.line + 1 + loader.line_offset, mark.column + 1,
                        "flatten this value: hubgen's content files need only a few levels")


def _depth_bound(text: str) -> int:
    """An upper bound on the nesting depth, cheap to compute: block nesting needs a
    column or two per level, flow nesting a bracket per level."""
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * longest + text.count("[") + text.count("{")


def _check_events_depth(loader: _SafeMarkedLoader, text: str) -> None:
    """Before composing: libyaml's parser is a state machine, not recursive, so this is safe."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _too_deep(loader, event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _check_node_depth(loader: _SafeMarkedLoader, root) -> None:
    """Walk the composed nodes without recursion; each node once (aliases are refused later)."""
    stack, seen = [(root, 1)], set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            continue
        if depth > MAX_YAML_DEPTH:
            raise _too_deep(loader, node.start_mark)
        stack.extend((child, depth + 1) for child in children)


class _Unusual(Exception):
    """Something _QuickConstruction leaves to PyYAML's construction and its messages."""


_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
               "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


class _QuickConstruction:
    """The values _SafeMarkedLoader constructs, built in one direct walk over the nodes.

    PyYAML's construction goes through several generic layers per value, most of
    what loading a big faq.yaml cost. Content as creators write it (plain
    mappings, lists and scalars) is built here to the same YamlMap/YamlSeq with
    the same positions; anything else (an alias, a duplicate key, a key that is
    not text, a tag, nesting past MAX_YAML_DEPTH) raises _Unusual, and
    parse_yaml constructs the document the thorough way, which reports it.
    """

    def __init__(self, loader: _SafeMarkedLoader, anchored: bool):
        self.loader = loader
        self.offset = 1 + loader.line_offset
        # An alias hands out its anchor's node again. Without an "&" in the text
        # there is no anchor, so no node comes twice and none need be counted.
        self.seen: set[int] | None = set() if anchored else None
        scalars = loader.yaml_constructors
        self.scalar = {tag: scalars[tag] for tag in _PLAIN_TAGS}

    def _text(self, node) -> bool:
        """Whether `node` is plain text that needs no bookkeeping (most keys and values)."""
        return self.seen is None and type(node) is yaml.ScalarNode and node.tag == _STR_TAG

    def value(self, node, depth: int):
        if self.seen is not None:
            if id(node) in self.seen:
                raise _Unusual  # an alias
            self.seen.add(id(node))
        tag = node.tag
        if tag == _STR_TAG and type(node) is yaml.ScalarNode:
            return node.value
        if tag in self.scalar and type(node) is yaml.ScalarNode:
            return self.scalar[tag](self.loader, node)
        if depth > MAX_YAML_DEPTH:
            raise _Unusual
        if tag == _MAP_TAG and type(node) is yaml.MappingNode:
            return self.mapping(node, depth)
        if tag == _SEQ_TAG and type(node) is yaml.SequenceNode:
            return self.sequence(node, depth)
        raise _Unusual

    def mapping(self, node: yaml.MappingNode, depth: int) -> YamlMap:
        result = YamlMap()
        mark = node.start_mark
        result.line, result.col = mark.line + self.offset, mark.column + 1
        key_pos = result.key_pos = {}
        value_pos = result.value_pos = {}
        written = result.written = {}
        for key_node, value_node in node.value:
            if self._text(key_node):
                key = key_node.value
            else:
                key = self.value(key_node, depth + 1)
                if not isinstance(key, (str, int, float, bool, dt.date, type(None))):
                    raise _Unusual
                key = _key_text(key_node, key)
            if key in result:
                raise _Unusual
            if self._text(value_node):
                result[key] = value_node.value
            else:
                value = result[key] = self.value(value_node, depth + 1)
                if (as_written := _written(value_node, value)) is not None:
                    written[key] = as_written
            mark = key_node.start_mark
            key_pos[key] = (mark.line + self.offset, mark.column + 1)
            style = getattr(value_node, "style", None)
            if style in ("|", ">"):
                value_pos[key] = _value_pos(self.loader, value_node)
            else:
                mark = value_node.start_mark
                value_pos[key] = (mark.line + self.offset, mark.column + 1, style)
        return result

    def sequence(self, node: yaml.SequenceNode, depth: int) -> YamlSeq:
        result = YamlSeq(child.value if self._text(child) else self.value(child, depth + 1) for child in node.value)
        mark = node.start_mark
        result.line, result.col = mark.line + self.offset, mark.column + 1
        offset = self.offset
        result.item_pos = [(child.start_mark.line + offset, child.start_mark.column + 1) for child in node.value]
        result.written = _items_written(node, result)
        return result


def parse_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse YAML safely; raise _YamlProblem with a content line on failure."""
    loader = _SafeMarkedLoader(text)
    loader.line_offset = line_offset
    loader.lines = text.splitlines()
    try:
        if _depth_bound(text) > _C_SAFE_DEPTH:
            _check_events_depth(loader, text)
        node = loader.get_single_node()
        if node is None:
            return None
        if _MAYBE_ANCHOR.search(text):
            _refuse_anchors(text, line_offset)
        try:
            return _QuickConstruction(loader, anchored="&" in text).value(node, 1)
        except (_Unusual, yaml.YAMLError):
            pass  # an alias, a duplicate key, a tag or a depth to report: the thorough way says where
        _check_node_depth(loader, node)
        return loader.construct_document(node)
    except _YamlProblem:
        raise
    except RecursionError:  # a safety net: _check_node_depth should have stopped it
        raise _YamlProblem("values are nested too deeply", line_offset + 1, 0,
                           "flatten the nested values") from None
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, text, line_offset) from None
    except yaml.YAMLError as exc:
        raise _YamlProblem(f"invalid YAML: {exc}", line_offset + 1, 0) from None
    finally:
        loader.dispose()


# `hubgen serve` loads the whole content folder again on every save, though one
# file changed: a file's parsed YAML is kept by its exact text, so only changed
# files are parsed again. Bounded (a document per file; one process serves one
# folder). Nothing after loading changes a parsed value: validation reads it and
# builds the model of new objects, so one value may serve every load. A file
# that does not parse is parsed (and reported) again each time.
_parsed = functools.lru_cache(maxsize=4096)(parse_yaml)


# A column-0 line that starts an item of a top-level block sequence (faq.yaml's categories).
_TOP_ITEM = re.compile(r"-(?: |$)")
# Line breaks YAML knows besides \n (a lone \r, NEL, the Unicode separators): such a
# file is parsed whole, so that every line break below is a \n.
_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _top_level_items(text: str) -> list[tuple[int, str]] | None:
    """The text of each item of a top-level block sequence, with the index of its first
    line; None unless every line at column 0 starts an item ("- "), is a comment, or
    is blank, and at least two items start there.

    Within a block sequence at column 0, a line that starts with "- " at column 0
    starts its next item, unless it continues a quoted scalar or a flow collection
    opened above it: then the item above it does not parse on its own, and the
    caller parses the whole text (_parse_in_items)."""
    if not (text.startswith("-") or "\n-" in text) or _OTHER_BREAKS.search(text):
        return None  # front matter and hub.yaml are mappings: said without splitting them
    lines = text.split("\n")
    starts = []
    for index, line in enumerate(lines):
        if line[:1] in ("", " ", "#", "\r"):
            continue
        if not _TOP_ITEM.match(line.rstrip("\r")):
            return None  # a top-level mapping, a document marker, text at column 0
        starts.append(index)
    if len(starts) < 2:
        return None
    bounds = [0, *starts[1:], len(lines)]
    return [(first, "\n".join(lines[first:end]) + ("\n" if end < len(lines) else ""))
            for first, end in zip(bounds, bounds[1:])]


@functools.lru_cache(maxsize=4096)
def _item_at(item: str, line_offset: int) -> Any:
    """_parsed(item, line_offset), moved from the item's parse at line 0: a save that
    adds or removes a line moves every item below it, and moving one is cheaper than
    parsing it again."""
    parsed = _parsed(item, 0)
    try:
        return _moved(parsed, line_offset)
    except _Unusual:  # a value _moved does not know: parse at its place
        return _parsed(item, line_offset)


def _moved(value: Any, lines: int) -> Any:
    """A copy of a parsed value whose every remembered line is `lines` further down."""
    if not lines:
        return value
    if type(value) is YamlMap:
        moved = YamlMap((key, _moved(item, lines)) for key, item in value.items())
        moved.line, moved.col = value.line + lines, value.col
        moved.key_pos = {key: (line + lines, col) for key, (line, col) in value.key_pos.items()}
        moved.value_pos = {key: (line + lines, col, style) for key, (line, col, style) in value.value_pos.items()}
        moved.written = value.written
        return moved
    if type(value) is YamlSeq:
        moved = YamlSeq(_moved(item, lines) for item in value)
        moved.line, moved.col = value.line + lines, value.col
        moved.item_pos = [(line + lines, col) for line, col in value.item_pos]
        moved.written = value.written
        return moved
    if isinstance(value, (str, int, float, bool, type(None), dt.date)):
        return value
    raise _Unusual  # another container (a tagged set, say) may hold positions


def _parse_in_items(text: str, line_offset: int = 0) -> Any:
    """parse_yaml's value, parsing a top-level sequence item by item (each kept by its
    text, _item_at): saving one FAQ entry parses its category again, not all 1000
    entries, even when the save moved the categories below it. Any item that does
    not parse alone, or is not one item, and any text that is not such a sequence,
    is parsed whole: its problems are reported as parse_yaml reports them."""
    items = _top_level_items(text)
    if items is None:
        return _parsed(text, line_offset)
    try:
        parts = [_item_at(item, line_offset + first) for first, item in items]
    except _YamlProblem:
        return _parsed(text, line_offset)
    if not all(type(part) is YamlSeq and len(part) == 1 for part in parts):
        return _parsed(text, line_offset)
    result = YamlSeq(part[0] for part in parts)
    result.line, result.col = parts[0].line, parts[0].col
    result.item_pos = [part.item_pos[0] for part in parts]
    result.written = {index: part.written[0] for index, part in enumerate(parts) if 0 in part.written}
    return result


# PyYAML's words for a line whose indentation does not fit the block around it.
_INDENTATION_PROBLEMS = (
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>",
    "mapping values are not allowed",
)


def _explain(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> _YamlProblem:
    """A YAML syntax error in words a creator understands, at the line to fix."""
    mark = exc.problem_mark or exc.context_mark
    index = mark.line if mark else 0
    col = mark.column + 1 if mark else 0
    problem = exc.problem or exc.context or "invalid YAML"
    lines = text.splitlines()
    shown = index + 1 + line_offset
    starts = _value_starting_with_indicator(lines, index, col)
    if starts is not None:
        return _YamlProblem(*starts(shown))
    for explainer in (_quote_ends_early, _colon_in_value, _text_out_of_block):
        found = explainer(lines, index, col, problem, line_offset)
        if found is not None:
            message, at, column, fix = found
            return _YamlProblem(message, at + 1 + line_offset, column, fix)
    opened = _quote_closed_too_late(lines, index, col)
    if opened is not None:
        line, column = opened
        return _YamlProblem(f"a quote opened on line {line + 1 + line_offset} is never closed", line + 1 + line_offset,
                            column + 1, "end the text with the same quote mark it starts with")
    if "could not determine a constructor" in str(exc):
        return _YamlProblem("this YAML tag is not allowed (hubgen loads YAML safely)", shown, col,
                            "remove the '!' tag and write the value as plain text")
    if "tab character" in problem or "found character '\\t'" in problem or (
            "cannot start any token" in problem and index < len(lines) and lines[index][:col].strip() == ""
            and "\t" in lines[index][:col]):
        return _YamlProblem("this line is indented with a tab", shown, col,
                            "indent with spaces only; most editors can turn tabs into spaces")
    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        opened = exc.context_mark.line + 1 + line_offset
        return _YamlProblem(f"a quote opened on line {opened} is never closed", opened,
                            exc.context_mark.column + 1,
                            "end the text with the same quote mark it starts with")
    if exc.context and "while parsing a flow" in exc.context and exc.context_mark is not None:
        opened = exc.context_mark.line + 1 + line_offset
        bracket, closing = ("[", "]") if "sequence" in exc.context else ("{", "}")
        opening = lines[exc.context_mark.line] if exc.context_mark.line < len(lines) else ""
        glued = _GLUED_COMMENT.search(opening, exc.context_mark.column)
        if glued is not None:
            return _YamlProblem(f"the '{bracket}' opened on line {opened} is never closed: the ' #' at column "
                                f"{glued.start() + 2} starts a YAML comment, which hides the rest of the line",
                                opened, glued.start() + 2, "put the item with the '#' in quotes, "
                                "e.g. keywords: [\"wave #3\", PayPal]")
        return _YamlProblem(f"the '{bracket}' opened on line {opened} is never closed", opened,
                            exc.context_mark.column + 1,
                            f"end the list on the same line with '{closing}', e.g. keywords: [parcel, tracking]"
                            if bracket == "[" else f"end it on the same line with '{closing}'")
    if any(words in problem for words in _INDENTATION_PROBLEMS) and index < len(lines):
        item = None if "mapping values are not allowed" in problem else _list_item_out_of_step(lines, index)
        if item is not None:
            item_line, usual, like = item
            name = _item_key(lines[item_line]).strip()
            return _YamlProblem(f"the list item '{name}' is indented {_spaces(_indent(lines[item_line]))}; the "
                                f"other '- {name}:' items have {_spaces(usual)}", item_line + 1 + line_offset,
                                _indent(lines[item_line]) + 1,
                                f"indent it by {_spaces(usual)}, like line {like + 1 + line_offset}")
        explained = _indentation(lines, index, problem, line_offset)
        if explained is not None:
            message, fix = explained
            return _YamlProblem(message, shown, col, fix)
    return _YamlProblem(problem, shown, col, "check the YAML syntax near this line")


# What YAML makes of a value that starts with one of these characters.
_INDICATORS = {
    "[": "which YAML reads as the start of a list",
    "{": "which YAML reads as the start of a mapping",
    "*": "which YAML reads as a reference to an anchor (an alias)",
    "&": "which YAML reads as an anchor's name",
    "!": "which YAML reads as a tag",
    "%": "which YAML keeps for directives: no unquoted value may start with it",
    "@": "which YAML reserves: no unquoted value may start with it",
    "`": "which YAML reserves: no unquoted value may start with it",
}
# "key: value" or "- key: value" or "- value", up to where the value starts.
_VALUE_START = re.compile(r"^(?P<lead>\s*(?:-\s+)*(?:(?P<key>[^\s#'\"][^:#]*?):\s+)?)(?P<first>[\[{*&!%@`])")


def _value_starting_with_indicator(lines: list[str], index: int, col: int):
    """When the marked line's value starts with a character YAML reads as syntax (a
    Markdown link's '[', a '*bold*', '@name', a `code` span) and YAML tripped over it
    there: what happened and the fix, in the creator's words. None otherwise."""
    if index >= len(lines):
        return None
    line = lines[index]
    match = _VALUE_START.match(line)
    if match is None or col <= match.end("lead") or line.startswith("!!", match.end("lead")):
        return None  # the problem is elsewhere on the line, or a real tag (refused as such)
    first, key = match.group("first"), (match.group("key") or "").strip()
    value = line[match.end("lead"):].rstrip()
    what = f"the value of '{key}'" if key else "this list item"
    block = f"{key}: |" if key else "- |"

    def problem(shown: int) -> tuple[str, int, int, str]:
        return (f"{what} starts with '{first}', {_INDICATORS[first]}, so the line is not read as text",
                shown, match.end("lead") + 1,
                f"put the whole value in quotes: {(key + ': ') if key else '- '}{yaml_string(value)}; or write "
                f"'{block}' on its own line and the text on the lines below it, indented further")
    return problem


# -- text that YAML reads as syntax: the creator's words, and how to write them -------

# "key: value" or "- key: value" or "- value", up to where the value starts; `quote`: its first character.
_VALUE_AT = re.compile(r"^(?P<lead>\s*(?:-\s+)*(?:(?P<key>[^\s#'\"\-][^:#]*?):[ \t]+)?)(?P<quote>['\"])?")


class _Value:
    """The value written on a 'key: value' or '- value' line, as _VALUE_AT finds it (the
    value is the rest of the line: no pattern that backtracks over long runs of spaces)."""

    def __init__(self, line: str):
        match = _VALUE_AT.match(line)
        self.key = (match["key"] or "").strip()
        self.quote = match["quote"]
        self.start = match.end("lead")
        self.text = line[self.start:].rstrip()


def _quoted(text: str) -> str | None:
    """`text` as a quoted YAML scalar a person can read: in double quotes, else single
    quotes; None when it holds both kinds (then only a block scalar keeps it as typed)."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return None


def _write_text(key: str, text: str, other_than: str = "") -> str:
    """How to write `text` as the value of `key` (a list item when no key), in words."""
    name = f"{key}: " if key else "- "
    quoted = _quoted(text) if other_than != '"' else (f"'{text}'" if "'" not in text else None)
    if quoted is not None:
        kind = "double" if quoted[0] == '"' else "single"
        return f"put the whole text in {kind} quotes: {name}{quoted}"
    return (f"write '{name}|' on its own line and the text on the lines below it, indented further "
            "(no quotes needed)")


def _closing_quote(line: str, start: int, quote: str) -> int | None:
    """Where the quoted scalar whose text starts at `start` ends (its closing quote), on this line."""
    at = start
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and line[at + 1:at + 2] == "'":  # '' is an apostrophe in single quotes
                at += 2
                continue
            return at
        at += 1
    return None


def _quote_ends_early(lines: list[str], index: int, col: int, problem: str, offset: int):
    """`a: "One to four" players ...`, `a: 'Don't worry'`: a value that starts with a quote
    ends at the next such quote, and YAML cannot read the words after it."""
    found = _Value(lines[index]) if index < len(lines) else None
    if found is None or found.quote is None:
        return None
    quote, start, value, key = found.quote, found.start, found.text, found.key
    end = _closing_quote(lines[index], start + 1, quote)
    rest = lines[index][end + 1:].strip() if end is not None else ""
    if end is None or col - 1 <= end or not rest or rest.startswith("#"):
        return None
    meant = value[1:-1] if len(value) > 1 and value.endswith(quote) else value
    what = f"the text of '{key}'" if key else "this list item"
    shown = rest if len(rest) <= 40 else rest[:40] + "…"
    return (f"{what} starts with a quote, so YAML takes {lines[index][start:end + 1]} as the whole text and "
            f"cannot read what follows it ({shown})", index, start + 1,
            _write_text(key, meant, other_than=quote))


def _colon_in_value(lines: list[str], index: int, col: int, problem: str, offset: int):
    """`title: Proofs: approved`: ': ' inside a plain value starts another key for YAML."""
    if "mapping values are not allowed" not in problem or index >= len(lines):
        return None
    found = _Value(lines[index])
    if not found.key or found.quote or col - 1 < found.start:
        return None
    before = lines[index][found.start:col - 1].rstrip(": ")
    before = before if len(before) <= 40 else "…" + before[-40:].lstrip()
    return (f"the text of '{found.key}' holds ': ' after '{before}', which YAML reads as the start of another key",
            index, found.start + 1, _write_text(found.key, found.text))


# A line that holds a key ("q: ...", "- id: ...", "keywords:").
_KEY_LINE = re.compile(r"^\s*(?:-\s+)*[^\s#'\"][^:#]*:(?:\s|$)")


def _text_out_of_block(lines: list[str], index: int, col: int, problem: str, offset: int):
    """A line of an answer ('a: |') indented less than the answer's other lines: YAML ends
    the answer above it and reads the line as a key, then finds no ':'."""
    above = _content_line_above(lines, index) if index < len(lines) else None
    for line in (index, above):
        if line is None or line >= len(lines) or not _is_content(lines[line]) or _KEY_LINE.match(lines[line]):
            continue
        opener = _key_line_above(lines, line)
        if opener is None or not _OPENS_BLOCK_SCALAR.search(lines[opener].rstrip()):
            continue
        text = [number for number in range(opener + 1, line) if lines[number].strip()]
        indent = _indent(lines[text[0]]) if text else 0
        if not text or _indent(lines[line]) >= indent:
            continue
        key = _item_key(lines[opener]).strip()
        return (f"this line is indented less than the text of '{key}' above it ({_spaces(_indent(lines[line]))}; "
                f"line {text[0] + 1 + offset} has {indent}), so YAML ends '{key}' before it",
                line, _indent(lines[line]) + 1, f"indent it by {_spaces(indent)}, like the text above it")
    return None


# A value that starts with a quote and does not end it on its line.
_OPEN_QUOTE = re.compile(r"^\s*(?:-\s+)*(?:[^\s#'\"][^:#]*?:\s+)?(?P<quote>['\"])")


def _quote_closed_too_late(lines: list[str], index: int, col: int) -> tuple[int, int] | None:
    """When YAML stumbled just after a quote mark (an apostrophe in a later line or
    comment closed a quote left open above it): the line and column (0-based) where that
    quote was opened."""
    if index >= len(lines) or col < 2 or lines[index][col - 2:col - 1] not in ("'", '"'):
        return None
    quote = lines[index][col - 2]
    for number in range(index - 1, -1, -1):
        match = _OPEN_QUOTE.match(lines[number])
        if match and match["quote"] == quote and lines[number].count(quote) % 2 == 1:
            return number, match.start("quote")
    return None


# Where an anchor can stand: at the start of a value or an item ("a: &x", "- &x", "[&x").
# Text such as "R&D" or "Q&A" never starts one, and scanning the tokens costs more than
# parsing; a line that merely starts with "&" in a block of text costs a scan, no message.
_MAYBE_ANCHOR = re.compile(r"(?:^|[:\-?\[{,])[ \t]*&[^\s]", re.MULTILINE)


def _refuse_anchors(text: str, line_offset: int) -> None:
    """An anchor nothing refers to still takes its word out of the text: "a: &Co ships
    it" publishes "ships it". hubgen has no use for anchors, so the first one is a
    problem, explained as a value that starts with '&'."""
    lines = text.splitlines()
    tokens = list(yaml.scan(text, Loader=_BASE_LOADER))
    if any(isinstance(token, yaml.AliasToken) for token in tokens):
        return  # an anchor reused: refused as such by construction (no alias bombs)
    for token in tokens:
        if isinstance(token, yaml.AnchorToken):
            mark = token.start_mark
            explained = _value_starting_with_indicator(lines, mark.line, mark.column + 2)
            if explained is not None:
                raise _YamlProblem(*explained(mark.line + 1 + line_offset))
            raise _YamlProblem("YAML anchors (&name) are not supported", mark.line + 1 + line_offset,
                               mark.column + 1, "put the value in quotes, or remove the '&name'")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the key of a 'key: value' or '- key: value' line starts (0-based)."""
    stripped = line.lstrip(" ")
    column = _indent(line)
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
        column = len(line) - len(stripped)
    return column


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def _in_list_item(lines: list[str], index: int) -> bool:
    """Whether the keys of line `index` belong to a '- ' list item."""
    column = _key_column(lines[index])
    for i in range(index, -1, -1):
        if not _is_content(lines[i]) or _key_column(lines[i]) != column:
            if _is_content(lines[i]) and _key_column(lines[i]) < column:
                return False
            continue
        if _is_item(lines[i]):
            return True
    return False


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _content_line_above(lines: list[str], index: int) -> int | None:
    """The nearest line above line `index` that is neither blank nor a comment."""
    return next((i for i in range(index - 1, -1, -1) if _is_content(lines[i])), None)


# A key or list item whose value is a block scalar: "a: |", "- >-", "note: |2  # comment".
_OPENS_BLOCK_SCALAR = re.compile(r"(?:^|:|-)[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _key_line_above(lines: list[str], index: int) -> int | None:
    """The nearest line above line `index` that holds a key or an item, never a line of a
    block scalar's text ('a: |' and the answer below it): a key is compared with the
    keys of its mapping, not with the words of an answer."""
    lowest = None  # the least indentation of the lines between a candidate and line `index`
    for opener in range(index - 1, -1, -1):
        line = lines[opener]
        if not line.strip():
            continue
        if lowest is not None and _OPENS_BLOCK_SCALAR.search(line.rstrip()) and lowest > _key_column(line):
            return opener  # every line between it and line `index` is its text
        lowest = _indent(line) if lowest is None else min(lowest, _indent(line))
        if lowest == 0:
            break
    return _content_line_above(lines, index)


def _list_item_out_of_step(lines: list[str], index: int) -> tuple[int, int, int] | None:
    """A '- key:' list item indented unlike the file's other items with that key: the
    marked line itself, or the item just above it when the marked line sits where the
    other items put their keys (YAML only notices on the line after such an item).
    Returns (the item's index, the other items' indentation, the nearest of them)."""
    above = _content_line_above(lines, index)
    if _is_item(lines[index]):
        item, fits = index, lambda line: _indent(line) != _indent(lines[index])
    elif above is not None and _is_item(lines[above]) and _indent(lines[index]) < _key_column(lines[above]):
        item, fits = above, lambda line: _key_column(line) == _indent(lines[index])
    else:
        return None
    key = _item_key(lines[item])
    for other in sorted(range(len(lines)), key=lambda i: (abs(i - item), i)):
        if other != item and _is_item(lines[other]) and _item_key(lines[other]) == key and fits(lines[other]):
            return item, _indent(lines[other]), other
    return None


def _is_item(line: str) -> bool:
    return line.lstrip(" ").startswith("- ")


def _item_key(line: str) -> str:
    return line.lstrip(" -").split(":")[0]


def _indentation(lines: list[str], index: int, problem: str, offset: int = 0) -> tuple[str, str] | None:
    """Compare the marked line with the line above it: which one is out of step."""
    line = lines[index]
    above = _key_line_above(lines, index)
    if above is None or not _is_content(line):
        return None
    here, keys_above = _indent(line), _key_column(lines[above])
    opens_block = lines[above].split(" #")[0].rstrip().endswith(":")
    name = line.strip().split(":")[0].lstrip("- ").strip() or "this line"
    where_above = f"'{lines[above].strip().split(':')[0].lstrip('- ').strip()}' on line {above + 1 + offset}"
    if "mapping values are not allowed" in problem:
        if here > keys_above and not opens_block:
            return (f"'{name}' is indented more than the key above it, so YAML reads it as part "
                    f"of that key's value",
                    f"indent it by {keys_above} spaces, like {where_above}")
        return ("this value contains ': ', which YAML reads as a new key",
                "put the whole value in quotes, e.g. 'key: \"text: more text\"'")
    if here < keys_above:
        new_item = " or start a new list item with '- '" if _in_list_item(lines, above) else ""
        return (f"'{name}' is indented less than the keys around it ({_spaces(here)}; "
                f"{where_above} has {keys_above})",
                f"indent it by {keys_above} spaces to keep it with the keys above,{new_item}".rstrip(","))
    if here > keys_above and not opens_block:
        return (f"'{name}' is indented more than the keys around it ({_spaces(here)}; "
                f"{where_above} has {keys_above})",
                f"indent it by {keys_above} spaces, like {where_above}")
    return None


# A first line such as "title: x": front matter whose --- lines were left out.
_LOOKS_LIKE_FRONT_MATTER = re.compile(
    "(" + "|".join(sorted({name for record in (UPDATE, REFUND_POLICY, PAGE) for name in record.names})) + r")[ \t]*:")


@dataclass
class RawDoc:
    """One content file: its parsed YAML (front matter or whole file) and body."""

    rel: str  #: path relative to the content folder's parent, as shown to users
    data: Any  #: YamlMap/YamlSeq/scalar, or None when the file has none
    body: str = ""  #: Markdown after the front matter
    body_line: int = 1  #: line where body starts
    broken: bool = False  #: its YAML could not be parsed (already reported)


@dataclass
class RawContent:
    root: Path
    hub: RawDoc | None = None
    faq: RawDoc | None = None
    refund_policy: RawDoc | None = None
    updates: list[RawDoc] = field(default_factory=list)
    pages: list[RawDoc] = field(default_factory=list)
    assets: list[Path] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    #: files hubgen does not read whose name is close to one it reads: (path as shown, the name it
    #: reads, whether a file of that name is there too)
    misnamed: list[tuple[str, str, bool]] = field(default_factory=list)


class ContentLoader:
    """Reads one content folder; records problems in `report` and `unreadable`."""

    def __init__(self, root: Path):
        self.root = root
        self.report = Report()
        self.unreadable = Report()
        self.raw = RawContent(root=root)
        self.real_root = root.resolve()

    def rel(self, path: Path) -> str:
        """The path as the user would type it: the content folder they named, then the file.

        Every path read here is that folder joined with names, so it reads so already."""
        return path.as_posix()

    def load(self) -> RawContent:
        self._misnamed_top_files()
        self.raw.hub = self._yaml_file("hub.yaml", required=True)
        self.raw.faq = self._yaml_file("faq.yaml", required=False)
        self.raw.refund_policy = self._markdown_file(self.root / "refund-policy.md", optional=True)
        self.raw.updates = self._markdown_folder("updates")
        self.raw.pages = self._markdown_folder("pages")
        self.raw.assets = self._assets()
        return self.raw

    # -- reading ---------------------------------------------------------
    def _outside(self, path: Path) -> bool:
        """True, and reported (HUB005), when `path` resolves outside the content folder.

        A symlink to /proc/self/environ or ../../.env would otherwise publish
        the build machine's secrets into the site."""
        if not path.is_symlink():
            # Its folder is the content folder or one found inside it (checked
            # before its files), and an entry that is no link stays in its folder.
            return False
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: reading it reports the loop
            return False
        if real.is_relative_to(self.real_root):
            return False
        self.report.error("HUB005", Location(self.rel(path)),
                          f"this is a symbolic link to {real}, outside the content folder; hubgen "
                          "reads nothing outside it", "copy the file into the content folder instead")
        return True

    def _unsafe_name(self, path: Path) -> bool:
        """True, and reported (HUB025), when the path below the content folder holds a control
        character: a line break in a name would start a line of its own in _headers, the
        sitemap or a terminal, and no link can name it."""
        if not _CONTROL.search(path.relative_to(self.root).as_posix()):
            return False
        self.report.error("HUB025", Location(self.rel(path)), "the file's path holds a control character "
                          "(a line break, a tab or an escape), which no link can name",
                          "rename the file or its folder to letters, digits, '-' and '_'")
        return True

    def _not_regular(self, path: Path) -> None:
        self.unreadable.error("HUB001", Location(self.rel(path)),
                              "this is not a regular file (a FIFO, device, socket or folder)",
                              "replace it with an ordinary file, or remove it")

    def _read_bytes(self, path: Path) -> bytes | None:
        """At most MAX_FILE_BYTES + 1 bytes: the cap counts what is read, not what stat claims."""
        where = Location(self.rel(path))
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer.
            with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    self._not_regular(path)
                    return None
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            self.unreadable.error("HUB001", where, f"cannot read file: {exc.strerror or exc}",
                                  "check that it exists and is readable")
            return None
        if len(data) > MAX_FILE_BYTES:
            self.unreadable.error(
                "HUB002", where, f"file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB",
                "split it into smaller files",
            )
            return None
        return data

    def _read_text(self, path: Path) -> str | None:
        if self._outside(path):
            return None
        data = self._read_bytes(path)
        if data is None:
            return None
        where = Location(self.rel(path))
        if b"\0" in data:
            self.unreadable.error("HUB003", where, "this is a binary file, not text",
                                  "save it as UTF-8 text or move it to assets/")
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.unreadable.error("HUB003", Location(where.path, line),
                                  "the file is not valid UTF-8 text", "save it with UTF-8 encoding")
            return None
        self.raw.sources[where.path] = text
        return text

    def _parse(self, rel: str, text: str, line_offset: int = 0) -> tuple[Any, bool]:
        """Parsed YAML and whether it failed (the failure is reported)."""
        try:
            return _parse_in_items(text, line_offset), False
        except _YamlProblem as exc:
            self.report.error("HUB010", Location(rel, exc.line, exc.col), exc.message, exc.fix)
            return None, True

    def _yaml_file(self, name: str, required: bool) -> RawDoc | None:
        path = self.root / name
        if not path.exists() and not path.is_symlink():
            if required:
                near = [Path(written).name for written, meant, _taken in self.raw.misnamed if meant == name]
                self.report.error("HUB004", Location(self.rel(path)), f"{name} is missing",
                                  f"rename {near[0]} to {name}" if near else
                                  "create it; `hubgen init DIR` writes one to start from")
            return None
        text = self._read_text(path)
        if text is None:
            return None
        rel = self.rel(path)
        data, broken = self._parse(rel, text)
        return RawDoc(rel, data, broken=broken)

    def _markdown_file(self, path: Path, optional: bool) -> RawDoc | None:
        if optional and not path.exists() and not path.is_symlink():
            return None
        text = self._read_text(path)
        if text is None:
            return None
        rel = self.rel(path)
        match = FRONT_MATTER.match(text)
        if not match:
            if text.lstrip().startswith("---") and text.startswith("---"):
                self.report.error("HUB011", Location(rel, 1), "front matter is not closed",
                                  "end the front matter with a line holding only ---")
                return RawDoc(rel, None, "", 1, broken=True)
            if _LOOKS_LIKE_FRONT_MATTER.match(text.lstrip("\ufeff")):
                # "title: x" on the first line: front matter without its --- lines would
                # be read as the body, and every key reported missing.
                self.report.error("HUB011", Location(rel, 1), "the front matter has no --- lines around it",
                                  "put a line holding only --- above the first key and another below the last")
                return RawDoc(rel, None, "", 1, broken=True)
            return RawDoc(rel, None, text, 1)
        data, broken = self._parse(rel, match.group(1) or "", line_offset=1)
        body_line = text[: match.end()].count("\n") + 1
        return RawDoc(rel, data, text[match.end():], body_line, broken)

    def _markdown_folder(self, name: str) -> list[RawDoc]:
        folder = self.root / name
        if not folder.is_dir() or self._outside(folder):
            return []
        docs = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix != ".md":
                meant = meant_markdown_name(path.name)
                if meant is not None and path.is_file():
                    self.raw.misnamed.append((self.rel(path), meant, (folder / meant).exists()))
                continue
            doc = self._markdown_file(path, optional=False)
            if doc is not None:
                docs.append(doc)
        return docs

    def _misnamed_top_files(self) -> None:
        """hub.yaml, faq.yaml and refund-policy.md written with a near name (faq.yml,
        refund_policy.md, FAQ.yaml.txt): hubgen would read nothing and say something else."""
        try:
            names = sorted(path.name for path in self.root.iterdir() if path.is_file())
        except OSError:
            return  # an unreadable folder is reported where its files are read
        for name in names:
            meant = _TOP_FILES.get(_name_key(name))
            if meant is not None and name != meant:
                self.raw.misnamed.append((self.rel(self.root / name), meant, meant in names))

    def _assets(self) -> list[Path]:
        folder = self.root / "assets"
        if not folder.is_dir() or self._outside(folder):
            return []
        found = []
        # followlinks=False: a symlink loop under assets/ cannot hang the build.
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
            for name in dirnames:
                self._outside(Path(dirpath, name))  # a linked folder is not followed; one outside is reported
            for filename in sorted(filenames):
                if filename.startswith("."):
                    continue  # .DS_Store, editors' files, .git: not the creator's assets, never published
                path = Path(dirpath, filename)
                if self._outside(path) or self._unsafe_name(path):
                    continue
                if path.is_file():  # follows a link that stays inside the content folder
                    found.append(path.relative_to(self.root))
                elif path.exists():
                    self._not_regular(path)
        return found


# -- names close to the ones hubgen reads -------------------------------------------

#: endings a Markdown file gets from other tools, longest first; hubgen reads '.md'
_MARKDOWN_ENDINGS = (".md.txt", ".markdown", ".mdown", ".mkd", ".md", ".txt")
#: the content folder's own files, by _name_key
_TOP_FILES = {"hub.yaml": "hub.yaml", "faq.yaml": "faq.yaml", "refund-policy.md": "refund-policy.md"}


def meant_markdown_name(name: str) -> str | None:
    """The '.md' name a Markdown file in updates/ or pages/ was meant to have
    ('news.markdown', 'news.MD', 'news.md.txt' -> 'news.md'); None for other files."""
    lower = name.lower()
    ending = next((ending for ending in _MARKDOWN_ENDINGS if lower.endswith(ending)), None)
    if ending is None or len(name) == len(ending):
        return None
    meant = name[:-len(ending)] + ".md"
    return meant if meant != name else None


def _name_key(name: str) -> str:
    """A file name as compared with hub.yaml, faq.yaml, refund-policy.md: case, '.yml',
    '.markdown', a '.txt' added by an editor and '_' or ' ' for '-' left aside."""
    key = name.lower()
    key = key[:-len(".txt")] if key.endswith(".txt") and key.count(".") > 1 else key
    for wrong, right in ((".yml", ".yaml"), (".markdown", ".md")):
        if key.endswith(wrong):
            key = key[:-len(wrong)] + right
    return key.replace("_", "-").replace(" ", "-")


def load_content(root: Path) -> ContentLoader:
    """Read everything under `root`. Problems are in .report and .unreadable."""
    loader = ContentLoader(root)
    loader.load()
    return loader


# -- text a '#' cut short -------------------------------------------------------

# " #3", " #1234", " #PayPal": a '#' after a space starts a YAML comment, however
# it was meant. Creators mean it as text; a comment they mean has a space after it.
_GLUED_COMMENT = re.compile(r"[ \t]+#\w")
_TEXT_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class CommentCut:
    """A plain value that a '#' ended: YAML kept `kept` and dropped `dropped` as a comment."""

    line: int  #: where the '#' is (1-based)
    col: int
    key_col: int  #: where the value starts (1-based), to rewrite the line
    kept: str
    dropped: str  #: the rest of the line, the '#' included
    written: str  #: the whole text as the line shows it
    lead: str = ""  #: what the line holds before the value ("q:", "- q:", "-"), to show the fix


@functools.lru_cache(maxsize=256)  # `hubgen serve` lints again on every save, mostly the same texts
def comment_cuts(path: str, text: str) -> tuple[CommentCut, ...]:
    """Every text value in `text` (a YAML file, or a Markdown file's front matter) that
    ended at a '#' glued to a word. The parser's marks say where each value ended;
    the line says what followed it."""
    if path.endswith(".md"):
        match = FRONT_MATTER.match(text)
        yaml_text, offset = (match.group(1) or "", 1) if match else ("", 0)
    else:
        yaml_text, offset = text, 0
    if not _GLUED_COMMENT.search(yaml_text):
        return ()  # the common case: no scan at all
    lines = yaml_text.splitlines()
    tokens = []
    try:
        tokens.extend(yaml.scan(yaml_text, Loader=_BASE_LOADER))
    except yaml.YAMLError:
        pass  # a broken file is reported as such (HUB010); check what came before the break
    cuts = []
    resolver = yaml.resolver.Resolver()
    for token, following in zip(tokens, tokens[1:] + [None]):
        if not isinstance(token, yaml.ScalarToken) or not token.plain or isinstance(following, yaml.ValueToken):
            continue  # quoted text keeps its '#'; a key is no text
        end = token.end_mark
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        glued = _GLUED_COMMENT.match(rest)
        if glued is None or resolver.resolve(yaml.ScalarNode, token.value, (True, False)) != _TEXT_TAG:
            continue
        hash_col = end.column + glued.end() - 1
        dropped = rest[glued.end() - 2:].rstrip()
        start = token.start_mark
        lead = lines[start.line][:start.column].strip() if start.line == end.line else ""
        cuts.append(CommentCut(end.line + 1 + offset, hash_col, start.column + 1, token.value, dropped,
                               token.value + rest[:glued.end() - 2] + dropped,
                               lead if lead.endswith((":", "-")) else ""))
    return tuple(cuts)
