"""What the hub says about refunds, made from the policy's terms (refund_terms or
window_days), never guessed from its words: the home page's card, the policy
page's summary, the contact form's refund summary and the search index all say
the same sentences, in the hub's language (labels `refund_terms.*`)."""

from __future__ import annotations

from hubgen.labels import Labels
from hubgen.model import RefundPolicy, RefundTerm


def term_sentence(term: RefundTerm, t: Labels) -> str:
    """One window as a sentence, e.g. "Full refund until your reward ships." or
    "Refund of the items you send back within 30 days of delivery."."""
    what = t(f"refund_terms.refund.{term.refund or 'unspecified'}")
    if term.days is not None:
        return t.counted("refund_terms.within", term.days, what=what, event=t(f"refund_terms.event.{term.after}"))
    if term.until and term.after == "pledge":
        return t("refund_terms.until", what=what, until=t(f"refund_terms.until_event.{term.until}"))
    if term.until:
        return t("refund_terms.between", what=what, event=t(f"refund_terms.event.{term.after}"),
                 until=t(f"refund_terms.until_event.{term.until}"))
    if term.after == "pledge":
        return t("refund_terms.always", what=what)
    return t("refund_terms.after", what=what, event=t(f"refund_terms.event.{term.after}"))


def term_sentences(policy: RefundPolicy | None, t: Labels) -> list[str]:
    """Every window of the policy as a sentence; one plain "no refunds" when it gives none;
    [] when the policy states no terms (its own words are all there is)."""
    if policy is None or not policy.states_terms:
        return []
    if policy.no_refunds:
        return [t("refund.none")]
    # A window without refunds beside others says where they end ("No refund after shipping.").
    return [term_sentence(term, t) for term in policy.terms]
