"""When each FAQ answer last changed, for the "last updated" line under it.

An entry's `updated:` says so when the creator wrote it. Otherwise the date
comes from the content's own history, read the same way on every build of
the same files:

- content in a git repository: the newest commit date (UTC) among the lines
  the entry spans in faq.yaml (`git blame`), so editing one answer dates that
  answer alone; lines not committed yet count as changed when the file was
  last saved;
- anything else (no git, a file git does not track): the date faq.yaml was
  last saved (its modification time, UTC).

Never the build's own date: building again never makes answers look newer.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from hubgen.model import Hub

GIT_TIMEOUT_S = 20  # a blame of one file; a stuck git never stops the build
_NOT_COMMITTED = "0" * 40


def answer_dates(hub: Hub) -> dict[str, dt.date]:
    """Each FAQ entry's id -> the date its answer last changed."""
    entries = sorted(hub.faq_entries, key=lambda entry: entry.where.line)
    if not entries:
        return {}
    faq_file = Path(entries[0].where.path)  # where the entries were read from (faq.yaml)
    saved = _saved(faq_file)
    lines = _blamed(faq_file)
    dates = {}
    for at, entry in enumerate(entries):
        if entry.updated is not None:
            dates[entry.id] = entry.updated
            continue
        first = entry.where.line
        last = entries[at + 1].where.line - 1 if at + 1 < len(entries) else None
        span = lines[first - 1:last] if lines else []
        dates[entry.id] = max((day or saved for day in span), default=saved)
    return dates


def _saved(path: Path) -> dt.date:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).date()
    except OSError:
        return dt.date(1970, 1, 1)


def _blamed(path: Path) -> list[dt.date | None] | None:
    """Each line's commit date (None: not committed yet), or None when git cannot say."""
    git = shutil.which("git")
    if git is None or not path.is_file():
        return None
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run([git, "blame", "--porcelain", "--", path.name], cwd=path.parent, env=env,
                                capture_output=True, text=True, timeout=GIT_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None  # not a repository, or a file it does not track
    return _line_dates(result.stdout)


def _line_dates(porcelain: str) -> list[dt.date | None]:
    """git blame --porcelain's output -> each final line's commit date, in order."""
    committed: dict[str, dt.date | None] = {}
    dates: list[dt.date | None] = []
    commit = None
    for line in porcelain.splitlines():
        if line.startswith("\t"):
            dates.append(committed.get(commit))
            continue
        head = line.split(" ", 1)
        if len(head[0]) == 40 and all(c in "0123456789abcdef" for c in head[0]):
            commit = head[0]
            committed.setdefault(commit, None)
        elif head[0] == "committer-time" and commit != _NOT_COMMITTED:
            committed[commit] = dt.datetime.fromtimestamp(int(head[1]), dt.timezone.utc).date()
    return dates
