"""Reading a whole library again with today's readers, cleaning and entity rules.

``nutgraf rebuild --reread`` brings the improvements of later versions to
articles added before them. For every stored article (see
:func:`index.readers.reread.read_again`):

* the original bytes are read again by today's reader of their format;
* where the body came out different, the language is detected again and the
  entity model runs again (English and unknown languages, as at ingest);
* every article's sentences are found again by today's segmenter
  (:func:`index.sentences.sentence_starts`, or the entity pass for English);
* where it came out the same, the model is not run: the stored mentions, with
  their labels, go through today's entity rules again
  (:func:`index.entities.resolve.resolve`), which is cheap;
* ids never change (an article's id was derived from its text when it was
  added, and keeping it keeps everything attached to the article), and an
  article that today's reader refuses stays exactly as it was, named in the
  report.

Changed articles are written in batches, each one :class:`~index.commit.Commit`
(store then index, as every change), and the search index is then rebuilt from
the store (:func:`index.commit.rebuild`), which also counts the "did you mean"
vocabulary afresh. A re-read killed part-way leaves the library consistent: the
batches before it are in, the rest as they were, and running it again finishes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from index.article import Article
from index.commit import Commit, rebuild
from index.entities.entity import Analysis
from index.entities.ner import RawSpan
from index.model import RereadReport, Skip

if TYPE_CHECKING:
    from index.writing import LibraryWriter

__all__ = ["reread_library", "stored_spans"]

#: Articles written per commit.
BATCH = 500
#: Articles read between two calls of the progress callback.
PROGRESS_EVERY = 25


def stored_spans(entities: Analysis) -> list[RawSpan]:
    """The mentions of a stored analysis as ``(start, end, label)`` spans, in text order:
    what :func:`index.entities.resolve.resolve` takes from the model."""
    found = [(s, e, ent.label) for ent in entities or () for s, e in ent.mentions]
    return sorted(found)


def _same_analysis(a: Analysis, b: Analysis) -> bool:
    def key(ents: Analysis) -> list[tuple[str, str, tuple[str, ...], tuple[tuple[int, int], ...]]]:
        return sorted((e.name, e.label, e.aliases, e.mentions) for e in ents or ())

    return (a is None) == (b is None) and key(a) == key(b)


_FIELDS = ("title", "body", "source", "url", "author", "published", "category", "lang")


def _same_article(a: Article, b: Article) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in _FIELDS)


def reread_library(
    writer: LibraryWriter,
    progress: Callable[[int, int], None] | None = None,
    analyse: bool = True,
) -> RereadReport:
    """Read every article of ``writer``'s library again (see the module docstring) and
    rebuild its search index.

    ``progress(done, total)`` is called as articles are read and again while the index
    is rebuilt. ``analyse=False`` leaves entities as they are (no model, no rules).
    Raises what writing the store or the index raises; batches committed before stay in.
    """
    from index.entities.ner import (
        PARALLEL_FROM,
        NerPool,
        complete_sentences,
        entity_text,
        pass_finds_sentences,
    )
    from index.entities.resolve import resolve
    from index.readers.reread import read_again

    writer.reconcile()
    store = writer.library.store
    report = RereadReport()
    ids = store.live_ids()
    total = len(ids)
    pool: NerPool | None = None

    def write(
        rows: list[tuple[Article, Analysis]],
        spans: dict[str, list[RawSpan]],
        sentences: dict[str, list[int]],
    ) -> None:
        with Commit(writer, replace=True) as commit:
            commit.stage(rows, spans=spans, sentences=sentences)
            for article, analysis in rows:
                commit.index(article, analysis)
            commit.finish(live=[a.id for a, _ in rows], gone=[])

    try:
        for start in range(0, total, BATCH):
            chunk = ids[start : start + BATCH]
            kept_spans = store.raw_spans(chunk)
            read: list[tuple[Article, Article, Analysis]] = []
            for old, entities in store.index_rows(chunk, skipped=report.unreadable):
                report.read += 1
                if progress is not None and report.read % PROGRESS_EVERY == 0:
                    progress(report.read, total)
                new = read_again(old)
                if isinstance(new, Skip):
                    report.kept.append((old.id, old.title, new.reason))
                    continue
                if new.body != old.body or new.title != old.title or old.lang is None:
                    new = new.with_detected_language()
                read.append((old, new, entities))
            # The model reads the bodies that changed, and those never analysed; its pass
            # finds their sentences too, as at ingest; the segmenter finds the others'.
            fresh = [
                new
                for old, new, entities in read
                if analyse and (new.body != old.body or entities is None)
            ]
            found: dict[str, list[RawSpan]] = {}
            by_pass: dict[str, list[int]] = {}
            if fresh:
                if pool is None:
                    pool = NerPool(None if len(fresh) >= PARALLEL_FROM else 0)
                texts = [entity_text(a) for a in fresh]
                for article, (raw, starts) in zip(
                    fresh, pool.collect(pool.submit(texts)), strict=True
                ):
                    found[article.id] = raw
                    if pass_finds_sentences(article):
                        by_pass[article.id] = starts
            starts_of = complete_sentences([new for _, new, _ in read], by_pass)
            rows: list[tuple[Article, Analysis]] = []
            spans: dict[str, list[RawSpan]] = {}
            sentences: dict[str, list[int]] = {}
            new_sentences: dict[str, list[int]] = {}
            for old, new, entities in read:
                starts = starts_of[new.id]
                analysis: Analysis
                if new.id in found:
                    raw = found[new.id]
                    analysis, spans[new.id] = resolve(new.body, raw), raw
                    report.analysed += 1
                elif new.body != old.body:
                    analysis = None  # offsets into the old text mean nothing in the new
                elif not analyse or entities is None:
                    analysis = entities
                else:
                    kept = kept_spans.get(old.id)
                    analysis = resolve(new.body, stored_spans(entities) if kept is None else kept)
                    if kept is not None:
                        spans[old.id] = kept  # a row written again keeps its spans
                if _same_article(old, new) and _same_analysis(entities, analysis):
                    if store.sentences(old.id) != starts:
                        new_sentences[old.id] = starts
                    continue
                report.entities_changed += not _same_analysis(entities, analysis)
                rows.append((new, analysis))
                sentences[new.id] = starts
            if rows:
                write(rows, spans, sentences)
                report.changed += len(rows)
            if new_sentences:
                report.sentences_found += len(new_sentences)
                store.set_sentences(new_sentences)
            if progress is not None:
                progress(min(start + BATCH, total), total)
    finally:
        if pool is not None:
            pool.close()
    report.rebuild = rebuild(writer, progress)
    return report
