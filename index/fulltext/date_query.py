"""What ``date:`` values mean: each is a span of time, and comparisons take its right end.

``date:1987`` is the whole of 1987, ``date:1987-10`` October 1987, and so on
down to the second. Whoosh reads the plain forms that way, but not the
comparisons: its ``date:<1987`` ran to the *end* of 1987 and ``date:>1987`` from
its *start* (both found every article of 1987), ``>=`` was read as ``>``, and
``{...}`` ranges were not exclusive (found by an adversarial test pass). Here
every date value is turned into an explicit range of whole seconds that
Whoosh reads correctly:

=============  ===========================================
``X``, ``=X``  from the start of X to its end
``<X``         everything before the start of X
``<=X``        everything up to the end of X
``>X``         everything after the end of X
``>=X``        everything from the start of X
``[A to B]``   from the start of A to the end of B
``{A to B}``   from after the end of A to before the start of B
=============  ===========================================

An open end of a range (``[2004 to]``) runs to year 1 or year 9999.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

__all__ = ["date_range", "not_a_date"]

DATE = re.compile(
    r"^(?:(\d{4})(?:[-/.]?(\d{1,2})(?:[-/.]?(\d{1,2})"
    r"(?:[T ]?(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?)?)?)?)?$"
)
RANGE = re.compile(r"^([\[{])\s*(.*?)\s*(?:\bto\b\s*(.*?))?\s*([\]}])$", re.I)

_FIRST = datetime(1, 1, 1)
_LAST = datetime(9999, 12, 31, 23, 59, 59)
_SECOND = timedelta(seconds=1)


def not_a_date(text: str) -> str | None:
    """Why ``text`` is not a year, month, day or time (a one-line reason), or None if it
    is one (or empty: an open end of a range).

    Calendar rules are Python's (``datetime``): year 0, month 0 or 13, 30 February and
    hour 25 are refused.
    """
    if not text:
        return None
    m = DATE.match(text)
    if m is None:
        return "not in a date format"
    try:
        _span(m)
    except ValueError as err:
        return str(err)
    return None


def _span(m: re.Match[str]) -> tuple[datetime, datetime]:
    """The first and the last second of the date ``m`` matched; ValueError if none."""
    given = [int(g) for g in m.groups() if g is not None]
    year, month, day, hour, minute, second = [*given, *(1, 1, 0, 0, 0)[len(given) - 1 :]][:6]
    start = datetime(year, month, day, hour, minute, second)
    unit = len(given)
    try:
        if unit == 1:
            after = start.replace(year=start.year + 1)
        elif unit == 2:
            after = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            steps = (timedelta(days=1), timedelta(hours=1), timedelta(minutes=1), _SECOND)
            after = start + steps[unit - 3]
    except (ValueError, OverflowError):  # the last year, month or day there is
        return start, _LAST
    return start, after - _SECOND


def _shift(when: datetime, delta: timedelta) -> datetime:
    """``when + delta``, held within year 1 to year 9999."""
    try:
        return when + delta
    except OverflowError:
        return _FIRST if delta < timedelta(0) else _LAST


def _stamp(when: datetime) -> str:
    return f"{when.year:04d}{when:%m%d%H%M%S}"


def _bounds(text: str) -> tuple[datetime, datetime]:
    m = DATE.match(text.strip())
    if m is None or not text.strip():
        raise ValueError(f"not a date: {text!r}")
    return _span(m)


def date_range(value: str, is_range: bool) -> str:
    """``value`` (a ``date:`` word with its comparison, or a bracketed range) as the
    explicit range Whoosh reads right: ``[YYYYMMDDhhmmss to YYYYMMDDhhmmss]``.

    Raises ValueError when a date in it is not one (check with :func:`not_a_date`).
    """
    if is_range:
        m = RANGE.match(value)
        if m is None:
            raise ValueError(f"not a range: {value!r}")
        opening, low, high, closing = m.group(1), (m.group(2) or "").strip(), m.group(3), m.group(4)
        high = low if high is None else high.strip()  # "[2004]": 2004 alone
        start = _FIRST if not low else _bounds(low)[0 if opening == "[" else 1]
        if low and opening == "{":
            start = _shift(start, _SECOND)
        end = _LAST if not high else _bounds(high)[1 if closing == "]" else 0]
        if high and closing == "}":
            end = _shift(end, -_SECOND)
    else:
        op = re.match(r"[<>]=?|=", value)
        lead = op.group() if op else ""
        first, last = _bounds(value[len(lead) :])
        start, end = {
            "<": (_FIRST, _shift(first, -_SECOND)),
            "<=": (_FIRST, last),
            ">": (_shift(last, _SECOND), _LAST),
            ">=": (first, _LAST),
        }.get(lead, (first, last))
    return f"[{_stamp(start)} to {_stamp(end)}]"
