"""`hubgen build` as a creator runs it: exit codes, messages, atomic output, reproducible bytes."""

from __future__ import annotations

import fcntl
import hashlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SOURCE_DATE_EPOCH, run_hubgen, run_hubgen_process
from contentkit import write_content
from hubgen.render.incremental import CACHE_FOLDER
from hubgen.write import SITE_MARKER, STAGING_PREFIX


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_site_and_prints_a_summary(tmp_path):
    write_content(tmp_path)
    result = run_hubgen("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "Built" in result.stdout and "(1 FAQ entry, 1 public update)" in result.stdout


def test_verbose_build_lists_pages_and_how_many_processes_rendered_them(tmp_path):
    write_content(tmp_path)
    result = run_hubgen("build", "-v", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "  faq/index.html" in result.stdout and "  index.html" in result.stdout
    processes = 2 if len(os.sched_getaffinity(0)) > 1 else 1
    assert f"Pages rendered by {processes} process(es)." in result.stdout


def test_build_pinned_to_one_core_renders_in_one_process(tmp_path):
    write_content(tmp_path)
    one_core = {min(os.sched_getaffinity(0))}
    result = subprocess.run([sys.executable, "-m", "hubgen", "build", "-v"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=240, preexec_fn=lambda: os.sched_setaffinity(0, one_core))
    assert result.returncode == 0, result.stderr
    assert "Pages rendered by 1 process(es)." in result.stdout


def test_quiet_build_prints_nothing(tmp_path):
    write_content(tmp_path)
    result = run_hubgen("build", "-q", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""


# What third-party notices about MkDocs 2.0 say (Material's box, a plugin's ProperDocs notice).
THIRD_PARTY_BANNER = ("MkDocs 2.0", "Material for MkDocs", "Zensical", "ProperDocs", "MKDOCS_2_WARNING")


@pytest.mark.parametrize("started_as", ["hubgen", "mkdocs"])
def test_build_prints_no_third_party_banner_a_creator_cannot_act_on(tmp_path, started_as):
    """A build log (Netlify, GitHub Actions) shows hubgen's summary and content
    problems only. Material prints its box when it thinks it runs as the
    `mkdocs` command (and printed it on every build in its 9.7 releases):
    started under that name too, the build stays quiet."""
    write_content(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.endswith("MKDOCS_2_WARNING")}
    command = ([str(Path(sys.executable).with_name("hubgen"))] if started_as == "hubgen" else
               [sys.executable, "-c", "import sys; sys.argv[0] = 'mkdocs'; "
                "from hubgen.cli import main; main(['build'], prog_name='hubgen')"])
    result = subprocess.run([*command, "build"][: len(command) + (started_as == "hubgen")], cwd=tmp_path, env={
        **env, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built ")
    assert [word for word in THIRD_PARTY_BANNER if word in result.stdout + result.stderr] == []


def test_content_error_exits_1_with_file_line_and_no_traceback(tmp_path):
    write_content(tmp_path, {"faq.yaml": "- category: Shipping\n  questions:\n    - q: Where?\n"})
    result = run_hubgen("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "content/faq.yaml:3:7: error HUB140: 'Where?' has no answer" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "site").exists()


def test_unreadable_input_exits_2(tmp_path):
    write_content(tmp_path, {"faq.yaml": b"\xff\xfe bad"})
    result = run_hubgen("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "content/faq.yaml:1: error HUB003" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_content_folder_exits_2(tmp_path):
    result = run_hubgen("build", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert "nowhere: no such content folder" in result.stderr


def test_unknown_option_exits_2(tmp_path):
    result = run_hubgen("build", "--colour", cwd=tmp_path)
    assert result.returncode == 2


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    write_content(tmp_path)
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    write_content(tmp_path, {"hub.yaml": "project: [unclosed\n"})
    result = run_hubgen("build", cwd=tmp_path)
    assert result.returncode == 1
    assert tree_digest(tmp_path / "site") == before
    assert not list(tmp_path.glob(".hubgen-staging-*")), "staging folder left behind"


def built_beside(folder: Path) -> list[str]:
    """What a build leaves in the site's parent folder, besides the cache the next build reuses."""
    return sorted(p.name for p in folder.iterdir() if p.name != CACHE_FOLDER)


def test_rebuild_replaces_site_and_leaves_no_temporary_folders(tmp_path):
    write_content(tmp_path)
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    (tmp_path / "site" / "stale.txt").write_text("from an old build")
    write_content(tmp_path, {"faq.yaml": "- category: Money\n  questions:\n    - id: new-one\n      q: New?\n      a: Yes.\n"})
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "site" / "stale.txt").exists()
    assert 'id="new-one"' in (tmp_path / "site" / "faq" / "index.html").read_text()
    # Beside the site, only what the next build reuses (render/incremental.py).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".hubgen-cache", "content", "site"]
    assert [p.name for p in (tmp_path / ".hubgen-cache").iterdir()] == ["site.json"]


def _news_updates(count: int) -> dict[str, str]:
    """A long update log (each update is a page), so a build takes a while to write."""
    stages = ["tooling", "first samples", "drop tests", "packaging", "freight booking", "customs"]
    return {f"updates/2025-{1 + n % 12:02d}-{1 + n % 27:02d}-note-{n}.md":
            f"---\ntitle: Factory note {n}, {stages[n % len(stages)]}\ndate: 2025-{1 + n % 12:02d}-{1 + n % 27:02d}\n"
            f"tags: [{stages[n % len(stages)].split()[0]}]\n---\n"
            f"This week was about {stages[n % len(stages)]}. We found two problems and fixed one;\n"
            f"the other moves the {stages[(n + 1) % len(stages)]} step by a few days.\n" for n in range(count)}


def _staged(tmp_path: Path, pattern: str) -> list[Path]:
    """What a running build has written so far beside content/ and site/."""
    found = []
    for folder in tmp_path.iterdir():
        if folder.name not in ("content", "site"):
            try:
                found += folder.glob(pattern)
            except OSError:  # renamed or removed while we looked: the build moves on
                pass
    return found


@pytest.mark.parametrize("moment", ["staging folder made", "first page written"])
def test_killed_build_leaves_previous_site_untouched(tmp_path, moment):
    write_content(tmp_path, _news_updates(24))
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    pattern = "*" if moment == "staging folder made" else "**/*.html"
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    process = subprocess.Popen([sys.executable, "-m", "hubgen", "build", "-q"], cwd=tmp_path, env=env)
    try:
        while not _staged(tmp_path, pattern) and process.poll() is None:
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        # Killed, not finished: the build really was interrupted half-way.
        assert process.wait() == -signal.SIGKILL, f"the build ended before '{moment}'"
    finally:
        process.kill()
    assert _staged(tmp_path, pattern), f"killed before '{moment}'"
    assert tree_digest(tmp_path / "site") == before
    # The next build cleans up what the killed one left behind.
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    assert built_beside(tmp_path) == ["content", "site"]


def test_same_source_date_epoch_gives_byte_identical_builds(tmp_path):
    content = write_content(tmp_path)
    assert run_hubgen("build", str(content), "-o", "one", cwd=tmp_path).returncode == 0
    time.sleep(1.1)  # a build that used the clock would now differ
    assert run_hubgen("build", str(content), "-o", "two", cwd=tmp_path).returncode == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_long_faq_gets_one_page_per_category(tmp_path):
    import textwrap

    import yaml

    import contentkit

    hub = yaml.safe_load(textwrap.dedent(contentkit.MINIMAL["hub.yaml"]))
    hub["settings"] = {"faq_split_after": 2}
    faq = [{"category": f"Topic {c}", "questions": [{"id": f"q{c}-{i}", "q": f"Question {c}.{i}?",
                                                      "a": "Answer."} for i in range(2)]} for c in range(2)]
    write_content(tmp_path, {"hub.yaml": yaml.safe_dump(hub), "faq.yaml": yaml.safe_dump(faq)})
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    site = tmp_path / "site"
    overview = (site / "faq" / "index.html").read_text()
    assert 'href="topic-0/#q0-1"' in overview
    assert 'id="q1-0"' in (site / "faq" / "topic-1" / "index.html").read_text()


# -- `-o` never deletes what hubgen did not write -------------------------------------------

def project_with_git(root: Path) -> Path:
    """A creator's project folder: content/ under git, as `hubgen init` sets it up."""
    write_content(root)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes.txt").write_text("Ideas for the stretch goals.\n")
    return root


def everything_under(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("output, said", [
    (".", "-o . holds the content folder content"),
    ("", "-o . holds the content folder content"),
    ("content", "-o content holds the content folder content"),
    ("content/updates", "-o content/updates is inside content/updates, which hubgen reads"),
    ("content/assets/site", "is inside content/assets, which hubgen reads"),
    ("..", "-o .. holds the content folder content"),
    ("content/..", "holds the content folder content"),
])
def test_output_that_holds_or_is_the_content_is_refused(tmp_path, output, said):
    project = project_with_git(tmp_path)
    before = everything_under(project)
    result = run_hubgen("build", "content", "-o", output, cwd=project)
    assert result.returncode == 2, result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert everything_under(project) == before


def test_output_that_holds_the_current_folder_is_refused(tmp_path):
    """Run from a sub-folder of the project: -o .. would swap the project away."""
    project = project_with_git(tmp_path)
    (project / "scripts").mkdir()
    before = everything_under(project)
    result = run_hubgen("build", str(project / "content"), "-o", "..", cwd=project / "scripts")
    assert result.returncode == 2
    assert "holds the content folder" in result.stderr or "holds the current folder" in result.stderr
    result = run_hubgen("build", str(project / "content"), "-o", ".", cwd=project / "scripts")
    assert result.returncode == 2 and "-o . holds the current folder" in result.stderr
    assert everything_under(project) == before


def test_building_from_inside_the_content_folder_never_replaces_it(tmp_path):
    project = project_with_git(tmp_path)
    before = everything_under(project)
    result = run_hubgen("build", ".", "-o", ".", cwd=project / "content")
    assert result.returncode == 2 and "holds the content folder" in result.stderr
    assert everything_under(project) == before


def test_non_empty_folder_hubgen_did_not_build_is_refused(tmp_path):
    project = project_with_git(tmp_path)
    docs = project / "docs"
    docs.mkdir()
    (docs / "press-kit.md").write_text("Our press kit.\n")
    result = run_hubgen("build", "content", "-o", "docs", cwd=project)
    assert result.returncode == 2
    assert "-o docs is not empty and hubgen did not build it" in result.stderr
    assert (docs / "press-kit.md").read_text() == "Our press kit.\n"
    assert [p.name for p in docs.iterdir()] == ["press-kit.md"]


def test_a_file_or_symlink_as_output_is_refused(tmp_path):
    project = project_with_git(tmp_path)
    result = run_hubgen("build", "content", "-o", "notes.txt", cwd=project)
    assert result.returncode == 2 and "'notes.txt' is a file" in result.stderr
    os.symlink("content", project / "published")
    result = run_hubgen("build", "content", "-o", "published", cwd=project)
    assert result.returncode == 2 and "holds the content folder" in result.stderr
    (project / "empty").mkdir()
    os.symlink("empty", project / "linked")
    result = run_hubgen("build", "content", "-o", "linked", cwd=project)
    assert result.returncode == 2 and "-o linked is a symbolic link" in result.stderr
    assert (project / "content" / "hub.yaml").is_file()


def test_sites_carry_the_marker_and_an_empty_folder_is_accepted(tmp_path):
    project = project_with_git(tmp_path)
    (project / "public").mkdir()
    assert run_hubgen("build", "content", "-o", "public", cwd=project).returncode == 0
    assert (project / "public" / SITE_MARKER).is_file()
    (project / "public" / "leftover.txt").write_text("from the last build")
    assert run_hubgen("build", "content", "-o", "public", cwd=project).returncode == 0
    assert not (project / "public" / "leftover.txt").exists()


# -- builds into the same folder take turns -------------------------------------------------

def test_a_live_builds_staging_folder_is_left_alone_and_a_dead_ones_removed(tmp_path):
    write_content(tmp_path)
    live = tmp_path / f"{STAGING_PREFIX}{os.getpid()}-abc123"  # this test process is alive
    live.mkdir()
    (live / "half-built.html").write_text("<p>half</p>")
    dead_pid = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout.strip()
    dead = tmp_path / f"{STAGING_PREFIX}{dead_pid}-def456"
    dead.mkdir()
    # A process of its own: a build removes staging folders named for its own pid.
    assert run_hubgen_process("build", cwd=tmp_path).returncode == 0
    assert (live / "half-built.html").is_file()
    assert not dead.exists()


def test_a_second_build_waits_for_the_first(tmp_path):
    write_content(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    folder = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)  # what a running build holds
        process = subprocess.Popen([sys.executable, "-m", "hubgen", "build", "-q"], cwd=tmp_path, env=env,
                                   stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([process.stderr], [], [], 120)
        assert ready, "the second build neither waited nor said so"
        assert "Another hubgen build is writing into" in process.stderr.readline()
        assert process.poll() is None and not (tmp_path / "site").exists()
    finally:
        os.close(folder)  # the first build is done
    assert process.wait(timeout=240) == 0, process.stderr.read()
    assert (tmp_path / "site" / "index.html").is_file()


def test_concurrent_builds_into_one_folder_both_succeed(tmp_path):
    write_content(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    builds = [subprocess.Popen([sys.executable, "-m", "hubgen", "build", "-q", "-o", name], cwd=tmp_path,
                               env=env, stderr=subprocess.PIPE, text=True) for name in ("site", "preview")]
    for build in builds:
        assert build.wait(timeout=240) == 0, build.stderr.read()
        assert "internal error" not in build.stderr.read()
    for name in ("site", "preview"):
        assert (tmp_path / name / "index.html").is_file() and (tmp_path / name / "faq" / "index.html").is_file()
    assert built_beside(tmp_path) == ["content", "preview", "site"]


# -- a read-only or full disk ---------------------------------------------------------------

# Runs hubgen with an audit hook that fails, with errno ERRNO, every write and
# mkdir under TARGET: a read-only mount or a full disk, without needing root.
FAILING_DISK = """
import errno, os, sys
target, code = os.path.abspath(sys.argv[1]), getattr(errno, sys.argv[2])
def fail(event, args):
    if event not in ("open", "os.mkdir") or not isinstance(args[0], (str, bytes)):
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    writing = event == "os.mkdir" or (args[2] or 0) & (os.O_WRONLY | os.O_RDWR) or "w" in str(args[1] or "")
    if writing and path.startswith(target):
        raise OSError(code, os.strerror(code), path)
sys.addaudithook(fail)
sys.argv = ["hubgen"] + sys.argv[3:]
from hubgen.cli import main
main()
"""


def run_on_failing_disk(cwd: Path, target: Path, error: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    return subprocess.run([sys.executable, "-c", FAILING_DISK, str(target), error, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)


def test_read_only_output_folder_is_a_clear_error(tmp_path):
    write_content(tmp_path)
    (tmp_path / "mnt").mkdir()
    result = run_on_failing_disk(tmp_path, tmp_path / "mnt", "EROFS", "build", "-o", "mnt/site")
    assert result.returncode == 2, result.stderr
    assert "cannot write the site to mnt/site: Read-only file system" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_full_disk_is_a_clear_error_and_keeps_the_previous_site(tmp_path):
    write_content(tmp_path)
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    staging = tmp_path / STAGING_PREFIX  # every file of the new site fails to be written
    result = run_on_failing_disk(tmp_path, staging, "ENOSPC", "build")
    assert result.returncode == 2, result.stderr
    assert "cannot write the site to site: No space left on device" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(tmp_path / "site") == before
    assert built_beside(tmp_path) == ["content", "site"]
