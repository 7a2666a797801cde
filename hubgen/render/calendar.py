"""milestones.ics: the milestones as an iCalendar file (RFC 5545) backers can
subscribe to, one all-day event per milestone on its due date, and one per
wave's estimate in each region (a promise too, with its history).

Written by hand rather than with a library: the format needs only a few
properties, and what matters (CRLF, 75-octet folding, escaping) is short.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from hubgen import urls
from hubgen.delivery import moves, wave_promises
from hubgen.labels import Labels, hub_labels
from hubgen.model import Hub, Milestone
from hubgen.render.clock import build_time


def escape_text(text: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped;
    other control characters have no escape in TEXT (3.1), so they are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\x00-\x08\x0b-\x1f\x7f]", "", text)
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


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


def status_text(milestone: Milestone, t: Labels) -> str:
    """Whether the milestone is done, and how it went against its promise, in the hub's language."""
    if milestone.done is None:
        return t("calendar.open", date=t.date(milestone.due))
    slipped = milestone.slipped_days()
    timing = (t.counted("milestone.late", slipped) if slipped > 0
              else t.counted("milestone.early", -slipped) if slipped < 0 else t("milestone.on_time"))
    return t("calendar.done", date=t.date(milestone.done), timing=timing)


def history_text(hub: Hub, milestone: Milestone, t: Labels) -> str:
    """Each move of the promise, oldest first, with the public update that explained it."""
    if not milestone.history:
        return ""
    public = {update.slug for update in hub.public_updates}
    lines = [t("calendar.first", date=t.date(milestone.first_due))]
    for move in moves(milestone):
        link = f" ({hub.project.site_url}{urls.update_url(move.update)})" if move.update in public else ""
        lines.append(t("calendar.moved", changed=t.date(move.changed), before=t.date(move.before),
                       after=t.date(move.after), link=link))
    return "\n".join(lines)


#: How often subscribers' calendar apps should fetch the file again (RFC 7986
#: REFRESH-INTERVAL, and X-PUBLISHED-TTL for the apps that read only that):
#: a moved date reaches backers within half a day, without hammering the host.
REFRESH = "PT12H"


def uids(hub: Hub, promises: list[Milestone] | None = None, kind: str = "milestone") -> list[str]:
    """One UID per milestone, kept for ever, so a new due date moves the event in
    subscribers' calendars instead of adding a second one. It comes from the
    milestone's `id`, which is its title unless the creator kept an old title
    there when renaming it: order and dates change more often than titles.
    A repeated title ("Shipping wave") gets -2, -3 in order: equal UIDs would make
    calendar apps keep only one of the events. A translation's calendar is another
    calendar of the same events: its UIDs name its language, so that a backer who
    subscribes to two languages gets two sets of events, not a clash."""
    host = hub.project.site_url.split("://", 1)[-1].split("/", 1)[0] or "hubgen"
    if hub.project.translated_from:
        kind = f"{kind}-{hub.project.language}"
    seen: dict[str, int] = {}
    found = []
    for milestone in hub.milestones if promises is None else promises:
        digest = hashlib.sha256(milestone.calendar_id.strip().casefold().encode()).hexdigest()[:16]
        seen[digest] = seen.get(digest, 0) + 1
        repeat = f"-{seen[digest]}" if seen[digest] > 1 else ""
        found.append(f"{kind}-{digest}{repeat}@{host}")
    return found


def calendar(hub: Hub) -> str:
    url = hub.project.site_url + f"{urls.UPDATES_URL}#{urls.MILESTONES_ANCHOR}"
    # DTSTAMP: when this copy of the data was made; clock.py explains why not the wall clock.
    stamp = build_time(hub).strftime("%Y%m%dT%H%M%SZ")
    t = hub_labels(hub)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hubgen//milestones//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(t('calendar.name', project=hub.project.name))}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    delivery_url = hub.project.site_url + urls.DELIVERY_URL
    events = [(milestone, event_uid, url) for milestone, event_uid in zip(hub.milestones, uids(hub))]
    waves = wave_promises(hub, t)
    events += [(promise, event_uid, delivery_url) for promise, event_uid in zip(waves, uids(hub, waves, "wave"))]
    for milestone, event_uid, url in events:
        description = "\n".join(filter(None, [status_text(milestone, t), history_text(hub, milestone, t),
                                             milestone.note]))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event_uid)}",
            # Each recorded move is a revision: apps replace the event they hold with this one.
            f"SEQUENCE:{len(milestone.history)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{milestone.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(milestone.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(milestone.title)}",
            f"DESCRIPTION:{escape_text(description)}",
            f"URL:{urls.escaped_url(url)}",  # RFC 5545 3.3.13: a URI value has no escapes of its own
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_calendar(hub: Hub, site_dir: Path) -> None:
    """A model-output step (site.model_output_steps): milestones.ics."""
    (site_dir / urls.CALENDAR_FILE).write_bytes(calendar(hub).encode("utf-8"))
