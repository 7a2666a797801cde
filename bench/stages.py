"""Where a clean `hubgen build` spends its time: each stage timed in one process.

    python bench/stages.py [CONTENT] [--runs 3] [--today 2026-11-23] [--json]

Without CONTENT it generates the bench hub (bench/generate.py) in a temporary
folder. The stages are the ones `hubgen build` runs, called through hubgen's
own functions in the order the build calls them (hubgen/cli.py,
hubgen/pipeline.py, hubgen/render/site.py), with Material building every page
in this one process (as on one core); with --runs N, medians over N fresh
processes. Wall and CPU seconds per stage; a stage
whose function has been renamed or moved is reported as not timed, with the
import that failed, and the later stages that need its result say so.

Lint is timed as the build runs it: every rule but the search checks
(`lint_before_build`), then the search checks (`lint_beside_build`, which
build the search index that `write_search_index` then reuses). Where hubgen
has no such split, `lint_hub` is timed whole, and without HUB170 (as
`hubgen lint --ignore HUB170`) in a forked copy of the process right after
loading, so it starts as cold as the full lint does. Where hubgen builds
incrementally, the digests and manifest a clean build leaves for the next
one are stages too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TODAY = dt.date(2026, 11, 23)


class NotTimed(Exception):
    """A stage's function could not be found (renamed or moved) or an earlier stage failed."""


def resolve(module: str, name: str):
    """`module.name`, or NotTimed saying which import failed."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise NotTimed(f"`{module}.{name}` not found ({type(error).__name__}: {error})") from None


def resolve_or_none(module: str, name: str):
    try:
        return resolve(module, name)
    except NotTimed:
        return None


def need(context: dict, key: str, stage: str):
    if key not in context:
        raise NotTimed(f"needs the result of {stage}, which was not timed")
    return context[key]


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def lint_without_search_checks_forked(loaded, today) -> dict:
    """Time lint_hub with --ignore HUB170 in a forked copy: this process's caches stay cold."""
    lint_hub = resolve("hubgen.pipeline", "lint_hub")
    selection_class = resolve("hubgen.lint", "Selection")
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: time, report through the pipe, leave without cleanup
        os.close(reader)
        try:
            wall, cpu, _ = timed(lambda: lint_hub(loaded, today=today,
                                                  selection=selection_class([], ["HUB170"])))
            answer = {"wall": wall, "cpu": cpu}
        except BaseException as error:  # noqa: BLE001 - reported as the stage's failure
            answer = {"error": f"{type(error).__name__}: {error}"}
        os.write(writer, json.dumps(answer).encode())
        os._exit(0)
    os.close(writer)
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks) or b'{"error": "the forked copy said nothing"}')


def model_output_steps() -> list:
    """The steps render_site runs on the model alone (search index, feeds, calendar)."""
    try:
        return resolve("hubgen.render.site", "model_output_steps")()
    except NotTimed:
        return [resolve("hubgen.search", "write_search_index"),
                resolve("hubgen.render.feeds", "write_feeds"),
                resolve("hubgen.render.calendar", "write_calendar")]


def finished_site_steps() -> list:
    try:
        return resolve("hubgen.render.site", "finished_site_steps")()
    except NotTimed:
        return [resolve("hubgen.render.headers", "write_headers")]


def profile(content: Path, work: Path, today: dt.date = TODAY) -> list[dict]:
    """Rows of {stage, wall, cpu} or {stage, error}, in build order."""
    rows: list[dict] = []
    context: dict = {}

    def stage(name: str, run: Callable[[], object], keep: str | None = None) -> None:
        try:
            wall, cpu, result = timed(run)
        except (NotTimed, ImportError) as error:  # renamed or moved by a change elsewhere
            rows.append({"stage": name, "error": f"not timed: {error}"})
            return
        except Exception as error:  # noqa: BLE001 - a failing stage is reported, the rest still run
            rows.append({"stage": name, "error": f"failed: {type(error).__name__}: {error}"})
            return
        rows.append({"stage": name, "wall": wall, "cpu": cpu})
        if keep:
            context[keep] = result

    site_dir, project_dir, extras = work / "site", work / "project", work / "extras"
    site_dir.mkdir(parents=True, exist_ok=True)
    stage("import hubgen (pipeline, lint rules)",
          lambda: [importlib.import_module(m) for m in ("hubgen.pipeline", "hubgen.lint")])
    stage("import the renderer (Jinja2, MkDocs)",
          lambda: [importlib.import_module(m) for m in ("hubgen.render.site", "mkdocs.commands.build")])
    stage("load + validate: `load_hub`", lambda: resolve("hubgen.pipeline", "load_hub")(content), keep="loaded")
    split_lint = [resolve_or_none("hubgen.pipeline", name) for name in ("lint_before_build", "lint_beside_build")]
    if all(split_lint):  # the build lints all but the search checks first, and runs them beside the render
        stage("lint, every rule but the search checks: `lint_before_build`",
              lambda: split_lint[0](need(context, "loaded", "load_hub"), today=today))
        stage("search checks (HUB170): `lint_beside_build`",
              lambda: split_lint[1](need(context, "loaded", "load_hub"), today=today))
    else:
        if "loaded" in context:
            answer = lint_without_search_checks_forked(context["loaded"], today)
        else:
            answer = {"error": "not timed: needs the result of load_hub, which was not timed"}
        rows.append({"stage": "(lint, `--ignore HUB170`: `lint_hub` in a forked copy; not part of a build)",
                     **answer})
        stage("lint, every rule: `lint_hub`",
              lambda: resolve("hubgen.pipeline", "lint_hub")(need(context, "loaded", "load_hub"), today=today))
    if "loaded" in context:
        context["hub"] = context["loaded"].hub
    stage("pages from the model: `generate_pages`",
          lambda: resolve("hubgen.render.pages", "generate_pages")(need(context, "hub", "load_hub")),
          keep="generated")
    # Incremental builds (where hubgen has them): a clean build still digests every page for the next one.
    site_key, plan = (resolve_or_none("hubgen.render.mkdocs_project", "site_key"),
                      resolve_or_none("hubgen.render.incremental", "plan"))
    if site_key and plan:
        def digests():
            generated = need(context, "generated", "generate_pages")
            key = site_key(need(context, "hub", "load_hub"), generated)
            return key, plan(None, None, key, {page.path: page.text for page in generated.pages})
        stage("digests of every page for the next build: `site_key`, `incremental.plan`", digests, keep="digests")
    stage("MkDocs project: `write_project`",
          lambda: resolve("hubgen.render.mkdocs_project", "write_project")(
              need(context, "hub", "load_hub"), need(context, "generated", "generate_pages"),
              project_dir, site_dir), keep="config")
    try:
        steps = model_output_steps()
    except NotTimed as error:
        rows.append({"stage": "model outputs (search index, feeds, calendar)", "error": f"not timed: {error}"})
        steps = []
    extras.mkdir(parents=True, exist_ok=True)
    for step in steps:
        stage(f"model output: `{step.__name__}`",
              lambda step=step: step(need(context, "hub", "load_hub"), extras))
    def material():
        build = resolve("hubgen.render.mkdocs_project", "build_with_material")
        config = need(context, "config", "write_project")
        if "pages" not in inspect.signature(build).parameters:  # a hubgen that wrote the pages into docs/
            return build(config, fork=False)
        pages = {page.path: page.text for page in need(context, "generated", "generate_pages").pages}
        return build(config, pages, fork=False)
    stage("Material: every page, one process: `build_with_material`", material)
    stage("model outputs copied over the site", lambda: shutil.copytree(extras, site_dir, dirs_exist_ok=True))
    try:
        finishing = finished_site_steps()
    except NotTimed as error:
        rows.append({"stage": "finished-site steps (_headers)", "error": f"not timed: {error}"})
        finishing = []
    for step in finishing:
        stage(f"finished site: `{step.__name__}`",
              lambda step=step: step(need(context, "hub", "load_hub"), site_dir))
    new_manifest, write_manifest = (resolve_or_none("hubgen.render.incremental", "new_manifest"),
                                    resolve_or_none("hubgen.render.incremental", "write_manifest"))
    if new_manifest and write_manifest and "digests" in context:
        key, reuse = context["digests"]
        stage("manifest for the next build: `incremental.new_manifest`, `write_manifest`",
              lambda: write_manifest(site_dir, new_manifest(reuse, key, site_dir, 0, False)))
    return rows


def is_build_stage(row: dict) -> bool:
    return not row["stage"].startswith("(")


def median_rows(runs: list[list[dict]]) -> list[dict]:
    """Per stage, the median over runs of wall and CPU seconds (a stage not timed in any run keeps its error)."""
    merged: dict[str, dict] = {}
    for rows in runs:
        for row in rows:
            entry = merged.setdefault(row["stage"], {"stage": row["stage"], "wall": [], "cpu": []})
            if "error" in row:
                entry["error"] = row["error"]
            else:
                entry["wall"].append(row["wall"])
                entry["cpu"].append(row["cpu"])
    out = []
    for entry in merged.values():
        if entry["wall"]:
            out.append({"stage": entry["stage"], "wall": statistics.median(entry["wall"]),
                        "cpu": statistics.median(entry["cpu"])})
        else:
            out.append({"stage": entry["stage"], "error": entry.get("error", "not timed")})
    return out


def table(rows: list[dict]) -> str:
    lines = ["| stage | wall s | CPU s |", "|---|---:|---:|"]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['stage']} | {row['error']} | |")
        else:
            lines.append(f"| {row['stage']} | {row['wall']:.2f} | {row['cpu']:.2f} |")
    timed_rows = [r for r in rows if "error" not in r and is_build_stage(r)]
    lines.append(f"| **sum of the build's stages** | **{sum(r['wall'] for r in timed_rows):.2f}** "
                 f"| **{sum(r['cpu'] for r in timed_rows):.2f}** |")
    missing = [r["stage"] for r in rows if "error" in r]
    if missing:
        lines += ["", f"Not timed: {', '.join(missing)} (see the row for why)."]
    return "\n".join(lines)


def profile_in_fresh_process(content: Path, today: dt.date = TODAY) -> list[dict]:
    """profile() in a new Python process (cold imports and caches, as `hubgen build` starts)."""
    import subprocess

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), str(content), "--json",
                             "--today", today.isoformat()], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        return [{"stage": "every stage", "error": f"bench/stages.py failed: {result.stderr.strip()[-500:]}"}]
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path, help="content folder (default: generate the bench hub)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=TODAY)
    parser.add_argument("--runs", type=int, default=1,
                        help="profile this many times, each in a fresh process, and print the medians")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for run.py)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="hubgen-stages-") as tmp:
        content = args.content
        if content is None:
            sys.path.insert(0, str(HERE))
            from generate import generate
            content = generate(Path(tmp) / "content")
        if args.runs > 1:
            rows = median_rows([profile_in_fresh_process(content.resolve(), args.today) for _ in range(args.runs)])
        else:
            rows = profile(content.resolve(), Path(tmp) / "build", args.today)
    print(json.dumps(rows) if args.json else table(rows))


if __name__ == "__main__":
    main()
