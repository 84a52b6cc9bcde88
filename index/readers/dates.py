"""Normalising the many ways sources write a publication date.

Every date that enters a library is stored as ISO 8601: ``YYYY-MM-DD``,
``YYYY-MM-DDTHH:MM:SS`` when the source gave no zone, or
``YYYY-MM-DDTHH:MM:SS+HH:MM`` with the publisher's own offset when it gave one.
The time is never moved to UTC: ``Tue, 05 Mar 2024 23:30:00 -0800`` is
``2024-03-05T23:30:00-08:00``, published on the 5th where it was written (as
RFC 3339 section 4.2 keeps the local time and its offset), so the stored text
starts with the publisher's calendar day, which is what ``date:`` queries, the
``date`` field and the newest-first order use (:func:`to_datetime`).
Only the standard library is used: RFC 2822 (feeds, HTTP), ISO 8601 (JSON,
HTML meta) and the common English newspaper forms cover the real inputs.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["parse_date", "to_datetime"]

_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%d %B, %Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
    "%a %d %b %Y",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%Y/%m/%d",
    "%B %Y",
)
_LEAD = re.compile(
    r"^(?:published|updated|posted|last updated|first published|date)\s*(?:on|at)?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\s*(?:[A-Z]{2,4}|UTC[+-]?\d*)?\s*$", re.I
)


def _iso(dt: datetime | date) -> str:
    if isinstance(dt, datetime):
        # The wall-clock time the source gave, with its offset when it gave one.
        dt = dt.replace(microsecond=0)
        if dt.tzinfo is None and (dt.hour, dt.minute, dt.second) == (0, 0, 0):
            return dt.date().isoformat()
        if dt.tzinfo is not None and dt.utcoffset() is None:
            dt = dt.replace(tzinfo=None)
        return dt.isoformat()
    return dt.isoformat()


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO 8601 string, or None when it is not a recognisable date.

    Accepts strings in the common forms, ``datetime``/``date`` objects and
    ``time.struct_time``. A zone the value names (``-0800``, ``+05:30``, ``Z``,
    ``GMT``, ``EST``) is kept as an offset with the wall-clock time as given;
    RFC 2822's ``-0000`` ("zone unknown") and a value without a zone stay naive.
    A ``struct_time`` carries no zone and is taken as given (feedparser's are UTC:
    the feed reader adds the offset itself).
    """
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return _iso(value)
    if isinstance(value, time.struct_time):
        try:
            return _iso(datetime(*value[:6]))
        except ValueError:
            return None
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    text = _LEAD.sub("", text)
    try:
        return _iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _iso(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    core = _TAIL.sub("", text).strip().rstrip(",")
    core = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", core)
    for fmt in _FORMATS:
        try:
            return _iso(datetime.strptime(core, fmt))
        except ValueError:
            continue
    return None


def to_datetime(iso: str | None) -> datetime | None:
    """The publisher's wall-clock ``datetime`` of an ISO string made by :func:`parse_date`,
    naive (its offset dropped, the time not moved), or None for None or a non-date.

    This is the time ``date:`` queries and the ``date`` field use, so that
    ``2024-03-05T23:30:00-08:00`` is found by ``date:2024-03-05``.
    """
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).replace(tzinfo=None)
    except ValueError:
        return None
