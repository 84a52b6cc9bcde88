"""The Whoosh schema: what is searchable, and how each field is analysed.

Design, from measurements in ``shared/notes/whoosh-performance.md``:

* ``body`` keeps positions and character offsets (``chars=True``), so phrases
  work and match offsets and snippets come straight from the postings, without
  re-tokenising the text of each hit;
* no ``spelling=True``: it analyses every text twice; "did you mean" uses the
  store's vocabulary instead (:mod:`index.fulltext.spelling`);
* nothing large is stored in Whoosh: a hit's stored fields are unpickled whole,
  so only the ``id`` is stored and titles and bodies come from the article
  store, and only for the hits shown;
* the entity fields are keyword lists: each entity name (and alias, and each
  word of a name) is one lower-cased token, so ``person:"Kim Jong Un"`` is an
  exact term and ``entity:putin`` matches an alias.
"""

from __future__ import annotations

from whoosh import fields

from index.entities.entity import KIND_FIELDS
from index.fulltext.analysis import NewsAnalyzer

__all__ = ["ENTITY_FIELDS", "FIELD_HELP", "KIND_FIELDS", "SCHEMA_VERSION", "make_schema"]

SCHEMA_VERSION = 1

#: Every entity field: all kinds together, and one per kind (``index.entities.entity.KIND_FIELDS``).
ENTITY_FIELDS: tuple[str, ...] = ("entity", *KIND_FIELDS.values())

#: Fields a user may name in a query, with what each searches.
FIELD_HELP: dict[str, str] = {
    "title": "words in the title",
    "body": "words in the text",
    "source": "the publisher or site",
    "author": "the author",
    "category": "the category or topic",
    "url": "the web address",
    "date": "publication date, e.g. date:2004 or date:[2004-01 to 2004-06]",
    "id": "the article id",
    "entity": "any named entity (name or alias)",
    "person": "people",
    "org": "organisations",
    "place": "places",
    "group": "nationalities, religious and political groups",
    "event": "named events",
    "other": "products, works, laws, languages",
}


def _entity_field() -> fields.KEYWORD:
    return fields.KEYWORD(lowercase=True, commas=True, scorable=True)


def make_schema() -> fields.Schema:
    """A fresh schema object (Whoosh schemas are mutable, so never share one)."""
    stemming = NewsAnalyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=stemming, field_boost=2.0),
        body=fields.TEXT(analyzer=stemming, chars=True),
        source=fields.TEXT(),
        author=fields.TEXT(),
        category=fields.KEYWORD(lowercase=True, commas=True),
        url=fields.ID(),
        date=fields.DATETIME(sortable=True),
        **{name: _entity_field() for name in ENTITY_FIELDS},
    )
