"""The moment a file must carry when no entry dates it (an empty feed's
`updated`, the calendar's DTSTAMP).

SOURCE_DATE_EPOCH when set (the reproducible-builds convention); else the
newest date the public content names. Never the wall clock: the same content
must give the same bytes, and a calendar or feed that changes on every
rebuild makes subscribers' apps fetch and re-sync for nothing.
"""

from __future__ import annotations

import datetime as dt
import os

from hubgen.model import Hub

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def content_date(hub: Hub) -> dt.date | None:
    """The newest date on which the public content says something happened: an update,
    a milestone done, the refund policy changed. Due dates look ahead, so they don't count."""
    dates = [u.date for u in hub.public_updates]
    dates += [m.done for m in hub.milestones if m.done is not None]
    if hub.refund_policy is not None and hub.refund_policy.updated is not None:
        dates.append(hub.refund_policy.updated)
    return max(dates, default=None)


def build_time(hub: Hub) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    newest = content_date(hub)
    if newest is None:
        return EPOCH
    return dt.datetime.combine(newest, dt.time(), dt.timezone.utc)
