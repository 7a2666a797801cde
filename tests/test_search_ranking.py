"""What the ranking model understands of a backer's question (hubgen/search/analyser.py, engine.py).

hubgen-search.js ranks the same way in the browser (tests/test_search_parity.py
runs both over these queries among others).
"""

from __future__ import annotations

import pytest

from hubgen.pipeline import load_hub
from hubgen.search import SearchEngine, build_search_index
from hubgen.search.engine import CUTOFF


@pytest.fixture(scope="module")
def engine(example_content) -> SearchEngine:
    return SearchEngine(build_search_index(load_hub(example_content).hub))


@pytest.mark.parametrize("query", ["where is my kettle", "Where's my kettle?", "where is my kettle, it's been weeks"])
def test_where_is_my_product_finds_tracking_first(engine, query):
    # Every word but "kettle" is a stop word, and every answer on a kettle's hub
    # says "kettle": without the phrase the question was about kettles in general.
    assert engine.words(query)[0] == "tracking"
    assert engine.top(query)[0].location == "faq/#tracking"


def test_a_phrase_without_stop_words_keeps_its_own_words(engine):
    assert engine.words("can i have my money back") == ["money", "back"]


def test_answers_far_below_the_best_are_left_out(engine):
    # "kettle" alone matched every answer that mentions the kettle; the answer about
    # the lid does not belong under a question about a dented kettle's parcel.
    hits = engine.search("my kettle arrived dented, where is my kettle")
    assert hits and all(hit.score >= CUTOFF * hits[0].score for hit in hits)
    assert hits[0].location == "faq/#damaged"
    assert len(hits) < len(engine.search("kettle"))
    assert len(engine.search("where is my kettle")) <= 3
