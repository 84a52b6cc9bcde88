"""How nutgraf merges Whoosh segments: the merge policy an add runs with, and the merge.

Whoosh merges segments by pickling every posting through a sorting pool and
sorting them all again, though each segment's postings are already sorted;
here the merged segments' postings are streamed, in order, into the segment
the commit writes (by :class:`index.fulltext.whoosh_patches.NutgrafWriter`).
Nothing here changes what is stored: tests/test_merge.py and
tests/test_whoosh_patches.py compare the results with Whoosh's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from typing import Any

from index.fulltext.whoosh_patches import NutgrafWriter

__all__ = [
    "SMALL_DOCS",
    "SMALL_LIMIT",
    "merge_segment",
    "merge_small_segments",
]


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


def merge_segment(writer: NutgrafWriter, segment: Any) -> None:
    """Copy ``segment``'s live documents into the segment ``writer`` is writing.

    This is Whoosh's ``add_reader`` without its sorting pool: that pool pickles
    every posting of the merged segments to disk and sorts them all again,
    though each segment's postings are already sorted. Here the stored fields
    and lengths are copied at once and the postings are streamed, block by
    block, into the new segment when it is written (``NutgrafWriter.merge_in``),
    merged in order with those of the documents added to this commit.
    """
    from whoosh.reading import SegmentReader

    reader = SegmentReader(writer.storage, writer.schema, segment)
    fieldnames = set(writer.schema.names())
    basedoc = writer.docnum
    docmap = writer.write_per_doc(fieldnames, reader)
    writer.merge_in(reader, _segment_postings(reader, writer.schema, basedoc, docmap))


def _segment_postings(
    reader: Any, schema: Any, basedoc: int, docmap: dict[int, int] | None
) -> Iterator[tuple[str, bytes, int, float, Any]]:
    """Every posting of a segment's live documents as ``(field, term, docnum, weight,
    value)``, in the order Whoosh writes them, with docnums renumbered from ``basedoc``
    (or by ``docmap``, which leaves out the deleted documents)."""
    terms = reader._terms
    postfile, codec = terms._postfile, terms._codec
    renumber: Any = docmap.get if docmap is not None else (lambda d: basedoc + d)
    # The term table is in field-number order, which Whoosh happens to assign by name;
    # sorting by name does not count on it (0.36 s for the news corpus's 191,324 terms,
    # 2% of a full merge; an order Whoosh refused would fail the whole commit).
    for (fieldname, tbytes), terminfo in sorted(terms.items(), key=lambda item: item[0]):
        if fieldname not in schema:
            continue
        if terminfo.is_inlined():
            # Read from the term's entry here, not through the segment's codec: segments
            # written before NutgrafCodec name Whoosh's, whose ListMatcher gives "" for
            # a posting without a value, which writing the new segment refuses.
            ids, weights, values = terminfo.inlined_postings()
            for docnum, weight, value in zip(
                ids, weights or repeat(1.0), values or repeat(b""), strict=False
            ):
                new = renumber(docnum)
                if new is not None:
                    yield fieldname, tbytes, new, weight, value
            continue
        m = codec.postings_reader(postfile, terminfo, schema[fieldname].format)
        while m.is_active():  # a block at a time: Whoosh decodes one whole
            m.id(), m.weight(), m.value()  # load the block's ids, weights and values
            for docnum, weight, value in zip(m._ids, m._weights, m._values, strict=True):
                new = renumber(docnum)
                if new is not None:
                    yield fieldname, tbytes, new, weight, value
            m._next_block()
