"""Crowdfunding synonyms: what backers type, mapped to what hubs say.

A group lists phrases that mean the same thing to a backer. When the title,
keywords, label or id of an index entry contains a phrase of a group, every
phrase of that group is added to the entry's hidden `synonyms` field at build
time, so Material's unmodified search in the browser finds "moved house" in
an entry titled "How do I change my shipping address?". Documented in
docs/content-format.md; extended by `settings.synonyms` in hub.yaml.
"""

from __future__ import annotations

BUILTIN_SYNONYMS: list[list[str]] = [
    # Whole phrases are matched; each word of each phrase is added. Keep phrases
    # specific: "tracking number" would make every entry about tracking match
    # "number" as well as the one entry that is about tracking numbers.
    ["errored", "payment errored", "payment error", "failed payment", "payment failed", "declined",
     "card declined", "declined card", "declined payment", "card failed"],
    ["dropped", "dropped pledge", "pledge dropped"],
    ["locked", "locked down", "lock", "lockdown"],
    ["refund", "refunds", "refunded", "money back", "cancel", "cancelled", "canceled", "cancellation",
     "reimburse"],
    ["address", "moved", "move", "moving", "move house", "moved house", "relocate", "relocated"],
    ["tracking", "track", "parcel", "parcels", "package", "packages", "where is my order", "shipment",
     "where is my", "where's my"],
    ["customs", "vat", "duty", "duties", "import tax", "import fees", "tax", "taxes", "tariff", "gst"],
    ["survey", "surveys", "pledge manager", "questionnaire"],
    ["add-on", "add-ons", "addon", "addons", "extras", "extra"],
    ["change", "edit", "update", "modify"],
    ["ship", "send", "post", "postage", "dispatch", "coming", "arrive", "arrival"],  # arrive: ONE_WAY
    ["status", "progress", "stage"],
    ["campaign", "kickstarter", "indiegogo", "crowdfunding"],
    ["charge", "charged", "bill", "billed", "debit", "debited"],
    ["damaged", "broken", "dented", "torn", "ripped", "cracked", "smashed"],
    ["colour", "color", "colours", "colors"],
    ["instalments", "installments", "monthly"],
    ["gift", "present"],
    ["invoice", "receipt"],
    ["company", "business"],
    ["email", "mail"],
    ["zip", "zipper"],
]


#: Built-in phrases that work one way: an entry whose title or keywords say one is found
#: by the words of its group ("When will my game arrive?" by "when will the game
#: ship"), but the phrase typed in a query is not read as its group: "my parcel
#: arrived broken" is about damage, not about every answer that says "ship".
ONE_WAY = frozenset({"arrive", "arrival"})


def query_groups(extra: dict[str, list[str]] | None = None) -> list[list[str]]:
    """synonym_groups as a query reads them: without the ONE_WAY phrases, unless the hub's own
    `settings.synonyms` names them."""
    own = {p.strip().lower() for word, others in (extra or {}).items() for p in [word, *others] if p}
    return [[phrase for phrase in group if phrase not in ONE_WAY or phrase in own]
            for group in synonym_groups(extra)]


def synonym_groups(extra: dict[str, list[str]] | None = None) -> list[list[str]]:
    """The built-in groups, extended by hub.yaml `settings.synonyms` (word -> words).

    A hub's word that is already in a built-in group extends that group;
    otherwise it starts a group of its own.
    """
    groups = [dict.fromkeys(group) for group in BUILTIN_SYNONYMS]  # ordered sets: a repeat is found at once
    first_group = {}  # a phrase -> the first group that holds it
    for number, group in enumerate(groups):
        for phrase in group:
            first_group.setdefault(phrase, number)
    for word, alternatives in (extra or {}).items():
        phrases = [p.strip().lower() for p in [word, *alternatives] if p and p.strip()]
        home = min((first_group[p] for p in phrases if p in first_group), default=None)
        if home is None:
            home = len(groups)
            groups.append({})
        for phrase in phrases:
            groups[home].setdefault(phrase)
            first_group.setdefault(phrase, home)
    return [list(group) for group in groups]
