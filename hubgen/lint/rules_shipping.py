"""HUB19x: shipping regions, the answer to "when does it reach my country?"."""

from __future__ import annotations

from hubgen.diagnostics import Severity
from hubgen.lint.registry import Finding, LintContext, rule
from hubgen.model import Milestone, ShippingRegion


def region_milestones(region: ShippingRegion, milestones: list[Milestone]) -> list[Milestone]:
    """The milestones about this region: those whose title names it ("EU and UK deliveries done")."""
    name = region.region.casefold().strip()
    return [m for m in milestones if name and name in m.title.casefold()]


@rule("HUB190", "region-delivered-milestone-open", Severity.WARNING,
      "A shipping region says `delivered` while its milestone is not done.", """
The delivery page and the milestones must tell the same story. A region's
milestone is one whose title names the region. When the region is marked
`delivered`, that milestone should have its `done:` date too (or the region
is not delivered yet).

Bad:
    shipping:
      - region: EU and UK
        status: delivered
    milestones:
      - title: Rewards delivered in the EU and UK
        due: 2027-02-01            # no done: date
Good:
    milestones:
      - title: Rewards delivered in the EU and UK
        due: 2027-02-01
        done: 2027-01-28
""")
def region_delivered_milestone_open(context: LintContext):
    for region in context.hub.shipping:
        if region.status != "delivered":
            continue
        for milestone in region_milestones(region, context.hub.milestones):
            if milestone.done is None:
                yield Finding(region.marks.at("status"),
                              f"'{region.region}' is marked delivered, but the milestone "
                              f"'{milestone.title}' is not done",
                              f"give '{milestone.title}' its done: date, or set this region's status back")
