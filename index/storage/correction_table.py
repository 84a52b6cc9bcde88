"""The user's entity corrections in the store, and the entity rows they change.

``entity_corrections`` holds every correction the user made, in order (``n``), with
its operation, names, scope (an article id, or NULL for the whole library), when it
was made and whether it was undone: the user's data, kept only here (never only in
the rebuildable search index). What the model found stays in ``articles.entities``;
the corrections are laid over it by :func:`index.entities.corrections.apply`
wherever entities are read (:func:`corrected`) or indexed (the lookup tables, by
:func:`index.storage.entity_tables.index_entities`; the search index's entity
fields, by :mod:`index.commit`).

``entity_reindex`` lists the articles whose search documents still lack a change of
their corrections that the store already has (a correction made, undone, or moved
to an article's new id): the writer that changes the store's side re-indexes them
next, and a writer killed before it did leaves them for the next one
(:func:`index.commit.finish_unfinished`).

:class:`CorrectionData` is a part of :class:`~index.storage.store.Store`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

from index.article import now_iso
from index.entities.corrections import Correction, apply, name_key
from index.entities.entity import Analysis, entities_from_json
from index.storage import entity_totals
from index.storage.database import chunks, transaction

__all__ = [
    "CorrectionData",
    "active_corrections",
    "all_corrections",
    "corrected",
    "move_corrections",
    "reindex_rows",
]

_COLUMNS = "n, op, name, value, kind, article_id, made_at, undone, of_kind"


def _correction(row: Sequence[object]) -> Correction:
    n, op, name, value, kind, article_id, made_at, undone, of_kind = row
    return Correction(
        n=int(n),  # type: ignore[call-overload]
        op=str(op),
        name=str(name),
        value=None if value is None else str(value),
        kind=None if kind is None else str(kind),
        article_id=None if article_id is None else str(article_id),
        made_at=str(made_at),
        undone=bool(undone),
        of_kind=None if of_kind is None else str(of_kind),
    )


def all_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """Every correction, undone ones too, in the order they were made."""
    sql = f"SELECT {_COLUMNS} FROM entity_corrections ORDER BY n"
    return [_correction(r) for r in conn.execute(sql)]


def active_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """The corrections in force (not undone), in order."""
    sql = f"SELECT {_COLUMNS} FROM entity_corrections WHERE undone = 0 ORDER BY n"
    return [_correction(r) for r in conn.execute(sql)]


def corrected(conn: sqlite3.Connection, article_id: str, analysis: Analysis) -> Analysis:
    """An article's stored analysis with the corrections that apply to it laid over it."""
    if analysis is None:
        return None
    sql = (
        f"SELECT {_COLUMNS} FROM entity_corrections"
        " WHERE undone = 0 AND (article_id IS NULL OR article_id = ?) ORDER BY n"
    )
    found = [_correction(r) for r in conn.execute(sql, (article_id,))]
    return apply(analysis, found, article_id) if found else analysis


def reindex_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Within the caller's transaction: write the lookup rows (``entity_refs``,
    ``entity_aliases``) of these articles again from their stored analysis and today's
    corrections, recount the live ones in ``entity_totals``, and list them in
    ``entity_reindex`` for their search documents."""
    from index.storage import entity_tables  # which reads the corrections from here

    ids = sorted(set(ids))
    if not ids:
        return
    live = entity_totals.in_state(conn, ids, 1)
    entity_totals.count_out(conn, live)
    for chunk in chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, entities FROM articles WHERE id IN ({marks}) AND state != 2", chunk
        ).fetchall()
        entity_tables.index_entities(conn, [(_Id(i), _analysis(text)) for i, text in rows])
    entity_totals.count_in(conn, live)
    conn.executemany("INSERT OR IGNORE INTO entity_reindex VALUES (?)", [(i,) for i in ids])


class _Id:
    """What :func:`index.storage.entity_tables.index_entities` reads of an article."""

    __slots__ = ("id",)

    def __init__(self, article_id: str) -> None:
        self.id = article_id


def _analysis(text: str | None) -> Analysis:
    try:
        return entities_from_json(text)
    except ValueError:
        return None  # a damaged analysis has no entities to correct (rebuild names it)


def move_corrections(conn: sqlite3.Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """Within the caller's transaction: the corrections made for one article follow it
    to its new id when a re-add replaced it (``(old id, new id)`` pairs, see
    ``index.storage.succession``); the new articles' entity rows are written again with
    them, and their search documents listed for re-indexing (see the module docstring).
    Library-wide corrections need no moving: they apply by name."""
    moved = [(new, old) for old, new in pairs if old != new]
    if not moved:
        return
    conn.executemany("UPDATE entity_corrections SET article_id = ? WHERE article_id = ?", moved)
    reindex_rows(conn, [new for new, _ in moved])


class CorrectionData:
    """The store's methods for entity corrections (see the module docstring)."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # the Store's connection of this thread

    def corrections(self) -> list[Correction]:
        """Every correction, undone ones too, in the order they were made."""
        return all_corrections(self._conn())

    def active_corrections(self) -> list[Correction]:
        """The corrections in force (not undone), in the order they were made."""
        return active_corrections(self._conn())

    def correction_candidates(self, names: Iterable[str]) -> list[str]:
        """Ids of the articles (all but GOING) whose stored analysis holds one of
        ``names`` (folded, anywhere in it: a superset of those that have an entity of
        that name or alias, which the caller narrows down)."""
        keys = sorted({k for n in names if (k := name_key(n))})
        if not keys:
            return []
        where = " OR ".join("instr(nutgraf_fold(entities), ?) > 0" for _ in keys)
        sql = f"SELECT id FROM articles WHERE state != 2 AND entities IS NOT NULL AND ({where})"
        return [r[0] for r in self._conn().execute(sql, keys)]

    def record_correction(self, correction: Correction, changed: Sequence[str]) -> Correction:
        """Keep a new correction (its ``n`` and ``made_at`` are given here) and write the
        entity rows of the articles it ``changed`` again, in one transaction."""
        conn = self._conn()
        made_at = now_iso()
        with transaction(conn):
            cur = conn.execute(
                "INSERT INTO entity_corrections"
                " (op, name, value, kind, article_id, made_at, of_kind)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    correction.op,
                    correction.name,
                    correction.value,
                    correction.kind,
                    correction.article_id,
                    made_at,
                    correction.of_kind,
                ),
            )
            reindex_rows(conn, changed)
        n = int(cur.lastrowid or 0)
        return replace(correction, n=n, made_at=made_at)

    def undo_correction(self, n: int, changed: Sequence[str]) -> bool:
        """Mark correction ``n`` undone and write the entity rows of the articles that
        ``changed`` again, in one transaction; False when it was undone already."""
        conn = self._conn()
        with transaction(conn):
            cur = conn.execute(
                "UPDATE entity_corrections SET undone = 1, undone_at = ?"
                " WHERE n = ? AND undone = 0",
                (now_iso(), n),
            )
            if not cur.rowcount:
                return False
            reindex_rows(conn, changed)
        return True

    def pending_reindex(self) -> list[str]:
        """Ids whose search documents wait for their corrections (see the module docstring)."""
        return [r[0] for r in self._conn().execute("SELECT article_id FROM entity_reindex")]

    def reindexed(self, ids: Sequence[str] | None = None) -> None:
        """These articles' search documents now have their corrections (None: all)."""
        conn = self._conn()
        with transaction(conn):
            if ids is None:
                conn.execute("DELETE FROM entity_reindex")
            else:
                conn.executemany(
                    "DELETE FROM entity_reindex WHERE article_id = ?", [(i,) for i in ids]
                )
