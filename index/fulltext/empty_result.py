"""Why a search found nothing: the notice a zero-result search carries.

A search that says "0 results" is believed, so when nothing is found the
reader is told why wherever the index or the store can say it cheaply. The
checks run only when a search found nothing, each costs a term lookup, one
count of a few sub-queries (at most :data:`MAX_PARTS`) or one SQL aggregate,
and the first that explains the empty result is given, in this order:

1. a field that holds nothing in this library (``author:smith`` when no article
   has an author), or an entity name that is not in it (``person:xyz``, with the
   closest known name within two edits);
2. a word that no article contains ("no article contains 'xyzzy'");
3. a ``date:`` query when articles have no date ("714 of 771 articles have no
   date"), with the dates the dated ones span (or, all dated, those dates when the
   ``date:`` part alone finds nothing);
4. a phrase whose words are all in the library but never in that order;
5. words (or phrases) each found in some articles but never all in one, with
   each one's article count ("korea 12, banana 3").

Words are judged by the field's own analyser (:func:`in_library`), so the
checks hold whatever the analyser makes of a word (stems, folding, pieces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from whoosh import collectors
from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance

from index.fulltext.expansion import lexicon
from index.fulltext.schema import ENTITY_FIELDS
from index.fulltext.spelling import within
from index.storage.store import Store

__all__ = ["MAX_PARTS", "in_library", "nothing_to_search", "typed_words", "why_nothing"]

#: Most parts of a query counted one by one to explain an empty AND.
MAX_PARTS = 8

_TEXT = ("title", "body")
#: What an article "has" in each field other than title and body, for "no article has …".
_HOLDS = {
    "author": "an author",
    "source": "a source",
    "category": "a category",
    "url": "a web address",
    "entity": "named entities found in it",
    "person": "people found in it",
    "org": "organisations found in it",
    "place": "places found in it",
    "group": "groups found in it",
    "event": "events found in it",
    "other": "products, works, laws or languages found in it",
}
#: The noun for one name of each entity field: "no person named 'xyz'".
_NAMED = {
    "entity": "entity",
    "person": "person",
    "org": "organisation",
    "place": "place",
    "group": "group",
    "event": "event",
    "other": "entity of kind 'other'",
}
_QUOTED = re.compile(r'"([^"]*)"')


def in_library(reader: IndexReader, word: str, fields: Iterable[str] = _TEXT) -> bool:
    """True when the analyser of one of ``fields`` makes of ``word`` a term that an article
    of the index holds (``missiles`` -> ``missil`` today; whatever the analyser makes of
    it tomorrow)."""
    for name in fields:
        if name in reader.schema:
            for term in reader.schema[name].process_text(word, mode="query"):
                if _live(reader, name, term):
                    return True
    return False


def _live(reader: IndexReader, field: str, term: str) -> bool:
    """True when some article not deleted holds ``term`` (a deleted article's terms stay
    in its segment until a merge, and only the postings leave it out)."""
    return (field, term) in reader and bool(reader.postings(field, term).is_active())


def typed_words(q: wq.Query, text: str, negated: bool = True) -> list[tuple[tuple[int, int], str]]:
    """``((start, end), word)`` for each plain word of ``q`` that searches the title or body,
    as typed in ``text`` (the query as parsed), in order; without ``negated``, leaving out
    words under NOT."""
    spans: dict[tuple[int, int], str] = {}
    for leaf in _leaves(q, negated):
        start, end = getattr(leaf, "startchar", None), getattr(leaf, "endchar", None)
        if type(leaf) is not wq.Term or leaf.fieldname not in _TEXT:
            continue
        if isinstance(start, int) and isinstance(end, int) and end > start:
            spans[(start, end)] = text[start:end]
    return sorted(spans.items())


def _leaves(q: wq.Query, negated: bool) -> Iterable[wq.Query]:
    if isinstance(q, wq.Not) and not negated:
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _leaves(child, negated)


def nothing_to_search(text: str, schema: Schema) -> str:
    """The notice for a query the parser turned into nothing: its words were all dropped
    by the analyser as stop words (if it drops any), or it had no word at all."""
    analyzer = getattr(schema["body"], "analyzer", None)
    stopped: list[str] = []
    if analyzer is not None:
        tokens = analyzer(text, removestops=False)
        stopped = [t.text for t in tokens if getattr(t, "stopped", False)]
    if stopped:
        shown = ", ".join(f"'{w}'" for w in dict.fromkeys(stopped))
        return f"only very common words ({shown}); nothing to search for"
    return "no word to search for in this query"


def _count(searcher: Searcher, q: wq.Query) -> int:
    """How many articles match ``q``, counted exactly (see ``search._collect``)."""
    top = collectors.TopCollector(limit=1, usequality=False, replace=0)
    searcher.search_with_collector(q, top)
    return len(top.results())


def why_nothing(searcher: Searcher, q: wq.Query, text: str, store: Store) -> str | None:
    """Why ``q`` (parsed from ``text``) matched no article, as one line, or None when it
    cannot be said. Call only when the search found nothing."""
    reader = searcher.reader()
    leaves = list(_leaves(q, negated=False))
    return (
        _fields(reader, leaves)
        or _unknown_words(reader, q, text)
        or _dates(searcher, store, leaves)
        or _phrases(searcher, reader, leaves, text)
        or _no_article_has_all(searcher, q, text)
    )


def _fields(reader: IndexReader, leaves: list[wq.Query]) -> str | None:
    for leaf in leaves:
        field = getattr(leaf, "fieldname", None)
        if field not in _HOLDS or field not in reader.schema:
            continue
        if next(iter(reader.lexicon(field)), None) is None:
            return f"no article has {_HOLDS[field]}"
        value = getattr(leaf, "text", None)
        if type(leaf) is wq.Term and isinstance(value, str) and not _live(reader, field, value):
            if field in ENTITY_FIELDS:
                named = f"no {_NAMED[field]} named '{value}' in the library"
                near = _nearest(lexicon(reader, field), value)
                return named + (f" (closest: '{near}')" if near else "")
            return f"no article has {field} '{value}'"
    return None


def _nearest(names: list[str], value: str) -> str | None:
    """The known name closest to ``value`` within two edits (more common names are not
    known here: the first in order among the closest), or None."""
    if len(value) < 3:
        return None
    found = within(names, value, 2 if len(value) > 4 else 1)
    if not found:
        return None
    return min(found, key=lambda n: (distance(n, value, limit=3), n))


def _dates(searcher: Searcher, store: Store, leaves: list[wq.Query]) -> str | None:
    """Undated articles, which a ``date:`` query never finds; or, when every article is
    dated, the dates they span if a ``date:`` part alone finds nothing."""
    dates = [leaf for leaf in leaves if getattr(leaf, "fieldname", None) == "date"]
    if not dates:
        return None
    total, dated, first, last = store.dates()
    if dated == 0:
        return "no article in the library has a date" if total else None
    span = f"dated articles run from {str(first)[:10]} to {str(last)[:10]}"
    if dated < total:
        return f"{total - dated:,} of {total:,} articles have no date; {span}"
    if any(_count(searcher, leaf) == 0 for leaf in dates[:MAX_PARTS]):
        return f"no article is dated in that range; {span}"
    return None


def _unknown_words(reader: IndexReader, q: wq.Query, text: str) -> str | None:
    fields: dict[tuple[int, int], set[str]] = {}
    for leaf in _leaves(q, negated=False):
        if type(leaf) is wq.Term and leaf.fieldname in _TEXT:
            span = (getattr(leaf, "startchar", None), getattr(leaf, "endchar", None))
            fields.setdefault(span, set()).add(leaf.fieldname)  # type: ignore[arg-type]
    unknown: dict[str, set[str]] = {}
    for span, word in typed_words(q, text, negated=False):
        where = fields.get(span, set(_TEXT))
        if not in_library(reader, word, sorted(where)):
            unknown.setdefault(word, set()).update(where)
    if not unknown:
        return None
    shown = ", ".join(f"'{w}'" for w in unknown)
    if all(where == {"title"} for where in unknown.values()):
        return f"no title contains {shown}"
    if all(where == {"body"} for where in unknown.values()):
        return f"no article's text contains {shown}"
    return f"no article contains {shown}"


def _phrase_label(words: tuple[str, ...], order: list[tuple[str, ...]], text: str) -> str:
    """A phrase as the user typed it: the n-th quoted part of the query for the n-th
    distinct phrase (Whoosh's parser keeps no place for phrases), else its terms."""
    quoted = _QUOTED.findall(text)
    if len(quoted) != len(order):  # a phrase the analyser made of an unquoted word
        return '"' + " ".join(words) + '"'

    n = order.index(words)
    return f'"{quoted[n]}"' if n < len(quoted) else '"' + " ".join(words) + '"'


def _phrases(
    searcher: Searcher, reader: IndexReader, leaves: list[wq.Query], text: str
) -> str | None:
    phrases: dict[tuple[str, ...], list[wq.Phrase]] = {}
    for leaf in leaves:
        if isinstance(leaf, wq.Phrase) and leaf.fieldname in _TEXT:
            phrases.setdefault(tuple(str(w) for w in leaf.words), []).append(leaf)
    order = list(phrases)
    for words, group in list(phrases.items())[:MAX_PARTS]:
        present = all(any(_live(reader, p.fieldname, w) for p in group) for w in words)
        if present and _count(searcher, wq.Or(group)) == 0:
            label = _phrase_label(words, order, text)
            return f"the words of {label} are each in the library, but never in that order"
    return None


def _label(part: wq.Query, text: str, phrases: list[tuple[str, ...]]) -> str | None:
    """How the user wrote one part of an AND: a word's text, or a phrase in quotes."""
    leaves = list(part.leaves())
    if all(isinstance(leaf, wq.Phrase) for leaf in leaves) and leaves:
        return _phrase_label(tuple(str(w) for w in leaves[0].words), phrases, text)
    if not all(type(leaf) is wq.Term and leaf.fieldname in _TEXT for leaf in leaves):
        return None
    spans = {(getattr(leaf, "startchar", None), getattr(leaf, "endchar", None)) for leaf in leaves}
    if len(spans) != 1:
        return None
    start, end = spans.pop()
    return text[start:end] if isinstance(start, int) and isinstance(end, int) else None


def _no_article_has_all(searcher: Searcher, q: wq.Query, text: str) -> str | None:
    if not isinstance(q, wq.And) or not 2 <= len(q.subqueries) <= MAX_PARTS:
        return None
    if any(isinstance(part, wq.Not) for part in q.subqueries):
        return None  # "korea NOT korea": counting each part would say nothing true
    phrases = list(
        dict.fromkeys(
            tuple(str(w) for w in leaf.words) for leaf in q.leaves() if isinstance(leaf, wq.Phrase)
        )
    )
    parts: list[tuple[str, int]] = []
    for part in q.subqueries:
        label = _label(part, text, phrases)
        if label is None:
            return None
        count = _count(searcher, part)
        if count == 0:
            return None
        parts.append((label, count))
    counts = ", ".join(f"{label} {count:,}" for label, count in parts)
    each = "each part of the query" if phrases else "each word"
    return f"{each} is in the library, but no article has them all: {counts}"
