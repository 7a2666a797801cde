"""Search the way the browser does: Material's search worker, in Python.

Material (9.x) builds a lunr.js 2.3.9 index in the browser from
search/search_index.json and, for each query, (1) rewrites it (every term gets
a trailing `*`, quoted phrases become required terms), (2) runs lunr, (3)
boosts each hit by how many query words it matched and whether it is a whole
page, (4) groups hits by page, and (5) shows each group as its page heading,
the best section(s), and "N more on this page" folded away. Each step below is
a port of the matching code in Material's worker and result template; lunrjs.py
makes lunr.py score as lunr.js does. tests/test_search_parity.py runs
Material's own worker in node over the same index and compares.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field

from lunr.exceptions import BaseLunrException
from lunr.query import Query, QueryPresence
from lunr.query_lexer import QueryLexer
from lunr.query_parser import QueryParser

from hubgen.search.lunrjs import PIPELINE_FUNCTIONS, STOP_WORDS, JsBuilder

MATERIAL_QUERY_FIELDS = ["title", "text", "tags"]


class UnsupportedIndex(ValueError):
    """An index whose ranking this module cannot reproduce (e.g. a non-English stemmer)."""


# -- text to tokens, as Material's worker tokenizes (internal/extract, tokenize) --

def text_blocks(value: str) -> list[str]:
    """The text between HTML tags, as Material's `extract` splits it."""
    blocks = []
    start = end = 0
    length = len(value)
    while end < length:
        char = value[end]
        if char == "<" and end > start:
            blocks.append(value[start:end])
            start = end
        elif char == ">":
            if value[start + 1:start + 2] != "/" and (end == 0 or value[end - 1] != "/"):
                pass  # an opening tag; Material only counts them for highlighting
            start = end + 1
        end += 1
    if end > start:
        blocks.append(value[start:end])
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


def tokenize(value, separator: re.Pattern) -> list[str]:
    """Tokens of a field value (a string or a list of strings), lower-cased."""
    if value is None:
        return []
    tokens = []
    for item in value if isinstance(value, list) else [value]:
        for block in text_blocks(str(item)):
            tokens.extend(block[a:b].lower() for a, b in js_split(block, separator))
    return tokens


# -- the query, as Material rewrites it (query/transform, query/_) --------------

def _js_replace_all(pattern: re.Pattern, replacement: str, value: str) -> str:
    """String.prototype.replace with a global regex: after an empty match the
    search moves on one character (Python's re.sub may match again in place)."""
    out, last, pos = [], 0, 0
    while pos <= len(value):
        match = pattern.search(value, pos)
        if not match:
            break
        out += [value[last:match.start()], replacement]
        last = match.end()
        pos = match.end() if match.end() > match.start() else match.end() + 1
    out.append(value[last:])
    return "".join(out)


_PHRASE = re.compile(r'"([^"]+)"')
_PHRASE_SPACE = re.compile(r"^(?=[A-Za-z0-9_])|^(?![^\x00-\x7F]|\Z)|\s+")
_STRAY = re.compile(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|\Z)')
_ENDS_IN_MODIFIER = re.compile(r"[~^]\Z")
_NO_WILDCARD = re.compile(r"^[+-]|[~^][0-9]+\Z")


def transform_query(query: str, separator: re.Pattern) -> str:
    """Material's transformSearchQuery: what the worker hands to lunr."""
    query = query.strip()
    parts = _PHRASE.split(query)
    query = "".join(_js_replace_all(_PHRASE_SPACE, " +", p) if i & 1 else p for i, p in enumerate(parts))
    query = _js_replace_all(_STRAY, "", query)
    terms: list[str] = []
    for part in re.split(r"\s+", query):
        terms.extend(_split_terms(part, separator))
    terms = [t + "1" if _ENDS_IN_MODIFIER.search(t) else t for t in terms]
    return " ".join(t if _NO_WILDCARD.search(t) else t + "*" for t in terms)


def _split_terms(part: str, separator: re.Pattern) -> list[str]:
    lexer = QueryLexer(part)
    lexer.run()
    terms = []
    for lexeme in lexer.lexemes:
        start, end, text = lexeme["start"], lexeme["end"], lexeme["string"]
        if lexeme["type"] == QueryLexer.FIELD:
            if text not in MATERIAL_QUERY_FIELDS:  # Material drops the colon
                part = part[:end] + " " + part[end + 1:]
        elif lexeme["type"] == QueryLexer.TERM:
            for a, b in js_split(text, separator):
                terms.append(part[:start] + text[a:b] + part[end:])
    return terms


def parse_clauses(query: str) -> list:
    """Material's parseSearchQuery: the clauses, wildcards split off their terms."""
    parsed = Query(MATERIAL_QUERY_FIELDS)
    QueryParser(query, parsed).parse()
    for clause in parsed.clauses:
        clause.use_pipeline = True
        if clause.term.startswith("*"):
            clause.term = clause.term[1:]
        if clause.term.endswith("*"):
            clause.term = clause.term[:-1]
    return parsed.clauses


def query_terms(clauses: list, matched: list[str]) -> dict[str, bool]:
    """Material's getSearchQueryTerms: which query words a hit matched."""
    remaining = list(clauses)
    result: dict[str, bool] = {}
    for term in matched:
        for clause in list(remaining):
            if term.startswith(clause.term):
                result[clause.term] = True
                remaining.remove(clause)
    for clause in remaining:
        if clause.term and clause.term not in STOP_WORDS:
            result[clause.term] = False
    return result


# -- results ---------------------------------------------------------------------

@dataclass
class Hit:
    location: str  #: e.g. "faq/#tracking"; "" is the home page
    title: str  #: as the result shows it (HTML-escaped in the index; unescaped here)
    text: str  #: the index text (HTML)
    score: float  #: after Material's boosts; 0 for a page shown only as a group heading
    page_location: str  #: the page the hit is on
    page_title: str
    folded: bool = False  #: shown only after opening "N more on this page"

    @property
    def snippet(self) -> str:
        plain = html.unescape(re.sub(r"<[^>]+>", " ", self.text))
        return " ".join(plain.split())


@dataclass
class _Doc:
    location: str
    title: str
    text: str
    parent: "_Doc | None" = None
    raw: dict = field(default_factory=dict)


class SearchEngine:
    """An in-memory search over a search_index.json, ranked as the browser ranks it."""

    def __init__(self, data: dict):
        config = data["config"]
        if [lang for lang in config.get("lang", ["en"]) if lang != "en"]:
            raise UnsupportedIndex(f"search language {config['lang']}: only English rankings can be "
                                   "reproduced outside the browser")
        self.separator = re.compile(config.get("separator") or r"[\s\-]+")
        pipeline = config.get("pipeline") or []
        builder = JsBuilder()
        builder.b(0)
        builder.pipeline_fns = [PIPELINE_FUNCTIONS[name] for name in ("trimmer", "stopWordFilter", "stemmer")
                                if name in pipeline]
        if "stemmer" in pipeline:
            builder.search_pipeline.add(PIPELINE_FUNCTIONS["stemmer"])
        builder.ref("location")
        self.fields = list(config.get("fields") or {"title": {"boost": 1000}, "text": {"boost": 1},
                                                     "tags": {"boost": 1000000}})
        for name in self.fields:
            builder.field(name, boost=(config.get("fields") or {}).get(name, {}).get("boost", 1))
        self.docs: dict[str, _Doc] = {}
        for raw in data["docs"]:
            self._add_to_map(raw)
            builder.add_tokens(str(raw["location"]), {name: tokenize(raw.get(name), self.separator)
                                                      for name in self.fields}, raw.get("boost"))
        self.index = builder.build()

    def _add_to_map(self, raw: dict) -> None:
        """Material's setupSearchDocumentMap: the first entry of a page is its article."""
        doc = _Doc(raw["location"], raw.get("title", ""), raw.get("text", ""), raw=raw)
        path = doc.location.split("#")[0]
        article = self.docs.get(path)
        if article is None:
            self.docs[path] = doc
        else:
            self.docs[doc.location] = doc
            doc.parent = article

    def search(self, query: str) -> list[Hit]:
        """Every hit in the order the search dialog lists them; folded ones flagged."""
        groups = self._groups(query)
        hits: list[Hit] = []
        for items in groups:
            hits.extend(self._display(items))
        return hits

    def top(self, query: str, n: int = 3) -> list[Hit]:
        """The first n results a backer sees: matched entries in display order,
        without page headings shown only to group sections, and without folded ones."""
        return [h for h in self.search(query) if h.score > 0 and not h.folded][:n]

    def _groups(self, query: str) -> list[list[tuple[_Doc, float]]]:
        transformed = transform_query(query, self.separator)
        if not transformed:
            return []
        try:
            clauses = [c for c in parse_clauses(transformed) if c.presence != QueryPresence.PROHIBITED]
            results = self.index.search(transformed)
        except (BaseLunrException, ValueError, KeyError, IndexError):
            return []  # the worker catches an invalid query and shows no results
        items = []
        for result in results:
            doc = self.docs.get(result["ref"])
            if doc is None:
                continue
            terms = query_terms(clauses, list(result["match_data"].metadata))
            matched = sum(1 for value in terms.values() if value)
            boost = (0 if doc.parent else 1) + (matched / len(terms) if terms else math.nan)
            items.append((doc, result["score"] * (1 + boost ** 2)))
        items.sort(key=lambda item: -item[1] if item[1] == item[1] else math.inf)
        groups: dict[str, list[tuple[_Doc, float]]] = {}
        for doc, score in items:
            ref = doc.parent.location if doc.parent else doc.location
            groups.setdefault(ref, []).append((doc, score))
        for ref, group in groups.items():
            if not any(doc.location == ref for doc, _ in group):
                group.append((self.docs[ref], 0.0))
        return list(groups.values())

    @staticmethod
    def _display(group: list[tuple[_Doc, float]]) -> list[Hit]:
        """Material's renderSearchResultItem: page heading, best sections, the rest folded."""
        threshold = group[0][1]
        docs = list(group)
        article_at = next((i for i, (doc, _) in enumerate(docs) if "#" not in doc.location), len(docs) - 1)
        article, article_score = docs.pop(article_at)
        best = next((i for i, (_, score) in enumerate(docs) if score < threshold), len(docs))
        page = (article.location, html.unescape(article.title))

        def hit(doc: _Doc, score: float, folded: bool = False) -> Hit:
            return Hit(doc.location, html.unescape(doc.title), doc.text, score, *page, folded=folded)

        return ([hit(article, article_score)] + [hit(d, s) for d, s in docs[:best]]
                + [hit(d, s, folded=True) for d, s in docs[best:]])
