"""The command line: thin click commands over the pipeline.

Errors become exit codes here and only here: 0 success, 1 content errors,
2 usage or unreadable input. No command prints a traceback for bad content.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import os
import sys
import traceback
from pathlib import Path

import click

from hubgen import __version__
from hubgen.content_format import HOSTS
from hubgen.diagnostics import Report, printable
from hubgen.errors import ContentError, HubgenError, UnreadableInput, UsageError
from hubgen.schemas import SCHEMAS


def _found_content(ctx: click.Context, param: click.Parameter, given: Path | None) -> Path | None:
    """Every command finds its content folder the same way (hubgen/project.py)."""
    from hubgen.project import NO_CONTENT_HERE, ContentNotFound, find_content

    if given is None and ctx.resilient_parsing:
        return None
    if given is None and ctx.params.get("content_option") is not None:
        return None  # `hubgen new update --content DIR`: the alias decides
    try:
        return find_content(given)
    except ContentNotFound:
        raise click.UsageError(NO_CONTENT_HERE.format(command=_subcommand(ctx)), ctx) from None


def _subcommand(ctx: click.Context) -> str:
    """`new update` for `hubgen new update ...`, however hubgen itself was started."""
    names = []
    while ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return " ".join(names)


CONTENT_ARG = click.argument("content", required=False, callback=_found_content,
                             type=click.Path(file_okay=False, path_type=Path))


def _print_report(report: Report, stream=None) -> None:
    for diagnostic in report.sorted():
        click.echo(diagnostic.text(), file=stream or sys.stderr)


def _fail(error: HubgenError) -> None:
    if isinstance(error, (ContentError, UnreadableInput)):
        _print_report(Report(error.diagnostics))
        from hubgen.lint.output import MORE_HELP

        noun = "unreadable file" if isinstance(error, UnreadableInput) else "problem"
        click.echo(f"{len(error.diagnostics)} {noun}(s); nothing was written.", err=True)
        click.echo(MORE_HELP, err=True)
    else:
        click.echo(printable(f"error: {error}"), err=True)
    sys.exit(error.exit_code)


def _run(action) -> None:
    """Run a command body; map every expected error to its exit code."""
    try:
        action()
    except HubgenError as error:
        _fail(error)
    except KeyboardInterrupt:
        click.echo("interrupted; the previous site is untouched.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`hubgen rules | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as error:  # the place to write is missing, taken by a file, or not ours to write
        where = f"{error.filename}: " if error.filename else ""
        click.echo(printable(f"{where}error: {_os_problem(error)}"), err=True)
        sys.exit(2)
    except Exception as error:  # a bug in hubgen, not in the content
        if os.environ.get("HUBGEN_DEBUG"):
            traceback.print_exc()
        click.echo(printable(f"internal error: {type(error).__name__}: {error}. This is a bug in hubgen; "
                             "run again with HUBGEN_DEBUG=1 to see where, and please report it."), err=True)
        sys.exit(1)


def _os_problem(error: OSError) -> str:
    """What a failed read or write means to the person who asked for it, and what to do."""
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        return "a file is where a folder must be; move the file away or choose another folder"
    if isinstance(error, FileNotFoundError):
        return "no such folder; create it first or choose another one"
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return "you may not write there; choose a folder you can write to"
    return f"{(error.strerror or str(error)).lower()}; choose another place"


def _today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from hubgen.validate import FIRST_DATE, LAST_DATE

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value!r} is not a date; write it as YYYY-MM-DD") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        # Rules count days from today (a year ahead, a week back): at the ends of the calendar they overflow.
        raise UsageError(f"--today {value} is too far from now to be meant; give a date from "
                         f"{FIRST_DATE.year} to {LAST_DATE.year}, as content dates are")
    return day


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hubgen")
def main() -> None:
    """hubgen: a backer support hub from a folder of YAML and Markdown."""


@main.command()
@CONTENT_ARG
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the site to.  [default: site/ in the project folder]")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--today", metavar="YYYY-MM-DD", help="Date that lint rules treat as today.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but problems.")
@click.option("-v", "--verbose", is_flag=True, help="Also print what was built, page by page.")
@click.option("--clean", is_flag=True,
              help="Render every page, even those unchanged since the site in OUTPUT was built.")
def build(content: Path, output: Path | None, strict: bool, today: str | None, quiet: bool,
          verbose: bool, clean: bool) -> None:
    """Check CONTENT, then write the whole site into OUTPUT.

    A failed build leaves the previous site untouched. Pages whose content is
    unchanged since hubgen built the site in OUTPUT are kept, not rendered again
    (the result is the same, byte for byte); --clean renders them all.
    """
    from hubgen.pipeline import build_site, lint_before_build, lint_beside_build, lint_hub, load_hub
    from hubgen.project import default_site
    from hubgen.render.site import ChecksBeside

    output = output or default_site(content)

    def action() -> None:
        loaded = load_hub(content)
        when = _today(today) or dt.date.today()
        report = lint_before_build(loaded, today=when)

        def stop_if_failing(found: Report) -> None:
            if found.diagnostics if strict else found.errors:
                raise ContentError(found.sorted())

        if report.diagnostics if strict else report.errors:
            stop_if_failing(lint_hub(loaded, today=when))  # the whole report, as `hubgen lint` has it

        def add_beside(found: list) -> None:
            # The search checks ran beside the render: their errors stop it before the swap.
            report.diagnostics.extend(found)
            stop_if_failing(report)

        summary = build_site(loaded, output, checks=ChecksBeside(lambda: lint_beside_build(loaded, today=when),
                                                                   add_beside), clean=clean)
        _print_report(report)
        for warning in summary.warnings:
            click.echo(printable(f"warning: site generator: {warning}"), err=True)
        if strict and summary.warnings:
            raise HubgenError(f"{len(summary.warnings)} warning(s) from the site generator (--strict)")
        if verbose:
            for path in sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html")):
                click.echo(f"  {path}")
            click.echo(f"Pages rendered by {summary.render_processes} process(es).")
        if not quiet:
            summary.warnings = report.warnings + summary.warnings
            click.echo(summary.text(output))

    _run(action)


@main.command()
@CONTENT_ARG
@click.option("--today", metavar="YYYY-MM-DD", help="Date that rules treat as today.")
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "github", "sarif"]),
              help="text for people; json, github annotations or SARIF 2.1.0 for CI (`hubgen docs lint`).")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these rules; codes or prefixes, comma-separated (HUB1 = every HUB1xx).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules; codes or prefixes.")
@click.option("--fail-on", default="error", show_default=True, type=click.Choice(["error", "warning"]),
              help="Exit 1 on errors only, or on warnings too.")
def lint(content: Path, today: str | None, output_format: str, select: tuple[str, ...],
         ignore: tuple[str, ...], fail_on: str) -> None:
    """Check CONTENT and report problems; writes nothing.

    Exit 0 when clean, 1 on errors (or warnings with --fail-on warning),
    2 on usage errors or unreadable files. `hubgen rules` lists every rule.
    """
    from hubgen.lint import Selection
    from hubgen.lint.config import parse_codes
    from hubgen.lint.output import render, summary_line
    from hubgen.pipeline import lint_hub, load_hub

    def action() -> None:
        selection = Selection(parse_codes("--select", select), parse_codes("--ignore", ignore))
        report = lint_hub(load_hub(content), today=_today(today), selection=selection)
        diagnostics = report.sorted()
        click.echo(render(diagnostics, output_format), nl=False)
        if output_format != "text":  # keep stdout pure for machines
            click.echo(summary_line(diagnostics), err=True)
        if report.errors or (fail_on == "warning" and report.warnings):
            sys.exit(1)

    _run(action)


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every lint rule, or explain CODE with a bad and a good example."""
    from hubgen.lint import load_catalogue

    def action() -> None:
        catalogue = load_catalogue()
        if code is None:
            for rule in catalogue.values():
                click.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<30}  {rule.summary}")
            return
        rule = catalogue.get(code.upper())
        if rule is None:
            raise UsageError(f"no rule {code}; `hubgen rules` lists them")
        click.echo(f"{rule.code} {rule.name} ({rule.severity.value} by default)\n\n{rule.summary}\n\n{rule.doc}")

    _run(action)


@main.command()
@click.argument("names", nargs=-1)
@click.option("--mark-current", "language", metavar="LANG",
              help="Record that LANG's translations (or only the ids and file names given) match today's original.")
def translations(names: tuple[str, ...], language: str | None) -> None:
    """List, per language, what is missing, out of date and current.

    hubgen translations [CONTENT] [--mark-current LANG [ID...]]: a translation
    is current when it records the version of the original it was made from
    (translated_from:, written by --mark-current) and the original has not
    changed since. IDs are FAQ ids, update and page file names without .md,
    or refund-policy.
    """
    from hubgen.pipeline import load_hub
    from hubgen.project import ContentNotFound, find_content

    def action() -> None:
        given = names[0] if names and Path(names[0]).is_dir() else None
        ids = names[1:] if given is not None else names
        try:
            content = find_content(Path(given) if given else None)
        except ContentNotFound:
            from hubgen.project import NO_CONTENT_HERE

            raise UsageError(NO_CONTENT_HERE.format(command="translations")) from None
        loaded = load_hub(content)
        if loaded.report.errors:
            raise ContentError(loaded.report.sorted())
        found = {translation.language: translation for translation in loaded.hub.translations}
        if language is not None:
            _mark_current(found, language, ids)
        elif ids:
            raise UsageError("names of translations go with --mark-current LANG, e.g. "
                             "hubgen translations --mark-current de when-ship")
        else:
            _list_translations(loaded.hub)

    _run(action)


def _in_language(hub, language: str | None):
    """The hub as backers of `language` read it: the original, or one of its translations."""
    if language is None or language == hub.project.language:
        return hub
    found = {translation.language: translation.hub for translation in hub.translations}
    if language not in found:
        there = ", ".join([f"{hub.project.language} (the original)", *found])
        raise UsageError(f"the hub is not translated into '{language}': its languages are {there}. "
                         "Give one of them, or add the language to project.languages in hub.yaml")
    return found[language]


def _translation_notes(original, hub, update) -> list[str]:
    """What a creator sharing a translated update must know: that it is still the
    original (not translated yet), or a translation of an older original."""
    language = hub.project.language
    if hub is original:
        return []
    translation = next(t for t in original.translations if t.language == language)
    if update.shown_in:
        # Where its translation goes, as `hubgen translations` lists it ("updates/<name>.md").
        missing = next((name for name in translation.untranslated if Path(name).stem == update.slug),
                       f"{update.slug}.md")
        return [f"'{update.slug}' is not translated into '{language}' yet: this is the original, in "
                f"'{update.shown_in}' (translate it in {translation.folder}/{missing})"]
    stale = [item for item in translation.items if item.kind == "update" and item.name == update.slug
             and item.recorded and not item.is_current]
    return [f"the '{language}' translation of '{update.slug}' was made from an older original: its "
            f"{' and '.join(item.changed() or ['text'])} changed since (bring it up to date, then run "
            f"`hubgen translations --mark-current {language} {update.slug}`)" for item in stale]


def _mark_current(found: dict, language: str, ids: tuple[str, ...]) -> None:
    from hubgen.translations import mark_current

    if language not in found:
        raise UsageError(f"the hub has no translations in '{language}' (project.languages: "
                         f"{', '.join(found) or 'none'})")
    names = [item.name for item in found[language].items]
    unknown = [name for name in ids if name not in names]
    if unknown:
        close = [difflib.get_close_matches(name, names, n=1) for name in unknown]
        meant = [f"'{match[0]}'" for match in close if match]
        raise UsageError(f"no translation in '{language}' of {', '.join(unknown)} ("
                         + (f"did you mean {', '.join(meant)}? " if meant else "")
                         + "give FAQ ids, update or page file names without .md, refund-policy, or a place "
                         "in hub.yaml: project, contact, contact.routing.2, pledge_states.<id>, milestones.3, "
                         "shipping.1; `hubgen translations` lists them)")
    marked = mark_current(found[language], ids)
    click.echo(printable(f"{language}: {len(marked)} translation(s) recorded as current."))


def _list_translations(hub) -> None:
    if not hub.translations:
        click.echo("The hub is in one language: project.languages names no other.")
    for translation in hub.translations:
        current = [item for item in translation.items if item.is_current]
        stale = [item for item in translation.items if not item.is_current]
        click.echo(printable(f"{translation.language}: {len(current)} current, {len(stale)} out of date, "
                             f"{len(translation.untranslated)} missing"))
        for item in stale:
            why = ("never recorded as current" if not item.recorded
                   else "the original's " + " and ".join(item.changed() or ["text"]) + " changed")
            click.echo(printable(f"  out of date  {item.where}  {item.name}: {why}"))
        for name in translation.untranslated:
            click.echo(printable(f"  missing      {name}"))
        for item in current:
            click.echo(printable(f"  current      {item.where}  {item.name}"))


@main.command()
@click.argument("query")
@CONTENT_ARG
@click.option("-n", "count", default=5, show_default=True, type=click.IntRange(1, 100),
              help="How many results to show.")
@click.option("--segment", default="", help="Search as a backer who chose this segment in 'Your pledge', "
              "e.g. retailer: their answers come first.")
@click.option("--state", default="", help="Search as a backer whose pledge is in this state, e.g. locked.")
@click.option("--language", metavar="LANG", default=None,
              help="Search LANG's pages (project.language or one of project.languages) with LANG's own "
                   "index and word rules, as the search box on LANG's pages does; the original by default.")
def search(query: str, content: Path, count: int, segment: str, state: str, language: str | None) -> None:
    """Search CONTENT as a backer would in the hub's search box.

    Prints the first results in the order the built hub shows them, ranked
    by the same index and rules as the browser: title, page, URL path and a
    snippet. Use it to see why a search check fails, with --segment or
    --state what a backer who said who they are sees first, and with
    --language what the search box on that language's pages finds.
    """
    from hubgen.pipeline import load_hub
    from hubgen.search import SearchEngine, build_search_index
    from hubgen.search.engine import Backer
    from hubgen.urls import language_prefix

    def action() -> None:
        if not query.strip():
            raise UsageError("give something to search for, e.g. hubgen search \"money back\"")
        loaded = load_hub(content)
        if loaded.report.errors:
            raise ContentError(loaded.report.sorted())
        hub = _in_language(loaded.hub, language)
        # The language's index holds paths below its own folder (de/); print them from the site's root.
        folder = language_prefix(loaded.hub, hub.project.language)
        hits = SearchEngine(build_search_index(hub)).top(query, count, Backer(segment, state))
        if not hits:
            click.echo(printable(f'No results for "{query}".'))
            return
        for number, hit in enumerate(hits, 1):
            snippet = hit.snippet
            snippet = snippet if len(snippet) <= 150 else snippet[:149].rsplit(" ", 1)[0] + " …"
            where = f"/{folder}{hit.location}"
            if hit.page_location != hit.location:
                where += f"  (on {hit.page_title})"
            click.echo(printable(f"{number}. {hit.title}"))
            click.echo(printable(f"   {where}"))
            if snippet:
                click.echo(printable(f"   {snippet}"))

    _run(action)


@main.command()
@click.argument("topic", required=False)
def docs(topic: str | None) -> None:
    """Print the reference: the content format (every file and key), or TOPIC.

    TOPIC names another reference, e.g. lint (output formats for CI) or
    publishing (hosts, security headers); an unknown TOPIC lists them all.
    The text is Markdown shipped inside hubgen, so it matches this version.
    """
    from hubgen import reference

    def action() -> None:
        text = reference.read(topic or reference.DEFAULT_TOPIC)
        if text is None:
            raise UsageError(f"no topic {topic!r}; choose one of: {', '.join(reference.topics())}")
        if sys.stdout.isatty():
            click.echo_via_pager(text)
        else:
            click.echo(text, nl=False)

    _run(action)


# -- authoring: serve, init, new, schema (hubgen/serve.py, hubgen/authoring.py) --

@main.command()
@CONTENT_ARG
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 to serve the preview on.")
@click.option("--today", metavar="YYYY-MM-DD", help="Date that lint rules treat as today.")
def serve(content: Path, port: int, today: str | None) -> None:
    """Preview CONTENT at http://127.0.0.1:PORT/, rebuilt on every save.

    The browser reloads by itself. A content error is shown in the page and
    the last good site stays up until it is fixed. Stop with Ctrl+C.
    """
    from hubgen.serve import serve_content

    _run(lambda: serve_content(content, port=port, today=_today(today)))


@main.command()
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--content-only", is_flag=True,
              help="Write only a content folder into DIR, for a repository you already have.")
@click.option("--today", metavar="YYYY-MM-DD", help="Date to start from (default: today).")
@click.option("--host", type=click.Choice(HOSTS), default=HOSTS[0], show_default=True,
              help="Where the hub will be published; the contact form and the README follow it.")
def init(directory: Path, content_only: bool, today: str | None, host: str) -> None:
    """Create DIR: a new project, ready to publish, whose content lints clean.

    DIR/content/ is a small but complete hub whose comments explain the
    format; beside it, netlify.toml, a GitHub Actions workflow, a
    requirements.txt that installs this hubgen (by version when it came
    from PyPI, else the Git commit or archive pip installed it from),
    .gitignore and a README on how to edit, preview and publish on the
    host chosen, and how to test that a backer's message arrives. Refuses
    to write into a folder that is not empty (exit 2).
    """
    from hubgen.authoring import init_content, init_project, unreachable_install_warning
    from hubgen.installed import this_requirement
    from hubgen.project import CONTENT_DIR

    def action() -> None:
        if content_only:
            written = init_content(directory, today=_today(today), host=host)
            click.echo(f"Created the content folder {directory} ({len(written)} files). Next:")
            for command, why in (("serve", "live preview while you edit"), ("lint", "check it"),
                                 ("build", "write the site into site/")):
                click.echo(f"  hubgen {command} {directory}    {why}")
            return
        requirement = this_requirement()
        written = init_project(directory, today=_today(today), requirement=requirement, host=host)
        click.echo(f"Created {directory} ({len(written)} files): edit {directory / CONTENT_DIR}, "
                   f"then follow {directory / 'README.md'}. Next:")
        click.echo(f"  cd {directory}")
        click.echo("  hubgen serve     live preview while you edit")
        click.echo("  hubgen lint      check it")
        click.echo("  hubgen build     write the site into site/")
        warning = unreachable_install_warning(requirement)
        if warning:
            click.echo(warning, err=True)

    _run(action)


@main.group()
def new() -> None:
    """Start a new content file."""


@new.command("update")
@click.argument("title")
@CONTENT_ARG
@click.option("--content", "content_option", metavar="CONTENT",
              type=click.Path(file_okay=False, path_type=Path), help="Same as the CONTENT argument.")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Date of the update (default: today).")
@click.option("--pinned", is_flag=True, help="Show it as a notice on every page.")
@click.option("--backers", is_flag=True, help="Only for backers: never in the public site or feed.")
@click.option("--today", metavar="YYYY-MM-DD", help="Date to take as today (default: today).")
def new_update_command(title: str, content: Path | None, content_option: Path | None, date: str | None,
                       pinned: bool, backers: bool, today: str | None) -> None:
    """Write updates/YYYY-MM-DD-slug.md for TITLE in CONTENT and print its path.

    Never overwrites: if the file exists, nothing is written (exit 2).
    """
    from hubgen.authoring import future_date_warning, new_update
    from hubgen.schemas import CONTENT_SCHEMA_DIR

    def action() -> None:
        if content_option is not None and content is not None and content_option != content:
            raise UsageError(f"two content folders given ({content} and --content {content_option}); "
                             "give one")
        folder = content_option or content
        try:
            when = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise UsageError(f"--date {date!r} is not a date; write it as YYYY-MM-DD") from None
        now = _today(today) or dt.date.today()
        path = new_update(folder, title, when or now, pinned=pinned, backers=backers)
        click.echo(path)
        warning = future_date_warning(when or now, now)
        if warning:
            click.echo(warning, err=True)
        schemas = folder / CONTENT_SCHEMA_DIR
        if not schemas.is_dir():
            click.echo(f"tip: `hubgen schema -o {schemas}` lets editors check "
                       "the front matter as you type.", err=True)

    _run(action)


def _share_content(given: Path | None) -> Path:
    """The content folder, found as every command finds it; read here, not by
    CONTENT_ARG, because `share --segment ID CONTENT` arrives as UPDATE."""
    from hubgen.project import NO_CONTENT_HERE, ContentNotFound, find_content

    try:
        return find_content(given)
    except ContentNotFound:
        raise click.UsageError(NO_CONTENT_HERE.format(command="share")) from None


@main.command()
@click.argument("update", metavar="UPDATE", required=False)
@click.argument("content", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--to", "target", type=click.Choice(["email", "text", "kickstarter", "social"]),
              help="email: an RFC 5322 message (plain text + HTML); text: plain text; kickstarter: "
                   "an HTML fragment to paste into a platform update; social: a post of at most 280 characters.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of printing (e.g. update.eml).")
@click.option("--segment", default="", help="Instead of an update: the delivery/ link that opens 'Your pledge' "
              "with this segment chosen (e.g. retailer), for a survey email to them.")
@click.option("--country", default="", help="With --segment: the country in the link, e.g. DE.")
@click.option("--waves", default="", help="With --segment: the waves in the link, e.g. wave-1,wave-3.")
@click.option("--state", default="", help="With --segment: the pledge state in the link, e.g. locked.")
@click.option("--today", metavar="YYYY-MM-DD", help="Date that lint rules treat as today.")
@click.option("--language", metavar="LANG",
              help="The update as backers of LANG (one of project.languages) read it, linking to LANG's pages.")
def share(update: str | None, content: Path, target: str | None, output: Path | None, segment: str,
          country: str, waves: str, state: str, today: str | None, language: str | None) -> None:
    """Turn UPDATE (its file name in updates/) into what another channel takes.

    The same words everywhere, links absolute. Exit 1 when there is no such
    update, it is a draft, or a backers-only update is asked for --to social,
    or when the content has errors that would stop `hubgen build` (an email
    carries what the hub would refuse to publish no more than the hub does).

    `hubgen share --segment retailer [CONTENT]` prints instead the delivery/
    link a creator puts in a survey email: it opens "Your pledge" with that
    segment (and --country, --waves, --state) chosen.
    """
    from hubgen.pipeline import lint_hub, load_hub
    from hubgen.share import find_update, pledge_link
    from hubgen.share import share as share_update

    linking = bool(segment or country or waves or state)
    if linking and target is None:
        if update and content:
            raise click.UsageError("a link names no update: give only the content folder")
        content = _share_content(Path(update) if update else None)  # `share --segment retailer CONTENT`
    elif not update or target is None:
        raise click.UsageError("name an update and a channel, e.g. `hubgen share 2026-11-02-tooling-done --to email`, "
                         "or ask for a link with --segment")
    else:
        content = _share_content(content)

    def action() -> None:
        loaded = load_hub(content)
        notes = []
        if loaded.report.errors:
            raise ContentError(loaded.report.sorted())
        if linking and target is None:
            text = pledge_link(loaded.hub, segment, country, waves, state) + "\n"
        else:
            report = lint_hub(loaded, today=_today(today) or dt.date.today())  # what `hubgen build` checks
            if report.errors:
                raise ContentError(report.sorted())
            hub = _in_language(loaded.hub, language)
            found = find_update(hub, update)
            text = share_update(hub, found, target)
            notes = _translation_notes(loaded.hub, hub, found)
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8", newline="")
            click.echo(output)
        # After the text, on a line of their own (a social post ends without a newline).
        for index, note in enumerate(notes):
            lead = "\n" if index == 0 and output is None and not text.endswith("\n") else ""
            click.echo(lead + printable(f"note: {note}"), err=True)

    _run(action)


@main.command()
@click.argument("name", required=False, type=click.Choice(list(SCHEMAS)))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Write NAME.schema.json files into this folder instead of printing.")
def schema(name: str | None, output: Path | None) -> None:
    """Print or write the JSON Schemas of the content files.

    NAME is hub (hub.yaml), faq (faq.yaml), update (update front matter) or
    refund-policy (refund-policy.md's front matter). Editors use them to
    autocomplete and flag mistakes; files made by `hubgen init` and `hubgen new`
    point at them already. Without NAME, -o writes them all.
    """
    from hubgen import schemas
    from hubgen.authoring import write_schemas

    def action() -> None:
        if output is not None:
            for path in write_schemas(output, [name] if name else None):
                click.echo(path)
        elif name:
            click.echo(schemas.schema_text(name), nl=False)
        else:
            raise UsageError(f"name a schema ({', '.join(SCHEMAS)}), or give -o DIR to write them all")

    _run(action)


if __name__ == "__main__":
    main()
