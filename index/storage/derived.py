"""What is derived from each article's text and kept beside it in the ``articles`` table.

The language an article is written in (:mod:`index.language`), where its sentences
start (:mod:`index.sentences`) and the entity model's raw spans
(:mod:`index.storage.spans`) are found once, when an article is added, and kept so
that reading never runs the model or the segmenter. Articles added by an earlier
nutgraf have NULL there until ``nutgraf rebuild`` (language, sentences) or ``nutgraf
rebuild --reread`` (all three) finds them. :class:`DerivedData` is a part of
:class:`~index.storage.store.Store`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence

from index.sentences import decode_starts, encode_starts
from index.storage.database import chunks, transaction
from index.storage.spans import RawSpans, spans_from_blob

__all__ = ["DerivedData", "write_sentences"]


class DerivedData:
    """The store's methods for the per-article derived data (see the module docstring)."""

    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # the Store's connection of this thread

    def raw_spans(self, ids: Sequence[str]) -> dict[str, RawSpans]:
        """The entity model's stored spans of the articles with ``ids`` that have them."""
        found: dict[str, RawSpans] = {}
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, spans FROM articles WHERE id IN ({marks}) AND spans IS NOT NULL"
            for i, blob in self._conn().execute(sql, chunk):
                if (raw := spans_from_blob(blob)) is not None:
                    found[i] = raw
        return found

    def sentences(self, article_id: str) -> list[int] | None:
        """Where the sentences of an article's body start (character offsets, see
        :func:`index.sentences.sentence_starts`); None when they were never found (an
        article stored before nutgraf stored them, until ``nutgraf rebuild``)."""
        row = (
            self._conn()
            .execute("SELECT sentences FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        try:
            return decode_starts(row[0]) if row and row[0] is not None else None
        except ValueError:
            return None  # a damaged value: the caller falls back as for an old article

    def without_sentences(self) -> Iterator[list[tuple[str, str, str | None]]]:
        """``(id, body, language)`` of the articles (all but GOING) whose sentences were
        never found, in lists of at most 200."""
        conn = self._conn()
        sql = "SELECT id FROM articles WHERE state != 2 AND sentences IS NULL"
        for chunk in chunks([r[0] for r in conn.execute(sql)], 200):
            marks = ",".join("?" * len(chunk))
            yield conn.execute(
                f"SELECT id, body, lang FROM articles WHERE id IN ({marks})", chunk
            ).fetchall()

    def set_sentences(self, starts: Mapping[str, Sequence[int]]) -> None:
        """Record where the sentences of articles start: article id -> offsets."""
        conn = self._conn()
        with transaction(conn):
            write_sentences(conn, starts)

    def without_language(self) -> Iterator[tuple[str, str]]:
        """``(id, title and body)`` of the articles (all but GOING) whose language is not
        known: added before languages were detected, or too short to tell."""
        ids = [
            r[0]
            for r in self._conn().execute(
                "SELECT id FROM articles WHERE state != 2 AND lang IS NULL"
            )
        ]
        for chunk in chunks(ids, 200):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, title || char(10) || body FROM articles WHERE id IN ({marks})"
            yield from self._conn().execute(sql, chunk).fetchall()

    def set_languages(self, languages: Sequence[tuple[str, str]]) -> None:
        """Record the detected language of articles: ``(id, ISO 639-1 code)`` pairs."""
        conn = self._conn()
        with transaction(conn):
            conn.executemany(
                "UPDATE articles SET lang = ? WHERE id = ?", [(code, i) for i, code in languages]
            )


def write_sentences(conn: sqlite3.Connection, starts: Mapping[str, Sequence[int]]) -> None:
    """Record ``starts`` (article id -> offsets) within the caller's transaction."""
    conn.executemany(
        "UPDATE articles SET sentences = ? WHERE id = ?",
        [(encode_starts(offsets), i) for i, offsets in starts.items()],
    )
