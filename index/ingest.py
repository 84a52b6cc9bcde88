"""Adding articles to a library: read, skip what is unchanged, analyse, commit.

The flow for ``add`` (a :class:`~index.writing.LibraryWriter` runs it, so the
write lock is held and any commit a killed writer left is finished): for each
input, hash it, and pass over it if it is byte-for-byte what was read last
time; otherwise read its articles (from the same bytes that were hashed, see
:mod:`index.readers.intake`), keep the ones the library does not have yet,
detect their language (:mod:`index.language`), analyse them (entities, for
English text and text of unknown language only) and commit them in batches. Each batch is one
:class:`~index.commit.Commit`, so an interrupted or cancelled add leaves the
library as it was after its last whole batch.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.article import Article, now_iso
from index.batches import BATCH_SIZE, next_batch_size
from index.batches import FIXED_BATCH as FIXED_BATCH  # re-exported: tests read them here
from index.batches import MAX_BATCH as MAX_BATCH
from index.batches import TAIL_BATCH as TAIL_BATCH
from index.commit import Commit
from index.entities.cluster import ClusterPool
from index.entities.entity import Analysis
from index.entities.ner import (
    MAX_CHARS,
    PARALLEL_FROM,
    Job,
    NerPool,
    RawSpan,
    complete_sentences,
    entity_text,
    pass_finds_sentences,
)
from index.entities.resolve import resolve
from index.fulltext.spelling import document_frequencies
from index.language import preload
from index.model import LOADING_MODEL, SAVING, AddedArticle, AddProgress, AddReport, Notice, Skip
from index.readers.base import DEFAULT_MAX_BYTES, Input, Known, record_digest
from index.readers.decoding import UnreadableError
from index.readers.fetch import fetch_url
from index.readers.intake import Reading, estimate_articles
from index.readers.sources import expand_sources

if TYPE_CHECKING:
    from index.library import Library
    from index.writing import LibraryWriter

__all__ = ["add_sources"]

#: Batches handed to the analysis workers ahead of the one being indexed.
IN_FLIGHT = 2


ProgressFn = Callable[[AddProgress], None]


@dataclass
class _Batch:
    articles: list[Article] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    unlinks: list[tuple[str, str]] = field(default_factory=list)
    origins: list[tuple[str, str, int, str]] = field(default_factory=list)
    records: list[tuple[bytes, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)


@dataclass
class _Pending:
    """A batch whose entity analysis is running in the NER workers."""

    batch: _Batch
    job: Job


class _Adder:
    def __init__(
        self,
        writer: LibraryWriter,
        analyse: bool,
        progress: ProgressFn | None,
        cancelled: Callable[[], bool] | None,
        cluster: str | None = None,
    ) -> None:
        self.writer = writer
        self.lib = writer.library
        self.analyse = analyse
        self.progress = progress
        self.cancelled = cancelled
        self.report = AddReport()
        self.batch = _Batch()
        self.pending: deque[_Pending] = deque()
        self.batch_size = BATCH_SIZE
        # Ids of every article read in this add (batches still with the analysers are not
        # in the store yet): one read again is a duplicate.
        self.seen: set[str] = set()
        # A cluster is reached (and its workers checked) before anything is read or written.
        self.ner: NerPool | ClusterPool | None = ClusterPool(cluster) if cluster else None
        self.total = 0
        self.done = 0
        # Ids of the articles committed by this add, and the new articles of the input
        # being read when it was cancelled (reported as added once it is known which went in).
        self.committed: set[str] = set()
        self.cut_short: list[Article] = []
        self.read = 0  # articles read so far (of about ``total``)
        self.passed = 0  # of ``done``, those already in (no work): the rate leaves them out

    def stopped(self) -> bool:
        """True once the add was cancelled (it then stops between articles and batches)."""
        if self.cancelled is not None and not self.report.cancelled and self.cancelled():
            self.report.cancelled = True
        return self.report.cancelled

    def _tick(self, current: str = "", extra: int = 0) -> None:
        """Report progress; ``extra`` articles of the batch being committed are indexed."""
        if self.progress is not None:
            done = self.done + extra
            self.progress(AddProgress(done, max(self.total, done), current, self.passed))

    def _pool(self, size: int) -> NerPool | ClusterPool:
        if self.ner is None:
            # Worker processes pay off only when there is a lot to analyse; the
            # first batch is full unless the whole add is smaller than a batch.
            self.ner = NerPool(None if size >= PARALLEL_FROM else 0)
        return self.ner

    def commit(self, final: bool = False) -> None:
        """Send the current batch to analysis; commit the oldest once enough are queued.

        Up to IN_FLIGHT batches are with the workers: while this process indexes
        the oldest, they analyse the next ones, so neither side waits for the other.
        """
        batch, self.batch = self.batch, _Batch()
        if batch.articles or batch.links or batch.unlinks or batch.origins or batch.records:
            # The entity model is English: text in another language gets none (an empty
            # text gives no spans), rather than what the model guesses on it.
            texts = [entity_text(a) for a in batch.articles]
            job = self._pool(len(texts)).submit(texts) if self.analyse and texts else []
            self.pending.append(_Pending(batch, job))
        while self.pending and (final or len(self.pending) > IN_FLIGHT):
            if self.stopped():
                self.pending.clear()  # never staged: nothing of them is in the library
                return
            self._finish(self.pending.popleft())

    def _finish(self, pending: _Pending) -> None:
        """Resolve, store and index one batch, as one atomic commit.

        The batch's chunks are indexed as the workers finish them, so this
        process indexes the first chunks while the workers analyse the last.
        """
        batch = pending.batch
        articles = batch.articles
        rows: list[tuple[Article, Analysis]] = []
        spans: dict[str, list[RawSpan]] = {}
        sentences: dict[str, list[int]] = {}
        self._tick(LOADING_MODEL if self.analyse and not self.committed else "analysing entities")
        with Commit(self.writer, replace=False) as commit:
            if self.analyse and articles:
                for part in self._pool(0).parts(pending.job):
                    for raw, starts in part:
                        article = articles[len(rows)]
                        analysis = resolve(article.body, raw)
                        spans[article.id] = raw
                        rows.append((article, analysis))
                        commit.index(article, analysis)
                        if pass_finds_sentences(article):
                            sentences[article.id] = starts
                    self._tick("indexing", len(rows))
            else:
                for article in articles:
                    rows.append((article, None))
                    commit.index(article, None)
            for article in articles:
                if self.analyse and len(article.body) > MAX_CHARS and article.may_be_english:
                    self.report.notices.append(
                        Notice(
                            article.origin or article.id,
                            f"entities found in the first {MAX_CHARS:,} characters only",
                        )
                    )
            self._tick(SAVING, len(rows))  # the commit takes seconds: the line says so
            words = document_frequencies(f"{a.title}\n{a.body}" for a in articles)
            sentences = complete_sentences(articles, sentences)
            going = commit.stage(
                rows,
                batch.links,
                batch.unlinks,
                batch.origins,
                words,
                batch.records,
                spans=spans,
                sentences=sentences,
            )
            commit.finish(live=[a.id for a in articles], gone=going)
        self.report.removed += len(going)
        self.committed.update(a.id for a in articles)
        self.done += len(articles)
        self._tick()

    def close(self) -> None:
        if self.ner is not None:
            self.ner.close()

    def add_input(self, src: Input, estimate: int) -> None:
        """Read one input and queue what it brings; ``estimate`` was counted in the total."""
        store = self.lib.store
        reading = Reading(src)
        try:
            sha = reading.hash_before()
        except (OSError, UnreadableError) as err:
            why = str(err) if isinstance(err, UnreadableError) else _os_reason(err)
            self.report.skipped.append(Skip(src.origin, why))
            self._settle(estimate, 0)
            return
        old = store.linked(src.origin)
        # With --full-text, the links are worth fetching even when the feed is as it was.
        if old and store.origin_sha(src.origin) == sha and src.link_fetcher is None:
            # Not read again: records beyond one per article it links repeated one.
            again = len(old & self.seen)  # read from another input of this add
            self.seen |= old
            self.report.unchanged += len(old) - again
            self.report.duplicates += again + max(
                0, len(store.known_records(src.origin)) - len(old)
            )
            self.done += len(old)
            self.passed += len(old)
            self._settle(estimate, len(old))
            return
        preload()  # the input changed: new articles may need the language model
        new_ids: list[str] = []
        fresh: list[Article] = []
        had_skip = False
        known = store.known_records(src.origin) if old else None
        for item in reading.items(known):
            if self.stopped():
                self.cut_short = fresh
                return  # the input's hash is not recorded: the next add reads it again
            if isinstance(item, Skip):
                self.report.skipped.append(item)
                had_skip = True
                continue
            if isinstance(item, Notice):
                self.report.notices.append(item)
                continue
            new_ids.append(item.id)
            self.read += 1
            self.batch.links.append((src.origin, item.id))
            repeated = item.id in self.seen
            self.seen.add(item.id)
            if not isinstance(item, Known) and item.format == "jsonl":
                self.batch.records.append((record_digest(item.original), item.id))
            # A Known record is as it was: the article it made is in.
            if isinstance(item, Known) or repeated or item.id in old or store.existing([item.id]):
                self.report.duplicates += repeated  # read before in this add
                self.report.unchanged += not repeated
                self.done += 1
                self.passed += 1
                if self.passed % 50 == 0:  # passing over a resumed add's articles shows
                    self._tick()
                continue
            item = item.with_detected_language()
            self.batch.articles.append(item)
            fresh.append(item)
            self._tick(item.title)
            if len(self.batch) >= self.batch_size:
                self.commit()
                left = self.total - self.read
                self.batch_size = next_batch_size(self.batch_size, left, self.total)
        self._settle(estimate, len(new_ids))
        if not new_ids:
            return  # an input that yields nothing never takes away what it gave before
        # The hash recorded is that of the bytes these articles came from; an input not read
        # to its end, or with a part skipped, records none: the next add reads it again.
        read = reading.hash_read()
        if read is not None and not had_skip:
            self.batch.origins.append((src.origin, *read, now_iso()))
        # Articles the input no longer holds leave with it, unless part of it was unreadable.
        gone = [] if had_skip or read is None else sorted(old - set(new_ids))
        self.batch.unlinks.extend((src.origin, i) for i in gone)
        replaced = min(len(fresh), len(gone))
        for n, article in enumerate(fresh):
            entry = AddedArticle(article.id, article.title, article.origin)
            (self.report.updated if n < replaced else self.report.added).append(entry)

    def _settle(self, estimate: int, actual: int) -> None:
        """Replace an input's estimated article count in the total by the real one."""
        self.total += actual - estimate
        self._tick()


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, FileNotFoundError):
        return "disappeared before it could be read"
    return (err.strerror or str(err)).lower()


def add_sources(
    writer: LibraryWriter,
    names: Sequence[str],
    *,
    analyse: bool = True,
    progress: ProgressFn | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: bool = True,
    allow_link_local: bool = False,
    full_text: bool = False,
    stdin: bool = False,
    cancelled: Callable[[], bool] | None = None,
    cluster: str | None = None,
) -> AddReport:
    """Add files, folders and URLs with ``writer`` (through :meth:`LibraryWriter.add`).

    With ``analyse`` (the default) new articles go through entity analysis; an
    article already in the library is never analysed again. ``allow_link_local``
    lets URLs reach link-local and cloud metadata addresses (see
    :mod:`index.readers.address`). ``max_bytes`` bounds every input (decompressed);
    with ``full_text``, the link of a feed entry that is only a summary or a teaser is
    fetched for the article's text (see :mod:`index.readers.entry`), and a feed is read
    again even when its bytes have not changed;
    with ``stdin``, the name ``-`` reads standard input. ``cancelled`` is asked between
    articles and batches: once it returns True the add stops, keeps the batches already
    committed and reports ``cancelled``. With ``cluster`` (``tcp://HOST:PORT``), entity
    analysis runs on that Dask scheduler's workers (:mod:`index.entities.cluster`; raises
    :class:`~index.model.ClusterError` before anything is written when it cannot, and
    :class:`~index.model.ClusterLost` after the last whole batch if the cluster is lost).
    """
    adder = _Adder(writer, analyse, progress, cancelled, cluster)
    try:
        _add_all(adder, writer.library, names, max_bytes, fetch, allow_link_local, stdin, full_text)
    finally:
        adder.close()
    # Removed articles were counted as removed; those replaced by a new version are "updated".
    adder.report.removed -= len(adder.report.updated)
    return adder.report


def _add_all(
    adder: _Adder,
    lib: Library,
    names: Sequence[str],
    max_bytes: int,
    fetch: bool,
    allow_link_local: bool,
    stdin: bool,
    full_text: bool = False,
) -> None:
    inputs: list[tuple[Input, int]] = []
    expanded = expand_sources(
        list(names),
        max_bytes=max_bytes,
        fetch=fetch,
        allow_link_local=allow_link_local,
        library=lib.path,
        stdin=stdin,
    )
    for item in expanded:
        if isinstance(item, Skip):
            adder.report.skipped.append(item)
        elif isinstance(item, Notice):
            adder.report.notices.append(item)
        else:
            if full_text:
                item = dataclasses.replace(
                    item,
                    link_fetcher=functools.partial(
                        fetch_url, max_bytes=max_bytes, allow_link_local=allow_link_local
                    ),
                )
            inputs.append((item, estimate_articles(item)))
    adder.total = sum(n for _, n in inputs)
    adder._tick()
    for src, estimate in inputs:
        if adder.stopped():
            break
        adder.add_input(src, estimate)
    adder.commit(final=True)
    adder.report.added.extend(  # what a cancelled add did put in
        AddedArticle(a.id, a.title, a.origin) for a in adder.cut_short if a.id in adder.committed
    )
    adder.total = adder.done
    adder._tick()
