"""HUB170: search checks, the questions backers type, answered in the top 3."""

from __future__ import annotations

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule


@rule("HUB170", "search-check-fails", Severity.ERROR,
      "A search check's query does not bring up its expected answer in the top 3 results.", """
Each entry of `search_checks` in hub.yaml is a question backers type and the
answer it must find: a FAQ entry id, a pledge state id or a page slug
(refund-policy, contact, an update's file name, an extra page's name). hubgen
builds the hub's search index and ranks the query exactly as the search box in
the browser does; the answer must be among the first 3 results a backer sees.

The fix it offers has been tried on a copy of the index first: a keyword of
the FAQ entry, the query's words where you write them (a pledge state's
description, a heading of the refund policy or of an extra page, an update,
a topic of `contact.routing`), or, for hubgen's own pages, a synonym under
`settings.synonyms`. When none of them works it says which answer the query
finds instead.

Bad (no entry mentions "parcel", so the search finds nothing):
    search_checks:
      - query: where is my parcel
        expect: tracking
    # faq.yaml: q: How do I follow my delivery?
Good (the question, a keyword or a built-in synonym matches):
    # faq.yaml: q: How do I follow my delivery?
    #           keywords: [parcel, tracking number]
""")
def search_check_fails(context: LintContext):
    from hubgen.search.checks import TOP, run_checks

    # Each language's checks against its own index (translations.py): the same rule, per language.
    # A translation's fixes name its own files (folder: content/de, as problems name it).
    yield from _failing(context.hub, run_checks(context.hub), TOP, "")
    for translation in context.hub.translations:
        yield from _failing(translation.hub, run_checks(translation.hub), TOP, translation.folder)


def _failing(hub, results, top: int, folder: str):
    from hubgen.search.checks import unsearched_page

    for result in results:
        check = result.check
        if result.target is None and unsearched_page(check.expect):
            yield Finding(check.marks.at("expect"), f"search check '{check.query}' expects '{check.expect}', a "
                          "page search leaves out: backers reach it by its link on every page", _instead(result))
        elif result.target is None:
            yield Finding(check.marks.at("expect"), f"search check '{check.query}' expects '{check.expect}', "
                          "which is not a FAQ entry, pledge state or page of this hub",
                          result.suggestion(hub))
        elif not result.passed:
            shown = "; ".join(f"{hit.title} ({hit.location or 'home'})" for hit in result.top) or "nothing"
            yield Finding(check.marks.at("query"), f"searching '{check.query}' does not show '{check.expect}' "
                          f"in the top {top}; it shows: {shown}", _fix(hub, result, folder))


def _instead(result) -> str:
    """For a check whose answer search cannot show: what the query does find, to expect instead."""
    from hubgen.search.checks import answer_name

    if not result.top:
        return "remove the check, or expect the FAQ entry or page that should answer it"
    first = result.top[0]
    return f"expect '{answer_name(first.location)}' ('{first.title}' comes up first), or remove the check"


def _fix(hub, result, folder: str) -> str:
    """A fix that works: each one is offered only after trying it on a copy of the index
    (a keyword of the FAQ entry, the words where the creator writes them, a synonym);
    when none works, what to do instead, never an untried guess."""
    from hubgen.search.checks import TOP, answer_name, keyword_fix, synonym_fix, wording_fix

    expect, query = result.check.expect, result.check.query
    keyword = keyword_fix(hub, result)
    if keyword:
        word, place = keyword
        return f"{_keyword_step(hub, result.check, word, folder)} (tried: it then comes up #{place})"
    # The creator's own words first, where they write them; a synonym changes every search.
    where = _where_creator_writes(hub, result.check, result.target, folder)
    if where is not None:
        instruction, as_section = where
        place = wording_fix(hub, result, as_section)
        if place:
            return f"{instruction} (tried: it then comes up #{place})"
    synonym = synonym_fix(hub, result)
    if synonym:
        word, title, place = synonym
        return (f"under settings.synonyms in hub.yaml add '{word}: [{title}]': '{word}' is what backers type, "
                f"'{title}' is in the title of '{expect}' (tried: it then comes up #{place})")
    first = result.top[0] if result.top else None
    if first is None:
        return (f"no keyword, synonym or wording tried brings '{expect}' into the top {TOP}, and nothing on the "
                f"hub uses these words: write the query as backers would ask it with the words of '{expect}'")
    return (f"no keyword, synonym or wording tried brings '{expect}' into the top {TOP}: '{first.title}' answers "
            f"'{query}' better; if that is what backers need, expect '{answer_name(first.location)}'")


def _translated(path: str, folder: str) -> str:
    """Where the translation of the original's file `path` goes: content/pages/x.md in
    content/de is content/de/pages/x.md (paths as problems name them, from where hubgen runs)."""
    root = folder.rpartition("/")[0]
    return f"{folder}/{path[len(root) + 1:] if root else path}"


def _keyword_step(hub, check, word: str, folder: str) -> str:
    """Where a keyword goes: the FAQ entry's own file; in a translation (a check in de/hub.yaml)
    that language's faq.yaml, translating the entry first if it is still in the original."""
    entry = next((entry for entry in hub.faq_entries if entry.id == check.expect), None)
    if folder and entry is not None and entry.shown_in:
        return (f"translate FAQ entry '{check.expect}' in {_translated(entry.where.path, folder)}, with '{word}' "
                "among its keywords")
    where = f" in {entry.where.path}" if folder and entry is not None else ""
    return f"add '{word}' to the keywords of FAQ entry '{check.expect}'{where}"


def _where_creator_writes(hub, check, target, folder: str) -> tuple[str, bool] | None:
    """Where the creator can put the query's words so that the answer is found, and whether
    as a heading of its own; None for hubgen's own pages, whose words the creator does not write.
    A check in a translation (de/hub.yaml) is answered in that language's files: a page still
    shown in the original is to be translated there, never given German words in English."""
    from hubgen.urls import CONTACT_URL, PLEDGE_STATES_URL, REFUND_POLICY_URL, page_url, update_url

    hub_file = check.where.path if folder else "hub.yaml"  # content/de/hub.yaml for a German check
    query = check.query
    heading = f"'## {query[:1].upper()}{query[1:]}'"

    def untranslated(thing) -> bool:  # shown to this language's backers in the original's words
        return bool(folder and thing.shown_in)

    path, _, anchor = target.location.partition("#")
    if path == PLEDGE_STATES_URL and anchor:
        return f"say it in backers' words in the description of pledge state '{anchor}' in {hub_file}, e.g. " \
               f"'{query}'", False
    if path == CONTACT_URL and not anchor:
        return f"add a topic in backers' words to contact.routing in {hub_file}, e.g. 'topic: {query}'", False
    sections = [hub.refund_policy] if path == REFUND_POLICY_URL and hub.refund_policy is not None else []
    sections += [page for page in hub.pages if path == page_url(page.name)]
    for thing in sections:
        section = f"whose heading says it in backers' words, e.g. {heading}"
        if untranslated(thing):
            return f"translate {thing.where.path} as {_translated(thing.where.path, folder)}, with a section " \
                   f"{section}", True
        return f"add a section to {thing.where.path} {section}", True
    for update in hub.public_updates:
        if path == update_url(update.slug):
            if untranslated(update):
                return f"translate {update.where.path} as {_translated(update.where.path, folder)}, saying it in " \
                       f"backers' words, e.g. '{query}'", False
            return f"say it in backers' words in {update.where.path}, e.g. '{query}'", False
    return None


@rule("HUB171", "search-check-hidden-update", Severity.WARNING,
      "A search check expects an update that is backers-only or a draft.", """
Making an update backers-only or a draft takes it off the public hub at the
next build, out of its search too. A search check that still expects it is
left out of the checks (it could only fail) and never keeps the old site:
this warning says where it is. Expect a public page or FAQ entry instead, or
remove the check; the update stays off the site.

Bad (the update was made backers-only):
    search_checks:
      - query: factory photos
        expect: 2026-11-02-factory-visit
Good:
    search_checks:
      - query: factory photos
        expect: production-status
""")
def search_check_hidden_update(context: LintContext):
    if not context.hub.search_checks:
        return
    from hubgen.search.checks import hidden_update

    for check in context.hub.search_checks:
        update = hidden_update(context.hub, check.expect)
        if update is not None:
            kind = "a draft" if update.draft else "a backers-only update"
            yield Finding(check.marks.at("expect"), f"search check '{check.query}' expects '{check.expect}', "
                          f"{kind} the public hub does not have: the check is left out",
                          "expect a public page or FAQ entry instead, or remove the check; the update stays "
                          "off the site")
