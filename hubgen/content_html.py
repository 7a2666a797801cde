"""What HTML in content may hold, read the way a browser reads it.

Markdown lets a creator write any HTML, and attr_list adds attributes to what
Markdown makes. Whatever decides what is allowed must see the markup as the
browser will, so fragments are parsed here with html5lib, an implementation of
the HTML5 parsing algorithm: raw-text elements (`<xmp>`, `<noembed>`,
`<textarea>`...), foreign content (`<svg>`, `<math>`) and attribute quirks come
out as a browser builds them, where Python's `html.parser` saw a different
document (a `<script>` inside an `<xmp>` attribute, say).

Why checks rather than a sanitiser at render: content reaches a page as
Markdown mixed with hubgen's own markup (forms, buttons), converted together,
so there is no point where the content alone is HTML to clean; and a sanitiser
that silently drops what a creator wrote changes their page without telling
them. So lint reports, at file:line, everything outside the allow-list below,
the build refuses it (the rules are enforced), and what is published is what
was checked. The allow-list (not a list of what is bad) is what closes the
class: a tag or attribute no one thought of is refused because it is not here.
`<noscript>` is parsed as with scripting off (html5lib has no scripting flag);
it is refused itself, so what is inside cannot matter.

`hubgen share` pastes the same HTML elsewhere and cleans it with nh3 from this
same list (SANITISER_ATTRIBUTES).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import html5lib

HTML = "html"
NAMESPACES = {"http://www.w3.org/1999/xhtml": HTML, "http://www.w3.org/2000/svg": "svg",
              "http://www.w3.org/1998/Math/MathML": "math"}
_ATTRIBUTE_NAMESPACES = {"http://www.w3.org/1999/xlink": "xlink", "http://www.w3.org/XML/1998/namespace": "xml",
                         "http://www.w3.org/2000/xmlns/": "xmlns"}

# What Markdown writes and what creators paste for text, lists, tables, pictures.
ALLOWED_ELEMENTS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "div", "span",
    "ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "figure", "figcaption",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "rp", "rt", "ruby", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var", "wbr",
    "img", "picture", "source", "video", "audio", "track",
})
# Every element may carry these. No data-* (the theme's and hubgen's scripts read
# theirs from the page; content has no script to give them to) and no style.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ELEMENT_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "target"},  # target="_blank": pasted links often carry it
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "source": {"src", "srcset", "sizes", "type", "media", "width", "height"},
    "video": {"src", "poster", "controls", "width", "height", "muted", "loop", "playsinline", "preload"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "abbr", "style"},
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "time": {"datetime"}, "abbr": {"title"}, "details": {"open"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
# The one style Markdown itself writes: a table column's alignment (`|:--|--:|`).
TABLE_ALIGNMENT = re.compile(r"\s*text-align:\s*(?:left|right|center)\s*;?\s*", re.I)

_ANY_TAG_BUT_P = re.compile(r"<(?!/?p>)")


@dataclass(frozen=True)
class Element:
    tag: str  #: local name, lower case for HTML
    namespace: str  #: html, svg or math
    attributes: tuple[tuple[str, str], ...]  #: (name, value): name as written (xlink:href)

    @property
    def name(self) -> str:
        """As a message shows it: <svg>, <feImage> (SVG)."""
        foreign = self.namespace != HTML and self.tag != self.namespace
        return f"<{self.tag}> ({self.namespace.upper()})" if foreign else f"<{self.tag}>"


def _qualified(name: str) -> str:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return f"{_ATTRIBUTE_NAMESPACES.get(namespace, 'other')}:{local}"
    return name


@dataclass(frozen=True)
class Parsed:
    elements: tuple[Element, ...]
    #: the fragment leaves something open (a tag, raw text, an element, a link) that
    #: would take in the page after it: hubgen's own markup would become its text or child
    leaks: bool


# Parsed after each fragment, as the page's own markup follows it: it must come out
# as written, a paragraph of text right inside the container, or the fragment leaks.
_AFTER_ID = "hubgen-after-content"
_AFTER = f'<p id="{_AFTER_ID}">.</p>'


@functools.lru_cache(maxsize=8192)
def parse(html: str) -> Parsed:
    """Every element of an HTML fragment, in document order, as a browser builds them
    inside a <div> (where a page places content)."""
    if not _ANY_TAG_BUT_P.search(html):
        return Parsed((), False)  # prose paragraphs: no element but <p>, no attribute
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    fragment = parser.parseFragment(html + _AFTER, container="div")
    after = [node for node in fragment.iter() if node.get("id") == _AFTER_ID]
    intact = bool(after) and after[-1] is fragment[-1] and len(after[-1]) == 0 and after[-1].text == "."
    found = []
    for node in fragment.iter():
        if not isinstance(node.tag, str) or node is fragment or (after and node is after[-1]):
            continue  # comments, the container, the paragraph after the fragment
        tag, namespace = node.tag, HTML
        if tag.startswith("{"):
            uri, tag = tag[1:].split("}", 1)
            namespace = NAMESPACES.get(uri, "other")
        found.append(Element(tag, namespace, tuple((_qualified(k), v) for k, v in node.attrib.items())))
    return Parsed(tuple(found), not intact)


def element_allowed(element: Element) -> bool:
    return element.namespace == HTML and element.tag in ALLOWED_ELEMENTS


def attribute_allowed(element: Element, name: str, value: str) -> bool:
    if name not in GLOBAL_ATTRIBUTES and name not in ELEMENT_ATTRIBUTES.get(element.tag, ()):
        return False
    return name != "style" or bool(TABLE_ALIGNMENT.fullmatch(value))


def ids(html: str) -> list[str]:
    """Every id in a fragment, in order, as the browser sees them."""
    return [value for element in parse(html).elements for name, value in element.attributes
            if name == "id" and value]


# What nh3 (hubgen share) keeps: the same list, without `style` (an email has no tables to align).
SANITISER_ATTRIBUTES = {tag: {*GLOBAL_ATTRIBUTES, *ELEMENT_ATTRIBUTES.get(tag, ())} - {"style", "id", "class"}
                        for tag in ALLOWED_ELEMENTS}
