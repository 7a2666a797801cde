"""Compiled templates are kept on disk between builds (render/templates.py), and
nothing about that cache can change a site or fail a build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2

from conftest import EXAMPLE_CONTENT, SOURCE_DATE_EPOCH
from hubgen.render.templates import DISK_CACHE_PATTERN, TemplateBytecodeCache
from test_build_cli import tree_digest

# `hubgen build`, counting the template files Jinja compiles in that process (not the
# theme's few inline scripts, compiled from strings to hash them for _headers).
COUNTING_BUILD = """
import sys, jinja2
compiled = []
compile_template = jinja2.Environment.compile
def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
    if name is not None:
        compiled.append(name)
    return compile_template(self, source, name, filename, raw, defer_init)
jinja2.Environment.compile = counting
from hubgen.cli import main
try:
    main(["build", sys.argv[1], "-q", "--clean", "-o", sys.argv[2]])
except SystemExit as leaving:
    print("compiled", len(compiled), file=sys.stderr)
    raise
"""


def build(content: Path, output: Path, tmpdir: Path) -> int:
    """Build in a fresh process whose temporary folder is `tmpdir`; how many templates it compiled.
    Pinned to one core, so all pages render in that process (on two, a forked one renders some)."""
    env = {**os.environ, "TMPDIR": str(tmpdir), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    one_core = {min(os.sched_getaffinity(0))}
    result = subprocess.run([sys.executable, "-c", COUNTING_BUILD, str(content), str(output)], env=env,
                            capture_output=True, text=True, timeout=240,
                            preexec_fn=lambda: os.sched_setaffinity(0, one_core))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return int(result.stderr.split("compiled")[-1])


def cache_files(tmpdir: Path) -> list[Path]:
    return sorted(tmpdir.glob("_jinja2-cache-*/" + DISK_CACHE_PATTERN % "*"))


def test_a_second_build_compiles_no_template_file_and_makes_the_same_site(tmp_path):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    assert build(EXAMPLE_CONTENT, tmp_path / "first", tmpdir) > 10  # Material's templates and hubgen's
    assert cache_files(tmpdir)
    assert build(EXAMPLE_CONTENT, tmp_path / "second", tmpdir) == 0
    assert tree_digest(tmp_path / "second") == tree_digest(tmp_path / "first")


def test_damaged_cache_files_are_compiled_again(tmp_path):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    compiled = build(EXAMPLE_CONTENT, tmp_path / "first", tmpdir)
    assert len(cache_files(tmpdir)) == compiled
    for number, cached in enumerate(cache_files(tmpdir)):  # cut, emptied, not Jinja's, bytes flipped
        data = bytearray(cached.read_bytes())
        data[len(data) * 3 // 4] ^= 0x01  # loads, but as other code (or other text)
        cached.write_bytes([data[:40], b"", b"\x80\x04not bytecode", data][number % 4])
    assert build(EXAMPLE_CONTENT, tmp_path / "second", tmpdir) == compiled
    assert tree_digest(tmp_path / "second") == tree_digest(tmp_path / "first")
    assert build(EXAMPLE_CONTENT, tmp_path / "third", tmpdir) == 0  # and written back whole


def test_no_safe_cache_folder_means_compiling_not_failing(tmp_path):
    """Jinja refuses a cache folder that is not a private directory of this user:
    here a symlink planted where it would make it. hubgen then compiles in memory
    and writes nothing through the link."""
    tmpdir, elsewhere = tmp_path / "tmp", tmp_path / "elsewhere"
    tmpdir.mkdir()
    elsewhere.mkdir()
    (tmpdir / f"_jinja2-cache-{os.getuid()}").symlink_to(elsewhere)
    assert build(EXAMPLE_CONTENT, tmp_path / "first", tmpdir) > 10
    assert build(EXAMPLE_CONTENT, tmp_path / "second", tmpdir) > 10
    assert list(elsewhere.iterdir()) == []
    assert (tmp_path / "second" / "index.html").is_file()


# The build when Python found no writable temporary folder ($TMPDIR, /tmp, /var/tmp):
# tempfile then uses the current folder, here the creator's content folder.
BUILD_WITHOUT_TEMPORARY_FOLDER = """
import os, sys, tempfile
tempfile.tempdir = os.getcwd()
""" + COUNTING_BUILD


def test_no_temporary_folder_means_no_cache_in_the_current_folder(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    env = {name: value for name, value in os.environ.items() if name not in ("TMPDIR", "TEMP", "TMP")}
    for output in ("first", "second"):
        result = subprocess.run([sys.executable, "-c", BUILD_WITHOUT_TEMPORARY_FOLDER, ".", str(tmp_path / output)],
                                cwd=content, env={**env, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
                                capture_output=True, text=True, timeout=240)
        assert result.returncode == 0, result.stderr
        assert int(result.stderr.split("compiled")[-1]) > 10  # compiled in memory, every time
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before


def render_in_new_process(tmpdir: Path, source: str, monkeypatch, **settings) -> str:
    """What a template renders to with a new cache (as in a new process) over `tmpdir`."""
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    monkeypatch.setattr("tempfile.tempdir", None)  # tempfile reads TMPDIR once
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.md": source}),
                             bytecode_cache=TemplateBytecodeCache("test"), **settings)
    return env.get_template("page.md").render(name="Ada")


def test_an_edited_template_is_compiled_again(tmp_path, monkeypatch):
    assert render_in_new_process(tmp_path, "Hello {{ name }}", monkeypatch) == "Hello Ada"
    assert render_in_new_process(tmp_path, "Goodbye {{ name }}", monkeypatch) == "Goodbye Ada"
    assert render_in_new_process(tmp_path, "Hello {{ name }}", monkeypatch) == "Hello Ada"


def test_the_same_source_under_other_delimiters_is_compiled_again(tmp_path, monkeypatch):
    """hubgen's page templates use their own comment delimiters ("{#" starts a
    Markdown heading id): bytecode compiled under Jinja's defaults must not be reused."""
    source = "## Title {#title#}\n<%# note #%>"
    assert render_in_new_process(tmp_path, source, monkeypatch) == "## Title \n<%# note #%>"
    pages = render_in_new_process(tmp_path, source, monkeypatch, comment_start_string="<%#",
                                  comment_end_string="#%>")
    assert pages == "## Title {#title#}\n"
