"""A hub in several languages: the original at the root, each translation under <language>/.

The example content is in English with a German translation (content/de/) that
leaves most FAQ entries, two updates and the extra pages untranslated: those are
shown in English on the German pages, marked and with a note in German.
"""

from __future__ import annotations

import json
import re
import shutil

import feedparser
import yaml

from conftest import run_hubgen


def html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8") if not path.endswith(".html") else (
        site / path).read_text(encoding="utf-8")


def test_every_german_page_says_it_is_german_and_where_its_english_original_is(built_site):
    for path in ("de", "de/faq", "de/refund-policy", "de/pledge-states", "de/contact",
                 "de/updates/2026-11-18-shipping-plan", "de/pages/shipping"):
        page = html(built_site, path)
        assert '<html lang="de"' in page, path
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
        assert set(alternates) == {"en", "de"}, path
        here = built_site / path
        assert (here / alternates["de"]).resolve() == here.resolve(), path
        assert (here / alternates["en"]).resolve() == (built_site / path[3:]).resolve(), path
    english = html(built_site, "faq")
    assert '<html lang="en"' in english
    assert '<link rel="alternate" hreflang="de" href="../de/faq/">' in english


def switcher(page: str) -> str:
    return re.search(r'<nav class="hubgen-languages" aria-label="([^"]+)">(.*?)</nav>', page, re.S).group(0)


def test_the_language_switcher_stays_on_the_same_page(built_site):
    german_faq = switcher(html(built_site, "de/faq"))
    assert 'aria-label="Sprache"' in german_faq
    assert '<a href="../../faq/" hreflang="en" lang="en">English</a>' in german_faq
    assert '<span class="hubgen-languages__current" aria-current="page" lang="de">Deutsch</span>' in german_faq
    english_update = switcher(html(built_site, "updates/2026-11-18-shipping-plan"))
    assert 'aria-label="Language"' in english_update
    assert '<a href="../../de/updates/2026-11-18-shipping-plan/" hreflang="de" lang="de">Deutsch</a>' in english_update
    assert '<a href="./de/" hreflang="de" lang="de">Deutsch</a>' in switcher(html(built_site, ""))
    # Every link of every switcher leads to a page that exists.
    for page in built_site.rglob("index.html"):
        for href in re.findall(r'<a href="([^"]+)" hreflang=', switcher(page.read_text(encoding="utf-8"))):
            assert (page.parent / href / "index.html").resolve().is_file(), (page, href)


def test_untranslated_text_is_shown_in_the_original_marked_and_with_a_note(built_site):
    faq = html(built_site, "de/faq")
    assert '<h3 id="when-ship">Wann wird mein Wasserkocher verschickt?' in faq  # translated: no mark
    assert '<h3 id="no-survey" lang="en">I never got my survey email' in faq
    untranslated = re.search(r'<h3 id="no-survey".*?<div class="hubgen-untranslated" lang="en">\s*'
                             r'<p class="hubgen-untranslated__note" lang="de">([^<]+)</p>', faq, re.S)
    assert untranslated.group(1) == "Noch nicht übersetzt: hier das Original auf Englisch."
    assert "hubgen-untranslated" not in faq.split('id="when-ship"')[1].split("<h3")[0]
    update = html(built_site, "de/updates/2026-11-12-mass-production-started")
    assert 'class="hubgen-untranslated" lang="en"' in update and "Noch nicht übersetzt" in update
    translated = html(built_site, "de/updates/2026-11-18-shipping-plan")
    assert "Der Versandplan, und eine Verspätung für Australien" in translated
    assert "hubgen-untranslated" not in translated
    policy = html(built_site, "de/refund-policy")
    assert 'id="how-to-ask-for-a-refund"' in policy and "So beantragst du eine Rückerstattung" in policy
    assert "hubgen-untranslated" not in policy
    states = html(built_site, "de/pledge-states")
    assert "Unterstützung eingezogen" in states and "Payment errored" in states  # a label left in English
    assert "hubgen-untranslated" not in html(built_site, "faq")  # the original has no notes


def test_each_language_has_its_own_feeds_search_index_and_404(built_site):
    feed = feedparser.parse((built_site / "de" / "feed.xml").read_bytes())
    titles = {entry.title: entry.link for entry in feed.entries}
    assert titles["Der Versandplan, und eine Verspätung für Australien"] == \
        "https://help.tidewater.example/de/updates/2026-11-18-shipping-plan/"
    assert 'xml:lang="de"' in (built_site / "de" / "feed.xml").read_text(encoding="utf-8")
    index = json.loads((built_site / "de" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["de"] and index["config"]["language"]["stemmer"] == "de"
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["faq/#when-ship"] == "Wann wird mein Wasserkocher verschickt?"
    assert "Noch nicht übersetzt" not in json.dumps(index, ensure_ascii=False)  # the note is no answer
    english = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "language" not in english["config"]
    assert '<html lang="de"' in (built_site / "de" / "404.html").read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in (built_site / "de" / "milestones.ics").read_text(encoding="utf-8")


def test_a_translated_question_the_original_does_not_have_is_named_at_its_line(tmp_path, content_copy):
    faq = content_copy / "de" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("    - id: refund-time\n", "    - id: refund-times\n"),
                   encoding="utf-8")
    line = faq.read_text(encoding="utf-8").splitlines().index("    - id: refund-times") + 1
    result = run_hubgen("lint", str(content_copy), "--today", "2026-11-25")
    assert result.returncode == 1
    assert (f"{content_copy}/de/faq.yaml:{line}:7: error HUB027: there is no question 'refund-times' in the "
            "original faq.yaml to translate (did you mean 'refund-time'?)") in result.stdout


def test_a_hub_without_languages_builds_no_language_folders(tmp_path, content_copy):
    hub = content_copy / "hub.yaml"
    hub.write_text(re.sub(r"(?m)^  languages: .*\n", "", hub.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "site"
    assert run_hubgen("build", str(content_copy), "-o", str(out)).returncode == 0
    assert not (out / "de").exists()
    assert "hubgen-languages" not in html(out, "faq") and "hreflang" not in html(out, "faq")
    shutil.rmtree(out)


def test_changing_an_original_warns_at_the_translations_line_and_says_what_changed(content_copy):
    faq = content_copy / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        "We send the refund within 5 business days", "We send the refund within 3 business days"), encoding="utf-8")
    original_line = faq.read_text(encoding="utf-8").splitlines().index("    - id: refund-time") + 1
    german = (content_copy / "de" / "faq.yaml").read_text(encoding="utf-8").splitlines()
    record_line = german.index("    - id: refund-time") + 2
    assert german[record_line - 1].startswith('      translated_from: "q:')
    result = run_hubgen("lint", str(content_copy), "--today", "2026-11-25")
    assert result.returncode == 0
    assert (f"{content_copy}/de/faq.yaml:{record_line}:7: warning HUB260: the original changed since this "
            f"translation was made: its answer ({content_copy}/faq.yaml:{original_line}:7) (bring the translation "
            "up to date, then run `hubgen translations --mark-current de refund-time`)") in result.stdout
    assert result.stdout.count("HUB260") == 1
    listed = run_hubgen("translations", str(content_copy))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("de: 12 current, 1 out of date, 22 missing\n")
    assert (f"  out of date  {content_copy}/de/faq.yaml:{record_line}:7  refund-time: the original's answer "
            "changed\n") in listed.stdout
    assert "  missing      faq.yaml#no-survey\n" in listed.stdout
    assert "  missing      updates/2026-11-12-mass-production-started.md\n" in listed.stdout
    marked = run_hubgen("translations", str(content_copy), "--mark-current", "de", "refund-time")
    assert marked.returncode == 0 and marked.stdout == "de: 1 translation(s) recorded as current.\n"
    assert "HUB260" not in run_hubgen("lint", str(content_copy), "--today", "2026-11-25").stdout


def test_mark_current_records_a_translation_that_never_was(content_copy):
    update = content_copy / "de" / "updates" / "2026-11-18-shipping-plan.md"
    update.write_text(re.sub(r'(?m)^translated_from: .*\n', "", update.read_text(encoding="utf-8")), encoding="utf-8")
    listed = run_hubgen("translations", str(content_copy)).stdout
    assert (f"  out of date  {update}:1  2026-11-18-shipping-plan: never recorded as current\n") in listed
    assert run_hubgen("lint", str(content_copy), "--today", "2026-11-25").stdout.count("HUB260") == 0
    unknown = run_hubgen("translations", str(content_copy), "--mark-current", "de", "no-such-entry")
    assert unknown.returncode == 2 and "no translation in 'de' of no-such-entry" in unknown.stderr
    assert run_hubgen("translations", str(content_copy), "--mark-current", "de").returncode == 0
    assert 'translated_from: "title:' in update.read_text(encoding="utf-8").split("---")[1]
    assert "  out of date  " not in run_hubgen("translations", str(content_copy)).stdout


def test_every_german_page_has_the_german_policy_one_click_away_and_the_pinned_notice(built_site):
    for page in (built_site / "de").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        banner = text.split('data-md-component="announce"')[1].split("</aside>")[0]
        if page != built_site / "de" / "index.html":
            assert "Hinweis:" in banner and "Der Versandplan, und eine Verspätung für Australien" in banner, page
        links = re.findall(r'href="([^"]+)"', banner)
        targets = {(page.parent / link).resolve() if not link.startswith("/") else
                   (built_site / link.lstrip("/")).resolve() for link in links}
        assert (built_site / "de" / "refund-policy").resolve() in targets, page


def test_hubgen_share_gives_each_languages_version(example_content):
    german = run_hubgen("share", "2026-11-18-shipping-plan", str(example_content), "--to", "social", "--language", "de")
    assert german.returncode == 0, german.stderr
    assert german.stdout.startswith("Die ersten Wasserkocher gehen Ende Januar raus")
    assert "https://help.tidewater.example/de/updates/2026-11-18-shipping-plan/" in german.stdout
    english = run_hubgen("share", "2026-11-18-shipping-plan", str(example_content), "--to", "social")
    assert "https://help.tidewater.example/updates/2026-11-18-shipping-plan/" in english.stdout
    unknown = run_hubgen("share", "2026-11-18-shipping-plan", str(example_content), "--to", "text", "--language", "fr")
    assert unknown.returncode == 2 and "not translated into 'fr'" in unknown.stderr


def test_each_language_runs_its_own_search_checks_against_its_own_index(content_copy):
    assert run_hubgen("lint", str(content_copy), "--today", "2026-11-25").returncode == 0  # German checks pass
    hub = content_copy / "de" / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8") + "  - query: Wasserkocher entkalken\n    expect: refund-time\n",
                   encoding="utf-8")
    line = len(hub.read_text(encoding="utf-8").splitlines()) - 1
    result = run_hubgen("lint", str(content_copy), "--today", "2026-11-25")
    assert result.returncode == 1
    assert (f"{content_copy}/de/hub.yaml:{line}:12: error HUB170: searching 'Wasserkocher entkalken' does not "
            "show 'refund-time' in the top 3; it shows:") in result.stdout


def test_a_regional_language_is_named_in_full_on_every_page(content_copy, tmp_path):
    """A hub written in Brazilian Portuguese with a Swiss German translation: <html lang>
    says pt-BR and de-CH as project.language and project.languages write them, while the
    theme speaks the closest language it has (Brazilian Portuguese; German)."""
    hub = content_copy / "hub.yaml"
    text = hub.read_text(encoding="utf-8")
    text = text.replace("  language: en\n", "  language: pt-BR\n").replace("languages: [de]", "languages: [de-CH]")
    # English questions: the pages' own words are Portuguese now
    checks = text[text.index("\nsearch_checks:"):text.index("\nsettings:")]
    hub.write_text(text.replace(checks, ""), encoding="utf-8")
    (content_copy / "de").rename(content_copy / "de-CH")
    site = tmp_path / "site"
    result = run_hubgen("build", str(content_copy), "-o", str(site), "--today", "2026-11-25")
    assert result.returncode == 0, result.stdout + result.stderr
    for path in ("", "faq", "updates/2026-11-18-shipping-plan", "404.html"):
        page = html(site, path)
        assert '<html lang="pt-BR"' in page, path
        assert "Pular para conteúdo" in page or path == "404.html", path  # the theme's Brazilian words
        swiss = html(site, "de-CH/" + path if path else "de-CH")
        assert '<html lang="de-CH"' in swiss, path
        assert "Zum Inhalt" in swiss or path == "404.html", path
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html(site, "faq")))
    assert set(alternates) == {"pt-BR", "de-CH"}


def test_a_language_that_is_no_language_code_is_refused_at_its_line(content_copy):
    hub = content_copy / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8").replace("  language: en\n", '  language: "pt-BR x"\n'),
                   encoding="utf-8")
    result = run_hubgen("lint", str(content_copy), "--today", "2026-11-25")
    assert result.returncode == 1
    assert (f"{content_copy}/hub.yaml:11:13: error HUB023: 'pt-BR x' is not a language code "
            "(write a code such as en, de-AT or pt-BR)") in result.stdout


def test_a_translation_that_does_not_parse_is_the_one_problem_reported(content_copy):
    """A tester's YAML slip in de/faq.yaml came with three German search checks failing and
    advice to add keywords the entries already had: the checks ran on the English fallback."""
    faq = content_copy / "de" / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("      q: Wann wird mein Wasserkocher verschickt?",
                                '      q: Wann wird: mein Wasserkocher "verschickt"?', 1), encoding="utf-8")
    result = run_hubgen("lint", str(content_copy), "--today", "2026-11-25")
    problems = [line for line in result.stdout.splitlines() if ": error " in line or ": warning " in line]
    assert result.returncode == 1 and len(problems) == 1, result.stdout
    assert problems[0].startswith(f"{content_copy.as_posix()}/de/faq.yaml:8:") and " HUB010: " in problems[0]


def test_a_mistyped_translation_name_is_offered_the_original_it_meant(content_copy):
    """A tester's 'no-survy' and `--mark-current de when-shp` were told only to use an id of the original."""
    marked = run_hubgen("translations", str(content_copy), "--mark-current", "de", "refund-polcy")
    assert marked.returncode == 2 and "did you mean 'refund-policy'?" in marked.stderr
    faq = content_copy / "de" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("    - id: when-ship", "    - id: when-shp", 1),
                   encoding="utf-8")
    updates = content_copy / "de" / "updates"
    (updates / "2026-11-18-shipping-plan.md").rename(updates / "2026-11-18-shiping-plan.md")
    result = run_hubgen("lint", str(content_copy), "--today", "2026-11-25")
    assert "there is no question 'when-shp' in the original faq.yaml to translate (did you mean 'when-ship'?)" \
        in result.stdout
    assert ("there is no updates/2026-11-18-shiping-plan.md in the original to translate (rename it to "
            "2026-11-18-shipping-plan.md)") in result.stdout


def _answer_with_link(content, entry_id: str, link: str) -> None:
    """Put a sentence with `link` at the start of FAQ entry `entry_id`'s answer."""
    faq = content / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    start = text.index(f"  - id: {entry_id}\n")
    end = text.index("\n", text.index("a: |", start))
    faq.write_text(text[:end + 1] + f"        See [this]({link}).\n" + text[end + 1:], encoding="utf-8")


def test_a_translated_region_keeps_the_originals_anchor(content_copy, tmp_path):
    """A tester linked /delivery/#european-union from an answer German backers read in
    English; with the region translated, the German page called it #europaische-union and
    lint told them to link that, which breaks the English page."""
    german = content_copy / "de" / "hub.yaml"
    german.write_text(german.read_text(encoding="utf-8") + "shipping:\n  - region: Vereinigtes Königreich\n"
                      "  - region: Europäische Union\n", encoding="utf-8")
    _answer_with_link(content_copy, "card-declined", "/delivery/#european-union")  # not translated into German
    site = tmp_path / "site"
    result = run_hubgen("build", str(content_copy), "-o", str(site), "--today", "2026-11-25")
    assert result.returncode == 0 and "HUB161" not in result.stdout + result.stderr, result.stdout + result.stderr
    page = html(site, "de/delivery/")
    assert re.search(r'<h3 id="european-union"[^>]*>Europäische Union', page), page


def test_an_anchor_a_translation_lost_is_named_on_that_languages_page(content_copy):
    """The German policy heading without the original's {#anchor}: the link in an answer
    German backers read in English breaks on /de/refund-policy/, which is what lint says."""
    policy = content_copy / "de" / "refund-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8").replace(" {#when-the-money-arrives}", ""), encoding="utf-8")
    _answer_with_link(content_copy, "card-declined", "/refund-policy/#when-the-money-arrives")
    result = run_hubgen("lint", str(content_copy), "--today", "2026-11-25")
    problems = [line for line in result.stdout.splitlines() if "HUB161" in line]
    assert len(problems) == 1, result.stdout
    assert "/de/refund-policy/ has no '#when-the-money-arrives' on it" in problems[0]
    assert "'## Translated heading {#when-the-money-arrives}'" in problems[0]


def test_the_originals_facts_are_checked_once_not_once_per_language(content_copy):
    """A tester was told three times, at updates/, de/updates/ and fr/updates/, that the newest
    update is old, and thought each language needed its own; dates and promises are the
    original's, so lint says it once, at the original."""
    result = run_hubgen("lint", str(content_copy), "--today", "2026-12-07")
    stale = [line for line in result.stdout.splitlines() if "HUB120" in line]
    assert len(stale) == 1 and "/de/" not in stale[0], result.stdout


def _related(page: str) -> dict[str, list[str]]:
    """Each FAQ answer's id -> the ids its related answers link to, in order."""
    found = {}
    for part in page.split('<h3 id="')[1:]:
        entry = part.split('"', 1)[0]
        start = part.find('class="hubgen-related"')
        nav = part[start:part.find("</nav>", start)] if start != -1 else ""
        found[entry] = re.findall(r'href="[^"]*#([a-z0-9-]+)"', nav)
    return found


def test_every_language_shows_the_originals_related_answers(built_site):
    """A tester found German 'How do I clean it?' (untranslated) related to change-address,
    cancel-pledge and card-declined: ranked in German on a mix of German and English
    answers. The answers related to each are the original's, in every language."""
    english, german = _related(html(built_site, "faq/")), _related(html(built_site, "de/faq/"))
    assert english.keys() == german.keys() and sum(map(len, english.values())) >= 10
    assert german == english


def test_each_languages_404_page_links_home_in_its_own_words(built_site):
    """A tester found the German 404 page linking to the English home and to nothing German."""
    german = html(built_site, "de/404.html")
    assert '<a href="/de/">Zur Startseite</a>' in german
    assert '<a href="/">Go to the home page</a>' in html(built_site, "404.html")


def test_each_languages_calendar_has_its_own_event_uids(built_site):
    """A backer subscribed to the English and the German calendar gets each milestone in
    both, not two calendars fighting over one UID; each keeps its UIDs from build to build."""
    def uids(path):
        text = (built_site / path).read_text(encoding="utf-8")
        return [line.removeprefix("UID:") for line in text.splitlines() if line.startswith("UID:")]

    english, german = uids("milestones.ics"), uids("de/milestones.ics")
    assert len(english) == len(german) >= 5 and not set(english) & set(german)
    assert [uid.replace("-de-", "-", 1) for uid in german] == english  # the same events, each its own


def test_search_results_write_dates_as_the_pages_do(built_site):
    """A tester read 'Zuletzt geändert am 2026-10-01' and '2026-11-18 Hier ist...' in German
    search results, where the pages say '1. Oktober 2026'."""
    for index in ("search/search_index.json", "de/search/search_index.json"):
        docs = json.loads((built_site / index).read_text(encoding="utf-8"))["docs"]
        assert not [doc["location"] for doc in docs if re.search(r"\d{4}-\d{2}-\d{2}", doc["text"])], index
    german = json.loads((built_site / "de/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    plan = next(doc for doc in german if doc["location"] == "updates/2026-11-18-shipping-plan/")
    assert "18. November 2026" in plan["text"]


def test_the_contents_of_an_untranslated_page_are_marked_in_its_language(built_site):
    """A tester found the table of contents of the English privacy page and factory-visit
    update, shown on German pages, with no lang: screen readers read them as German."""
    for path, heading in (("de/pages/privacy/", "What we keep"), ("de/updates/2026-09-12-factory-visit/", "What we saw")):
        page = html(built_site, path)
        toc = page[page.index('data-md-component="toc"'):]
        assert f'<span lang="en">{heading}</span>' in toc[:toc.index("</nav>")], path
