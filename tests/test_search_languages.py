"""Search in the hub's language: the same words become the same terms in Python and in the browser.

A hub written in German or French is searched with that language's trimmer,
stop words and Snowball stemmer (hubgen/search/languages.py): "Rückerstattungen"
finds "Rückerstattung", "remboursements" finds "remboursement". The browser
stems with the lunr-languages files Material puts into every built site; lint's
search checks and `hubgen search` stem with snowballstemmer. Both must agree
word for word, or a search check would pass in lint and fail for a backer.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import EXAMPLE_CONTENT, REPO, run_hubgen, serve_folder
from hubgen.pipeline import load_hub
from hubgen.search import SearchEngine, build_search_index
from hubgen.search.index import FIELDS, SEPARATOR
from hubgen.search.languages import SNOWBALL, language_for
from test_search_parity import run_worker

pytestmark = pytest.mark.usefixtures("node")
WORDS = REPO / "tests" / "data" / "stemmer_words"
# What backers paste around words: quotes of every country, inverted marks, ellipses, digits.
PUNCTUATED = ["«remboursement»", "„Zölle“", "¿envío?", "¡gracias!", "‹colis›", "…paket", "2026", "30€",
              "l’adresse", "(TVA)", "—", "«", "e-mail", "Größe:", "çà", "Ärger", "ÉTÉ", "🙂paket", "x²"]


def language_index(language: str) -> dict:
    """A one-entry index in `language`: the config is what the parity is about."""
    config = {"lang": [language], "separator": SEPARATOR, **language_for(language).config(),
              "fields": FIELDS, "synonyms": []}
    return {"config": config, "docs": [{"location": "", "title": "Hub", "text": "<p>Hub</p>"}]}


def python_terms(language: str, words: list[str]) -> list[str | None]:
    analysed = language_for(language)
    terms = []
    for word in words:
        for step in analysed.pipeline:
            word = analysed.functions[step](word)
            if word is None:
                break
        terms.append(word)
    return terms


@pytest.mark.parametrize("language", sorted({code for code in SNOWBALL if code not in ("nb", "nn")}))
def test_every_stemmed_language_makes_the_same_terms_in_python_and_the_browser(built_site, language):
    words = WORDS.joinpath(f"{language}.txt").read_text(encoding="utf-8").split()
    words += [word.lower() for word in PUNCTUATED]
    assert len(words) >= 800
    node = run_worker(built_site, language_index(language), [], terms=words)
    python = python_terms(language, words)
    differ = [(word, js, py) for word, js, py in zip(words, node["terms"], python) if js != py]
    assert not differ, f"{len(differ)} of {len(words)} words differ: {differ[:10]}"
    stemmed = sum(term is not None and term != word for word, term in zip(words, python))
    assert stemmed > len(words) / 3, "most words should be changed by the stemmer, or the test proves little"


def test_inflected_words_meet_in_one_stem():
    german, french = language_for("de"), language_for("fr")
    assert german.stem("rückerstattungen") == german.stem("rückerstattung") == "ruckerstatt"
    assert german.stem("zölle") == german.stem("zoll")
    assert french.stem("remboursements") == french.stem("remboursement")
    assert french.stem("livrées") == french.stem("livraison") or french.stem("livrées") == french.stem("livrée")
    assert language_for("pt-BR") is language_for("pt")
    assert language_for("en").config() == {"pipeline": ["stopWordFilter", "stemmer"]}
    # Languages no Snowball stemmer covers are matched as typed, never with English rules.
    assert language_for("pl").config()["pipeline"] == [] and language_for("ja").stem("zwroty") == "zwroty"


GERMAN_FAQ = """
- category: Geld und Versand
  questions:
    - id: geld-zurueck
      q: Bekomme ich eine Rückerstattung, wenn etwas schiefgeht?
      a: Über eine Rückerstattung entscheiden wir fair; schreib uns mit deiner Unterstützernummer.
    - id: zoll
      q: Muss ich Zölle oder Einfuhrumsatzsteuer zahlen?
      a: Innerhalb der EU nicht. Für die Schweiz und Großbritannien fallen Gebühren an.
    - id: adresse-aendern
      q: Kann ich meine Lieferadresse ändern?
      a: Ja, bis die Umfrage schließt. Schreib uns, wenn du umgezogen bist.
    - id: pakete
      q: Wann kommen die Pakete an?
      a: Die Pakete gehen in der Reihenfolge der Unterstützung raus, über unseren Partner in Leipzig.
"""
GERMAN_QUERIES = [
    "Rückerstattungen", "ich möchte eine rückerstattung", "bekomme ich mein geld zurück?", "zoll", "Zölle",
    "muss ich zoll zahlen", "meine Lieferadresse ändern", "ich bin umgezogen", "„Pakete“", "paket",
    "wann kommt mein Paket an?", "Großbritannien", "grossbritannien", "Gebühr", "Schweiz", "über", "und",
    "Unterstützungen", "schliessen", "Einfuhrumsatzsteuern", "leipzig 2026", "rueckerstattung",
]
FRENCH_FAQ = """
- category: Argent et livraison
  questions:
    - id: remboursement
      q: Puis-je obtenir un remboursement si ma bouilloire arrive abîmée ?
      a: Oui, écrivez-nous avec une photo du colis ; nous remboursons sous 14 jours.
    - id: douane
      q: Dois-je payer des frais de douane ou la TVA ?
      a: Dans l’Union européenne, non. Pour la Suisse et le Royaume-Uni, des frais s’appliquent à la livraison.
    - id: adresse
      q: Comment changer mon adresse de livraison ?
      a: Jusqu’à la clôture du questionnaire, modifiez-la vous-même ; ensuite, écrivez-nous.
"""
FRENCH_QUERIES = [
    "remboursements", "je veux être remboursé", "mon colis est arrivé abîmé", "«douane»", "frais de douane",
    "TVA", "tva suisse", "changer d'adresse", "j’ai déménagé, où va mon colis ?", "livraisons", "livrée",
    "écrivez", "ecrivez", "bouilloires", "questionnaire", "le la les", "Royaume-Uni", "à", "14 jours",
]


def hub_in(tmp_path, language: str, faq: str):
    """The example hub written in `language`, with `faq` added to its FAQ."""
    content = tmp_path / f"content-{language}"
    shutil.copytree(EXAMPLE_CONTENT, content)
    hub_yaml = content / "hub.yaml"
    text = re.sub(r"(?m)^  language: .*$", f"  language: {language}", hub_yaml.read_text(encoding="utf-8"))
    hub_yaml.write_text(text[:text.index("search_checks:")] + text[text.index("settings:"):], encoding="utf-8")
    faq_yaml = content / "faq.yaml"
    faq_yaml.write_text(faq_yaml.read_text(encoding="utf-8").rstrip() + "\n" + faq, encoding="utf-8")
    return content


def assert_parity(built_site, content, queries: list[str]) -> SearchEngine:
    loaded = load_hub(content)
    assert not loaded.report.errors, loaded.report.errors
    index = build_search_index(loaded.hub)
    node = run_worker(built_site, index, queries)
    engine = SearchEngine(index)
    for query, rows, words in zip(queries, node["results"], node["words"]):
        python = engine.search(query)
        assert words == engine.words(query), query
        assert [(r["location"], r["title"], r["snippet"]) for r in rows] == [
            (h.location, h.title, h.snippet) for h in python], query
        assert [r["score"] for r in rows] == pytest.approx([h.score for h in python], rel=1e-9), query
    return engine


def first(engine: SearchEngine, query: str) -> str:
    return engine.top(query, 1)[0].location


def top3(engine: SearchEngine, query: str) -> list[str]:
    return [hit.location for hit in engine.top(query, 3)]


def test_german_sentences_rank_the_same_in_python_and_the_browser(built_site, tmp_path):
    engine = assert_parity(built_site, hub_in(tmp_path, "de", GERMAN_FAQ), GERMAN_QUERIES)
    # The refund policy (its German title and refund terms say «Rückerstattung») may come first: it is an answer too.
    assert "faq/#geld-zurueck" in top3(engine, "Rückerstattungen")
    assert first(engine, "Rückerstattungen") in {"faq/#geld-zurueck", "refund-policy/"}
    assert first(engine, "Einfuhrumsatzsteuern") == "faq/#zoll"
    assert first(engine, "wann kommt mein Paket an?") == "faq/#pakete"
    assert engine.words("ich möchte eine rückerstattung") == ["möchte", "rückerstattung"]  # German stop words


def test_french_sentences_rank_the_same_in_python_and_the_browser(built_site, tmp_path):
    engine = assert_parity(built_site, hub_in(tmp_path, "fr", FRENCH_FAQ), FRENCH_QUERIES)
    # The refund policy («Politique de remboursement») may come first: it is an answer too.
    assert "faq/#remboursement" in top3(engine, "remboursements")
    assert "faq/#remboursement" in top3(engine, "je veux être remboursé")
    assert first(engine, "«douane»") == "faq/#douane"
    assert first(engine, "changer d'adresse") == "faq/#adresse"
    assert engine.words("le la les") == []  # French stop words


def test_hubgen_search_stems_in_the_hubs_language(tmp_path):
    content = hub_in(tmp_path, "de", GERMAN_FAQ)
    result = run_hubgen("search", "Rückerstattungen", str(content))
    assert result.returncode == 0, result.stderr
    first_result = result.stdout.split("\n\n")[0]
    assert "Bekomme ich eine Rückerstattung, wenn etwas schiefgeht?" in first_result, result.stdout


@pytest.fixture
def german_site(tmp_path):
    content = hub_in(tmp_path, "de", GERMAN_FAQ)
    out = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_browser_finds_rueckerstattung_when_a_backer_types_rueckerstattungen(german_site, browser):
    index = json.loads((german_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["language"]["stemmer"] == "de"
    server, url = serve_folder(german_site)
    requests: list[str] = []
    try:
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url + "contact/")
        box = page.locator("#hubgen-answers-1-input")
        box.press_sequentially("Rückerstattungen", delay=5)
        page.wait_for_function(
            "() => document.querySelector('#hubgen-answers-1-list').dataset.query === 'Rückerstattungen'")
        titles = page.locator("#hubgen-answers-1-list .hubgen-result__title").all_inner_texts()
        # Stemmed: the plural finds the entry that says «Rückerstattung» (after the policy of that name, or first).
        assert "Bekomme ich eine Rückerstattung, wenn etwas schiefgeht?" in titles[:3], titles
        page.close()
    finally:
        server.shutdown()
    assert any(r.endswith("/assets/javascripts/lunr/min/lunr.de.min.js") for r in requests), requests
    assert all(r.startswith(url) for r in requests), [r for r in requests if not r.startswith(url)]
