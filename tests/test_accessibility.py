"""WCAG 2.2 AA: axe-core finds no violation on any page type, phone and desktop, light and dark."""

from __future__ import annotations

import pytest

from conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = ["", "faq/", "refund-policy/", "pledge-states/", "updates/", "updates/tags/shipping/",
              "contact/", "contact/thanks/", "404.html"]
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
