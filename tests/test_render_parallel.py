"""With a core to spare, a second process writes the search index, feeds and
calendar while Material builds the pages, and another renders about half of
Material's pages. The site must not depend on whether either happened."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from hubgen.pipeline import build_site, load_hub
from hubgen.render import forking, mkdocs_split, site


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_site_is_the_same_with_or_without_the_second_process(tmp_path, monkeypatch, example_content):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    loaded = load_hub(example_content)
    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    assert build_site(loaded, tmp_path / "two-processes").render_processes == 2
    monkeypatch.setattr(forking, "usable_cores", lambda: 1)
    assert build_site(loaded, tmp_path / "one-process").render_processes == 1
    two, one = files(tmp_path / "two-processes"), files(tmp_path / "one-process")
    assert "search/search_index.json" in two and "feed.xml" in two and "milestones.ics" in two
    assert "faq/index.html" in two and "contact/index.html" in two and "404.html" in two
    assert not [name for name in two if "hubgen-skip" in name]
    assert two == one


def test_pages_of_a_failed_page_process_are_built_by_the_build_itself(tmp_path, monkeypatch, example_content):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    loaded = load_hub(example_content)
    monkeypatch.setattr(forking, "usable_cores", lambda: 1)
    build_site(loaded, tmp_path / "one-process")

    def dies_half_way(config, files):
        # Writes a broken page of its own, then dies without a word, as a killed process would.
        own = [f for f in files.documentation_pages() if f.is_modified()]
        os.makedirs(os.path.dirname(own[0].abs_dest_path), exist_ok=True)
        with open(own[0].abs_dest_path, "w") as broken:
            broken.write("<html>half")
        os._exit(1)

    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    monkeypatch.setattr(mkdocs_split, "_child_setup", dies_half_way)
    summary = build_site(loaded, tmp_path / "fallback")
    assert summary.render_processes == 1
    assert files(tmp_path / "fallback") == files(tmp_path / "one-process")


def test_page_split_balances_cost():
    costs = [90_000, 30_000] + [2_000] * 60
    child = mkdocs_split.balance(costs)
    share = sum(costs[i] for i in child) / sum(costs)
    assert abs(share - mkdocs_split.CHILD_SHARE) < 0.03, share
    assert 0 < len(child) < len(costs)


def test_an_error_in_an_extra_surfaces_and_leaves_no_site(tmp_path, monkeypatch, capfd, example_content):
    def broken(hub, folder):
        raise ValueError("feed writer broke")

    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    monkeypatch.setattr(site, "model_output_steps", lambda: [broken])
    with pytest.raises(ValueError, match="feed writer broke"):
        build_site(load_hub(example_content), tmp_path / "site")
    assert "Traceback" not in capfd.readouterr().err  # the child failed quietly; the build reported it
    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hubgen-")]


def test_warnings_from_the_page_process_reach_the_build_summary(tmp_path, monkeypatch, example_content):
    import logging

    real_setup = mkdocs_split._child_setup

    def setup_and_warn(config, files):
        logging.getLogger("mkdocs.test").warning("said in the second process")
        real_setup(config, files)

    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    monkeypatch.setattr(mkdocs_split, "_child_setup", setup_and_warn)
    summary = build_site(load_hub(example_content), tmp_path / "site")
    assert summary.render_processes == 2
    assert summary.warnings.count("said in the second process") == 1


def test_split_runs_only_on_the_mkdocs_release_it_was_written_for(tmp_path, monkeypatch, example_content):
    import mkdocs
    from mkdocs.commands import build as mkdocs_build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    assert mkdocs_split.split_supported()  # the pinned MkDocs 1.6
    loaded = load_hub(example_content)
    reference = build_site(loaded, tmp_path / "reference")
    assert reference.render_processes == 2

    monkeypatch.setattr(mkdocs, "__version__", "1.7.0")
    assert not mkdocs_split.split_supported()
    summary = build_site(loaded, tmp_path / "newer-mkdocs")
    assert summary.render_processes == 1
    # Same files (their bytes differ only in the generator's version in <meta name="generator">).
    assert files(tmp_path / "newer-mkdocs").keys() == files(tmp_path / "reference").keys()

    monkeypatch.setattr(mkdocs, "__version__", "1.6.1")
    monkeypatch.delattr(mkdocs_build, "_build_page")
    assert not mkdocs_split.split_supported()


def test_a_hung_second_process_is_stopped_and_its_work_done_here(tmp_path, monkeypatch, example_content):
    import time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    loaded = load_hub(example_content)
    monkeypatch.setattr(forking, "usable_cores", lambda: 1)
    build_site(loaded, tmp_path / "one-process")

    def hangs(*args):
        time.sleep(3600)  # a child stuck for ever (a deadlock, a stalled disk)

    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    monkeypatch.setattr(forking, "CHILD_WAIT_MIN", 1.0)
    monkeypatch.setattr(forking, "CHILD_WAIT_FACTOR", 0.0)
    monkeypatch.setattr(mkdocs_split, "_child_setup", hangs)
    monkeypatch.setattr(site, "_child_writes_model_outputs", hangs)
    summary = build_site(loaded, tmp_path / "after-hang")
    assert summary.render_processes == 1
    assert files(tmp_path / "after-hang") == files(tmp_path / "one-process")
    # Both children were stopped and reaped. (Only hubgen's own children count: the
    # session's Chromium, started by browser tests, is a child of this process too.)
    assert multiprocessing.active_children() == []


def test_a_build_with_fork_off_never_forks(tmp_path, monkeypatch, example_content):
    def no_fork():
        raise AssertionError("forked")

    monkeypatch.setattr(forking, "usable_cores", lambda: 2)
    monkeypatch.setattr(os, "fork", no_fork)
    summary = build_site(load_hub(example_content), tmp_path / "site", fork=False)
    assert summary.render_processes == 1
    assert (tmp_path / "site" / "faq" / "index.html").is_file()
