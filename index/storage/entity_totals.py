"""The library's entities, counted once: ``entity_totals`` holds one row per entity of
the live articles (folded name and kind, as :mod:`index.storage.entity_tables`
groups them) with the number of articles that mention it and of its mentions.

Counting them from ``entity_refs`` at each look would read every entity of every
article (millions of rows in a library of 100,000 articles), so the counts are
kept up to date as articles come and go: whatever changes an article's entities or
its state recounts the entities it has (:func:`refresh`, with :func:`keys_of`
taken before and after), and the library's entity list is an index walk of this
table, a page at a time (:func:`index.storage.entity_tables.library_entities`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from index.entities.entity import KIND_TITLES

__all__ = ["KIND_RANK", "keys_of", "refresh", "refresh_all"]

#: SQL for a kind's place among the pane's headings (:data:`KIND_TITLES` order).
KIND_RANK = (
    "CASE kind "
    + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KIND_TITLES))
    + " ELSE 99 END"
)

_COUNT = (
    "INSERT INTO entity_totals (key, kind, shown, label, articles, mentions, rank)"
    " SELECT r.key, r.kind, max(r.name), max(r.label), count(DISTINCT r.article_id),"
    f" sum(r.mentions), {KIND_RANK.replace('kind', 'r.kind')}"
    " FROM entity_refs r JOIN articles a ON a.id = r.article_id"
    " WHERE a.state = 1 AND r.key IS NOT NULL {where} GROUP BY r.key, r.kind"
)


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def keys_of(conn: sqlite3.Connection, article_ids: Iterable[str]) -> set[str]:
    """The folded names (``entity_refs.key``) of the entities of these articles."""
    keys: set[str] = set()
    for chunk in _chunks(list(article_ids)):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT DISTINCT key FROM entity_refs WHERE article_id IN ({marks})"
        keys.update(k for (k,) in conn.execute(sql, chunk) if k is not None)
    return keys


def refresh(conn: sqlite3.Connection, keys: Iterable[str]) -> None:
    """Count again the entities with these folded names (of every kind), from the live
    articles' ``entity_refs``: an entity no live article has any more goes."""
    for chunk in _chunks(sorted(keys)):
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM entity_totals WHERE key IN ({marks})", chunk)
        conn.execute(_COUNT.format(where=f"AND r.key IN ({marks})"), chunk)


def refresh_all(conn: sqlite3.Connection) -> None:
    """Count every entity again (a store made before the table, or one set right)."""
    conn.execute("DELETE FROM entity_totals")
    conn.execute(_COUNT.format(where=""))
