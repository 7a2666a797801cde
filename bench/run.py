"""Benchmark hubgen on a large hub against plain MkDocs + Material builds of the same pages.

    python bench/run.py [--runs 3] [--small] [--out docs/benchmarks.md]

In one run it times, with medians over --runs:
  - `hubgen build` of a generated hub (1000 FAQ entries in 20 categories, 500 updates, 10 states),
    as it runs (a second process when there is a spare core) and pinned to one core
  - a plain MkDocs + Material build of the same pages, tuned as an expert would by hand
    (updates out of the nav, one index page listing them), and a naive one (every page in the nav)
  - `hubgen lint` of the same hub, with its 30 search checks and with them ignored
    (`--ignore HUB170`), and `hubgen build` of the same hub without search checks
and reports wall time, peak memory (max RSS of the process), the size of the site,
the search index (raw and gzip) and the time from the last keystroke to the first
search result in headless Chromium.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from search_timing import measure_search  # noqa: E402

PLAIN_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1]))
"""


def measure(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,), cores: set[int] | None = None,
            ) -> tuple[float, int]:
    """Seconds and peak RSS (MiB) of one child process, on `cores` if given."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    pin = (lambda: os.sched_setaffinity(0, cores)) if cores else None
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=pin)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss // 1024


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def plain_projects(content: Path, work: Path) -> dict[str, Path]:
    """The same pages hubgen generates, as a plain MkDocs + Material project, two ways."""
    from hubgen.pipeline import load_hub
    from hubgen.render.pages import generate_pages

    hub = load_hub(content).hub
    generated = generate_pages(hub)
    projects = {}
    for variant in ("tuned", "naive"):
        project = work / f"plain-{variant}"
        for page in generated.pages:
            target = project / "docs" / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.text)
        config = {
            "site_name": hub.project.name, "site_url": hub.project.site_url,
            "site_dir": str(work / f"site-{variant}"),
            "theme": {"name": "material", "font": False},
            "markdown_extensions": ["toc", "admonition", "attr_list", "md_in_html", "tables"],
            "plugins": ["search"],
        }
        if variant == "tuned":
            config["nav"] = generated.nav
            config["validation"] = {"nav": {"omitted_files": "ignore"}}
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
        projects[variant] = project
    return projects


def run(runs: int, small: bool) -> tuple[list, dict[str, float]]:
    """Rows of (name, median seconds, peak MiB, site MiB, search figures), and per hubgen build
    the median over runs of its time divided by the tuned build's time in the same run."""
    sizes = dict(faq=60, categories=4, updates=30, states=5) if small else {}
    one_core = {min(os.sched_getaffinity(0))}
    with tempfile.TemporaryDirectory(prefix="hubgen-bench-") as tmp:
        work = Path(tmp)
        content = generate(work / "content", **sizes)
        unchecked = generate(work / "content-unchecked", **sizes, checks=0)
        projects = plain_projects(content, work)
        hubgen_build = [sys.executable, "-m", "hubgen", "build", str(content), "-q", "-o"]
        # name: (command, site it writes, cores it may use (None: all))
        cases = {
            "hubgen build": (hubgen_build + [str(work / "site-hubgen")], work / "site-hubgen", None),
            "hubgen build, one core": (hubgen_build + [str(work / "site-one")], work / "site-one", one_core),
            TUNED: ([sys.executable, "-c", PLAIN_BUILD, str(projects["tuned"] / "mkdocs.yml")],
                    work / "site-tuned", None),
            "MkDocs+Material, naive (all in nav)": ([sys.executable, "-c", PLAIN_BUILD,
                                                     str(projects["naive"] / "mkdocs.yml")], work / "site-naive", None),
            "hubgen build, no search checks": ([sys.executable, "-m", "hubgen", "build", str(unchecked), "-q",
                                                "-o", str(work / "site-unchecked")], work / "site-unchecked", None),
            "hubgen lint": ([sys.executable, "-m", "hubgen", "lint", str(content), "--today", "2026-11-23"],
                            None, None),
            "hubgen lint --ignore HUB170": ([sys.executable, "-m", "hubgen", "lint", str(content), "--today",
                                             "2026-11-23", "--ignore", "HUB170"], None, None),
        }
        samples = {name: [] for name in cases}
        # Cases take turns within each run, so a machine that slows down mid-run slows them all.
        for _ in range(runs):
            for name, (command, site, cores) in cases.items():
                # lint exits 1 when a rule finds errors in the generated hub: still a full run.
                samples[name].append(measure(command, work, ok=(0, 1) if "lint" in name else (0,), cores=cores))
        rows = []
        for name, (_, site, _) in cases.items():
            seconds = statistics.median(s for s, _ in samples[name])
            memory = max(m for _, m in samples[name])
            search = measure_search(site) if site and name in SEARCH_MEASURED else None
            rows.append((name, seconds, memory, folder_mib(site) if site else None, search))
        tuned = [s for s, _ in samples[TUNED]]
        ratios = {name: statistics.median(s / t for (s, _), t in zip(samples[name], tuned))
                  for name in cases if name.startswith("hubgen build")}
        unchecked_builds = [s for s, _ in samples["hubgen build, no search checks"]]
        ratios["checks"] = statistics.median(s / u for (s, _), u in zip(samples["hubgen build"], unchecked_builds))
    return rows, ratios


TUNED = "MkDocs+Material, tuned by hand"
SEARCH_MEASURED = ("hubgen build", TUNED)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_report(target: Path, report: str, command: str) -> None:
    """Put the table between the markers in `target`, keeping the prose around it."""
    block = f"{START}\nProduced by `{command}`.\n\n{report}\n{END}"
    text = target.read_text() if target.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    target.write_text(before + block + after)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def table(rows, ratios: dict[str, float], runs: int, small: bool) -> str:
    size = "60 FAQ entries, 30 updates (CI size)" if small else \
        "1000 FAQ entries in 20 categories, 500 updates, 10 pledge states, 30 search checks"
    lines = [
        f"Hub: {size}. Median of {runs} run(s). Machine: {cpu_model()}, {len(os.sched_getaffinity(0))} cores, "
        f"{platform.machine()}, Python {platform.python_version()}.",
        "",
        "| build | seconds | peak MiB | site MiB | search index KiB (gzip) | first result ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, seconds, memory, site, search in rows:
        index = f"{search['index_kib']:.0f} ({search['index_gzip_kib']:.0f})" if search else ""
        first = f"{search['first_result_ms']:.0f}" if search else ""
        lines.append(f"| {name} | {seconds:.2f} | {memory} | {'' if site is None else f'{site:.1f}'} "
                     f"| {index} | {first} |")
    lines += ["", "Search: the hubgen row is hubgen's own index (one entry per FAQ entry, state, policy "
              "section and update, with keywords and synonyms); the tuned row is Material's default "
              "indexing of the same pages. First result: ms from the last keystroke to the first "
              "result in headless Chromium, median over the queries in bench/search_timing.py.",
              "", "hubgen build / tuned MkDocs+Material, the median over runs of the two builds' times in "
              "the same run (they take turns, so a machine that slows down slows both): "
              f"{ratios['hubgen build']:.2f}x (pinned to one core: {ratios['hubgen build, one core']:.2f}x)",
              "", "hubgen build with its 30 search checks / the same hub without them, median over runs: "
              f"{ratios['checks']:.2f}x"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="a small hub, to prove the script works (CI)")
    parser.add_argument("--out", type=Path, help="also write the table into this Markdown file")
    args = parser.parse_args()
    rows, ratios = run(args.runs, args.small)
    report = table(rows, ratios, args.runs, args.small)
    print(report)
    if args.out:
        command = f"python bench/run.py --runs {args.runs}{' --small' if args.small else ''}"
        write_report(args.out, report, command)


if __name__ == "__main__":
    main()
