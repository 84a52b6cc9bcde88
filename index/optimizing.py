"""Merging a library's whole search index into one segment, on request (``nutgraf optimize``).

Adds keep the segment count logarithmic (:mod:`index.fulltext.merge_policy`) and
never merge the biggest segments; a full merge makes the fastest index to search,
at the cost of rewriting all of it (about a minute for 100,000 articles here), so
it is the user's call. It is one Whoosh commit, by the holder of the library's
write lock: until the commit's table of contents is written (an atomic rename)
the index is as it was, so a kill at any moment leaves it readable and whole. Ctrl-C
(or any failure) before that rename cancels the Whoosh writer and removes the files of
the segment it was writing (Whoosh's ``cancel`` closes them but leaves them on disk);
what a kill -9 leaves is removed by the next commit. Readers
keep the segments they opened; their searcher moves to the merged one when it
next refreshes (:mod:`index.fulltext.refresh`), and retries once if a segment
file vanished under a search (:class:`index.fulltext.search.LibrarySearcher`).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from index.model import IndexDamaged, OptimizeInterrupted, OptimizeReport, damaged_message

if TYPE_CHECKING:
    from index.writing import LibraryWriter

__all__ = ["optimize"]


def optimize(
    writer: LibraryWriter, progress: Callable[[int, int], None] | None = None
) -> OptimizeReport:
    """Merge the index of ``writer``'s library into one segment without deleted documents.

    ``progress(done, total)`` is called now and then as the merge goes (stored fields
    copied, then terms written, weighted as in :func:`index.fulltext.segments.merge_all`).
    An index already of one segment without deletions is left as it is. Raises
    :class:`IndexDamaged` when the index cannot be read or written, and
    :class:`OptimizeInterrupted` on Ctrl-C before the commit (the index is then as it
    was, its new files removed).
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
        kept = _cancel(whoosh, ix)
        if isinstance(err, KeyboardInterrupt) and kept is not None:
            raise OptimizeInterrupted(kept) from err
        if isinstance(err, Exception) and not isinstance(err, MemoryError):
            raise IndexDamaged(damaged_message(err)) from err
        raise
    after = len(writer.library.ix._segments())
    if progress is not None:
        progress(1, 1)
    return OptimizeReport(before, after, documents, time.perf_counter() - started)


def _cancel(whoosh: Any, ix: Any) -> int | None:
    """Give up ``whoosh``'s commit and remove the files of the segment it was writing,
    unless the table of contents already names it (the commit then went through).

    Returns the number of segments the index has now (as before the commit), or None
    when the commit went through or the table of contents cannot be read (any files
    are then left for the next writer).
    """
    if not whoosh.is_closed:
        with contextlib.suppress(Exception):
            whoosh.cancel()
    if not whoosh.is_closed:  # cancel failed half-way: still drop the temporary files and lock
        with contextlib.suppress(Exception):
            whoosh._finish()
    try:
        segments = ix._segments()
    except Exception:
        return None
    new = whoosh.newsegment
    if any(s.segment_id() == new.segment_id() for s in segments):
        return None  # the commit went through; its files are the index's now
    for name in new.list_files(whoosh.storage):
        with contextlib.suppress(OSError):
            whoosh.storage.delete_file(name)
    return len(segments)
