"""Labels a backer reads follow project.language and contact.voice (hubgen/labels/)."""

from __future__ import annotations

import json
import re
import shutil
import string

import pytest

from conftest import EXAMPLE_CONTENT, run_hubgen, serve_folder
from hubgen.labels import VOICES, catalogue, catalogue_languages, labels_for


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_exists_in_every_language_with_the_same_placeholders():
    english = catalogue("en")
    assert {"de", "en", "fr", "es", "it", "nl", "pl", "pt-BR", "ja"} <= set(catalogue_languages())
    for language in catalogue_languages():
        labels = catalogue(language)
        assert set(labels) == set(english), (language, set(english) ^ set(labels))
        for key, value in english.items():
            other = labels[key]
            assert isinstance(other, dict) == isinstance(value, dict), (language, key)
            for voice in (VOICES if isinstance(value, dict) else [None]):
                text, theirs = (value[voice], other[voice]) if voice else (value, other)
                assert placeholders(theirs) == placeholders(text), (language, key, voice)
                assert theirs.strip(), (language, key, voice)


def test_templates_only_use_labels_that_exist():
    from hubgen.render.templates import templates_dir

    known = set(catalogue("en"))
    used = set()
    for template in templates_dir().glob("*.j2"):
        text = template.read_text()
        used |= set(re.findall(r"\bt\('([\w.]+)'", text))
        used |= {f"{key}_{n}" for key in re.findall(r"\bt\.counted\('([\w.]+)'", text) for n in ("one", "many")}
    assert used and used <= known, used - known


@pytest.fixture(scope="module")
def german_site(tmp_path_factory):
    """The example hub written by one person in German, with a no-refunds policy."""
    content = tmp_path_factory.mktemp("de") / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    hub = (content / "hub.yaml").read_text()
    hub = hub.replace("  language: en\n", "  language: de\n")
    hub = hub.replace("  response_time: within 2 business days\n",
                      "  response_time: innerhalb von zwei Werktagen\n  voice: i\n")
    # Search checks rank queries the English way only (HUB170): a German hub checks in the browser.
    hub = hub[:hub.index("search_checks:")] + hub[hub.index("settings:"):]
    (content / "hub.yaml").write_text(hub)
    (content / "refund-policy.md").write_text(
        "---\nupdated: 2026-10-01\nwindow_days: 0\n---\n"
        "Jede Unterstützung ist endgültig.\n\n## Wenn etwas schiefgeht {#how-to-ask-for-a-refund}\n\n"
        "Kommt dein Kessel beschädigt an oder geht die Sendung verloren, schreib mir: "
        "du bekommst Ersatz.\n")
    out = content.parent / "site"
    result = run_hubgen("build", str(content), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def text_of(site, path: str) -> str:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_german_hubs_pages_carry_german_labels(german_site):
    home = text_of(german_site, "")
    assert "Wie kann ich helfen?" in home and "How can we help" not in home
    assert "Neueste Nachricht" in home or "Angeheftet" in home
    contact = text_of(german_site, "contact")
    assert "Ich antworte innerhalb von zwei Werktagen." in contact
    assert "Wer ist wofür zuständig" in contact and "Who handles what" not in contact
    assert "Saltmarsh Goods (also ich)" in contact
    states = text_of(german_site, "pledge-states")
    assert "Was kann ich noch ändern?" in states
    assert "Neuigkeiten von Saltmarsh Goods" in text_of(german_site, "updates")
    # The contact form, its thanks page and "Was this helpful?" (filled in by script from data- labels).
    assert "Frag mich" in contact and "Dein Name" in contact and "Deine Frage" in contact
    assert "Rückerstattung: Ich möchte mein Geld zurück" in contact and "Your name" not in contact
    assert "Danke, deine Nachricht ist unterwegs" in text_of(german_site, "contact/thanks")
    faq = (german_site / "faq" / "index.html").read_text(encoding="utf-8")
    assert 'data-label-question="War das hilfreich?"' in faq and 'data-label-yes="Ja"' in faq


def test_a_german_hubs_search_results_carry_german_titles(german_site):
    from hubgen.search.index import INDEX_PATH

    index = json.loads((german_site / INDEX_PATH).read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["pledge-states/#what-can-i-change"] == "Was kann ich noch ändern?"
    assert titles["contact/#routing"] == "Wer ist wofür zuständig"
    assert titles["updates/"] == "Neuigkeiten" and titles["faq/"] == "Fragen und Antworten"


def test_a_one_person_creator_is_never_us(german_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    hub = (content / "hub.yaml").read_text().replace(
        "  response_time: within 2 business days\n", "  response_time: within 2 business days\n  voice: i\n")
    (content / "hub.yaml").write_text(hub)
    out = tmp_path / "site"
    assert run_hubgen("build", str(content), "-o", str(out)).returncode == 0
    contact = text_of(out, "contact")
    assert "I answer within 2 business days." in contact
    assert "Us, " not in contact and "We answer" not in contact and "that's us" not in contact
    assert "How can I help?" in text_of(out, "")


def test_no_refunds_is_said_plainly_not_as_a_zero_day_window(german_site):
    policy = text_of(german_site, "refund-policy")
    assert "Rückerstattungen: keine." in policy and "0 Tage" not in policy
    home = text_of(german_site, "")
    assert "Warum es keine Rückerstattung gibt" in home


def test_the_browser_says_days_ago_in_the_hubs_language(german_site, browser):
    server, url = serve_folder(german_site)
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(url)
        ago = page.locator(".hubgen-ago").first.inner_text()
        assert re.fullmatch(r" ?\((heute|gestern|vor \d+ Tagen)\)", ago), ago
        page.goto(url + "updates/")
        overdue = page.locator(".hubgen-milestone--overdue .hubgen-milestone__status")
        if overdue.count():  # depends on the day the test runs
            assert "überfällig" in overdue.first.inner_text()
        page.close()
    finally:
        server.shutdown()


def test_the_opened_from_disk_note_speaks_the_hubs_language(german_site):
    home = (german_site / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="hubgen-banner__disk"[^>]*>(.*?)</p>', home, re.S).group(1)
    assert "Festplatte" in note and "hubgen serve" in note and "opened from disk" not in home


def test_the_answer_box_and_header_search_speak_the_hubs_language(german_site, browser):
    # The box's own words come from the catalogue, in the hub's voice: a German
    # backer of a one-person creator never reads "How can we help?".
    home = (german_site / "index.html").read_text(encoding="utf-8")
    for english in ("How can we help", "Search the answers", "No answers found", "Ask a question", "{n} answers"):
        assert english not in home, english
    server, url = serve_folder(german_site)
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(url + "contact/")
        assert page.locator("label[for='hubgen-answers-1-input']").inner_text() == "Wie kann ich helfen?"
        box = page.locator("#hubgen-answers-1-input")
        assert box.get_attribute("placeholder") == "Stell eine Frage, z. B. Ich bin umgezogen"
        status = page.locator("#hubgen-answers-1-status")
        box.press_sequentially("zzqx wqzzy", delay=5)
        page.wait_for_function("() => document.querySelector('#hubgen-answers-1-list').dataset.query === 'zzqx wqzzy'")
        assert status.inner_text() == "Keine Antworten gefunden. Versuch es mit anderen Wörtern oder schreib mir."
        box.fill("")
        box.press_sequentially("kettle", delay=5)
        page.wait_for_function("() => document.querySelector('#hubgen-answers-1-list').dataset.query === 'kettle'")
        assert re.fullmatch(r"1 Antwort|\d+ Antworten", status.inner_text()), status.inner_text()
        header = page.locator("input.md-search__input")
        assert header.get_attribute("placeholder") == "Suchen"
        assert header.get_attribute("aria-label") == "Antworten durchsuchen"
        page.close()
    finally:
        server.shutdown()


def test_a_language_reads_its_own_catalogue_else_its_regions_else_english():
    assert labels_for("pt-BR").language == "pt-BR"
    assert labels_for("pt").language == labels_for("pt-PT").language == "pt-BR"
    assert labels_for("de-AT").language == "de" and labels_for("es-MX").language == "es"
    assert labels_for("sv").language == "en"
    assert labels_for("ja")("home.help") == "どのようなことでお困りですか？"


def built_in(tmp_path, language: str):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    hub = (content / "hub.yaml").read_text().replace("  language: en\n", f"  language: {language}\n")
    (content / "hub.yaml").write_text(hub[:hub.index("search_checks:")] + hub[hub.index("settings:"):])
    out = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("language, words", [
    ("ja", ["どのようなことでお困りですか？", "すべての最新情報"]),
    ("pt-BR", ["Como podemos ajudar?", "Todas as novidades"]),
])
def test_a_hub_in_a_new_language_speaks_it(tmp_path, language, words):
    site = built_in(tmp_path, language)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in home  # as written, region and all (the theme's catalogue says "pt")
    assert all(word in text_of(site, "") for word in words), words
    assert "How can we help" not in home and "All updates" not in home


def test_a_right_to_left_hub_mirrors_hubgens_own_boxes(tmp_path, browser):
    """The theme turns an Arabic or Hebrew hub right to left; hubgen's own boxes
    (the latest update's accent bar, the milestone timeline) must follow, not
    keep their bar on the left where a right-to-left reader's eye does not start."""
    site = built_in(tmp_path, "ar")
    assert 'dir="rtl"' in (site / "index.html").read_text(encoding="utf-8")
    server, url = serve_folder(site)
    try:
        page = browser.new_page()
        page.goto(url)
        bars = page.evaluate("""() => [...document.querySelectorAll('.hubgen-latest, .hubgen-timeline > li')]
            .map(e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth])""")
        page.close()
    finally:
        server.shutdown()
    assert bars and all(right != "0px" and left == "0px" for right, left in bars), bars
