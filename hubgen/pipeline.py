"""The whole pipeline at a glance: load -> model -> validate -> lint -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hubgen.diagnostics import Diagnostic, Location, Report
from hubgen.errors import UnreadableInput, UsageError
from hubgen.load import load_content
from hubgen.model import Hub
from hubgen.validate import build_model


@dataclass
class Loaded:
    hub: Hub
    report: Report  #: content-format problems (HUB0xx); lint adds its own
    unparsed: tuple[str, ...] = ()  #: files whose YAML could not be parsed (already reported)


def load_hub(content_dir: Path) -> Loaded:
    """Read and validate a content folder. Raises only for unreadable input."""
    if not content_dir.is_dir():
        raise UsageError(f"{content_dir}: no such content folder "
                         "(give the folder holding hub.yaml, or run `hubgen init DIR`)")
    loader = load_content(content_dir)
    if loader.unreadable.diagnostics:
        raise UnreadableInput(loader.unreadable.sorted())
    hub = build_model(loader.raw, loader.report)
    raw = loader.raw
    docs = [raw.hub, raw.faq, raw.refund_policy, *raw.updates, *raw.pages]
    unusable = [d.rel for d in docs if d is not None and d.broken]
    if raw.hub is None or not isinstance(raw.hub.data, dict):
        # Missing, empty or not a mapping: as much a hole as a file that does not parse.
        unusable.append(raw.hub.rel if raw.hub else "hub.yaml")
    if hub.project.languages and not unusable:
        # Translations are matched against the original: with a hole in it, every
        # translation of what is in the hole would be reported as unmatched.
        from hubgen.translations import load_translations

        hub.translations = load_translations(hub, loader.report)
        # A translation's file that does not parse is a hole too: its language's search
        # checks would fail on the original's words and bury the one real mistake.
        unusable += [rel for translation in hub.translations for rel in translation.unparsed]
    return Loaded(hub, loader.report, tuple(unusable))


def lint_hub(loaded: Loaded, today=None, selection=None) -> Report:
    """Validation problems plus the lint rules' findings, as one report.

    `selection` (hubgen.lint.Selection) narrows the rules, as --select/--ignore do.
    """
    from hubgen.lint import run_rules

    report = Report(list(loaded.report.diagnostics))
    if loaded.unparsed:
        # A file that does not parse leaves holes in the model (no pledge states,
        # no contact): every rule would report the hole, burying the one real
        # mistake. Rules run again once it parses.
        return report
    report.diagnostics.extend(run_rules(loaded.hub, today=today, selection=selection))
    # Each language's copy is checked as the original is: translated text reaches
    # backers too, so it must not carry a script, a remote load or a broken link.
    # What it took over from the original untranslated is reported once, above.
    # The same rule at the same place is one problem: a link broken on the original's page
    # and on the German one (where the message names /de/...) is told once, as the original's.
    seen = {(d.code, d.location) for d in report.diagnostics}
    for translation in loaded.hub.translations:
        found = run_rules(translation.hub, today=today, selection=_per_language(selection))
        report.diagnostics.extend(d for d in found if (d.code, d.location) not in seen
                                  and not seen.add((d.code, d.location)))
    return report


# Rules that already go through every language from the original (search checks
# against each language's index, translations behind their original).
RULES_ACROSS_LANGUAGES = ("HUB170", "HUB260", "HUB261")


# Rules about the original's facts, which a translation takes over unchanged (the policy's
# terms, the contact, update dates, promises, pledge states, regions and waves, assets and file
# names): checked once, on the original. On each language's copy they would report the same
# stale update again at de/updates/..., or a milestone "no update mentions" because a
# translated update left out the link, and read German text with English rules.
RULES_ON_THE_ORIGINALS_FACTS = ("HUB10", "HUB11", "HUB12", "HUB13", "HUB15", "HUB19", "HUB23", "HUB24")


def _per_language(selection):
    from hubgen.lint import Selection

    chosen = selection or Selection()
    return Selection(select=list(chosen.select),
                     ignore=[*chosen.ignore, *RULES_ACROSS_LANGUAGES, *RULES_ON_THE_ORIGINALS_FACTS])


# The search checks build the search index and its ranking engine and run every
# query: the slowest rule by far. `hubgen build` runs them beside the render
# (render/site.py, in the process that writes the search index) instead of first.
RULES_BESIDE_THE_BUILD = ("HUB170",)


def lint_before_build(loaded: Loaded, today=None) -> Report:
    """lint_hub without the rules a build runs beside the render."""
    from hubgen.lint import Selection

    return lint_hub(loaded, today=today, selection=Selection(ignore=list(RULES_BESIDE_THE_BUILD)))


def lint_beside_build(loaded: Loaded, today=None) -> list[Diagnostic]:
    """The findings lint_before_build leaves out; with them, the same as lint_hub's."""
    from hubgen.lint import Selection

    report = lint_hub(loaded, today=today, selection=Selection(select=list(RULES_BESIDE_THE_BUILD)))
    return [d for d in report.diagnostics if d.code in RULES_BESIDE_THE_BUILD]


def build_site(loaded: Loaded, output: Path, quiet: bool = True, fork: bool = True, checks=None,
               clean: bool = False, track_changes: bool = False):
    """Render the model and swap the result into `output` atomically.

    Pages whose inputs did not change since the site in `output` was built are
    taken from it, unless `clean` (render/incremental.py). `fork=False` renders
    in this process only (for callers that run threads). `checks`
    (render.site.ChecksBeside) run beside the render; when they fail, the
    previous site stays. `track_changes` reports which pages' HTML changed."""
    from hubgen.render import incremental
    from hubgen.render.site import render_site, render_translations
    from hubgen.write import atomic_site, is_hubgen_site

    hub = loaded.hub
    with atomic_site(output, hub.root) as staging:
        previous = None if clean or not is_hubgen_site(output) else incremental.read_manifest(output)
        summary = render_site(hub, staging, quiet=quiet, fork=fork, checks=checks,
                              previous_site=output if previous else None, previous=previous,
                              track_changes=track_changes, finish=not hub.translations)
        translated = render_translations(hub, staging, fork=fork, previous_site=output if previous else None,
                                         track_changes=track_changes, related=summary.related)
        summary.add_translations(translated)
        # Before the swap: should the swap fail, the seals in the manifest keep the
        # next build from trusting pages that are not there (incremental.py).
        incremental.write_manifest(output, summary.manifest)
        for each in translated:
            incremental.write_manifest(output, each.manifest, each.language)
    return summary


def update_site_in_place(loaded: Loaded, output: Path, pages_written=None, languages=None):
    """`hubgen serve`'s build: update a private site folder where it is, rendering
    only the pages an edit changed, in this process (the server's threads make
    forking unsafe). Nothing is swapped: a page is rewritten while the browser
    waits for the build to finish (serve.py), and a build that fails leaves a
    site the next one puts right. `pages_written(changed)` is called as soon as
    the pages of each language are (render_site), with their site paths.

    `languages`: the edit touched only these translations' content/<language>/
    (a frozenset of languages): only they are built, the original and the other
    languages are as they were. None: the original changed, and with it what
    every language shows untranslated: all are built."""
    from hubgen.render import incremental
    from hubgen.render.site import render_site, render_translations
    from hubgen.write import MARKER_TEXT, SITE_MARKER, is_hubgen_site

    hub = loaded.hub
    output.mkdir(parents=True, exist_ok=True)
    previous = incremental.read_manifest(output) if is_hubgen_site(output) else None
    if languages is not None and previous is not None:
        summary = _as_it_was(hub, previous)
    else:
        summary = render_site(hub, output, fork=False, previous_site=output, previous=previous,
                              track_changes=True, pages_written=pages_written, finish=not hub.translations)
        languages = None
    translated = render_translations(hub, output, fork=False, previous_site=output, languages=languages,
                                     track_changes=True, pages_written=pages_written, related=summary.related)
    summary.add_translations(translated)
    (output / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    incremental.write_manifest(output, summary.manifest)
    for each in translated:
        incremental.write_manifest(output, each.manifest, each.language)
    return summary


def _as_it_was(hub: Hub, manifest):
    """The summary of the original's pages when an edit left them as they were."""
    from hubgen.render.site import BuildSummary

    return BuildSummary(pages=len(manifest.pages), faq_entries=len(hub.faq_entries),
                        updates=len(hub.public_updates), unchanged_pages=len(manifest.pages),
                        manifest=manifest, changed=[])


__all__ = ["Loaded", "load_hub", "lint_hub", "lint_before_build", "lint_beside_build", "build_site",
           "update_site_in_place", "Location"]
