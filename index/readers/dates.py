"""Normalising the many ways sources write a publication date.

Every date that enters a library is stored as ISO 8601: ``YYYY`` or ``YYYY-MM`` when a
corpus's date field gave only the year or the month (``parse_date(..., reduced=True)``),
``YYYY-MM-DD``,
``YYYY-MM-DDTHH:MM:SS`` when the source gave no zone, or
``YYYY-MM-DDTHH:MM:SS+HH:MM`` with the publisher's own offset when it gave one.
The time is never moved to UTC: ``Tue, 05 Mar 2024 23:30:00 -0800`` is
``2024-03-05T23:30:00-08:00``, published on the 5th where it was written (as
RFC 3339 section 4.2 keeps the local time and its offset), so the stored text
starts with the publisher's calendar day, which is what ``date:`` queries and the
``date`` field use (:func:`to_datetime`). The library's newest-first order goes by
the instant the date and its offset name (see :mod:`index.storage.order`).
Only the standard library is used: RFC 2822 (feeds, HTTP), ISO 8601 (JSON,
HTML meta) and the common English newspaper forms cover the real inputs; a
clock time after the day may be 24-hour or 12-hour (``11:30 PM``, ``9.15pm``),
and a zone after it a name whose offset is not in doubt (:data:`_ZONES`) or a
numeric offset with or without its colon (``-08:00``, ``-0800``, ``UTC+5:30``).
python-dateutil was not taken: its parser guesses a date in almost any string
(``fuzzy`` or not) and leaves ``PST`` without an offset unless given a table.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta, timezone
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
    "%a, %d %b %Y",
    "%A, %d %B %Y",
    "%a, %b %d, %Y",
    "%a, %B %d, %Y",
    "%A, %b %d, %Y",
    "%A %B %d, %Y",
    "%a %b %d %Y",
    "%Y-%m-%d",
)
#: Zones written as names whose offset is not in doubt: RFC 822's (section 5.1) and the
#: common European, Asian and Australian ones; IST (India, Ireland or Israel), CST as
#: China's and the like are left out as ambiguous (ET, PT ...: see :data:`_REGIONS`).
_ZONES = {
    "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "WET": 0,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600,
    "BST": 60, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "HKT": 480, "SGT": 480, "JST": 540, "KST": 540,
    "AWST": 480, "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
}  # fmt: skip
#: A clock time ending the text (24-hour, or 12-hour with am/pm), then perhaps a zone:
#: a name of :data:`_ZONES` and/or a numeric offset (``-08:00``, ``+0530``, ``UTC+5:30``).
_CLOCK = re.compile(
    r"""(?:\s*[,|–—-]?\s+(?:at\s+|@\s*)?|T)
    (?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?
    (?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?
    (?:\s*\(?(?P<zone>[A-Za-z]{1,5})\)?)?
    (?:\s*(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)

_LEAD = re.compile(
    r"^(?:published|updated|posted|last updated|first published|date)\s*(?:on|at)?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\s*(?:[A-Z]{2,4}|UTC[+-]?\d*)?\s*$", re.I
)

#: What may stand between a day and its time: ``,``, ``|``, a dash, ``at``, ``@``.
_TRAIL = re.compile(r"(?:[\s,|@–—-]|\bat\b)+$", re.I)
#: A comment after the zone (RFC 2822's ``(PST)``, JavaScript's ``(Pacific Standard Time)``).
_COMMENT = re.compile(r"\s*\([A-Za-z][A-Za-z .'-]{0,40}\)\s*$")
#: US zone names that say the region, not whether daylight saving is on: its offset on
#: that day comes from the IANA time zone database (:mod:`zoneinfo`).
_REGIONS = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_AMPM = re.compile(r"\d\s*[ap]\.?\s?m\b", re.I)


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


#: A date given only to the month or the year (ISO 8601's reduced precision, section
#: 4.1.2.3: ``2024-03``, ``2024``), as a corpus's ``date`` field or front matter has it.
_REDUCED = re.compile(r"(?P<y>[12]\d{3})(?:-(?P<m>\d{2}))?")


def _reduced(value: object) -> str | None:
    """``value`` when it is a year (``2024``, a string or an int) or a month
    (``2024-03``), as given; None otherwise."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    found = _REDUCED.fullmatch(str(value).strip())
    if found is None or (found.group("m") and not 1 <= int(found.group("m")) <= 12):
        return None
    return found.group()


def parse_date(value: object, reduced: bool = False) -> str | None:
    """Return ``value`` as an ISO 8601 string, or None when it is not a recognisable date.

    ``reduced``: a year or a month alone (``2024``, ``2024-03``) is kept as it is, at
    the precision given (for a field that is known to hold a date: a corpus's
    ``date``, front matter; a paragraph reading ``2024`` is not taken for a date).

    Accepts strings in the common forms, ``datetime``/``date`` objects and
    ``time.struct_time``. A zone the value names (``-0800``, ``+05:30``, ``Z``,
    ``GMT``, ``EST``) is kept as an offset with the wall-clock time as given;
    RFC 2822's ``-0000`` ("zone unknown") and a value without a zone stay naive.
    A ``struct_time`` carries no zone and is taken as given (feedparser's are UTC:
    the feed reader adds the offset itself).
    """
    if value is None:
        return None
    if reduced and (kept := _reduced(value)) is not None:
        return kept
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
    clocked = _with_clock(text)
    if clocked is not None:
        return _iso(clocked)
    try:
        if not _AMPM.search(text):  # email.utils reads "11:30 PM" as 11:30
            return _iso(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    day = _day(_TAIL.sub("", text))
    return _iso(day) if day else None


def _day(text: str) -> date | None:
    """The calendar day of ``text`` in one of :data:`_FORMATS` (ordinals allowed), or None."""
    core = _TRAIL.sub("", text.strip())
    core = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", core)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(core, fmt).date()
        except ValueError:
            continue
    return None


def _with_clock(text: str) -> datetime | None:
    """``text`` as a day, then a clock time and maybe a zone (see :data:`_CLOCK`), or None.

    The 12-hour clock is read as usual (``12:05 AM`` is 00:05, ``12:05 PM`` 12:05);
    an hour past 12 with am/pm, or a zone name not in :data:`_ZONES`, is no match.
    A named zone and a numeric offset together (``GMT+5:30``) add up.
    """
    m = _CLOCK.search(text)
    if m is None and _COMMENT.search(text):
        text = _COMMENT.sub("", text)
        m = _CLOCK.search(text)
    if m is None or (m.group("m") is None and m.group("ampm") is None):
        return None  # a lone number is no time
    day = _day(text[: m.start()])
    if day is None:
        return None
    hour, minute, second = int(m.group("h")), int(m.group("m") or 0), int(m.group("s") or 0)
    if m.group("ampm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group("ampm").lower() == "p" else 0)
    offset: int | None = None
    if m.group("zone"):
        name = m.group("zone").upper()
        offset = _ZONES.get(name)
        if offset is None and name in _REGIONS and not m.group("sign"):
            offset = _region_offset(_REGIONS[name], day, hour, minute)
        if offset is None:
            return None
    if m.group("sign"):
        hours, mins = int(m.group("oh")), int(m.group("om") or 0)
        if hours > 23 or mins > 59:
            return None
        offset = (offset or 0) + (-1 if m.group("sign") == "-" else 1) * (hours * 60 + mins)
    if m.group("zone") is None and m.group("sign") and text[m.start("sign") :].strip() == "-0000":
        offset = None  # RFC 2822: "-0000" says the zone is not known
    try:
        when = datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return None
    if offset is None or abs(offset) >= 24 * 60:
        return when if offset is None else None
    return when.replace(tzinfo=timezone(timedelta(minutes=offset)))


def _region_offset(region: str, day: date, hour: int, minute: int) -> int | None:
    """The offset in minutes of the IANA zone ``region`` at that wall-clock time, or None
    when the system has no time zone database."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(region)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    when = datetime(day.year, day.month, day.day, hour % 24, minute, tzinfo=zone)
    delta = when.utcoffset()
    return None if delta is None else int(delta.total_seconds() // 60)


def to_datetime(iso: str | None) -> datetime | None:
    """The publisher's wall-clock ``datetime`` of an ISO string made by :func:`parse_date`,
    naive (its offset dropped, the time not moved), or None for None or a non-date.

    This is the time ``date:`` queries and the ``date`` field use, so that
    ``2024-03-05T23:30:00-08:00`` is found by ``date:2024-03-05``. A month or a year
    alone (``2024-03``, ``2024``) is its first moment, so ``date:2024-03`` and
    ``date:2024`` find it (and ``date:2024-03-01`` too).
    """
    if not iso:
        return None
    found = _REDUCED.fullmatch(iso.strip())
    if found is not None:  # a month or a year alone: its start
        month = int(found.group("m") or 1)
        return datetime(int(found.group("y")), month, 1) if 1 <= month <= 12 else None
    try:
        return datetime.fromisoformat(iso).replace(tzinfo=None)
    except ValueError:
        return None
