"""milestones.ics: the milestones as an iCalendar file (RFC 5545) backers can
subscribe to, one all-day event per milestone on its due date.

Written by hand rather than with a library: the format needs only a few
properties, and what matters (CRLF, 75-octet folding, escaping) is short.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from hubgen.model import Hub, Milestone
from hubgen.render.clock import build_time


def escape_text(text: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """RFC 5545 3.1: lines longer than 75 octets continue on the next with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:  # never split a character
            end -= 1
        parts.append(encoded[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(parts)


def status_text(milestone: Milestone) -> str:
    if milestone.done is None:
        return f"Not done yet. Due {milestone.due.isoformat()}."
    slipped = milestone.slipped_days()
    timing = (f"{slipped} days late" if slipped > 0 else f"{-slipped} days early" if slipped < 0 else "on time")
    return f"Done {milestone.done.isoformat()} ({timing})."


def uid(hub: Hub, milestone: Milestone) -> str:
    """Stable while the title stays, so a new due date moves the event in subscribers' calendars."""
    digest = hashlib.sha256(milestone.title.strip().casefold().encode()).hexdigest()[:16]
    host = hub.project.site_url.split("://", 1)[-1].split("/", 1)[0] or "hubgen"
    return f"milestone-{digest}@{host}"


def calendar(hub: Hub) -> str:
    url = hub.project.site_url + "updates/#milestones"
    stamp = build_time().strftime("%Y%m%dT%H%M%SZ")  # when this copy was made, as DTSTAMP means
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hubgen//milestones//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(hub.project.name + ': milestones')}",
    ]
    for milestone in hub.milestones:
        description = status_text(milestone) + (f"\n{milestone.note}" if milestone.note else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(hub, milestone)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{milestone.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(milestone.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(milestone.title)}",
            f"DESCRIPTION:{escape_text(description)}",
            f"URL:{url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_calendar(hub: Hub, site_dir: Path) -> None:
    """After-Material step: site/milestones.ics."""
    (site_dir / "milestones.ics").write_bytes(calendar(hub).encode("utf-8"))
