"""Under each FAQ answer: when it last changed, and up to three related answers.

"Last updated" is on every answer: `updated:` when the creator wrote it, else
from the content's history (hubgen/render/history.py): in git, the newest
commit among the entry's lines; elsewhere, the day faq.yaml was last saved.
Related answers are chosen at build time by the hub's own search ranking.
"""

from __future__ import annotations

import os
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import generated_hub, run_hubgen
from contentkit import TODAY, write_content
from hubgen.pipeline import load_hub
from hubgen.search import SearchEngine, build_search_index
from hubgen.search.related import RELATED

FAQ = """\
    - category: Shipping
      questions:
        - id: when-ship
          q: When will my kettle ship?
          a: In March, in the order backers pledged.
        - id: tracking
          q: How do I track my parcel?
          a: The courier emails you a tracking link the day it ships.
        - id: damaged
          q: My kettle arrived damaged
          a: Send us a photo of the dent and we send a new one.
          updated: 2026-11-20
    """
EDITED = FAQ.replace("a tracking link the day it ships.", "a tracking link the day your kettle ships.")


def answer_blocks(html: str) -> dict[str, str]:
    """Each answer's HTML on a built FAQ page, from its heading to the next."""
    parts = re.split(r'<h3 id="([^"]+)"', html)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def updated_dates(site: Path) -> dict[str, str]:
    blocks = answer_blocks((site / "faq" / "index.html").read_text(encoding="utf-8"))
    found = {}
    for entry, block in blocks.items():
        match = re.search(r'class="hubgen-meta">Updated <time datetime="([0-9-]+)">', block)
        found[entry] = match.group(1) if match else None
    return found


def git(folder: Path, *args: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z",
           "GIT_AUTHOR_NAME": "Creator", "GIT_AUTHOR_EMAIL": "c@example.org",
           "GIT_COMMITTER_NAME": "Creator", "GIT_COMMITTER_EMAIL": "c@example.org"}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def test_each_answer_is_dated_by_the_commit_that_last_changed_it(tmp_path):
    content = write_content(tmp_path, {"faq.yaml": FAQ})
    git(tmp_path, "init", "-q", date="2026-09-01")
    git(tmp_path, "add", ".", date="2026-09-01")
    git(tmp_path, "commit", "-q", "-m", "first", date="2026-09-01")
    (content / "faq.yaml").write_text(textwrap.dedent(EDITED), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "tracking reworded", date="2026-10-02")
    os.utime(content / "faq.yaml", (1e9, 1e9))  # a fresh clone's file times say nothing
    result = run_hubgen("build", str(content), "-o", str(tmp_path / "site"), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    # the edited answer alone moved; a written `updated:` wins over history
    assert updated_dates(tmp_path / "site") == {"when-ship": "2026-09-01", "tracking": "2026-10-02",
                                                "damaged": "2026-11-20"}
    page = (tmp_path / "site" / "faq" / "index.html").read_text(encoding="utf-8")
    assert 'Updated <time datetime="2026-10-02">2 October 2026</time>' in page


def test_outside_git_an_answer_is_dated_by_when_faq_yaml_was_saved(tmp_path):
    content = write_content(tmp_path / "plain", {"faq.yaml": FAQ})
    saved = 1_790_000_000  # 2026-09-21 UTC
    os.utime(content / "faq.yaml", (saved, saved))
    result = run_hubgen("build", str(content), "-o", str(tmp_path / "site"), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert updated_dates(tmp_path / "site") == {"when-ship": "2026-09-21", "tracking": "2026-09-21",
                                                "damaged": "2026-11-20"}


def related_links(block: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Answers related to: [^"]*" class="hubgen-related">(.*?)</nav>', block, re.S)
    return re.findall(r'<a href="\./#([^"]+)">', nav.group(1)) if nav else []


def test_related_answers_are_the_search_rankings_best_other_answers(built_site, example_content):
    hub = load_hub(example_content).hub
    engine = SearchEngine(build_search_index(hub))
    blocks = answer_blocks((built_site / "faq" / "index.html").read_text(encoding="utf-8"))
    faq_ids = {entry.id for entry in hub.faq_entries}
    with_related = 0
    for entry in hub.faq_entries:
        shown = related_links(blocks[entry.id])
        # cut off by the best other answer, not by the entry itself
        hits = engine.search(" ".join([entry.question, *entry.keywords]), without=frozenset([f"faq/#{entry.id}"]))
        ranked = [hit.location.split("#")[1] for hit in hits
                  if "#" in hit.location and hit.location.split("#")[1] in faq_ids - {entry.id}]
        assert len(shown) <= RELATED and entry.id not in shown
        assert shown == ranked[:len(shown)], entry.id
        with_related += bool(shown)
    assert with_related >= len(hub.faq_entries) // 2
    assert related_links(blocks["refund"]) == ["cancel-pledge", "refund-time", "dropped-pledge"]
    assert related_links(blocks["tracking"]) == ["not-arrived"]


def test_a_large_faq_ranks_its_related_answers_in_two_processes_as_in_one(tmp_path):
    """Above RELATED_IN_TWO_MIN entries half the rankings run in a forked process (the
    slowest part of making a 1000-answer FAQ's pages): the answers shown are the same."""
    from hubgen.render.forking import spare_core
    from hubgen.render.site import RELATED_IN_TWO_MIN, related_for
    from hubgen.search.related import related_answers

    hub = load_hub(generated_hub(tmp_path / "content", faq=RELATED_IN_TWO_MIN + 40, updates=20, checks=0)).hub
    assert spare_core() and len(hub.faq_entries) >= RELATED_IN_TWO_MIN  # the forked path is the one tested
    in_two = related_for(hub, fork=True)
    assert in_two == related_answers(hub) and len(in_two) == len(hub.faq_entries)
    assert sum(map(len, in_two.values())) >= len(hub.faq_entries)


def test_the_fast_ranking_of_related_answers_is_the_search_ranking(tmp_path):
    """first_locations sums every entry at once instead of one by one: on a FAQ whose
    answers share most words, its order is still search's, entry for entry."""
    hub = load_hub(generated_hub(tmp_path / "content", faq=120, updates=30, checks=0)).hub
    engine = SearchEngine(build_search_index(hub))
    for entry in hub.faq_entries[::7]:
        query = " ".join([entry.question, *entry.keywords])
        own = frozenset([f"faq/#{entry.id}"]) & set(engine.order)
        expected = [hit.location for hit in engine.search(query, without=own)]
        assert engine.first_locations(query, lambda location: True, 12, without=own) == expected[:12], query
        faq_only = [location for location in expected if "#" in location][:3]
        assert engine.first_locations(query, lambda location: "#" in location, 3, without=own) == faq_only
