"""HUB191-HUB196: waves and segments, what lets each backer see their own dates and answers."""

from __future__ import annotations

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.lint.text import days, unknown_id_fix
from hubgen.model import FaqEntry, Hub, Update


@rule("HUB191", "region-wave-unknown", Severity.ERROR,
      "A shipping region gives dates for a wave that `waves:` does not list.", """
A region's `waves:` gives each wave's status and estimate there. A wave id
that is not under the top-level `waves:` is a typo or a wave that was
removed: backers who picked the wave would never see this date.

Bad:
    waves:
      - id: wave-1
        name: Core game
    shipping:
      - region: EU
        countries: [DE]
        waves:
          - wave: wave1
Good:
        waves:
          - wave: wave-1
""")
def region_wave_unknown(context: LintContext):
    known = [wave.id for wave in context.hub.waves]
    for region in context.hub.shipping:
        for entry in region.waves:
            if entry.wave and entry.wave not in known:
                yield Finding(entry.marks.at("wave"),
                              f"'{region.region}' gives dates for unknown wave '{entry.wave}'",
                              unknown_id_fix(entry.wave, known))


@rule("HUB192", "wave-in-no-region", Severity.WARNING,
      "A wave has no status or estimate in any shipping region.", """
Backers pick the waves in their pledge to read their dates. A wave no
region lists under its `waves:` has no date anywhere: a backer who picked
it is told nothing.

Bad:
    waves:
      - id: wave-2
        name: Expansions
    shipping:
      - region: EU
        waves:
          - wave: wave-1       # and nothing for wave-2
Good:
        waves:
          - wave: wave-1
          - wave: wave-2
            status: waiting
            estimate: 2027-04-01
""")
def wave_in_no_region(context: LintContext):
    hub = context.hub
    if not hub.shipping:
        return
    listed = {entry.wave for region in hub.shipping for entry in region.waves}
    for wave in hub.waves:
        if wave.id and wave.id not in listed:
            yield Finding(wave.marks.at("id"), f"wave '{wave.id}' ({wave.name}) has no dates in any shipping region",
                          f"add '- wave: {wave.id}' with its status and estimate to the regions' 'waves:', "
                          "or remove the wave")


@rule("HUB193", "wave-missing-in-region", Severity.WARNING,
      "A region that lists waves leaves out a wave that ships everywhere.", """
A region with `waves:` gives dates wave by wave; a wave it leaves out is
one its backers never see a date for. A region without `waves:` ships every
wave together and is fine. When a wave really goes to some regions only,
say so on the wave with `everywhere: false`.

Bad:
    waves:
      - id: wave-2
        name: Expansions
    shipping:
      - region: Australia
        countries: [AU]
        waves:
          - wave: wave-1       # wave-2 goes to Australia too, but when?
Good:
        waves:
          - wave: wave-1
          - wave: wave-2
            estimate: 2027-05-01
""")
def wave_missing_in_region(context: LintContext):
    hub = context.hub
    for region in hub.shipping:
        if not region.waves:
            continue
        listed = {entry.wave for entry in region.waves}
        for wave in hub.waves:
            if wave.everywhere and wave.id and wave.id not in listed and _listed_somewhere(hub, wave.id):
                yield Finding(region.marks.at("waves"),
                              f"'{region.region}' has no dates for wave '{wave.id}' ({wave.name}), which ships "
                              f"everywhere: backers in {', '.join(region.countries)} are told nothing about it",
                              f"add '- wave: {wave.id}' with its status and estimate here, or set "
                              f"'everywhere: false' on the wave")


def _listed_somewhere(hub: Hub, wave_id: str) -> bool:
    """A wave no region lists is HUB192's finding: one message, not one per region."""
    return any(entry.wave == wave_id for region in hub.shipping for entry in region.waves)


@rule("HUB194", "wave-estimate-passed", Severity.WARNING,
      "A wave's estimate is in the past and the wave is not delivered.", """
The estimate is a promise: once it has passed and the parcels have not
arrived, backers waiting for that wave deserve to hear the new date. Tell
them in an update, then move the estimate and keep the old date under the
wave's `history:` (with the update that said so).

Bad (today 2026-11-25):
    waves:
      - wave: wave-1
        status: shipping
        estimate: 2026-11-01
Good:
      - wave: wave-1
        status: shipping
        estimate: 2026-12-10
        history:
          - due: 2026-11-01
            changed: 2026-11-20
            update: 2026-11-20-wave-1-late
""")
def wave_estimate_passed(context: LintContext):
    for region in context.hub.shipping:
        for entry in region.waves:
            if entry.estimate and entry.estimate < context.today and entry.status != "delivered":
                late = (context.today - entry.estimate).days
                yield Finding(entry.marks.at("estimate"),
                              f"wave '{entry.wave}' in '{region.region}' was estimated for {entry.estimate} "
                              f"({days(late)} ago) and is not delivered",
                              "tell backers the new date in an update, then move 'estimate' and keep the "
                              "old date under 'history:'; or set 'status: delivered'")


@rule("HUB195", "segment-unused", Severity.WARNING,
      "A segment that no FAQ entry, update or routing entry is for.", """
A segment lets backers see the answers meant for them first. One that no
content names gives them nothing to pick it for.

Bad:
    segments:
      - id: retailer
        label: Retailers
    # and no FAQ entry, update or routing entry with segments: [retailer]
Good (faq.yaml):
    - q: When do retailer pledges ship?
      segments: [retailer]
""")
def segment_unused(context: LintContext):
    hub = context.hub
    used = {segment_id for item in _segmented(hub) for segment_id in item.segments}
    for segment in hub.segments:
        if segment.id and segment.id not in used:
            yield Finding(segment.marks.at("id"), f"no FAQ entry, update or routing entry is for segment "
                          f"'{segment.id}' ({segment.label})",
                          f"add 'segments: [{segment.id}]' to the answers for them, or remove the segment")


def _segmented(hub: Hub) -> list:
    """Everything that may name segments: FAQ entries, updates, routing entries."""
    return [*hub.faq_entries, *hub.updates, *hub.contact.routing]


@rule("HUB196", "segment-unknown", Severity.ERROR,
      "A FAQ entry, update or routing entry names a segment that does not exist.", """
`segments:` marks content as only for some backers. An id that is not under
`segments:` in hub.yaml is a typo or a removed segment: the content would be
marked for a group no backer can pick.

Bad:
    segments: [retailers]
Good:
    segments: [retailer]
""")
def segment_unknown(context: LintContext):
    known = [segment.id for segment in context.hub.segments]
    for item in _segmented(context.hub):
        for index, segment_id in enumerate(item.segments):
            if segment_id not in known:
                yield Finding(item.marks.at("segments", index),
                              f"{_what(item)} names unknown segment '{segment_id}'",
                              unknown_id_fix(segment_id, known))


def _what(item) -> str:
    if isinstance(item, FaqEntry):
        return f"'{item.question}'"
    if isinstance(item, Update):
        return f"the update '{item.title}'"
    return f"the routing topic '{item.topic}'"
