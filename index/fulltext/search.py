"""Full-text search over a library: ranked hits, snippets, match offsets, suggestions.

Built for speed on the measured costs of Whoosh (``shared/notes``): match
offsets come from the character positions stored in the postings (no
re-tokenising of bodies), bodies are read from the article store only for the
hits shown, and one Whoosh searcher is kept open and refreshed only when the
index has changed (by :mod:`index.fulltext.refresh`, not Whoosh's own refresh), or
reopened when a rebuild swapped a new index in. Everything returned is a
frozen dataclass built while the searcher is held, so no Whoosh object escapes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

from whoosh import collectors
from whoosh import query as wq
from whoosh.index import Index
from whoosh.reading import IndexReader
from whoosh.searching import Results, Searcher

from index.fulltext.empty_result import (
    NOTHING_TO_SEARCH,
    in_library,
    typed_words,
    why_nothing,
)
from index.fulltext.expansion import expand
from index.fulltext.keep_query import KeepFilters, Slot, restore
from index.fulltext.matches import (
    Span,
    body_terms,
    entity_leaves,
    entity_spans,
    matched_body_words,
    merge_spans,
    phrase_spans,
)
from index.fulltext.query import QueryError, make_parser, parse_query
from index.fulltext.refresh import open_reader
from index.fulltext.snippet import make_snippet
from index.fulltext.spelling import Speller, is_word
from index.fulltext.topk import plain_groups, top_of_groups
from index.fulltext.whoosh_patches import BM25F, CancellableCollector, SearchCancelled, apply
from index.model import IndexDamaged, SearchHit, SearchResult, StoreError, damaged_message
from index.storage.store import Store

__all__ = ["LibrarySearcher", "SearchHit", "SearchResult"]


def _by_segment(
    reader: IndexReader, docnums: list[int]
) -> Iterator[tuple[IndexReader, int, list[int]]]:
    """``(segment reader, its first docnum, the sorted ``docnums`` in it)`` for each
    segment of ``reader`` holding any of ``docnums`` (sorted)."""
    leaves = reader.leaf_readers()
    for n, (leaf, offset) in enumerate(leaves):
        end = leaves[n + 1][1] if n + 1 < len(leaves) else offset + leaf.doc_count_all()
        inside = [d for d in docnums if offset <= d < end]
        if inside:
            yield leaf, offset, inside


def _collect(
    searcher: Searcher,
    q: wq.Query,
    limit: int,
    terms: bool,
    cancelled: Callable[[], bool] | None = None,
) -> Results:
    """Top hits and the exact total in one pass; with ``terms``, also the terms each hit
    matched (needed only when the query expands: prefixes, wildcards, fuzzy words).

    Whoosh's default collector skips blocks and swaps in cheaper matchers once
    the top N is full, so it must run the query a second time to count the
    matches; with both turned off every match is scored once and counted on
    the way (news corpus: 9 ms mean against 20). Turning off only the block
    skipping is not enough: the swapped matchers drop documents from the count.
    Recording matched terms for every match costs about a tenth more, so a query
    whose terms are known in advance skips it (see ``_matched_chars``).
    """
    top = collectors.TopCollector(limit=max(1, limit), usequality=False, replace=0)
    collector: collectors.Collector = collectors.TermsCollector(top) if terms else top
    if cancelled is not None:
        collector = CancellableCollector(collector, cancelled)
    searcher.search_with_collector(q, collector)
    return collector.results()


class LibrarySearcher:
    """Searches one library's Whoosh index; safe to call from several threads."""

    def __init__(self, ix: Index, store: Store, live: Callable[[], Index] | None = None) -> None:
        """``live``, if given, returns the index to search now: when it gives another
        index than last time (a rebuild swapped one in), the searcher is reopened on it.
        Raises ``WhooshChanged`` when Whoosh is not what nutgraf's changes to it expect
        (see :mod:`index.fulltext.whoosh_patches`)."""
        apply()
        self._ix = ix
        self._live = live
        self._store = store
        self._parser = make_parser(ix.schema)
        self._keep = KeepFilters(store.path, store.read_only, ix.schema)  # tag: is: note: has:
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._generation = -1
        self._speller: Speller | None = None

    def close(self) -> None:
        """Release the open Whoosh searcher."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def _current(self) -> Searcher:
        """The searcher on the live index's latest commit (see :mod:`index.fulltext.refresh`)."""
        ix = self._live() if self._live is not None else self._ix
        if ix is not self._ix:
            self._drop_searcher()
            self._ix = ix
        if self._searcher is not None and ix.latest_generation() == self._generation:
            return self._searcher
        old = self._searcher.reader() if self._searcher is not None else None
        reader, self._generation = open_reader(ix, reuse=old)
        self._searcher = Searcher(reader, weighting=BM25F(), fromindex=ix)
        self._speller = None  # new articles may have brought new words
        return self._searcher

    def _spell(self) -> Speller:
        if self._speller is None:
            self._speller = Speller(self._store.vocabulary())
        return self._speller

    def search(
        self, text: str, limit: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> SearchResult:
        """Run a query; malformed queries come back with ``error`` set, never raised.

        Prefix, wildcard and fuzzy words are expanded within the bounds of
        :mod:`index.fulltext.expansion` (a word over them is a malformed query; one
        that stands for more terms than are searched says so in ``notice``).
        ``cancelled`` is asked now and then while hits are collected: once it
        returns True the search stops and comes back with ``cancelled`` set.
        """
        text = text.strip()
        if not text:
            return SearchResult(query=text, error="empty query")
        try:
            q, parsed_text, kept = self._parse(text)
        except QueryError as err:
            return SearchResult(query=text, error=str(err))
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return SearchResult(query=text, notice=NOTHING_TO_SEARCH)
        with self._lock:
            for attempt in (1, 2):
                try:
                    searcher = self._current()
                    fuzzy = any(isinstance(leaf, wq.FuzzyTerm) for leaf in q.leaves())
                    written = self._spell() if fuzzy else None
                    expanded, notices = expand(q, searcher.reader(), written, parsed_text)
                    phrases, single, expanding = body_terms(expanded)
                    groups = None if expanding else plain_groups(expanded)
                    if groups is not None:  # a word or two: see index.fulltext.topk
                        total, best = top_of_groups(searcher, groups, max(1, limit), cancelled)
                        top = [(d, searcher.stored_fields(d)["id"], s) for d, s in best]
                    else:
                        results = _collect(searcher, expanded, limit, expanding, cancelled)
                        total = len(results)
                        top = [(hit.docnum, hit["id"], hit.score) for hit in results]
                    if expanding:
                        words = matched_body_words(searcher, results)
                    else:
                        words = sorted(single.union(*phrases))
                    chars = self._matched_chars(searcher, words, [d for d, _, _ in top])
                    break
                except SearchCancelled:
                    return SearchResult(query=text, error="cancelled", cancelled=True)
                except Exception as err:
                    # Reading the index failed: a damaged or vanished segment file, or
                    # the files of an index that a rebuild has just replaced: try afresh once.
                    self._drop_searcher()
                    if attempt == 2 or self._live is None:
                        error = str(err) if isinstance(err, IndexDamaged) else damaged_message(err)
                        return SearchResult(query=text, error=error, damaged=True)
            suggestion = restore(self._suggest(searcher, q, parsed_text), kept)
            if total == 0:
                why = next((slot.why for slot in kept if not slot.ids), None)
                with contextlib.suppress(Exception):  # damaged files: the search stands
                    why = why or why_nothing(searcher, q, parsed_text, self._store)
                if why:
                    notices.append(why)
        result = self._build(text, total, top, chars, q, (phrases, single), suggestion)
        if notices:
            result = dataclasses.replace(result, notice="; ".join(notices))
        return result

    def matching_ids(self, text: str) -> set[str]:
        """The ids of every article in the index that ``text`` finds, unranked and without
        snippets (what a saved search counts; see :mod:`index.watches`). Ids of articles
        not yet (or no longer) live may be among them: the caller checks with the store.
        Raises QueryError for a malformed or empty query, IndexDamaged when the index
        cannot be read."""
        text = text.strip()
        if not text:
            raise QueryError("empty query")
        q, parsed_text, _ = self._parse(text)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return set()
        with self._lock:
            try:
                searcher = self._current()
                fuzzy = any(isinstance(leaf, wq.FuzzyTerm) for leaf in q.leaves())
                written = self._spell() if fuzzy else None
                expanded, _ = expand(q, searcher.reader(), written, parsed_text)
                return {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(expanded)}
            except Exception as err:
                self._drop_searcher()  # the next use opens the index afresh
                if isinstance(err, IndexDamaged):
                    raise
                raise IndexDamaged(damaged_message(err)) from None

    def _parse(self, text: str) -> tuple[wq.Query, str, list[Slot]]:
        """The one way a query is read, for every path that searches (ranked search,
        saved searches' :meth:`matching_ids`, exports and walks, which use those two):
        annotation fields (``tag:`` ``is:`` ``has:`` ``note:``) resolved from the store
        (:mod:`index.fulltext.keep_query`), then parsed. Returns the query, the text as
        parsed (placeholders in it) and the annotation slots. Raises QueryError for a
        malformed query or an unreadable annotation table."""
        try:
            typed, kept = self._keep.rewrite(text)
        except sqlite3.Error as err:
            raise QueryError(f"cannot read your annotations ({err})") from None
        q, parsed_text = parse_query(typed, self._parser)
        return KeepFilters.substitute(q, kept), parsed_text, kept

    def _drop_searcher(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):  # closing over damaged files may fail too
                self._searcher.close()
            self._searcher = None

    def _matched_chars(
        self, searcher: Searcher, words: Iterable[str], docnums: Sequence[int]
    ) -> dict[int, dict[str, list[tuple[int, int, int]]]]:
        """docnum -> body word -> [(position, start, end)] for those of ``words`` that each
        of the ``docnums`` holds.

        Read segment by segment, from the segments holding hits only, and without
        scoring: Whoosh's ``Searcher.postings`` looks the word up in every segment and
        sets a BM25F scorer up for each (on the 6.7k news library in six segments,
        half the time of this step)."""
        out: dict[int, dict[str, list[tuple[int, int, int]]]] = {d: {} for d in docnums}
        if not docnums:
            return out
        words = list(words)
        for leaf, offset, wanted in _by_segment(searcher.reader(), sorted(docnums)):
            for word in words:
                if ("body", word) not in leaf:
                    continue
                matcher = leaf.postings("body", word)
                for docnum in wanted:
                    local = docnum - offset
                    if not matcher.is_active():
                        break
                    if matcher.id() < local:
                        matcher.skip_to(local)
                    if matcher.is_active() and matcher.id() == local:
                        out[docnum][word] = matcher.value_as("characters")
        return out

    def _suggest(self, searcher: Searcher, q: wq.Query, text: str) -> str | None:
        """The query with each plain word that is in no title or body replaced by the
        closest word that is, or None when there is nothing to correct.

        Whoosh's own correction works on stemmed terms ("missle" -> "missl");
        this corrects the word as the user typed it, from the library's
        words as written (see :mod:`index.fulltext.spelling`). A word is in the
        library when the field's analyser makes of it a term of the index (whatever
        that analyser does: stems, folding, pieces), and is then never corrected.
        """
        reader = searcher.reader()
        words = [
            (span, word)
            for span, word in typed_words(q, text)
            if is_word(word) and not in_library(reader, word)
        ]
        if not words:
            return None
        speller = self._spell()
        body = reader.schema["body"]

        def term(word: str) -> str | None:
            return next(iter(body.process_text(word, mode="query")), None)

        changes: list[tuple[int, int, str]] = []
        for (start, end), word in words:
            best = speller.suggest(word, term=term, exists=lambda w: in_library(reader, w))
            if best:
                changes.append((start, end, best))
        if not changes:
            return None
        out = text
        for start, end, word in reversed(changes):
            out = out[:start] + word + out[end:]
        return out

    def _build(
        self,
        text: str,
        total: int,
        top: list[tuple[int, str, float]],
        chars: dict[int, dict[str, list[tuple[int, int, int]]]],
        q: wq.Query,
        body_terms: tuple[list[list[str]], set[str]],
        suggestion: str | None,
    ) -> SearchResult:
        ids = [aid for _, aid, _ in top]
        summaries = self._store.summaries_by_id(ids)
        bodies = self._store.bodies(ids)
        phrases, single = body_terms
        phrase_words = {w for p in phrases for w in p}
        wanted_entities = entity_leaves(q)
        hits: list[SearchHit] = []
        for docnum, aid, score in top:
            info = summaries.get(aid)
            if info is None:  # indexed but not (or no longer) live: an unfinished commit
                total -= 1
                continue
            body = bodies.get(aid, "")
            terms = chars.get(docnum, {})
            spans: list[Span] = []
            for words in phrases:
                spans.extend(phrase_spans(terms, words))
            for word, occurrences in terms.items():
                if word in single or word not in phrase_words:
                    spans.extend((s, e) for _, s, e in occurrences)
            if wanted_entities:
                with contextlib.suppress(StoreError):  # a damaged analysis: no mention spans
                    spans.extend(entity_spans(self._store.entities(aid), wanted_entities))
            matches = merge_spans(spans, body)
            snippet, snippet_matches = make_snippet(body, matches)
            hits.append(
                SearchHit(
                    id=aid,
                    title=info.title,
                    source=info.source,
                    published=info.published,
                    score=round(float(score), 4),
                    snippet=snippet,
                    snippet_matches=snippet_matches,
                    matches=matches,
                )
            )
        return SearchResult(
            query=text, total=max(total, len(hits)), hits=tuple(hits), suggestion=suggestion
        )
