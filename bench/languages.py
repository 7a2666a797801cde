"""How much a hub in more languages costs to build: one language against three, in the same run.

    python bench/languages.py [--runs 3] [--faq 300] [--updates 150] [--serve N]

Generates a hub (bench/generate.py), then the same hub with `languages: [de, fr]`
and a translation of every other FAQ answer, update and page in content/de/ and
content/fr/ (half left untranslated, as a real hub would be), and times clean
`hubgen build --clean -q` of both, alternating, in fresh processes: wall
seconds, and CPU seconds of the build and the processes it forks (which a
busy machine disturbs less: two builds seconds apart may meet a different
load). The goal (issue #28): three languages build in at most 3.2 times the
time of one, in every run.

With --serve N, it times instead N of `hubgen serve`'s updates (in place, in this
process, as serve runs them) after an edit to a German FAQ question: building
only German, as serve does when an edit touched only content/de/, against
building every language (each incrementally), as after an edit to the original.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402  (bench/ is not a package)

GOAL = 3.2
LANGUAGES = ("de", "fr")


def translate(content: Path, language: str) -> None:
    """content/<language>/: every other FAQ answer, update and page, marked as translated."""
    folder = content / language
    faq = yaml.safe_load((content / "faq.yaml").read_text(encoding="utf-8"))
    translated = [{"category": f"({language}) {category['category']}",
                   "questions": [{"id": q["id"], "q": f"({language}) {q['q']}", "a": f"({language}) {q['a']}"}
                                 for q in category["questions"][::2] if "id" in q]}
                  for category in faq]
    folder.mkdir()
    (folder / "faq.yaml").write_text(yaml.safe_dump(translated, allow_unicode=True), encoding="utf-8")
    for kind in ("updates", "pages"):
        (folder / kind).mkdir()
        for path in sorted((content / kind).glob("*.md"))[::2]:
            (folder / kind / path.name).write_text(f"---\ntitle: \"({language}) {path.stem}\"\n---\n"
                                                   f"[{language}] {path.read_text(encoding='utf-8')[-400:]}\n",
                                                   encoding="utf-8")


def in_three_languages(content: Path, target: Path) -> Path:
    shutil.copytree(content, target)
    hub = target / "hub.yaml"
    data = yaml.safe_load(hub.read_text(encoding="utf-8"))
    data["project"]["languages"] = list(LANGUAGES)
    hub.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for language in LANGUAGES:
        translate(target, language)
    return target


def build_seconds(content: Path, site: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one clean build; CPU counts the build's forked processes too."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "hubgen", "build", str(content), "-o", str(site), "--clean", "-q"],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def serve_updates(three: Path, work: Path, runs: int) -> None:
    from hubgen.pipeline import load_hub, update_site_in_place

    site = work / "serve" / "site"
    update_site_in_place(load_hub(three), site)
    faq = three / "de" / "faq.yaml"
    times: dict[str, list[float]] = {"only German": [], "every language": []}
    edits = 0
    for _ in range(runs):
        for name, languages in (("only German", frozenset({"de"})), ("every language", None)):
            edits += 1
            faq.write_text(faq.read_text(encoding="utf-8").replace("q: (de) ", f"q: (de{edits}) ", 1),
                           encoding="utf-8")
            loaded = load_hub(three)
            started = time.perf_counter()
            update_site_in_place(loaded, site, languages=languages)
            times[name].append(time.perf_counter() - started)
    for name, samples in times.items():
        print(f"serve, {name:15} median {statistics.median(samples):5.2f} s  runs: "
              + ", ".join(f"{s:.2f}" for s in samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--faq", type=int, default=300)
    parser.add_argument("--updates", type=int, default=150)
    parser.add_argument("--serve", type=int, default=0, metavar="N",
                        help="time N of hubgen serve's updates after a German edit instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        one = generate(work / "one", faq=args.faq, categories=10, updates=args.updates, checks=0)
        three = in_three_languages(one, work / "three")
        if args.serve:
            return serve_updates(three, work, args.serve)
        load_before = os.getloadavg()
        times: dict[str, list[tuple[float, float]]] = {"one language": [], "three languages": []}
        for _ in range(args.runs):  # alternating, so a busy moment of the machine hits both
            times["one language"].append(build_seconds(one, work / "site-one"))
            times["three languages"].append(build_seconds(three, work / "site-three"))
    print("load average (1, 5, 15 min) before: " + " ".join(f"{n:.1f}" for n in load_before)
          + ", after: " + " ".join(f"{n:.1f}" for n in os.getloadavg()))
    for kind, at in (("wall", 0), ("CPU", 1)):
        for name, samples in times.items():
            print(f"{name:16} {kind:4} median {statistics.median(s[at] for s in samples):6.2f} s  runs: "
                  + ", ".join(f"{s[at]:.2f}" for s in samples))
        ratios = [three[at] / one[at] for one, three in zip(times["one language"], times["three languages"])]
        ratio = statistics.median(ratios)
        print(f"three / one      {kind:4} median {ratio:.2f}x  per run: {', '.join(f'{r:.2f}x' for r in ratios)}  "
              f"(goal: at most {GOAL}x in every run: {'met' if max(ratios) <= GOAL else 'NOT met'})")


if __name__ == "__main__":
    main()
