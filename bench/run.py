"""Benchmark hubgen on a large hub against plain MkDocs + Material builds of the same pages.

    python bench/run.py [--runs 3] [--small] [--no-stages] [--out docs/benchmarks.md]

In one run it times, with medians over --runs:
  - a clean `hubgen build` of a generated hub (1000 FAQ entries in 20 categories, 500 updates,
    10 states), as it runs (a second process when there is a spare core) and pinned to one core;
    and, into the site and cache of an earlier build, with nothing changed and with one FAQ
    answer edited (incremental)
  - a plain MkDocs + Material build of the same pages, tuned as an expert would by hand
    (updates out of the nav, one index page listing them), as it runs and pinned to one core,
    and a naive one (every page in the nav)
  - `hubgen lint` of the same hub, with its 30 search checks and with them ignored
    (`--ignore HUB170`), and `hubgen build` of the same hub without search checks
  - the time from the last keystroke to the first search result in headless Chromium
  - a backer on a slow network (400 kbit/s, 400 ms round trip, CPU 4x slower, gzip as a CDN
    sends it): from opening the home page to the first right answer in its answer box, with
    an empty cache and on a later visit, on the example and the bench hub; and the requests
    and bytes of a page view, hubgen's beside Material's (bench/backer_timing.py)
  - save-to-served in `hubgen serve`, on the bench hub and on the example hub (content/):
    from writing an edited file to the page showing the edit (bench/serve_timing.py)
  - the stages of a clean build in one process (bench/stages.py; --no-stages skips them)
and reports wall time, peak memory (max RSS of the process), the size of the site,
the search index (raw and gzip), then each goal of issues #13 and #19 with its
figure in every run, met or not met.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from backer_timing import CPU_SLOWDOWN, KBIT_S, RTT_MS, backer_question, measure_backer, page_weight  # noqa: E402
from search_timing import measure_search  # noqa: E402
from serve_timing import INDEX_TIMEOUT, ServeFailed, child_env, faq_answer_edit, measure_serve  # noqa: E402
from stages import is_build_stage, median_rows, profile_in_fresh_process  # noqa: E402
from stages import table as stages_table  # noqa: E402

EXAMPLE_HUB = HERE.parent / "content"
# Case names, as the report shows them.
AGAIN = "hubgen build again, nothing changed"
EDITED = "hubgen build, one FAQ answer edited (incremental)"
UNCHECKED = "hubgen build, no search checks"
NAIVE = "MkDocs+Material, naive (all in nav)"
TUNED = "MkDocs+Material, tuned by hand"
TUNED_ONE_CORE = "MkDocs+Material, tuned by hand, one core"
# hubgen keeps compiled templates in a per-user cache (hubgen/render/templates.py); these
# builds get an empty one, as the first build on a machine does.
COLD = "hubgen build, first on this machine (no compiled templates)"
COLD_ONE_CORE = "hubgen build, first on this machine, one core"
SEARCH_MEASURED = ("hubgen build", TUNED)
BENCH_HUB, EXAMPLE = "bench hub", "example hub (content/)"

PLAIN_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1]))
"""


class Sample(NamedTuple):
    seconds: float  #: wall
    peak_mib: int  #: max RSS
    cpu: float  #: user + system seconds, its waited-for children included


def measure(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,), cores: set[int] | None = None,
            ) -> Sample:
    """Wall seconds, peak RSS (MiB) and CPU seconds of one child process, on `cores` if given.

    The peak comes from GNU time around the command: Linux counts, in the max RSS
    that wait4 reports for a child, the size of the process it was forked from
    (this script, tens of MiB once it has loaded the hub), so the command is
    forked from the small `time` process instead."""
    pin = (lambda: os.sched_setaffinity(0, cores)) if cores else None
    with tempfile.TemporaryDirectory(prefix="measure-") as scratch:
        errors, peak = Path(scratch) / "stderr", Path(scratch) / "peak"
        with errors.open("wb") as err:
            started = time.perf_counter()
            # This repository's hubgen, whatever is installed (child_env puts it first on PYTHONPATH).
            process = subprocess.Popen([TIME, "-f", "%M", "-o", str(peak), *command], cwd=cwd, env=child_env(),
                                       stdout=subprocess.DEVNULL, stderr=err, preexec_fn=pin,
                                       start_new_session=True)
            try:
                _, status, usage = os.wait4(process.pid, 0)
            except BaseException:  # interrupted: leave nothing running
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise
            seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) not in ok:
            raise SystemExit(f"{' '.join(command)} failed: {errors.read_text(errors='replace')[-2000:]}")
        peak_kib = int(peak.read_text().split()[-1])
    return Sample(seconds, peak_kib // 1024, usage.ru_utime + usage.ru_stime)


TIME = "/usr/bin/time"  # GNU time (Debian's `time` package), for the peak memory of a command


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


@dataclass
class Results:
    """Everything one invocation measured; per-run lists keep the runs' order."""

    rows: list  #: (name, median seconds, median CPU seconds, peak MiB, site MiB, search figures)
    samples: dict[str, list[Sample]]  #: case -> one per run
    first_result_ms: list[float]  #: hubgen's search, per run
    serve: dict[str, list[dict]]  #: hub -> measure_serve() per run
    stages: list[list[dict]]  #: bench/stages.py rows per run
    backer: dict[str, list[dict]]  #: hub -> measure_backer() per run
    weights: list[tuple[str, str, dict, dict]]  #: (hub, page, hubgen's, Material's) page_weight()


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench_cases(work: Path, content: Path, unchecked: Path, edited: Path,
                ) -> dict[str, tuple[list[str], Path | None, set | None]]:
    """name: (command, site it writes, cores it may use (None: all)), in the order of the report."""
    projects = plain_projects(content, work)
    one_core = {min(os.sched_getaffinity(0))}
    python = sys.executable

    def hubgen_build(source: Path, case: str) -> tuple[list[str], Path]:
        site = work / case / "site"  # a folder per case: hubgen keeps its incremental cache beside the site
        return [python, "-m", "hubgen", "build", str(source), "-q", "-o", str(site)], site

    def first_on_machine(source: Path, case: str) -> tuple[list[str], Path]:
        command, site = hubgen_build(source, case)
        empty = site.parent / "tmp"  # goes with the case's folder before every run (clean_output)
        return ["sh", "-c", 'mkdir -p "$0" && TMPDIR="$0" exec "$@"', str(empty), *command], site

    def plain_build(variant: str) -> list[str]:
        return [python, "-c", PLAIN_BUILD, str(projects[variant] / "mkdocs.yml")]

    lint = [python, "-m", "hubgen", "lint", str(content), "--today", "2026-11-23"]
    return {
        "hubgen build": (*hubgen_build(content, "hubgen"), None),
        # The same output again, nothing changed: what an incremental build keeps (not a goal;
        # the only case that finds the site, and whatever hubgen left beside it, from before).
        AGAIN: (*hubgen_build(content, "hubgen"), None),
        # Into the site (and cache) of its previous build, one answer changed since (edit_one_answer).
        EDITED: (*hubgen_build(edited, "edited"), None),
        "hubgen build, one core": (*hubgen_build(content, "one"), one_core),
        COLD: (*first_on_machine(content, "cold"), None),
        COLD_ONE_CORE: (*first_on_machine(content, "cold-one"), one_core),
        TUNED: (plain_build("tuned"), work / "site-tuned", None),
        TUNED_ONE_CORE: (plain_build("tuned"), work / "site-tuned", one_core),
        NAIVE: (plain_build("naive"), work / "site-naive", None),
        UNCHECKED: (*hubgen_build(unchecked, "unchecked"), None),
        "hubgen lint": (lint, None, None),
        "hubgen lint --ignore HUB170": (lint + ["--ignore", "HUB170"], None, None),
    }


# Cases take turns within each run, so a machine that slows down mid-run slows them all;
# the builds a goal compares run back to back (the VM's speed drifts within a minute).
RUN_ORDER = [UNCHECKED, "hubgen build", TUNED, "hubgen build, one core", TUNED_ONE_CORE, COLD_ONE_CORE, COLD,
             AGAIN, EDITED, NAIVE, "hubgen lint", "hubgen lint --ignore HUB170"]
KEEP_OUTPUT = (AGAIN, EDITED)  # the cases that build into an earlier build's site on purpose


def run(runs: int, small: bool, with_stages: bool = True) -> Results:
    """Every case, `runs` times; the cases take turns within each run."""
    sizes = dict(faq=60, categories=4, updates=30, states=5) if small else {}
    # Saves per hub and run: CI (--small) only proves the timing works.
    faq_edits, update_edits = (1, 1) if small else (5, 2)
    with tempfile.TemporaryDirectory(prefix="hubgen-bench-") as tmp:
        work = Path(tmp)
        content = generate(work / "content", **sizes)
        edited = shutil.copytree(content, work / "content-edited")
        cases = bench_cases(work, content, generate(work / "content-unchecked", **sizes, checks=0), edited)
        assert sorted(RUN_ORDER) == sorted(cases), "every case runs once per run"
        hubs = {BENCH_HUB: content, EXAMPLE: EXAMPLE_HUB}
        samples = {name: [] for name in cases}
        searches, serve, stages = [], {hub: [] for hub in hubs}, []
        backer = {hub: [] for hub in hubs}
        example_site = build_untimed(EXAMPLE_HUB, work / "example")
        for number in range(1, runs + 1):
            for name in RUN_ORDER:
                command, site, cores = cases[name]
                progress(f"run {number}/{runs}: {name}")
                if name == EDITED:
                    edit_one_answer(edited, command, work, number)
                elif site and name not in KEEP_OUTPUT:
                    clean_output(site)
                # lint exits 1 when a rule finds errors in the generated hub: still a full run.
                samples[name].append(measure(command, work, ok=(0, 1) if "lint" in name else (0,), cores=cores))
            progress(f"run {number}/{runs}: first search result (Chromium)")
            searches.append(measure_search(cases["hubgen build"][1]))
            for hub, site, source in ((EXAMPLE, example_site, EXAMPLE_HUB), (BENCH_HUB, cases["hubgen build"][1], content)):
                progress(f"run {number}/{runs}: a backer on a slow network, {hub} (Chromium)")
                backer[hub].append(measure_backer(site, *backer_question(source)))
            for hub, folder in hubs.items():
                progress(f"run {number}/{runs}: hubgen serve, save to served, {hub}")
                try:
                    serve[hub].append(measure_serve(folder, work / "serve", faq_edits, update_edits))
                except ServeFailed as error:
                    raise SystemExit(f"bench/run.py: {hub}: {error}") from None
            if with_stages:
                progress(f"run {number}/{runs}: stages of a clean build (bench/stages.py)")
                stages.append(profile_in_fresh_process(content))
        rows = [summary_row(name, site, samples[name], searches) for name, (_, site, _) in cases.items()]
        progress("requests and bytes of a page view, hubgen and Material (Chromium)")
        weights = [(BENCH_HUB, page, page_weight(cases["hubgen build"][1], page), page_weight(cases[TUNED][1], page))
                   for page in WEIGHED_PAGES]
    return Results(rows, samples, [s["first_result_ms"] for s in searches], serve, stages, backer, weights)


WEIGHED_PAGES = ("", "faq/", "contact/")


def build_untimed(content: Path, work: Path) -> Path:
    site = work / "site"
    subprocess.run([sys.executable, "-m", "hubgen", "build", str(content), "-q", "-o", str(site)], cwd=work.parent,
                   env=child_env(), check=True, stdout=subprocess.DEVNULL)
    return site


def summary_row(name: str, site: Path | None, samples: list[Sample], searches: list[dict]) -> tuple:
    """(name, median seconds, median CPU seconds, peak MiB, site MiB, search figures)."""
    search = None
    if name == "hubgen build":  # measured in every run: sizes from the last, the median time
        search = {**searches[-1], "first_result_ms": statistics.median(s["first_result_ms"] for s in searches)}
    elif name in SEARCH_MEASURED:
        search = measure_search(site)
    return (name, statistics.median(s.seconds for s in samples), statistics.median(s.cpu for s in samples),
            max(s.peak_mib for s in samples), folder_mib(site) if site else None, search)


def edit_one_answer(content: Path, build: list[str], work: Path, number: int) -> None:
    """Before the timed build: a site and cache from an earlier build of `content` (untimed in
    the first run; the previous run's after), then one FAQ answer changed, as a creator saves it."""
    if number == 1:
        measure(build, work)
    faq = content / "faq.yaml"
    entries = [q["id"] for category in yaml.safe_load(faq.read_text()) for q in category.get("questions", [])]
    entry = entries[(number * 7919) % len(entries)]  # a different answer each run
    faq.write_text(faq_answer_edit(entry)(faq.read_text(), f"editedinrun{'x' * number}"))


def clean_output(site: Path) -> None:
    """Every build is a clean one, as on a fresh checkout: no site and nothing beside it from the
    last run. hubgen keeps what an incremental build needs beside its output folder, so each
    hubgen site is work/<case>/site and the whole <case> folder goes; Material's sites go alone."""
    shutil.rmtree(site.parent if site.name == "site" else site, ignore_errors=True)


def per_run_ratios(samples: dict, name: str, reference: str) -> list[float]:
    return [s.seconds / r.seconds for s, r in zip(samples[name], samples[reference])]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def hubgen_commit() -> str:
    """The commit of the repository measured, with "+changes" when its hubgen/ differs from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(HERE.parent), *args], capture_output=True, text=True).stdout.strip()
    try:
        commit = git("rev-parse", "--short", "HEAD")
        return (commit + (" +changes" if git("status", "--porcelain", "--", "hubgen") else "")) or "unknown"
    except OSError:
        return "unknown"


def write_report(target: Path, report: str, command: str) -> None:
    """Put the table between the markers in `target`, keeping the prose around it."""
    block = f"{START}\nProduced by `{command}`.\n\n{report}\n{END}"
    text = target.read_text() if target.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    target.write_text(before + block + after)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def goals(results: Results) -> list[tuple[str, list[str], list[bool]]]:
    """Each goal of #13 and #19: its figure in every run, and whether it was met there."""
    samples, serve = results.samples, results.serve
    lint = samples["hubgen lint"]
    rows = [("#19 `hubgen lint` (30 search checks) < 1 s", [f"{s.seconds:.2f} s (CPU {s.cpu:.2f})" for s in lint],
             [s.seconds < 1 for s in lint])]
    for label, name, reference, limit in (
            ("#19 `hubgen build` / tuned Material build, all cores <= 1.00x", "hubgen build", TUNED, 1.00),
            ("#19 `hubgen build` / tuned Material build, both on one core <= 1.25x", "hubgen build, one core",
             TUNED_ONE_CORE, 1.25),
            ("#19 the same, hubgen's first build on the machine, all cores <= 1.00x", COLD, TUNED, 1.00),
            ("#19 the same, hubgen's first build on the machine, one core <= 1.25x", COLD_ONE_CORE,
             TUNED_ONE_CORE, 1.25),
            ("#13 `hubgen build` with 30 search checks / without <= 1.00x", "hubgen build", UNCHECKED, 1.00)):
        ratios = per_run_ratios(samples, name, reference)
        figures = [f"{r:.2f}x" for r in ratios]
        if "one core" in name:  # both on one core: CPU time is what wall time would be on a quiet machine
            figures = [f"{f} (CPU {s.cpu / r.cpu:.2f}x)" for f, s, r in zip(figures, samples[name], samples[reference])]
        rows.append((label, figures, [r <= limit for r in ratios]))
    for hub, limit in ((BENCH_HUB, 1.0), (EXAMPLE, 0.3)):
        runs = serve[hub]
        rows.append((f"#19 save to served, {hub}, median of the saves < {limit:g} s",
                     [f"{r['median']:.2f} s (max {r['max']:.2f})" for r in runs], [r["median"] < limit for r in runs]))
    first = results.first_result_ms
    rows.append(("#13 first search result < 50 ms", [f"{ms:.0f} ms" for ms in first],
                 [ms < 50 for ms in first]))
    for hub, visit, limit in ((EXAMPLE, "cold", 4.0), (EXAMPLE, "warm", 1.5), (BENCH_HUB, "cold", 6.0)):
        seconds = [r[visit]["answer_ms"] / 1000 for r in results.backer[hub]]
        rows.append((f"#29 slow network, first right answer after opening home, {hub}, "
                     f"{'empty cache' if visit == 'cold' else 'later visit'} <= {limit:g} s",
                     [f"{t:.2f} s" for t in seconds], [t <= limit for t in seconds]))
    return rows


def backer_table(results: Results) -> str:
    lines = ["| hub | visit | answer box on screen, s | first right answer, s | requests | KiB on the wire |",
             "|---|---|---:|---:|---:|---:|"]
    for hub, runs in results.backer.items():
        for visit in ("cold", "warm"):
            rows = [r[visit] for r in runs]
            lines.append(f"| {hub} | {'empty cache' if visit == 'cold' else 'later visit'} "
                         f"| {statistics.median(r['box_ms'] for r in rows) / 1000:.2f} "
                         f"| {statistics.median(r['answer_ms'] for r in rows) / 1000:.2f} "
                         f"| {statistics.median(r['requests'] for r in rows):.0f} "
                         f"| {statistics.median(r['kib'] for r in rows):.0f} |")
    lines += ["", "| page (bench hub) | hubgen requests | hubgen KiB | Material requests | Material KiB |",
              "|---|---:|---:|---:|---:|"]
    for _, page, ours, material in results.weights:
        lines.append(f"| /{page} | {ours['requests']} | {ours['kib']:.0f} | {material['requests']} "
                     f"| {material['kib']:.0f} |")
    return "\n".join(lines)


def goals_table(results: Results) -> str:
    runs = len(results.first_result_ms)
    lines = ["| goal | " + " | ".join(f"run {n}" for n in range(1, runs + 1)) + " | every run |",
             "|---|" + "---:|" * runs + "---|"]
    for label, figures, met in goals(results):
        cells = " | ".join(f"{figure} {'met' if ok else '**not met**'}" for figure, ok in zip(figures, met))
        lines.append(f"| {label} | {cells} | {'met' if all(met) else '**not met**'} |")
    return "\n".join(lines)


def serve_table(results: Results) -> str:
    lines = ["| hub | saves per run | save to served, median s | max s | search index has it, median s "
             "| first build s | serve peak MiB |", "|---|---:|---:|---:|---:|---:|---:|"]
    for hub, runs in results.serve.items():
        peaks = [r["peak_mib"] for r in runs if r["peak_mib"] is not None]
        lines.append(
            f"| {hub} | {runs[0]['edits']} ({', '.join(runs[0]['kinds'])}) "
            f"| {statistics.median(r['median'] for r in runs):.2f} | {max(r['max'] for r in runs):.2f} "
            f"| {index_median(runs)} "
            f"| {statistics.median(r['first_build'] for r in runs):.2f} "
            f"| {f'{max(peaks):.0f}' if peaks else 'n/a'} |")
    return "\n".join(lines)


def index_median(runs: list[dict]) -> str:
    if any(r["index_median"] is None for r in runs):
        return f"not within {INDEX_TIMEOUT:.0f} s"
    return f"{statistics.median(r['index_median'] for r in runs):.2f}"


def table(results: Results, runs: int, small: bool, commit: str) -> str:
    size = "60 FAQ entries, 30 updates (CI size)" if small else \
        "1000 FAQ entries in 20 categories, 500 updates, 10 pledge states, 30 search checks"
    samples = results.samples
    median = statistics.median
    lines = [
        f"Hub: {size}. Median of {runs} run(s). Machine: {cpu_model()}, {len(os.sched_getaffinity(0))} cores, "
        f"{platform.machine()}, Python {platform.python_version()}, hubgen at {commit}. "
        f"Load average at the end: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.",
        "",
        "| build | seconds | CPU s | peak MiB | site MiB | search index KiB (gzip) | first result ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, seconds, cpu, memory, site, search in results.rows:
        index = f"{search['index_kib']:.0f} ({search['index_gzip_kib']:.0f})" if search else ""
        first = f"{search['first_result_ms']:.0f}" if search else ""
        lines.append(f"| {name} | {seconds:.2f} | {cpu:.2f} | {memory} | {'' if site is None else f'{site:.1f}'} "
                     f"| {index} | {first} |")
    lines += ["", "Search: the hubgen row is hubgen's own index (one entry per FAQ entry, state, policy "
              "section and update, with keywords and synonyms); the tuned row is Material's default "
              "indexing of the same pages. First result: ms from the last keystroke to the first "
              "result in headless Chromium, median over the queries in bench/search_timing.py "
              "(hubgen's: measured in every run, the median of the runs). Seconds are wall time; "
              "CPU s is user + system time of the process and its children (on a shared machine it "
              "moves less than wall time; a build on two cores spends more CPU to take less time).",
              "", "hubgen build / tuned MkDocs+Material, the median over runs of the two builds' times in "
              "the same run (they take turns, so a machine that slows down slows both): "
              f"{median(per_run_ratios(samples, 'hubgen build', TUNED)):.2f}x; both pinned to one core: "
              f"{median(per_run_ratios(samples, 'hubgen build, one core', TUNED_ONE_CORE)):.2f}x "
              "(hubgen on one core against the tuned build unpinned: "
              f"{median(per_run_ratios(samples, 'hubgen build, one core', TUNED)):.2f}x)",
              "", "hubgen build with its 30 search checks / the same hub without them, median over runs: "
              f"{median(per_run_ratios(samples, 'hubgen build', UNCHECKED)):.2f}x",
              "", "Save to served (`hubgen serve`, bench/serve_timing.py): from writing an edited file "
              "(a new word first in a FAQ answer in faq.yaml, or in an update's body) to an HTTP GET of "
              "the page that shows it returning the word, polled every 10 ms; the next save waits until "
              "the search index has the word too. Peak MiB: the serve process's VmHWM.",
              "", serve_table(results),
              "", f"A backer on a slow network (bench/backer_timing.py): Chromium with the network at "
              f"{KBIT_S} kbit/s and {RTT_MS} ms round trip and the CPU {CPU_SLOWDOWN}x slower (CDP), the site "
              "served as a CDN serves it (gzip, the site's _headers, ETags; Netlify's default "
              "Cache-Control where _headers sets none). From the start of the navigation to the home "
              "page's answer box listing the right answer to the hub's first search check (typed into "
              "the box by the page itself at the first frame that shows it), with an empty cache and on a later visit; medians of "
              "the runs. Requests and KiB: everything that visit loaded. Below, one cold view of a page "
              "with nothing typed, hubgen's site beside the tuned Material build of the same pages.",
              "", backer_table(results)]
    if results.stages:
        stage_rows = median_rows(results.stages)
        build_cpu = sum(r["cpu"] for r in stage_rows if "error" not in r and is_build_stage(r))
        lines += ["", "Stages of a clean build in one process (bench/stages.py, Material in that process as "
                  f"on one core), median of {len(results.stages)} fresh process(es); the build's stages sum "
                  f"to {build_cpu:.2f} s of CPU:", "", stages_table(stage_rows)]
    lines += ["", "Goals, in every run (#19: save to served, lint, build; #13: search), judged on wall time. "
              "Save to served is met when the median of the saves in that run is under the limit; "
              "the max is shown beside it. CPU: user + system seconds, steadier than wall time on a "
              "shared machine (for the one-core ratio, what the wall ratio would be on a quiet one).",
              "", goals_table(results)]
    return "\n".join(lines)


def stop_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl+C, so every `finally` stops what it started (serve, builds)."""
    def leave(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGHUP, leave)


def compile_hubgen() -> None:
    """Compile the measured hubgen to bytecode first, as `pip install` does: a checkout
    run with PYTHONDONTWRITEBYTECODE (set on some machines) would otherwise compile
    hubgen's modules from source in every measured process, while MkDocs and Material
    come with theirs (about a tenth of `hubgen lint` on the bench hub)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "hubgen")], check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="a small hub, to prove the script works (CI)")
    parser.add_argument("--stages", action=argparse.BooleanOptionalAction, default=True,
                        help="profile the stages of a clean build in every run (default: yes)")
    parser.add_argument("--out", type=Path, help="also write the table into this Markdown file")
    args = parser.parse_args()
    stop_on_sigterm()
    compile_hubgen()
    commit = hubgen_commit()  # before the runs: the repository may move while they take minutes
    results = run(args.runs, args.small, args.stages)
    report = table(results, args.runs, args.small, commit)
    print(report)
    if args.out:
        command = (f"python bench/run.py --runs {args.runs}{' --small' if args.small else ''}"
                   f"{'' if args.stages else ' --no-stages'}")
        write_report(args.out, report, command)


if __name__ == "__main__":
    main()
