"""The pledge lifecycle picture, drawn at build time as inline SVG.

No Mermaid: that would load a script from a CDN. States are laid out in rows
by their distance from the first state, so the picture reads top to bottom on
a phone as well as on a desktop.
"""

from __future__ import annotations

import textwrap
from collections import deque
from html import escape

from hubgen.labels import Labels, labels_for
from hubgen.model import PledgeState, original_language

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 168, 48, 24, 40, 12
# Steps back: the first lane's distance from the boxes, the space between
# lanes, and how far in from a box's right edge they leave and enter it.
LANE_FIRST, LANE_STEP, BACK_INSET = 16, 8, 20


def _ranks(states: list[PledgeState]) -> dict[str, int]:
    """Distance of each state from the first one; unreachable ones go last."""
    ids = {s.id for s in states}
    by_id = {s.id: s for s in states}
    ranks: dict[str, int] = {}
    if states:
        queue = deque([(states[0].id, 0)])
        while queue:
            state_id, rank = queue.popleft()
            if state_id in ranks:
                continue
            ranks[state_id] = rank
            queue.extend((n, rank + 1) for n in by_id[state_id].next if n in ids)
    last = max(ranks.values(), default=-1) + 1
    for state in states:
        ranks.setdefault(state.id, last)
    return ranks


def _label_lines(label: str) -> list[str]:
    return textwrap.wrap(label, 20)[:2] or [""]


def lifecycle_svg(states: list[PledgeState], t: Labels | None = None) -> str:
    if not states:
        return ""
    t = t or labels_for("en")
    ranks = _ranks(states)
    rows: dict[int, list[PledgeState]] = {}
    for state in states:
        rows.setdefault(ranks[state.id], []).append(state)
    back = [(s, n) for s in states for n in s.next if n in ranks and ranks[n] <= ranks[s.id]]
    # Steps back run in lanes outside the boxes: a channel right of every box and
    # a lane in the gaps above and below rows, each step its own, so no two overlap.
    lanes = len(back)
    outermost = LANE_FIRST + LANE_STEP * (lanes - 1) if lanes else 0
    gap_y = max(GAP_Y, 2 * outermost + 24)  # room for the forward arrows between the lanes
    widest = max(len(row) for row in rows.values())
    boxes_width = widest * BOX_W + (widest - 1) * GAP_X
    width = PAD * 2 + boxes_width + outermost
    pad_y = PAD + outermost
    height = pad_y * 2 + len(rows) * BOX_H + (len(rows) - 1) * gap_y
    boxes_at: dict[str, tuple[float, float]] = {}  # top-left corner of each state's box
    drawn = []
    for row_index, rank in enumerate(sorted(rows)):
        row = rows[rank]
        row_width = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x0 = PAD + (boxes_width - row_width) / 2
        y = pad_y + row_index * (BOX_H + gap_y)
        for i, state in enumerate(row):
            boxes_at[state.id] = (x0 + i * (BOX_W + GAP_X), y)
            drawn.append(_box(state, *boxes_at[state.id]))
    channel = PAD + boxes_width
    edges = [_edge(boxes_at[s.id], boxes_at[n]) for s in states for n in s.next
             if n in ranks and ranks[n] > ranks[s.id]]
    edges += [_back_edge(boxes_at[s.id], boxes_at[n], channel, lane) for lane, (s, n) in enumerate(back)]
    description = "; ".join(
        t("states.can_become", state=s.label, next=", ".join(_label(states, n) for n in s.next))
        if s.next else t("states.final", state=s.label) for s in states
    )
    if back:
        description += " " + t("states.goes_back")
    return (
        f'<svg class="hubgen-lifecycle" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-labelledby="lifecycle-title lifecycle-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="lifecycle-title">{escape(t("states.picture_title"))}</title>'
        f'<desc id="lifecycle-desc">{escape(description)}</desc>'
        '<defs><marker id="lifecycle-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="hubgen-lifecycle__head"/></marker></defs>'
        + "".join(edges) + "".join(drawn) + "</svg>"
    )


def _label(states: list[PledgeState], state_id: str) -> str:
    return next((s.label for s in states if s.id == state_id), state_id)


def _language(label: str) -> str:
    """xml:lang (SVG's own) on a label a translation left in the original."""
    language = original_language(label)
    return f' xml:lang="{escape(language)}"' if language else ""


def _box(state: PledgeState, x: float, y: float) -> str:
    lines = _label_lines(state.label)
    first_y = y + BOX_H / 2 - (len(lines) - 1) * 8 + 5
    text = "".join(
        f'<tspan x="{x + BOX_W / 2:g}" y="{first_y + i * 16:g}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<g class="hubgen-lifecycle__state" data-state="{escape(state.id)}"><rect x="{x:g}" y="{y:g}" '
        f'width="{BOX_W}" height="{BOX_H}" rx="8"/><text text-anchor="middle"{_language(state.label)}>{text}</text></g>'
    )


def _edge(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A step forward: from the bottom middle of one box to the top middle of the next."""
    (x1, y1), (x2, y2) = start, end
    path = f"M {x1 + BOX_W / 2:g} {y1 + BOX_H:g} L {x2 + BOX_W / 2:g} {y2:g}"
    return f'<path class="hubgen-lifecycle__edge" d="{path}" marker-end="url(#lifecycle-arrow)"/>'


def _back_edge(start: tuple[float, float], end: tuple[float, float], channel: float, lane: int) -> str:
    """A step back (a failed payment fixed): up out of the box's top right, along
    the gap above its row to the channel right of all boxes, up to the gap below
    the earlier state's row, and into that box from below. The arrowhead ends
    on the box's edge, outside it, where no box can cover it."""
    (x1, y1), (x2, y2) = start, end
    offset = LANE_FIRST + LANE_STEP * lane
    leave_x = x1 + BOX_W - BACK_INSET - LANE_STEP * lane
    enter_x = x2 + BOX_W - BACK_INSET - LANE_STEP * lane
    above, below, side = y1 - offset, y2 + BOX_H + offset, channel + offset
    path = (f"M {leave_x:g} {y1:g} V {above:g} H {side:g} V {below:g} H {enter_x:g} "
            f"V {y2 + BOX_H:g}")
    return (f'<path class="hubgen-lifecycle__edge hubgen-lifecycle__edge--back" d="{path}" '
            'marker-end="url(#lifecycle-arrow)"/>')
