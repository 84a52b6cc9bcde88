"""Top hits and the exact total of a one- or two-word query without Whoosh's collector.

A word searches the title and the body (``Or([Term(title), Term(body)])``). For a
common word (``dlrs`` is in 8,083 of the 19,676 articles of the 20k news library)
Whoosh's collector spends most of the search stepping a ``UnionMatcher`` and
asking it for each match's score, about 4 µs a match. Here each term's postings
are read a block at a time, segment by segment, with the same Whoosh matchers and
scorers (so deleted documents are left out and every score is the very float the
collector would get); the two fields' scores are added where both hold a
document, as ``UnionMatcher.score`` does, and two such words joined by AND are
scored only where both match and added as ``IntersectionMatcher.score`` does. The
total is the number of distinct documents matched, the top hits the best
``limit`` by score, ties by document number, as ``TopCollector`` orders them.

Only the shapes this reproduces exactly take this path (:func:`plain_groups`).
Block-max skipping (``TopCollector(usequality=True)``) was measured first and
skips next to nothing here (4 blocks of a common word's ~60): every block of a
common word holds some document of high weight.
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

__all__ = ["plain_groups", "plain_terms", "top_of_groups"]

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


def plain_groups(q: wq.Query) -> list[list[wq.Term]] | None:
    """``[terms]`` for a query of :func:`plain_terms`, ``[terms, terms]`` for an ``And``
    (boost 1) of two of them (``oil AND prices``), else None. With at most two
    groups and two terms in each, every sum that ranks a match has two addends, as
    ``UnionMatcher`` and ``IntersectionMatcher`` add them, so no order can change it."""
    one = plain_terms(q)
    if one is not None:
        return [one]
    if type(q) is wq.And and q.boost == 1.0 and len(q.subqueries) == 2:
        groups = [plain_terms(sub) for sub in q.subqueries]
        if groups[0] is not None and groups[1] is not None:
            return [groups[0], groups[1]]
    return None


#: How a block's values become scores: (``_score``, ``dfl``) of the term's scorer, or
#: None when the values are the scores already.
_Scorer = tuple[Callable[[float, int], float], Callable[[int], int]] | None
_Block = tuple[Sequence[int], Sequence[float], _Scorer]


def _blocks(m: Matcher) -> Iterator[_Block]:
    """A term matcher's postings, a block at a time: ``(ids, values, scorer)``.

    A whole segment's ``W3LeafMatcher`` scored by a ``WeightLengthScorer`` (nutgraf's
    BM25F) is read from its decoded block arrays (values are weights, scored with the
    scorer's own ``_score(weight, dfl(id))``, what ``WeightLengthScorer.score``
    computes per match; both guarded in
    :data:`index.fulltext.whoosh_patches.FINGERPRINTS`); any other matcher (a
    segment with deletions wraps it in a ``FilterMatcher``, a rare term's postings
    are inlined) is stepped through one match at a time, values being scores."""
    scorer: Any = getattr(m, "scorer", None)
    if type(m) is W3LeafMatcher and getattr(type(scorer), "score", None) is _PER_MATCH:
        how = (scorer._score, scorer.dfl)
        while m.is_active():
            m.id(), m.weight()  # decode the block's ids and weights
            yield m._ids[m._i :], m._weights[m._i :], how
            m._next_block()
        return
    while m.is_active():
        yield (m.id(),), (m.score(),), None
        m.next()


def _scored(block: _Block, wanted: set[int] | None) -> list[tuple[int, float]]:
    """``(id, score)`` of a block's postings (those in ``wanted``, if given)."""
    ids, values, how = block
    pairs = zip(ids, values, strict=True)
    if how is None:
        return [(d, v) for d, v in pairs if wanted is None or d in wanted]
    score, dfl = how
    if wanted is None:
        return [(d, score(w, dfl(d))) for d, w in pairs]
    return [(d, score(w, dfl(d))) for d, w in pairs if d in wanted]


def _group_scores(terms: list[list[_Block]], wanted: set[int] | None) -> dict[int, float]:
    """docnum -> the sum of the terms' scores (as ``UnionMatcher.score``: ``a + b``)."""
    scores: dict[int, float] = {}
    get = scores.get
    for n, blocks in enumerate(terms):
        for block in blocks:
            if n == 0:
                scores.update(_scored(block, wanted))
                continue
            for d, score in _scored(block, wanted):
                before = get(d)
                scores[d] = score if before is None else before + score
    return scores


def top_of_groups(
    searcher: Searcher,
    groups: list[list[wq.Term]],
    limit: int,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """``(total, [(docnum, score)])`` for a query of :func:`plain_groups`: how many live
    documents match (hold any term of each group) and the best ``limit`` of them,
    highest score first, ties by lower docnum (as ``TopCollector``). With two groups
    only the documents in both are scored.

    Raises SearchCancelled once ``cancelled()`` says so (asked once per segment
    and group)."""
    context = searcher.context()
    total = 0
    best: list[tuple[float, int]] = []  # (score, -docnum) of the best `limit` so far
    for sub, offset in searcher.leaf_searchers():
        read: list[list[list[_Block]]] = []
        for group in groups:
            if cancelled is not None and cancelled():
                raise SearchCancelled
            read.append([list(_blocks(term.matcher(sub, context))) for term in group])
        wanted: set[int] | None = None
        if len(read) == 2:
            a, b = ({d for blocks in g for ids, _, _ in blocks for d in ids} for g in read)
            wanted = a & b
            if not wanted:
                continue
        scores = _group_scores(read[0], wanted)
        if len(read) == 2:
            other = _group_scores(read[1], wanted)
            scores = {d: score + other[d] for d, score in scores.items()}
        total += len(scores)
        negated = [-(offset + d) for d in scores]
        best = heapq.nlargest(
            limit, [*best, *heapq.nlargest(limit, zip(scores.values(), negated, strict=True))]
        )
    return total, [(-negdoc, score) for score, negdoc in best]
