"""The user's entity corrections in the store, and the entity rows they change.

``entity_corrections`` holds every correction the user made, in order (``n``), with
its operation, names, scope (an article id, or NULL for the whole library), when it
was made and whether it was undone: the user's data, kept only here (never only in
the rebuildable search index). What the model found stays in ``articles.entities``;
the corrections are laid over it by :func:`index.entities.corrections.apply`
wherever entities are read (:func:`corrected`) or indexed (the lookup tables, by
:func:`index.storage.entity_tables.index_entities`; the search index's entity
fields, by :mod:`index.commit`).

A correction is made (or undone) by the library's commit protocol
(:mod:`index.commit`): (1) one transaction keeps it PENDING (``undone`` =
:data:`MAKING`, or :data:`UNDOING` for an undo) and lists the articles it changes in
``entity_reindex``; (2) one Whoosh commit writes their search documents with the
corrections as they will be (:func:`future_corrections`); (3) one transaction makes it
active (or undone), writes their entity rows and totals again and clears the list
(:meth:`CorrectionData.finish_corrections`). Readers see the corrections of
:func:`active_corrections` only (a PENDING one not yet, one being undone still), so a
writer killed at any step leaves the store as it was, and the next writer finishes
it (:func:`index.commit.finish_unfinished`). ``entity_reindex`` also lists the
articles whose corrections moved to a re-added article's new id (:func:`move_corrections`).

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
from index.storage.database import NAMES_UNFILLED, chunks, transaction

__all__ = [
    "MAKING",
    "UNDOING",
    "CorrectionData",
    "active_corrections",
    "all_corrections",
    "corrected",
    "future_corrections",
    "move_corrections",
    "reindex_rows",
]

_COLUMNS = "n, op, name, value, kind, article_id, made_at, undone, of_kind"
#: ``undone`` of a correction being made: kept, listed, not in force yet (step 1 done).
MAKING = 2
#: ``undone`` of a correction being undone: still in force until its step 3.
UNDOING = 3
#: The corrections in force for readers (0 made, or being undone).
_ACTIVE = f"undone IN (0, {UNDOING})"


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
        undone=undone == 1,
        of_kind=None if of_kind is None else str(of_kind),
    )


def all_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """Every correction, undone ones too, in the order they were made (not one still being
    made)."""
    sql = f"SELECT {_COLUMNS} FROM entity_corrections WHERE undone != {MAKING} ORDER BY n"
    return [_correction(r) for r in conn.execute(sql)]


def active_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """The corrections in force (not undone, not still being made), in order."""
    sql = f"SELECT {_COLUMNS} FROM entity_corrections WHERE {_ACTIVE} ORDER BY n"
    return [_correction(r) for r in conn.execute(sql)]


def future_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """The corrections in force once the pending ones are finished (step 2 of the module
    docstring indexes with these), in order."""
    sql = f"SELECT {_COLUMNS} FROM entity_corrections WHERE undone IN (0, {MAKING}) ORDER BY n"
    return [_correction(r) for r in conn.execute(sql)]


def corrected(conn: sqlite3.Connection, article_id: str, analysis: Analysis) -> Analysis:
    """An article's stored analysis with the corrections that apply to it laid over it."""
    if analysis is None:
        return None
    sql = (
        f"SELECT {_COLUMNS} FROM entity_corrections"
        f" WHERE {_ACTIVE} AND (article_id IS NULL OR article_id = ?) ORDER BY n"
    )
    found = [_correction(r) for r in conn.execute(sql, (article_id,))]
    return apply(analysis, found, article_id) if found else analysis


def reindex_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Within the caller's transaction: write the lookup rows (``entity_refs``,
    ``entity_aliases``) of these articles again from their stored analysis and today's
    corrections, recount the live ones in ``entity_totals``, and list them in
    ``entity_reindex`` for their search documents."""
    ids = sorted(set(ids))
    if not ids:
        return
    _rewrite_rows(conn, ids)
    conn.executemany("INSERT OR IGNORE INTO entity_reindex VALUES (?)", [(i,) for i in ids])


def _rewrite_rows(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Within the caller's transaction: the lookup rows and totals of these articles
    written again with the corrections in force."""
    from index.storage import entity_tables  # which reads the corrections from here

    live = entity_totals.in_state(conn, ids, 1)
    entity_totals.count_out(conn, live)
    for chunk in chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, entities FROM articles WHERE id IN ({marks}) AND state != 2", chunk
        ).fetchall()
        entity_tables.index_entities(conn, [(_Id(i), _analysis(text)) for i, text in rows])
    entity_totals.count_in(conn, live)


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


def _listed(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO entity_reindex VALUES (?)", [(i,) for i in ids])


def _fill_names_once(conn: sqlite3.Connection) -> None:
    """Fill ``entity_names`` from every stored analysis if the store was upgraded to
    version 8 and it was not done yet (one transaction; a few seconds at 100,000 articles)."""
    flagged = "SELECT 1 FROM store_flags WHERE name = ?"
    if conn.execute(flagged, (NAMES_UNFILLED,)).fetchone() is None:
        return
    from index.storage.entity_tables import fill_entity_names

    with transaction(conn):
        if conn.execute(flagged, (NAMES_UNFILLED,)).fetchone() is not None:
            fill_entity_names(conn)
            conn.execute("DELETE FROM store_flags WHERE name = ?", (NAMES_UNFILLED,))


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
        """Ids of the articles (all but GOING) in whose analysis, as the model found it,
        an entity is called one of ``names`` by its name or an alias (compared by
        :func:`~index.entities.corrections.name_key`, as corrections match entities): a
        superset of those a correction of these names changes, which the caller narrows
        down. Read from ``entity_names`` (one indexed lookup per name, not a read of
        every analysis)."""
        keys = sorted({k for n in names if (k := name_key(n))})
        found: set[str] = set()
        conn = self._conn()
        _fill_names_once(conn)
        for chunk in chunks(keys, 500):
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in conn.execute(
                    "SELECT n.article_id FROM entity_names n JOIN articles a"
                    f" ON a.id = n.article_id WHERE n.key IN ({marks}) AND a.state != 2",
                    chunk,
                )
            )
        return sorted(found)

    def future_corrections(self) -> list[Correction]:
        """The corrections in force once the pending ones are finished (see the module
        docstring)."""
        return future_corrections(self._conn())

    def record_correction(self, correction: Correction, changed: Sequence[str]) -> Correction:
        """Step 1 of making a correction: keep it PENDING (its ``n`` and ``made_at`` are
        given here) and list the articles it ``changed``, in one transaction."""
        conn = self._conn()
        made_at = now_iso()
        with transaction(conn):
            cur = conn.execute(
                "INSERT INTO entity_corrections"
                " (op, name, value, kind, article_id, made_at, of_kind, undone)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    correction.op,
                    correction.name,
                    correction.value,
                    correction.kind,
                    correction.article_id,
                    made_at,
                    correction.of_kind,
                    MAKING,
                ),
            )
            _listed(conn, changed)
        n = int(cur.lastrowid or 0)
        return replace(correction, n=n, made_at=made_at)

    def undo_correction(self, n: int, changed: Sequence[str]) -> bool:
        """Step 1 of undoing correction ``n``: mark it being undone and list the articles
        that ``changed``, in one transaction; False when it was undone already."""
        conn = self._conn()
        with transaction(conn):
            cur = conn.execute(
                f"UPDATE entity_corrections SET undone = {UNDOING} WHERE n = ? AND undone = 0",
                (n,),
            )
            if not cur.rowcount:
                return False
            _listed(conn, changed)
        return True

    def finish_corrections(self, ids: Sequence[str]) -> None:
        """Step 3: the pending corrections made (or undone), the entity rows and totals of
        these articles (whose search documents now have them) written again, and the
        articles struck off the list, in one transaction."""
        conn = self._conn()
        with transaction(conn):
            conn.execute(f"UPDATE entity_corrections SET undone = 0 WHERE undone = {MAKING}")
            conn.execute(
                f"UPDATE entity_corrections SET undone = 1, undone_at = ? WHERE undone = {UNDOING}",
                (now_iso(),),
            )
            _rewrite_rows(conn, sorted(set(ids)))
            conn.executemany("DELETE FROM entity_reindex WHERE article_id = ?", [(i,) for i in ids])

    def pending_reindex(self) -> list[str]:
        """Ids whose search documents wait for their corrections (see the module docstring)."""
        return [r[0] for r in self._conn().execute("SELECT article_id FROM entity_reindex")]

    def corrections_pending(self) -> bool:
        """Whether a correction is being made or undone (its step 3 not done yet)."""
        sql = f"SELECT 1 FROM entity_corrections WHERE undone IN ({MAKING}, {UNDOING}) LIMIT 1"
        return self._conn().execute(sql).fetchone() is not None
