"""The entity lookup tables: which article has which entity, under which names.

``entity_refs`` holds one row per article, entity name and kind (with its label,
its number of mentions and its name folded by :func:`index.folding.fold`), and
``entity_aliases`` one row per other name it goes by. They are filled when an
article is staged (:func:`index_entities`) and answer the library-wide questions
(:func:`library_entities`, :func:`entity_articles`) without reading any article's
entity JSON.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from index.article import Article
from index.entities.entity import Analysis, normal_form
from index.folding import fold
from index.model import LibraryEntity

__all__ = ["entity_articles", "index_entities", "library_entities"]


def index_entities(conn: sqlite3.Connection, articles: Sequence[tuple[Article, Analysis]]) -> None:
    """Fill the entity lookup tables for newly staged articles."""
    refs: list[tuple[str, str, str, str, int, str]] = []
    aliases: list[tuple[str, str, str, str, str]] = []
    latest = {a.id: (a, ents) for a, ents in articles}  # an article given twice: the last
    ids = [(i,) for i in latest]
    conn.executemany("DELETE FROM entity_refs WHERE article_id = ?", ids)
    conn.executemany("DELETE FROM entity_aliases WHERE article_id = ?", ids)
    for article, entities in latest.values():
        for ent in entities or ():
            refs.append(
                (article.id, ent.name, ent.kind, ent.label, len(ent.mentions), fold(ent.name))
            )
            aliases.extend(
                (alias, article.id, ent.name, ent.kind, fold(alias)) for alias in ent.aliases
            )
    conn.executemany(
        "INSERT INTO entity_refs (article_id, name, kind, label, mentions, key)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(article_id, name, kind)"
        " DO UPDATE SET mentions = mentions + excluded.mentions",
        refs,
    )
    conn.executemany(
        "INSERT INTO entity_aliases (alias, article_id, name, kind, key) VALUES (?, ?, ?, ?, ?)",
        aliases,
    )


def library_entities(
    conn: sqlite3.Connection, kind: str | None = None, limit: int | None = None
) -> list[LibraryEntity]:
    """Entities of all live articles, one per folded name and kind, most articles first.

    Names that fold alike (:func:`index.folding.fold`: ``Zürich``, ``ZURICH``, an
    NFD ``Zürich``) are one entity, shown by the greatest of its written forms (in
    code point order, which puts ``Zürich`` before ``Zurich``). Without ``kind``,
    dates and numbers are left out: they would crowd out the names.
    """
    where = "AND r.kind = ?" if kind else "AND r.kind != 'number'"
    sql = (
        "SELECT max(r.name) AS shown, r.kind, max(r.label), count(DISTINCT r.article_id) AS n,"
        " sum(r.mentions) AS m"
        " FROM entity_refs r JOIN articles a ON a.id = r.article_id"
        f" WHERE a.state = 1 {where} GROUP BY r.key, r.kind"
        " ORDER BY n DESC, m DESC, shown LIMIT ?"
    )
    params: list[object] = [kind] if kind else []
    params.append(-1 if limit is None else limit)
    return [LibraryEntity(*row) for row in conn.execute(sql, params)]


def entity_articles(conn: sqlite3.Connection, name: str) -> list[tuple[str, str, str]]:
    """``(article_id, canonical name, kind)`` of live articles with an entity called ``name``
    (its canonical name or an alias, compared folded by :func:`index.folding.fold`:
    case, accents, normal form and apostrophes aside), newest first."""
    sql = (
        "SELECT DISTINCT a.id, x.name, x.kind, coalesce(a.published, a.ingested_at) AS t"
        " FROM (SELECT article_id, name, kind FROM entity_refs WHERE key = ?"
        " UNION SELECT article_id, name, kind FROM entity_aliases WHERE key = ?) x"
        " JOIN articles a ON a.id = x.article_id WHERE a.state = 1 ORDER BY t DESC, a.id"
    )
    key = fold(normal_form(name))
    return [(i, n, k) for i, n, k, _ in conn.execute(sql, (key, key))]
