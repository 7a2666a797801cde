"""Shared fixtures: the example content, a built site, a local server, Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import traceback
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_CONTENT = REPO / "content"
NODE_MODULES = REPO / "node_modules"
CHROMIUM = os.environ.get("HUBGEN_CHROMIUM", "/usr/bin/chromium")
# A fixed build date: the example site is built exactly like a release would be.
SOURCE_DATE_EPOCH = "1795000000"


# Tests that need a tool beyond Python get its marker from the fixture they use,
# so `pytest -m "not browser and not node and not java and not faketime"` runs the rest on a
# machine without Chromium, node or Java. Nothing is ever skipped: a missing
# tool fails the tests that need it (CI, `bash scripts/test`, runs them all).
TOOL_MARKERS = {"browser": "browser", "node": "node", "node_modules": "node", "java": "java",
                "faketime": "faketime"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for fixture, marker in TOOL_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)



def generated_hub(folder: Path, **sizes) -> Path:
    """A large valid hub made by bench/generate.py (its FAQ answers share most words) in `folder`."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    generate(folder, **sizes)
    return folder

def run_hubgen(*args: str, cwd: Path | None = None, env: dict | None = None,
               timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run the command line in this process, as a creator would type it: in
    `cwd`, with `env` added to the environment (None removes a variable).
    Returns what a process would: exit code, stdout, stderr. A traceback that
    escapes hubgen lands in stderr as Python would print it, so "no traceback"
    tests still bite.

    Much faster than a process (hubgen's imports are paid once per session).
    A test that bounds the time (`timeout`, seconds) gets a real process, as
    do tests about the process itself (signals, `serve`: run_hubgen_process)."""
    if timeout is not None:
        return run_hubgen_process(*args, cwd=cwd, env=env, timeout=timeout)
    from click.testing import CliRunner

    from hubgen.cli import main

    runner = CliRunner(env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})})
    with contextlib.chdir(cwd or os.getcwd()):
        result = runner.invoke(main, list(args), prog_name="python -m hubgen")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["hubgen", *args], result.exit_code, result.stdout, stderr)


def run_hubgen_process(*args: str, cwd: Path | None = None, env: dict | None = None,
                       timeout: float = 240) -> subprocess.CompletedProcess:
    """Run `python -m hubgen` as its own process, with a bound on its time."""
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})}
    full_env = {name: value for name, value in full_env.items() if value is not None}
    return subprocess.run([sys.executable, "-m", "hubgen", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def example_content() -> Path:
    return EXAMPLE_CONTENT


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the example content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, target)
    return target


@pytest.fixture
def content_here(tmp_path: Path, monkeypatch) -> Path:
    """The example content, copied, as the relative folder 'content' (messages name 'content/...')."""
    shutil.copytree(EXAMPLE_CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Path("content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The example hub, built once per test session with the real CLI."""
    out = tmp_path_factory.mktemp("example") / "site"
    result = run_hubgen("build", str(EXAMPLE_CONTENT), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".json": "application/json", ".xml": "application/xml",
                      ".js": "text/javascript", ".ics": "text/calendar"}

    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path, handler=_QuietHandler):
    """Serve a folder on 127.0.0.1 on a free port; returns (server, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built example hub served over HTTP on loopback."""
    server, url = serve_folder(built_site)
    yield url
    server.shutdown()


class _FormHost(_QuietHandler):
    """A static host that takes form posts as Netlify does: each post is kept
    (its Content-Type and raw body), and the answer is the page at the form's action."""

    posts: list = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.posts.append({"type": self.headers.get("Content-Type", ""), "body": self.rfile.read(length)})
        self.do_GET()


def serve_with_forms(site: Path):
    """Serve a built site on a host that takes its forms: (server, base URL, the posts received)."""
    handler = type("FormHost", (_FormHost,), {"posts": []})
    server, url = serve_folder(site, handler)
    return server, url, handler.posts


@pytest.fixture
def form_host(built_site: Path):
    """The example hub on a host that takes its forms: (base URL, the posts received)."""
    server, url, posts = serve_with_forms(built_site)
    yield url, posts
    server.shutdown()


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The npm packages tests read: lunr.js, axe-core, vnu.jar, the SARIF schema."""
    assert NODE_MODULES.is_dir(), "node_modules is missing: run `npm install` in the repository"
    return NODE_MODULES


@pytest.fixture(scope="session")
def node(node_modules) -> str:
    found = shutil.which("node")
    assert found, "node is missing: apt-get install nodejs"
    return found


@pytest.fixture(scope="session")
def java(node_modules) -> str:
    """Java, for the W3C Nu checker (vnu.jar, from npm)."""
    found = shutil.which("java")
    assert found, "java is missing: apt-get install default-jre-headless"
    return found


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through Playwright. Never skips: a browser
    test that cannot start is a failure, in CI and everywhere else."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
