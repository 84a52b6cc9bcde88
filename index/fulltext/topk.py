"""Top hits and the exact total of a one-word query without Whoosh's collector.

A single word searches the title and the body (``Or([Term(title), Term(body)])``).
For a common word (``dlrs`` is in 8,083 of the 19,676 articles of the 20k news
library) Whoosh's collector spends most of the search stepping a
``UnionMatcher`` and asking it for each match's score, about 4 µs a match.
Here each term's postings are read on their own, segment by segment, with the
same Whoosh matchers and scorers (so deleted documents are left out and every
score is the very float the collector would get), and the two fields' scores
are added where both hold a document, as ``UnionMatcher.score`` does
(``a + b``: with two terms the order of the sum cannot change it). The total is
the number of distinct documents, the top hits the best ``limit`` by score,
ties by document number, as ``TopCollector`` orders them.

Only the shapes that this reproduces exactly take this path (:func:`plain_terms`):
a ``Term`` or an ``Or`` of two ``Term`` queries, every boost 1 and no ``Or``
scaling. Block-max skipping (``TopCollector(usequality=True)``) was measured
first and skips next to nothing here (4 blocks of a common word's ~60): every
block of a common word holds some document of high weight.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.searching import Searcher

from index.fulltext.whoosh_patches import SearchCancelled

__all__ = ["plain_terms", "top_of_terms"]

_PER_MATCH = scoring.WeightLengthScorer.score


def plain_terms(q: wq.Query) -> list[wq.Term] | None:
    """The one or two terms of ``q`` when it is a ``Term`` or an ``Or`` of two
    ``Term`` queries with every boost 1 (and no scaling), else None."""
    if type(q) is wq.Term:
        subs = [q]
    elif isinstance(q, wq.Or) and not q.scale and q.boost == 1.0 and len(q.subqueries) == 2:
        subs = list(q.subqueries)
    else:
        return None
    if all(type(t) is wq.Term and t.boost == 1.0 and not t.minquality for t in subs):
        return subs
    return None


def _scored_blocks(m: Matcher) -> Iterator[tuple[Sequence[int], list[float]]]:
    """A term matcher's ``(ids, scores)``, a posting block at a time.

    A whole segment's ``W3LeafMatcher`` scored by a ``WeightLengthScorer`` (nutgraf's
    BM25F) is read from its decoded block arrays and scored with the scorer's own
    ``_score(weight, dfl(id))``, what ``WeightLengthScorer.score`` computes per match
    (both guarded in :data:`index.fulltext.whoosh_patches.FINGERPRINTS`); any other
    matcher (a segment with deletions wraps it in a ``FilterMatcher``, a rare term's
    postings are inlined) is stepped through one match at a time."""
    scorer: Any = getattr(m, "scorer", None)
    if type(m) is W3LeafMatcher and getattr(type(scorer), "score", None) is _PER_MATCH:
        score, dfl = scorer._score, scorer.dfl
        while m.is_active():
            m.id(), m.weight()  # decode the block's ids and weights
            ids, weights = m._ids[m._i :], m._weights[m._i :]
            yield ids, [score(w, dfl(d)) for d, w in zip(ids, weights, strict=True)]
            m._next_block()
        return
    while m.is_active():
        yield (m.id(),), [m.score()]
        m.next()


def top_of_terms(
    searcher: Searcher,
    terms: list[wq.Term],
    limit: int,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """``(total, [(docnum, score)])``: how many live documents hold any of ``terms``
    and the best ``limit`` of them, highest score first, ties by lower docnum.

    Raises SearchCancelled once ``cancelled()`` says so (asked once per segment
    and term)."""
    context = searcher.context()
    total = 0
    best: list[tuple[float, int]] = []  # (score, -docnum) of the best `limit` so far
    for sub, offset in searcher.leaf_searchers():
        scores: dict[int, float] = {}
        for n, term in enumerate(terms):
            if cancelled is not None and cancelled():
                raise SearchCancelled
            blocks = _scored_blocks(term.matcher(sub, context))
            if n == 0:
                for ids, found in blocks:
                    scores.update(zip(ids, found, strict=True))
                continue
            get = scores.get
            for ids, found in blocks:
                for d, score in zip(ids, found, strict=True):
                    before = get(d)
                    scores[d] = score if before is None else before + score
        total += len(scores)
        negated = [-(offset + d) for d in scores]
        best = heapq.nlargest(
            limit, [*best, *heapq.nlargest(limit, zip(scores.values(), negated, strict=True))]
        )
    return total, [(-negdoc, score) for score, negdoc in best]
