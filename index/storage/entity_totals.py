"""The library's entities, counted once: ``entity_totals`` holds one row per entity of
the live articles (folded name and kind, as :mod:`index.storage.entity_tables`
groups them) with the number of articles that mention it and of its mentions.

Counting them from ``entity_refs`` at each look would read every entity of every
article (millions of rows in a library of 100,000 articles), so the counts are
kept as articles come and go: an article that turns live adds what it has
(:func:`count_in`), one that stops being live (removed, or staged again to be
replaced) takes it away (:func:`count_out`), both in the transaction that changes
its state, at a cost proportional to that article's entities. The library's entity
list is then an index walk of this table, a page at a time
(:func:`index.storage.entity_tables.library_entities`).

The name shown for an entity is the greatest of its written forms seen (code point
order, as before); one that only removed articles had may stay until the table is
counted afresh (:func:`refresh_all`: ``nutgraf rebuild`` does, and a store made
before the table gets it on opening).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from index.entities.entity import KIND_TITLES

__all__ = ["KIND_RANK", "count_in", "count_out", "in_state", "refresh_all"]

#: SQL for a kind's place among the pane's headings (:data:`KIND_TITLES` order).
KIND_RANK = (
    "CASE kind "
    + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KIND_TITLES))
    + " ELSE 99 END"
)

_CONTRIBUTION = (
    "SELECT r.key, r.kind, max(r.name), max(r.label), count(DISTINCT r.article_id),"
    f" sum(r.mentions), {KIND_RANK.replace('kind', 'r.kind')}"
    " FROM entity_refs r {join} WHERE r.key IS NOT NULL {where} GROUP BY r.key, r.kind"
)


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _contributions(conn: sqlite3.Connection, article_ids: Iterable[str]) -> Iterator[tuple]:  # type: ignore[type-arg]
    """``(key, kind, shown, label, articles, mentions, rank)`` of these articles' entities
    (each article in one chunk, so that the chunks' rows add up)."""
    for chunk in _chunks(sorted(set(article_ids))):
        marks = ",".join("?" * len(chunk))
        sql = _CONTRIBUTION.format(join="", where=f"AND r.article_id IN ({marks})")
        yield from conn.execute(sql, chunk).fetchall()


def in_state(conn: sqlite3.Connection, article_ids: Iterable[str], state: int) -> list[str]:
    """Those of ``article_ids`` whose article is in ``state`` now (1: live, counted)."""
    found: list[str] = []
    for chunk in _chunks(list(article_ids)):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT id FROM articles WHERE id IN ({marks}) AND +state = ?"
        found.extend(r[0] for r in conn.execute(sql, [*chunk, state]))
    return found


def count_in(conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Add the entities of these articles, which have just turned live."""
    conn.executemany(
        "INSERT INTO entity_totals (key, kind, shown, label, articles, mentions, rank)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key, kind) DO UPDATE SET"
        " articles = articles + excluded.articles, mentions = mentions + excluded.mentions,"
        " shown = max(shown, excluded.shown), label = max(label, excluded.label)",
        list(_contributions(conn, article_ids)),
    )


def count_out(conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Take away the entities of these articles, which are about to stop being live
    (called while their ``entity_refs`` rows are still there)."""
    rows = [(n, m, key, kind) for key, kind, _, _, n, m, _ in _contributions(conn, article_ids)]
    conn.executemany(
        "UPDATE entity_totals SET articles = articles - ?, mentions = mentions - ?"
        " WHERE key = ? AND kind = ?",
        rows,
    )
    conn.executemany(
        "DELETE FROM entity_totals WHERE key = ? AND kind = ? AND articles <= 0",
        [(key, kind) for _, _, key, kind in rows],
    )


def refresh_all(conn: sqlite3.Connection) -> None:
    """Count every entity of the live articles afresh."""
    conn.execute("DELETE FROM entity_totals")
    sql = _CONTRIBUTION.format(
        join="JOIN articles a ON a.id = r.article_id", where="AND a.state = 1"
    )
    conn.execute(
        "INSERT INTO entity_totals (key, kind, shown, label, articles, mentions, rank) " + sql
    )
