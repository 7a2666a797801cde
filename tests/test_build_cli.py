"""`hubgen build` as a creator runs it: exit codes, messages, atomic output, reproducible bytes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SOURCE_DATE_EPOCH, run_hubgen
from contentkit import write_content


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_site_and_prints_a_summary(tmp_path):
    write_content(tmp_path)
    result = run_hubgen("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "Built" in result.stdout and "1 FAQ entries" in result.stdout and "1 public updates" in result.stdout


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
    assert not list(tmp_path.glob(".hubgen-*")), "staging folder left behind"


def test_rebuild_replaces_site_and_leaves_no_temporary_folders(tmp_path):
    write_content(tmp_path)
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    (tmp_path / "site" / "stale.txt").write_text("from an old build")
    write_content(tmp_path, {"faq.yaml": "- category: Money\n  questions:\n    - id: new-one\n      q: New?\n      a: Yes.\n"})
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "site" / "stale.txt").exists()
    assert 'id="new-one"' in (tmp_path / "site" / "faq" / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_killed_build_leaves_previous_site_untouched(tmp_path):
    write_content(tmp_path)
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    for delay in (0.3, 0.8, 1.3):
        process = subprocess.Popen([sys.executable, "-m", "hubgen", "build", "-q"], cwd=tmp_path, env=env)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert tree_digest(tmp_path / "site") == before
    # The next build cleans up what the killed ones left behind.
    assert run_hubgen("build", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


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
