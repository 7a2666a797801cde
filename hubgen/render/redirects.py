"""site/_redirects: the page a host that reads Netlify's format answers a missing address with.

Each language's pages have their own 404 page (`de/404.html`, in German); a
missing address under `de/` gets it, with a 404 status, instead of the
original's. Netlify reads `_redirects` before netlify.toml's rules, and a 404
rule never hides a file that exists. A hub in one language needs no file: every
host answers a missing address with the root's 404.html. A host that does not
read the file (GitHub Pages) serves the root's 404.html everywhere: that page
sends a backer on to their language's (hubgen.js, overrides/404.html).

The same rules are read back by `parse_redirects`/`not_found_page`, which
`hubgen serve` and the tests use to answer exactly as the host would.
"""

from __future__ import annotations

from pathlib import Path

from hubgen.model import Hub
from hubgen.render.headers import path_pattern
from hubgen.urls import NOT_FOUND_PAGE, language_prefix

REDIRECTS_FILE = "_redirects"
NOT_FOUND = 404


def redirect_rules(hub: Hub) -> list[tuple[str, str, int]]:
    """(path pattern, the page it gets, status), the most specific first (the host takes the first that matches)."""
    rules = []
    for translation in hub.translations:
        prefix = "/" + language_prefix(hub, translation.language)
        rules.append((prefix + "*", prefix + NOT_FOUND_PAGE, NOT_FOUND))
    return [*rules, ("/*", "/" + NOT_FOUND_PAGE, NOT_FOUND)] if rules else []


def render_redirects(rules: list[tuple[str, str, int]]) -> str:
    lines = ["# Written by hubgen build: a missing page under a language's folder gets that language's 404 page."]
    lines += [f"{pattern}  {target}  {status}" for pattern, target, status in rules]
    return "\n".join(lines) + "\n"


def write_redirects(hub: Hub, site_dir: Path) -> None:
    """Finished-site step (site.finished_site_steps): site/_redirects for a hub in several languages."""
    target = site_dir / REDIRECTS_FILE
    rules = redirect_rules(hub)
    if rules:
        target.write_text(render_redirects(rules), encoding="utf-8")
    else:  # a site updated in place whose hub has lost its languages
        target.unlink(missing_ok=True)


# -- reading the file back, as a host does ------------------------------------

def parse_redirects(text: str) -> list[tuple[str, str, int]]:
    """Rules from a _redirects file: `from  to  status` per line."""
    rules = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and not parts[0].startswith("#") and parts[2].isdigit():
            rules.append((parts[0], parts[1], int(parts[2])))
    return rules


def not_found_page(site_dir: Path, url_path: str) -> Path:
    """The page a missing `url_path` gets: the first 404 rule of site/_redirects that
    matches, else the root's 404.html."""
    try:
        rules = parse_redirects((site_dir / REDIRECTS_FILE).read_text(encoding="utf-8"))
    except OSError:
        rules = []
    for pattern, target, status in rules:
        if status == NOT_FOUND and path_pattern(pattern).match(url_path):
            return site_dir / target.lstrip("/")
    return site_dir / NOT_FOUND_PAGE
