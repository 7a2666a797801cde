"""Search the way the browser does: hubgen-search.js, in Python.

The built hub searches with site_templates/assets/hubgen-search.js: lunr.js
2.3.9 (taken from Material's search worker) over search/search_index.json,
with hubgen's own query understanding and one answer per result:

  1. the analyser (analyser.py) reads the query's words: split as the index
     is, synonym phrases ("where is my") read as their group's word, stop
     words ("i", "a", "how", "my") dropped;
  2. each word matches the index's stems exactly (lunr stems it), and, from
     three letters on, as a prefix (so a word being typed already matches);
  3. a word of five letters or more that matches nothing gets one typo of
     tolerance (lunr edit distance 1);
  4. each entry's score is the sum of its lunr scores for the words, times the
     square of the share of words it matches; ties keep the index's order;
  5. results under CUTOFF of the best score are left out, and so are results
     that match nothing but one common word when the best result matches a
     rare one ("kettle limescale"): see `offers_less`;
  6. once a backer said who they are ("Your pledge": segment, pledge state),
     answers for them come first, answers for other segments last, each group
     in the order of steps 1-5 (Backer.tier).

Synonyms are expanded into the index at build time (index.py), so they work
the same on both sides. This module ports each step; lunrjs.py makes lunr.py
score and stem exactly as lunr.js does; tests/test_search_parity.py runs
hubgen-search.js in node over the same index and compares.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable
from dataclasses import dataclass

from lunr.query import Clause, Query

from hubgen.search.analyser import Analyser
from hubgen.search.lunrjs import LazyIndex
from hubgen.search.tokens import field_tokens


# -- the query, as hubgen understands it: analyser.py (hubgen-search.js: createAnalyser) --

MIN_PREFIX = 3  # shorter words never match as a prefix ("i" is not "include")
MIN_FUZZY = 5  # words this long tolerate one typo when they match nothing
MIN_COMPOUND_PART = 4  # "Zoll" + "gebühren": each part of a compound tried, at least this long
SNIPPET_MAX = 160
SYNONYM_WEIGHT = 0.5  # an answer found through a synonym counts half
# A result scoring under this share of the best one is left out: with a query of
# several words, an answer that shares one common word with it ("kettle", on a
# kettle's hub) is not an answer. The weakest right answer of the held-out
# sentences (tests/test_search_browser.py) scores 0.14 of the best.
CUTOFF = 0.1
# A share of the best score does not stop a word most answers share: on a
# kettle's hub, "kettle limescale" scored each answer that says "kettle" at a
# quarter of the one about limescale. A result that matched nothing but a word
# COMMON_SHARE of the index's entries match is left out when the best result
# matched a word RARER times rarer (offers_less). Tried on the held-out
# sentences of tests/test_search_browser.py and the parity queries, on both of
# its hubs: a tenth of the entries, or three times rarer, dropped answers a
# backer wants ("what does 'locked' mean for me" lost the locked state, "new
# relocate" the address answers); these values drop none and still clear "kettle limescale",
# "ship it to my brother as a present" and "is paying monthly possible".
COMMON_SHARE = 0.2
RARER = 4


_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def plain_text(fragment: str) -> str:
    """Index HTML as text: tags dropped, entities decoded, spaces collapsed."""
    def decode(match: re.Match) -> str:
        name = match.group(1)
        if name.startswith("#"):
            code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
            return chr(code) if 0 < code <= 0x10FFFF else match.group(0)
        return _ENTITIES.get(name, match.group(0))

    return " ".join(_ENTITY.sub(decode, re.sub(r"<[^>]*>", " ", fragment or "")).split())


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _first_sentence_end(text: str) -> int:
    """Where the first sentence ends: a . ! or ? before a space, except the dot of a number
    ("am 5. Dezember") or of a one-letter abbreviation ("z. B."); -1 when none does."""
    for match in _SENTENCE_END.finditer(text):
        at = match.start()
        before = text[at - 1] if at else ""
        if text[at] == "." and (before in "0123456789" and before
                                or before.isalpha() and (at < 2 or text[at - 2] == " ")):
            continue
        return at
    return -1


def snippet(fragment: str) -> str:
    """One line of the answer: its first sentence, cut at a word near SNIPPET_MAX."""
    text = plain_text(fragment)
    end = _first_sentence_end(text)
    if end != -1:
        text = text[:end + 1]
    if len(text) <= SNIPPET_MAX:
        return text
    cut = text[:SNIPPET_MAX - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut) + " \u2026"


# -- results ---------------------------------------------------------------------

@dataclass
class Hit:
    location: str  #: e.g. "faq/#tracking"; "" is the home page
    title: str  #: as the result shows it
    snippet: str  #: one line of the answer
    score: float
    page_location: str  #: the page the answer is on
    page_title: str  #: "" when the answer is the page itself


@dataclass(frozen=True)
class Backer:
    """Who is searching, as "Your pledge" keeps it in their browser (hubgen-search.js: backerTier)."""

    segment: str = ""  #: a segment id, e.g. retailer
    state: str = ""  #: a pledge state id, e.g. locked

    def tier(self, doc: dict) -> int:
        """0: an answer for them (their segment or state), 1: for everyone, 2: for other segments."""
        segments = doc.get("segments", ())
        if (self.segment and self.segment in segments) or (self.state and self.state in doc.get("states", ())):
            return 0
        return 2 if segments else 1


class SearchEngine:
    """An in-memory search over a search_index.json, ranked as hubgen-search.js ranks it."""

    def __init__(self, data: dict):
        # The index's words are read in its language (languages.py), as hubgen-search.js reads them.
        config = data["config"]
        self.analyser = Analyser(config)
        self.separator = self.analyser.separator
        fields = config["fields"]
        self.index = LazyIndex({name: fields[name].get("boost", 1) for name in fields},
                               self.analyser.language)
        self.docs: list[dict] = data["docs"]
        self.order: dict[str, int] = {}
        self.pages: dict[str, dict] = {}
        for at, raw in enumerate(self.docs):
            self.order[raw["location"]] = at
            self.pages.setdefault(raw["location"].split("#")[0], raw)
            self.index.add(str(raw["location"]), {name: field_tokens(raw.get(name), self.separator)
                                                  for name in fields}, raw.get("boost"))
        self._memo: dict[str, dict[str, float]] = {}
        self.compounds = bool(config.get("compounds"))  #: try a word that matches nothing as two (_compound)
        self._dense_memo: dict[str, tuple] = {}  #: word -> numpy arrays (first_locations)

    def _query(self, *clauses: Clause) -> dict[str, float]:
        query = Query(self.index.fields)
        for clause in clauses:
            query.clause(clause)
        return dict(self.index.query(query.clauses))

    def _clauses(self, word: str, fuzzy: bool) -> list[Clause]:
        """The word as the index stems it, as a prefix while typed, one typo when asked."""
        clauses = [Clause(word, use_pipeline=True, wildcard=Query.WILDCARD_NONE)]
        if len(word) >= MIN_PREFIX:
            clauses.append(Clause(word, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING))
        if fuzzy:
            clauses.append(Clause(word, use_pipeline=True, edit_distance=1))
        return clauses

    def _matches(self, word: str) -> dict[str, float]:
        """ref -> score for one query word: the word itself, else its synonyms
        at SYNONYM_WEIGHT, else (in a compounding language) the word as two words the
        index has, else (nothing at all matched) the word with one typo."""
        if word in self._memo:  # lint asks for the same words over and over
            return self._memo[word]
        scores = self._query(*self._clauses(word, False))
        others = self.analyser.synonyms(word)
        if others:
            for ref, score in self._query(*(Clause(other, use_pipeline=True) for other in others)).items():
                scores.setdefault(ref, SYNONYM_WEIGHT * score)
        if not scores and self.compounds:
            scores = self._compound(word)
        if not scores and len(word) >= MIN_FUZZY:
            scores = self._query(*self._clauses(word, True))
        self._memo[word] = scores
        return scores

    def _compound(self, word: str) -> dict[str, float]:
        """A compound the index does not have ("zollgebühren"), as the first split into two
        words it has, shortest first part first: each entry scores what each part finds there."""
        letters = list(word)  # code points, as hubgen-search.js splits them (Array.from)
        for cut in range(MIN_COMPOUND_PART, len(letters) - MIN_COMPOUND_PART + 1):
            first = self._query(*self._clauses("".join(letters[:cut]), False))
            if not first:
                continue
            second = self._query(*self._clauses("".join(letters[cut:]), False))
            if second:
                return {ref: first.get(ref, 0.0) + second.get(ref, 0.0) for ref in {**first, **second}}
        return {}

    def words(self, query: str) -> list[str]:
        return self.analyser.words(query)

    def entries(self, word: str) -> int:
        """How many of the index's entries match `word` (the word, its synonyms, one typo)."""
        return len(self._matches(word))

    def offers_less(self, found: list[str], best: list[str]) -> bool:
        """Whether a result that matched the query words `found` is no answer beside
        the best result, which matched `best`: it matched a single common word
        (COMMON_SHARE of the entries match it), and the best one a word RARER
        times rarer. Words about as common as each other ("shipping address",
        "where is my refund") say nothing about which answer is meant, so then
        none is left out; the best result itself never is."""
        if len(found) != 1:
            return False
        entries = self.entries(found[0])
        return entries >= COMMON_SHARE * len(self.docs) and any(RARER * self.entries(word) <= entries
                                                                for word in best)

    def search(self, query: str, limit: int | None = None, backer: Backer | None = None,
               without: frozenset[str] = frozenset()) -> list[Hit]:
        """The answers, best first: each entry's lunr scores summed over the
        query words, times the square of the share of query words it matches;
        none under CUTOFF of the best, none that offers_less than the best.
        `without`: locations left out before the cut-off (an answer's related
        answers are cut by the best other one)."""
        ranked = self._ranked(query, backer, without)
        best = heapq.nsmallest(limit, ranked) if limit else sorted(ranked)
        return [self._hit(entry[-1], -entry[-3]) for entry in best]

    def first_locations(self, query: str, wanted: Callable[[str], bool], k: int,
                        without: frozenset[str] = frozenset()) -> list[str]:
        """The first `k` locations `search` finds that `wanted` keeps, in its order.
        related.py asks this of every FAQ entry's question, and a word most answers share
        ("kettle") made each ask rank every entry in a Python loop: here each word's scores
        are one array over every entry (_dense), added word by word in the query's order
        (adding 0.0 where a word does not match leaves each sum exactly as _ranked makes it),
        and only the best are then taken in order, each checked as _ranked checks it."""
        import numpy  # only a build ranks related answers: lint and search start without it

        words = self.words(query)
        if not words:
            return []
        dense = [self._dense(word) for word in words]
        totals, counts = numpy.zeros(len(self.docs)), numpy.zeros(len(self.docs), dtype=numpy.int64)
        for scores, hits in dense:
            totals += scores
            counts += hits
        share = counts / len(words)
        score = totals * share * share  # (total * share) * share, as _ranked
        matched = counts > 0
        matched[[self.order[location] for location in without if location in self.order]] = False
        candidates = numpy.flatnonzero(matched)
        if not len(candidates):
            return []
        top = candidates[numpy.lexsort((candidates, -score[candidates]))[0]]
        candidates = candidates[score[candidates] >= CUTOFF * score[top]]
        best = [word for word, (_, hits) in zip(words, dense) if hits[top]]
        found = []
        for at in candidates[numpy.lexsort((candidates, -score[candidates]))].tolist():  # best first, then index order
            if counts[at] == 1 and self.offers_less([word for word, (_, hits) in zip(words, dense) if hits[at]], best):
                continue
            location = self.docs[at]["location"]
            if wanted(location):
                found.append(location)
                if len(found) == k:
                    break
        return found

    def forget_dense(self) -> None:
        """Drop _dense's arrays (two per word, as long as the index): first_locations' callers
        are done with them, and `hubgen serve` keeps its engine from save to save."""
        self._dense_memo.clear()

    def _dense(self, word: str):
        """_matches(word) as two arrays in index order: each entry's score (0.0 when it does not
        match) and whether it matches (1 or 0)."""
        import numpy

        if word not in self._dense_memo:
            found = self._matches(word)
            at = numpy.fromiter((self.order[ref] for ref in found), dtype=numpy.int64, count=len(found))
            scores, hits = numpy.zeros(len(self.docs)), numpy.zeros(len(self.docs), dtype=numpy.int64)
            scores[at] = numpy.fromiter(found.values(), dtype=numpy.float64, count=len(found))
            hits[at] = 1
            self._dense_memo[word] = (scores, hits)
        return self._dense_memo[word]

    def _ranked(self, query: str, backer: Backer | None, without: frozenset[str]) -> list[tuple]:
        """Sort keys, smallest first: ([tier,] -score, index order, location)."""
        words = self.words(query)
        totals: dict[str, float] = {}
        matched: dict[str, list[str]] = {}
        for word in words:
            for ref, score in self._matches(word).items():
                if ref in totals:
                    totals[ref] += score
                    matched[ref].append(word)
                else:
                    totals[ref] = 0.0 + score
                    matched[ref] = [word]
        ranked = []
        for location, total in totals.items():
            if location in without:
                continue
            share = len(matched[location]) / len(words)
            ranked.append((-(total * share * share), self.order[location], location))
        if ranked:
            top = min(ranked)
            floor, best = CUTOFF * -top[0], matched[top[2]]
            ranked = [entry for entry in ranked
                      if -entry[0] >= floor and not self.offers_less(matched[entry[2]], best)]
        if backer and (backer.segment or backer.state):
            ranked = [(backer.tier(self.docs[order]), negative, order, location)
                      for negative, order, location in ranked]
        return ranked

    def _hit(self, location: str, score: float) -> Hit:
        doc = self.docs[self.order[location]]
        page = self.pages[location.split("#")[0]]
        return Hit(location, plain_text(doc.get("title", "")), snippet(doc.get("text", "")), score,
                   page["location"], "" if page is doc else plain_text(page.get("title", "")))

    def top(self, query: str, n: int = 3, backer: Backer | None = None) -> list[Hit]:
        """The first n results a backer sees."""
        return self.search(query, n, backer)


# The last index's engine: lint's search checks and their fix hints share it,
# and `hubgen serve`, linting again on every save, keeps it while an edit leaves
# the index as it was (an edited search check, a draft, a setting). Callers
# never change an engine; its memo only holds what its index determines.
_LAST_ENGINE: list = []  # [config, docs, engine]


def engine_for(index: dict) -> SearchEngine:
    """A SearchEngine over `index`: the last one made, when its index was equal."""
    if _LAST_ENGINE and _LAST_ENGINE[0] == index["config"] and _LAST_ENGINE[1] == index["docs"]:
        return _LAST_ENGINE[2]
    engine = SearchEngine(index)
    _LAST_ENGINE[:] = [index["config"], index["docs"], engine]
    return engine
