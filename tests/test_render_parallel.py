"""The search index, feeds and calendar are written by a second process while
Material builds the pages. The site must not depend on whether that happened."""

from __future__ import annotations

import os

import pytest

from hubgen.pipeline import build_site, load_hub
from hubgen.render import site


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_site_is_the_same_with_or_without_the_second_process(tmp_path, monkeypatch, example_content):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    loaded = load_hub(example_content)
    build_site(loaded, tmp_path / "two-processes")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    build_site(loaded, tmp_path / "one-process")
    two, one = files(tmp_path / "two-processes"), files(tmp_path / "one-process")
    assert "search/search_index.json" in two and "feed.xml" in two and "milestones.ics" in two
    assert two == one


def test_an_error_in_an_extra_surfaces_and_leaves_no_site(tmp_path, monkeypatch, example_content):
    def broken(hub, folder):
        raise ValueError("feed writer broke")

    monkeypatch.setattr(site, "model_output_steps", lambda: [broken])
    with pytest.raises(ValueError, match="feed writer broke"):
        build_site(load_hub(example_content), tmp_path / "site")
    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hubgen-")]
