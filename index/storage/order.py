"""The library's one order, newest first: what ``nutgraf list``, the reader's article
list, ``[`` / ``]`` and an entity's articles all follow.

1. Dated articles come first, by their publication date (the publisher's, as stored
   by :mod:`index.readers.dates`): a date with a time by the instant it names
   (its offset applied, so ``2024-03-05T23:30:00-08:00`` is 07:30 UTC on the 6th; a
   time given without a zone is taken as UTC), a date without a time by its day,
   as the start of that day (UTC): it comes after the articles with a time on that
   day; a month or a year alone (``2024-03``, ``2024``) likewise as its start, after
   every article dated within it. Two articles at the same moment go by when they
   were added (latest first), then by id.
2. Undated articles (and dates that cannot be read) come after every dated one,
   the latest added first, then by id: a stable order that "added today" cannot
   push above a real date.

The store keeps each article's :func:`order_key` in ``articles.sort_key`` (text that
sorts as the instants do; NULL when undated), so that the order is an index walk
(SQLite puts NULL last in a descending order) and pages with LIMIT/OFFSET.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime

__all__ = ["NEWEST_FIRST", "neighbour", "neighbour_steps", "order_key"]

_REDUCED = re.compile(r"[12]\d{3}(?:-(?:0[1-9]|1[0-2]))?")

#: The ORDER BY of the library's order (for the ``articles`` table, aliased or not).
NEWEST_FIRST = "sort_key DESC, ingested_at DESC, id"


def order_key(published: str | None) -> str | None:
    """The text that orders ``published`` (ISO 8601 as :mod:`index.readers.dates`
    stores it) among the others, newest greatest: ``YYYY-MM-DDTHH:MM:SS[.ffffff]``
    in UTC for a date with a time, ``YYYY-MM-DD`` for a date alone (which string
    order puts before every time of that day), ``YYYY-MM`` or ``YYYY`` for a month or a
    year alone (the start of it: string order puts it before every day in it); None
    for None or text that is not an ISO 8601 date. Never raises."""
    if not published:
        return None
    text = published.strip()
    if _REDUCED.fullmatch(text):
        return text  # a month or a year alone: its start, before its first day
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text)
    except (ValueError, TypeError):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


Step = tuple[str, tuple[str | None, ...], str]


def neighbour_steps(key: str | None, added: str, article_id: str, forward: bool) -> list[Step]:
    """Where to look, in turn, for the article just after (``forward``) or before the one
    at ``(key, added, article_id)`` in the library's order: ``(WHERE, parameters,
    ORDER BY)`` for the ``articles`` table, each a seek in the order's index; the first
    that finds a row has it. (One query with ORs would walk the index from its start.)"""
    same = "sort_key IS ? AND "
    if forward:
        steps: list[Step] = [
            (same + "ingested_at = ? AND id > ?", (key, added, article_id), "id"),
            (same + "ingested_at < ?", (key, added), "ingested_at DESC, id"),
        ]
        if key is not None:
            steps += [
                ("sort_key < ?", (key,), NEWEST_FIRST),
                ("sort_key IS NULL", (), "ingested_at DESC, id"),
            ]
        return steps
    back = "sort_key ASC, ingested_at ASC, id DESC"
    return [
        (same + "ingested_at = ? AND id < ?", (key, added, article_id), "id DESC"),
        (same + "ingested_at > ?", (key, added), "ingested_at ASC, id DESC"),
        ("sort_key > ?", (key,), back) if key is not None else ("sort_key IS NOT NULL", (), back),
    ]


def neighbour(
    conn: sqlite3.Connection,
    article_id: str,
    delta: int,
    place: tuple[str | None, str] | None = None,
) -> str | None:
    """The id of the live article ``delta`` places after (+) or before (-) the one with
    ``article_id`` in the library's order (None: none that way, or no such article):
    a few seeks of the order's index per place, never a walk of the library.
    ``place``: the ``(order key, added at)`` of ``article_id`` when it may be gone (removed
    by another process while it was read): the step is then taken from where it stood."""
    current = article_id
    for _ in range(abs(delta)):
        row = conn.execute(
            "SELECT sort_key, ingested_at FROM articles WHERE id = ? AND +state = 1", (current,)
        ).fetchone()
        if row is None and current == article_id and place is not None:
            row = place
        if row is None:
            return None
        found = None
        for where, params, order in neighbour_steps(row[0], row[1], current, delta > 0):
            sql = f"SELECT id FROM articles WHERE {where} AND +state = 1 ORDER BY {order} LIMIT 1"
            found = conn.execute(sql, params).fetchone()
            if found is not None:
                break
        if found is None:
            return None
        current = found[0]
    return current if delta else None
