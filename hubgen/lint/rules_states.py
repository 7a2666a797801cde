"""HUB15x: pledge states, the words platforms use that backers look up."""

from __future__ import annotations

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import unknown_id_fix


@rule("HUB150", "state-next-unknown", Severity.ERROR,
      "A pledge state's `next` names a state that does not exist.", """
`next` draws the arrows of the lifecycle picture. An unknown id is a typo
or a state that was removed.

Bad:
    - id: collected
      next: [lockd]
Good:
    - id: collected
      next: [locked]
""")
def state_next_unknown(context: LintContext):
    known = [state.id for state in context.hub.pledge_states]
    found = set(known)
    for state in context.hub.pledge_states:
        for index, next_id in enumerate(state.next):
            if next_id not in found:
                yield Finding(state.marks.at("next", index), f"pledge state '{state.id}' leads to unknown state '{next_id}'",
                              unknown_id_fix(next_id, known))


@rule("HUB151", "state-unreachable", Severity.WARNING,
      "A pledge state no other state leads to.", """
States are listed in the order a pledge goes through them; the first is
where every pledge starts. Any later state that no `next` points to floats
alone in the lifecycle picture, and backers cannot see how they get there.

Bad:
    - id: collected
      next: [shipped]
    - id: locked          # nothing leads here
    - id: shipped
Good:
    - id: collected
      next: [locked]
    - id: locked
      next: [shipped]
    - id: shipped
""")
def state_unreachable(context: LintContext):
    states = context.hub.pledge_states
    targets = {next_id for state in states for next_id in state.next if next_id != state.id}
    for state in states[1:]:
        if state.id not in targets:
            yield Finding(state.where, f"no pledge state leads to '{state.id}'",
                          f"add '{state.id}' to the 'next' list of the state before it")


@rule("HUB152", "state-description-missing", Severity.WARNING,
      "A pledge state has no description.", """
Backers look up a state because the platform showed them its name and
nothing else. The description is the answer.

Bad:
    - id: errored
      label: Errored
Good:
    - id: errored
      label: Errored
      description: Your card was declined. Update it within 7 days to keep your pledge.
""")
def state_description_missing(context: LintContext):
    for state in context.hub.pledge_states:
        if not state.description.strip():
            yield Finding(state.where, f"pledge state '{state.id}' has no description",
                          "add 'description:' saying what it means for the backer and what to do")


@rule("HUB153", "state-not-in-faq", Severity.WARNING,
      "No FAQ entry is about a pledge state.", """
Backers in a state ask what they can do now. An FAQ entry that lists the
state in `states:` (or names it) is shown on the pledge states page under it.

Bad: a `dropped` state and no FAQ entry about dropped pledges.
Good:
    - q: Why was my pledge dropped?
      a: ...
      states: [dropped]
""")
def state_not_in_faq(context: LintContext):
    entries = context.hub.faq_entries
    listed = {state_id for entry in entries for state_id in entry.states}
    texts = [f"{entry.question}\n{entry.answer}\n{' '.join(entry.keywords)}".casefold() for entry in entries]
    for state in context.hub.pledge_states:
        if state.id in listed:
            continue
        label = state.label.casefold()
        if any(label in text for text in texts):
            continue
        yield Finding(state.where, f"no FAQ entry is about pledge state '{state.id}' ({state.label})",
                      f"add 'states: [{state.id}]' to an entry that answers it, or write one")
