"""Which segments a commit merges: a tiered policy in the style of Lucene's TieredMergePolicy.

Every commit of an add writes one Whoosh segment, and search time grows with the
segment count (a one-segment index searched in about half the time of five, see
``shared/notes``), so segments must be merged; but merging everything on every
commit rewrites the whole index (18 s for the 6.8k news corpus). Lucene's
``TieredMergePolicy`` (Apache Lucene, ``org.apache.lucene.index``, its javadoc and
``findMerges``) answers both: segments are sized, the index is allowed
``SEGMENTS_PER_TIER`` segments per tier of sizes growing by ``MAX_MERGE_AT_ONCE``
from ``FLOOR_DOCS``, and when there are more, the cheapest merge of up to
``MAX_MERGE_AT_ONCE`` segments of similar size is chosen (lowest skew: the
biggest segment's share of the merge). Every document is then rewritten about
``log(n / FLOOR_DOCS) / log(MAX_MERGE_AT_ONCE)`` times over its life, and the
segment count stays logarithmic in the library's size.

Sizes here are documents, not bytes (a Whoosh segment's size on disk follows its
documents closely enough for news articles, and counting them needs no ``stat``).
No merge an ordinary commit chooses writes more than ``MAX_MERGED_DOCS``
documents: a segment over half that is never merged again by an add (only by
``nutgraf optimize``), which bounds the work of any one commit. Deleted documents
(a re-added article leaves its old copy deleted) make a segment's merge more
attractive, and a segment more than ``DELETES_PCT`` deleted is rewritten on
its own even when its tier is not full.

This module is pure arithmetic on ``(live, deleted)`` pairs: ``index.fulltext.segments``
applies it to Whoosh segments, and tests and benchmarks can simulate it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "DELETES_PCT",
    "FLOOR_DOCS",
    "MAX_MERGED_DOCS",
    "MAX_MERGE_AT_ONCE",
    "SEGMENTS_PER_TIER",
    "SMALL_COMMIT_FACTOR",
    "Size",
    "allowed_segments",
    "choose_merge",
]

#: Segments smaller than this count as this big (Lucene's ``floorSegmentMB``): the small
#: segments of an add's first batches are merged together early and cheaply.
FLOOR_DOCS = 1000
#: Segments allowed per tier (Lucene's ``segmentsPerTier``, 10 there: a Whoosh segment
#: costs a search far more than a Lucene one, so fewer). Chosen by measurement (see
#: the README's "Speed and quality").
SEGMENTS_PER_TIER = 2
#: Segments merged at once at most, and the factor by which tiers grow (Lucene's
#: ``maxMergeAtOnce``, 10 there).
MAX_MERGE_AT_ONCE = 4
#: The most documents a merge chosen by a commit may write (Lucene's
#: ``maxMergedSegmentMB``): it bounds the merge work of one ordinary commit. A merge
#: costs about as much per document as indexing it (1.5-3 ms on the 2-core machine of
#: the benchmarks), so this is at most about a minute, a few times in a 100k add;
#: 40,000 left 7 segments at 100k instead of 9 but merged up to 34,000 in one commit.
MAX_MERGED_DOCS = 25_000
#: A commit of fewer than FLOOR_DOCS documents merges at most this many times its
#: own number: the benchmark's 1% re-add (68 articles) has a budget of about 4 s, and
#: merging a 1,000-document segment into it costs 2-4 s.
SMALL_COMMIT_FACTOR = 10
#: A segment with more than this percentage of its documents deleted is rewritten
#: without them (Lucene's ``deletesPctAllowed``, 33 there since 7.5; 20 before).
DELETES_PCT = 20


@dataclass(frozen=True)
class Size:
    """A segment's documents: ``live`` ones and ``deleted`` ones still in its files."""

    live: int
    deleted: int = 0

    @property
    def floored(self) -> int:
        """Its size as the policy weighs it: live documents, at least FLOOR_DOCS."""
        return max(self.live, FLOOR_DOCS)

    @property
    def deleted_share(self) -> float:
        """The share (0..1) of its documents that are deleted."""
        total = self.live + self.deleted
        return self.deleted / total if total else 0.0


def allowed_segments(sizes: Sequence[Size]) -> int:
    """How many segments an index of ``sizes`` may hold before a merge is due: each tier
    (the smallest segment's size, at least FLOOR_DOCS, then MAX_MERGE_AT_ONCE times
    bigger, ...) may hold SEGMENTS_PER_TIER (Lucene's ``allowedSegCount``)."""
    if not sizes:
        return 1
    left = sum(s.floored for s in sizes)
    level = min(s.floored for s in sizes)  # Lucene starts at the smallest segment's size
    allowed = 0
    while True:
        count = left / level
        if count < SEGMENTS_PER_TIER:
            return max(allowed + math.ceil(count), 1)
        allowed += SEGMENTS_PER_TIER
        left -= SEGMENTS_PER_TIER * level
        level *= MAX_MERGE_AT_ONCE


def choose_merge(
    sizes: Sequence[Size], incoming: int = 0, limit: int = MAX_MERGED_DOCS
) -> list[int]:
    """The indexes (into ``sizes``) of the segments to merge now, or ``[]`` for none.

    ``incoming`` is the number of documents the commit writes itself: they make a
    segment of their own, which the policy counts (so that after the commit the index
    is within its budget) and which costs nothing more to merge with, as the merged
    documents are written into that very segment.

    Segments holding more than ``limit / 2`` live documents are left alone (merging
    them would write more than ``limit``), except one mostly deleted that fits in
    ``limit``. Among the others, when they are more than :func:`allowed_segments`, the
    group of up to MAX_MERGE_AT_ONCE neighbours by size with the lowest score is merged
    (Lucene's ``score``: skew, times a small penalty for size, divided by the square
    of the share left live, so deletes are reclaimed first). Otherwise the segment
    most deleted past DELETES_PCT is rewritten alone.
    """
    if 0 < incoming < FLOOR_DOCS:
        # A small commit (a re-add of a few changed articles, one story) merges at most
        # SMALL_COMMIT_FACTOR times its own documents: the small segments it leaves are
        # merged among themselves, and the bigger ones by the next big commit.
        limit = min(limit, incoming * SMALL_COMMIT_FACTOR)
    if incoming:
        new = len(sizes)
        chosen = choose_merge([*sizes, Size(incoming)], 0, limit)
        return [i for i in chosen if i != new] if len(chosen) > 1 or new not in chosen else []
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i].live, i))
    eligible = [i for i in order if sizes[i].live <= limit // 2]
    big = [sizes[i] for i in order if i not in eligible]
    # The too-big segments take up their own tiers' room, as Lucene subtracts their bytes.
    budget = allowed_segments([sizes[i] for i in eligible]) + len(big)
    if len(sizes) > budget and len(eligible) > 1:
        best: tuple[float, list[int]] | None = None
        for start in range(len(eligible)):
            group: list[int] = []
            total = 0
            for i in eligible[start:]:
                if len(group) == MAX_MERGE_AT_ONCE:
                    break
                if total + sizes[i].live > limit:
                    continue  # Lucene skips one that would make the merge too big
                group.append(i)
                total += sizes[i].live
            if len(group) < 2:
                continue
            score = _score([sizes[i] for i in group])
            if best is None or score < best[0]:
                best = (score, group)
        if best is not None:
            return sorted(best[1])
    deleted = [
        i
        for i in range(len(sizes))
        if sizes[i].deleted_share * 100 > DELETES_PCT and sizes[i].live <= limit
    ]
    if deleted:
        return [max(deleted, key=lambda i: (sizes[i].deleted_share, -i))]
    return []


def _score(group: Sequence[Size]) -> float:
    """Lucene's merge score (lower is better): the biggest segment's share of the
    merge (1/n for n equal segments), times its size to the power 0.05 (small merges
    first, all else equal), over the square of the share of documents left live."""
    floored = [s.floored for s in group]
    skew = max(floored) / sum(floored)
    live = sum(s.live for s in group)
    total = sum(s.live + s.deleted for s in group)
    live_share = live / total if total else 1.0
    return float(skew * max(live, 1) ** 0.05 / max(live_share, 0.01) ** 2)
