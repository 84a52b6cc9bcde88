"""Which article a re-added one replaces, so that the user's work on it follows.

An article's id is a digest of its text (:func:`index.article.article_id`): a file
or corpus record added again with changed text makes a NEW article, and the old one
leaves with the origin's claim on it. What the user attached to the old id (stars,
tags, notes, highlights; entity corrections) must move to the new one.

An old id is succeeded by a new one when both came from the same origin (file,
feed, corpus) and either the origin held only that article before and holds only
one now, or the two carry the same corpus record id or the same URL, and no other
new article of the origin does. The pairs are recorded in ``successions`` inside
the transaction that stages the commit (:func:`record`, from
:meth:`index.storage.store.Store.stage`) and applied inside the one that finishes
it (:func:`apply`, from :meth:`index.storage.store.Store.finish`): a writer killed
in between leaves them for the next writer, which finishes the commit
(:func:`index.commit.finish_unfinished`) and with it the move. Each of
:data:`MOVERS` is called with the connection, in that transaction, and the
``(old id, new id)`` pairs; it must not commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from index.record import record_id
from index.storage.correction_table import move_corrections
from index.storage.keep_moves import move_annotations
from index.storage.watch_store import move_seen

__all__ = ["MOVERS", "Mover", "apply", "record", "record_rewrites"]

Mover = Callable[[sqlite3.Connection, Sequence[tuple[str, str]]], None]

#: What moves from an old article to its successor, in order.
MOVERS: list[Mover] = [move_annotations, move_corrections, move_seen]


def _identity(conn: sqlite3.Connection, article_id: str) -> tuple[str | None, str | None]:
    """``(corpus record id, URL)`` of a stored article (either may be None)."""
    row = conn.execute(
        "SELECT format, original, url FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None, None
    return record_id(row[0], bytes(row[1])), row[2] or None


def record(
    conn: sqlite3.Connection,
    new_ids: Sequence[str],
    unlinks: Sequence[tuple[str, str]],
    going: Sequence[str],
) -> list[tuple[str, str]]:
    """Record which of ``going`` (ids that lost their last origin in this commit, whose
    ``(origin, id)`` claims are among ``unlinks``) each new article replaces; call in
    the staging transaction, after the links are written. Returns the pairs."""
    gone = set(going)
    if not gone:
        return []
    pairs: list[tuple[str, str]] = []
    by_origin: dict[str, list[str]] = {}
    for origin, old in unlinks:
        if old in gone:
            by_origin.setdefault(origin, []).append(old)
    fresh = set(new_ids)
    for origin, olds in by_origin.items():
        now = [
            r[0] for r in conn.execute("SELECT article_id FROM links WHERE origin = ?", (origin,))
        ]
        # The only article then and now: only if it is new in this very commit (one the
        # origin kept unchanged is no successor of one it dropped).
        if len(olds) == 1 and len(now) == 1 and now[0] in fresh:
            pairs.append((olds[0], now[0]))
            continue
        ids = {i: _identity(conn, i) for i in now}
        for old in olds:
            rec, url = _identity(conn, old)
            same = [
                i
                for i, (r, u) in ids.items()
                if (rec is not None and r == rec) or (url is not None and u == url)
            ]
            if len(same) == 1:
                pairs.append((old, same[0]))
    conn.executemany("INSERT OR IGNORE INTO successions VALUES (?, ?)", pairs)
    return pairs


def record_rewrites(conn: sqlite3.Connection, rows: Sequence[tuple[str, str]]) -> None:
    """Record ``(id, id)`` for each of ``rows`` (id, new body) whose stored body differs
    (``rebuild --reread`` keeps an article's id while its text may change): the movers
    then re-anchor what points into the text. Call in the staging transaction, before
    the rows are written."""
    for article_id, body in rows:
        old = conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        if old is not None and old[0] != body:
            conn.execute(
                "INSERT OR IGNORE INTO successions VALUES (?, ?)", (article_id, article_id)
            )


def apply(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Move everything of :data:`MOVERS` from each recorded old article that has left to
    its successor now LIVE (or from an article to itself, its text changed), and forget
    those pairs; call in the finishing transaction,
    after the states are set. Returns the pairs moved."""
    pairs = [
        (old, new)
        for old, new in conn.execute(
            "SELECT s.old_id, s.new_id FROM successions s"
            " JOIN articles n ON n.id = s.new_id AND n.state = 1"
            " WHERE s.old_id = s.new_id"
            " OR NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = s.old_id AND o.state = 1)"
        )
    ]
    if pairs:
        for mover in MOVERS:
            mover(conn, pairs)
        conn.executemany("DELETE FROM successions WHERE old_id = ? AND new_id = ?", pairs)
    return pairs
