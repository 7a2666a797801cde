"""HUB18x: raw HTML in content that would run, redirect, embed, post or load from elsewhere.

Markdown lets a creator write any HTML, and Python-Markdown passes it through
(attr_list even adds attributes: `[x](/faq/){onclick="..."}`). These rules read
each piece of content as the site converts it (hubgen.markup), so code blocks
and code spans, which are shown as text, are never reported; what is reported
is placed at the first place in the file that spells it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.rules_links import Source, sources
from hubgen.lint.text import locate
from hubgen.markup import to_html

SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# Attributes whose value is a URL a browser follows or loads.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "background",
                  "xlink:href", "ping", "longdesc"}
# Elements that load what their URL names as soon as the page opens.
LOADING_ELEMENTS = {"img", "video", "audio", "source", "track", "input", "image"}
EMBEDDING_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "portal", "applet"}
HEAD_ELEMENTS = {"meta", "base", "link"}
# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class RiskyHtml:
    code: str
    what: str  #: e.g. "a <script> element"
    spelling: str  #: text to look for in the Markdown to say where it is


def url_scheme(url: str) -> str:
    """The scheme of a URL as a browser reads it, lowercase with its colon; "" if none."""
    cleaned = _IGNORED_IN_SCHEME.sub("", url).lower()
    match = re.match(r"[a-z][a-z0-9+.-]*:", cleaned)
    return match.group(0) if match else ""


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


class _Scanner(HTMLParser):
    """Collects what is risky in one converted fragment, in document order."""

    def __init__(self, own_host: str):
        super().__init__(convert_charrefs=True)
        self.own_host = own_host
        self.found: list[RiskyHtml] = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        add = self.found.append
        if tag == "script":
            add(RiskyHtml("HUB180", "a <script> element", "<script"))
        if tag in HEAD_ELEMENTS:
            refresh = tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh"
                                            for n, v in attrs)
            add(RiskyHtml("HUB181", "a <meta http-equiv=\"refresh\"> redirect" if refresh
                          else f"a <{tag}> element", f"<{tag}"))
        if tag in EMBEDDING_ELEMENTS:
            add(RiskyHtml("HUB182", f"an <{tag}> element" if tag[0] in "aeiou" else f"a <{tag}> element",
                          f"<{tag}"))
        if tag == "form":
            add(RiskyHtml("HUB183", "a <form> element", "<form"))
        for name, value in attrs:
            self.attribute(tag, name, value or "")

    def attribute(self, tag: str, name: str, value: str) -> None:
        add = self.found.append
        if name.startswith("on"):
            add(RiskyHtml("HUB180", f"an event handler attribute ({name}=)", name))
        if name == "formaction":
            add(RiskyHtml("HUB183", "a formaction= attribute", name))
        urls = srcset_urls(value) if name in ("srcset", "imagesrcset") else (
            [value] if name in URL_ATTRIBUTES else [])
        for url in urls:
            scheme = url_scheme(url)
            if scheme in SCRIPT_SCHEMES:
                add(RiskyHtml("HUB180", f"a {scheme} URL", scheme.rstrip(":")))
            elif scheme == "data:":
                add(RiskyHtml("HUB184", "a data: URL", "data:"))
            elif tag in LOADING_ELEMENTS and self.from_elsewhere(url):
                add(RiskyHtml("HUB185", f"<{tag}> loading {url}", url))

    def from_elsewhere(self, url: str) -> bool:
        parts = urlsplit(url.strip())
        return bool(parts.netloc) and parts.hostname != self.own_host


def risky_html(markdown: str, own_host: str) -> list[RiskyHtml]:
    """What is risky in `markdown` once converted as the site converts it."""
    if not any(mark in markdown for mark in ("<", "{", "](", "]:")):
        return []  # no tag, attribute list, link or image: most FAQ answers
    scanner = _Scanner(own_host)
    scanner.feed(to_html(markdown))
    scanner.close()
    return scanner.found


def _place(source: Source, spelling: str):
    """Where `spelling` first appears in the source (case-insensitive); the source's start if nowhere."""
    line, column, _ = locate(source.markdown, spelling)
    return source.location(line, column)


def _html_findings(context: LintContext) -> list[tuple[str, Finding]]:
    return context.once("html", lambda: list(_check_html(context)))


def _check_html(context: LintContext) -> Iterator[tuple[str, Finding]]:
    own_host = urlsplit(context.hub.project.site_url).hostname or ""
    for source in sources(context.hub):
        for found in risky_html(source.markdown, own_host):
            message, fix = MESSAGES[found.code]
            yield found.code, Finding(_place(source, found.spelling), message.format(what=found.what), fix)


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
}


def _of(code: str):
    def check(context: LintContext):
        for found_code, finding in _html_findings(context):
            if found_code == code:
                yield finding
    return check


rule("HUB180", "html-script", Severity.ERROR,
     "Content holds a script: a <script> element, an on...= handler or a javascript: URL.", """
Backers' browsers would run it. The hub's Content-Security-Policy blocks it
where the host reads `_headers`, but not on every host, and the page would not
work as written. This rule cannot be ignored or made a warning: `hubgen build`
refuses content that runs scripts.

Bad:
    <button onclick="track()">Got it</button>
    [Survey](javascript:openSurvey())
Good:
    [Open your survey](https://survey.example.com/)
""", enforced=True)(_of("HUB180"))

rule("HUB181", "html-head-element", Severity.ERROR,
     "Content holds a <meta>, <base> or <link> element.", """
These belong in a page's head. `<meta http-equiv="refresh">` sends backers to
another site (no Content-Security-Policy can stop it), `<base>` changes where
every relative link on the page leads, `<link>` loads files.

Bad:
    <meta http-equiv="refresh" content="0; url=https://elsewhere.example/">
Good:
    The survey has moved: [open it here](https://survey.example.com/).
""")(_of("HUB181"))

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
(the hub's policy only lets forms post to the hub itself). The contact page
has the hub's own form.

Bad:
    <form action="https://collect.example/"><input name="email"></form>
Good:
    Questions? [Write to us](/contact/).
""")(_of("HUB183"))

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
