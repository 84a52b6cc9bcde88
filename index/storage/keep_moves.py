"""Moving the user's annotations from a replaced article to its successor.

The mover of :mod:`index.storage.succession` for stars, tags, notes and highlights:
stars, tags and notes on the article move as they are (one star and one of each
tag per article: a duplicate of what the successor already has is dropped);
highlights are anchored again in the successor's text with
:func:`index.anchoring.anchor`, and those whose words are not found again (gone, or
now ambiguous) are kept as orphaned, their quote intact, never moved to other words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from index.anchoring import QuoteSelector, anchor, quote_selector

__all__ = ["move_annotations"]


def move_annotations(conn: sqlite3.Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """Move every annotation of each old id to the new id of ``pairs`` (in the caller's
    transaction), re-anchoring highlights in the new article's body."""
    for old, new in pairs:
        row = conn.execute("SELECT title, body FROM articles WHERE id = ?", (new,)).fetchone()
        if row is None:
            continue
        title, body = row
        rows = conn.execute(
            'SELECT id, motivation, tag_key, start, "end", exact, prefix, suffix'
            " FROM annotations WHERE article_id = ?",
            (old,),
        ).fetchall()
        for ident, motivation, tag_key, start, end, exact, prefix, suffix in rows:
            if old == new and exact is None:
                continue  # the same article read again: only passages may have moved
            if (
                motivation in ("bookmarking", "tagging")
                and conn.execute(
                    "SELECT 1 FROM annotations WHERE article_id = ? AND motivation = ?"
                    " AND coalesce(tag_key, '') = coalesce(?, '')",
                    (new, motivation, tag_key),
                ).fetchone()
            ):
                conn.execute("DELETE FROM annotations WHERE id = ?", (ident,))
                continue
            place: tuple[int, int] | None = None
            if exact is not None:
                place = anchor(body, start, end, QuoteSelector(exact, prefix or "", suffix or ""))
            if place is None:
                conn.execute(
                    "UPDATE annotations SET article_id = ?, title = ?,"
                    " orphaned = (exact IS NOT NULL) WHERE id = ?",
                    (new, title, ident),
                )
                continue
            quote = quote_selector(body, *place)
            conn.execute(
                'UPDATE annotations SET article_id = ?, title = ?, start = ?, "end" = ?,'
                " prefix = ?, suffix = ?, orphaned = 0 WHERE id = ?",
                (new, title, place[0], place[1], quote.prefix, quote.suffix, ident),
            )
