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
* title, body, source and author are analysed by :class:`NewsAnalyzer` (folded
  words, CJK bigrams, names with symbols, no stop words; see
  :mod:`index.fulltext.analysis`); a word that gives several terms in a query
  (``金正恩`` -> ``金正 正恩``) is searched as a phrase of them;
* the entity fields are keyword lists: each entity name (and alias, and each
  word of a name) is one folded token, so ``person:"Kim Jong Un"`` is an
  exact term and ``entity:putin`` matches an alias; ``category`` and ``lang``
  are folded keywords too.
"""

from __future__ import annotations

from whoosh import fields

from index.entities.entity import KIND_FIELDS
from index.fulltext.analysis import NewsAnalyzer, keyword_analyzer

__all__ = ["ENTITY_FIELDS", "FIELD_HELP", "KIND_FIELDS", "SCHEMA_VERSION", "make_schema"]

#: 2: the analysis of index.fulltext.analysis (ANALYSIS_VERSION 2 and up) and the lang field.
SCHEMA_VERSION = 2

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
    "lang": "the article's language, ISO 639-1 code, e.g. lang:en",
    "entity": "any named entity (name or alias)",
    "person": "people",
    "org": "organisations",
    "place": "places",
    "group": "nationalities, religious and political groups",
    "event": "named events",
    "other": "products, works, laws, languages",
    # Your annotations, read from the store (index/fulltext/keep_query.py), not indexed:
    "tag": "articles with a tag, e.g. tag:followup",
    "is": "is:starred, the starred articles",
    "has": "has:highlights or has:notes",
    "note": "words in your notes, e.g. note:pipeline",
}


def _keywords(scorable: bool = False) -> fields.KEYWORD:
    return fields.KEYWORD(analyzer=keyword_analyzer(), commas=True, scorable=scorable)


def _text(boost: float = 1.0, chars: bool = False) -> fields.TEXT:
    return fields.TEXT(
        analyzer=NewsAnalyzer(), field_boost=boost, chars=chars, multitoken_query="phrase"
    )


def make_schema() -> fields.Schema:
    """A fresh schema object (Whoosh schemas are mutable, so never share one)."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=_text(boost=2.0),
        body=_text(chars=True),
        source=_text(),
        author=_text(),
        category=_keywords(),
        url=fields.ID(),
        date=fields.DATETIME(sortable=True),
        lang=_keywords(),
        **{name: _keywords(scorable=True) for name in ENTITY_FIELDS},
    )
