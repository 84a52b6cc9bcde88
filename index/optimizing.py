"""Merging a library's whole search index into one segment, on request (``nutgraf optimize``).

Adds keep the segment count logarithmic (:mod:`index.fulltext.merge_policy`) and
never merge the biggest segments; a full merge makes the fastest index to search,
at the cost of rewriting all of it (about a minute for 100,000 articles here), so
it is the user's call. It is one Whoosh commit, by the holder of the library's
write lock: until the commit's table of contents is written (an atomic rename)
the index is as it was, so a kill at any moment leaves it readable and whole (the
unused files a killed optimize wrote are removed by the next commit). Readers
keep the segments they opened; their searcher moves to the merged one when it
next refreshes (:mod:`index.fulltext.refresh`), and retries once if a segment
file vanished under a search (:class:`index.fulltext.search.LibrarySearcher`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from index.model import IndexDamaged, OptimizeReport, damaged_message

if TYPE_CHECKING:
    from index.writing import LibraryWriter

__all__ = ["optimize"]


def optimize(
    writer: LibraryWriter, progress: Callable[[int, int], None] | None = None
) -> OptimizeReport:
    """Merge the index of ``writer``'s library into one segment without deleted documents.

    ``progress(done, total)`` is called now and then while the postings are written
    (terms written of all terms; the bulk of the time). An index already of one
    segment without deletions is left as it is. Raises :class:`IndexDamaged` when the
    index cannot be read or written (it is then as it was).
    """
    from index.fulltext.segments import merge_all
    from index.fulltext.writer import new_writer

    writer.check()
    started = time.perf_counter()
    ix = writer.library.ix
    segments = ix._segments()
    before = len(segments)
    documents = sum(s.doc_count() for s in segments)
    if before == 0 or (before == 1 and not segments[0].has_deletions()):
        return OptimizeReport(before, before, documents, time.perf_counter() - started)
    try:
        whoosh = new_writer(ix)
    except Exception as err:
        raise IndexDamaged(damaged_message(err)) from err
    try:
        whoosh.commit(mergetype=lambda w, segs: merge_all(w, segs, progress))
    except BaseException as err:
        whoosh.cancel()
        if isinstance(err, Exception) and not isinstance(err, MemoryError):
            raise IndexDamaged(damaged_message(err)) from err
        raise
    after = len(writer.library.ix._segments())
    if progress is not None:
        progress(1, 1)
    return OptimizeReport(before, after, documents, time.perf_counter() - started)
