"""The library's one order, newest first: what ``nutgraf list``, the reader's article
list, ``[`` / ``]`` and an entity's articles all follow.

1. Dated articles come first, by their publication date (the publisher's, as stored
   by :mod:`index.readers.dates`): a date with a time by the instant it names
   (its offset applied, so ``2024-03-05T23:30:00-08:00`` is 07:30 UTC on the 6th; a
   time given without a zone is taken as UTC), a date without a time by its day,
   as the start of that day (UTC): it comes after the articles with a time on that
   day. Two articles at the same moment go by when they were added (latest first),
   then by id.
2. Undated articles (and dates that cannot be read) come after every dated one,
   the latest added first, then by id: a stable order that "added today" cannot
   push above a real date.

The store keeps each article's :func:`order_key` in ``articles.sort_key`` (text that
sorts as the instants do; NULL when undated), so that the order is an index walk
(SQLite puts NULL last in a descending order) and pages with LIMIT/OFFSET.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

__all__ = ["NEWEST_FIRST", "order_key"]

#: The ORDER BY of the library's order (for the ``articles`` table, aliased or not).
NEWEST_FIRST = "sort_key DESC, ingested_at DESC, id"


def order_key(published: str | None) -> str | None:
    """The text that orders ``published`` (ISO 8601 as :mod:`index.readers.dates`
    stores it) among the others, newest greatest: ``YYYY-MM-DDTHH:MM:SS[.ffffff]``
    in UTC for a date with a time, ``YYYY-MM-DD`` for a date alone (which string
    order puts before every time of that day); None for None or text that is not
    an ISO 8601 date. Never raises."""
    if not published:
        return None
    text = published.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text)
    except (ValueError, TypeError):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()
