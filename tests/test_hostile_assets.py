"""Hostile files in content/assets/ (issue: the second attack round): a file at
the path of the theme's JavaScript bundle ran on every page and was cached for a
year; an .html or .svg asset ran its scripts on the hub's origin; an .md there
became a page no check had read. Each is refused at file(:line) with the fix,
and the build publishes nothing. Where a script is the harm, Chromium checks a
site built from the same content (built only if hubgen lets it through), with
the hub's own `_headers` and without them.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

import pytest

from contentkit import lint_content, write_content
from conftest import run_hubgen
from test_hostile_html import pwned

TODAY = dt.date(2026, 11, 20)
MARK = b"document.documentElement.dataset.pwned = 'asset';"


def png() -> bytes:
    """A real 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def theme_file(start: str) -> str:
    """The site path of one of the installed theme's files (its names change per version)."""
    import material

    templates = Path(material.__file__).parent / "templates"
    paths = sorted(p.relative_to(templates).as_posix() for p in (templates / "assets").rglob("*.*s"))
    return next(path for path in paths if path.startswith(start) and path.endswith((".js", ".css")))


def lint(root: Path, changes: dict) -> list:
    return lint_content(root, changes, TODAY)


def codes_at(found, path: str) -> set[str]:
    return {d.code for d in found if d.severity == "error" and str(d.location).split(":")[0] == f"content/{path}"}


# -- the theme's and hubgen's files are never replaced --------------------------------------

@pytest.mark.parametrize("place", [
    "assets/javascripts/bundle", "assets/javascripts/workers/search", "assets/stylesheets/main",
])
def test_a_file_at_the_path_of_the_themes_code_is_refused(tmp_path, place):
    path = theme_file(place)
    found = lint(tmp_path, {path: MARK})
    assert "HUB230" in codes_at(found, path), [d.text() for d in found]


@pytest.mark.parametrize("path", ["assets/images/favicon.png", "assets/hubgen/hubgen.css",
                                  "assets/hubgen/logo.png", "assets/Stylesheets/extra.png",
                                  "assets/javascripts/lunr/min/kettle.png"])
def test_every_clash_is_refused_even_for_an_allowed_type(tmp_path, path):
    found = lint(tmp_path, {path: png()})
    hits = [d for d in found if d.code == "HUB230"]
    assert [str(d.location) for d in hits] == [f"content/{path}"]
    assert hits[0].fix.startswith("move it to another folder, e.g. assets/images/ or assets/files/")


def test_the_message_names_whose_file_it_is(tmp_path):
    (hit,) = [d for d in lint(tmp_path, {"assets/images/favicon.png": png()}) if d.code == "HUB230"]
    assert hit.text() == (
        "content/assets/images/favicon.png: error HUB230: this path is the theme's own: published, it would "
        "replace the theme's file on every page (move it to another folder, e.g. assets/images/ or "
        "assets/files/ (assets/hubgen/, assets/javascripts/, assets/stylesheets/ and the theme's files are "
        "the hub's own))")


def test_a_fake_theme_bundle_never_runs_and_is_never_published(tmp_path, browser):
    bundle = theme_file("assets/javascripts/bundle")
    content = write_content(tmp_path, {bundle: MARK + b"\n"})
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-20")
    if result.returncode == 0:  # what it did: the fake bundle replaced the theme's, on every page
        for with_headers in (True, False):
            assert pwned(browser, site, "", with_headers) is None
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"content/{bundle}: error HUB230: this path is the theme's own" in result.stdout + result.stderr
    assert not site.exists()


# -- images, documents and fonts only ------------------------------------------------------

SURVEY_PAGE = (b"<!DOCTYPE html><title>Survey</title><h1>Update your address</h1>"
               b"<script src=\"app.js\"></script><script>" + MARK + b"</script>")


def test_pages_and_scripts_in_assets_never_run_on_the_hubs_origin(tmp_path, browser):
    content = write_content(tmp_path, {"assets/survey.html": SURVEY_PAGE, "assets/app.js": MARK})
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-20")
    if result.returncode == 0:  # what it did: the page ran app.js as the hub, _headers or not
        for with_headers in (True, False):
            assert pwned(browser, site, "assets/survey.html", with_headers) is None
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert ("content/assets/survey.html: error HUB231: a .html file is not among what assets/ may hold: "
            "images (.png .jpg .jpeg .gif .webp .avif .ico .svg), PDF documents and fonts (.woff .woff2 .ttf "
            ".otf) (content cannot bring code or pages of its own; write a page in pages/, or remove the file)"
            ) in said
    assert "content/assets/app.js: error HUB231: a .js file is not among what assets/ may hold" in said
    assert not site.exists()


def test_markdown_in_assets_never_becomes_a_page(tmp_path):
    found = lint(tmp_path, {"assets/notes.md": "# Internal notes\n\nMargin is 40 percent.\n"})
    (hit,) = [d for d in found if d.code == "HUB231"]
    assert hit.text() == ("content/assets/notes.md: error HUB231: a .md file is not among what assets/ may hold: "
                          "images (.png .jpg .jpeg .gif .webp .avif .ico .svg), PDF documents and fonts (.woff "
                          ".woff2 .ttf .otf) (a page belongs in pages/ (content/pages/<name>.md), where lint "
                          "reads it)")


@pytest.mark.parametrize("name, data, looks", [
    ("photo.png", SURVEY_PAGE, "HTML or XML"),
    ("photo.jpg", png(), "a PNG image"),
    ("manual.pdf", b"PK\x03\x04zip", "something else"),
    ("font.woff2", b"<svg onload=alert(1)>", "HTML or XML"),
])
def test_a_file_is_checked_by_what_it_holds_not_its_name(tmp_path, name, data, looks):
    found = lint(tmp_path, {f"assets/{name}": data})
    (hit,) = [d for d in found if d.code == "HUB231"]
    assert str(hit.location) == f"content/assets/{name}"
    assert hit.message.endswith(f"as its name says (it starts like {looks})")


GOOD_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 24 24">
  <metadata><inkscape:version>1.3</inkscape:version></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#f80"/></linearGradient></defs>
  <style>.lid { fill: url(#g); }</style>
  <path class="lid" d="M2 2h20v20H2z" style="stroke: url(#g)"/>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <animate attributeName="opacity" from="0" to="1" dur="1s"/>
</svg>
"""

BAD_SVGS = {
    "script": (b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>', 2, "<script>"),
    "handler": (b'<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)"/>', 1, "onload="),
    "foreignObject": (b'<svg xmlns="http://www.w3.org/2000/svg">\n\n<foreignObject><div xmlns='
                      b'"http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>', 3, "<foreignObject>"),
    "html namespace": (b'<svg xmlns="http://www.w3.org/2000/svg">\n<h:script xmlns:h="http://www.w3.org/1999/xhtml">'
                       b'alert(1)</h:script></svg>', 2, "HTML"),
    "remote image": (b'<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://pixel.example/p.png"/></svg>',
                     2, "refers to another file"),
    "xlink to a page": (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">\n'
                        b'<a x:href="javascript:alert(1)"><text>Hi</text></a></svg>', 2, "<a>"),
    "feImage": (b'<svg xmlns="http://www.w3.org/2000/svg"><filter>\n<feImage href="#x"/></filter></svg>', 2,
                "<feImage>"),
    "css import": (b'<svg xmlns="http://www.w3.org/2000/svg"><style>\n@import "https://pixel.example/x.css";'
                   b'</style></svg>', 2, "styles (<style>)"),
    "css url": (b'<svg xmlns="http://www.w3.org/2000/svg">\n<rect style="fill:url(https://pixel.example/p)"/></svg>',
                2, "style= on <rect>"),
    "css escape": (b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:\\75rl(https://p.example/)}'
                   b'</style></svg>', 1, "styles"),
    "stylesheet": (b'<?xml-stylesheet href="https://pixel.example/x.css"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
                   1, "stylesheet"),
    "entity bomb": (b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
                    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', 1, "DOCTYPE"),
    "animated href": (b'<svg xmlns="http://www.w3.org/2000/svg"><a>\n<set attributeName="href" to="javascript:x"/>'
                      b'</a></svg>', 2, "changes a link"),
    "not svg": (b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', 1, "not an SVG"),
    "broken": (b'<svg xmlns="http://www.w3.org/2000/svg">\n<path d="M0 0"></svg>', 2, "does not parse"),
}


@pytest.mark.parametrize("case", BAD_SVGS)
def test_an_svg_that_runs_loads_or_links_is_refused_at_its_line(tmp_path, case):
    data, line, words = BAD_SVGS[case]
    found = lint(tmp_path, {"assets/kettle.svg": data})
    hits = [d for d in found if d.code == "HUB232"]
    assert hits, [d.text() for d in found]
    assert any(str(d.location) == f"content/assets/kettle.svg:{line}" and words in d.message for d in hits), \
        [d.text() for d in hits]


def test_a_scripted_svg_never_runs_on_the_hubs_origin(tmp_path, browser):
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><script href="../assets/app.png"/>'
           b'<script>' + MARK + b'</script></svg>')
    content = write_content(tmp_path, {"assets/logo.svg": svg})
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-20")
    if result.returncode == 0:  # what it did: opened on its own, the SVG ran its script as the hub
        assert pwned(browser, site, "assets/logo.svg", with_headers=False) is None
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/assets/logo.svg:1: error HUB232: the SVG holds <script>, which runs a script" in result.stderr
    assert not site.exists()


def test_images_documents_and_fonts_are_published_as_they_are(tmp_path):
    files = {"assets/logo.svg": GOOD_SVG, "assets/box.png": png(), "assets/manual.pdf": b"%PDF-1.7\n%\xe2\xe3\n",
             "assets/fonts/brand.woff2": b"wOF2\x00\x01\x00\x00", "assets/photo.JPG": b"\xff\xd8\xff\xe0\x00\x10JFIF",
             "assets/.DS_Store": b"\x00\x00\x00\x01Bud1"}
    content = write_content(tmp_path, files)
    site = tmp_path / "site"
    result = run_hubgen("build", str(content), "-o", str(site), "--today", "2026-11-20")
    assert result.returncode == 0, result.stdout + result.stderr
    for name, data in files.items():
        published = site / name
        assert published.is_file() == (not Path(name).name.startswith(".")), name
        if published.is_file():
            assert published.read_bytes() == data
