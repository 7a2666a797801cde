""""Your pledge" on the home page and delivery/: what delivery.js needs to tell
one backer their own dates, what they can still change and what is for them.

Everything is written here as text in the hub's language (labels and the
model's own plain fields: wave names, segment labels, region names), so the
script only picks and joins. It travels as JSON in a data- attribute: an inline
script would need its own hash in the Content-Security-Policy. The backer's
choice never leaves their browser; nothing here depends on it.
"""

from __future__ import annotations

from collections.abc import Callable

from hubgen import delivery, urls
from hubgen.labels import Labels
from hubgen.model import Hub


def pledge_data(hub: Hub, t: Labels, date_text: Callable, page_url: str) -> dict:
    """The facts of "Your pledge" for the page at site URL `page_url` (its links are relative to it)."""

    def href(url: str, anchor: str = "") -> str:
        return urls.relative_href(url, page_url, anchor)

    return {
        "shipments": {urls.region_anchor(index): _region(region, t, date_text)
                    for index, region in enumerate(hub.shipping)},
        "waves": {wave.id: wave.name for wave in hub.waves},
        "states": {state.id: _state(state, t, href) for state in hub.pledge_states},
        "segments": {segment.id: {"label": segment.label, "for": t("pledge.for_you", segment=segment.label),
                                  "items": _for_segment(hub, segment.id, href)}
                     for segment in hub.segments},
        "labels": {"together": t("pledge.together", summary="{summary}"),
                   "wave": t("pledge.wave", wave="{wave}", summary="{summary}")},
    }


def _region(region, t: Labels, date_text) -> dict:
    return {
        "name": region.region,
        "summary": delivery.region_summary(region, t, date_text),
        "waves": {entry.wave: delivery.region_summary(region, t, date_text, entry) for entry in region.waves},
    }


def _state(state, t: Labels, href) -> dict:
    can = ", ".join(state.can_change) or t("pledge.nothing")
    text = t("pledge.can_change", state=state.label, items=can)
    if state.cannot_change:
        text += " " + t("pledge.fixed", items=", ".join(state.cannot_change))
    return {"text": text, "href": href(urls.PLEDGE_STATES_URL, state.id)}


def _for_segment(hub: Hub, segment_id: str, href) -> list[dict]:
    """The pinned notices and FAQ answers only for this segment, as links."""
    notices = [{"title": update.title, "href": href(urls.update_url(update.slug))}
               for update in hub.pinned_updates if segment_id in update.segments]
    answers = [{"title": entry.question, "href": href(urls.faq_url(hub, category.slug), entry.id)}
               for category in hub.faq for entry in category.entries if segment_id in entry.segments]
    return notices + answers

