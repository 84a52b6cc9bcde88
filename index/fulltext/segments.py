"""How nutgraf writes and merges Whoosh segments, and the Whoosh fixes that needs.

Whoosh 2.7 spends much of a commit on lookups it repeats for every posting
(a missing column searched for on disk, a document's field length read
again), never inlines short posting lists, and merges segments by pickling
every posting through a sorting pool. The functions here patch those spots
once, at import, and give the merge policy an add runs with; each says what
it measured. Nothing here changes what is stored: tests/test_merge.py and
tests/test_analysis.py compare the results with Whoosh's own.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Any

__all__ = [
    "INLINE_LIMIT",
    "SMALL_DOCS",
    "SMALL_LIMIT",
    "codec",
    "field_lengths",
    "merge_segment",
    "merge_small_segments",
]


def _cache_missing_columns() -> None:
    """Make Whoosh remember that a segment has no length column for a field.

    ``W3PerDocReader._cached_reader`` caches the columns it finds but looks
    for a missing one on disk again every time: one ``stat`` per posting
    when a batch is written (a sixth of the indexing time of the news corpus).
    """
    from whoosh.codec import whoosh3

    original = whoosh3.W3PerDocReader._cached_reader
    if getattr(original, "_nutgraf", False):
        return

    def cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        if fieldname not in self._readers:
            self._readers[fieldname] = original(self, fieldname, column)
        return self._readers[fieldname]

    cached_reader._nutgraf = True  # type: ignore[attr-defined]
    whoosh3.W3PerDocReader._cached_reader = cached_reader


_cache_missing_columns()


def field_lengths(lengths: Any, fieldname: str, default: int = 0) -> list[int]:
    """Every document's length in ``fieldname`` (``default`` where it has none), from
    anything with Whoosh's ``doc_field_length`` and ``doc_count_all`` (a segment
    reader, or a segment's per-document reader while it is written)."""
    get = lengths.doc_field_length
    return [get(d, fieldname, default) for d in range(lengths.doc_count_all())]


class _LengthsOnce:
    """A segment's field lengths, each field's read once (see ``_patch_flush_segment``)."""

    def __init__(self, perdoc: Any) -> None:
        self._perdoc = perdoc
        self._lengths: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            lengths = self._lengths[fieldname] = field_lengths(self._perdoc, fieldname)
        return lengths[docnum] or default

    def close(self) -> None:
        self._perdoc.close()


def _patch_flush_segment() -> None:
    """Replace Whoosh's ``SegmentWriter._flush_segment``, which writes a segment's postings.

    Whoosh's looks up a document's field length in the length column for every
    posting, over a million look-ups for the news corpus (2.8 s of its 18 s of
    commits); this one reads each field's lengths once into lists. It also
    writes the postings of the segments that ``merge_segment`` merged in, in
    order with those of the commit's own documents.
    """
    from whoosh.writing import SegmentWriter

    if getattr(SegmentWriter._flush_segment, "_nutgraf", False):
        return

    def flush_segment(self: Any) -> None:
        self.perdocwriter.close()
        lengths = _LengthsOnce(self.per_document_reader()) if self.codec.length_stats else None
        merged = self.__dict__.pop("_nutgraf_merged", [])
        items = self.pool.iter_postings()
        if merged:  # segments merged in by ``merge_segment``: their postings, in order
            items = heapq.merge(items, *(postings for _, postings in merged))
        try:
            self.fieldwriter.add_postings(self.schema, lengths, items)
        finally:
            for reader, _ in merged:
                reader.close()
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()

    flush_segment._nutgraf = True  # type: ignore[attr-defined]
    SegmentWriter._flush_segment = flush_segment


_patch_flush_segment()

#: Terms with fewer postings than this are stored inside the term's entry instead of
#: in a block of their own (measured on the news corpus, batches as an add writes
#: them: 34% less time committing, an index 8% smaller; see ``codec``).
INLINE_LIMIT = 8


def codec() -> Any:
    """The Whoosh codec for new segments: Whoosh's own, with small posting lists inlined.

    Whoosh's default never inlines (its limit of 1 means "fewer than one
    posting"), and its inlining code calls ``set_inline`` where the term info
    class has ``set_inlined``: the name is put right here. Reading inlined
    postings is Whoosh's own code, so segments of either kind read the same.
    """
    from whoosh.codec.whoosh3 import W3Codec, W3TermInfo

    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined
        _inlined_values_are_bytes()
    return W3Codec(inlinelimit=INLINE_LIMIT)


def _inlined_values_are_bytes() -> None:
    """Inlined postings without values give ``b""`` as every value, like block postings.

    Whoosh's ``ListMatcher`` (which reads inlined postings) still gives the
    Python 2 ``""``, which its own segment merging then refuses.
    """
    from itertools import repeat

    from whoosh.matching.mcore import ListMatcher

    value, all_items = ListMatcher.value, ListMatcher.all_items

    def bytes_value(self: Any) -> Any:
        return value(self) if self._values else b""

    def bytes_items(self: Any) -> Any:
        return all_items(self) if self._values is not None else zip(self._ids, repeat(b""))

    ListMatcher.value = bytes_value
    ListMatcher.all_items = bytes_items


#: Segments under this many documents are "small"; SMALL_LIMIT of them are merged.
SMALL_DOCS = 1000
SMALL_LIMIT = 4


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: merge the small segments once there are SMALL_LIMIT of them.

    Whoosh's own MERGE_SMALL never merges batches of a few hundred documents
    (14 segments after adding the news corpus made each query 2x slower), and
    merging everything rewrites the whole index (18 s for the news corpus).
    Adds write growing batches (see ``index.ingest``), so large segments come
    in a few sizes on their own; only the small ones need merging.
    """
    small = [s for s in segments if s.doc_count_all() < SMALL_DOCS]
    if len(small) < SMALL_LIMIT:
        return segments
    for segment in small:
        merge_segment(writer, segment)
    return [s for s in segments if s not in small]


def merge_segment(writer: Any, segment: Any) -> None:
    """Copy ``segment``'s live documents into the segment ``writer`` is writing.

    This is Whoosh's ``add_reader`` without its sorting pool: that pool pickles
    every posting of the merged segments to disk and sorts them all again,
    though each segment's postings are already sorted. Here the stored fields
    and lengths are copied at once and the postings are streamed, block by
    block, into the new segment when it is written (see ``_patch_flush_segment``),
    merged in order with those of the documents added to this commit.
    """
    from whoosh.reading import SegmentReader

    reader = SegmentReader(writer.storage, writer.schema, segment)
    fieldnames = set(writer.schema.names())
    basedoc = writer.docnum
    docmap = writer.write_per_doc(fieldnames, reader)
    writer._added = True
    postings = _segment_postings(reader, writer.schema, basedoc, docmap)
    writer.__dict__.setdefault("_nutgraf_merged", []).append((reader, postings))


def _segment_postings(
    reader: Any, schema: Any, basedoc: int, docmap: dict[int, int] | None
) -> Iterator[tuple[str, bytes, int, float, Any]]:
    """Every posting of a segment's live documents as ``(field, term, docnum, weight,
    value)``, in the order Whoosh writes them, with docnums renumbered from ``basedoc``
    (or by ``docmap``, which leaves out the deleted documents)."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    terms = reader._terms
    postfile, codec = terms._postfile, terms._codec
    renumber: Any = docmap.get if docmap is not None else (lambda d: basedoc + d)
    # The term table is in field-number order, which Whoosh happens to assign by name;
    # sorting by name does not count on it (0.36 s for the news corpus's 191,324 terms,
    # 2% of a full merge; an order Whoosh refused would fail the whole commit).
    for (fieldname, tbytes), terminfo in sorted(terms.items(), key=lambda item: item[0]):
        if fieldname not in schema:
            continue
        m = codec.postings_reader(postfile, terminfo, schema[fieldname].format)
        if isinstance(m, W3LeafMatcher):  # a block at a time: Whoosh decodes one whole
            while m.is_active():
                m.id(), m.weight(), m.value()  # load the block's ids, weights and values
                for docnum, weight, value in zip(m._ids, m._weights, m._values, strict=True):
                    new = renumber(docnum)
                    if new is not None:
                        yield fieldname, tbytes, new, weight, value
                m._next_block()
        else:  # postings inlined in the term's entry
            while m.is_active():
                new = renumber(m.id())
                if new is not None:
                    yield fieldname, tbytes, new, m.weight(), m.value()
                m.next()
