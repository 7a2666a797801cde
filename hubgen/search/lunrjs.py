"""lunr.py made to agree with lunr.js 2.3.9, the version Material's search worker runs.

lunr.py is a port of lunr.js, but three details differ and change rankings:

- its Porter stemmer is the tartarus.org one, which turns a final "y" into
  "i" after any vowel ("delay" -> "delai", "survey" -> "survei"); lunr.js only
  does so after a consonant ("cry" -> "cri", "delay" stays "delay");
- its trimmer keeps words with inner punctuation untouched and treats
  non-ASCII letters as word characters; lunr.js strips ASCII non-word
  characters from both ends;
- it rounds field scores with Python's round() (ties to even on the decimal
  value); lunr.js uses Math.round(score * 1000) / 1000.

This module supplies lunr.js's versions of these; tests/test_search_parity.py
runs lunr.js in node over the same index to prove the rankings agree.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from itertools import repeat

from lunr.stop_word_filter import WORDS as STOP_WORDS

# -- the stemmer: a line-by-line port of lunr.js 2.3.9's lunr.stemmer ---------

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous",
    "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

# JavaScript's "." excludes line terminators and its "$" (without the m flag)
# is the very end of the string; Python's "$" also matches before a final "\n".
_DOT = r"[^\n\r\u2028\u2029]"
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + r")?\Z")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)

_RE_1A = re.compile(rf"^({_DOT}+?)(ss|i)es\Z")
_RE2_1A = re.compile(rf"^({_DOT}+?)([^s])s\Z")
_RE_1B = re.compile(rf"^({_DOT}+?)eed\Z")
_RE2_1B = re.compile(rf"^({_DOT}+?)(ed|ing)\Z")
_LAST = re.compile(rf"{_DOT}\Z")
_RE2_1B_2 = re.compile(r"(at|bl|iz)\Z")
_RE3_1B_2 = re.compile(r"([^aeiouylsz])\1\Z")
_RE4_1B_2 = re.compile("^" + _C + _v + r"[^aeiouwxy]\Z")
_RE_1C = re.compile(rf"^({_DOT}+?[^aeiou])y\Z")
_RE_2 = re.compile(rf"^({_DOT}+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator"
                   r"|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)\Z")
_RE_3 = re.compile(rf"^({_DOT}+?)(icate|ative|alize|iciti|ical|ful|ness)\Z")
_RE_4 = re.compile(rf"^({_DOT}+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)\Z")
_RE2_4 = re.compile(rf"^({_DOT}+?)(s|t)(ion)\Z")
_RE_5 = re.compile(rf"^({_DOT}+?)e\Z")
_RE_5_1 = re.compile(r"ll\Z")
_RE3_5 = re.compile("^" + _C + _v + r"[^aeiouwxy]\Z")
_LETTER = re.compile("[a-z]")


# Memoised, and bounded (`hubgen serve` stems the words of every save for hours):
# a hub's words repeat, and the index, its synonyms and the queries stem them all.
@functools.lru_cache(maxsize=65536)
def stem_word(w: str) -> str:
    """lunr.js 2.3.9's porterStemmer, step by step."""
    if len(w) < 3 or not _LETTER.search(w):
        return w  # every rule needs a letter ("2026", "4,000" stay as they are)
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    # Step 1a
    if _RE_1A.search(w):
        w = _RE_1A.sub(r"\1\2", w, count=1)
    elif _RE2_1A.search(w):
        w = _RE2_1A.sub(r"\1\2", w, count=1)
    # Step 1b
    match = _RE_1B.search(w)
    if match:
        if _MGR0.search(match.group(1)):
            w = _LAST.sub("", w, count=1)
    else:
        match = _RE2_1B.search(w)
        if match and _S_V.search(match.group(1)):
            w = match.group(1)
            if _RE2_1B_2.search(w):
                w += "e"
            elif _RE3_1B_2.search(w):
                w = _LAST.sub("", w, count=1)
            elif _RE4_1B_2.search(w):
                w += "e"
    # Step 1c: y -> i only after a consonant that is not the first letter
    match = _RE_1C.search(w)
    if match:
        w = match.group(1) + "i"
    # Step 2
    match = _RE_2.search(w)
    if match and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP2[match.group(2)]
    # Step 3
    match = _RE_3.search(w)
    if match and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP3[match.group(2)]
    # Step 4
    match = _RE_4.search(w)
    if match:
        if _MGR1.search(match.group(1)):
            w = match.group(1)
    else:
        match = _RE2_4.search(w)
        if match:
            stem = match.group(1) + match.group(2)
            if _MGR1.search(stem):
                w = stem
    # Step 5
    match = _RE_5.search(w)
    if match:
        stem = match.group(1)
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _RE3_5.search(stem)):
            w = stem
    if _RE_5_1.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)
    if first == "y":
        w = "y" + w[1:]
    return w


# Leading and trailing ASCII non-word characters, as JavaScript's \W sees them.
_TRIM_START = re.compile(r"^\W+", re.ASCII)
_TRIM_END = re.compile(r"\W+$(?![\s\S])", re.ASCII)


def js_round3(score: float) -> float:
    """Math.round(score * 1000) / 1000, with Math.round's halves-up rule."""
    scaled = score * 1000
    whole = math.floor(scaled)
    return (whole + (1 if scaled - whole >= 0.5 else 0)) / 1000


# -- a lunr.js index that scores on demand -------------------------------------------

class LazyIndex:
    """lunr.js 2.3.9's Builder and Index.query, for the queries hubgen makes.

    lunr.js computes a vector of every field of every document when it builds
    the index; a query then only reads the entries of the terms it matched. This
    class keeps the term frequencies and computes those entries when a query
    needs them, with lunr.js's formulas, rounding and order of operations, so a
    large hub's index is ready at once (lint runs dozens of queries, not
    thousands). Clauses are lunr.py Clause objects; presence is not supported
    (hubgen never makes required or prohibited clauses).
    """

    K1 = 1.2

    def __init__(self, fields: dict[str, float], language, b: float = 0.0):
        self.fields = list(fields)
        self.field_boosts = fields
        self.b = b
        self.language = language  #: languages.Language: the index's pipeline and the query's stemmer
        self.search_fns = [language.stem] if "stemmer" in language.pipeline else []
        self.postings: dict[str, dict[str, dict[str, int]]] = {f: {} for f in self.fields}  #: field -> term -> {ref: tf}
        self.lengths: dict[str, dict[str, int]] = {f: {} for f in self.fields}  #: field -> ref -> terms in it
        self.doc_boosts: dict[str, float] = {}
        self.document_count = 0
        self._first_seen: dict[str, object] = {}  #: every term, in the order lunr.js numbers them
        self._term_index: dict[str, int] | None = None
        self._token_set = None
        self._idf: dict[str, float] = {}
        self._average: dict[str, float] = {}
        self._weight_cache: dict[tuple[str, str], dict[str, float]] = {}
        self._alike: bool | None = None

    def add(self, ref: str, fields: dict[str, tuple[str, ...]], boost: float | None = None) -> None:
        self.doc_boosts[ref] = boost or 1
        self.document_count += 1
        for name in self.fields:
            terms, self.lengths[name][ref] = counted_terms(tuple(fields.get(name, ())), self.language)
            # dict.update keeps a key where it was first put: terms get lunr.js's indexes.
            self._first_seen.update(terms)
            postings = self.postings[name]
            for term, count in terms.items():
                found = postings.get(term)
                if found is None:
                    postings[term] = {ref: count}
                else:
                    found[ref] = count

    def _index_of(self, term: str) -> int:
        if self._term_index is None:
            self._term_index = {term: n for n, term in enumerate(self._first_seen)}
        return self._term_index[term]

    def _expand(self, clause) -> list[str]:
        from lunr.token_set import TokenSet

        if self._token_set is None:
            self._token_set = TokenSet.from_list(sorted(self._first_seen))
        if not clause.edit_distance and "*" not in clause.term:
            return [clause.term] if clause.term in self._first_seen else []
        return self._token_set.intersect(TokenSet.from_clause(clause)).to_list()

    def _idf_of(self, term: str) -> float:
        idf = self._idf.get(term)
        if idf is None:
            with_term = sum(len(self.postings[f].get(term, ())) for f in self.fields)
            x = (self.document_count - with_term + 0.5) / (with_term + 0.5)
            idf = self._idf[term] = math.log(1 + abs(x))
        return idf

    def _average_length(self, name: str) -> float:
        average = self._average.get(name)
        if average is None:
            lengths = self.lengths[name]
            average = self._average[name] = sum(lengths.values()) / len(lengths) if lengths else 0
        return average

    def _weights(self, term: str, name: str) -> dict[str, float]:
        """ref -> the entry lunr.js's builder stores for `term` in that document's field vector."""
        key = (term, name)
        found = self._weight_cache.get(key)
        if found is None:
            postings = self.postings[name].get(term, {})
            if self.b == 0 and self._average_length(name) and self._boosts_alike():
                # The length of the field does not count: the entry depends on tf alone.
                by_tf = {tf: self._weight(term, name, tf, 0, 1.0) for tf in set(postings.values())}
                found = {ref: by_tf[tf] for ref, tf in postings.items()}
            else:
                lengths, boosts = self.lengths[name], self.doc_boosts
                found = {ref: self._weight(term, name, tf, lengths[ref], boosts[ref]) for ref, tf in postings.items()}
            self._weight_cache[key] = found
        return found

    def _weight(self, term: str, name: str, tf: int, length: int, doc_boost: float) -> float:
        """lunr.js's builder: BM25 with its k1 and b, times the field's and the document's boosts, rounded."""
        average = self._average_length(name)
        ratio = length / average if average else math.nan
        k1, b = self.K1, self.b
        score = self._idf_of(term) * ((k1 + 1) * tf) / (k1 * (1 - b + b * ratio) + tf)
        score *= self.field_boosts[name] or 1
        score *= doc_boost
        return js_round3(score)

    def _boosts_alike(self) -> bool:
        if self._alike is None:
            self._alike = all(boost == 1 for boost in self.doc_boosts.values())
        return self._alike

    def query(self, clauses: list) -> list[tuple[str, float]]:
        """(ref, score) of every match, as lunr.js's Index#query scores them."""
        query_vector: dict[int, float] = {}
        scanned: list[tuple[str, str]] = []  # (term, field) in the order lunr.js collects matches
        seen: set[tuple[str, str]] = set()
        for clause in clauses:
            terms = _run_strings(self.search_fns, [clause.term]) if clause.use_pipeline else [clause.term]
            for term in terms:
                clause.term = term
                for expanded in self._expand(clause):
                    index = self._index_of(expanded)
                    # lunr.js adds the boost to each field's query vector; they are all alike.
                    query_vector[index] = query_vector.get(index, 0) + clause.boost
                    for name in clause.fields:
                        if (expanded, name) not in seen:
                            seen.add((expanded, name))
                            scanned.append((expanded, name))
        if not scanned:
            return []
        magnitude = math.sqrt(sum(query_vector[i] ** 2 for i in sorted(query_vector)))
        # Each matching field's score: lunr.js's Vector#dot walks both vectors in
        # term-index order, then divides by the query vector's magnitude.
        dots: dict[str, dict[str, float]] = {}  # field -> ref -> dot
        for term, name in sorted(scanned, key=lambda pair: self._index_of(pair[0])):
            weight_of = query_vector[self._index_of(term)]
            weights = self._weights(term, name)
            field_dots = dots.get(name)
            if field_dots is None:
                dots[name] = {ref: 0.0 + weight_of * weight for ref, weight in weights.items()}
            else:
                for ref, weight in weights.items():
                    field_dots[ref] = field_dots.get(ref, 0.0) + weight_of * weight
        # A document adds up its fields in the order they first matched: with one
        # term, the order the fields were scanned in.
        scores: dict[str, float] = {}
        if len({term for term, _ in scanned}) == 1:
            for _, name in scanned:
                field_dots = dots.get(name)
                if not field_dots:
                    continue
                if not scores:  # the first field: no sums yet
                    scores = {ref: dot / magnitude if magnitude else 0.0 for ref, dot in field_dots.items()}
                    continue
                for ref, dot in field_dots.items():
                    score = dot / magnitude if magnitude else 0.0
                    scores[ref] = scores[ref] + score if ref in scores else score
            return list(scores.items())
        order: dict[tuple[str, str], None] = {}
        for term, name in scanned:
            order.update(dict.fromkeys(zip(repeat(name), self.postings[name].get(term, ()))))
        for name, ref in order:
            score = dots[name][ref] / magnitude if magnitude else 0.0
            scores[ref] = scores[ref] + score if ref in scores else score
        return list(scores.items())


_TERMS_OF: dict[object, dict[str, str | None]] = {}  #: language -> token -> term (None: dropped)


# Kept by the tokens (bounded): `hubgen serve` indexes the hub again on every
# save, and most fields did not change. Callers never change the dict.
@functools.lru_cache(maxsize=32768)
def counted_terms(tokens: tuple[str, ...], language) -> tuple[dict[str, int], int]:
    """A field's terms after the index pipeline of `language` (languages.Language),
    each with how often it occurs, first occurrences first (a Counter keeps them
    in order); and how many tokens the pipeline kept (the field's length)."""
    term_of = _TERMS_OF.get(language)
    if term_of is None or len(term_of) > 200_000:  # bounded for a process that runs for days
        term_of = _TERMS_OF[language] = {}
    new = set(tokens).difference(term_of)
    if new:
        fns = [language.functions[step] for step in language.pipeline]
        for token in new:  # words repeat: each is run through the pipeline once
            term_of[token] = _run_one(fns, token)
    terms = Counter(map(term_of.__getitem__, tokens))
    dropped = terms.pop(None, 0)
    return terms, len(tokens) - dropped


def _trim(word: str) -> str:
    return _TRIM_END.sub("", _TRIM_START.sub("", word, count=1), count=1)


PIPELINE_FUNCTIONS_STR = {
    "trimmer": _trim,
    "stopWordFilter": lambda word: None if word in STOP_WORDS else word,
    "stemmer": stem_word,
}


def _run_one(fns, word: str) -> str | None:
    for fn in fns:
        word = fn(word)
        if word is None:
            return None
    return word


def _run_strings(fns, words) -> list[str]:
    """lunr.js Pipeline#run over plain strings: None drops a word, "" is kept."""
    out = []
    for word in words:
        for fn in fns:
            word = fn(word)
            if word is None:
                break
        else:
            out.append(word)
    return out
