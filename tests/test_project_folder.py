"""Creators run commands from their project folder or from inside content/,
without naming the content folder: every command finds it the same way."""

from __future__ import annotations

import html
import html.parser
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import SOURCE_DATE_EPOCH, run_hubgen, run_hubgen_process
from hubgen.content_format import UPDATE_PLACEHOLDER

TODAY = "2026-03-01"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A creator's project: the content in content/, nothing else yet."""
    folder = tmp_path / "my-hub"
    result = run_hubgen("init", "--content-only", str(folder / "content"), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize("where", ["project", "content"])
def test_lint_finds_the_content(project: Path, where: str):
    cwd = project if where == "project" else project / "content"
    result = run_hubgen("lint", "--today", TODAY, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 2 warning(s)" in result.stdout  # HUB114: init's placeholder address and URL
    assert "hub.yaml:32:10: warning HUB114: contact.email is still support@example.com" in result.stdout


def test_lint_from_inside_content_names_files_as_the_creator_sees_them(project: Path):
    (project / "content" / "faq.yaml").write_text("- category: Shipping\n  questions:\n    - q: When?\n")
    result = run_hubgen("lint", "--today", TODAY, cwd=project / "content")
    assert result.returncode == 1
    assert re.search(r"^faq\.yaml:\d+", result.stdout, re.M), result.stdout
    from_project = run_hubgen("lint", "--today", TODAY, cwd=project)
    assert re.search(r"^content/faq\.yaml:\d+", from_project.stdout, re.M), from_project.stdout


@pytest.mark.parametrize("where", ["project", "content"])
def test_build_writes_the_projects_site(project: Path, where: str):
    """From inside content/ the site still lands in the project's site/, the
    folder the hosts publish, and never inside the content."""
    cwd = project if where == "project" else project / "content"
    result = run_hubgen("build", "--today", TODAY, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "faq" / "index.html").is_file()
    assert not (project / "content" / "site").exists()


@pytest.mark.parametrize("where", ["project", "content"])
def test_new_update_finds_the_content(project: Path, where: str):
    cwd = project if where == "project" else project / "content"
    result = run_hubgen("new", "update", "Moulds approved", "--date", "2026-03-02", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert (project / "content" / "updates" / "2026-03-02-moulds-approved.md").is_file()
    assert (cwd / result.stdout.strip()).resolve() == \
        (project / "content" / "updates" / "2026-03-02-moulds-approved.md").resolve()


def test_new_update_takes_the_content_like_the_other_commands(project: Path, tmp_path: Path):
    content = project / "content"
    positional = run_hubgen("new", "update", "Second batch", str(content), "--date", "2026-03-03", cwd=tmp_path)
    assert positional.returncode == 0, positional.stderr
    alias = run_hubgen("new", "update", "Third batch", "--content", str(content), "--date", "2026-03-03",
                       cwd=tmp_path)
    assert alias.returncode == 0, alias.stderr
    assert {p.name for p in (content / "updates").iterdir()} >= {
        "2026-03-03-second-batch.md", "2026-03-03-third-batch.md"}
    both = run_hubgen("new", "update", "Fourth", str(content), "--content", str(tmp_path), cwd=tmp_path)
    assert both.returncode == 2 and "two content folders" in both.stderr
    assert not list((content / "updates").glob("*fourth*"))


def test_a_folder_with_no_content_says_where_to_run(tmp_path: Path):
    for command in (["lint"], ["build"], ["search", "refund"], ["new", "update", "Hello"]):
        result = run_hubgen(*command, cwd=tmp_path)
        assert result.returncode == 2, command
        assert "no content folder here" in result.stderr and "hubgen init DIR" in result.stderr
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_folder_given_wins_over_the_current_one(project: Path, tmp_path: Path):
    other = tmp_path / "other"
    assert run_hubgen("init", "--content-only", str(other), "--today", TODAY).returncode == 0
    (other / "faq.yaml").write_text("not: [a list\n")
    result = run_hubgen("lint", str(other), "--today", TODAY, cwd=project)
    assert result.returncode in (1, 2) and "faq.yaml" in result.stdout + result.stderr


@pytest.mark.parametrize("where", ["project", "content"])
def test_serve_finds_the_content(project: Path, where: str):
    cwd = project if where == "project" else project / "content"
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    process = subprocess.Popen([sys.executable, "-m", "hubgen", "serve", "--port", "0"], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        seen, url = [], None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=0.5))
            except queue.Empty:
                assert process.poll() is None, "hubgen serve exited: " + "".join(seen)
                continue
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", seen[-1])
            url = match.group(1) if match else None
        assert url, "no URL within 60 s: " + "".join(seen)
        with urllib.request.urlopen(url + "faq/", timeout=20) as response:
            page = response.read().decode("utf-8")
        assert response.status == 200 and "Shipping" in page
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert not (project / "site").exists() and not (project / "content" / "site").exists()


# -- titles survive as typed (#12) ----------------------------------------------

TITLE = 'Café crates 📦 "batch 2": <b>ships</b> & arrives 🎉'


class _Heading(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.text = 0, ""

    def handle_starttag(self, tag, attrs):
        if tag == "h1" or self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text += data


@pytest.mark.parametrize("terminal", ["utf-8", "ascii"])
def test_a_title_with_emoji_quotes_colon_and_html_round_trips(project: Path, terminal: str):
    """In a terminal whose locale is not UTF-8 Python hands the emoji's bytes
    over as surrogate escapes; the title must still arrive whole."""
    env = {} if terminal == "utf-8" else {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
                                          "PYTHONCOERCECLOCALE": "0"}
    # A real process: only there does the terminal's locale decide how argv is decoded.
    result = run_hubgen_process("new", "update", TITLE, "--date", TODAY, cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    slug = Path(result.stdout.strip()).stem
    assert slug == f"{TODAY}-cafe-crates-batch-2-b-ships-b-arrives"
    written = Path(result.stdout.strip())
    if not written.is_absolute():
        written = project / written
    # The creator writes the update in place of the placeholder (until then it is a draft).
    written.write_text(written.read_text(encoding="utf-8").replace(UPDATE_PLACEHOLDER, "Batch 2 is on its way."),
                       encoding="utf-8")
    build = run_hubgen("build", "--today", TODAY, cwd=project)
    assert build.returncode == 0, build.stdout + build.stderr
    page = (project / "site" / "updates" / slug / "index.html").read_text(encoding="utf-8")
    heading = _Heading()
    heading.feed(page)
    assert heading.text.replace("¶", "").strip() == TITLE
    assert "<b>ships</b>" not in page  # shown as text, never as markup
    assert "\\u" not in page and "title:" not in page  # the front matter was read, not shown
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html.unescape(title).startswith(TITLE)
    feed = json.loads((project / "site" / "feed.json").read_text(encoding="utf-8"))
    assert TITLE in [item["title"] for item in feed["items"]]



# -- messages point at commands, not at files only hubgen's repository has ----

def test_docs_prints_the_content_format_reference():
    from conftest import REPO

    result = run_hubgen("docs")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
    lint = run_hubgen("docs", "lint")
    assert lint.returncode == 0 and "--format sarif" in lint.stdout
    unknown = run_hubgen("docs", "shiping")
    assert unknown.returncode == 2 and "content-format" in unknown.stderr and "publishing" in unknown.stderr


def test_a_broken_link_sends_the_creator_to_commands_they_have(project: Path):
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "shipping.md").write_text(
        "# Shipping\n\nDamaged parcel? See [what to do](/faq/#damaged-parcel) and [returns](/returns/).\n")
    result = run_hubgen("lint", "--today", TODAY, cwd=project)
    assert result.returncode == 1
    finding = next(line for line in result.stdout.splitlines() if "HUB160" in line)
    assert finding.startswith("content/pages/shipping.md:3:") and "hubgen docs" in finding
    assert "hubgen rules CODE" in result.stdout and "hubgen docs" in result.stdout.splitlines()[-2]
    build = run_hubgen("build", "--today", TODAY, cwd=project)
    assert build.returncode == 1 and "hubgen rules CODE" in build.stderr
    assert not (project / "site").exists()


def test_no_message_names_a_file_of_hubgens_repository():
    """Strings hubgen prints (not docstrings or comments) never send a creator
    to docs/*.md or ../shared: a pip install has neither."""
    import ast

    from conftest import REPO

    named = []
    for path in (REPO / "hubgen").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if re.search(r"docs/[\w-]+\.md|shared/", node.value):
                    named.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value[:80]}")
    assert named == []
