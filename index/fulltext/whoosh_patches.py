"""Every change nutgraf makes to Whoosh's behaviour, and the guard that keeps them honest.

Whoosh 2.7 is slow in spots that nutgraf measured and wrong in two (each class
says where and by how much): :class:`NutgrafCodec`, :class:`NutgrafWriter` (with
:func:`index.fulltext.segments.merge_segment`), :class:`BM25F` and
:class:`CancellableCollector` are subclasses that only nutgraf's writers, codec
and searchers use, never changes to Whoosh's own classes, so stock Whoosh in the
same process stays stock.

These override or reach into Whoosh internals, so :func:`apply` checks, once per
process and before an index is opened or written, that the installed
whoosh-reloaded is the version they were written for and that each Whoosh
function they replace or rely on is unchanged (:data:`FINGERPRINTS`), and
raises :class:`WhooshChanged` otherwise. Importing or applying it patches nothing.

New segments pickle their codec into the index's TOC by class path, so
``index.fulltext.whoosh_patches.NutgrafCodec`` must stay importable by that name
(older segments name Whoosh's ``W3Codec`` and read as they always did).
``tests/test_whoosh_patches.py`` compares an index built with these classes
with one built by stock Whoosh.
"""

from __future__ import annotations

import hashlib
import heapq
import importlib
import importlib.metadata
import inspect
import threading
import weakref
from array import array
from collections.abc import Callable, Iterator
from itertools import repeat
from typing import Any

from whoosh import collectors, scoring
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3TermInfo,
    _lenfield,
)
from whoosh.index import Index
from whoosh.matching.mcore import ListMatcher
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

__all__ = [
    "BM25F",
    "FINGERPRINTS",
    "INLINE_LIMIT",
    "WHOOSH_VERSION",
    "CancellableCollector",
    "NutgrafCodec",
    "NutgrafWriter",
    "SearchCancelled",
    "WhooshChanged",
    "apply",
    "codec",
    "field_lengths",
    "fingerprint",
    "new_writer",
]

#: The whoosh-reloaded release the classes here were written and checked against.
WHOOSH_VERSION = "2.7.5"

#: The first 16 hex digits of the SHA-256 of ``inspect.getsource`` of each Whoosh
#: function that a class here overrides (first group) or relies on (second). Source,
#: not bytecode, so a new Python does not trip the guard. After re-reading each
#: function against the class here, recompute them with
#: ``uv run python -m index.fulltext.whoosh_patches``.
FINGERPRINTS: dict[str, str] = {
    "whoosh.codec.whoosh3:W3Codec.per_document_reader": "55022d463949f1f9",
    "whoosh.codec.whoosh3:W3Codec.field_writer": "8947bb1e1fd6f803",
    "whoosh.codec.whoosh3:W3Codec.postings_reader": "339e62c08607b880",
    "whoosh.codec.whoosh3:W3PerDocReader._cached_reader": "2e27976f892aee8f",
    "whoosh.codec.whoosh3:W3FieldWriter.start_term": "ec3f34231ac58f19",
    "whoosh.matching.mcore:ListMatcher.value": "727f5f1aaf914102",
    "whoosh.matching.mcore:ListMatcher.all_items": "24fcc2ae5e11b565",
    "whoosh.writing:SegmentWriter._flush_segment": "a4b79c8a3687febd",
    "whoosh.writing:SegmentWriter.cancel": "14e1dd5f1e9efbc0",
    "whoosh.scoring:BM25F.scorer": "543088b4fd43890c",
    "whoosh.collectors:WrappingCollector.collect_matches": "a48aeabcbc123078",
    "whoosh.codec.whoosh3:W3PerDocReader.doc_field_length": "6f6c39c338eb61dc",
    "whoosh.columns:FixedBytesColumn.Reader.__getitem__": "243a7c65629e70f8",
    # relied on: NutgrafWriter is built as FileIndex.writer builds a SegmentWriter and
    # uses its pool, writers and _added; merge_segment calls write_per_doc (then sets the
    # _fieldlengths add_field sums) and walks W3LeafMatcher blocks; set_inline is what
    # finish_postings calls; BM25F swaps the dfl that WeightLengthScorer.setup sets and
    # score calls (BM25FScorer.__init__ calls setup last).
    "whoosh.index:FileIndex.writer": "3ec00bd3eed058b4",
    "whoosh.writing:SegmentWriter.__init__": "6f5e4c4237ba887e",
    "whoosh.writing:SegmentWriter.write_per_doc": "13f1b3ae17989b47",
    "whoosh.codec.whoosh3:W3PerDocWriter.add_field": "59ab0cc293f93c84",
    "whoosh.codec.whoosh3:W3LeafMatcher._next_block": "2fb1dc5070ec4a68",
    # topk reads blocks' _ids/_weights as id/weight load them and ranks as these do
    "whoosh.codec.whoosh3:W3LeafMatcher.id": "8ce803a7d72408d7",
    "whoosh.codec.whoosh3:W3LeafMatcher.weight": "d0a1f7ca1ceb459c",
    "whoosh.matching.binary:AdditiveBiMatcher.score": "12696eea54db7fa3",
    "whoosh.collectors:TopCollector._collect": "ac75da72a0eaf85e",
    "whoosh.codec.whoosh3:W3PostingsWriter.finish_postings": "d73a95bf811a6541",
    "whoosh.codec.whoosh3:W3TermInfo.set_inlined": "85e5ff4e1876ec7e",
    "whoosh.scoring:WeightLengthScorer.setup": "908d1cfae189046b",
    "whoosh.scoring:WeightLengthScorer.score": "caed11a123e49546",
    "whoosh.scoring:BM25FScorer.__init__": "c76d38846014f404",
}

_HINT = "re-verify the Whoosh patches (index/fulltext/whoosh_patches.py)"


class WhooshChanged(RuntimeError):
    """The installed Whoosh is not the one the classes here were checked against."""


def fingerprint(name: str) -> str:
    """The fingerprint of the Whoosh function ``"module:Class.function"`` (see FINGERPRINTS),
    or why it cannot be read (it is gone, or its source is)."""
    module, _, path = name.partition(":")
    try:
        obj: Any = importlib.import_module(module)
        for part in path.split("."):
            obj = getattr(obj, part)
        return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()[:16]
    except (ImportError, AttributeError, OSError, TypeError) as err:
        return f"unreadable: {err}"


_applied = False
_apply_lock = threading.Lock()


def apply() -> None:
    """Check, once per process, that Whoosh is what the classes here were written for.

    Called wherever nutgraf opens or creates an index or makes a writer or
    searcher; later calls return at once. Raises :class:`WhooshChanged`, naming
    each changed function, when the installed whoosh-reloaded is another
    version or a function in FINGERPRINTS differs (7 ms here, once per process).
    """
    global _applied
    if _applied:
        return
    with _apply_lock:
        if _applied:
            return
        version = importlib.metadata.version("whoosh-reloaded")
        if version != WHOOSH_VERSION:
            raise WhooshChanged(
                f"whoosh-reloaded {version} is installed, not {WHOOSH_VERSION}: {_HINT}, "
                "then update WHOOSH_VERSION and FINGERPRINTS"
            )
        changed = [
            f"{name} ({now}, recorded {recorded})"
            for name, recorded in FINGERPRINTS.items()
            if (now := fingerprint(name)) != recorded
        ]
        if changed:
            raise WhooshChanged(
                f"Whoosh changed under nutgraf: {'; '.join(changed)}: {_HINT}, "
                "then update FINGERPRINTS"
            )
        _applied = True


# The codec: how segments are written and how their postings are read back.

#: Terms with fewer postings than this are stored inside the term's entry instead of
#: in a block of their own (measured on the news corpus, batches as an add writes
#: them: 34% less time committing, an index 8% smaller). Whoosh's default of 1
#: means "fewer than one posting": it never inlines.
INLINE_LIMIT = 8


class _TermInfo(W3TermInfo):  # type: ignore[misc]
    """Whoosh's term info, answering to the name its inlining calls it by.

    ``W3PostingsWriter.finish_postings`` calls ``set_inline``; the class only
    has ``set_inlined``, so stock Whoosh fails as soon as it inlines.
    """

    def set_inline(self, ids: Any, weights: Any, values: Any) -> None:
        self.set_inlined(ids, weights, values)


class _FieldWriter(W3FieldWriter):  # type: ignore[misc]
    """Whoosh's term writer, starting each term with a :class:`_TermInfo`."""

    def start_term(self, btext: bytes) -> None:
        if self._postwriter is None:
            raise Exception("Called start_term before start_field")
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, _TermInfo())


class _InlinedMatcher(ListMatcher):  # type: ignore[misc]
    """Postings inlined in a term's entry, giving ``b""`` where a posting has no value.

    Whoosh's ``ListMatcher`` gives the Python 2 ``""``, which its own segment
    merging then refuses, and ``all_items`` gives nothing at all for a term
    whose postings have no values (an empty tuple of them).
    """

    def value(self) -> Any:
        return super().value() if self._values else b""

    def all_items(self) -> Any:
        return super().all_items() if self._values else zip(self._ids, repeat(b""))


class _PerDocReader(W3PerDocReader):  # type: ignore[misc]
    """Whoosh's per-document reader, remembering that a segment has no column for a field.

    The stock one caches the columns it finds but looks for a missing one on
    disk again each time: one ``stat`` per posting when a batch is written (a
    sixth of the indexing time of the news corpus).
    """

    def _cached_reader(self, fieldname: str, column: Any) -> Any:
        readers: dict[str, Any] = self._readers
        if fieldname not in readers:
            readers[fieldname] = super()._cached_reader(fieldname, column)
        return readers[fieldname]


class NutgrafCodec(W3Codec):  # type: ignore[misc]
    """Whoosh's codec with short posting lists inlined (INLINE_LIMIT) and read back right.

    Segments keep it (pickled by this class path), so they are read through it
    too. Create it with :func:`codec`, which checks Whoosh first.
    """

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return _PerDocReader(storage, segment)

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if not terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        ids, weights, values = terminfo.inlined_postings()
        return _InlinedMatcher(
            ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
        )


def codec() -> NutgrafCodec:
    """The codec for new segments (raises :class:`WhooshChanged` as :func:`apply` does)."""
    apply()
    return NutgrafCodec(inlinelimit=INLINE_LIMIT)


# The writer: how a commit writes its segment.


def field_lengths(lengths: Any, fieldname: str, default: int = 0) -> list[int]:
    """Every document's length in ``fieldname`` (``default`` where it has none), from a
    segment reader or a segment's per-document reader while it is written."""
    get = lengths.doc_field_length
    return [get(d, fieldname, default) for d in range(lengths.doc_count_all())]


class _LengthsOnce:
    """A segment's field lengths, each field's read once (see ``NutgrafWriter``)."""

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


#: Whoosh's ``(field, term, docnum, weight, value)`` postings, in its order.
Postings = Iterator[tuple[str, bytes, int, float, Any]]


class NutgrafWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's segment writer, writing postings with each field's lengths read once.

    Whoosh's ``_flush_segment`` looks a document's field length up in the
    length column for every posting, over a million look-ups for the news
    corpus (2.8 s of its 18 s of commits); this one reads each field's lengths
    once into a list. It also writes the postings of the segments handed to
    :meth:`merge_in`, in order with those of the commit's own documents.
    Create it with :func:`new_writer`.
    """

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        self.merged: list[tuple[Any, Postings]] = []
        super().__init__(ix, **kwargs)

    def merge_in(self, reader: Any, postings: Postings) -> None:
        """Write ``postings`` (sorted as Whoosh sorts them) into this commit's segment,
        and close ``reader`` once written. The caller has copied the documents' stored
        fields and lengths (``write_per_doc``)."""
        self.merged.append((reader, postings))
        self._added = True

    def _close_merged(self) -> None:
        merged, self.merged = self.merged, []
        for reader, _ in merged:
            reader.close()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _LengthsOnce(self.per_document_reader()) if self.codec.length_stats else None
        items = self.pool.iter_postings()
        if self.merged:
            items = heapq.merge(items, *(postings for _, postings in self.merged))
        try:
            self.fieldwriter.add_postings(self.schema, lengths, items)
        finally:
            self._close_merged()
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()

    def cancel(self) -> None:
        self._close_merged()  # the segments a failed commit was merging
        super().cancel()


def new_writer(ix: Index, **kwargs: Any) -> NutgrafWriter:
    """A :class:`NutgrafWriter` on ``ix`` with nutgraf's codec, made as Whoosh's
    ``FileIndex.writer`` makes its writer; ``kwargs`` are ``SegmentWriter``'s
    (raises :class:`WhooshChanged` as :func:`apply` does, Whoosh's LockError)."""
    return NutgrafWriter(ix, codec=codec(), **kwargs)


# Searching.


class SearchCancelled(Exception):
    """The search was given up on: ``cancelled()`` said so (see CancellableCollector)."""


class CancellableCollector(collectors.WrappingCollector):  # type: ignore[misc]
    """Stops collecting, by raising SearchCancelled, once ``cancelled()`` says so.

    It asks every ``CHECK_EVERY`` matches, as Whoosh's ``TimeLimitCollector``
    checks its timer; a reader typing on gives up the search for the old query
    instead of waiting for it.
    """

    CHECK_EVERY = 256

    def __init__(self, child: collectors.Collector, cancelled: Callable[[], bool]) -> None:
        super().__init__(child)
        self._cancelled = cancelled

    def collect_matches(self) -> None:
        child = self.child
        for n, sub_docnum in enumerate(child.matches()):
            if n % self.CHECK_EVERY == 0 and self._cancelled():
                raise SearchCancelled
            child.collect(sub_docnum)


class BM25F(scoring.BM25F):  # type: ignore[misc]
    """Whoosh's BM25F with each segment's field lengths read once into a list (the stock
    scorer reads the length column per match: a fifth of a search for a common word),
    and the best possible score (``max_quality``), which the stock setup reads the
    term's statistics for and nutgraf's collector never asks, worked out on demand
    (a fifteenth of a search)."""

    def scorer(self, searcher: Searcher, fieldname: str, text: bytes, qf: int = 1) -> object:
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        b = self._field_B.get(fieldname, self.B)
        return _BM25FScorer(searcher, fieldname, text, b, self.K1, qf=qf)


class _BM25FScorer(scoring.BM25FScorer):  # type: ignore[misc]
    def setup(self, searcher: Searcher, fieldname: str, text: bytes) -> None:
        self.dfl = _field_lengths(searcher.reader(), fieldname).__getitem__
        self.term = (searcher, fieldname, text)

    def max_quality(self) -> float:
        searcher, fieldname, text = self.term
        info = searcher.term_info(fieldname, text)
        return float(self._score(info.max_weight(), info.min_length()))


#: Segment reader -> field -> every document's length in it. Kept beside the readers
#: rather than on them so that nothing is written into Whoosh's objects; an entry
#: lives as long as its reader, which refreshed searchers share while the segment
#: is unchanged (``index.fulltext.refresh``).
_LENGTHS: weakref.WeakKeyDictionary[IndexReader, dict[str, array[int]]]
_LENGTHS = weakref.WeakKeyDictionary()


def _field_lengths(reader: IndexReader, fieldname: str) -> array[int]:
    """Every document's length in ``fieldname`` (1 when absent, as the stock scorer has it)."""
    cache = _LENGTHS.get(reader)
    if cache is None:
        cache = _LENGTHS[reader] = {}
    lengths = cache.get(fieldname)
    if lengths is None:
        lengths = cache[fieldname] = _length_array(reader, fieldname)
    return lengths


def _length_array(reader: IndexReader, fieldname: str) -> array[int]:
    """Every document's length in ``fieldname`` as machine integers (4 bytes a document,
    where a list of ints took about 36: 3.6 MB per field at 100,000 articles), decoded
    from the segment's length column (one byte per document, Whoosh's
    ``length_to_byte``) read at once: a call per document took 0.7 s of a 20,000-article
    library's first search. A document with no length (byte 0) counts 1, as the stock
    scorer has it; so does a segment without the column (issue 16)."""
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = (
        perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if isinstance(perdoc, W3PerDocReader)
        else None
    )
    if column is None or getattr(column, "_fixedlen", None) != 1:
        return array("i", (n or 1 for n in field_lengths(reader, fieldname, 1)))
    raw = column._dbfile.get(column._basepos, min(count, column._count))
    table = array("i", [1]) + array("i", (byte_to_length(b) for b in range(1, 256)))
    lengths = array("i", map(table.__getitem__, raw))
    lengths.extend(repeat(1, count - len(lengths)))  # past the column's end: none
    return lengths


if __name__ == "__main__":  # print the fingerprints of the installed Whoosh
    print(f"WHOOSH_VERSION = {importlib.metadata.version('whoosh-reloaded')!r}")
    for _name in FINGERPRINTS:
        print(f'    "{_name}": "{fingerprint(_name)}",')
