"""What content/assets/ may hold, and where it may not go.

Files in content/assets/ are published as they are, on the hub's own origin,
beside the theme's files (assets/javascripts/bundle.<hash>.min.js, the search
worker, the stylesheets) and hubgen's (assets/hubgen/). Two things keep them
the hub's images and documents only:

- They never replace a theme or hubgen file. Content keeps the `assets/` URLs
  creators and the docs already use (`![Box](/assets/box.jpg)`, `logo:
  assets/logo.svg`); rather than moving every content link, every clash is
  refused: a path the theme ships, or anything under a folder that holds the
  theme's or hubgen's code (assets/javascripts/, assets/stylesheets/,
  assets/hubgen/). The list is read from the installed theme, so a new theme
  version's files are covered the day it is installed.
- They are images, documents and fonts only, by what the file holds and not
  only its name (a `.png` that starts like HTML is refused), and an SVG may
  not run scripts, handle events, hold HTML (`foreignObject`) or refer to any
  other file (`href`, `url()`, `@import`, a DOCTYPE's entities). Nothing else
  is published: an `.html` would run its scripts on the hub's origin, an `.md`
  would become a page lint never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from hubgen.theme import material_asset_files
from hubgen.urls import ASSETS_DIR, HUBGEN_ASSETS_DIR


@dataclass(frozen=True)
class AssetType:
    kind: str  #: image, document, font
    name: str  #: as a message says it: "a PNG image"
    signatures: tuple[bytes, ...] = ()  #: how the file starts (checked from `offset`)
    offset: int = 0


_PNG = AssetType("image", "a PNG image", (b"\x89PNG\r\n\x1a\n",))
_JPEG = AssetType("image", "a JPEG image", (b"\xff\xd8\xff",))
_SVG = AssetType("image", "an SVG image")
ALLOWED_TYPES: dict[str, AssetType] = {
    ".png": _PNG, ".jpg": _JPEG, ".jpeg": _JPEG,
    ".gif": AssetType("image", "a GIF image", (b"GIF87a", b"GIF89a")),
    ".webp": AssetType("image", "a WebP image", (b"WEBP",), offset=8),
    ".avif": AssetType("image", "an AVIF image", (b"ftypavif", b"ftypavis"), offset=4),
    ".ico": AssetType("image", "an icon", (b"\x00\x00\x01\x00",)),
    ".svg": _SVG,
    ".pdf": AssetType("document", "a PDF document", (b"%PDF-",)),
    ".woff": AssetType("font", "a WOFF font", (b"wOFF",)),
    ".woff2": AssetType("font", "a WOFF2 font", (b"wOF2",)),
    ".ttf": AssetType("font", "a TrueType font", (b"\x00\x01\x00\x00", b"true")),
    ".otf": AssetType("font", "an OpenType font", (b"OTTO",)),
}
ALLOWED_LIST = "images (.png .jpg .jpeg .gif .webp .avif .ico .svg), PDF documents and fonts (.woff .woff2 .ttf .otf)"

MAX_SVG_BYTES = 2_000_000  #: a logo or a diagram; larger SVGs are refused rather than parsed


@dataclass(frozen=True)
class AssetProblem:
    code: str  #: HUB230 (in the theme's place), HUB231 (type), HUB232 (SVG)
    message: str
    fix: str
    line: int = 0  #: 1-based, in the file; 0: the file as a whole


# -- in the theme's place --------------------------------------------------------------------

def _code_folders() -> set[str]:
    """Folders under assets/ holding the theme's scripts and stylesheets, and hubgen's."""
    folders = {PurePosixPath(path).parts[1] for path in material_asset_files()
               if path.endswith((".js", ".css")) and len(PurePosixPath(path).parts) > 2}
    return {f"{ASSETS_DIR}/{folder}" for folder in folders} | {HUBGEN_ASSETS_DIR}


def owner_of(path: str) -> str:
    """Whose file a site path under assets/ is or may be: "the theme's", "hubgen's" or ""."""
    folded = path.casefold()  # one host's Bundle.js is another's bundle.js
    if folded == HUBGEN_ASSETS_DIR or folded.startswith(HUBGEN_ASSETS_DIR + "/"):
        return "hubgen's"
    theme_files = {name.casefold() for name in material_asset_files()}
    if folded in theme_files or any(folded.startswith(folder + "/") for folder in _code_folders()):
        return "the theme's"
    return ""


def in_theme_place(rel: str) -> AssetProblem | None:
    owner = owner_of(rel)
    if not owner:
        return None
    folders = ", ".join(sorted(f + "/" for f in _code_folders()))
    return AssetProblem("HUB230", f"this path is {owner} own: published, it would replace {owner} file "
                                  "on every page",
                        f"move it to another folder, e.g. {ASSETS_DIR}/images/ or {ASSETS_DIR}/files/ "
                        f"({folders} and the theme's files are the hub's own)")


# -- what the file holds ---------------------------------------------------------------------

def check_asset(root: Path, rel: str) -> list[AssetProblem]:
    """Every problem of the content file `rel` (a path under assets/) as a published asset."""
    placed = in_theme_place(rel)
    problems = [placed] if placed else []
    suffix = PurePosixPath(rel).suffix.lower()
    kind = ALLOWED_TYPES.get(suffix)
    if kind is None:
        what = f"a {suffix} file" if suffix else "a file without an extension"
        problems.append(AssetProblem("HUB231", f"{what} is not among what assets/ may hold: {ALLOWED_LIST}",
                                     _fix_for(suffix)))
        return problems
    path = root / rel
    if kind is _SVG:
        return problems + check_svg(path)
    with path.open("rb") as file:
        start = file.read(16)
    if not any(start[kind.offset:].startswith(signature) for signature in kind.signatures):
        problems.append(AssetProblem("HUB231", f"the file is not {kind.name}, as its name says "
                                               f"(it starts like {_looks_like(start)})",
                                     f"save it again as {kind.name}, or name it for what it is"))
    return problems


def _fix_for(suffix: str) -> str:
    if suffix in (".md", ".markdown"):
        return "a page belongs in pages/ (content/pages/<name>.md), where lint reads it"
    if suffix in (".html", ".htm", ".js", ".mjs", ".css", ".xml", ".xhtml", ".svgz"):
        return "content cannot bring code or pages of its own; write a page in pages/, or remove the file"
    return "convert it to one of those, or link to where it is published"


def _looks_like(start: bytes) -> str:
    for kind in ALLOWED_TYPES.values():
        if kind.signatures and any(start[kind.offset:].startswith(s) for s in kind.signatures):
            return kind.name
    text = start.lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html", b"<script", b"<")):
        return "HTML or XML"
    return "something else"


# -- SVG -------------------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# What logos, icons and diagrams are drawn with. Not here: script, foreignObject
# (HTML inside the picture), feImage (loads a file), a (leads elsewhere), iframe.
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "view",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "image", "style",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
    "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    "animate", "animateMotion", "animateTransform", "mpath", "set",
})
# Namespaces of markup that renders or runs inside an SVG document.
LIVE_NAMESPACES = {"http://www.w3.org/1999/xhtml": "HTML", "http://www.w3.org/1998/Math/MathML": "MathML"}
# Embedded pictures (Inkscape keeps pasted bitmaps this way): not another file.
_EMBEDDED_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,", re.I)
_URL_FUNCTION = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)
# CSS that fetches or hides what it fetches: imports, fonts, image functions, escapes.
_CSS_FETCH = re.compile(r"@import|@font-face|image-set\(|image\(|cross-fade\(|\bsrc\(|element\(|\\", re.I)


class _Stop(Exception):
    """Parsing ends here: what follows a DOCTYPE is not read (its entities could be a bomb)."""


class _SvgCheck:
    def __init__(self):
        self.problems: list[AssetProblem] = []
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.root_seen = False
        self.style: list[str] | None = None

    def problem(self, what: str, fix: str) -> None:
        self.problems.append(AssetProblem("HUB232", what, fix, self.parser.CurrentLineNumber))

    def doctype(self, *_):
        self.problem("the SVG has a DOCTYPE, whose entities can pull in other files",
                     "remove the <!DOCTYPE ...> (SVG needs none)")
        raise _Stop

    def entity(self, *_):
        pass  # reported with its DOCTYPE

    def instruction(self, target, data):
        if target.lower() == "xml-stylesheet":
            self.problem("the SVG loads a stylesheet (<?xml-stylesheet?>)", "remove it; put the styles in the SVG")

    def start(self, name, attributes):
        namespace, _, local = name.rpartition(" ")
        if not self.root_seen:
            self.root_seen = True
            if (namespace, local) != (SVG_NS, "svg"):
                self.problem("the file is not an SVG image (its first element is not <svg> in the SVG namespace)",
                             'save it again as SVG: <svg xmlns="http://www.w3.org/2000/svg" ...>')
        if namespace in LIVE_NAMESPACES:
            self.problem(f"the SVG holds {LIVE_NAMESPACES[namespace]} (<{local}>), which a browser runs as a page",
                         "remove it; an SVG asset is a picture only")
        elif namespace == SVG_NS and local not in SVG_ELEMENTS:
            self.problem(f"the SVG holds <{local}>, which " + (
                "runs a script" if local == "script" else "is not among what a picture in assets/ may hold"),
                "remove it; an SVG asset is a picture: no scripts, HTML, links or files from elsewhere")
        for attribute, value in attributes.items():
            self.attribute(local, attribute.rpartition(" ")[2], value)
        if namespace == SVG_NS and local == "style":
            self.style = []

    def attribute(self, element: str, name: str, value: str) -> None:
        if name.lower().startswith("on"):
            self.problem(f"the SVG has an event handler ({name}= on <{element}>), a script",
                         "remove it; an SVG asset cannot run scripts")
        elif name == "href" and not (value.strip().startswith("#") or
                                     (element == "image" and _EMBEDDED_IMAGE.match(value.strip()))):
            self.problem(f"the SVG refers to another file or page (<{element} href=\"{value[:60]}\">)",
                         "keep everything inside the SVG: refer only to its own parts (href=\"#id\")")
        elif name == "attributeName" and value.rpartition(":")[2] == "href":
            self.problem(f"the SVG's <{element}> changes a link (attributeName=\"{value}\")",
                         "remove the animation of href")
        elif name == "style" or "url(" in value.lower():
            self.css(value, f"{name}= on <{element}>")

    def css(self, css: str, where: str) -> None:
        elsewhere = [url for url in _URL_FUNCTION.findall(css) if not url.startswith("#")]
        if elsewhere or _CSS_FETCH.search(css):
            self.problem(f"the SVG's styles ({where}) can load other files",
                         "remove url(...) to other files, @import, @font-face and CSS escapes; "
                         "refer only to the SVG's own parts: url(#id)")

    def text(self, data):
        if self.style is not None:
            self.style.append(data)

    def end(self, name):
        if self.style is not None and name == f"{SVG_NS} style":
            self.css("".join(self.style), "<style>")
            self.style = None


def check_svg(path: Path) -> list[AssetProblem]:
    data = path.read_bytes()[: MAX_SVG_BYTES + 1]
    if len(data) > MAX_SVG_BYTES:
        return [AssetProblem("HUB232", f"the SVG is over {MAX_SVG_BYTES // 1_000_000} MB",
                             "simplify it, or save it as PNG or WebP")]
    check = _SvgCheck()
    try:
        check.parser.Parse(data, True)
    except _Stop:
        return check.problems
    except expat.ExpatError as error:
        return check.problems + [AssetProblem(
            "HUB232", f"the SVG does not parse as XML: {expat.ErrorString(error.code)}",
            "save it again from the drawing program, or as PNG", error.lineno)]
    if not check.root_seen:
        check.problem("the file is not an SVG image", "save it again as SVG")
    return check.problems
