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

    hub = context.hub
    for result in run_checks(hub):
        check = result.check
        if result.target is None:
            yield Finding(check.marks.at("expect"), f"search check '{check.query}' expects '{check.expect}', "
                          "which is not a FAQ entry, pledge state or page of this hub",
                          result.suggestion(hub))
        elif not result.passed:
            shown = "; ".join(f"{hit.title} ({hit.location or 'home'})" for hit in result.top) or "nothing"
            yield Finding(check.marks.at("query"), f"searching '{check.query}' does not show '{check.expect}' "
                          f"in the top {TOP}; it shows: {shown}", _fix(hub, result))


def _fix(hub, result) -> str:
    """A fix that works: a keyword is suggested only after trying it on a copy of the index."""
    from hubgen.search.checks import keyword_fix

    expect = result.check.expect
    tried = keyword_fix(hub, result)
    if tried:
        keyword, place = tried
        return f"add '{keyword}' to the keywords of FAQ entry '{expect}' (tried: it then comes up #{place})"
    first = result.top[0].title if result.top else None
    better = f"; '{first}' matches these words better" if first else ""
    return (f"a keyword alone is not enough{better}: under settings.synonyms in hub.yaml, link a word "
            f"backers type here to a word of '{expect}''s title, or reword its title in backers' words")
