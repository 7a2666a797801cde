"""Every theme colour a creator can pick gives AA contrast for the header and links.

Checked two ways that share nothing with hubgen/render/palette.py's maths:
WCAG's contrast ratio written out here from the definition, and axe-core in
Chromium on a real built page, with Material's own stylesheets deciding the
text colour on the header.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from hubgen.render.palette import DARK_TEXT, palette_css
from hubgen.validate import MATERIAL_COLOURS

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WHITE, BLACK = "#ffffff", "#000000"
SLATE_BACKGROUND = "#1e2029"  # Material's slate page: hsl(232, 15%, 14%)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.2, "relative luminance", for an sRGB colour written #rrggbb."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(a: str, b: str) -> float:
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_formula_here_gives_the_ratios_wcag_publishes():
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21)
    assert contrast_ratio("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white
    assert contrast_ratio("#777777", WHITE) < 4.5


@pytest.mark.parametrize("primary", MATERIAL_COLOURS)
def test_header_and_links_meet_aa(primary):
    css = palette_css(primary)
    header = re.search(r"--md-primary-fg-color: (#[0-9a-f]{6})", css).group(1)
    light_link = re.search(r'"default"\]\[data-md-color-primary\] \{ --md-typeset-a-color: (#[0-9a-f]{6})', css).group(1)
    dark_link = re.search(r'"slate"\]\[data-md-color-primary\] \{ --md-typeset-a-color: (#[0-9a-f]{6})', css).group(1)
    header_text = BLACK if primary in DARK_TEXT else WHITE
    assert contrast_ratio(header, header_text) >= 4.5
    assert contrast_ratio(light_link, WHITE) >= 4.5
    assert contrast_ratio(dark_link, SLATE_BACKGROUND) >= 4.5


def test_colours_already_accessible_are_kept():
    assert "--md-primary-fg-color: #4051b5;" in palette_css("indigo")


APPLY_PALETTE = """([primary, scheme, css]) => {
    document.body.setAttribute("data-md-color-primary", primary);
    document.body.setAttribute("data-md-color-scheme", scheme);
    let style = document.getElementById("palette-under-test");
    if (!style) {
        style = document.head.appendChild(document.createElement("style"));
        style.id = "palette-under-test";
    }
    style.textContent = css;  // after the site's own palette.css: it wins
}"""


@pytest.mark.usefixtures("node_modules")  # axe-core comes from npm
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_contrast_problem_with_any_primary(page, site_url, scheme):
    assert AXE.is_file(), "axe-core is missing: run `npm install` in the repository"
    page.goto(site_url)  # a built page: Material's header, nav, links and stylesheets
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.add_script_tag(path=str(AXE))
    found, headers = [], set()
    for primary in MATERIAL_COLOURS:
        page.evaluate(APPLY_PALETTE, [primary, scheme, palette_css(primary)])
        headers.add(page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor"))
        result = page.evaluate("axe.run(document, {runOnly: ['color-contrast']})")
        found += [f"{primary}: {node['target']} {node.get('failureSummary', '')}"
                  for violation in result["violations"] for node in violation["nodes"]]
    assert len(headers) == len(MATERIAL_COLOURS), "each primary should paint the header its own colour"
    assert not found, "\n".join(found)
