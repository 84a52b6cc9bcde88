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

from collections.abc import Iterable
from itertools import pairwise

from whoosh import collectors
from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance

from index.fulltext.expansion import lexicon, typed
from index.fulltext.field_notices import (
    KIND_NOUN,
    elsewhere,
    entity_elsewhere,
    holds,
    live,
    no_language,
    try_field,
)
from index.fulltext.schema import ENTITY_FIELDS
from index.fulltext.spelling import within
from index.storage.store import Store

__all__ = ["MAX_PARTS", "NOTHING_TO_SEARCH", "in_library", "typed_words", "why_nothing"]

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


def in_library(reader: IndexReader, word: str, fields: Iterable[str] = _TEXT) -> bool:
    """True when the analyser of one of ``fields`` makes of ``word`` terms that articles
    of the index hold, every one of them (``missiles`` -> ``missil``; a CJK word's
    bigrams; whatever the analyser makes of it tomorrow)."""
    return any(holds(reader, word, name) for name in fields)


def _span(leaf: wq.Query) -> tuple[int, int] | None:
    start, end = getattr(leaf, "startchar", None), getattr(leaf, "endchar", None)
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return (start, end)
    return None


def _word_spans(phrase: wq.Phrase) -> list[tuple[int, int]] | None:
    """Where each word of a quoted phrase was typed, when its words are apart (not the
    overlapping bigrams of a CJK run, nor a name's parts sharing one place)."""
    ranges = getattr(phrase, "char_ranges", None)
    if not ranges or len(ranges) != len(phrase.words):
        return None
    spans: list[tuple[int, int]] = []
    for start, end in ranges:
        if not isinstance(start, int) or not isinstance(end, int) or end <= start:
            return None
        if spans and start < spans[-1][1]:
            return None
        spans.append((start, end))
    return spans


def typed_words(q: wq.Query, text: str, negated: bool = True) -> list[tuple[tuple[int, int], str]]:
    """``((start, end), word)`` for each plain word of ``q`` that searches the title or body,
    as typed in ``text`` (the query as parsed), in order, the words of a quoted phrase
    too; without ``negated``, leaving out words under NOT."""
    spans: dict[tuple[int, int], str] = {}
    for leaf in _leaves(q, negated):
        if getattr(leaf, "fieldname", None) not in _TEXT:
            continue
        if type(leaf) is wq.Term:
            where = [_span(leaf)]
        elif isinstance(leaf, wq.Phrase):
            where = list(_word_spans(leaf) or ())
        else:
            continue
        for span in where:
            if span is not None and span[1] <= len(text):
                spans[span] = text[span[0] : span[1]]
    return sorted(spans.items())


def _leaves(q: wq.Query, negated: bool) -> Iterable[wq.Query]:
    if isinstance(q, wq.Not) and not negated:
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _leaves(child, negated)


#: The notice for a query the analyser makes no term of (punctuation, marks alone,
#: zero-width characters): nothing is dropped as a stop word any more.
NOTHING_TO_SEARCH = "no word to search for in this query"


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
        _fields(searcher, leaves, text, store)
        or _unknown_words(reader, leaves, text)
        or _dates(searcher, store, leaves)
        or _phrases(searcher, reader, leaves, text, q)
        or _no_article_has_all(searcher, q, text)
    )


def _fields(searcher: Searcher, leaves: list[wq.Query], text: str, store: Store) -> str | None:
    reader = searcher.reader()
    for leaf in leaves:
        field = getattr(leaf, "fieldname", None)
        value = getattr(leaf, "text", None)
        if field == "lang" and type(leaf) is wq.Term:
            said = no_language(searcher, leaf, text)
            if said:
                return said
        if field not in _HOLDS or field not in reader.schema:
            continue
        if next(iter(reader.lexicon(field)), None) is None:
            return f"no article has {_HOLDS[field]}"
        if type(leaf) is wq.Term and isinstance(value, str) and not live(reader, field, value):
            shown = typed(leaf, text) or value
            if field in ENTITY_FIELDS:
                named = f"no {KIND_NOUN[field]} named '{shown}' in the library"
                near = _nearest(lexicon(reader, field), value)
                other = entity_elsewhere(store, field, shown)
                return named + (other or (f" (closest: '{near}')" if near else ""))
            return f"no article has {field} '{shown}'"
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


def _quote(shown: str) -> str:
    """A word or phrase as typed, in quotes: ``'word'``, or ``"a phrase"`` as typed."""
    return shown if shown.startswith('"') else f"'{shown}'"


def _runs(words: list[str], present: list[bool]) -> list[str]:
    """The stretches of an unspaced word that articles hold: maximal runs of its
    overlapping bigrams each held (``力量 量国 国防`` with ``量国`` missing: ``力量``,
    ``国防``); none when its terms are not such bigrams."""
    if any(len(w) != 2 for w in words) or any(a[1] != b[0] for a, b in pairwise(words)):
        return []
    runs: list[str] = []
    current = ""
    for word, held in zip(words, present, strict=True):
        if held:
            current = current + word[1] if current else word
        elif current:
            runs.append(current)
            current = ""
    return [*runs, current] if current else runs


def _units(leaves: list[wq.Query], text: str) -> dict[str, tuple[set[str], list[wq.Phrase]]]:
    """Each word as typed (a plain word, a word of a quoted phrase, or a word of an
    unspaced script, which Whoosh searches as a phrase of bigrams) with the text fields
    it searches and, for an unspaced word or a phrase whose words have no places, its
    phrases."""
    units: dict[str, tuple[set[str], list[wq.Phrase]]] = {}
    for leaf in leaves:
        field = getattr(leaf, "fieldname", None)
        if field not in _TEXT:
            continue
        if type(leaf) is wq.Term:
            span = _span(leaf)
            if span is not None:
                units.setdefault(text[span[0] : span[1]], (set(), []))[0].add(field)
        elif isinstance(leaf, wq.Phrase):
            spans = _word_spans(leaf)
            if spans is not None:
                for start, end in spans:
                    units.setdefault(text[start:end], (set(), []))[0].add(field)
                continue
            shown = typed(leaf, text)
            if shown is not None:
                fields, phrases = units.setdefault(shown, (set(), []))
                fields.add(field)
                phrases.append(leaf)
    return units


def _unknown_words(reader: IndexReader, leaves: list[wq.Query], text: str) -> str | None:
    unknown: dict[str, set[str]] = {}
    parts: dict[str, list[str]] = {}
    for shown, (where, phrases) in _units(leaves, text).items():
        if not phrases:
            if not in_library(reader, shown, sorted(where)):
                unknown[shown] = where
            continue
        words = [str(w) for w in phrases[0].words]
        present = [any(live(reader, p.fieldname, w) for p in phrases) for w in words]
        if not all(present):
            unknown[shown] = where
            parts[shown] = _runs(words, present)[:MAX_PARTS]
    if not unknown:
        return None
    said: list[str] = []
    hinted: list[str] = []
    for shown, where in unknown.items():
        bare = shown.strip('"') if shown.startswith('"') else shown
        field = elsewhere(reader, bare) if where == set(_TEXT) and bare else None
        if field is not None:
            hinted.append(try_field(bare, field))
        else:
            said.append(shown)
    if not said:
        return "; ".join(hinted)
    shown_all = ", ".join(_quote(w) for w in said)
    if all(unknown[w] == {"title"} for w in said):
        line = f"no title contains {shown_all}"
    elif all(unknown[w] == {"body"} for w in said):
        line = f"no article's text contains {shown_all}"
    else:
        line = f"no article contains {shown_all}"
    held = [p for w in said for p in parts.get(w, ())]
    if len(said) == 1 and len(held) >= 2:
        line += f" (its parts {', '.join(map(repr, held))} are, but never in that order)"
    return "; ".join([line, *hinted])


def _phrase_label(leaf: wq.Phrase, text: str) -> str:
    """A phrase as the user typed it: quoted as typed, a word of an unspaced script
    in quotes, else its terms."""
    shown = typed(leaf, text)
    if shown is None:
        return '"' + " ".join(str(w) for w in leaf.words) + '"'
    return shown if shown.startswith('"') else f'"{shown}"'


def _phrases(
    searcher: Searcher, reader: IndexReader, leaves: list[wq.Query], text: str, q: wq.Query
) -> str | None:
    phrases: dict[tuple[str, ...], list[wq.Phrase]] = {}
    for leaf in leaves:
        if isinstance(leaf, wq.Phrase) and leaf.fieldname in _TEXT:
            phrases.setdefault(tuple(str(w) for w in leaf.words), []).append(leaf)
    for words, group in list(phrases.items())[:MAX_PARTS]:
        present = all(any(live(reader, p.fieldname, w) for p in group) for w in words)
        # A query that is only this phrase (in its fields) has just been run and found
        # nothing: running it again to count would double the time of the slowest
        # searches (a phrase of two common words: 100-200 ms on 20k articles).
        if present and (_only_these(q, group) or _count(searcher, wq.Or(group)) == 0):
            label = _phrase_label(group[0], text)
            return f"the words of {label} are each in the library, but never in that order"
    return None


def _only_these(q: wq.Query, group: list[wq.Phrase]) -> bool:
    """Whether ``q`` is these phrases alone, or an OR of them: what matches it matches
    one of them and the reverse."""
    if isinstance(q, wq.Or):
        return all(_only_these(child, group) for child in q.subqueries)
    return any(q is phrase for phrase in group)


def _label(part: wq.Query, text: str) -> str | None:
    """How the user wrote one part of an AND: a word's text, or a phrase in quotes."""
    leaves = list(part.leaves())
    if all(isinstance(leaf, wq.Phrase) for leaf in leaves) and leaves:
        return _phrase_label(leaves[0], text)
    if not leaves or not all(type(leaf) is wq.Term for leaf in leaves):
        return None
    fields = {leaf.fieldname for leaf in leaves}
    spans = {_span(leaf) for leaf in leaves}
    if len(spans) != 1 or (len(fields) > 1 and not fields <= set(_TEXT)):
        return None
    span = spans.pop()
    if span is None:
        return None
    field = fields.pop()
    shown = text[span[0] : span[1]]
    return shown if field in _TEXT else f"{field}:{shown}"  # lang:fr, person:putin


def _no_article_has_all(searcher: Searcher, q: wq.Query, text: str) -> str | None:
    if not isinstance(q, wq.And) or not 2 <= len(q.subqueries) <= MAX_PARTS:
        return None
    if any(isinstance(part, wq.Not) for part in q.subqueries):
        return None  # "korea NOT korea": counting each part would say nothing true
    phrases = any(isinstance(leaf, wq.Phrase) for leaf in q.leaves())
    parts: list[tuple[str, int]] = []
    for part in q.subqueries:
        label = _label(part, text)
        if label is None:
            return None
        count = _count(searcher, part)
        if count == 0:
            return None
        parts.append((label, count))
    counts = ", ".join(f"{label} {count:,}" for label, count in parts)
    each = "each part of the query" if phrases else "each word"
    return f"{each} is in the library, but no article has them all: {counts}"
