"""How a backer's query becomes the words hubgen searches for (hubgen-search.js: createAnalyser).

One unit, the same steps in Python and in the browser, in this order:

  1. tokenise: the index's separator, lower-cased (tokens.py);
  2. phrases: a phrase of a synonym group that holds a stop word ("where is
     my", "where's my order") is read as its group's word ("tracking") where
     the query has it: step 3 would drop its stop words and with them what it
     means ("where is my kettle" is not a question about kettles);
  3. stop words: the language's list is dropped (lunr's English one: "i",
     "a", "where", "my"); where the index trims its words, so are the query's;
  4. synonyms: each remaining word's stem -> the other one-word members of
     its groups, tried at a lower weight when the engine asks;
  5. stem: the language's stemmer (lunr.js's Porter stemmer in English, a
     Snowball stemmer in German, French, ...), when the index's pipeline stems.

Steps 3 and 5 are the index's language (languages.py); tests/test_search_parity.py
and tests/test_search_languages.py run both sides.
"""

from __future__ import annotations

import re

from hubgen.search.languages import language_from_config
from hubgen.search.tokens import tokenize


class Analyser:
    """The query side of an index's config: separator, pipeline, synonyms and phrases."""

    def __init__(self, config: dict):
        self.separator = re.compile(config.get("separator") or r"[\s\-]+")
        self.language = language_from_config(config)
        self.stems = "stemmer" in self.language.pipeline
        self.trims = "trimmer" in self.language.pipeline
        self.groups: list[list[str]] = config.get("synonyms") or []
        self.in_groups = self._groups_of_stems(self.groups)
        # Longest first, so "where is my order" is read before "where is my".
        self.phrases = sorted(((tuple(words), word) for words, word in config.get("phrases") or []
                               if any(map(self.language.is_stop_word, words))), key=lambda phrase: -len(phrase[0]))

    def stem(self, word: str) -> str:
        return self.language.stem(word) if self.stems else word

    def _groups_of_stems(self, groups: list[list[str]]) -> dict[str, list[int]]:
        """Each synonym's stem -> the groups it is in. Their other words are found when a query
        asks (synonyms): listing them here would cost the square of a group's size."""
        in_groups: dict[str, dict[int, None]] = {}
        for number, group in enumerate(groups):
            for word in group:
                in_groups.setdefault(self.stem(word), {})[number] = None
        return {key: list(numbers) for key, numbers in in_groups.items()}

    def synonyms(self, word: str) -> list[str]:
        """The other words of the groups `word`'s stem is in, each once, in their groups' order."""
        key = self.stem(word)
        found: dict[str, None] = {}
        for number in self.in_groups.get(key, ()):
            found.update((other, None) for other in self.groups[number] if self.stem(other) != key)
        return list(found)

    def _phrase_at(self, tokens: list[str], at: int) -> tuple[tuple[str, ...], str] | None:
        for phrase in self.phrases:
            words = phrase[0]
            if tuple(tokens[at:at + len(words)]) == words:
                return phrase
        return None

    def words(self, query: str) -> list[str]:
        """The words of a query that carry meaning, each once: the query's own
        tokens without stop words and without "*" (a lunr wildcard), each
        synonym phrase found in it read as its group's word."""
        trim = self.language.trim if self.trims else str
        tokens = [trim(token).replace("*", "") for token in tokenize(query, self.separator)]
        words: list[str] = []

        def keep(word: str) -> None:
            if word and not self.language.is_stop_word(word) and word not in words:
                words.append(word)

        at = 0
        while at < len(tokens):
            phrase = self._phrase_at(tokens, at)
            if phrase is None:
                keep(tokens[at])
                at += 1
                continue
            keep(phrase[1])
            at += len(phrase[0])
        return words
