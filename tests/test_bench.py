"""The benchmark script works (on a small hub; real figures come from bench/run.py by hand)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import REPO

GOALS = ["`hubgen lint` (30 search checks) < 1 s",
         "`hubgen build` / tuned Material build, all cores <= 1.00x",
         "`hubgen build` / tuned Material build, both on one core <= 1.25x",
         "`hubgen build` with 30 search checks / without <= 1.00x",
         "save to served, bench hub, median of the saves < 1 s",
         "save to served, example hub (content/), median of the saves < 0.3 s",
         "first search result < 50 ms",
         "slow network, first right answer after opening home, example hub (content/), empty cache <= 4 s",
         "slow network, first right answer after opening home, example hub (content/), later visit <= 1.5 s",
         "slow network, first right answer after opening home, bench hub, empty cache <= 6 s"]


def row(stdout: str, start: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith(start))


def serve_processes() -> set[str]:
    """Process ids of `hubgen serve` commands started for the bench (their copies are named content)."""
    found = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        if b"serve" in command and any(b"hubgen-bench-" in part for part in command):
            found.add(pid)
    return found


def test_bench_runs_and_reports_every_build(tmp_path):
    out = tmp_path / "benchmarks.md"
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--small", "--runs", "1",
                             "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for name in ["hubgen build", "hubgen build again, nothing changed",
                 "hubgen build, one FAQ answer edited (incremental)", "hubgen build, one core", "tuned by hand",
                 "tuned by hand, one core", "naive (all in nav)", "hubgen lint"]:
        assert f"| {'MkDocs+Material, ' if 'tuned' in name or 'naive' in name else ''}{name} |" in result.stdout
    assert "cores" in result.stdout
    hubgen_row = row(result.stdout, "| hubgen build |")
    # A time was measured; how long it may take is for bench/ to say, not a test
    # on a shared machine.
    assert float(hubgen_row.split("|")[2]) > 0, hubgen_row
    # Material's default indexing of the same pages, measured the same way, for comparison.
    tuned_row = row(result.stdout, "| MkDocs+Material, tuned by hand |")
    assert re.search(r"\| \d+ \(\d+\) \| \d+ \|$", tuned_row), tuned_row
    # hubgen serve: a save on each hub reached its page, with the process's peak memory.
    for hub in ["bench hub", "example hub (content/)"]:
        cells = [c.strip() for c in row(result.stdout, f"| {hub} |").split("|")[1:-1]]
        assert "FAQ answer" in cells[1] and "update body" in cells[1], cells
        median, longest, peak = float(cells[2]), float(cells[3]), float(cells[6])
        assert 0 < median <= longest and peak > 0, cells
    # Every stage of the build was timed: a "not timed" row means a function was
    # renamed and bench/stages.py needs the new name.
    stages = result.stdout[result.stdout.index("| stage |"):result.stdout.index("Goals")]
    assert "not timed" not in stages and "failed" not in stages, stages
    for stage in ["load_hub", "generate_pages", "write_project", "write_search_index", "build_with_material",
                  "write_headers"]:
        assert f"`{stage}`" in stages, stage
    assert "`lint_hub`" in stages or "`lint_beside_build`" in stages, stages
    # Each goal with its figure in the run and a verdict, and one over every run.
    for goal in GOALS:
        goal_row = next(line for line in result.stdout.splitlines() if goal in line)
        cells = [c.strip() for c in goal_row.split("|")[1:-1]]
        assert len(cells) == 3 and re.search(r"\d", cells[1]), goal_row
        assert re.search(r" (met|\*\*not met\*\*)$", cells[1]) and cells[2] in ("met", "**not met**"), goal_row
    # A backer on a slow network: the answer box, the right answer, what was loaded; then
    # requests and bytes of hubgen's pages beside Material's.
    for hub in ["example hub (content/)", "bench hub"]:
        for visit in ["empty cache", "later visit"]:
            cells = [c.strip() for c in row(result.stdout, f"| {hub} | {visit} |").split("|")[1:-1]]
            box, answer, requests = float(cells[2]), float(cells[3]), int(cells[4])
            assert 0 < box <= answer and requests > 0, cells
    for page in ["/", "/faq/", "/contact/"]:
        cells = [c.strip() for c in row(result.stdout, f"| {page} |").split("|")[1:-1]]
        assert all(int(cell) > 0 for cell in cells[1:]), cells
    assert not serve_processes(), "bench/run.py left hubgen serve running"
    report = out.read_text()
    assert report.startswith("# Benchmarks") and "every run |" in report
