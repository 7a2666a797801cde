"""The Python ranking (lint's search checks, `hubgen search`) is the browser's ranking.

The built hub's search engine (hubgen-search.js, with the lunr.js 2.3.9 that
Material's search worker carries, the file the built hub loads) runs in node
over the built search_index.json; hubgen.search ranks the same queries in
Python. For every query the answers must be the same, in the same order, with
the same scores, titles and snippets, and the query must be understood the
same way (the same words kept).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import REPO
from hubgen.pipeline import load_hub
from hubgen.search import SearchEngine, build_search_index
from hubgen.search.engine import Backer
from hubgen.search.lunrjs import stem_word

pytestmark = pytest.mark.usefixtures("node")  # lunr.js and Material's worker run in node
NODE = shutil.which("node")
BACKER_PHRASES = [
    "moved house", "card declined", "money back", "vat", "where is my parcel", "import duty",
    "payment errored", "tracking number", "parcel lost", "kettle arrived dented", "charged two times",
    "exchange rate", "survey email missing", "extras", "cancel my order", "induction hob",
    "how many litres", "guarantee", "limescale", "my pledge got dropped", "ready to ship",
    "what does locked down mean", "refund taking long", "email support", "send it abroad",
]
# Whole sentences as backers type them, with stop words, typos and punctuation.
SENTENCES = [
    "i moved house, where does my kettle go now?", "how do i get a refund", "can i have my money back",
    "why do you need my phone number", "how do i update my card", "the parcel came open, what now",
    "my kettle arrvied broken", "i was charged twice this month!", "when will it ship to canada",
    "is there a warrenty", "what happens if my payment fails", "can I still add extras to my order",
    "I never got the survey email", "do i have to pay import tax in the uk", "the box was dented",
    "where's my tracking number?", "I'd like to cancel, please", "what does 'locked' mean for me",
    "how long does a refund take to arrive", "it takes induction hobs, right?", "A", "I", "is it",
    # synonym phrases that hold stop words, read as their group's word (analyser.py)
    "where is my kettle", "Where's my kettle??", "where is my order", "where is my", "where is",
    "so where is my refund", "where is my where is my", "where* is my kettle", "I want an add-on",
]
# Words where lunr.py's own stemmer and lunr.js disagree, lunr query syntax,
# and input a backer might paste.
TRICKY = [
    "delay", "delays", "delayed", "survey", "surveys", "days", "key", "keys", "+delay", "+survey",
    "+days", "+key", "delay*", '"money back"', '"where is"', "-refund card", "+refund -card",
    "title:refund", "text:kettle", "tags:news", "foo:bar", "vat~1", "refnud~2", "refund^2", "refund^",
    "*ship", "ship*", "*", "-", "+", ":", "\"", "don't", "kettle's", "add-ons", "add-on", "4,000",
    "30 days", "2026", "is", "the", "a b c", "  spaced   out  ", "UPPER CASE", "Zölle", "café",
    "ready_to_ship", "survey_sent", "(vat)", "parcel?", "refund!", "e-mail", "émail", "🙂 parcel",
]


def queries(hub) -> list[str]:
    """200+ queries: every word of the hub's questions, labels, keywords and
    titles, pairs of them, the backer phrases and the tricky cases."""
    words: list[str] = []
    sources = ([e.question for e in hub.faq_entries] + [k for e in hub.faq_entries for k in e.keywords]
               + [s.label for s in hub.pledge_states] + [u.title for u in hub.public_updates])
    for text in sources:
        words += [w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in words]
    pairs = [f"{a} {b}" for a, b in zip(words[::2], words[1::2])]
    prefixes = [w[:3] for w in words[::5]]
    found = list(dict.fromkeys(words + pairs + prefixes + BACKER_PHRASES + SENTENCES + TRICKY))
    assert len(found) >= 200
    return found


def run_worker(built_site, index: dict, queries: list[str], words: list[str] = (), terms: list[str] = (),
               backer: dict | None = None) -> dict:
    assert NODE, "node is missing: apt-get install nodejs"
    assert (REPO / "node_modules" / "lunr").is_dir(), "run `npm install` in the repository"
    worker = next((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    payload = built_site.parent / "parity-input.json"
    payload.write_text(json.dumps({"index": index, "queries": queries, "words": list(words), "terms": list(terms),
                                   "backer": backer}))
    result = subprocess.run([NODE, str(REPO / "tests" / "search_parity.js"), str(worker), str(payload)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def compare(index: dict, built_site, hub, backer: dict | None = None, extra: list[str] = ()) -> int:
    qs = queries(hub)
    qs += [query for query in extra if query not in qs]
    node = run_worker(built_site, index, qs, backer=backer)
    assert node["lunr"] == {"worker": "2.3.9", "package": "2.3.9"}
    engine = SearchEngine(index)
    differ = []
    answered = 0
    for query, rows, words in zip(qs, node["results"], node["words"]):
        python = engine.search(query, backer=Backer(**backer) if backer else None)
        answered += bool(rows)
        browser = [(r["location"], r["title"], r["snippet"], r["page"]) for r in rows]
        ours = [(h.location, h.title, h.snippet, h.page_title) for h in python]
        if words != engine.words(query) or browser != ours or any(
                r["score"] != pytest.approx(h.score, rel=1e-9) for r, h in zip(rows, python)):
            differ.append((query, browser[:3], ours[:3]))
    assert not differ, f"{len(differ)} of {len(qs)} queries rank differently: {differ[:5]}"
    return answered


@pytest.fixture(scope="module")
def hub(example_content):
    return load_hub(example_content).hub


@pytest.fixture(scope="module")
def built_index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text())


def test_python_ranks_200_queries_exactly_as_the_browser(built_site, built_index, hub):
    answered = compare(built_index, built_site, hub)
    assert answered >= 150, "most queries should find something, or the comparison proves little"


def test_a_retailer_in_a_locked_pledge_gets_the_same_order_in_python_and_the_browser(built_site, built_index, hub):
    # The re-order for who is searching ("Your pledge") is one more step on both sides.
    compare(built_index, built_site, hub, {"segment": "retailer", "state": "locked"})
    compare(built_index, built_site, hub, {"segment": "", "state": "delivered"})


def test_parity_holds_without_the_stemmer_and_with_the_trimmer(built_site, built_index, hub):
    # The pipeline is read from the index on both sides; lunr.py's own trimmer
    # and stop word filter differ from lunr.js's, lunrjs.py supplies the latter.
    index = {**built_index, "config": {**built_index["config"], "pipeline": ["trimmer", "stopWordFilter"]}}
    compare(index, built_site, hub)


def test_stemmer_agrees_with_lunr_js_on_every_word_of_the_hub(built_site, built_index):
    words = sorted({w for doc in built_index["docs"] for w in re.findall(r"[a-z]+", doc["text"].lower())}
                   | {"delay", "survey", "days", "key", "cry", "try", "lay", "yes", "yearly", "agreed",
                      "hopping", "generalization", "conditional", "happy", "sky", "enjoy", "played"})
    node = run_worker(built_site, built_index, [], words)
    differ = [(w, js, stem_word(w)) for w, js in zip(words, node["stems"]) if js != stem_word(w)]
    assert not differ
    from lunr.stemmer import stemmer as stock
    from lunr.token import Token
    assert str(stock(Token("delay"))) != stem_word("delay") == "delay", "lunr.py's stock stemmer was fixed upstream"


GERMAN_FAQ = """
- category: Versand und Zoll
  questions:
    - id: wann-versand
      q: Wann wird mein Wasserkocher verschickt?
      a: Die Pakete gehen in der Reihenfolge der Unterstützung raus, über unseren Partner in Leipzig.
      keywords: [Lieferung, Paket, Versanddatum]
    - id: adresse-aendern
      q: Kann ich meine Lieferadresse ändern?
      a: Ja, bis die Umfrage schließt. Schreib uns, wenn du umgezogen bist.
      keywords: [umgezogen, neue Adresse]
    - id: zoll
      q: Muss ich Zölle oder Einfuhrumsatzsteuer zahlen?
      a: Innerhalb der EU nicht. Für die Schweiz und Großbritannien fallen Gebühren an.
    - id: geld-zurueck
      q: Bekomme ich mein Geld zurück, wenn etwas schiefgeht?
      a: Über eine Rückerstattung entscheiden wir fair; siehe die Rückgaberichtlinie.
    - id: sperre
      q: Wann werden die Bestellungen gesperrt?
      a: Am 5. Dezember 2026, z. B. für Adressänderungen. Danach schreib uns.
"""
GERMAN_QUERIES = [
    "bestellungen gesperrt", "zollgebühren", "versandgebühren schweiz", "paketadresse", "wann kommt mein paket", "ich bin umgezogen", "geld zurück", "Zölle schweiz", "über", "rückerstattung",
    "Lieferadresse ändern", "muss ich zoll zahlen?", "großbritannien", "versand", "wasserkocher kaputt",
    "Fragen", "Unterstützung", "schließt", "leipzig", "ändern", "zurueck", "Gebühren",
]


def test_parity_holds_for_a_hub_in_german(built_site, content_copy):
    """hubgen-search.js ranks a hub in any language with lunr.js's own word rules, so the
    Python ranking (and with it lint's search checks) holds for German words too."""
    hub_yaml = content_copy / "hub.yaml"
    hub_yaml.write_text(re.sub(r"(?m)^  language: .*$", "  language: de", hub_yaml.read_text(encoding="utf-8")),
                        encoding="utf-8")
    faq = content_copy / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").rstrip() + "\n" + GERMAN_FAQ, encoding="utf-8")
    loaded = load_hub(content_copy)
    assert not loaded.report.errors and loaded.hub.project.language == "de"
    index = build_search_index(loaded.hub)
    node = run_worker(built_site, index, GERMAN_QUERIES)
    engine = SearchEngine(index)
    answered = 0
    for query, rows, words in zip(GERMAN_QUERIES, node["results"], node["words"]):
        python = engine.search(query)
        answered += bool(rows)
        assert words == engine.words(query), query
        assert [(r["location"], r["title"], r["snippet"]) for r in rows] == [
            (h.location, h.title, h.snippet) for h in python], query
        assert [r["score"] for r in rows] == pytest.approx([h.score for h in python], rel=1e-9), query
    assert answered >= len(GERMAN_QUERIES) - 3
    # A date's dot and "z. B." end no sentence: the snippet is the whole first one, in both.
    assert node["results"][0][0]["snippet"] == "Am 5. Dezember 2026, z. B. für Adressänderungen."
    # A compound the answers do not have is read as its parts ("Zoll" + "Gebühren"), in both.
    assert node["results"][1][0]["location"] == "faq/#zoll" and node["words"][1] == ["zollgebühren"]


def test_parity_holds_on_a_hub_whose_answers_share_words(built_site):
    # tests/hubs/crowded: a word a third of its answers share is cut from the
    # list (engine.py: offers_less), the same way on both sides.
    from test_search_browser import CROWDED, CROWDED_SENTENCES
    from test_search_common_words import CROWDED_LISTS, STILL_LISTED

    hub = load_hub(CROWDED).hub
    extra = [*CROWDED_SENTENCES, *CROWDED_LISTS, *STILL_LISTED]
    assert compare(build_search_index(hub), built_site, hub, extra=extra) >= 150


# A French translation beside the example's German one: a few of the original's
# questions, as a kettle maker's French backers would read them.
FRENCH_FAQ = """
- category: Expédition et livraison
  questions:
    - id: when-ship
      q: Quand ma bouilloire sera-t-elle expédiée ?
      a: Les premières bouilloires quittent l'entrepôt fin janvier 2027, dans l'ordre des contributions.
      keywords: [date de livraison, expédition, « colis »]
    - id: customs
      q: Dois-je payer des droits de douane ?
      a: Dans l'UE, aux États-Unis et au Canada, rien à payer à la livraison ; ailleurs, le transporteur peut réclamer des frais.
      keywords: [douanes, TVA, frais à la porte]
- category: Remboursements et retours
  questions:
    - id: refund
      q: Puis-je être remboursé ?
      a: Oui. Jusqu'à l'expédition, nous remboursons intégralement votre contribution ; après, vous avez 30 jours.
      keywords: [remboursements, annuler, récupérer mon argent]
"""
# One more German answer, for backers who moved house.
GERMAN_CHANGE_ADDRESS = """
- category: Umfragen und Bestellungen
  questions:
    - id: change-address
      q: Wie ändere ich meine Lieferadresse?
      a: Solange dein Pledge nicht gesperrt ist, änderst du die Adresse in der BackerKit-Umfrage.
      keywords: [umgezogen, neue Adresse, Umzug]
"""
# Sentences as German and French backers type them: umlauts and accents typed
# or not, plural and inflected forms the answers do not use, stop words.
TRANSLATION_SENTENCES = {
    "de": ["ich bin umgezogen", "Rückerstattungen", "wie lange dauert die rückerstattung?", "Zölle",
           "zoelle", "muss ich an der Tür Gebühren zahlen", "mein Wasserkocher ist kaputt angekommen",
           "wo ist mein Paket?", "Lieferadresse ändern", "Wasserkochers", "Sendungsnummern",
           "über"],  # a stop word alone: nothing, on both sides
    "fr": ["je veux être remboursé", "remboursements", "Quand part ma bouilloire ?", "douane", "droits de douanes",
           "expédiées", "frais à la livraison", "États-Unis", "etats unis", "« colis »", "récupérer mon argent"],
}


@pytest.fixture(scope="module")
def site_in_three_languages(tmp_path_factory, example_content):
    """The example hub with French added beside German, built with the real CLI."""
    from conftest import run_hubgen

    content = tmp_path_factory.mktemp("languages") / "content"
    shutil.copytree(example_content, content)
    hub_yaml = content / "hub.yaml"
    hub_yaml.write_text(re.sub(r"(?m)^  languages: .*$", "  languages: [de, fr]",
                               hub_yaml.read_text(encoding="utf-8")), encoding="utf-8")
    german = content / "de" / "faq.yaml"
    german.write_text(german.read_text(encoding="utf-8") + GERMAN_CHANGE_ADDRESS, encoding="utf-8")
    (content / "fr").mkdir()
    (content / "fr" / "faq.yaml").write_text(FRENCH_FAQ, encoding="utf-8")
    site = content.parent / "site"
    built = run_hubgen("build", str(content), "-o", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    return content, site


def cli_results(content, query: str, language: str) -> list[tuple[str, str]]:
    """(title, path) of every result `hubgen search --language` prints."""
    from conftest import run_hubgen

    result = run_hubgen("search", query, str(content), "--language", language, "-n", "100")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    return [(re.sub(r"^\d+\. ", "", title), where.split()[0])
            for title, where in zip(lines, lines[1:]) if re.match(r"^\d+\. ", title)]


@pytest.mark.parametrize("language", ["de", "fr"])
def test_hubgen_search_language_finds_what_the_search_box_on_that_languages_pages_finds(
        site_in_three_languages, language):
    content, site = site_in_three_languages
    index = json.loads((site / language / "search" / "search_index.json").read_text(encoding="utf-8"))
    sentences = TRANSLATION_SENTENCES[language]
    node = run_worker(site, index, sentences)
    engine = SearchEngine(index)
    answered = 0
    for query, rows, words in zip(sentences, node["results"], node["words"]):
        answered += bool(rows)
        assert words == engine.words(query), query  # the same words kept and stemmed
        assert [row["score"] for row in rows] == pytest.approx([hit.score for hit in engine.search(query)],
                                                               rel=1e-9), query
        browser = [(row["title"], f"/{language}/{row['location']}") for row in rows[:100]]
        assert cli_results(content, query, language) == browser, query
    assert answered >= len(sentences) - 1, "most sentences should find something, or the comparison proves little"


def test_hubgen_search_language_reads_the_translation_and_names_the_languages_there_are(
        site_in_three_languages):
    from conftest import run_hubgen

    content, _ = site_in_three_languages
    assert run_hubgen("search", "ich bin umgezogen", str(content)).stdout.startswith("No results")
    german = cli_results(content, "ich bin umgezogen", "de")
    assert german[0] == ("Wie ändere ich meine Lieferadresse?", "/de/faq/#change-address")
    french = cli_results(content, "je veux être remboursé", "fr")
    assert french[0] == ("Puis-je être remboursé ?", "/fr/faq/#refund")
    assert cli_results(content, "moved house", "en")[0][1] == "/faq/#change-address"
    unknown = run_hubgen("search", "Paket", str(content), "--language", "es")
    assert unknown.returncode == 2
    assert ("the hub is not translated into 'es': its languages are en (the original), de, fr. Give one of "
            "them, or add the language to project.languages in hub.yaml") in unknown.stderr
