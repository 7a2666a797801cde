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

import math
import re
from collections import Counter, defaultdict

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as lunr_idf
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.token import Token
from lunr.vector import Vector

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


def stem_word(w: str) -> str:
    """lunr.js 2.3.9's porterStemmer, step by step."""
    if len(w) < 3:
        return w
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


def stemmer(token, i=None, tokens=None):
    return token.update(lambda s, metadata=None: stem_word(s))


# Leading and trailing ASCII non-word characters, as JavaScript's \W sees them.
_TRIM_START = re.compile(r"^\W+", re.ASCII)
_TRIM_END = re.compile(r"\W+$(?![\s\S])", re.ASCII)


def trimmer(token, i=None, tokens=None):
    return token.update(lambda s, metadata=None: _TRIM_END.sub("", _TRIM_START.sub("", s, count=1), count=1))


def stop_word_filter(token, i=None, tokens=None):
    """lunr.js drops a stop word and keeps every other token, even an empty one."""
    return None if str(token) in STOP_WORDS else token


stemmer.label = "stemmer"
trimmer.label = "trimmer"
stop_word_filter.label = "stopWordFilter"
PIPELINE_FUNCTIONS = {"trimmer": trimmer, "stopWordFilter": stop_word_filter, "stemmer": stemmer}


def js_round3(score: float) -> float:
    """Math.round(score * 1000) / 1000, with Math.round's halves-up rule."""
    scaled = score * 1000
    whole = math.floor(scaled)
    return (whole + (1 if scaled - whole >= 0.5 else 0)) / 1000


def run_pipeline(pipeline_fns, tokens: list) -> list:
    """lunr.js Pipeline#run: a null result drops a token; anything else is kept
    (lunr.py's Pipeline.run also drops falsy results)."""
    for fn in pipeline_fns:
        kept = []
        for i, token in enumerate(tokens):
            result = fn(token, i, tokens)
            if result is None:
                continue
            kept.append(result)
        tokens = kept
    return tokens


class JsBuilder(Builder):
    """lunr's Builder fed with tokens made by the caller (Material tokenizes
    text itself) and scoring rounded as lunr.js rounds it."""

    def __init__(self):
        super().__init__()
        self.pipeline_fns: list = []

    def add_tokens(self, doc_ref: str, fields: dict[str, list[str]], boost: float | None = None) -> None:
        """Add one document whose fields are given as lists of token strings."""
        self._documents[doc_ref] = {"boost": boost} if boost else {}
        self.document_count += 1
        for field_name in self._fields:
            terms = run_pipeline(self.pipeline_fns, [Token(t) for t in fields.get(field_name, ())])
            field_ref = str(FieldRef(doc_ref, field_name))
            field_terms: dict[str, int] = defaultdict(int)
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                key = str(term)
                field_terms[key] += 1
                posting = self.inverted_index.get(key)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[key] = posting
                if doc_ref not in posting[field_name]:
                    posting[field_name][doc_ref] = {}

    def _create_field_vectors(self):
        field_vectors = {}
        idf_cache: dict[str, float] = {}
        for field_ref, term_frequencies in self.field_term_frequencies.items():
            ref = FieldRef.from_string(field_ref)
            field_boost = self._fields[ref.field_name].boost or 1
            doc_boost = self._documents[ref.doc_ref].get("boost") or 1
            length_ratio = self.field_lengths[field_ref] / (self.average_field_length[ref.field_name] or 1)
            vector = Vector()
            for term, tf in term_frequencies.items():
                posting = self.inverted_index[term]
                if term not in idf_cache:
                    idf_cache[term] = lunr_idf(posting, self.document_count)
                score = idf_cache[term] * ((self._k1 + 1) * tf) / (
                    self._k1 * (1 - self._b + self._b * length_ratio) + tf)
                score *= field_boost
                score *= doc_boost
                vector.insert(posting["_index"], js_round3(score))
            field_vectors[field_ref] = vector
        self.field_vectors = field_vectors


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

    def __init__(self, fields: dict[str, float], pipeline: list[str], b: float = 0.0):
        self.fields = list(fields)
        self.field_boosts = fields
        self.b = b
        self.index_fns = [PIPELINE_FUNCTIONS_STR[name] for name in ("trimmer", "stopWordFilter", "stemmer")
                          if name in pipeline]
        self.search_fns = [PIPELINE_FUNCTIONS_STR["stemmer"]] if "stemmer" in pipeline else []
        self.postings: dict[str, dict] = {}  #: term -> {"_index": n, field: {ref: tf}}
        self.doc_boosts: dict[str, float] = {}
        self.field_lengths: dict[tuple[str, str], int] = {}
        self.document_count = 0
        self._token_set = None
        self._idf: dict[str, float] = {}
        self._average: dict[str, float] | None = None
        self._processed: dict[str, str | None] = {}  # token -> term (None: dropped); words repeat
        self._weight_cache: dict[tuple[str, str], dict[str, float]] = {}

    def add(self, ref: str, fields: dict[str, list[str]], boost: float | None = None) -> None:
        self.doc_boosts[ref] = boost or 1
        self.document_count += 1
        processed = self._processed
        for name in self.fields:
            length = 0
            # Counter keeps first occurrences in order: terms get lunr.js's indexes.
            for token, count in Counter(fields.get(name, ())).items():
                term = processed[token] if token in processed else processed.setdefault(
                    token, _run_one(self.index_fns, token))
                if term is None:
                    continue
                length += count
                posting = self.postings.get(term)
                if posting is None:
                    posting = self.postings[term] = {"_index": len(self.postings), **{f: {} for f in self.fields}}
                field_posting = posting[name]
                field_posting[ref] = field_posting.get(ref, 0) + count
            self.field_lengths[(name, ref)] = length

    def _expand(self, clause) -> list[str]:
        from lunr.token_set import TokenSet

        if self._token_set is None:
            self._token_set = TokenSet.from_list(sorted(self.postings))
        if not clause.edit_distance and "*" not in clause.term:
            return [clause.term] if clause.term in self.postings else []
        return self._token_set.intersect(TokenSet.from_clause(clause)).to_list()

    def _idf_of(self, term: str) -> float:
        idf = self._idf.get(term)
        if idf is None:
            posting = self.postings[term]
            with_term = sum(len(posting[f]) for f in self.fields)
            x = (self.document_count - with_term + 0.5) / (with_term + 0.5)
            idf = self._idf[term] = math.log(1 + abs(x))
        return idf

    def _average_length(self, name: str) -> float:
        if self._average is None:
            totals: dict[str, int] = defaultdict(int)
            counts: dict[str, int] = defaultdict(int)
            for (field_name, _), length in self.field_lengths.items():
                totals[field_name] += length
                counts[field_name] += 1
            self._average = {f: totals[f] / counts[f] for f in counts}
        return self._average.get(name, 0)

    def _weights(self, term: str, name: str) -> dict[str, float]:
        """ref -> the entry lunr.js's builder stores for `term` in that document's field vector."""
        key = (term, name)
        found = self._weight_cache.get(key)
        if found is None:
            idf = self._idf_of(term)
            average = self._average_length(name)
            boost = self.field_boosts[name] or 1
            k1, b = self.K1, self.b
            found = {}
            for ref, tf in self.postings[term][name].items():
                ratio = self.field_lengths[(name, ref)] / average if average else math.nan
                score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * ratio) + tf)
                score *= boost
                score *= self.doc_boosts[ref]
                found[ref] = js_round3(score)
            self._weight_cache[key] = found
        return found

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
                    index = self.postings[expanded]["_index"]
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
        order: dict[tuple[str, str], None] = {}
        for term, name in scanned:
            for ref in self.postings[term][name]:
                order.setdefault((name, ref))
        dots: dict[tuple[str, str], float] = {}
        for term, name in sorted(scanned, key=lambda pair: self.postings[pair[0]]["_index"]):
            weight_of = query_vector[self.postings[term]["_index"]]
            for ref, weight in self._weights(term, name).items():
                dots[(name, ref)] = dots.get((name, ref), 0.0) + weight_of * weight
        scores: dict[str, float] = {}
        for name, ref in order:  # documents add up their fields in the order they matched
            score = dots[(name, ref)] / magnitude if magnitude else 0.0
            scores[ref] = scores[ref] + score if ref in scores else score
        return list(scores.items())


def _stem_cached(word: str, _cache: dict = {}) -> str:
    stem = _cache.get(word)
    if stem is None:
        stem = _cache[word] = stem_word(word)
    return stem


def _trim(word: str) -> str:
    return _TRIM_END.sub("", _TRIM_START.sub("", word, count=1), count=1)


PIPELINE_FUNCTIONS_STR = {
    "trimmer": _trim,
    "stopWordFilter": lambda word: None if word in STOP_WORDS else word,
    "stemmer": _stem_cached,
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
