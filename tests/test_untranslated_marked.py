"""Text a translation has not translated yet is shown in the original, and
marked with the original's language wherever it is shown (docs: "marked with
its language"): a screen reader then reads "Shipped" as English, not as German.

The model says what is untranslated: every text of the German hub that is still
the original's (a pledge state's label, a milestone, a region, a routing topic,
a category, an update's title ...). The test walks every German page as a browser
parses it and finds each such text: it must sit inside an element whose
language (the nearest lang attribute) is English."""

from __future__ import annotations

import re

import html5lib
import pytest

from hubgen.pipeline import load_hub

#: the texts of hub.yaml a translation may give, by the model's lists (translations.py)
TRANSLATABLE = {"pledge_states": ("label", "description", "can_change", "cannot_change"),
                "milestones": ("title", "note"), "shipping": ("region",), "waves": ("name",),
                "segments": ("label", "description")}


def texts(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def left_in_the_original(original, translated) -> set[str]:
    """Every text a backer of the translation reads that is still the original's."""
    found: set[str] = set()
    for attribute, fields in TRANSLATABLE.items():
        for mine, theirs in zip(getattr(original, attribute), getattr(translated, attribute)):
            for name in fields:
                if getattr(mine, name) == getattr(theirs, name):
                    found.update(texts(getattr(mine, name)))
    for mine, theirs in zip(original.contact.routing, translated.contact.routing):
        if mine.topic == theirs.topic:
            found.add(mine.topic)
    for mine, theirs in zip(original.faq, translated.faq):
        if mine.name == theirs.name:
            found.add(mine.name)
        found.update(entry.question for entry in theirs.entries if entry.shown_in)
    found.update(update.title for update in translated.public_updates if update.shown_in)
    found.update(page.title for page in translated.pages if page.shown_in)
    # Markdown text (a description) is compared as the page shows it: the words, without the marks.
    return {" ".join(re.sub(r"[*_`]", "", text).split()) for text in found if len(text.strip()) >= 4}


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"  # SVG's own lang, as html5lib names it
SVG = "{http://www.w3.org/2000/svg}"


def text_nodes(element, language: str):
    """(text, language) of every piece of text below `element`, with the language a browser
    gives it: the nearest lang (or, in SVG, xml:lang) around it."""
    here = element.get("lang", element.get(XML_LANG, language))
    # Scripts are not text; an SVG's <desc> is one accessible sentence that cannot mark its parts.
    if element.tag in ("script", "style", "template", f"{SVG}desc") or not isinstance(element.tag, str):
        return
    if element.text:
        yield element.text, here
    for child in element:
        yield from text_nodes(child, here)
        if child.tail:
            yield child.tail, here


def unmarked(site, untranslated: set[str]) -> list[tuple[str, str]]:
    """(page, text) for every untranslated text a German page shows without lang="en" around it."""
    found = []
    for page in sorted((site / "de").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        tree = html5lib.parse(html, namespaceHTMLElements=False)
        for text, language in text_nodes(tree.find("body"), tree.get("lang", "")):
            words = " ".join(text.split())
            if not words or language.split("-")[0] == "en":
                continue
            for english in untranslated:
                if re.search(rf"(?<!\w){re.escape(english)}(?!\w)", words) or (len(words) >= 12 and words in english):
                    found.append((page.relative_to(site).as_posix(), words))
                    break
    return found


@pytest.fixture(scope="module")
def untranslated(example_content) -> set[str]:
    hub = load_hub(example_content).hub
    (german,) = hub.translations
    found = left_in_the_original(hub, german.hub)
    # The example leaves these in English: the test must see them to prove anything.
    assert {"Payment errored", "Survey sent", "Payments", "United Kingdom", "Mass production starts",
            "Surveys are out"} <= found, found
    return found


def test_every_untranslated_text_on_a_german_page_is_marked_english(built_site, untranslated):
    missed = unmarked(built_site, untranslated)
    assert not missed, f"{len(missed)} untranslated texts without lang=\"en\": {missed[:12]}"


def test_the_german_feeds_say_which_entries_are_still_in_english(built_site, example_content):
    import json

    import feedparser

    hub = load_hub(example_content).hub
    (german,) = hub.translations
    english = {update.slug for update in german.hub.public_updates if update.shown_in}
    assert english, "the example leaves some updates untranslated"
    atom = feedparser.parse((built_site / "de" / "feed.xml").read_bytes())
    languages = {entry.link.rstrip("/").rsplit("/", 1)[-1]: entry.title_detail.language for entry in atom.entries}
    assert {slug for slug, language in languages.items() if language == "en"} == english
    assert {language for slug, language in languages.items() if slug not in english} == {"de"}
    items = json.loads((built_site / "de" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert {item["url"].rstrip("/").rsplit("/", 1)[-1] for item in items if item.get("language") == "en"} == english
