"""The library's Whoosh index: opening it, turning articles into documents, writing.

Segments are written as separate files (``compound=False``): Whoosh then maps
them instead of copying a compound file into memory when a searcher opens,
which the measurements in ``shared/notes`` show keeps a reader small and its
start fast.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import Index

from index.article import Article
from index.dates import to_datetime
from index.results import REBUILD_HINT, IndexDamaged, damaged_message
from index.schema import KIND_FIELDS, SCHEMA_VERSION, make_schema

__all__ = [
    "DocumentWriter",
    "IndexDamaged",
    "create_index",
    "document",
    "entity_terms",
    "field_lengths",
    "new_writer",
    "open_index",
    "write_documents",
]

INDEX_NAME = "articles"
#: Present while a rebuild runs; an index left with it is incomplete.
REBUILDING = "REBUILDING"


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
    """A segment's field lengths, each field's read once (see ``_read_lengths_once``)."""

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


def _read_lengths_once() -> None:
    """Make Whoosh read each field's lengths once when it writes a segment's postings.

    Its ``SegmentWriter._flush_segment`` looks up a document's field length in
    the length column for every posting, over a million look-ups for the news
    corpus (2.8 s of its 18 s of commits); this is that method with the
    lengths kept in lists.
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


_read_lengths_once()

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


def new_writer(ix: Index) -> Any:
    """A Whoosh writer for ``ix``: separate segment files, nutgraf's codec."""
    return ix.writer(compound=False, limitmb=256, codec=codec())


def create_index(path: Path) -> Index:
    """Create an empty index at ``path`` (removing whatever was there)."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return whoosh_index.create_in(str(path), make_schema(), indexname=INDEX_NAME)


def open_index(path: Path, create: bool = True) -> Index:
    """Open the index at ``path``, creating it when missing and ``create`` is true."""
    if (path / REBUILDING).exists():
        raise IndexDamaged(f"the search index was being rebuilt when it stopped; {REBUILD_HINT}")
    try:
        if whoosh_index.exists_in(str(path), indexname=INDEX_NAME):
            ix = whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
            if "entity" not in ix.schema or ix.schema.names() != make_schema().names():
                raise IndexDamaged(
                    f"{path}: index was made by another version (schema {SCHEMA_VERSION})"
                )
            return ix
    except IndexDamaged:
        raise
    except Exception as err:  # Whoosh raises many kinds of errors on a damaged TOC
        raise IndexDamaged(damaged_message(err)) from None
    if not create:
        raise IndexDamaged(f"the search index is missing; {REBUILD_HINT}")
    return _create_missing(path)


def _create_missing(path: Path) -> Index:
    """Create the missing index at ``path`` so that two processes doing so at once agree.

    The empty index is made in a folder beside ``path`` and renamed into place; a
    rename that finds another process's index already there opens that one instead.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".index-", dir=path.parent))
    try:
        whoosh_index.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
        os.rename(tmp, path)  # replaces a missing or empty folder, never a filled one
    except OSError:
        if not whoosh_index.exists_in(str(path), indexname=INDEX_NAME):
            raise
        return open_index(path, create=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return whoosh_index.open_dir(str(path), indexname=INDEX_NAME)


def entity_terms(entities: Iterable[dict[str, Any]] | None) -> dict[str, list[str]]:
    """Keyword terms for the entity fields: each name and alias, and the words of each name."""
    fields: dict[str, set[str]] = {name: set() for name in ("entity", *KIND_FIELDS.values())}
    for ent in entities or ():
        kind_field = KIND_FIELDS.get(ent.get("kind", ""))
        names = {ent["name"], *ent.get("aliases", ())}
        terms = {" ".join(n.replace(",", " ").split()) for n in names}
        for name in list(terms):
            words = name.split()
            if len(words) > 1:
                terms.update(w for w in words if len(w) > 1)
        terms.discard("")
        if kind_field is None:  # dates and numbers are not searched by entity
            continue
        fields["entity"].update(terms)
        fields[kind_field].update(terms)
    return {name: sorted(values) for name, values in fields.items()}


def document(article: Article, entities: Iterable[dict[str, Any]] | None) -> dict[str, Any]:
    """The Whoosh document for an article and its entity analysis."""
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "source": article.source or "",
        "author": article.author or "",
        "category": article.category or "",
        "url": article.url or "",
    }
    when = to_datetime(article.published)
    if when is not None:
        doc["date"] = when
    for name, terms in entity_terms(entities).items():
        if terms:
            doc[name] = ",".join(terms)
    return doc


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
    block, into the new segment when it is written (see ``_read_lengths_once``),
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


class DocumentWriter:
    """One Whoosh commit built up piece by piece.

    Documents are analysed as they are added, so a caller that adds them while
    other processes are still producing the rest overlaps the two. Nothing is
    visible to readers until :meth:`commit`; leaving a ``with`` block with an
    exception cancels the whole commit. The Whoosh writer (and its lock) is
    taken on the first change: a commit with nothing to do writes nothing.
    """

    def __init__(self, ix: Index, replace: bool = True) -> None:
        self._ix = ix
        self._replace = replace
        self._writer: Any = None

    def _open(self) -> Any:
        if self._writer is None:
            try:
                self._writer = new_writer(self._ix)
            except Exception as err:
                raise IndexDamaged(damaged_message(err)) from err
        return self._writer

    def add(self, doc: dict[str, Any]) -> None:
        """Analyse and add one document (replacing one with the same id if ``replace``)."""
        writer = self._open()
        with self._cancel_on_error():
            (writer.update_document if self._replace else writer.add_document)(**doc)

    def commit(self, delete_ids: Sequence[str] = ()) -> None:
        """Delete ``delete_ids`` (from earlier commits) and commit everything added."""
        if self._writer is None and not delete_ids:
            return
        writer = self._open()
        with self._cancel_on_error():
            for article_id in delete_ids:
                writer.delete_by_term("id", article_id)
            writer.commit(mergetype=merge_small_segments)
            self._writer = None

    @contextlib.contextmanager
    def _cancel_on_error(self) -> Iterator[None]:
        """Cancel the commit on any error; Whoosh's own errors mean a damaged index."""
        try:
            yield
        except MemoryError:
            self.cancel()
            raise
        except Exception as err:
            self.cancel()
            raise IndexDamaged(damaged_message(err)) from err

    def cancel(self) -> None:
        """Drop everything added; the index stays as it was."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            for reader, _ in writer.__dict__.pop("_nutgraf_merged", []):
                reader.close()  # segments a failed commit was merging
            writer.cancel()

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.cancel()


def write_documents(
    ix: Index, docs: Iterable[dict[str, Any]], delete_ids: Sequence[str] = (), replace: bool = True
) -> None:
    """Add ``docs`` and delete ``delete_ids`` in one Whoosh commit.

    With ``replace`` a document whose id is already indexed is replaced; without
    it (new articles only) adding skips the delete-by-id and is faster.
    """
    with DocumentWriter(ix, replace) as writer:
        for doc in docs:
            writer.add(doc)
        writer.commit(delete_ids)
