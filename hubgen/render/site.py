"""Render a whole site into a folder: pages through Material, then extras.

The extras made from the model alone (search index, feeds, calendar) need no
page, so on a machine with more than one core they are written by a second
process while this one generates the pages and Material renders them; that
hides their cost (about a second on a hub of 1000 FAQ entries and 500 updates,
see docs/benchmarks.md). Checks a build runs beside the render (`hubgen
build`'s search checks, which need the same search index) run in that process
too, first.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hubgen.model import Hub
from hubgen.render import incremental
from hubgen.render.forking import child_deadline, die_with_parent, fork_process, spare_core
from hubgen.render.headers import HEADERS_FILE
from hubgen.render.incremental import Manifest
from hubgen.render.mkdocs_project import build_with_material, site_key, write_project
from hubgen.render.pages import generate_pages
from hubgen.render.redirects import REDIRECTS_FILE
from hubgen.search.related import related_answers, related_engine


def model_output_steps() -> list:
    """Files made from the model alone, each by f(hub, folder): no page needed."""
    from hubgen.render.calendar import write_calendar
    from hubgen.render.feeds import write_feeds
    from hubgen.search import write_search_index

    # hubgen's search index (entries, keywords, synonyms) replaces Material's.
    return [write_search_index, write_feeds, write_calendar]


# What finished_site_steps write: a site updated in place keeps them while it is
# tidied (serve answers with _headers' security headers throughout).
FINISHED_SITE_FILES = (HEADERS_FILE, REDIRECTS_FILE)


def finished_site_steps() -> list:
    """Steps that read the finished pages, in order; each is f(hub, site_dir)
    and writes the files named in FINISHED_SITE_FILES.

    `write_headers` stays last: _headers hashes the inline scripts of the
    finished pages, so every step that writes or changes HTML runs before it.
    """
    from hubgen.render.headers import write_headers
    from hubgen.render.redirects import write_redirects
    from hubgen.render.sitemap import write_sitemap

    return [write_redirects, write_sitemap, write_headers]


def _write_model_outputs(hub: Hub, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for step in model_output_steps():
        step(hub, folder)


@dataclass
class ChecksBeside:
    """Checks a build runs beside the render instead of before it.

    `run` returns the findings (they may come from the forked process, so they
    must pickle); `stop_if_failing` raises to stop the build before the site is
    swapped into place."""

    run: Callable[[], list]
    stop_if_failing: Callable[[list], None]


def _child_writes_model_outputs(hub: Hub, folder: Path, run_checks: Callable[[], list], findings) -> None:
    die_with_parent()
    try:
        # The checks first: they build the search index that write_search_index then reuses.
        findings.send(run_checks())
        findings.close()
        _write_model_outputs(hub, folder)
    except BaseException:
        # Quietly: the parent runs the checks and steps again itself and reports the
        # error as hubgen reports any, never as a traceback from a child process.
        os._exit(1)


# Below this many FAQ entries, ranking their related answers takes less than forking costs.
RELATED_IN_TWO_MIN = 200


def related_for(hub: Hub, fork: bool) -> dict[str, tuple[str, ...]]:
    """Each FAQ entry's related answers (search/related.py): one ranking per entry, the
    slowest part of making the pages of a large FAQ, so half of them in a forked
    process when there is a core to spare. A translation's copy has the original's."""
    if hub.related is not None:
        return hub.related
    count = len(hub.faq_entries)
    if not (fork and spare_core()) or count < RELATED_IN_TWO_MIN:
        return related_answers(hub)
    engine = related_engine(hub)  # made once: the child starts with it in memory
    half = count // 2
    reader, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = fork_process(_child_ranks_related, (hub, slice(half, None), engine, sender))
    forked_at = time.monotonic()
    child.start()
    sender.close()
    mine = related_answers(hub, slice(0, half), engine)
    theirs = _received(reader, child_deadline(forked_at))
    child.join(0 if theirs is None else None)
    if child.is_alive():
        child.kill()
        child.join()
    return {**mine, **(theirs if theirs is not None else related_answers(hub, slice(half, None), engine))}


def _child_ranks_related(hub: Hub, part: slice, engine, sender) -> None:
    die_with_parent()
    sender.send(related_answers(hub, part, engine))
    sender.close()


def _received(findings, deadline: float) -> list | None:
    """What the child sent; None when it died before sending or missed its deadline."""
    try:
        if findings.poll(max(0.0, deadline - time.monotonic())):
            return findings.recv()
    except (EOFError, OSError):  # it died before sending, or half-way through
        pass
    finally:
        findings.close()
    return None


@contextmanager
def model_outputs_alongside(hub: Hub, folder: Path, fork: bool = True,
                            checks: ChecksBeside | None = None) -> Iterator[None]:
    """Write the model's outputs into `folder`, and run `checks`, while the body of the `with` runs.

    In a forked process when there is a core to spare and `fork` allows it;
    otherwise, or if that process failed or hung, here, so an error surfaces
    exactly as it would without the second process. Here, the checks run
    before the body (a failing one stops the build before any page is made)
    and the outputs after it; from the forked process, the checks' findings
    are judged once the body is done.
    """
    run_checks = checks.run if checks else list
    child = findings = None
    if fork and spare_core():
        findings, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
        child = fork_process(_child_writes_model_outputs, (hub, folder, run_checks, sender))
        forked_at = time.monotonic()
        child.start()
        sender.close()
    elif checks:
        checks.stop_if_failing(checks.run())
    found = None
    try:
        yield
    finally:
        if child is not None:
            deadline = child_deadline(forked_at)
            found = _received(findings, deadline)
            child.join(max(0.0, deadline - time.monotonic()))
            if child.is_alive():  # hung: stop it; this process does its work itself
                child.kill()
                child.join()
    if child is not None and checks:
        checks.stop_if_failing(run_checks() if found is None else found)
    if child is None or child.exitcode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        _write_model_outputs(hub, folder)


def _move_into(folder: Path, site_dir: Path) -> set[str]:
    """Move every file of `folder` to the same place in `site_dir`, over what is there
    (renames on one disk: writing the search index and feeds a second time costs more);
    returns their site-relative paths."""
    moved = set()
    for source in sorted(folder.rglob("*")):
        if source.is_file():
            relative = source.relative_to(folder)
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved.add(relative.as_posix())
    return moved


def _count(n: int, one: str, many: str = "") -> str:
    """'1 page', '2 pages': the creator reads this line after every build."""
    return f"{n} {one if n == 1 else many or one + 's'}"


@dataclass
class BuildSummary:
    pages: int
    faq_entries: int
    updates: int
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    render_processes: int = 1  #: 2 when a spare core rendered half the pages
    unchanged_pages: int = 0  #: pages taken from the previous site, not rendered (incremental.py)
    manifest: Manifest | None = None  #: to write beside the output, for the next build
    changed: list[str] | None = None  #: site paths of pages whose HTML changed; None: unknown
    translated_pages: int = 0  #: pages in the other languages (render_translations)
    translated_unchanged: int = 0  #: of those, taken from the previous site
    language: str = ""  #: a translation's language ("": the original)
    related: dict[str, tuple[str, ...]] | None = None  #: the related answers its FAQ shows (for the translations)

    def text(self, output: Path) -> str:
        reused = (f" ({self.pages - self.unchanged_pages} rendered, {self.unchanged_pages} unchanged)"
                  if self.unchanged_pages else "")
        translated = f" and {self.translated_pages} in other languages" if self.translated_pages else ""
        if self.translated_unchanged:
            translated += f" ({self.translated_unchanged} unchanged)"
        return (f"Built {_count(self.pages, 'page')} ({_count(self.faq_entries, 'FAQ entry', 'FAQ entries')}, "
                f"{_count(self.updates, 'public update')}){reused}{translated} into {output} in "
                f"{self.seconds:.1f} s; {len(self.warnings)} warning(s).")

    def add_translations(self, translated: list[BuildSummary]) -> None:
        """Count the translations' pages in, and (when both are known) the pages they changed."""
        self.translated_pages += sum(t.pages for t in translated)
        self.translated_unchanged += sum(t.unchanged_pages for t in translated)
        if self.changed is not None:
            self.changed = None if any(t.changed is None for t in translated) else (
                self.changed + [path for t in translated for path in t.changed])


def language_folders(hub: Hub) -> frozenset[str]:
    """The top-level folders of the site that hold the translations' sites."""
    from hubgen.urls import language_prefix

    return frozenset(language_prefix(hub, t.language).rstrip("/") for t in hub.translations)


def render_translations(hub: Hub, site_dir: Path, fork: bool = True, previous_site: Path | None = None,
                        languages: frozenset[str] | None = None, track_changes: bool = False,
                        pages_written: Callable[[list[str] | None], None] | None = None,
                        related: dict[str, tuple[str, ...]] | None = None) -> list[BuildSummary]:
    """Each of the hub's translations (translations.py), built by the same stages as
    the original as a site of its own under its language's folder
    (urls.language_prefix); then the finished-site steps once, over the whole site,
    so that _headers covers every language's pages.

    With `previous_site`, each language takes its unchanged pages from its folder
    there (its own manifest, incremental.manifest_file); when `previous_site` is
    `site_dir`, each is updated in place (hubgen serve), its MkDocs project kept
    beside the site from build to build. `languages`: only these are built (an edit
    touched only their content/<language>/; the others are as they were).
    `pages_written` is told each language's changed pages, by their site paths."""
    from hubgen.urls import language_prefix

    in_place = previous_site is not None and previous_site == site_dir
    built = []
    # Every language shows the original's related answers (`related`: as the original's
    # build ranked them; else ranked here, once), never ranked on a mix of translated and
    # untranslated answers in another language.
    for translation in hub.translations:
        if languages is not None and translation.language not in languages:
            continue
        related = related if related is not None else related_for(hub, fork)
        folder = language_prefix(hub, translation.language).rstrip("/")
        # Its MkDocs project and extras: in place, its own, kept for the next build; else
        # the original's, beside the staging site, updated where they differ (the assets
        # and templates are the same in every language).
        work = site_dir.parent / f"language-{translation.language}" if in_place else site_dir.parent
        previous = incremental.read_manifest(previous_site, translation.language) if previous_site else None
        told = None if pages_written is None else (
            lambda changed, folder=folder: pages_written(None if changed is None else
                                                         [f"{folder}/{path}" for path in changed]))
        (site_dir / folder).mkdir(parents=True, exist_ok=True)
        summary = render_site(dataclasses.replace(translation.hub, related=related), site_dir / folder, fork=fork,
                              previous_site=previous_site / folder if previous else None, previous=previous,
                              track_changes=track_changes, pages_written=told, work_dir=work, finish=False,
                              sync_project=True)
        summary.language = translation.language
        if summary.changed is not None:
            summary.changed = [f"{folder}/{path}" for path in summary.changed]
        built.append(summary)
    if hub.translations:
        for step in finished_site_steps():
            step(hub, site_dir)
    return built


def render_site(hub: Hub, site_dir: Path, quiet: bool = True, fork: bool = True,
                checks: ChecksBeside | None = None, previous_site: Path | None = None,
                previous: Manifest | None = None, track_changes: bool = False,
                pages_written: Callable[[list[str] | None], None] | None = None,
                work_dir: Path | None = None, finish: bool = True, sync_project: bool = False) -> BuildSummary:
    """Build the hub into `site_dir`, an empty folder (write.py swaps it into place).

    `fork=False` keeps the whole build in this process: `hubgen serve` runs
    threads, and forking a threaded process can deadlock the child. `checks`
    run beside the render (model_outputs_alongside); when they fail, the
    build stops before anything is swapped into place.
    With the `previous_site` and its manifest, pages whose inputs are unchanged
    are taken from it instead of rendered (render/incremental.py). When
    `previous_site` is `site_dir` itself (hubgen serve's private folder), the site
    is updated where it is: unchanged pages stay, and the MkDocs project beside it
    is kept from build to build. `track_changes` works out which pages' HTML
    changed (hubgen serve reloads only those); `pages_written` is told so as soon
    as the pages are written, before the search index, feeds and _headers (in
    one process, hubgen serve shows the edited page that much sooner).
    `work_dir` holds the MkDocs project and the model's outputs while they are
    made (default: beside `site_dir`); `sync_project`: the project there may be
    another build's, to update where it differs; `finish=False` leaves the
    finished-site steps (_headers) to the caller (render_translations runs them
    once for all)."""
    started = time.perf_counter()
    in_place = previous_site is not None and previous_site == site_dir
    work = work_dir or site_dir.parent
    extras = work / "extras"
    shutil.rmtree(extras, ignore_errors=True)  # left by the previous build in place
    with model_outputs_alongside(hub, extras, fork, checks):
        related = related_for(hub, fork)
        generated = generate_pages(dataclasses.replace(hub, related=related))
        pages = {page.path: page.text for page in generated.pages}
        key = site_key(hub, generated)
        reuse = incremental.plan(previous_site, previous, key, pages)
        config_file = write_project(hub, generated, work / "project", site_dir, sync=in_place or sync_project)
        if reuse.unchanged and not in_place:
            incremental.link_unchanged(reuse, previous_site, site_dir)
        result = build_with_material(config_file, pages, fork, frozenset(reuse.unchanged))
        # The pages are final here: nothing after this writes into them.
        manifest = incremental.new_manifest(reuse, key, site_dir, len(result.warnings), track_changes)
        changed = incremental.changed_pages(previous, manifest) if track_changes else None
        if pages_written is not None:
            pages_written(changed)
    # Over Material's files: hubgen's search index replaces Material's.
    moved = _move_into(extras, site_dir)
    if in_place:  # what this build neither wrote nor kept goes, before _headers lists the files
        kept = {page.html for page in manifest.pages.values()} | set(FINISHED_SITE_FILES)
        incremental.remove_stale(site_dir, result.outputs | moved | kept, language_folders(hub))
    if finish:
        for step in finished_site_steps():
            step(hub, site_dir)
    return BuildSummary(
        pages=len(generated.pages),
        faq_entries=len(hub.faq_entries),
        updates=len(hub.public_updates),
        seconds=time.perf_counter() - started,
        warnings=result.warnings,
        render_processes=result.processes,
        unchanged_pages=len(reuse.unchanged),
        manifest=manifest,
        changed=changed,
        related=related,
    )
