"""Fuzzy words on the words as written: ``missle~`` finds "missile", not the stem "miss".

The query parser hands a fuzzy word over analysed (``missle~`` as the stem
``missl``, one edit from ``miss`` and from ``missil`` alike). Lucene's
``FuzzyQuery`` and Elasticsearch's ``fuzzy`` compare the word with the index's
terms too, but their terms are mostly words; nutgraf's are stems. Here the word
the user typed is compared with the library's words as written
(:class:`index.fulltext.spelling.Speller`), and each word found is turned into
its index term by the field's own analyser, whatever it does (stems, folding).
"""

from __future__ import annotations

from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.reading import IndexReader

from index.fulltext.spelling import Speller, is_word

__all__ = ["EDIT_WEIGHT", "BestOf", "fuzzy_as_written"]

#: The weight of a fuzzy word's match, per edit: a word one edit closer outweighs any
#: repetition of a farther one (BM25's term-frequency factor is at most ``k1 + 1`` = 2.2
#: times that of one occurrence; Whoosh's and Lucene's ``k1`` is 1.2).
EDIT_WEIGHT = 0.4


class _BestMatcher(matching.UnionMatcher):  # type: ignore[misc]
    """A union of postings scored by the best sub-matcher on the current article.

    Whoosh's ``DisjunctionMaxMatcher`` takes the max of both sides even when one
    is on another article, so every match scores alike (whoosh-reloaded 2.7.5).
    """

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active() or a.id() < b.id():
            return float(a.score())
        if b.id() < a.id():
            return float(b.score())
        return float(max(a.score(), b.score()))


class BestOf(wq.Or):  # type: ignore[misc]
    """Any of the subqueries; an article scores as the best of those it matches
    (Lucene's ``DisjunctionMaxQuery`` without a tie-breaker)."""

    def _matcher(self, subs: list[wq.Query], searcher: Any, context: Any) -> Any:
        return self._tree_matcher(subs, _BestMatcher, searcher, context, None)


def fuzzy_as_written(
    node: Any, reader: IndexReader, words: Speller, text: str, limit: int, notices: list[str]
) -> wq.Query | None:
    """The fuzzy word ``node`` of a text field as a :class:`BestOf` the index terms of the
    library's words as written within its edits and prefix.

    The word is ``text[startchar:endchar]`` (``text``: the query as parsed). At most
    ``limit`` words are searched, the closest and then the most common (the bounds of
    :mod:`index.fulltext.expansion`), with a notice in ``notices`` when that drops some.
    Each term is weighted :data:`EDIT_WEIGHT` to the power of its word's edits, and an
    article scored by its best term, so the closest word ranks first. None (search the
    index's terms instead) when the field has no analyser, the word's place in the
    query is not known, or it is not a word the vocabulary keeps (digits or symbols in
    it, or a script written without spaces).
    """
    field = reader.schema[node.fieldname]
    start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
    if not getattr(field, "analyzer", None) or not isinstance(start, int) or not end:
        return None
    typed = text[start:end]
    if not is_word(typed):
        return None  # digits, symbols or an unspaced script: not among the words kept
    found = words.near(typed, int(node.maxdist), int(node.prefixlength))
    if len(found) > limit:
        note = (
            f"{typed}~{node.maxdist} matches {len(found):,} words;"
            f" searched the {limit:,} closest (type more letters to narrow it)"
        )
        if note not in notices:
            notices.append(note)
        found = found[:limit]
    weights: dict[str, float] = {}
    for edits, word in found:
        weight = EDIT_WEIGHT**edits
        for form in {word, words.written(word)}:  # folded, and as most often written
            for term in field.process_text(form, mode="query"):
                if (node.fieldname, term) in reader and weight > weights.get(term, 0.0):
                    weights[term] = weight
    terms = [wq.Term(node.fieldname, t, boost=node.boost * w) for t, w in sorted(weights.items())]
    return BestOf(terms)
