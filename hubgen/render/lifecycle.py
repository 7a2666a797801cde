"""The pledge lifecycle picture, drawn at build time as inline SVG.

No Mermaid: that would load a script from a CDN. States are laid out in rows
by their distance from the first state, so the picture reads top to bottom on
a phone as well as on a desktop.
"""

from __future__ import annotations

import textwrap
from collections import deque
from html import escape

from hubgen.model import PledgeState

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 168, 48, 24, 40, 12


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


def lifecycle_svg(states: list[PledgeState]) -> str:
    if not states:
        return ""
    ranks = _ranks(states)
    rows: dict[int, list[PledgeState]] = {}
    for state in states:
        rows.setdefault(ranks[state.id], []).append(state)
    widest = max(len(row) for row in rows.values())
    width = PAD * 2 + widest * BOX_W + (widest - 1) * GAP_X
    height = PAD * 2 + len(rows) * BOX_H + (len(rows) - 1) * GAP_Y
    centre: dict[str, tuple[float, float]] = {}
    boxes = []
    for row_index, rank in enumerate(sorted(rows)):
        row = rows[rank]
        row_width = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x0 = (width - row_width) / 2
        y = PAD + row_index * (BOX_H + GAP_Y)
        for i, state in enumerate(row):
            x = x0 + i * (BOX_W + GAP_X)
            centre[state.id] = (x + BOX_W / 2, y + BOX_H / 2)
            boxes.append(_box(state, x, y))
    edges = [_edge(centre[s.id], centre[n], ranks[n] <= ranks[s.id])
             for s in states for n in s.next if n in centre]
    description = "; ".join(
        f"{s.label} can become {', '.join(_label(states, n) for n in s.next)}"
        if s.next else f"{s.label} is a final state" for s in states
    )
    return (
        f'<svg class="hubgen-lifecycle" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-labelledby="lifecycle-title lifecycle-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="lifecycle-title">How a pledge moves from state to state</title>'
        f'<desc id="lifecycle-desc">{escape(description)}</desc>'
        '<defs><marker id="lifecycle-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="hubgen-lifecycle__head"/></marker></defs>'
        + "".join(edges) + "".join(boxes) + "</svg>"
    )


def _label(states: list[PledgeState], state_id: str) -> str:
    return next((s.label for s in states if s.id == state_id), state_id)


def _box(state: PledgeState, x: float, y: float) -> str:
    lines = _label_lines(state.label)
    first_y = y + BOX_H / 2 - (len(lines) - 1) * 8 + 5
    text = "".join(
        f'<tspan x="{x + BOX_W / 2:g}" y="{first_y + i * 16:g}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<g class="hubgen-lifecycle__state"><rect x="{x:g}" y="{y:g}" width="{BOX_W}" '
        f'height="{BOX_H}" rx="8"/><text text-anchor="middle">{text}</text></g>'
    )


def _edge(start: tuple[float, float], end: tuple[float, float], backwards: bool) -> str:
    (x1, y1), (x2, y2) = start, end
    if not backwards:
        path = f"M {x1:g} {y1 + BOX_H / 2:g} L {x2:g} {y2 - BOX_H / 2:g}"
        return f'<path class="hubgen-lifecycle__edge" d="{path}" marker-end="url(#lifecycle-arrow)"/>'
    # A step back (e.g. a failed payment fixed) curves round the side of the boxes.
    side = x1 + BOX_W / 2
    bend = side + 24
    path = f"M {side:g} {y1:g} C {bend:g} {y1:g}, {bend:g} {y2:g}, {x2 + BOX_W / 2:g} {y2:g}"
    return (f'<path class="hubgen-lifecycle__edge hubgen-lifecycle__edge--back" d="{path}" '
            'marker-end="url(#lifecycle-arrow)"/>')
