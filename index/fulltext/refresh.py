"""Opening a Whoosh reader on an index's latest commit, keeping what has not changed.

A searcher kept open across commits (the reader's) must be refreshed when the
index changes. Whoosh's own ``Searcher.refresh`` calls
``FileIndex.reader(reuse=...)``, which (whoosh-reloaded 2.7.5, ``index.py``
``_reader``) *adds the old reader's segments* to the new commit's list: after
a commit that merged segments, or a rebuild, every hit came back twice. It
also reuses an old segment reader whose segment has gained deletions since
(segments compare equal by id), so removed articles still matched.

:func:`open_reader` does the refresh itself: it reads the latest TOC and
reuses an old segment reader only when the segment id and its deleted count
are both unchanged (a segment's deletions only ever grow, so equal counts mean
equal deletions), and closes the old readers it did not reuse. Reusing keeps
what is cached for a segment reader (the BM25F field lengths of
``index.fulltext.whoosh_patches``).
"""

from __future__ import annotations

import time
from typing import Any

from whoosh.index import TOC, Index
from whoosh.reading import EmptyReader, IndexReader, MultiReader, SegmentReader

__all__ = ["open_reader"]

#: Tries at opening the latest commit when a writer deletes its files under us
#: (as Whoosh's own ``FileIndex.reader`` does), and the pause between tries.
_TRIES, _PAUSE = 10, 0.05


def open_reader(ix: Index, reuse: IndexReader | None = None) -> tuple[IndexReader, int]:
    """A reader of ``ix`` as of its latest commit, and that commit's TOC generation.

    ``reuse`` is the reader being replaced: its segment readers for unchanged
    segments are taken over, and the others closed (``reuse`` itself must not
    be used afterwards). Raises what Whoosh raises on a damaged index, after
    retrying for a moment when files vanish under it (``OSError``).
    """
    old: dict[tuple[str, int], IndexReader] = {}
    if reuse is not None:
        for leaf, _ in reuse.leaf_readers():
            segment = leaf.segment()
            if segment is not None:
                old[(segment.segment_id(), segment.deleted_count())] = leaf
            else:
                leaf.close()
    for attempt in range(_TRIES):
        try:
            toc = TOC.read(ix.storage, ix.indexname)
            readers = _leaf_readers(ix, toc, old)
            break
        except OSError:  # a writer deleted an old commit's files as we read them
            if attempt == _TRIES - 1:
                raise
            time.sleep(_PAUSE)
    for leaf in old.values():
        leaf.close()
    if not readers:
        return EmptyReader(toc.schema), toc.generation
    if len(readers) == 1:
        return readers[0], toc.generation
    return MultiReader(readers, generation=toc.generation), toc.generation


def _leaf_readers(ix: Index, toc: Any, old: dict[tuple[str, int], IndexReader]) -> list[Any]:
    """A reader per segment of ``toc``, taken from ``old`` (and removed from it) when the
    segment is unchanged; on error the readers opened here are closed and ``old`` kept."""
    opened: list[Any] = []
    taken: dict[tuple[str, int], IndexReader] = {}
    readers: list[Any] = []
    try:
        for segment in toc.segments:
            key = (segment.segment_id(), segment.deleted_count())
            if key in old:
                taken[key] = old.pop(key)
                readers.append(taken[key])
            else:
                reader = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
                opened.append(reader)
                readers.append(reader)
    except BaseException:
        for reader in opened:
            reader.close()
        old.update(taken)
        raise
    return readers
