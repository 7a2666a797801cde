"""hubgen's search/search_index.json in the built example hub: one entry per thing a backer looks for."""

from __future__ import annotations

import json
import re

import pytest

from hubgen.pipeline import load_hub
from hubgen.search import BUILTIN_SYNONYMS, SearchEngine, build_search_index


@pytest.fixture(scope="module")
def hub(example_content):
    return load_hub(example_content).hub


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs(index) -> dict[str, dict]:
    return {doc["location"]: doc for doc in index["docs"]}


def test_the_built_index_is_hubgens_and_stems_english(index, hub):
    assert index == build_search_index(hub), "the site carries the index built from the model"
    config = index["config"]
    assert config["lang"] == ["en"] and config["pipeline"] == ["stopWordFilter", "stemmer"]
    re.compile(config["separator"])
    assert {"title", "text", "tags"} <= set(config["fields"])


def test_every_faq_entry_is_its_own_entry_titled_by_its_question(docs, hub):
    for entry in hub.faq_entries:
        doc = docs[f"faq/#{entry.id}"]
        assert doc["title"] == entry.question.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert doc["keywords"] == entry.keywords
        assert "**" not in doc["text"] and "](" not in doc["text"], "answers are rendered, not raw Markdown"


def test_keywords_find_their_entry_but_are_not_shown_on_the_page(built_site, docs, hub):
    page = (built_site / "faq" / "index.html").read_text().lower()
    engine = SearchEngine({"config": _config(), "docs": list(docs.values())})
    from hubgen.search.lunrjs import STOP_WORDS

    # One-word keywords; phrases rank as their words do.
    hidden = [(entry.id, word) for entry in hub.faq_entries for word in entry.keywords
              if word.lower() not in page and " " not in word and word.lower() not in STOP_WORDS]
    assert len(hidden) >= 10
    for entry_id, word in hidden:
        assert f"faq/#{entry_id}" in [hit.location for hit in engine.top(word, 3)], word


def _config():
    from hubgen.search.index import FIELDS, SEPARATOR
    from hubgen.search.languages import language_for
    return {"lang": ["en"], "separator": SEPARATOR, **language_for("en").config(), "fields": FIELDS}


def test_pledge_states_are_found_by_label_and_by_id(docs, hub):
    engine = SearchEngine({"config": _config(), "docs": list(docs.values())})
    for state in hub.pledge_states:
        assert docs[f"pledge-states/#{state.id}"]["title"] == state.label
        for query in (state.label, state.id):
            top = [hit.location for hit in engine.top(query, 3)]
            assert f"pledge-states/#{state.id}" in top, (query, top)


def test_policy_sections_link_to_the_anchors_on_the_policy_page(built_site, docs):
    page = (built_site / "refund-policy" / "index.html").read_text()
    sections = [loc for loc in docs if loc.startswith("refund-policy/#")]
    assert len(sections) >= 4
    for location in sections:
        assert f'id="{location.split("#")[1]}"' in page, location


def test_each_entry_anchor_exists_on_its_page(built_site, docs):
    for location in docs:
        path, _, anchor = location.partition("#")
        html = (built_site / path / "index.html").read_text()
        assert not anchor or f'id="{anchor}"' in html, location


def test_public_updates_are_entries_and_hidden_ones_are_nowhere(docs, hub, built_site):
    for update in hub.updates:
        assert (f"updates/{update.slug}/" in docs) == update.is_public, update.slug
    raw = (built_site / "search" / "search_index.json").read_text()
    assert "CANARY-BACKERS-ONLY-7f3a" not in raw and "CANARY-DRAFT-2b9c" not in raw


def test_synonyms_are_added_from_titles_and_keywords(docs):
    assert "moved" in docs["faq/#change-address"]["synonyms"]  # title: ...shipping address?
    assert "vat" in docs["faq/#customs"]["synonyms"]  # title: ...customs...
    assert "synonyms" not in docs["faq/#capacity"]  # nothing crowdfunding-specific in it


def test_the_built_in_list_covers_the_words_backers_use():
    words = {phrase for group in BUILTIN_SYNONYMS for phrase in group}
    for word in ["errored", "declined", "dropped", "locked down", "money back", "cancel", "moved",
                 "parcel", "where is my order", "vat", "duty", "pledge manager", "extras"]:
        assert word in words, word


def test_a_split_faq_puts_entries_under_their_category_page(tmp_path):
    from contentkit import write_content

    many = "\n".join(f"    - id: q{n}\n      q: Question number {n}?\n      a: Answer {n}." for n in range(45))
    write_content(tmp_path, {"faq.yaml": f"- category: Lots\n  questions:\n{many}\n"})
    split = build_search_index(load_hub(tmp_path / "content").hub)
    locations = [doc["location"] for doc in split["docs"]]
    assert "faq/lots/" in locations and "faq/lots/#q7" in locations
    assert locations.index("faq/lots/") < locations.index("faq/lots/#q7"), "a page comes before its sections"


def test_the_documented_synonym_table_is_the_built_in_list():
    from conftest import REPO

    doc = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
    table = doc.split("| group | phrases |")[1].split("\n\n")[0]
    rows = [line.strip() for line in table.splitlines()[2:]]
    documented = [[p.strip() for p in row.split("|")[2].split(",")] for row in rows]
    assert documented == BUILTIN_SYNONYMS


@pytest.mark.parametrize("text", [
    "Où est mon colis ? Livraison le 3.5. — vraiment!", "VAT&amp;duty (20%) costs 3.50 € per parcel...",
    "e-mail\u00a0me at help@kettle.example/contact", "It’s “locked”: no changes; see §4.2.1.",
    "tabs\tand\nnew lines\u2028and\u3000wide spaces", "&lt;b&gt;not bold&lt;/b&gt; &nbsp;&AMP; &#39;",
    "v1.2.3-beta, ready_to_ship, 4,000 backers", "Kettle. 2026. .5 litres.", "", "   ", "a", "İstanbul KELVIN",
])
def test_words_are_split_exactly_as_the_separator_says(text):
    # hubgen splits text for the index with plain string operations where it can
    # (tokens.py); they must find the very words the separator's pattern finds,
    # which is what the browser's search uses.
    from hubgen.search.index import SEPARATOR
    from hubgen.search.tokens import tokenize

    pattern = re.compile(SEPARATOR)
    for value in (text, f"<p>{text}</p>", [text, text.upper()]):
        items = value if isinstance(value, list) else [value]
        expected = [piece for item in items for piece in pattern.split(re.sub(r"<[^<>]*>", " ", item).lower())
                    if piece]
        assert tokenize(value, pattern) == expected
