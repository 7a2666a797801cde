"""HUB10x: the refund policy, which backers must find and understand."""

from __future__ import annotations

import re

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import days

OUTDATED_AFTER_DAYS = 365

# The facts a backer needs from a refund policy, each with the words that show
# the policy covers it. Loose on purpose: the rule asks "did you say it?", not
# "did you say it our way?".
SHIPPED = (r"\b(ship(ped|s|ping)?|dispatch(ed)?|deliver(ed|y)?|arriv\w*|receiv\w*|parcels?|packages?|"
           r"couriers?|carriers?|in transit|lost in the post|damaged|broken)\b")
NEEDED_FACTS = {
    "how to ask for a refund": r"\b(e-?mail|write|contact|request|ask|form|message|mailto)\w*",
    "the time window for refunds": r"\b(\d+\s*(days?|weeks?|months?)|until|before|deadline|window)\b",
    "when the money arrives": r"\b(arrives?|back (on|to) your|returned|processed|within \d+|business days|"
                              r"refunded (to|within))\b",
    "what happens once an order has shipped": SHIPPED,
}
# A policy that gives no refunds owes backers one answer: what happens when the
# reward arrives broken or never arrives.
NO_REFUND_FACTS = {"what happens once an order has shipped (a lost or damaged reward)": SHIPPED}
# Facts the front matter's refund terms answer, so the words need not.
TERMS_ANSWER = ("the time window for refunds",)
AFTER_SHIPPING = ("shipping", "delivery")


@rule("HUB101", "refund-policy-missing", Severity.WARNING,
      "There is no refund-policy.md.", """
Backers ask "can I get my money back?" before almost anything else, and a
hub without a refund policy sends every one of them to your inbox. The
policy is linked from every page of the hub.

Bad: a content folder without `refund-policy.md`.
Good: `refund-policy.md` with front matter `updated:` and sections on how to
ask, the time window, when the money arrives and what happens after shipping.
""")
def refund_policy_missing(context: LintContext):
    if context.hub.refund_policy is None:
        yield Finding(context.file("refund-policy.md"), "there is no refund policy",
                      "create refund-policy.md; `hubgen init DIR` shows one to start from")


@rule("HUB102", "refund-policy-incomplete", Severity.WARNING,
      "The refund policy leaves out a fact backers need.", """
A policy is only useful if it answers the follow-up questions too: how do I
ask, until when, when is the money back, and what if my order already
shipped? A missing answer becomes a support email.

The front matter's `refund_terms` say when refunds are given (each window
counted from an event the backer knows), and every sentence the hub writes
about refunds comes from them: the rule reads them, never the policy's
headings, to know whether the policy gives refunds.

Bad:
    Refunds are possible in some cases.
Good:
    ---
    refund_terms:
      - until: shipping
        refund: full
      - after: delivery
        days: 30
        refund: returned_items
    ---
    Email refunds@example.com. Money is back on your card within 10
    business days. Once your order has shipped, return it unused within 30
    days of delivery.

A project that gives no refunds says so with `refund_terms: []`; its
policy then needs only to say what happens when a reward arrives damaged
or never arrives.

Bad:
    ---
    refund_terms: []
    ---
    All pledges are final.
Good:
    ---
    refund_terms: []
    ---
    All pledges are final. If your reward arrives damaged or is lost in the
    post, email us a photo and we send a replacement.
""")
def refund_policy_incomplete(context: LintContext):
    policy = context.hub.refund_policy
    if policy is None:
        return
    text = policy.body.lower()
    if policy.no_refunds:
        needed, kind = NO_REFUND_FACTS, "the no-refunds policy"
    else:
        needed, kind = NEEDED_FACTS, "the refund policy"
    missing = [fact for fact, pattern in needed.items()
               if not re.search(pattern, text) and not _answered_by_terms(policy, fact)]
    if missing:
        fix = "add a sentence or a section for each"
        if not policy.states_terms:
            fix += ("; state when refunds are given in the front matter (refund_terms, e.g. '- until: shipping' "
                    "with 'refund: full'; 'refund_terms: []' for no refunds), which the hub's pages then say")
        yield Finding(policy.where, f"{kind} does not say " + ", ".join(missing), fix)


def _answered_by_terms(policy, fact: str) -> bool:
    """The front matter's terms answer the time window, and, with a window counted from
    shipping or delivery, what happens once an order has shipped."""
    if not policy.states_terms:
        return False
    if fact in TERMS_ANSWER:
        return True
    return fact.startswith("what happens once an order has shipped") and not policy.no_refunds and any(
        term.after in AFTER_SHIPPING or term.until == "delivery" for term in policy.terms)


@rule("HUB103", "refund-policy-outdated", Severity.WARNING,
      "The refund policy has no `updated` date, or it is over a year old.", """
Platforms, payment processors and your own plans change; a policy nobody has
looked at for a year is likely to promise something you no longer do.
Backers also trust a dated policy more.

Bad:
    ---
    updated: 2024-05-01
    ---
Good (reviewed and re-dated):
    ---
    updated: 2026-10-01
    ---
""")
def refund_policy_outdated(context: LintContext):
    policy = context.hub.refund_policy
    if policy is None:
        return
    if policy.updated is None:
        # A rejected date is already an error of its own: no second message for it.
        if not policy.marks.rejected("updated"):
            yield Finding(policy.where, "the refund policy has no 'updated' date",
                          "add 'updated: YYYY-MM-DD' to its front matter")
    elif (context.today - policy.updated).days > OUTDATED_AFTER_DAYS:
        yield Finding(policy.marks.at("updated"), f"the refund policy was last updated on {policy.updated}, "
                      f"{days((context.today - policy.updated).days)} ago",
                      "review it, then set 'updated' to today's date")
