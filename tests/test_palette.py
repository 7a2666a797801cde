"""Every theme colour a creator can pick gives AA contrast for the header and links."""

from __future__ import annotations

import re

import pytest

from hubgen.render.palette import DARK_TEXT, SLATE_BG, WHITE, _rgb, contrast, palette_css
from hubgen.validate import MATERIAL_COLOURS


@pytest.mark.parametrize("primary", MATERIAL_COLOURS)
def test_header_and_links_meet_aa(primary):
    css = palette_css(primary)
    header = _rgb(re.search(r"--md-primary-fg-color: (#\w+)", css).group(1))
    light_link = _rgb(re.search(r'"default"\] \{ --md-typeset-a-color: (#\w+)', css).group(1))
    dark_link = _rgb(re.search(r'"slate"\] \{ --md-typeset-a-color: (#\w+)', css).group(1))
    header_text = (0, 0, 0) if primary in DARK_TEXT else WHITE
    assert contrast(header, header_text) >= 4.5
    assert contrast(light_link, WHITE) >= 4.5
    assert contrast(dark_link, SLATE_BG) >= 4.5


def test_colours_already_accessible_are_kept():
    assert "--md-primary-fg-color: #4051b5;" in palette_css("indigo")
