"""HUB23x: files in content/assets/ that would replace the hub's own, or are not
images, documents and fonts (hubgen.content_assets says what may be there)."""

from __future__ import annotations

from collections.abc import Iterator

from hubgen.content_assets import AssetProblem, check_asset
from hubgen.diagnostics import Location, Severity
from hubgen.lint.registry import Finding, LintContext, rule


def _asset_problems(context: LintContext) -> list[tuple[str, AssetProblem]]:
    return context.once("assets", lambda: [(asset.as_posix(), problem) for asset in context.hub.assets
                                           for problem in check_asset(context.hub.root, asset.as_posix())])


def _of(code: str):
    def check(context: LintContext) -> Iterator[Finding]:
        for asset, problem in _asset_problems(context):
            if problem.code == code:
                where = context.file(asset)
                if problem.line:
                    where = Location(where.path, problem.line)
                yield Finding(where, problem.message, problem.fix)
    return check


rule("HUB230", "asset-in-theme-place", Severity.ERROR,
     "A file in assets/ has the path of one of the theme's or hubgen's own files.", """
Content's assets are published under assets/, beside the theme's scripts and
stylesheets (assets/javascripts/, assets/stylesheets/) and hubgen's
(assets/hubgen/). A file at one of their paths would replace it on every page,
and browsers would keep it for a year. Every path the theme ships and
everything under those folders is the hub's own. This rule cannot be ignored
or made a warning: `hubgen build` refuses such content.

Bad:
    content/assets/javascripts/bundle.a5f9d56c.min.js
    content/assets/hubgen/hubgen.css
Good:
    content/assets/images/box.jpg
""", enforced=True)(_of("HUB230"))

rule("HUB231", "asset-type-not-allowed", Severity.ERROR,
     "A file in assets/ is not an image, a PDF or a font, or is not what its name says.", """
assets/ is published as it is, on the hub's own address: an .html or .js file
there would run its scripts as the hub, an .md file would become a page no
check has read. It may hold images (.png .jpg .jpeg .gif .webp .avif .ico
.svg), PDF documents and fonts (.woff .woff2 .ttf .otf), each checked by what
the file holds, not only its name. This rule cannot be ignored or made a
warning.

Bad:
    content/assets/survey.html
    content/assets/photo.png    (a file that is really HTML)
Good:
    content/assets/photo.png    (a PNG image)
    content/pages/survey.md     (a page, read by lint)
""", enforced=True)(_of("HUB231"))

rule("HUB232", "asset-svg-unsafe", Severity.ERROR,
     "An SVG in assets/ runs scripts, holds HTML or refers to other files.", """
An SVG is a document: opened on its own, on the hub's address, its scripts
run. An SVG in assets/ is a picture only: no <script>, no on...= handlers, no
<foreignObject> or other HTML, no links or references to other files (href
other than "#id", url() other than url(#id), @import, a DOCTYPE). Drawing
programs write none of these unless asked; an embedded bitmap
(href="data:image/png;base64,...") is fine. This rule cannot be ignored or
made a warning.

Bad:
    <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">...</svg>
    <svg ...><image href="https://tracker.example/p.png"/></svg>
Good:
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M2 2h20v20H2z"/></svg>
""", enforced=True)(_of("HUB232"))
