"""HUB18x: raw HTML in content that would run, redirect, embed, post, load from
elsewhere, stand in for the page's own elements, or is not among what content
may hold.

Markdown lets a creator write any HTML, and Python-Markdown passes it through
(attr_list even adds attributes: `[x](/faq/){onclick="..."}`). These rules read
each piece of content as the site converts it (hubgen.markup), parsed as a
browser parses it (hubgen.content_html: an HTML5 parser and the allow-list),
so code blocks and code spans, shown as text, are never reported, and no
raw-text or foreign element (`<xmp>`, `<noscript>`, `<svg>`...) hides markup
from them. What is reported is placed at the first place in the file that
spells it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from hubgen.content_html import HTML, Element, attribute_allowed, element_allowed, ids, parse
from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.rules_links import Source, sources
from hubgen.lint.text import locate
from hubgen.markup import to_html
from hubgen.theme import reserved_name
from hubgen.urls import FIXED_ANCHORS, content_pages

SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# Attributes whose value is a URL a browser follows or loads.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "background",
                  "xlink:href", "ping", "longdesc"}
# Elements that load what their URL names as soon as the page opens.
LOADING_ELEMENTS = {"img", "video", "audio", "source", "track", "input", "image"}
EMBEDDING_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "portal", "applet"}
HEAD_ELEMENTS = {"meta", "base", "link"}
FORM_ELEMENTS = {"form", "input", "button", "select", "option", "optgroup", "textarea", "label", "fieldset",
                 "legend", "datalist", "output"}
# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class RiskyHtml:
    code: str
    what: str  #: e.g. "a <script> element"
    spelling: str  #: text to look for in the Markdown to say where it is
    fix: str = ""  #: when not the rule's usual one


def url_scheme(url: str) -> str:
    """The scheme of a URL as a browser reads it, lowercase with its colon; "" if none."""
    cleaned = _IGNORED_IN_SCHEME.sub("", url).lower()
    match = re.match(r"[a-z][a-z0-9+.-]*:", cleaned)
    return match.group(0) if match else ""


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _element_findings(element: Element) -> Iterator[RiskyHtml]:
    tag, name, html = element.tag, element.name, element.namespace == HTML
    if tag == "script":
        yield RiskyHtml("HUB180", f"{_article(tag)} {name} element", f"<{tag}")
    elif html and tag in HEAD_ELEMENTS:
        refresh = tag == "meta" and any(n == "http-equiv" and v.lower() == "refresh" for n, v in element.attributes)
        yield RiskyHtml("HUB181", "a <meta http-equiv=\"refresh\"> redirect" if refresh
                        else f"a <{tag}> element", f"<{tag}")
    elif html and tag in EMBEDDING_ELEMENTS:
        yield RiskyHtml("HUB182", f"{_article(tag)} <{tag}> element", f"<{tag}")
    elif html and tag in FORM_ELEMENTS:
        yield RiskyHtml("HUB183", "a <form> element" if tag == "form" else f"a form field ({name})", f"<{tag}")
    elif not element_allowed(element):
        yield RiskyHtml("HUB186", f"{_article(tag)} {name} element", f"<{tag}")


class _Scanner:
    """Collects what is risky in one converted fragment, in document order."""

    def __init__(self, own_host: str):
        self.own_host = own_host
        self.found: list[RiskyHtml] = []

    def element(self, element: Element) -> None:
        found = list(_element_findings(element))
        self.found += found
        for name, value in element.attributes:
            # The attributes of an element refused already are not listed one by one.
            self.attribute(element, name, value, refused=bool(found))

    def attribute(self, element: Element, name: str, value: str, refused: bool) -> None:
        add = self.found.append
        if name.startswith("on"):
            add(RiskyHtml("HUB180", f"an event handler attribute ({name}=)", name))
        elif name == "srcdoc":  # a whole page, scripts and all, in the attribute
            add(RiskyHtml("HUB180", "a srcdoc= attribute (a page of its own, which can run scripts)", name))
        elif name == "formaction":
            add(RiskyHtml("HUB183", "a formaction= attribute", name))
        elif refused:
            pass
        elif not attribute_allowed(element, name, value):
            what = ("a style= attribute" if name == "style"
                    else f"{_article(name)} {name}= attribute on {element.name}")
            add(RiskyHtml("HUB186", what, name))
        elif name in ("id", "class"):
            for word in value.split() if name == "class" else [value]:
                if reserved_name(word):
                    add(RiskyHtml("HUB187", f"{name} '{word}'", word))
        self.urls(element, name, value)

    def urls(self, element: Element, name: str, value: str) -> None:
        add = self.found.append
        urls = srcset_urls(value) if name in ("srcset", "imagesrcset") else (
            [value] if name in URL_ATTRIBUTES else [])
        for url in urls:
            scheme = url_scheme(url)
            if scheme in SCRIPT_SCHEMES:
                add(RiskyHtml("HUB180", f"a {scheme} URL", scheme.rstrip(":")))
            elif scheme == "data:":
                add(RiskyHtml("HUB184", "a data: URL", "data:"))
            elif ((element.tag in LOADING_ELEMENTS or name == "poster")
                  and loads_from_elsewhere(url, self.own_host)):
                add(RiskyHtml("HUB185", f"<{element.tag}> loading {url}", url))


def loads_from_elsewhere(url: str, own_host: str) -> bool:
    """Whether a browser on the hub would fetch `url` from another host. Browsers
    drop tabs and newlines, read a backslash as a slash, and take `http:host/x`
    (no slashes) as the host `host`: all are read that way here."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("\x00 \x0c").replace("\\", "/")
    scheme = url_scheme(cleaned)
    if scheme and scheme not in ("http:", "https:"):
        return True
    rest = cleaned[len(scheme):] if scheme else cleaned
    if not scheme and not rest.startswith("//"):
        return False  # relative: the hub itself
    return urlsplit("//" + rest.lstrip("/")).hostname != own_host


# Marks without which Markdown makes no element with an attribute: most FAQ answers.
_MARKUP = ("<", "{", "](", "]:", "#", "\n-", "\n=")


def risky_html(markdown: str, own_host: str) -> list[RiskyHtml]:
    """What is risky in `markdown` once converted as the site converts it."""
    if not any(mark in markdown for mark in _MARKUP):
        return []
    scanner = _Scanner(own_host)
    parsed = parse(to_html(markdown))
    for element in parsed.elements:
        scanner.element(element)
    if parsed.leaks:
        scanner.found.append(RiskyHtml(
            "HUB186", "markup left open at the end (an element, tag or link not closed)", "<",
            "close it where it ends: left open, it takes in the page below it, the hub's own buttons and links"))
    return scanner.found


def _place(source: Source, spelling: str, start: int = 0):
    """Where `spelling` first appears in the source from `start` (case-insensitive), then
    where it ends; the source's start if nowhere."""
    line, column, end = locate(source.markdown, spelling, start)
    return source.location(line, column), end


def _html_findings(context: LintContext) -> list[tuple[str, Finding]]:
    return context.once("html", lambda: list(_check_html(context)))


def _check_html(context: LintContext) -> Iterator[tuple[str, Finding]]:
    own_host = urlsplit(context.hub.project.site_url).hostname or ""
    for source in sources(context.hub):
        cursor = 0  # findings come in document order: each is looked for after the one before
        for found in risky_html(source.markdown, own_host):
            message, fix = MESSAGES[found.code]
            where, cursor = _place(source, found.spelling, cursor)
            yield found.code, Finding(where, message.format(what=found.what), found.fix or fix)
    yield from _duplicate_ids(context.hub)


# An id other than a heading's own comes from raw HTML (id=) or an attribute list ({: #x }).
_SETS_AN_ID = re.compile(r"\bid\s*=|\{[^}\n]*#", re.I)


def _may_set_an_id(markdown: str) -> bool:
    return bool(_SETS_AN_ID.search(markdown))


def _duplicate_ids(hub) -> Iterator[tuple[str, Finding]]:
    """Ids content gives that the same page already has: a link to #id leads to the first
    one, which can be a fake placed before the real answer."""
    on_page: dict[str, list[Source]] = {}
    for source in sources(hub):
        on_page.setdefault(source.page_url, []).append(source)
    pages = content_pages(hub)
    for url, page_sources in on_page.items():
        if url not in pages or not any(_may_set_an_id(s.markdown) for s in page_sources):
            continue
        counts = Counter(ids(to_html(pages[url]()))) + Counter(FIXED_ANCHORS.get(url, ()))
        for anchor in [a for a, count in counts.items() if count > 1]:
            for source in page_sources:
                spelled = re.search(r"(?:#|\bid\s*=\s*[\"']?)" + re.escape(anchor) + r"(?![\w-])", source.markdown)
                if spelled:
                    where, _ = _place(source, spelled.group(0))
                    yield "HUB188", Finding(where, f"id '{anchor}' is on the page /{url} twice: "
                                                   f"a link to #{anchor} leads to the first one",
                                            "give this element another id, or none")


MESSAGES = {
    "HUB180": ("{what} would run a script in backers' browsers",
               "remove it: content cannot run scripts, and the hub is not built while it is there"),
    "HUB181": ("{what} belongs in a page's head; in content it can send backers to another site "
               "or change where every link leads", "remove it; to send backers somewhere, write a link"),
    "HUB182": ("{what} embeds another site in the hub", "link to it instead: [Watch the video](https://...)"),
    "HUB183": ("{what} would send what backers type somewhere hubgen does not know",
               "remove it; the contact page has the hub's own form"),
    "HUB184": ("{what} hides content in the link itself; browsers block most of them",
               "put the file under assets/ and link to it, e.g. /assets/size-chart.png"),
    "HUB185": ("{what}, another host: the hub promises backers it loads nothing from elsewhere",
               "download the file into assets/ and use its path, e.g. ![Box](/assets/box.jpg)"),
    "HUB186": ("{what} is not among the HTML content may hold",
               "remove it; content takes the hub's own styles, and `hubgen rules HUB186` lists what HTML it may use"),
    "HUB187": ("{what} belongs to the hub's own page (the theme's and hubgen's scripts look it up)",
               "choose another name: ids and classes starting with __, md-, hubgen- or ask- are the hub's own"),
}


def _of(code: str):
    def check(context: LintContext):
        for found_code, finding in _html_findings(context):
            if found_code == code:
                yield finding
    return check


rule("HUB180", "html-script", Severity.ERROR,
     "Content holds a script: a <script> element, an on...= handler, a javascript: URL or a srcdoc= page.", """
Backers' browsers would run it. The hub's Content-Security-Policy blocks it
where the host reads `_headers`, but not on every host, and the page would not
work as written. This rule cannot be ignored or made a warning: `hubgen build`
refuses content that runs scripts.

Bad:
    <span onclick="track()">Got it</span>
    [Survey](javascript:openSurvey())
Good:
    [Open your survey](https://survey.example.com/)
""", enforced=True)(_of("HUB180"))

rule("HUB181", "html-head-element", Severity.ERROR,
     "Content holds a <meta>, <base> or <link> element.", """
These belong in a page's head. `<meta http-equiv="refresh">` sends backers to
another site (no Content-Security-Policy can stop it), `<base>` changes where
every relative link on the page leads (and where the theme's own scripts, at
the end of the page, load from), `<link>` loads files. This rule cannot be
ignored or made a warning: `hubgen build` refuses such content.

Bad:
    <meta http-equiv="refresh" content="0; url=https://elsewhere.example/">
Good:
    The survey has moved: [open it here](https://survey.example.com/).
""", enforced=True)(_of("HUB181"))

rule("HUB182", "html-embed", Severity.ERROR,
     "Content embeds another site: <iframe>, <object>, <embed>.", """
An embedded page loads from another host (the hub promises it loads nothing
from elsewhere), is blocked by the hub's Content-Security-Policy, and is hard
to use on a phone. Link to it instead.

Bad:
    <iframe src="https://video.example/embed/123"></iframe>
Good:
    [Watch the factory tour](https://video.example/watch/123)
""")(_of("HUB182"))

rule("HUB183", "html-form", Severity.ERROR,
     "Content holds a <form> (or a formaction= attribute).", """
A form in content sends what backers type to an address hubgen does not check
(the hub's policy only lets forms post to the hub itself, on hosts that read
it), and form fields ask for what a backer should type only into the hub's
own form, on the contact page. This rule cannot be ignored or made a warning.

Bad:
    <form action="https://collect.example/"><input name="email"></form>
Good:
    Questions? [Write to us](/contact/).
""", enforced=True)(_of("HUB183"))

rule("HUB184", "data-url", Severity.ERROR,
     "A link or image in content uses a data: URL.", """
A data: URL carries a whole file inside the link; browsers refuse to open
most of them, and one can hold a page that pretends to be the hub.

Bad:
    [Size chart](data:text/html;base64,PGgxPkhp...)
Good:
    [Size chart](/assets/size-chart.png)
""")(_of("HUB184"))

rule("HUB185", "remote-image", Severity.ERROR,
     "An image (or video, audio) in content loads from another host.", """
The hub loads nothing from other hosts: an image from elsewhere tells that
host who reads the hub, and breaks when it moves. Hosts without `_headers`
would load it. Put the file under `assets/`. Images from the hub's own
`site_url` are fine.

Bad:
    ![The box](https://images.example.com/box.jpg)
Good:
    ![The box](/assets/box.jpg)
""")(_of("HUB185"))

rule("HUB186", "html-not-allowed", Severity.ERROR,
     "Content holds an HTML element or attribute outside what content may hold.", """
Content may hold the HTML of text, lists, tables, pictures, audio and video:
p, br, hr, h1-h6, blockquote, pre, div, span, ul, ol, li, dl, dt, dd, details,
summary, figure, figcaption, the table elements, a, abbr, b, bdi, bdo, cite,
code, del, dfn, em, i, ins, kbd, mark, q, ruby, s, samp, small, strong, sub,
sup, time, u, var, wbr, img, picture, source, video, audio, track; with id,
class, title, lang and dir, and each element's own attributes (href on a; src,
alt, width, height, srcset on img; ...). Everything else is refused, so no
element a browser reads differently (`<xmp>`, `<noscript>`, `<textarea>`,
`<svg>`, `<math>`) can hide a script, and no style (`style=`, `<style>`,
`background=`) can load from another host or lay an invisible layer over the
page. No data-* attributes: the hub's scripts read theirs from the page. The
only style kept is the column alignment Markdown tables write. This rule cannot
be ignored or made a warning: `hubgen build` refuses such content.

Bad:
    <p style="position:fixed;inset:0">Click anywhere</p>
    <svg><image href="https://tracker.example/pixel.png"/></svg>
Good:
    **Click the survey link** in your email.
    ![Our box](/assets/box.png)
""", enforced=True)(_of("HUB186"))

rule("HUB187", "html-reserved-name", Severity.ERROR,
     "Content uses an id or class of the hub's own page elements.", """
The theme and hubgen find their own elements by id (`__config` holds where
the search worker is) and style them by class (`md-`, `hubgen-`). Content with
the same id comes first on the page and is found instead. Ids and classes
starting with `__`, `md-`, `hubgen-` or `ask-`, and every id hubgen's
templates write, are the hub's own. This rule cannot be ignored or made a warning.

Bad:
    <span id="__config">...</span>
    <div class="md-overlay">...</div>
Good:
    <span id="sizes">...</span>
""", enforced=True)(_of("HUB187"))

rule("HUB188", "id-duplicate", Severity.ERROR,
     "Content gives an id that its page already has.", """
A link to `#refund` leads to the first element with that id: one written
into an earlier answer takes backers away from the answer they were sent to.
Every id on a page must be its own (FAQ entry ids, pledge state ids and
heading anchors are ids too).

Bad:
    (in the answer above the entry `refund`)
    Questions? [](){: #refund }
Good:
    Questions? See [refunds](#refund).
""")(_of("HUB188"))
