"""The one way a library changes: store, then index, then store again.

A library keeps an article in two places, the SQLite store and the Whoosh
index, and no transaction spans both. Every change therefore follows one
protocol, written out here and nowhere else (see :mod:`index.storage.store`
for the row states):

1. the store takes the new rows as PENDING and marks the rows leaving GOING,
   in one SQLite transaction (:meth:`Commit.stage`, :meth:`Commit.stage_removal`);
2. the index takes the new documents and forgets the leaving ones in one
   Whoosh commit;
3. the store turns PENDING rows LIVE and deletes the GOING ones
   (:meth:`Commit.finish` does 2 and 3).

Readers see LIVE rows only, so a writer killed at any step leaves the library
as it was after its last finished commit, and the next writer finishes what
it left (:func:`finish_unfinished`). A rebuild makes a whole new index instead
of step 2 (:func:`rebuild`). Only a :class:`~index.writing.LibraryWriter`, that
is only a holder of the write lock, can make a :class:`Commit`.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from index.article import Article
from index.entities.corrections import apply
from index.entities.entity import Analysis
from index.fulltext.folder import live_name, remove_leftovers
from index.fulltext.spelling import document_frequencies
from index.fulltext.writer import DocumentWriter, document
from index.model import IndexDamaged, RebuildReport, UnreadableRow

if TYPE_CHECKING:
    from types import TracebackType

    from index.library import Library
    from index.storage.store import Store
    from index.writing import LibraryWriter

__all__ = [
    "Commit",
    "fill_languages",
    "fill_sentences",
    "finish_unfinished",
    "rebuild",
    "reindex_documents",
]


class Commit:
    """One atomic change to a library (see the module's protocol).

    Documents given to :meth:`index` are analysed at once, so a caller that adds
    them while the entity analysis of the rest is still running overlaps the
    two; nothing is visible to readers until :meth:`finish`. Leaving a ``with``
    block on an exception cancels the index side; rows already staged stay
    PENDING or GOING, invisible, for the next writer to finish.
    """

    def __init__(self, writer: LibraryWriter, replace: bool = True) -> None:
        """``writer`` must be in use (raises RuntimeError otherwise); with ``replace``
        a document whose id is already indexed replaces it (new articles only: faster
        without)."""
        writer.check()
        self._library = writer.library
        self._documents = DocumentWriter(self._library.ix, replace=replace)
        # The user's entity corrections, laid over every analysis indexed (a few rows).
        self._corrections = self._library.store.active_corrections()

    def index(self, article: Article, entities: Analysis) -> None:
        """Analyse and add ``article``'s document to this commit's index side, its
        entities (as the model found them) with the user's corrections laid over them."""
        self._documents.add(document(article, apply(entities, self._corrections, article.id)))

    def stage(
        self,
        rows: Sequence[tuple[Article, Analysis]],
        links: Sequence[tuple[str, str]] = (),
        unlinks: Sequence[tuple[str, str]] = (),
        origins: Sequence[tuple[str, str, int, str]] = (),
        words: Mapping[str, int] | None = None,
        records: Sequence[tuple[bytes, str]] = (),
        spans: Mapping[str, Sequence[tuple[int, int, str]]] | None = None,
        sentences: Mapping[str, Sequence[int]] | None = None,
    ) -> list[str]:
        """Step 1: ``rows`` into the store as PENDING, with their links to origins, the
        entity model's raw ``spans``, where their sentences start and the rest (see
        :meth:`index.storage.store.Store.stage`); returns the ids that lost their last
        origin and are now GOING."""
        return self._library.store.stage(
            rows, links, unlinks, origins, words, records, spans=spans, sentences=sentences
        )

    def stage_removal(self, article_id: str) -> bool:
        """Step 1 of removing an article: it turns GOING; False if it is not in the store."""
        return self._library.store.remove(article_id)

    def finish(self, live: Sequence[str], gone: Sequence[str]) -> None:
        """Steps 2 and 3: commit the index side (deleting ``gone``), then make ``live``
        LIVE and delete ``gone`` from the store."""
        self._documents.commit(delete_ids=gone)
        self._library.store.finish(live=live, gone=gone)
        if waiting := self._library.store.pending_reindex():  # corrections moved by a re-add
            reindex_documents(self._library, waiting)

    def __enter__(self) -> Commit:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is not None:
            self._documents.cancel()


def finish_unfinished(writer: LibraryWriter) -> None:
    """Finish what a killed writer left half done: its commit, and the files of a rebuild
    it never swapped in. Raises IndexDamaged when the index cannot take the commit."""
    library = writer.library
    with contextlib.suppress(IndexDamaged):
        remove_leftovers(library.index_path, keep=live_name(library.index_path))
    if library.store.corrections_pending() or library.store.pending_reindex():
        reindex_documents(library, library.store.pending_reindex())  # a correction's steps 2, 3
    pending, going = library.store.unfinished()
    if not pending and not going:
        return
    with Commit(writer, replace=True) as commit:
        for article, entities in library.store.index_rows(pending):
            commit.index(article, entities)
        commit.finish(live=pending, gone=going)


def reindex_documents(library: Library, ids: Sequence[str]) -> None:
    """Steps 2 and 3 of a correction (:mod:`index.storage.correction_table`): write the
    search documents of these articles again, their entities with the corrections as they
    will be, pending ones made or undone (one Whoosh commit); then, in one SQLite
    transaction, put the pending corrections in force, write these articles' entity rows
    again and strike them off the store's list (``entity_reindex``). ``ids`` must hold
    every article the pending corrections change. The caller holds the write lock."""
    store = library.store
    corrections = store.future_corrections()
    if ids:
        with DocumentWriter(library.ix, replace=True) as documents:
            for article, entities in store.index_rows(ids):
                documents.add(document(article, apply(entities, corrections, article.id)))
            documents.commit()
    store.finish_corrections(ids)


def fill_languages(store: Store) -> int:
    """Detect the language of the articles whose language is not known (those added before
    nutgraf detected languages: a store upgraded to version 4 has NULL there) and record
    it; returns how many got one. Their entities stay as they were analysed."""
    from index.language import detect_language

    found = [(i, code) for i, text in store.without_language() if (code := detect_language(text))]
    if found:
        store.set_languages(found)
    return len(found)


def fill_sentences(store: Store) -> int:
    """Find where the sentences start in the articles that have none stored (those added
    before nutgraf stored them: a store upgraded to version 5 has NULL there) with
    :func:`index.sentences.sentence_starts`, the function adding uses, and record them;
    returns how many articles got them. Run after :func:`fill_languages` (the segmenter
    follows the language)."""
    from index.sentences import sentence_starts

    done = 0
    for rows in store.without_sentences():
        found = sentence_starts([body for _, body, _ in rows], [lang for _, _, lang in rows])
        store.set_sentences({i: starts for (i, _, _), starts in zip(rows, found, strict=True)})
        done += len(rows)
    return done


def rebuild(
    writer: LibraryWriter, progress: Callable[[int, int], None] | None = None
) -> RebuildReport:
    """Detect the languages not known yet (:func:`fill_languages`), find the sentences not
    stored yet (:func:`fill_sentences`), make the search index
    again from the store and swap it in (see
    :func:`index.fulltext.rebuild.rebuild_index`), count the vocabulary of "did you mean"
    afresh (:func:`index.fulltext.spelling.document_frequencies`), then finish what a killed writer
    left in the store: the new index holds its PENDING rows and none of its GOING ones.

    ``progress(done, total)`` reports as it goes. An article whose row cannot be read
    is left out and named in the report. Raises what writing the index raises; the old
    index is then untouched.
    """
    from index.fulltext.rebuild import rebuild_index

    writer.check()
    library = writer.library
    store = library.store
    with contextlib.suppress(IndexDamaged):
        remove_leftovers(library.index_path, keep=live_name(library.index_path))
    fill_languages(store)
    fill_sentences(store)
    pending, going = store.unfinished()
    skipped: list[UnreadableRow] = []
    total = store.count() + len(pending)
    words: Counter[str] = Counter()
    corrections = store.future_corrections()  # a pending correction is finished here too
    waiting = store.pending_reindex()

    def counted() -> Iterator[tuple[Article, Analysis]]:
        for article, entities in store.index_rows(skipped=skipped):
            words.update(document_frequencies([f"{article.title}\n{article.body}"]))
            yield article, apply(entities, corrections, article.id)

    done = rebuild_index(library.index_path, counted(), total, progress)
    store.replace_vocabulary(words)
    store.finish(live=pending, gone=going)
    store.finish_corrections(waiting)  # every document was written with these corrections
    store.recount_entities()
    return RebuildReport(done, tuple(skipped))
