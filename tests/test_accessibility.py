"""WCAG 2.2 AA: axe-core finds no violation on any page type, phone and desktop, light and dark."""

from __future__ import annotations

import pytest

from conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# delivery/ with a choice in the address: "Your pledge" answers, and the pages after it
# mark the answers for the backer's segment (its choice stays in the browser).
PAGE_TYPES = ["", "delivery/", "delivery/?country=GB&waves=wave-2&segment=retailer&state=locked", "faq/",
              "refund-policy/", "pledge-states/", "updates/", "updates/tags/shipping/",
              "contact/", "contact/thanks/", "accessibility/", "404.html"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def update_page(example_content):
    from hubgen.pipeline import load_hub

    return f"updates/{load_hub(example_content).hub.public_updates[0].slug}/"


@pytest.mark.usefixtures("node_modules")  # axe-core comes from npm
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(browser, site_url, update_page, width, scheme):
    assert AXE.is_file(), "axe-core is missing: run `npm install` in the repository"
    # The hub follows the system colour scheme, so the palette is set before the
    # first paint; switching it afterwards would let axe measure colours mid-transition.
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in PAGE_TYPES + [update_page]:
        page.goto(site_url + path)
        expected = {"light": "default", "dark": "slate"}[scheme]
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: tags})", WCAG_TAGS)
        found += [f"{path or 'home'}: {v['id']}: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')}"
                  for v in result["violations"]]
    context.close()
    assert not found, "\n".join(found)


# -- the accessibility statement ------------------------------------------------------

def test_every_page_links_to_the_accessibility_statement(built_site):
    """From the footer of every page, 404 included, to accessibility/."""
    from hubgen.urls import ACCESSIBILITY_URL
    from sitewalk import parse

    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        # A translated page links to the statement in its own language (de/accessibility/).
        language = page.relative_to(built_site).parts[0]
        in_language = built_site / language / ACCESSIBILITY_URL / "index.html"
        statement = in_language if in_language.is_file() else built_site / ACCESSIBILITY_URL / "index.html"
        # 404.html is served at any depth: its links are written from the root.
        base = built_site if page.name == "404.html" else page.parent
        targets = set()
        for link in parse(page).links:
            path = link.split("#", 1)[0].split("?", 1)[0]
            if not path or "://" in link or link.startswith("mailto:"):
                continue
            target = (built_site / path.lstrip("/")) if path.startswith("/") else (base / path)
            targets.add((target / "index.html" if target.is_dir() else target).resolve())
        assert statement.resolve() in targets, f"{page.relative_to(built_site)} does not link to the statement"


def _statement_text(site) -> str:
    import re

    html = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    return html, " ".join(re.sub(r"<[^>]+>", " ", article).split())


def test_the_statement_names_the_standard_the_tests_the_limits_and_where_to_report(built_site, example_content):
    from hubgen.pipeline import load_hub

    hub = load_hub(example_content).hub
    html, text = _statement_text(built_site)
    assert "WCAG) 2.2 at level AA" in text  # the standard this suite tests (WCAG_TAGS above)
    assert "axe-core" in text and "W3C Nu validator" in text and "keyboard alone" in text
    assert "Known limits" in text and "not been audited by people with disabilities" in text
    assert f'href="mailto:{hub.contact.email}?' in html
    assert f"write to us at {hub.contact.email}" in text
    assert f"We answer {hub.contact.response_time}." in text


@pytest.mark.parametrize("language, title, standard", [
    ("de", "Barrierefreiheit", "(WCAG) 2.2 auf Stufe AA"),
    ("fr", "Accessibilité", "(WCAG) 2.2 au niveau AA"),
    ("ja", "アクセシビリティ", "(WCAG) 2.2 のレベル AA"),
])
def test_the_statement_speaks_the_hubs_language(tmp_path, language, title, standard):
    import textwrap

    from conftest import run_hubgen
    from contentkit import MINIMAL, TODAY, write_content

    hub = textwrap.dedent(MINIMAL["hub.yaml"]).replace("  site_url: https://help.kettle.example/\n",
                                                       f"  site_url: https://help.kettle.example/\n  language: {language}\n")
    content = write_content(tmp_path, {"hub.yaml": hub})
    result = run_hubgen("build", str(content), "-o", str(tmp_path / "site"), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    html, words = _statement_text(tmp_path / "site")
    assert words.startswith(title) and standard in words
    footer = (tmp_path / "site" / "faq" / "index.html").read_text(encoding="utf-8")
    assert f'href="../accessibility/">{title}</a>' in footer
