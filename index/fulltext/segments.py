"""How nutgraf merges Whoosh segments: the merge policy an add runs with, and the merge.

Whoosh merges segments by pickling every posting through a sorting pool and
sorting them all again, though each segment's postings are already sorted;
here the merged segments' postings are streamed, in order, into the segment
the commit writes (by :class:`index.fulltext.whoosh_patches.NutgrafWriter`).
Nothing here changes what is stored: tests/test_merge.py and
tests/test_whoosh_patches.py compare the results with Whoosh's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import repeat
from typing import Any

from index.fulltext.merge_policy import FLOOR_DOCS, Size, choose_merge
from index.fulltext.whoosh_patches import NutgrafWriter

__all__ = [
    "PROGRESS_TOTAL",
    "SHARES",
    "SMALL_DOCS",
    "merge_all",
    "merge_segment",
    "tiered_merge",
]

#: Segments under this many documents count as this big (kept for callers of the
#: policy before the tiered one; see ``merge_policy.FLOOR_DOCS``).
SMALL_DOCS = FLOOR_DOCS

#: ``progress(done, total)``: how far a merge is, in terms written (see :func:`merge_all`).
Progress = Callable[[int, int], None]
#: ``step(terms written, terms found)``: what :func:`merge_segment` reports as it goes.
Step = Callable[[int, int], None]


def tiered_merge(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy for an ordinary commit: the merge :mod:`index.fulltext.merge_policy`
    chooses (bounded by its MAX_MERGED_DOCS), streamed into the commit's own segment.

    Segments whose documents are all deleted are dropped without a merge.
    """
    segments = [s for s in segments if s.doc_count() > 0]
    sizes = [Size(s.doc_count(), s.deleted_count()) for s in segments]
    chosen = set(choose_merge(sizes, incoming=writer.docnum - writer.docbase))
    for n in sorted(chosen):
        merge_segment(writer, segments[n])
    return [s for n, s in enumerate(segments) if n not in chosen]


#: The shares of a full merge's progress given to its three phases: copying the stored
#: fields (documents copied of all), reading and sorting each segment's term table
#: before the postings can be streamed (segments read, by their documents), and writing
#: the postings (terms written of all). Measured on the 20,000-article library (10
#: segments; 48 s under load): 3.8 s, 14.6 s and 29.5 s.
SHARES = (0.1, 0.3, 0.6)
#: The scale ``merge_all`` reports progress on: ``progress(done, PROGRESS_TOTAL)``.
PROGRESS_TOTAL = 1000
#: Documents copied between two progress calls during the stored-fields copy.
_DOC_STEP = 256


def merge_all(writer: Any, segments: list[Any], progress: Progress | None = None) -> list[Any]:
    """Whoosh merge policy for ``nutgraf optimize``: every segment streamed into one.

    ``progress(done, PROGRESS_TOTAL)`` is called now and then, through the three phases
    weighted by ``SHARES``: the stored-fields copy, the term tables read, and the
    postings written (terms written of all terms, known once the tables are read).
    """
    sizes = [s.doc_count() for s in segments]  # live: iter_docs skips the deleted
    docs_total = sum(sizes)
    state = [0, 0, 0, 0]  # documents copied, term tables read, terms written, terms in all

    def fraction(done: int, total: int) -> float:
        return min(done, total) / total if total else 1.0

    def report() -> None:
        if progress is None:
            return
        docs, tables, written, terms = state
        share = SHARES[0] * fraction(docs, docs_total)
        if tables:
            share += SHARES[1] * fraction(sum(sizes[:tables]), docs_total)
        if terms:
            share += SHARES[2] * fraction(written, terms)
        progress(min(int(share * PROGRESS_TOTAL), PROGRESS_TOTAL), PROGRESS_TOTAL)

    def copied(docs: int) -> None:
        state[0] += docs
        report()

    def step(done: int, terms: int) -> None:
        if terms:  # a segment's term table is read (they are read in this order)
            state[1] += 1
        state[2] += done
        state[3] += terms
        report()

    for segment in segments:
        merge_segment(writer, segment, step if progress else None, copied if progress else None)
    return []


def merge_segment(
    writer: NutgrafWriter,
    segment: Any,
    step: Step | None = None,
    copied: Callable[[int], None] | None = None,
) -> None:
    """Copy ``segment``'s live documents into the segment ``writer`` is writing.

    This is Whoosh's ``add_reader`` without its sorting pool: that pool pickles
    every posting of the merged segments to disk and sorts them all again,
    though each segment's postings are already sorted. Here the stored fields
    and lengths are copied at once and the postings are streamed, block by
    block, into the new segment when it is written (``NutgrafWriter.merge_in``),
    merged in order with those of the documents added to this commit. ``step(n)``, if
    given, is called with ``(0, terms in the segment)`` when its postings start to be
    written, then with ``(_STEP, 0)`` as every ``_STEP`` terms have been; ``copied(n)``,
    if given, as every ``_DOC_STEP`` documents' stored fields have been copied (and with
    the rest at the end of the copy).
    """
    from whoosh.reading import SegmentReader

    reader = SegmentReader(writer.storage, writer.schema, segment)
    fieldnames = set(writer.schema.names())
    basedoc = writer.docnum
    totals = writer.perdocwriter._fieldlengths
    exact = {name: totals.get(name, 0) + _live_length(reader, name) for name in fieldnames}
    docmap = writer.write_per_doc(fieldnames, _Counting(reader, copied) if copied else reader)
    totals.update({name: total for name, total in exact.items() if total or name in totals})
    writer.merge_in(reader, _segment_postings(reader, writer.schema, basedoc, docmap, step))


class _Counting:
    """``reader`` as ``write_per_doc`` reads it, calling ``copied(n)`` as its documents
    are read (``iter_docs``, the only per-document loop there); everything else is the
    reader's own."""

    def __init__(self, reader: Any, copied: Callable[[int], None]) -> None:
        self._reader, self._copied = reader, copied

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)

    def iter_docs(self) -> Iterator[tuple[int, dict[str, Any]]]:
        count = 0
        for item in self._reader.iter_docs():
            yield item
            count += 1
            if count == _DOC_STEP:
                self._copied(count)
                count = 0
        if count:
            self._copied(count)


def _live_length(reader: Any, fieldname: str) -> int:
    """The total length in ``fieldname`` of a segment's live documents, as exact as the
    segment keeps it.

    A segment keeps each field's total length exactly, but each document's length
    in one byte (``whoosh.util.numeric.length_to_byte``: exact to 10, then off by
    up to 9%), and Whoosh's merge adds up the byte lengths: every merge moved
    the average lengths BM25F scores with, and with them the scores (by up to
    half a percent in tests/test_merge_policy.py). The exact total less the
    deleted documents' byte lengths keeps a merged index scoring as the index it
    was merged from.
    """
    total = int(reader.field_length(fieldname))
    if reader.has_deletions():
        length, gone = reader.doc_field_length, reader.is_deleted
        # (Whoosh gives None, not 0, for a document with nothing in the field)
        total -= sum(length(d, fieldname) or 0 for d in range(reader.doc_count_all()) if gone(d))
    return max(total, 0)


#: Terms written between two calls of a merge's ``step``.
_STEP = 4096


def _segment_postings(
    reader: Any,
    schema: Any,
    basedoc: int,
    docmap: dict[int, int] | None,
    step: Step | None = None,
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
    items = sorted(terms.items(), key=lambda item: item[0])
    if step is not None:
        step(0, len(items))
    for count, ((fieldname, tbytes), terminfo) in enumerate(items, 1):
        if step is not None and count % _STEP == 0:
            step(_STEP, 0)
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
