"""Does a hub with waves and segments build as fast as the same hub without them?

    python bench/waves.py [--runs 7] [--waves 5] [--segments 3] [--regions 8]

Generates the bench hub (bench/generate.py: 1000 FAQ entries, 500 updates)
twice with the same shipping regions, once plain and once with WAVES waves
(each with a status and estimate in every region) and SEGMENTS segments (every
tenth FAQ entry and update, one routing entry each), and times a clean
`hubgen build` of each into a fresh folder, the two alternating so that a busy
machine slows both alike. Reports the median wall time and CPU time (user +
system of the build process) of each, and their ratio (issue #27: at most 1.05).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def build(content: Path, out: Path) -> tuple[float, float]:
    """One clean build: (wall seconds, CPU seconds of the build process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hubgen", "build", str(content), "-o", str(out)], check=True,
                   capture_output=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--waves", type=int, default=5)
    parser.add_argument("--segments", type=int, default=3)
    parser.add_argument("--regions", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hubgen-waves-bench-") as work:
        root = Path(work)
        hubs = {"without": generate(root / "without" / "content", regions=args.regions),
                "with": generate(root / "with" / "content", regions=args.regions, waves=args.waves,
                                 segments=args.segments)}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in hubs}
        for name, content in hubs.items():  # warm the template cache and the file cache for both
            build(content, root / name / "warm")
        for run in range(args.runs):
            for name in (("without", "with") if run % 2 == 0 else ("with", "without")):
                times[name].append(build(hubs[name], root / name / f"site-{run}"))
        print(f"hub: 1000 FAQ entries, 500 updates, {args.regions} regions; with: {args.waves} waves, "
              f"{args.segments} segments; {args.runs} clean builds each, alternating; load {os.getloadavg()[0]:.1f}")
        medians = {}
        for name, samples in times.items():
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            medians[name] = (wall, cpu)
            print(f"{name:>8}: wall {wall:.2f} s (runs {', '.join(f'{s[0]:.2f}' for s in samples)}), "
                  f"CPU {cpu:.2f} s (runs {', '.join(f'{s[1]:.2f}' for s in samples)})")
        print(f"   ratio: wall {medians['with'][0] / medians['without'][0]:.3f}x, "
              f"CPU {medians['with'][1] / medians['without'][1]:.3f}x (goal: at most 1.05x)")


if __name__ == "__main__":
    main()
