"""What the ranking model understands of a backer's question (hubgen/search/analyser.py, engine.py).

hubgen-search.js ranks the same way in the browser (tests/test_search_parity.py
runs both over these queries among others).
"""

from __future__ import annotations

import pytest

from hubgen.pipeline import load_hub
from hubgen.search import SearchEngine, build_search_index
from hubgen.search.engine import CUTOFF, Backer


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


def test_a_retailer_finds_the_answer_for_retailers_first(engine):
    # The example's retailer answer is for the retailer segment only.
    assert engine.top("when does it ship")[0].location == "faq/#tracking"
    assert engine.top("when does it ship", backer=Backer(segment="retailer"))[0].location == "faq/#retailer-shipping"


def test_a_backer_who_is_not_a_retailer_finds_the_retailer_answer_below_the_others(engine):
    everyone = [hit.location for hit in engine.search("when will my order ship")]
    assert everyone[:2] == ["faq/#locked-order", "faq/#retailer-shipping"]
    backer = [hit.location for hit in engine.search("when will my order ship", backer=Backer(state="locked"))]
    assert backer[-1] == "faq/#retailer-shipping"
    assert sorted(backer) == sorted(everyone)  # the same answers, another order


def test_answers_about_the_backers_pledge_state_come_first_in_score_order(engine):
    query = "can I still change my address"
    assert engine.top(query)[0].location == "pledge-states/#what-can-i-change"
    hits = engine.search(query, backer=Backer(state="locked"))
    assert [hit.location for hit in hits[:3]] == ["faq/#change-address", "faq/#locked-order", "pledge-states/#locked"]
    assert hits[0].score >= hits[1].score >= hits[2].score
    # A question that only one answer fits keeps its answer whoever asks.
    assert [hit.location for hit in engine.search("my parcel arrived broken", backer=Backer("retailer", "locked"))] \
        == ["faq/#damaged"]


def test_hubgen_search_shows_what_a_retailer_sees_first(example_content):
    from conftest import run_hubgen

    plain = run_hubgen("search", "when does it ship", str(example_content), "-n", "1")
    retailer = run_hubgen("search", "when does it ship", str(example_content), "-n", "1", "--segment", "retailer")
    assert plain.stdout.splitlines()[0] == "1. How do I track my parcel?"
    assert retailer.stdout.splitlines()[0] == "1. When do retailer orders ship, and how are they packed?"
