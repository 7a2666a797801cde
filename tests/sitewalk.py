"""Reading a built site the way a browser would: pages, links, anchors."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # href of <a>
        self.resources: list[str] = []  # src/href the browser loads by itself

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in ("alternate", "canonical"):
            self.resources.append(a["href"])


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def url_of(site: Path, page: Path) -> str:
    """The site-relative URL a page is served at, e.g. faq/ for faq/index.html."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve(site: Path, page_url: str, href: str) -> tuple[Path | None, str]:
    """File and fragment a relative link points at; (None, '') for other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    target = urlsplit(urljoin("http://hub/" + page_url, href))
    path = site / unquote(target.path.lstrip("/"))
    if path.is_dir():
        path = path / "index.html"
    return path, target.fragment


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file and folder of a site, by path (folders as b"/")."""
    found = {}
    for root, folders, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        found.update({(base / name).as_posix() + "/": b"/" for name in folders})
        found.update({(base / name).as_posix(): (Path(root) / name).read_bytes() for name in files})
    return found
