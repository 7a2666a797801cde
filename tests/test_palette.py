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


def over(background: str, ink: str, share: float) -> str:
    """`ink` laid over `background` at `share` opacity, as #rrggbb."""
    mixed = [round(int(background[i:i + 2], 16) * (1 - share) + int(ink[i:i + 2], 16) * share) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@pytest.mark.parametrize("accent", MATERIAL_COLOURS)
def test_hovered_and_focused_links_and_buttons_meet_aa_with_any_accent(accent):
    # Material colours a link under the mouse or the focus with the accent, and a
    # hovered button with the accent behind --md-accent-bg-color.
    css = palette_css("indigo", accent)
    for scheme, page, row_ink in [("default", WHITE, BLACK), ("slate", SLATE_BACKGROUND, "#f0f1f4")]:
        rule = re.search(rf'"{scheme}"\]\[data-md-color-accent\] \{{([^}}]*)\}}', css).group(1)
        hover = re.search(r"--md-accent-fg-color: (#[0-9a-f]{6});", rule).group(1)
        on_hover = re.search(r"--md-accent-bg-color: (#[0-9a-f]{6});", rule).group(1)
        hovered_row = over(page, row_ink, 0.035)
        for background in (page, hovered_row, over(page, hover, 0.1)):
            assert contrast_ratio(hover, background) >= 4.5, (scheme, hover, background)
        assert contrast_ratio(on_hover, hover) >= 4.5, (scheme, on_hover, hover)


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


# -- hovered and focused: what a mouse or a keyboard shows ----------------------

STATE_PAGES = ["", "faq/", "refund-policy/", "pledge-states/", "updates/", "updates/tags/shipping/",
               "delivery/", "contact/", "contact/thanks/", "404.html"]

# One element per link style: its tag and hubgen's and Material's classes, and those
# of its four nearest ancestors. Marks each with data-probe and returns the styles.
MARK_LINK_STYLES = """seen => {
    const words = el => [...el.classList].filter(c => /^(md-|hubgen-)/.test(c)).sort().join('.');
    const style = el => {
        const parts = [];
        for (let up = el, n = 0; up && up !== document.body && n < 5; up = up.parentElement, n++) {
            parts.push(up.tagName.toLowerCase() + (words(up) ? '.' + words(up) : ''));
        }
        return parts.join(' < ');
    };
    const found = [];
    for (const el of document.querySelectorAll('a[href], button')) {
        if (!el.textContent.trim() || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        const key = style(el);
        if (seen.includes(key) || found.includes(key)) continue;
        el.setAttribute('data-probe', found.length);
        found.push(key);
    }
    return found;
}"""
CONTRAST_OF = """el => axe.run(el, {runOnly: ['color-contrast']}).then(result =>
    result.violations.flatMap(v => v.nodes.map(node => node.any.map(check => check.message).join(' '))))"""


def _settled_probe(page, number: int):
    probe = page.locator(f"[data-probe='{number}']")
    probe.evaluate("el => el.scrollIntoView({block: 'center'})")
    return probe


@pytest.mark.usefixtures("node_modules")  # axe-core comes from npm
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_links_keep_aa_contrast_when_hovered_or_focused(browser, site_url, scheme):
    """Automated checks see links at rest; a backer also sees them under the mouse
    and with the keyboard's focus on them, where Material gives them its accent colour."""
    assert AXE.is_file(), "axe-core is missing: run `npm install` in the repository"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    seen, found, hovered = [], [], 0
    try:
        for path in STATE_PAGES:
            page.goto(site_url + path)
            page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
            page.add_script_tag(path=str(AXE))
            page.keyboard.press("Shift")  # the keyboard was used last: focus() shows as keyboard focus
            styles = page.evaluate(MARK_LINK_STYLES, seen)
            for number, style in enumerate(styles):
                probe = _settled_probe(page, number)
                box = probe.bounding_box()
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                if probe.evaluate("el => el.matches(':hover')"):
                    hovered += 1
                    found += [f"{path or 'home'}: hovered {style}: {m}" for m in probe.evaluate(CONTRAST_OF)]
                page.mouse.move(0, 0)
                probe.focus()
                found += [f"{path or 'home'}: focused {style}: {m}" for m in probe.evaluate(CONTRAST_OF)]
                probe.blur()
            seen += styles
    finally:
        context.close()
    assert len(seen) >= 15 and hovered >= len(seen) * 0.8, (len(seen), hovered)
    assert not found, "\n".join(found)
