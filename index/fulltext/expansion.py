"""Bounding what prefix, wildcard and fuzzy words cost: the rules and the expansion.

A word like ``econom*``, ``in*f?x`` or ``missle~`` stands for every indexed
term it matches, and Whoosh left alone can make that very expensive: on the
6,684-article news library ``?*`` took 31 s, ``*a*`` 8 s, ``korea~3`` 13 s
and ``korea~2`` 4.8 s (measured here; the Levenshtein automaton that Whoosh
runs against each segment's term table does about 28,000 binary searches
there). Lucene and Elasticsearch bound the same queries with a few standard
rules, and nutgraf takes them:

- at most :data:`MAX_EDITS` edits in a fuzzy word (Lucene's
  ``LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE``, and ``FuzzyQuery``'s default);
- no wildcard in the first :data:`MIN_PREFIX` characters (Lucene's classic
  query parser refuses a leading wildcard, ``allowLeadingWildcard=false``);
- a fuzzy word stands for its :data:`FUZZY_EXPANSIONS` closest terms
  (Elasticsearch's ``max_expansions`` default, 50);
- a prefix or wildcard word, or a range of words (``[a to c]``), stands for
  at most :data:`MAX_EXPANSIONS` terms (Lucene's ``IndexSearcher.maxClauseCount``,
  1,024), the most frequent ones, and the search says so when that drops some;
- a lone ``*`` stands for every article (Whoosh's ``Every()``, a list of all
  documents, not the union of every posting of a field: ``*`` took 6.4 s, and 30
  ``(* -x)`` clauses 103 s, in Whoosh's way); ``field:*`` on a field other than
  title and body is refused: it would mean "has any value", which costs as much
  and is rarely what is meant.

:func:`check_limits` refuses what breaks the first two rules with a one-line
reason, when the query is parsed. :func:`expand` replaces each expanding word
by the fixed list of terms it stands for, found once in a sorted list of
the field's terms kept in memory (by bisection, and for fuzzy words by
Whoosh's Levenshtein automaton, as "did you mean" does) instead of once per
segment on disk, and returns the notices to show.
"""

from __future__ import annotations

import bisect
import fnmatch
import heapq
import re
import weakref
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import distance

from index.fulltext.fuzzy_word import fuzzy_as_written
from index.fulltext.spelling import Speller, within

__all__ = [
    "FUZZY_EXPANSIONS",
    "MAX_EDITS",
    "MAX_EXPANSIONS",
    "MIN_PREFIX",
    "ExpandedTerms",
    "check_limits",
    "expand",
    "lexicon",
    "typed",
]

MAX_EDITS = 2
MIN_PREFIX = 2
FUZZY_EXPANSIONS = 50
MAX_EXPANSIONS = 1024

_WILD = "*?"


class ExpandedTerms(wq.MultiTerm):  # type: ignore[misc]
    """An expanding word replaced by the terms it stands for (found once, in advance).

    It is still a multi-term query and scores as the word it replaces did
    (``constantscore``); ``words`` are its terms as text, which search looks
    up in the top hits to show where they matched.
    """

    def __init__(
        self,
        fieldname: str,
        text: str,
        words: Iterable[str],
        btexts: Iterable[bytes],
        boost: float = 1.0,
        constantscore: bool = True,
    ) -> None:
        self.fieldname = fieldname
        self.text = text
        self.words = tuple(words)
        self.btexts = tuple(btexts)
        self.boost = boost
        self.constantscore = constantscore

    def __unicode__(self) -> str:
        return f"{self.fieldname}:{self.text}"

    __str__ = __unicode__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExpandedTerms) and (self.fieldname, self.btexts, self.boost) == (
            other.fieldname,
            other.btexts,
            other.boost,
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, self.btexts, self.boost))

    def _btexts(self, ixreader: IndexReader) -> list[bytes]:
        return [b for b in self.btexts if (self.fieldname, b) in ixreader]


def _word(node: wq.Query) -> str:
    """How the user wrote an expanding word, for messages (``korea~3``, ``ko*``)."""
    if isinstance(node, wq.FuzzyTerm):
        return f"{node.text}~{node.maxdist}"
    if isinstance(node, wq.Prefix):
        return f"{node.text}*"
    if isinstance(node, wq.TermRange):
        return f"[{node.start or ''} to {node.end or ''}]"
    return str(node.text)


def typed(node: wq.Query, text: str) -> str | None:
    """How the user typed the word of ``node``: ``text[startchar:endchar]`` (``text``: the
    query as parsed), or None when Whoosh kept no place for it."""
    start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return text[start:end]
    return None


def check_limits(q: wq.Query, text: str = "") -> str | None:
    """The first way ``q`` (parsed from ``text``) breaks the rules above, as a one-line
    reason quoting the words as typed; None if it keeps them."""
    for node in _leaves(q):
        if _is_star(node) and getattr(node, "fieldname", None) not in _TEXT_FIELDS:
            field = node.fieldname
            return (
                f"{field}:* would match any {field}; search for a word in it ({field}:reuters),"
                " or leave the query empty to list every article"
            )
        if isinstance(node, wq.FuzzyTerm) and node.maxdist > MAX_EDITS:
            word = typed(node, text) or str(node.text)
            most = f"{word}~{MAX_EDITS}"
            return f"{word}~{node.maxdist}: fuzzy words allow at most {MAX_EDITS} edits ({most})"
        if isinstance(node, wq.Prefix | wq.Wildcard):
            text = str(node.text)
            literal = len(text) if isinstance(node, wq.Prefix) else _literal_prefix(text)
            if literal < MIN_PREFIX and text != "*":
                return f"{_word(node)}: type at least {MIN_PREFIX} letters before * or ?"
    return None


def _literal_prefix(pattern: str) -> int:
    return min((i for i, ch in enumerate(pattern) if ch in _WILD + "["), default=len(pattern))


_TEXT_FIELDS = (None, "title", "body")


def _is_star(node: wq.Query) -> bool:
    """``*``: Whoosh's Every, or a wildcard of nothing but a star."""
    return isinstance(node, wq.Every) or (isinstance(node, wq.Wildcard) and node.text == "*")


def _leaves(q: wq.Query) -> Iterable[wq.Query]:
    if isinstance(q, wq.MultiTerm | wq.Term | wq.Every):
        yield q
        return
    for child in q.children():
        yield from _leaves(child)


def expand(
    q: wq.Query, reader: IndexReader, words: Speller | None = None, text: str = ""
) -> tuple[wq.Query, list[str]]:
    """``q`` with each prefix, wildcard and fuzzy word replaced by :class:`ExpandedTerms`,
    and a notice for each word that stood for more terms than were searched.

    With ``words`` (the library's words as written) and ``text`` (the query as parsed),
    a fuzzy word of a text field is expanded over the words as written, not over the
    index's terms (see :func:`index.fulltext.fuzzy_word.fuzzy_as_written`).

    The MAX_EXPANSIONS terms are shared by all the expanding words of the query
    (Lucene counts every clause of a query against ``maxClauseCount``), so that
    eighteen prefixes cost what one does.
    """
    leaves = [n for n in _leaves(q) if _expands(n) and n.fieldname in reader.schema]
    budget = max(1, MAX_EXPANSIONS // max(1, len(leaves)))
    notices: list[str] = []
    found: dict[str, bool] = {}  # "matches nothing" notice -> whether some field matched

    def rewrite(node: wq.Query) -> wq.Query:
        if _is_star(node):
            return wq.Every(boost=node.boost)  # every article, whatever field was named
        if _expands(node) and node.fieldname in reader.schema:
            new: wq.Query | None = None
            if isinstance(node, wq.FuzzyTerm) and words is not None and len(words):
                limit = min(FUZZY_EXPANSIONS, budget)
                new = fuzzy_as_written(node, reader, words, text, limit, notices)
            if new is None:
                new = _expand_one(node, reader, budget, notices)
            miss = _nothing(node, text)
            found[miss] = found.get(miss, False) or _matches_some(new)
            return new
        return node.apply(rewrite)

    rewritten = rewrite(q)
    notices.extend(miss for miss, some in found.items() if not some and miss not in notices)
    return rewritten, notices


def _nothing(node: Any, text: str) -> str:
    """The notice for an expanding word that matches no word of the library."""
    if isinstance(node, wq.FuzzyTerm):
        start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
        typed = text[start:end] if isinstance(start, int) and end else str(node.text)
        edits = "edit" if node.maxdist == 1 else "edits"
        return f"no word in the library is within {node.maxdist} {edits} of '{typed}'"
    return f"{_word(node)} matches no word in the library"


def _matches_some(q: wq.Query) -> bool:
    if isinstance(q, ExpandedTerms):
        return bool(q.words)
    return not isinstance(q, wq.Or) or bool(q.subqueries)


def _note(notices: list[str], note: str) -> None:
    if note not in notices:
        notices.append(note)


def _expands(node: wq.Query) -> bool:
    if _is_star(node):
        return False  # every article: see expand()
    return isinstance(node, wq.FuzzyTerm | wq.Prefix | wq.Wildcard | wq.TermRange)


def _expand_one(node: Any, reader: IndexReader, budget: int, notices: list[str]) -> wq.Query:
    field = node.fieldname
    text = _word(node) if isinstance(node, wq.TermRange) else str(node.text)
    if isinstance(node, wq.FuzzyTerm):
        words = within(lexicon(reader, field), text, int(node.maxdist), int(node.prefixlength))
        limit = min(FUZZY_EXPANSIONS, budget)
    elif isinstance(node, wq.Prefix):
        words = _prefixed(lexicon(reader, field), text)
        limit = budget
    elif isinstance(node, wq.TermRange):
        words = _ranged(lexicon(reader, field), node)
        limit = budget
    else:
        matches = re.compile(fnmatch.translate(text)).match
        start = text[: _literal_prefix(text)]
        words = [w for w in _prefixed(lexicon(reader, field), start) if matches(w)]
        limit = budget
    to_bytes = reader.schema[field].to_bytes
    btexts = [to_bytes(w) for w in words]
    if len(btexts) > limit:
        btexts = _most_frequent(reader, field, btexts, text, node, limit)
        which = "closest" if isinstance(node, wq.FuzzyTerm) else "most common"
        ranged = isinstance(node, wq.TermRange)
        hint = "narrow the range" if ranged else "type more letters to narrow it"
        note = (
            f"{_word(node)} matches {len(words):,} words; searched the {limit:,} {which} ({hint})"
        )
        _note(notices, note)
    from_bytes = reader.schema[field].from_bytes
    return ExpandedTerms(
        field,
        text,
        [from_bytes(b) for b in btexts],
        btexts,
        boost=node.boost,
        constantscore=node.constantscore,
    )


def _most_frequent(
    reader: IndexReader, field: str, btexts: list[bytes], text: str, node: Any, limit: int
) -> list[bytes]:
    """The ``limit`` terms of ``btexts`` to search: the closest to a fuzzy word (then the
    most frequent), or the most frequent for a prefix or wildcard."""
    frequency = reader.doc_frequency
    if isinstance(node, wq.FuzzyTerm):
        from_bytes = reader.schema[field].from_bytes

        def rank(b: bytes) -> tuple[int, int]:
            return distance(from_bytes(b), text, limit=MAX_EDITS + 1), -frequency(field, b)

        return sorted(heapq.nsmallest(limit, btexts, key=rank))
    return sorted(heapq.nlargest(limit, btexts, key=lambda b: frequency(field, b)))


#: Reader -> field -> its sorted terms. Beside the readers, not on them, so that nothing
#: is written into Whoosh's objects; an entry lives as long as its reader.
_LEXICONS: weakref.WeakKeyDictionary[IndexReader, dict[str, list[str]]] = (
    weakref.WeakKeyDictionary()
)


def lexicon(reader: IndexReader, field: str) -> list[str]:
    """Every term of ``field``, sorted, kept for the reader (a new index state gets a new
    reader): 0.15 s for the news library's 30,000 body terms, then free."""
    cache = _LEXICONS.get(reader)
    if cache is None:
        cache = _LEXICONS[reader] = {}
    words = cache.get(field)
    if words is None:
        from_bytes = reader.schema[field].from_bytes
        words = cache[field] = [from_bytes(b) for b in reader.lexicon(field)]
    return words


def _ranged(words: list[str], node: Any) -> list[str]:
    """The words of the sorted list ``words`` within a term range (its ends included
    unless the range excludes them; a missing end is open)."""
    start, end = node.start, node.end
    lo = (
        0
        if start is None
        else (bisect.bisect_right if node.startexcl else bisect.bisect_left)(words, start)
    )
    hi = (
        len(words)
        if end is None
        else (bisect.bisect_left if node.endexcl else bisect.bisect_right)(words, end)
    )
    return words[lo:hi]


def _prefixed(words: list[str], prefix: str) -> list[str]:
    """The words of the sorted list ``words`` that start with ``prefix``."""
    start = bisect.bisect_left(words, prefix)
    end = bisect.bisect_left(words, prefix + "\U0010ffff", start)
    return words[start:end]
