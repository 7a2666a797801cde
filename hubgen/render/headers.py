"""site/_headers: HTTP response headers for hosts that read Netlify's format.

Every page gets a Content-Security-Policy without 'unsafe-inline' for
scripts: Material emits a few small inline <script> blocks (its palette and
scope bootstrap), so each is allowed by its SHA-256 hash instead. Only the
scripts the theme's own templates write are hashed (mkdocs_project.theme_scripts):
a script that reached a page any other way stays blocked. Material writes no inline style attributes or <style>
blocks and sets styles only through the CSSOM, which CSP does not restrict, so
style-src stays 'self' too. Fingerprinted assets (names carrying a content
hash, written by the theme or hubgen, never content's) are cached for a year;
the search index's first shard may be used from the browser's cache while it
is revalidated (hubgen-search.js then checks it, off the first answer's path);
everything else is revalidated.

The same rules are read back by `parse_headers`/`headers_for`, which
`hubgen serve` and the tests use to answer exactly as the host would.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import quote

from hubgen.model import Hub
from hubgen.theme import material_asset_files
from hubgen.urls import (CALENDAR_FILE, FEED_ATOM, FEED_FILES, FEED_JSON, HUBGEN_ASSETS_DIR, TAGS_URL,
                         carries_own_fingerprint, escaped_url, search_shard_file)
from hubgen.render.mkdocs_project import page_base_url, theme_scripts

HEADERS_FILE = "_headers"

# Script types a browser executes; JSON config blocks are data, not code.
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

# Material names its bundles like bundle.a5f9d56c.min.js, main.57a0d79d.min.css.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")

# Files other modules write; the host must label them so feed readers and
# calendar apps accept them. Written even when the file is absent.
CONTENT_TYPES = {
    "/" + FEED_ATOM: "application/atom+xml; charset=utf-8",
    "/" + FEED_JSON: "application/feed+json; charset=utf-8",
    "/" + CALENDAR_FILE: "text/calendar; charset=utf-8",
}

IMMUTABLE = "public, max-age=31536000, immutable"
# The index's first shard is named the same on every build (a digest in its name
# would change every page whenever one answer changes). On a later visit the
# browser hands over the copy it kept at once, instead of after a round trip to
# the host (400 ms on a slow phone network), and revalidates it meanwhile; the
# page asks whether it is current and answers again if it was not
# (hubgen-search.js). For a week after the last visit; after that, revalidated first.
KEPT_WHILE_REVALIDATED = "public, max-age=0, stale-while-revalidate=604800"


# Built pages are MkDocs' own output, so a pattern finds their scripts; an HTML
# parser over every page cost 1.5 s on a 500-update hub (bench/run.py).
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
SCRIPT_SRC = re.compile(r"\bsrc\s*=", re.I)


def inline_scripts(page_html: str) -> list[str]:
    """The text of every executable inline <script>."""
    found = []
    for match in SCRIPT.finditer(page_html):
        attributes = match.group(1)
        kind = SCRIPT_TYPE.search(attributes)
        if SCRIPT_SRC.search(attributes) or (kind and kind.group(1).lower() not in _JS_TYPES):
            continue
        found.append(match.group(2))
    return found


def script_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# hubgen serve updates its site in place and writes _headers after every edit:
# the scripts of a page it did not render again are read once, not every time.
_SCRIPTS_SEEN: dict[tuple[str, int, int, int], tuple[str, ...]] = {}
_SCRIPTS_SEEN_MAX = 20000


def _inline_scripts_of(page: Path) -> tuple[str, ...]:
    stat = page.stat()
    seal = (str(page), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if (scripts := _SCRIPTS_SEEN.get(seal)) is None:
        scripts = tuple(inline_scripts(page.read_text(encoding="utf-8")))
        if len(_SCRIPTS_SEEN) >= _SCRIPTS_SEEN_MAX:
            _SCRIPTS_SEEN.clear()
        _SCRIPTS_SEEN[seal] = scripts
    return scripts


def script_hashes(site_url: str, site_dir: Path) -> list[str]:
    """Hashes of the theme's inline scripts that the built pages hold, sorted, no repeats."""
    pages = {page.relative_to(site_dir).as_posix(): page for page in site_dir.rglob("*.html")}
    known = theme_scripts({page_base_url(site_url, path) for path in pages})
    found = set()
    for page in pages.values():
        for source in _inline_scripts_of(page):
            if source in known:
                found.add(script_hash(source))
    return sorted(found)


def content_security_policy(hashes: list[str]) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # Material's icons are data: SVG masks in its CSS
        "font-src 'self'",
        "connect-src 'self'",  # the search worker fetches search_index.json
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # Only features Chromium knows: an unknown one is logged as a console error.
    "Permissions-Policy": ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                           "microphone=(), payment=(), usb=()"),
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
}


def fingerprinted_assets(site_dir: Path) -> list[str]:
    """Files the theme or hubgen wrote under names that change with their bytes: the
    theme's fingerprinted bundles (by the installed theme's own list of files) and
    hubgen's assets/hubgen/ files whose names carry the digest of what they hold.
    Nothing from content: its files can be neither (content_assets.owner_of)."""
    theme = {path for path in material_asset_files() if FINGERPRINTED.search(path)}
    own_folder = site_dir / HUBGEN_ASSETS_DIR
    own = {path.relative_to(site_dir).as_posix() for path in sorted(own_folder.glob("*"))
           if path.is_file() and carries_own_fingerprint(path.name, path.read_bytes())}
    return sorted("/" + path for path in theme | own if (site_dir / path).is_file())


def first_search_shards(site_dir: Path) -> list[str]:
    """The index's first shard of each language: search/index-0.json and de/search/index-0.json."""
    first = search_shard_file(0)
    folders = [site_dir, *sorted(path for path in site_dir.iterdir() if path.is_dir())]
    return ["/" + (folder / first).relative_to(site_dir).as_posix() for folder in folders if (folder / first).is_file()]


def header_rules(site_url: str, site_dir: Path) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) in the order they are written."""
    every_page = {"Content-Security-Policy": content_security_policy(script_hashes(site_url, site_dir)),
                  **SECURITY_HEADERS}
    rules = [("/*", every_page)]
    rules += [(path, {"Cache-Control": IMMUTABLE}) for path in fingerprinted_assets(site_dir)]
    rules += [(quote(path), {"Cache-Control": KEPT_WHILE_REVALIDATED}) for path in first_search_shards(site_dir)]
    rules += [(path, {"Content-Type": kind}) for path, kind in CONTENT_TYPES.items()]
    rules += [(path, {"Content-Type": CONTENT_TYPES["/" + path.rsplit("/", 1)[1]]})
              for path in tag_feeds(site_dir)]
    return rules


def tag_feeds(site_dir: Path) -> list[str]:
    """Each tag's feeds (feeds.py), by their own paths: a `*` in the middle of a
    path is not a pattern every host reads the same way."""
    tags = site_dir / TAGS_URL
    found = [path for name in FEED_FILES for path in tags.glob(f"*/{name}")]
    return sorted("/" + quote(path.relative_to(site_dir).as_posix()) for path in found)


#: RFC 9110 5.1: a header's name is a token
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
#: RFC 9110 5.5: a header's value holds no line break or other control character
_VALUE_BREAK = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
def _header_line(name: str, value: str) -> str:
    if not _TOKEN.fullmatch(name) or _VALUE_BREAK.search(value):
        raise ValueError(f"not a header _headers may hold: {name!r}: {value!r}")
    return f"  {name}: {value}"


def render_headers(rules: list[tuple[str, dict[str, str]]]) -> str:
    """Netlify's format: a path line, then `  Name: value` lines. Each part is written by its own
    grammar, as file names from the content reach the paths."""
    lines = ["# Written by hubgen build: HTTP headers in Netlify's _headers format."]
    for pattern, headers in rules:
        lines.append(escaped_url(pattern))  # a line break in a file name never starts a line
        lines += [_header_line(name, value) for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def write_headers(hub: Hub, site_dir: Path) -> None:
    """Finished-site step (site.finished_site_steps): write site/_headers from the built pages."""
    (site_dir / HEADERS_FILE).write_text(render_headers(header_rules(hub.project.site_url, site_dir)), encoding="utf-8")


# -- reading the file back, as a host does ------------------------------------

def parse_headers(text: str) -> list[tuple[str, dict[str, str]]]:
    """Rules from a _headers file: a path line, then indented `Name: value` lines."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif rules and ":" in line:
            name, value = line.split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def path_pattern(pattern: str) -> re.Pattern:
    """A host's path pattern (`/de/*`: `*` matches anything) as a regular expression."""
    return re.compile("^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$")


def headers_for(rules: list[tuple[str, dict[str, str]]], url_path: str) -> dict[str, str]:
    """The headers a request for `url_path` gets: every matching rule, in order."""
    result: dict[str, str] = {}
    for pattern, headers in rules:
        if path_pattern(pattern).match(url_path):
            result.update(headers)
    return result
