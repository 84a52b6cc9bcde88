"""The entities across a library as the article store reads and counts them: one
entity per folded name and kind over all live articles, how many of each kind, the
articles with an entity of a name, and counting them all afresh. :class:`EntityData`
is a part of :class:`~index.storage.store.Store`; the SQL is in
:mod:`index.storage.entity_tables` and :mod:`index.storage.entity_totals`.
"""

from __future__ import annotations

import sqlite3

from index.model import LibraryEntity
from index.storage import entity_tables, entity_totals
from index.storage.database import transaction

__all__ = ["EntityData"]


class EntityData:
    """The store's methods for the entities across the library (see the module docstring)."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # the Store's connection of this thread

    def library_entities(
        self,
        kind: str | None = None,
        limit: int | None = None,
        *,
        match: str | None = None,
        order: str = "articles",
        offset: int = 0,
        by_kind: bool = False,
    ) -> list[LibraryEntity]:
        """Entities of all live articles, one per folded name and kind, most articles
        first; see :func:`index.storage.entity_tables.library_entities`."""
        return entity_tables.library_entities(
            self._conn(), kind, limit, match=match, order=order, offset=offset, by_kind=by_kind
        )

    def recount_entities(self) -> None:
        """Count the library's entities afresh (``rebuild`` does; see
        :mod:`index.storage.entity_totals`)."""
        conn = self._conn()
        with transaction(conn):
            entity_totals.refresh_all(conn)

    def library_entity_counts(
        self, kind: str | None = None, match: str | None = None
    ) -> dict[str, int]:
        """Kind -> how many library entities; see
        :func:`index.storage.entity_tables.library_entity_counts`."""
        return entity_tables.library_entity_counts(self._conn(), kind, match)

    def entity_articles(self, name: str) -> list[tuple[str, str, str]]:
        """``(article_id, canonical name, kind)`` of live articles with an entity called
        ``name``, newest first; see :func:`index.storage.entity_tables.entity_articles`."""
        return entity_tables.entity_articles(self._conn(), name)
