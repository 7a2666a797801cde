"""Mistakes in a translation are found as the original's are: at content/<language>/...:line, with a fix.

A volunteer translating a kettle campaign's hub into German makes the mistakes
creators make in the original: a misspelt key, a pledge state id with a typo, a
list with one item too many, a '#' that YAML takes for a comment. Each would
otherwise drop German text without a word."""

from __future__ import annotations

import re

from conftest import run_hubgen

GERMAN_HUB_WITH_MISTAKES = """
milestones:
  - title: Kampagne endet
  - title: Umfragen verschickt
  - title: Vorserienmuster freigegeben
  - title: Serienproduktion beginnt
  - title: Bestellungen gesperrt
  - title: Erste Wasserkocher gehen raus
  - title: Weihnachtsfeier im Lager
shipping:
  - region: Vereinigtes Königreich
  - regoin: Europäische Union
contcat:
  hours: Mo–Fr, 9–17 Uhr
"""


def lint(content):
    return run_hubgen("lint", str(content), "--today", "2026-11-25")


def test_mistakes_in_a_translated_hub_yaml_are_errors_at_their_line(content_here):
    german = content_here / "de" / "hub.yaml"
    text = german.read_text(encoding="utf-8").replace("  - id: shipped\n", "  - id: shiped\n")
    german.write_text(text + GERMAN_HUB_WITH_MISTAKES, encoding="utf-8")
    lines = german.read_text(encoding="utf-8").splitlines()

    def line_of(start: str, after: int = 0) -> int:
        return next(n for n, line in enumerate(lines, 1) if n > after and line.startswith(start))

    result = lint(content_here)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (f"content/de/hub.yaml:{line_of('  - id: shiped')}:9: error HUB027: there is no pledge state 'shiped' "
            "in the original hub.yaml to translate (did you mean 'shipped'?)") in result.stdout
    assert (f"content/de/hub.yaml:{line_of('  - title: Weihnachtsfeier')}:5: error HUB027: 'milestones' has 7 "
            "items here but 6 in the original hub.yaml: item 7 translates nothing, and is not shown (give the "
            "original's 6 milestones in the same order; add a new one to the original hub.yaml first)") in result.stdout
    assert (f"content/de/hub.yaml:{line_of('  - regoin')}:5: error HUB022: unknown key 'regoin' in shipping region "
            "(did you mean 'region'?)") in result.stdout
    assert (f"content/de/hub.yaml:{line_of('contcat')}:1: error HUB022: unknown key 'contcat' in translated "
            "hub.yaml (did you mean 'contact'?)") in result.stdout
    assert "Traceback" not in result.stderr
    built = run_hubgen("build", str(content_here), "-o", "site", "--today", "2026-11-25")
    assert built.returncode == 1 and "HUB022" in built.stdout + built.stderr


def test_the_translated_hub_yaml_of_the_example_is_clean(content_here):
    assert lint(content_here).returncode == 0


def test_a_hash_in_translated_text_is_found_as_in_the_original(content_here):
    faq = content_here / "de" / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("      q: Wie kann ich mein Paket verfolgen?\n",
                                "      q: Wo ist Paket #2 von Welle #1?\n"), encoding="utf-8")
    line = faq.read_text(encoding="utf-8").splitlines().index("      q: Wo ist Paket #2 von Welle #1?") + 1
    update = content_here / "de" / "updates" / "2026-11-18-shipping-plan.md"
    update.write_text(update.read_text(encoding="utf-8").replace("title: ", "title: Welle #1: ", 1), encoding="utf-8")
    result = lint(content_here)
    assert result.returncode == 1
    assert (f"content/de/faq.yaml:{line}:23: error HUB210: this text is published as 'Wo ist Paket': YAML reads "
            "' #2 von Welle #1?' as a comment and drops it (put the whole text in quotes: "
            'q: "Wo ist Paket #2 von Welle #1?")') in result.stdout
    assert "content/de/updates/2026-11-18-shipping-plan.md:2:" in result.stdout
    assert "error HUB210: this text is published as 'Welle'" in result.stdout


MOVED_QUESTION = """    - id: add-ons
      q: Kann ich noch Extras kaufen?
      a: Ja, bis die Bestellungen gesperrt werden, in deiner BackerKit-Umfrage.
"""


def test_a_question_moved_to_another_category_keeps_the_originals_structure(content_here, tmp_path):
    # In the original, add-ons is under "Surveys and orders"; the translator
    # put it under "Versand und Lieferung", which translates "Shipping and delivery".
    faq = content_here / "de" / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("- category: Umfragen und Bestellungen\n",
                                MOVED_QUESTION + "\n- category: Umfragen und Bestellungen\n"), encoding="utf-8")
    line = faq.read_text(encoding="utf-8").splitlines().index("    - id: add-ons") + 1
    result = lint(content_here)
    assert result.returncode == 0, result.stdout
    assert (f"content/de/faq.yaml:{line}:7: warning HUB261: 'add-ons' is under 'Versand und Lieferung' "
            "here, which translates 'Shipping and delivery', but the original has it under 'Surveys and orders': "
            "the pages show it there (move it under the category that translates 'Surveys and orders' (add one "
            "if there is none))") in result.stdout
    site = tmp_path / "site"
    assert run_hubgen("build", str(content_here), "-o", str(site), "--today", "2026-11-25").returncode == 0
    import re

    page = (site / "de" / "faq" / "index.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>|&para;", "", heading).strip() for heading in re.findall(r"<h2\b[^>]*>(.*?)</h2>", page)]
    assert headings.count("Versand und Lieferung") == 1, headings
    assert headings.count("Umfragen und Bestellungen") == 1, headings
    surveys = re.search(r"<h2\b[^>]*>Umfragen und Bestellungen", page).start()
    refunds = re.search(r"<h2\b[^>]*>Rückerstattung und Rückgabe", page).start()
    assert surveys < page.index('<h3 id="add-ons"') < refunds  # shown where the original has it


def test_a_misspelt_key_in_a_translated_faq_is_an_error_at_its_line(content_here):
    """A tester wrote `question:` for `q:` and `categroy:` in de/faq.yaml: the German question
    and category name were dropped for the English without a word."""
    german = content_here / "de" / "faq.yaml"
    text = german.read_text(encoding="utf-8")
    text = text.replace("- category: ", "- categroy: ", 1).replace("      q: ", "      question: ", 1)
    german.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    category = next(n for n, line in enumerate(lines, 1) if line.startswith("- categroy:"))
    question = next(n for n, line in enumerate(lines, 1) if line.startswith("      question:"))
    result = lint(content_here)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (f"content/de/faq.yaml:{category}:3: error HUB022: unknown key 'categroy' in FAQ category "
            "(did you mean 'category'?)") in result.stdout
    assert (f"content/de/faq.yaml:{question}:7: error HUB022: unknown key 'question' in FAQ entry "
            "(did you mean 'q'?)") in result.stdout


def test_a_region_added_above_translated_ones_stops_the_build_instead_of_shifting_them(content_here):
    """A tester added a region at the top of the original's list: the French regions, matched
    by place, each moved onto the next region, and fr/delivery/ showed 'Royaume-Uni ...
    countries: Ireland'. Now the translation recorded from another place is an error at its
    line, with the fix, and the build stops before publishing it."""
    german = content_here / "de" / "hub.yaml"
    german.write_text(german.read_text(encoding="utf-8") + "shipping:\n  - region: Vereinigtes Königreich\n"
                      "  - region: Europäische Union\n", encoding="utf-8")
    assert run_hubgen("translations", "content", "--mark-current", "de").returncode == 0
    original = content_here / "hub.yaml"
    original.write_text(original.read_text(encoding="utf-8").replace(
        "  - region: United Kingdom\n",
        "  - region: Ireland\n    countries: [IE]\n    status: waiting\n    estimate: 2027-03-01\n"
        "  - region: United Kingdom\n", 1).replace("HU, IE, IT", "HU, IT", 1), encoding="utf-8")
    line = german.read_text(encoding="utf-8").splitlines().index("  - region: Vereinigtes Königreich") + 1
    result = lint(content_here)
    assert result.returncode == 1
    problems = [problem for problem in result.stdout.splitlines() if "HUB027" in problem]
    assert problems == [
        f"content/de/hub.yaml:{line}:5: error HUB027: item 1 of 'shipping' was translated from the original's "
        "'United Kingdom', which is now item 2: an item was added or removed above it in the original hub.yaml "
        "(until the places match again, from item 1 on the original's words are shown) (insert a translation of "
        "'Ireland' above it (or '- {}' to show it in the original's words))"]
    assert "HUB260" not in result.stdout  # one mistake, one message
    german.write_text(german.read_text(encoding="utf-8").replace("shipping:\n", "shipping:\n  - region: Irland\n"),
                      encoding="utf-8")
    assert lint(content_here).returncode == 0
    built = run_hubgen("build", "content", "-o", "site", "--today", "2026-11-25")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (content_here.parent / "site" / "de" / "delivery" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<section class="hubgen-region"[^>]* id="(region-\d)".*?<h3[^>]*>([^<]*)<', page, re.S)
    assert headings[:3] == [("region-1", "Irland"), ("region-2", "Vereinigtes Königreich"),
                            ("region-3", "Europäische Union")]
