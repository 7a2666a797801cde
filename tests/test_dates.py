"""The commands that read the clock, run as if it were a year later.

Every other test passes its date (`--today`, `lint_hub(today=)`) so that it
passes on any day. These run real processes under Debian's `faketime`, a
year after the example hub's newest update, and check what a creator who
comes back to an old hub would see: lint reads the real clock, `--today`
still wins over it, the site does not change with the date, and new content
is dated the day it is made.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_CONTENT, SOURCE_DATE_EPOCH
from sitewalk import tree

A_YEAR_LATER = dt.date(2027, 12, 7)
EXAMPLE_NEWEST_UPDATE = dt.date(2026, 11, 18)


@pytest.fixture(scope="session")
def faketime() -> str:
    found = shutil.which("faketime")
    assert found, "faketime is missing: apt-get install faketime"
    return found


def hubgen_on(day: dt.date, faketime: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m hubgen ARGS` with the system clock set to noon UTC on `day` (and ticking)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "TZ": "UTC"}
    clock = f"@{day.isoformat()} 12:00:00"
    return subprocess.run([faketime, "-f", clock, sys.executable, "-m", "hubgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)


def test_the_clock_is_really_moved(faketime, tmp_path):
    """Guards the tests below: they prove nothing if faketime stopped reaching Python."""
    result = subprocess.run([faketime, "-f", f"@{A_YEAR_LATER} 12:00:00", sys.executable, "-c",
                             "import datetime; print(datetime.date.today())"],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "TZ": "UTC"})
    assert result.stdout.strip() == A_YEAR_LATER.isoformat(), result.stderr


def test_lint_a_year_later_says_how_old_the_news_is_and_still_passes(faketime, tmp_path):
    result = hubgen_on(A_YEAR_LATER, faketime, "lint", str(EXAMPLE_CONTENT), cwd=tmp_path)
    days = (A_YEAR_LATER - EXAMPLE_NEWEST_UPDATE).days
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"warning HUB120: the newest public update is {days} days old" in result.stdout
    assert "Traceback" not in result.stderr


def test_an_explicit_today_wins_over_the_clock(faketime, tmp_path):
    result = hubgen_on(A_YEAR_LATER, faketime, "lint", str(EXAMPLE_CONTENT), "--today", "2026-11-25",
                       "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"HUB120"' not in result.stdout and '"HUB103"' not in result.stdout


def test_the_site_is_the_same_whatever_the_day(faketime, tmp_path):
    """What a backer reads does not change with the day it was built: "N days ago"
    is worked out in the browser, never baked into a page."""
    for day in (dt.date(2026, 11, 25), A_YEAR_LATER):
        result = hubgen_on(day, faketime, "build", str(EXAMPLE_CONTENT), "-q", "-o", f"site-{day}", cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
    assert tree(tmp_path / "site-2026-11-25") == tree(tmp_path / f"site-{A_YEAR_LATER}")


def test_init_and_new_update_date_what_they_write_the_day_they_run(faketime, tmp_path):
    made = hubgen_on(A_YEAR_LATER, faketime, "init", "--content-only", "content", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (tmp_path / "content" / "updates" / f"{A_YEAR_LATER}-welcome.md").is_file()

    # The starter hub is lint-clean on the day it is made: no stale news, no overdue promise.
    checked = hubgen_on(A_YEAR_LATER, faketime, "lint", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    found = set(re.findall(r"warning (HUB\d+)", checked.stdout))
    assert found == {"HUB114"}, checked.stdout  # only init's placeholder address and URL, for the creator to fill in

    later = A_YEAR_LATER + dt.timedelta(days=3)
    news = hubgen_on(later, faketime, "new", "update", "Tooling is done", cwd=tmp_path)
    assert news.returncode == 0, news.stdout + news.stderr
    written = tmp_path / "content" / "updates" / f"{later}-tooling-is-done.md"
    assert written.is_file(), news.stdout
    assert f"date: {later}" in written.read_text(encoding="utf-8")
