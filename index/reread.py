"""Reading a whole library again with today's readers, cleaning and entity rules.

``nutgraf rebuild --reread`` brings the improvements of later versions to
articles added before them. For every stored article (see
:func:`index.readers.reread.read_again`):

* the original bytes are read again by today's reader of their format;
* where the body came out different, the language is detected again and the
  entity model runs again (English and unknown languages, as at ingest);
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

import dataclasses
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
#: From this many texts to analyse in a batch, the model runs in worker processes
#: (as at ingest, see :data:`index.ingest.PARALLEL_FROM`).
PARALLEL_FROM = 60


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
    from index.entities.ner import NerPool
    from index.entities.resolve import resolve
    from index.language import detect_language, may_be_english
    from index.readers.reread import read_again

    writer.reconcile()
    store = writer.library.store
    report = RereadReport()
    ids = store.live_ids()
    total = len(ids)
    pool: NerPool | None = None

    def write(rows: list[tuple[Article, Analysis]], spans: dict[str, list[RawSpan]]) -> None:
        with Commit(writer, replace=True) as commit:
            commit.stage(rows, spans=spans)
            for article, analysis in rows:
                commit.index(article, analysis)
            commit.finish(live=[a.id for a, _ in rows], gone=[])

    try:
        for start in range(0, total, BATCH):
            chunk = ids[start : start + BATCH]
            rows: list[tuple[Article, Analysis]] = []
            spans: dict[str, list[RawSpan]] = {}
            to_analyse: list[tuple[Article, Analysis]] = []
            kept_spans = store.raw_spans(chunk)
            for old, entities in store.index_rows(chunk, skipped=report.unreadable):
                report.read += 1
                new = read_again(old)
                if isinstance(new, Skip):
                    report.kept.append((old.id, old.title, new.reason))
                    continue
                if new.body != old.body or new.title != old.title:
                    new = _with_language(new, detect_language(f"{new.title}\n{new.body}"))
                if new.body != old.body:
                    if analyse:
                        to_analyse.append((new, entities))
                        continue
                    analysis = None  # offsets into the old text mean nothing in the new
                elif not analyse or entities is None:
                    analysis = entities
                else:
                    raw = kept_spans.get(old.id)
                    analysis = resolve(new.body, stored_spans(entities) if raw is None else raw)
                    if raw is not None:
                        spans[old.id] = raw  # a row written again keeps its spans
                if not (_same_article(old, new) and _same_analysis(entities, analysis)):
                    report.entities_changed += not _same_analysis(entities, analysis)
                    rows.append((new, analysis))
            if to_analyse:
                if pool is None:
                    pool = NerPool(None if len(to_analyse) >= PARALLEL_FROM else 0)
                texts = [a.body if may_be_english(a.lang) else "" for a, _ in to_analyse]
                for (article, _), raw in zip(
                    to_analyse, pool.collect(pool.submit(texts)), strict=True
                ):
                    rows.append((article, resolve(article.body, raw)))
                    spans[article.id] = raw
                report.analysed += len(to_analyse)
                report.entities_changed += len(to_analyse)
            if rows:
                write(rows, spans)
                report.changed += len(rows)
            if progress is not None:
                progress(min(start + BATCH, total), total)
    finally:
        if pool is not None:
            pool.close()
    report.rebuild = rebuild(writer, progress)
    return report


def _with_language(article: Article, lang: str | None) -> Article:
    return dataclasses.replace(article, lang=lang)
