"""HUB13x: milestones, the promises backers hold you to."""

from __future__ import annotations

import difflib
import re

from hubgen.delivery import moves, wave_promises
from hubgen.diagnostics import Severity
from hubgen.labels import hub_labels
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import days
from hubgen.model import Milestone, Update
from hubgen.urls import DELIVERY_URL, milestone_anchors

# Words too common to show that an update is about a given milestone.
_COMMON = {"the", "a", "an", "and", "of", "to", "for", "in", "on", "is", "are", "all", "first", "our"}


def promises(context: LintContext) -> list[Milestone]:
    """Every promise with a history: the milestones, and each wave's estimate in
    each region (a wave's estimate moving is a promise moving, checked alike)."""
    hub = context.hub
    return context.once("milestones and wave estimates", lambda: [*hub.milestones, *wave_promises(hub, hub_labels(hub))])


def _mentions(update: Update, milestone: Milestone) -> bool:
    """Does the update talk about the milestone? Its title, or half its words, appear."""
    text = f"{update.title}\n{update.body}".casefold()
    if milestone.title.casefold() in text:
        return True
    words = [w for w in re.findall(r"\w+", milestone.title.casefold()) if w not in _COMMON]
    stems = [w[:5] for w in words]  # "ships" / "shipping", "locked" / "locking"
    found = sum(1 for stem in stems if re.search(rf"\b{re.escape(stem)}", text))
    return bool(words) and found * 2 >= len(words)


def _links_to(update: Update, anchor: str) -> bool:
    """Does the update link to the milestone's own anchor on delivery/ (…/delivery/#milestone-surveys-sent)?"""
    return re.search(rf"\]\([^)\s]*{re.escape(DELIVERY_URL)}#{re.escape(anchor)}\)", update.body) is not None


def _told_in_history(update: Update, milestone: Milestone) -> bool:
    """Is the update the one the milestone's history names as telling backers of a move?"""
    return any(move.update == update.slug for move in milestone.history)


def _names(update: Update, milestone: Milestone) -> bool:
    """Does the update name the milestone: its whole title, in any case and spacing?"""
    text = " ".join(f"{update.title}\n{update.body}".casefold().split())
    return " ".join(milestone.title.casefold().split()) in text


def owns(update: Update, milestone: Milestone, anchor: str) -> bool:
    """An update owns a milestone's delay only when it names the milestone, links to it, or is
    the update its history names: most of its words are not enough ("Kettles delivered in
    the US" is not about "Kettles delivered in the EU")."""
    return _names(update, milestone) or _links_to(update, anchor) or _told_in_history(update, milestone)


def refers_to(update: Update, milestone: Milestone, anchor: str) -> bool:
    """An update is about a milestone when it names it, links to it (its `anchor`), or is in its history."""
    return _mentions(update, milestone) or _links_to(update, anchor) or _told_in_history(update, milestone)


@rule("HUB130", "milestone-overdue", Severity.WARNING,
      "A milestone is past its due date, not done, and no update since has said so.", """
An overdue promise that nobody mentions is the fastest way to lose backers'
trust. Own the delay: post an update that names the milestone (or links to
it), says why it slipped and gives a new date, or mark it `done:` if it
happened. An update about something else does not count: backers reading it
still do not know what became of the promise. An update counts when it is
dated on or after the due date and names the milestone's title (or most of
its words), links to it on delivery/ (`/delivery/#milestone-surveys-sent`), or is the `update:` of a move in the
milestone's `history:`.

Bad:
    milestones:
      - title: Surveys sent
        due: 2026-09-15        # today is 2026-10-01; the only later update is about lid colours
Good:
    milestones:
      - title: Surveys sent
        due: 2026-09-15
        done: 2026-09-20
or an update dated after 2026-09-15, "Surveys are two weeks late", that gives
the new date.
""")
def milestone_overdue(context: LintContext):
    public = context.hub.public_updates
    for milestone, anchor in zip(context.hub.milestones, milestone_anchors(context.hub.milestones)):
        if milestone.done is not None or milestone.due >= context.today:
            continue
        if any(update.date >= milestone.due and refers_to(update, milestone, anchor) for update in public):
            continue
        late = (context.today - milestone.due).days
        yield Finding(milestone.marks.at("due"),
                      f"'{milestone.title}' was due {milestone.due} ({days(late)} ago), is not done, "
                      "and no update since has said what became of it",
                      f"post an update that names '{milestone.title}' and gives a new date (record the move "
                      "under 'history:'), or set 'done:' if it happened")


@rule("HUB131", "milestone-slipped-silently", Severity.WARNING,
      "A milestone was done late and no update ever mentioned it.", """
Finishing late is normal; backers mind much more when nobody told them.
This finds milestones whose `done` date is after their `due` date while no
public update dated from the due date on owns the delay: names the
milestone (its whole title), links to it on delivery/ (`/delivery/#milestone-surveys-sent`),
or is the `update:` of a move in the milestone's `history:`. An update about
another region or wave does not count because it shares most of the words.

Bad: "Kettles delivered in the EU" due 2026-09-15, done 2026-10-20; the only
later update is "Kettles delivered in the US".
Good: an update on 2026-09-16 titled "Kettles delivered in the EU: two weeks
late, here is why".
""")
def milestone_slipped_silently(context: LintContext):
    public = context.hub.public_updates
    for milestone, anchor in zip(context.hub.milestones, milestone_anchors(context.hub.milestones)):
        if milestone.done is None or milestone.done <= milestone.due:
            continue
        if any(update.date >= milestone.due and owns(update, milestone, anchor) for update in public):
            continue
        yield Finding(milestone.marks.at("done"), f"'{milestone.title}' was done {days((milestone.done - milestone.due).days)} "
                      f"late ({milestone.done}, due {milestone.due}) and no update mentions it",
                      f"post an update that owns the delay: name '{milestone.title}' in it, or link to "
                      f"/{DELIVERY_URL}#{anchor}")


@rule("HUB132", "milestone-done-in-future", Severity.WARNING,
      "A milestone's `done` date is in the future.", """
`done` records something that has happened. A future date usually means
the plan was written into the wrong key.

Bad:
    - title: First kettles ship
      due: 2027-01-20
      done: 2027-01-18
Good (until it happens):
    - title: First kettles ship
      due: 2027-01-20
""")
def milestone_done_in_future(context: LintContext):
    for milestone in context.hub.milestones:
        if milestone.done is not None and milestone.done > context.today:
            yield Finding(milestone.marks.at("done"), f"'{milestone.title}' is marked done on {milestone.done}, "
                          "which has not happened yet", "remove 'done:' until it happens")


@rule("HUB133", "milestone-move-unexplained", Severity.WARNING,
      "A milestone moved, and its history names no public update that told backers.", """
When a promised date moves, backers should hear why, in public, the day it
moves. Each `history` entry names the update that said so; the delivery page
links it beside the move. An entry with no `update`, or one naming an update
that does not exist or that only backers can read, leaves the move
unexplained on the public hub.

Bad:
    - title: First kettles ship
      due: 2027-02-05
      history:
        - due: 2027-01-22
          changed: 2026-11-21
Good:
    - title: First kettles ship
      due: 2027-02-05
      history:
        - due: 2027-01-22
          changed: 2026-11-21
          update: 2026-11-21-lids-held-at-customs
""")
def milestone_move_unexplained(context: LintContext):
    hub = context.hub
    public = {update.slug for update in hub.public_updates}
    every = {update.slug: update for update in hub.updates}
    for milestone in promises(context):
        for move in milestone.history:
            if move.update in public:
                continue
            where = move.marks.at("update")
            if not move.update:
                problem = "names no update"
            elif move.update not in every:
                problem = f"names the update '{move.update}', which does not exist"
                close = difflib.get_close_matches(move.update, sorted(public), n=1)
                if close:
                    problem += f" (did you mean '{close[0]}'?)"
            else:
                problem = f"names '{move.update}', which backers cannot read on the public hub"
            yield Finding(where, f"the move of '{milestone.title}' from {move.due} {problem}",
                          "post a public update about the move and give its file name as 'update:'")


@rule("HUB134", "milestone-move-in-future", Severity.ERROR,
      "A milestone's history says a promise moved on a day that has not come yet.", """
`changed` records when a promise moved, which has happened. A future date is
usually a typo in the year, and the delivery page would show a move nobody
has announced.

Bad:
    history:
      - due: 2027-01-22
        changed: 2027-11-21     # today is 2026-11-23
Good:
    history:
      - due: 2027-01-22
        changed: 2026-11-21
""")
def milestone_move_in_future(context: LintContext):
    for milestone in promises(context):
        for move in milestone.history:
            if move.changed > context.today:
                yield Finding(move.marks.at("changed"), f"'{milestone.title}' moved on {move.changed}, which has not come yet",
                              "write the day the promise moved (today at the latest)")


@rule("HUB135", "milestone-move-same-date", Severity.WARNING,
      "A milestone's history lists a move that did not change the date.", """
Each history entry is a date that was promised before the promise moved. An
entry whose date equals the next promised date is not a move: the delivery
page would say "moved 0 days". Usually the new date was copied into the
history instead of the old one.

Bad:
    - title: First kettles ship
      due: 2027-02-05
      history:
        - due: 2027-02-05      # the new date, copied
          changed: 2026-11-21
Good:
    - title: First kettles ship
      due: 2027-02-05
      history:
        - due: 2027-01-22      # what was promised before
          changed: 2026-11-21
""")
def milestone_move_same_date(context: LintContext):
    for milestone in promises(context):
        for entry, move in zip(milestone.history, moves(milestone)):
            if move.days == 0:
                yield Finding(entry.marks.at("due"),
                              f"'{milestone.title}' lists a move from {move.before} to the same date",
                              "write the date that was promised before the move")
