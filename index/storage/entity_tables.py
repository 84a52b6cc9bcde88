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
from typing import Protocol

from index.entities.corrections import apply, name_key
from index.entities.entity import Analysis, entities_from_json, normal_form
from index.folding import fold
from index.model import LibraryEntity

__all__ = [
    "ENTITY_ORDERS",
    "entity_articles",
    "fill_entity_names",
    "index_entities",
    "library_entities",
    "library_entity_counts",
]


class Identified(Protocol):
    """What :func:`index_entities` reads of an article: its id."""

    @property
    def id(self) -> str: ...


def index_entities(
    conn: sqlite3.Connection, articles: Sequence[tuple[Identified, Analysis]]
) -> None:
    """Fill the entity lookup tables for newly staged articles, from their analysis with
    the user's corrections laid over it (:mod:`index.storage.correction_table`)."""
    from index.storage.correction_table import active_corrections

    corrections = active_corrections(conn)
    refs: list[tuple[str, str, str, str, int, str]] = []
    aliases: list[tuple[str, str, str, str, str]] = []
    latest = {a.id: (a, ents) for a, ents in articles}  # an article given twice: the last
    ids = [(i,) for i in latest]
    conn.executemany("DELETE FROM entity_refs WHERE article_id = ?", ids)
    conn.executemany("DELETE FROM entity_aliases WHERE article_id = ?", ids)
    conn.executemany("DELETE FROM entity_names WHERE article_id = ?", ids)
    conn.executemany(
        "INSERT OR IGNORE INTO entity_names (key, article_id) VALUES (?, ?)",
        [(key, a.id) for a, entities in latest.values() for key in _raw_names(entities)],
    )
    for article, entities in latest.values():
        for ent in apply(entities, corrections, article.id) or ():
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


def _raw_names(entities: Analysis) -> set[str]:
    """The keys of the names and aliases of ``entities`` as the model found them (before
    corrections): what a correction is matched against (``corrections._called``)."""
    return {
        key
        for ent in entities or ()
        for name in (ent.name, *ent.aliases)
        if (key := name_key(name))
    }


def fill_entity_names(conn: sqlite3.Connection) -> None:
    """Within the caller's transaction: ``entity_names`` written for every article from
    its stored analysis (the upgrade of a store made before the table, version 8). An
    analysis that cannot be read gives no names (``nutgraf rebuild`` names it)."""
    rows = conn.execute("SELECT id, entities FROM articles WHERE entities IS NOT NULL")
    for batch in iter(lambda: rows.fetchmany(500), []):
        names: list[tuple[str, str]] = []
        for article_id, text in batch:
            try:
                entities = entities_from_json(text)
            except ValueError:
                continue
            names.extend((key, article_id) for key in _raw_names(entities))
        conn.executemany(
            "INSERT OR IGNORE INTO entity_names (key, article_id) VALUES (?, ?)", names
        )


#: The orders of :func:`library_entities`: the ORDER BY that each names (after the kind),
#: each an index of ``entity_totals``.
ENTITY_ORDERS: dict[str, str] = {
    "articles": "articles DESC, mentions DESC, shown",
    "mentions": "mentions DESC, articles DESC, shown",
    "name": "shown COLLATE NOCASE, shown",
}


def _entity_filter(kind: str | None, match: str | None) -> tuple[str, list[object]]:
    """The WHERE of the library's entities (``entity_totals``): of ``kind`` (None: all
    but dates and numbers), whose folded name or an alias holds ``match`` folded."""
    where = "kind = ?" if kind else "kind != 'number'"
    params: list[object] = [kind] if kind else []
    needle = fold(match or "").strip()
    if needle:
        like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where += (
            # An alias names its entity's canonical name in its article: that name's key.
            " AND (key LIKE ? ESCAPE '\\' OR key IN (SELECT e.key FROM entity_aliases x"
            " JOIN entity_refs e ON e.article_id = x.article_id AND e.name = x.name"
            " AND e.kind = x.kind WHERE x.key LIKE ? ESCAPE '\\'))"
        )
        params += [like, like]
    return where, params


def library_entities(
    conn: sqlite3.Connection,
    kind: str | None = None,
    limit: int | None = None,
    *,
    match: str | None = None,
    order: str = "articles",
    offset: int = 0,
    by_kind: bool = False,
) -> list[LibraryEntity]:
    """Entities of all live articles, one per folded name and kind, in ``order`` (a key
    of :data:`ENTITY_ORDERS`: most articles, most mentions, or by name), grouped by kind
    first with ``by_kind`` (in :data:`KIND_TITLES` order); ``limit`` of them (None: all)
    from ``offset``. Raises KeyError for an unknown ``order``.

    ``match`` keeps the entities whose name or an alias holds it, both folded by
    :func:`index.folding.fold` (case, accents, normal form aside). Names that fold
    alike (``Zürich``, ``ZURICH``, an NFD ``Zürich``) are one entity, shown by the
    greatest of its written forms (in code point order, which puts ``Zürich`` before
    ``Zurich``). Without ``kind``, dates and numbers are left out: they would crowd out
    the names. Read from the counts kept in ``entity_totals``
    (:mod:`index.storage.entity_totals`), a page at a time.
    """
    where, params = _entity_filter(kind, match)
    sql = (
        "SELECT shown, kind, label, articles, mentions FROM entity_totals"
        f" WHERE {where} ORDER BY {'rank, ' if by_kind else ''}{ENTITY_ORDERS[order]}"
        " LIMIT ? OFFSET ?"
    )
    params += [-1 if limit is None else limit, offset]
    return [LibraryEntity(*row) for row in conn.execute(sql, params)]


def library_entity_counts(
    conn: sqlite3.Connection, kind: str | None = None, match: str | None = None
) -> dict[str, int]:
    """How many of :func:`library_entities` (with the same ``kind`` and ``match``) there
    are of each kind: kind -> number (kinds with none left out)."""
    where, params = _entity_filter(kind, match)
    sql = f"SELECT kind, count(*) FROM entity_totals WHERE {where} GROUP BY kind"
    return {k: int(n) for k, n in conn.execute(sql, params)}


def entity_articles(conn: sqlite3.Connection, name: str) -> list[tuple[str, str, str]]:
    """``(article_id, canonical name, kind)`` of live articles with an entity called ``name``
    (its canonical name or an alias, compared folded by :func:`index.folding.fold`:
    case, accents, normal form and apostrophes aside), newest first."""
    sql = (
        "SELECT a.id, x.name, x.kind"
        " FROM (SELECT article_id, name, kind FROM entity_refs WHERE key = ?"
        " UNION SELECT article_id, name, kind FROM entity_aliases WHERE key = ?) x"
        " JOIN articles a ON a.id = x.article_id WHERE a.state = 1"
        " ORDER BY a.sort_key DESC, a.ingested_at DESC, a.id"
    )
    key = fold(normal_form(name))
    return [(i, n, k) for i, n, k in conn.execute(sql, (key, key))]
