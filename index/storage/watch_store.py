"""Saved searches ("watches") in the article store: their rows and what the user has seen.

Two tables (see ``SCHEMA`` in :mod:`index.storage.schema`): ``watches`` holds
each saved search (its name as written, the folded name that makes it unique,
the query, when it was made and when it was last seen) and ``watch_seen`` the
ids of the articles that matched when the user last looked. New matches are
worked out by :mod:`index.watches` as current matches minus seen ones, so
nothing here depends on the search index, which ``nutgraf rebuild`` remakes:
the user's saved searches live only in this store.

Each change is one immediate transaction on the store's connection (WAL, the
store's busy timeout): a writer killed mid-way leaves the watch as it was
before, never half-written. Every public method raises StoreError in one line
(:func:`~index.storage.database.guard_errors`), never sqlite3's own errors.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from index.storage.database import chunks, guard_errors, transaction

__all__ = ["WatchRow", "WatchStore", "move_seen"]


@dataclass(frozen=True, slots=True)
class WatchRow:
    """One saved search as stored: ``key`` is its folded name (unique), ``created`` and
    ``seen_at`` ISO 8601 UTC times (``seen_at`` None until first seen)."""

    id: int
    name: str
    key: str
    query: str
    created: str
    seen_at: str | None


class _HasConnection(Protocol):
    path: Path

    def _conn(self) -> sqlite3.Connection: ...


_COLUMNS = "id, name, key, query, created, seen_at"


@guard_errors
class WatchStore:
    """The saved searches of one store (its connection per thread, its errors)."""

    def __init__(self, store: _HasConnection) -> None:
        self._store = store
        self.path = store.path

    def _conn(self) -> sqlite3.Connection:
        return self._store._conn()

    def rows(self) -> list[WatchRow]:
        """Every saved search, by name (case aside)."""
        sql = f"SELECT {_COLUMNS} FROM watches ORDER BY key, id"
        return [WatchRow(*row) for row in self._conn().execute(sql)]

    def find(self, key: str) -> WatchRow | None:
        """The saved search whose folded name is ``key``, or None."""
        row = self._conn().execute(f"SELECT {_COLUMNS} FROM watches WHERE key = ?", (key,))
        found = row.fetchone()
        return WatchRow(*found) if found else None

    def order_rows(self, ids: Sequence[str]) -> list[tuple[str, str | None, str]]:
        """``(id, sort_key, ingested_at)`` of the live articles among ``ids`` (what the
        library's order sorts by, :mod:`index.storage.order`), in no order."""
        out: list[tuple[str, str | None, str]] = []
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT id, sort_key, ingested_at FROM articles"
                f" WHERE id IN ({marks}) AND +state = 1"
            )
            out.extend(self._conn().execute(sql, chunk).fetchall())
        return out

    def seen(self, watch_id: int) -> set[str]:
        """The ids that matched the saved search when it was last seen."""
        sql = "SELECT article_id FROM watch_seen WHERE watch = ?"
        return {r[0] for r in self._conn().execute(sql, (watch_id,))}

    def insert(self, name: str, key: str, query: str, created: str, seen: Iterable[str]) -> bool:
        """Save a search, its current matches counted as seen; False (nothing written)
        when a saved search with folded name ``key`` exists already."""
        with transaction(self._conn()) as conn:
            if conn.execute("SELECT 1 FROM watches WHERE key = ?", (key,)).fetchone():
                return False
            cur = conn.execute(
                "INSERT INTO watches (name, key, query, created, seen_at) VALUES (?, ?, ?, ?, ?)",
                (name, key, query, created, created),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO watch_seen (watch, article_id) VALUES (?, ?)",
                ((cur.lastrowid, i) for i in seen),
            )
        return True

    def set_seen(self, key: str, ids: Iterable[str], when: str) -> bool:
        """The matches seen now are ``ids`` (they replace the ones seen before); False
        when there is no saved search ``key``. One transaction, however many ids."""
        with transaction(self._conn()) as conn:
            row = conn.execute("SELECT id FROM watches WHERE key = ?", (key,)).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM watch_seen WHERE watch = ?", (row[0],))
            conn.executemany(
                "INSERT OR IGNORE INTO watch_seen (watch, article_id) VALUES (?, ?)",
                ((row[0], i) for i in ids),
            )
            conn.execute("UPDATE watches SET seen_at = ? WHERE id = ?", (when, row[0]))
        return True

    def delete(self, key: str) -> bool:
        """Remove a saved search and what was seen of it; False when there is none."""
        with transaction(self._conn()) as conn:
            row = conn.execute("SELECT id FROM watches WHERE key = ?", (key,)).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM watch_seen WHERE watch = ?", (row[0],))
            conn.execute("DELETE FROM watches WHERE id = ?", (row[0],))
        return True

    def rename(self, key: str, name: str, new_key: str) -> str:
        """Rename the saved search ``key``: ``"done"``, ``"missing"`` (no such search) or
        ``"taken"`` (another search has the folded name ``new_key``)."""
        with transaction(self._conn()) as conn:
            row = conn.execute("SELECT id FROM watches WHERE key = ?", (key,)).fetchone()
            if row is None:
                return "missing"
            other = conn.execute("SELECT id FROM watches WHERE key = ?", (new_key,)).fetchone()
            if other is not None and other[0] != row[0]:
                return "taken"
            conn.execute(
                "UPDATE watches SET name = ?, key = ? WHERE id = ?", (name, new_key, row[0])
            )
        return "done"


def move_seen(conn: sqlite3.Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """An article replaced by a re-add (``(old id, new id)`` pairs, see
    ``index.storage.succession``) stays seen in every saved search that had seen it, so
    a re-added article that was already seen is not new. Runs inside the caller's
    transaction."""
    conn.executemany(
        "INSERT OR IGNORE INTO watch_seen (watch, article_id)"
        " SELECT watch, ? FROM watch_seen WHERE article_id = ?",
        ((new, old) for old, new in pairs),
    )
