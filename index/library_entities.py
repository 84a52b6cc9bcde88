"""Reading a library's entities, mixed into :class:`index.library.Library`: an article's
entities, the entities across the library and how many there are of each kind, every
mention of one entity, and the walk that follows an entity from article to article.
"""

from __future__ import annotations

from index.entities.entity import KIND_FIELDS, Entity
from index.entities.names import without_title
from index.fulltext.snippet import sentence_around
from index.model import EntityWalk, LibraryEntity, MentionHit
from index.storage.store import Store

__all__ = ["EntityReading"]


class EntityReading:
    """The entity half of reading a library (its ``store`` is the library's)."""

    store: Store

    def entities(self, article_id: str) -> list[Entity] | None:
        """The entities of an article (the user's corrections applied), most mentioned
        first; None if it was never analysed."""
        return self.store.entities(article_id)

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
        """Entities across the library (same folded name and kind = one entity), in
        ``order`` ("articles", "mentions" or "name"; grouped by kind first with
        ``by_kind``), those whose name or an alias holds ``match`` (folded), ``limit``
        of them (None: all) from ``offset``; see
        :func:`index.storage.entity_tables.library_entities`."""
        return self.store.library_entities(
            kind=kind, limit=limit, match=match, order=order, offset=offset, by_kind=by_kind
        )

    def library_entity_counts(
        self, kind: str | None = None, match: str | None = None
    ) -> dict[str, int]:
        """How many entities :meth:`library_entities` has with this ``kind`` and
        ``match``, by kind (kind -> number; kinds with none left out)."""
        return self.store.library_entity_counts(kind=kind, match=match)

    def mentions(self, name: str) -> list[MentionHit]:
        """Every mention, across the library, of the entity called ``name`` (or aliased so;
        a name that starts with a title, "Mr Blair", when no entity has it, as the
        entity without the title: :func:`index.entities.names.without_title`).

        Articles come newest first, and mentions in reading order within each.
        """
        hits: list[MentionHit] = []
        by_article: dict[str, set[tuple[str, str]]] = {}
        found = self.store.entity_articles(name)
        if not found and (bare := without_title(name)) is not None:
            found = self.store.entity_articles(bare)  # "Mr Blair": the entity is "Blair"
        for article_id, canonical, kind in found:
            by_article.setdefault(article_id, set()).add((canonical, kind))
        for article_id, wanted in by_article.items():
            article = self.store.get(article_id)
            if article is None:
                continue
            starts = self.store.sentences(article_id)
            spans = sorted(
                (span, ent.name, ent.kind)
                for ent in self.entities(article_id) or ()
                if (ent.name, ent.kind) in wanted
                for span in ent.mentions
            )
            for (start, end), canonical, kind in spans:
                hits.append(
                    MentionHit(
                        id=article.id,
                        title=article.title,
                        start=start,
                        end=end,
                        text=article.body[start:end],
                        context=sentence_around(article.body, start, end, starts=starts),
                        name=canonical,
                        kind=kind,
                        published=article.published,
                        source=article.source,
                    )
                )
        return hits

    def entity_walk(self, name: str, kind: str) -> EntityWalk:
        """Following an entity across the library: the query that finds the articles that
        mention it (by its name or an alias, in the field of its kind), and the ids of the
        articles with an entity of that name AND kind, newest first. Double quotes in a
        name become spaces (the query quotes the name; entity terms are matched whole, see
        :func:`index.fulltext.writer.entity_terms`)."""
        field = KIND_FIELDS.get(kind, "entity")
        quoted = " ".join(name.replace('"', " ").split())
        # Only the articles with the entity of this kind: a person and an organisation
        # of the same name are two rows with their own counts (and their own query).
        ids = tuple(
            dict.fromkeys(i for i, _, found in self.store.entity_articles(name) if found == kind)
        )
        return EntityWalk(name, kind, f'{field}:"{quoted}"', ids)
