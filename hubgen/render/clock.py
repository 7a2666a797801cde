"""The build's moment, for files that must carry one (feed `updated` with no
entries, calendar DTSTAMP): SOURCE_DATE_EPOCH when set, so builds stay
byte-identical, else now."""

from __future__ import annotations

import datetime as dt
import os


def build_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)
