"""HUB12x: the update log, which backers read to know the project is alive."""

from __future__ import annotations

import datetime as dt
import re

from hubgen.content_format import UPDATE_DATE_AHEAD_DAYS, UPDATE_PLACEHOLDER
from hubgen.diagnostics import Location, Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import days, repeats

# A creator ahead of UTC writes "today" while CI's clock still says yesterday.
FUTURE_TOLERANCE = dt.timedelta(days=UPDATE_DATE_AHEAD_DAYS)


def _log_location(context: LintContext) -> Location:
    updates = context.hub.updates
    return updates[-1].where if updates else context.file("updates")


@rule("HUB120", "updates-stale", Severity.WARNING,
      "The newest public update is older than settings.stale_after_days.", """
Silence reads as trouble: backers who hear nothing for weeks start writing
in, and some ask for refunds. Post a short update every week or two, even
when the news is "no news". The threshold is `settings.stale_after_days`
(default 14).

Bad: the newest update is from six weeks ago.
Good: `hubgen new update "Week 46: tooling check"` and a few lines of news.
""")
def updates_stale(context: LintContext):
    public = context.hub.public_updates
    if not public:
        return
    limit = context.hub.settings.stale_after_days
    newest = public[0]
    age = (context.today - newest.date).days
    if age > limit:
        yield Finding(newest.where, f"the newest public update is {days(age)} old "
                      f"(settings.stale_after_days is {limit})",
                      "post an update, even a short one; backers read silence as bad news")


@rule("HUB121", "updates-none-public", Severity.WARNING,
      "There is no public update at all.", """
The home page shows the latest update and the feeds carry them; with none,
the hub looks abandoned.

Bad: an empty `updates/` folder, or only drafts and backers-only updates.
Good: at least one `updates/YYYY-MM-DD-slug.md` without `draft: true` or
`visibility: backers`.
""")
def updates_none_public(context: LintContext):
    if not context.hub.public_updates:
        yield Finding(_log_location(context), "there is no public update",
                      "write one with `hubgen new update \"TITLE\"`")


@rule("HUB122", "updates-mostly-backers-only", Severity.WARNING,
      "Most updates are backers-only.", """
Backers-only updates never reach the hub, its feeds or its search, so
late backers, people deciding whether to buy, and backers who are not logged
in see a project that has gone quiet. Keep updates public unless they hold
something that must stay private (survey codes, personal data).

Bad: five updates with `visibility: backers` and one public one.
Good: public updates, with only the private details kept in a backers-only
update.
""")
def updates_mostly_backers_only(context: LintContext):
    published = [u for u in context.hub.updates if not u.draft]
    backers = [u for u in published if u.visibility == "backers"]
    if len(backers) > len(published) - len(backers):
        yield Finding(backers[0].where, f"{len(backers)} of {len(published)} updates are backers-only, "
                      "so the public hub, feeds and search miss most of your news",
                      "make updates public unless they hold something private")


@rule("HUB123", "update-in-future", Severity.ERROR,
      "An update is dated in the future.", """
hubgen has no scheduling: an update dated next week is published now, with
a date that makes the log look wrong (and sorts above today's news).

Bad: `updates/2027-03-01-shipping.md` written on 2026-11-20.
Good: date it today, or keep `draft: true` until the day it is true.
""")
def update_in_future(context: LintContext):
    for update in context.hub.updates:
        if not update.draft and update.date > context.today + FUTURE_TOLERANCE:
            yield Finding(update.marks.at("date"), f"'{update.title}' is dated {update.date}, in the future",
                          "date it today, or set 'draft: true' until it can be published")


@rule("HUB124", "update-date-mismatch", Severity.WARNING,
      "An update's `date` differs from the date in its file name.", """
The file name sets the URL and its sort order in your folder; the `date`
is what backers see. When they disagree, one of them is a typo.

Bad: `updates/2026-11-18-shipping-plan.md` with `date: 2026-11-08`.
Good: the same date in both, or no `date:` (the file name's date is used).
""")
def update_date_mismatch(context: LintContext):
    for update in context.hub.updates:
        named = re.match(r"(\d{4})-(\d{2})-(\d{2})", update.slug)
        if named and dt.date(*map(int, named.groups())) != update.date:
            yield Finding(update.marks.at("date"), f"the file name says {named.group(0)} but 'date' is {update.date}",
                          "make them agree (rename the file or fix 'date')")


@rule("HUB125", "update-duplicate", Severity.WARNING,
      "Two updates have the same title.", """
Backers scanning the update log or a feed reader cannot tell two updates
with the same title apart, and may think one was posted twice. (Each
update's URL is its file name, so URLs themselves never collide.)

Bad: "Production update" on 2026-10-01 and again on 2026-11-01.
Good: "Production update: moulds approved", "Production update: first run".
""")
def update_duplicate(context: LintContext):
    published = [update for update in context.hub.updates if not update.draft]
    for update, first in repeats(published, lambda u: u.title):
        yield Finding(update.marks.at("title"), f"'{update.title}' has the same title as {first.marks.at('title')}",
                      "add what is new to the title, e.g. 'Production update: first run'")


@rule("HUB126", "update-placeholder", Severity.WARNING,
      "An update still has the text `hubgen new update` wrote as a placeholder, so it is not published.", """
`hubgen new update` starts the body with a line that tells you what to write.
Until it is gone the update is a draft: never in the site, its feeds or its
search, so backers never read an instruction meant for you, and a deploy
leaves it out. Replace the line with the update to publish it (or set
`draft: true` to keep it as a draft without this warning).

Bad:
    ---
    title: Boxes are packed
    date: 2026-11-21
    ---
    Write the update here, in Markdown. Start with what changed for backers.
Good:
    ---
    title: Boxes are packed
    date: 2026-11-21
    ---
    The first 400 boxes are packed and leave the warehouse on Monday.
""")
def update_placeholder(context: LintContext):
    for update in context.hub.updates:
        if not update.unfinished:
            continue
        line = next((n for n, text in enumerate(update.body.splitlines()) if UPDATE_PLACEHOLDER in text), 0)
        yield Finding(Location(update.where.path, update.body_line + line),
                      f"'{update.title}' still says \"{UPDATE_PLACEHOLDER}\", so it is not published: "
                      "hubgen treats it as a draft",
                      "write the update in place of that line to publish it")