"""The pledge lifecycle picture: every state drawn, in lifecycle rows, described in text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hubgen.diagnostics import Location
from hubgen.model import PledgeState
from hubgen.render.lifecycle import lifecycle_svg

SVG = "{http://www.w3.org/2000/svg}"


def state(sid: str, label: str, nxt: list[str]) -> PledgeState:
    return PledgeState(sid, label, "", [], [], nxt, Location("hub.yaml", 1))


STATES = [
    state("collected", "Collected", ["errored", "locked"]),
    state("errored", "Payment failed <card>", ["collected", "dropped"]),
    state("dropped", "Dropped", []),
    state("locked", "Locked down", ["shipped"]),
    state("shipped", "Shipped", []),
]


def boxes(svg: str) -> dict[str, tuple[float, float]]:
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        label = " ".join(t.text for t in group.iter(f"{SVG}tspan"))
        found[label] = (float(rect.get("x")), float(rect.get("y")))
    return found


def test_every_state_is_a_box_and_the_svg_is_well_formed():
    drawn = boxes(lifecycle_svg(STATES))
    assert set(drawn) == {"Collected", "Payment failed <card>", "Dropped", "Locked down", "Shipped"}


def test_rows_follow_the_lifecycle():
    drawn = boxes(lifecycle_svg(STATES))
    y = {label: pos[1] for label, pos in drawn.items()}
    assert y["Collected"] < y["Locked down"] < y["Shipped"]
    assert y["Payment failed <card>"] == y["Locked down"]


def test_a_step_back_is_drawn_dashed():
    svg = lifecycle_svg(STATES)
    assert svg.count("hubgen-lifecycle__edge--back") == 1  # errored -> collected
    assert len(re.findall(r'<path class="hubgen-lifecycle__edge', svg)) == 5


def test_text_alternative_names_every_transition():
    root = ET.fromstring(lifecycle_svg(STATES))
    assert root.get("role") == "img"
    desc = root.find(f"{SVG}desc").text
    assert "Collected can become Payment failed <card>, Locked down" in desc
    assert "Shipped is a final state" in desc


def test_unreachable_states_are_still_drawn():
    drawn = boxes(lifecycle_svg(STATES + [state("orphan", "Orphan", [])]))
    assert drawn["Orphan"][1] > drawn["Shipped"][1]


def test_no_states_no_picture():
    assert lifecycle_svg([]) == ""
