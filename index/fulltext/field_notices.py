"""Zero-result notices about fields: languages, entity names, and words found elsewhere.

Part of :mod:`index.fulltext.empty_result` (kept apart for size). Each check costs
a few term lookups, one count per language of the library (a library holds a few
dozen at most: :data:`MAX_LANGUAGES` are named) or one SQL lookup of an entity
name; all quote the value as the user typed it, never its analysed term.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import collectors
from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from index.folding import fold
from index.fulltext.expansion import lexicon, typed
from index.fulltext.schema import ENTITY_FIELDS
from index.storage.store import Store

__all__ = [
    "ISO_639_1",
    "MAX_LANGUAGES",
    "elsewhere",
    "entity_elsewhere",
    "holds",
    "live",
    "no_language",
    "try_field",
]

#: The two-letter codes of ISO 639-1 (the Library of Congress's registration list,
#: with the withdrawn ``bh`` and ``sh`` still met in data): the codes of ``lang:``.
_CODES = """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he
    hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr
    ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng
    nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si
    sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur
    uz ve vi vo wa wo xh yi yo za zh zu"""
ISO_639_1 = frozenset(_CODES.split())
#: Most languages named in a notice, the most common first.
MAX_LANGUAGES = 8

#: Fields other than title and body where a word of the default fields may be, in the
#: order they are offered ("try author:…"); ``entity`` last, as the kinds say more.
_ELSEWHERE = ("author", "source", "category", *ENTITY_FIELDS[1:], ENTITY_FIELDS[0])
#: The noun for one name of each entity field: "no person named 'xyz'", "a person named
#: 'Zürich'".
KIND_NOUN = {
    "entity": "entity",
    "person": "person",
    "org": "organisation",
    "place": "place",
    "group": "group",
    "event": "event",
    "other": "entity of kind 'other'",
}


def live(reader: IndexReader, field: str, term: str) -> bool:
    """True when some article not deleted holds ``term`` (a deleted article's terms stay
    in its segment until a merge, and only the postings leave it out). A term held by
    more articles than are deleted is live without reading its postings."""
    if (field, term) not in reader:
        return False
    deleted = reader.doc_count_all() - reader.doc_count()
    if not deleted or reader.doc_frequency(field, term) > deleted:
        return True
    return bool(reader.postings(field, term).is_active())


def holds(reader: IndexReader, word: str, field: str) -> bool:
    """True when ``field``'s analyser makes of ``word`` at least one term and articles
    hold every one of them (a CJK word's bigrams, a name's parts)."""
    if field not in reader.schema:
        return False
    terms = list(reader.schema[field].process_text(word, mode="query"))
    return bool(terms) and all(live(reader, field, t) for t in terms)


def _count(searcher: Searcher, q: wq.Query) -> int:
    top = collectors.TopCollector(limit=1, usequality=False, replace=0)
    searcher.search_with_collector(q, top)
    return len(top.results())


def no_language(searcher: Searcher, leaf: wq.Query, text: str) -> str | None:
    """The notice for a ``lang:`` value no article has: the value is not an ISO 639-1
    code, or no article is in that language; with the languages the library holds
    ("en (12), zh (2)"). None when some article has it."""
    value = str(getattr(leaf, "text", ""))
    reader = searcher.reader()
    if live(reader, "lang", value):
        return None
    shown = typed(leaf, text) or value
    counts = [(code, _count(searcher, wq.Term("lang", code))) for code in lexicon(reader, "lang")]
    ranked = sorted(((n, c) for c, n in counts if n), key=lambda p: (-p[0], p[1]))
    here = ", ".join(f"{code} ({n:,})" for n, code in ranked[:MAX_LANGUAGES])
    languages = f"; languages here: {here}" if here else "; no article's language is known"
    if fold(shown) not in ISO_639_1:
        return f"'{shown}' is not an ISO 639-1 language code (such as en, zh, fr){languages}"
    return f"no article in language '{shown}'{languages}"


def entity_elsewhere(store: Store, field: str, value: str) -> str | None:
    """ " (but there is a person named 'Zürich')" when an entity of another kind than
    ``field``'s is called ``value`` (compared folded), else None."""
    if field not in KIND_NOUN or field == "entity":
        return None
    for _, name, kind in store.entity_articles(value):
        if kind not in (field, "entity") and kind in KIND_NOUN:
            return f" (but there is {_article(KIND_NOUN[kind])} named '{name}')"
    return None


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def elsewhere(reader: IndexReader, word: str, fields: Iterable[str] = _ELSEWHERE) -> str | None:
    """The first field other than title and body whose articles hold ``word`` (a word
    the default fields do not have), or None: ``山田太郎`` only as an author gives
    ``author``."""
    for field in fields:
        if holds(reader, word, field):
            return field
    return None


def try_field(word: str, field: str) -> str:
    """The notice for a word that no title or text has but ``field`` does."""
    value = f'"{word}"' if any(ch.isspace() for ch in word) else word
    return f"'{word}' is in no title or text, but in {field}: try {field}:{value}"
