"""site/_headers: the rules hubgen writes, and a browser that obeys them.

The local server applies site/_headers the way Netlify does (every matching
rule; for a missing path, the 404 page site/_redirects names, else 404.html,
with status 404), so a Content-Security-Policy that blocks Material's own
scripts or the search worker fails here first.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import _QuietHandler, serve_folder
from hubgen.render.headers import (
    CONTENT_TYPES,
    IMMUTABLE,
    header_rules,
    headers_for,
    inline_scripts,
    parse_headers,
    script_hash,
)
from hubgen.render.redirects import not_found_page

PAGE_TYPES = ["", "faq/", "refund-policy/", "pledge-states/", "updates/",
              "updates/{update}/", "contact/", "pages/{page}/", "no-such-page/"]


def _rules(site: Path):
    return parse_headers((site / "_headers").read_text(encoding="utf-8"))


class NetlifyLikeHandler(_QuietHandler):
    """Serves a built site with the headers its _headers file asks for."""

    rules: list = []

    def send_head(self):
        path = self.translate_path(self.path)
        if not Path(path).exists():
            return self._not_found()
        return super().send_head()

    def _not_found_page(self) -> Path:
        return not_found_page(Path(self.directory), self.path.split("?", 1)[0])

    def _not_found(self):
        body = self._not_found_page().read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        for name, value in headers_for(self.rules, url_path).items():
            if name.lower() == "content-type":
                continue  # set below by send_header override
            self.send_header(name, value)
        super().end_headers()

    def send_header(self, keyword, value):
        if keyword.lower() == "content-type":
            url_path = self.path.split("?", 1)[0]
            value = headers_for(self.rules, url_path).get("Content-Type", value)
        super().send_header(keyword, value)


class RootNotFoundHandler(NetlifyLikeHandler):
    """A host that answers every missing path with the root's 404.html, as GitHub
    Pages does (which reads neither _redirects nor _headers: the headers stay, so
    that what the pages' scripts do is seen under the CSP)."""

    def _not_found_page(self) -> Path:
        return Path(self.directory) / "404.html"


@pytest.fixture(scope="module")
def headers_url(built_site: Path):
    handler = type("Handler", (NetlifyLikeHandler,), {"rules": _rules(built_site)})
    server, url = serve_folder(built_site, handler)
    yield url
    server.shutdown()


def _first_folder(folder: Path) -> str:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())[0]


def _page_url(base: str, site: Path, path: str) -> str:
    return base + path.format(update=_first_folder(site / "updates"),
                              page=_first_folder(site / "pages"))


# -- the file ------------------------------------------------------------------

def test_every_page_gets_the_security_headers(built_site: Path):
    headers = headers_for(_rules(built_site), "/faq/")
    csp = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["default-src"] == "'self'"
    assert directives["worker-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["img-src"] == "'self' data:"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["Referrer-Policy"]
    assert headers["Permissions-Policy"]
    assert "Cache-Control" not in headers  # pages are revalidated, never immutable


def test_every_inline_script_of_every_page_is_hashed(built_site: Path):
    csp = headers_for(_rules(built_site), "/")["Content-Security-Policy"]
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        for source in inline_scripts(page.read_text(encoding="utf-8")):
            assert script_hash(source) in csp, f"{page}: inline script not allowed by the CSP"


def test_a_script_that_reached_a_page_otherwise_is_not_allowed(built_site: Path, tmp_path: Path):
    """Only the theme's own scripts are hashed: one that got into a built page
    some other way (content, a plugin, a tampered file) stays blocked."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    faq = site / "faq" / "index.html"
    injected = 'document.body.innerHTML="hijacked"'
    faq.write_text(faq.read_text(encoding="utf-8").replace("</body>", f"<script>{injected}</script></body>"),
                   encoding="utf-8")
    csp = headers_for(header_rules("https://help.tidewater.example/", site), "/faq/")["Content-Security-Policy"]
    assert script_hash(injected) not in csp
    for source in inline_scripts((built_site / "faq" / "index.html").read_text(encoding="utf-8")):
        assert script_hash(source) in csp  # the theme's own still run


def test_only_fingerprinted_assets_are_immutable(built_site: Path):
    rules = _rules(built_site)
    immutable = [pattern for pattern, headers in rules if headers.get("Cache-Control") == IMMUTABLE]
    assert any(p.endswith(".min.js") for p in immutable)
    assert any(p.endswith(".min.css") for p in immutable)
    for pattern in immutable:
        assert "*" not in pattern
        assert re.search(r"\.[0-9a-f]{8,}(\.min)?\.(js|css)$", pattern), pattern
        assert (built_site / pattern.lstrip("/")).is_file()
    for path in ("/index.html", "/search/search_index.json", "/assets/javascripts/lunr/min/lunr.de.min.js"):
        assert "Cache-Control" not in headers_for(rules, path), path


def test_hubgen_assets_are_named_by_their_bytes_and_kept_a_year(built_site: Path):
    """hubgen's own CSS and JavaScript were revalidated on every page view (#25): each
    now has a name carrying a digest of its bytes, and only such names are immutable."""
    rules = _rules(built_site)
    own = sorted((built_site / "assets" / "hubgen").iterdir())
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", p.name) for p in own} >= {
        "hubgen.css", "palette.css", "hubgen.js", "hubgen-ask.js", "hubgen-helpful.js", "delivery.js",
        "hubgen-search.js"}
    for path in own:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        assert f".{digest}." in path.name
        assert headers_for(rules, "/" + path.relative_to(built_site).as_posix())["Cache-Control"] == IMMUTABLE
        assert f"assets/hubgen/{path.name}" in (built_site / "index.html").read_text(encoding="utf-8")


def test_feeds_and_calendar_get_their_content_types(built_site: Path):
    rules = _rules(built_site)
    assert headers_for(rules, "/feed.xml")["Content-Type"].startswith("application/atom+xml")
    assert headers_for(rules, "/feed.json")["Content-Type"].startswith("application/feed+json")
    assert headers_for(rules, "/milestones.ics")["Content-Type"].startswith("text/calendar")
    assert set(CONTENT_TYPES) == {"/feed.xml", "/feed.json", "/milestones.ics"}


def test_parse_and_match_like_netlify():
    rules = parse_headers("# comment\n/*\n  A: 1\n  B: x: y\n\n/feed.xml\n  A: 2\n/a/*/c\n  C: 3\n")
    assert headers_for(rules, "/faq/") == {"A": "1", "B": "x: y"}
    assert headers_for(rules, "/feed.xml") == {"A": "2", "B": "x: y"}
    assert headers_for(rules, "/a/b/c")["C"] == "3"


def test_served_response_carries_the_headers(headers_url: str, built_site: Path):
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(headers_url + "faq/", timeout=10) as response:
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(headers_url + "no-such-page/", timeout=10)
    assert missing.value.code == 404
    assert missing.value.headers["Content-Security-Policy"]


# -- the browser ---------------------------------------------------------------

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
"""


def _open(page, url: str) -> tuple[list[str], list[str]]:
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.add_init_script(VIOLATIONS)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # late scripts: palette, search worker start-up
    violations = page.evaluate("window.__cspViolations")
    return violations, console


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_csp_violation_on_any_page_type(page, headers_url: str, built_site: Path, path: str):
    url = _page_url(headers_url, built_site, path)
    response_headers = {}
    page.on("response", lambda r: response_headers.setdefault(r.url, r.headers))
    violations, console = _open(page, url)
    assert "content-security-policy" in response_headers[url]
    assert violations == []
    csp_messages = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
    assert csp_messages == []


@pytest.mark.parametrize("path", ["", "updates/{update}/"])
def test_search_works_under_the_csp(page, headers_url: str, built_site: Path, path: str):
    violations, console = _open(page, _page_url(headers_url, built_site, path))
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("refund", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.evaluate("window.__cspViolations") == []
    assert not [m for m in console if "Content Security Policy" in m or "Refused to" in m]


def test_dark_mode_toggle_works_under_the_csp(page, headers_url: str):
    violations, console = _open(page, headers_url + "faq/")
    page.locator("label.md-header__button[for^='__palette']").first.click()
    page.wait_for_timeout(200)
    page.reload(wait_until="load")  # the palette script restores the choice from storage
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("window.__cspViolations") == []


# -- publishing files ----------------------------------------------------------

def test_netlify_toml_lints_then_builds_and_serves_the_404_page():
    import tomllib

    from conftest import REPO

    config = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))
    for command in (config["build"]["command"], config["context"]["deploy-preview"]["command"]):
        steps = [step.strip() for step in command.split("&&")]
        assert steps[0] == "pip install ."
        assert steps[1].startswith("hubgen lint")
        assert steps[2].startswith("hubgen build") and "-o site" in steps[2]
    assert config["build"]["publish"] == "site"
    assert config["build"]["environment"]["PYTHON_VERSION"]
    assert {"from": "/*", "to": "/404.html", "status": 404} in config["redirects"]


def test_netlify_build_command_options_exist(tmp_path: Path):
    import tomllib

    from conftest import REPO, run_hubgen

    config = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))
    build = config["context"]["deploy-preview"]["command"].split("&&")[2].split()
    assert build[:2] == ["hubgen", "build"]
    args = [str(tmp_path / "site") if a == "site" else a for a in build[2:]]
    args = [str(REPO / "content") if a == "content" else a for a in args]
    result = run_hubgen("build", *args)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "_headers").is_file()


def test_github_workflow_lints_uploads_sarif_builds_and_keeps_the_site():
    import yaml

    from conftest import REPO

    workflow = yaml.safe_load((REPO / ".github/workflows/hub.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["hub"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    runs = " ; ".join(s.get("run", "") for s in steps)
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert "pip install" in runs
    assert "hubgen lint content --format github" in runs
    assert "hubgen lint content --format sarif > lint.sarif" in runs
    assert "hubgen build content -o site" in runs
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert artifact["with"]["path"].rstrip("/") == "site"
