"""The benchmark script works (on a small hub; real figures come from bench/run.py by hand)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def test_bench_runs_and_reports_every_build(tmp_path):
    out = tmp_path / "benchmarks.md"
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--small", "--runs", "1",
                             "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for row in ["hubgen build", "hubgen build, one core", "tuned by hand", "naive (all in nav)", "hubgen lint"]:
        assert row in result.stdout
    assert "cores" in result.stdout and "x" in result.stdout.splitlines()[-1]
    hubgen_row = next(line for line in result.stdout.splitlines() if line.startswith("| hubgen build"))
    # A time was measured; how long it may take is for bench/ to say, not a test
    # on a shared machine.
    assert float(hubgen_row.split("|")[-2]) > 0, hubgen_row
    # Material's default indexing of the same pages, measured the same way, for comparison.
    tuned_row = next(line for line in result.stdout.splitlines() if "tuned by hand" in line)
    assert re.search(r"\| \d+ \(\d+\) \| \d+ \|$", tuned_row), tuned_row
    assert out.read_text().startswith("# Benchmarks")
