"""Normalising the many ways sources write a publication date.

Every date that enters a library is stored as ISO 8601 (``YYYY-MM-DD`` or
``YYYY-MM-DDTHH:MM:SS``), so that sorting and ``date:`` range queries agree.
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
        # Keep the wall-clock time the source gave; the zone is rarely meaningful to a reader.
        dt = dt.replace(tzinfo=None)
        if (dt.hour, dt.minute, dt.second) == (0, 0, 0):
            return dt.date().isoformat()
        return dt.replace(microsecond=0).isoformat()
    return dt.isoformat()


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO 8601 string, or None when it is not a recognisable date.

    Accepts strings in the common forms, ``datetime``/``date`` objects and
    ``time.struct_time`` (what feedparser gives).
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
    """The ``datetime`` of an ISO string made by :func:`parse_date` (None stays None)."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None
