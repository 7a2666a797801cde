"""Save-to-served: how long after a creator saves a file `hubgen serve` shows the change.

Used by run.py: `measure_serve(content, work)` copies the content folder,
starts `python -m hubgen serve COPY --port P` as its own process group, waits
until the first build is served, then edits files the way a creator saves in
an editor: one FAQ answer in faq.yaml at a time (a new word at the start of the
answer), then an update's body. For each save it times, from the moment the
file is written, until an HTTP GET of the page that shows that answer or update
(polled every 10 ms) returns the new word. That is what a creator waits for;
it holds for any serve, including one that answers the viewed page first and
finishes the search index and feeds a moment later. The time until the search
index also has the word is reported beside it, and the next save waits until
then (plus a pause), so saves never pile up.

Only serve's public behaviour is used: the command, HTTP, and the site's own
search/search_index.json (to find which page shows a FAQ entry). The serve
process is stopped on every way out (SIGTERM to its group, then SIGKILL), and
dies with this process if this one is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
POLL_SECONDS = 0.01
INDEX_POLL_SECONDS = 0.05
FIRST_BUILD_TIMEOUT = 900.0
EDIT_TIMEOUT = 300.0
INDEX_TIMEOUT = 120.0
SETTLE_SECONDS = 0.6  # after the index has an edit: let serve finish whatever else it writes
SEARCH_INDEX = "search/search_index.json"
ERROR_BANNER = 'class="hubgen-serve-errors"'
BANNER_PATIENCE = 10.0  # seconds an error banner may stay after a save before the bench gives up


class ServeFailed(Exception):
    """Serve did not start, did not show an edit in time, or showed content errors."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: a SIGTERM when the bench process dies, however it dies."""
    PR_SET_PDEATHSIG = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def child_env() -> dict[str, str]:
    """The environment for hubgen subprocesses: this repository's hubgen first, whatever is installed."""
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "SOURCE_DATE_EPOCH": "1795000000"}


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to serve's process group (serve cleans up on it), SIGKILL if it lingers."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    # Anything serve started that outlived it (same group) goes too. Only while the group has
    # members: their group id keeps the number from being given to an unrelated process.
    if group_members(process.pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def group_members(group: int) -> list[int]:
    """Processes whose process group is `group` (from /proc)."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[2]) == group:  # fields after "(name)": state, ppid, pgrp
                members.append(int(entry))
    return members


@contextlib.contextmanager
def running_serve(content: Path, port: int, log: Path) -> Iterator[subprocess.Popen]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "hubgen", "serve", str(content), "--port", str(port), "--today", TODAY],
            cwd=content.parent, env=child_env(), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent)
        try:
            yield process
        finally:
            stop(process)


def get(url: str) -> str:
    """The body of `url`, or "" while serve cannot answer (building, swapping the site)."""
    try:
        # Long enough for a request queued during a build: one given up on is a broken pipe for serve.
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return ""


def poll(check: Callable[[], bool], every: float, timeout: float, process: subprocess.Popen,
         log: Path, what: str, started: float | None = None) -> float:
    """Seconds from `started` (default: now) until `check()` is true, checking every `every` seconds."""
    started = time.perf_counter() if started is None else started
    while True:
        tick = time.perf_counter()
        if check():
            return time.perf_counter() - started
        if process.poll() is not None:
            raise ServeFailed(f"hubgen serve exited ({process.returncode}) while waiting for {what}:\n"
                              f"{tail(log)}")
        if tick - started > timeout:
            raise ServeFailed(f"hubgen serve did not show {what} within {timeout:.0f} s:\n{tail(log)}")
        time.sleep(max(0.0, every - (time.perf_counter() - tick)))


def tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def unique_word(rng: random.Random) -> str:
    """A word no hub contains, that Markdown, HTML escaping and search leave as it is."""
    return "saved" + "".join(rng.choice(string.ascii_lowercase) for _ in range(10))


@dataclass
class Edit:
    kind: str  #: "FAQ answer" or "update body"
    file: Path
    page: str  #: site-relative URL of the page that shows it
    word: str
    change: Callable[[str, str], str]  #: (file text, word) -> the saved text


def faq_answer_edit(entry_id: str) -> Callable[[str, str], str]:
    """Put `word` first in the answer of `entry_id`, editing faq.yaml as text (comments and layout stay)."""
    def change(text: str, word: str) -> str:
        lines = text.splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines)
                     if re.fullmatch(rf"\s*(- )?id:\s*['\"]?{re.escape(entry_id)}['\"]?\s*", line.rstrip("\n")))
        key_column = lines[start].index("id:")
        for i in range(start + 1, len(lines)):
            found = re.match(r"( *)(- )?(\w+):(\s*)(.*)", lines[i])
            if found and found.group(2) and len(found.group(1)) < key_column:
                break  # the next entry: this one has no answer after its id
            if not (found and found.group(3) == "a" and len(found.group(1)) == key_column):
                continue
            value, head = found.group(5), lines[i][:found.start(5)]
            if value.startswith(("|", ">")):  # block scalar: the first line of text below
                body = next(j for j in range(i + 1, len(lines)) if lines[j].strip())
                indent = len(lines[body]) - len(lines[body].lstrip(" "))
                lines[body] = lines[body][:indent] + word + " " + lines[body][indent:]
            elif value[:1] in ("'", '"'):
                lines[i] = head + value[0] + word + " " + value[1:]
            else:
                lines[i] = head + word + " " + value
            return "".join(lines)
        raise ServeFailed(f"faq.yaml: no answer found for {entry_id!r}")
    return change


def update_body_edit(text: str, word: str) -> str:
    """Put `word` first in the first line of prose after the front matter."""
    lines = text.splitlines(keepends=True)
    fences = [i for i, line in enumerate(lines) if line.strip() == "---"]
    body_start = fences[1] + 1 if len(fences) >= 2 and fences[0] == 0 else 0
    for i in range(body_start, len(lines)):
        if re.match(r"[A-Za-z]", lines[i]):
            lines[i] = word + " " + lines[i]
            return "".join(lines)
    return text.rstrip("\n") + f"\n\n{word}\n"


def plan_edits(content: Path, index: dict, faq_edits: int, update_edits: int, rng: random.Random) -> list[Edit]:
    """FAQ entries spread over faq.yaml, and public updates spread over time, each with the page that shows it."""
    locations = [doc["location"] for doc in index.get("docs", [])]
    # Entries the site shows (in its search index), in faq.yaml's order: a hidden one never appears.
    shown = {loc.split("#")[1]: loc.split("#")[0] for loc in locations if loc.startswith("faq/") and "#" in loc}
    entries = [q["id"] for category in yaml.safe_load((content / "faq.yaml").read_text())
               for q in category.get("questions", []) if q.get("id") in shown]
    edits = []
    for n in range(min(faq_edits, len(entries))):
        entry = entries[(2 * n + 1) * len(entries) // (2 * faq_edits)]
        edits.append(Edit("FAQ answer", content / "faq.yaml", shown[entry], unique_word(rng),
                          faq_answer_edit(entry)))
    public = sorted((path for path in (content / "updates").glob("*.md")
                     if f"updates/{path.stem}/" in locations), reverse=True)
    for n in range(min(update_edits, len(public))):
        path = public[(2 * n + 1) * len(public) // (2 * update_edits) if n else 0]  # the newest, then spread
        edits.append(Edit("update body", path, f"updates/{path.stem}/", unique_word(rng), update_body_edit))
    return edits


def vm_peak_mib(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM), MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def measure_serve(content: Path, work: Path, faq_edits: int = 5, update_edits: int = 2, seed: int = 19) -> dict:
    """Copy `content` into `work`, serve it, time each save; figures in seconds and MiB."""
    rng = random.Random(seed)
    copy = work / "content"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(content, copy)
    log = work / "serve.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with running_serve(copy, port, log) as process:
        first_build = poll(lambda: _index(base) is not None, 0.1, FIRST_BUILD_TIMEOUT, process, log,
                           "the first build")
        edits = plan_edits(copy, _index(base), faq_edits, update_edits, rng)
        results = []
        for edit in edits:
            results.append(time_edit(base, edit, process, log))
            time.sleep(SETTLE_SECONDS)
        peak = vm_peak_mib(process.pid)
    served = [page for page, _ in results]
    indexed = [index for _, index in results]
    return {"edits": len(results), "kinds": sorted({e.kind for e in edits}), "first_build": first_build,
            "median": statistics.median(served), "max": max(served), "samples": served,
            # None: the search index did not have some edit within INDEX_TIMEOUT
            "index_median": None if None in indexed else statistics.median(indexed), "peak_mib": peak}


def _index(base: str) -> dict | None:
    body = get(base + SEARCH_INDEX)
    try:
        index = json.loads(body)
    except ValueError:
        return None
    return index if isinstance(index, dict) and index.get("docs") else None


def time_edit(base: str, edit: Edit, process: subprocess.Popen, log: Path) -> tuple[float, float]:
    """Save one edit; seconds until its page shows the new word, and until the search index has it."""
    text = edit.file.read_text(encoding="utf-8")
    saved_text = edit.change(text, edit.word)

    banner_since: list[float] = []

    def page_shows() -> bool:
        body = get(base + edit.page)
        if ERROR_BANNER not in body:
            banner_since.clear()
            return edit.word in body
        # A serve that read the file half-written shows errors until the next build: only a
        # banner that stays means the edit broke the content.
        banner_since[:] = banner_since or [time.perf_counter()]
        if time.perf_counter() - banner_since[0] > BANNER_PATIENCE:
            raise ServeFailed(f"serve reports content errors after editing {edit.file.name}: "
                              f"{re.sub(r'<[^>]+>', ' ', body[body.find(ERROR_BANNER):][:1500])}")
        return False

    edit.file.write_text(saved_text, encoding="utf-8")
    saved = time.perf_counter()
    served = poll(page_shows, POLL_SECONDS, EDIT_TIMEOUT, process, log,
                  f"the {edit.kind} edit in {edit.file.name} on /{edit.page}", started=saved)
    try:
        indexed = poll(lambda: edit.word in get(base + SEARCH_INDEX), INDEX_POLL_SECONDS, INDEX_TIMEOUT,
                       process, log, f"the {edit.kind} edit in {edit.file.name} in the search index", started=saved)
    except ServeFailed:
        if process.poll() is not None:
            raise
        indexed = None  # the page is what the creator waits for; an index that lags is reported, not fatal
    return served, indexed
