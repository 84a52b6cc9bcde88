"""The article store: the library's record of everything the user gave.

SQLite holds, for every article, the original bytes as given, the cleaned text,
the metadata and (once analysed) its entities. The Whoosh index is derived
from this store and can always be rebuilt from it.

Each article row has a ``state`` that makes a commit across the two stores
atomic as the user sees it: rows go in as PENDING, Whoosh commits, then the
rows turn LIVE; rows being removed turn GOING first and are deleted once Whoosh
has forgotten them. Readers only ever see LIVE rows, and the next writer
finishes (or undoes) whatever a killed writer left half done.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from index.article import Article
from index.entities.entity import Analysis, entities_from_json
from index.model import ArticleSummary, StoreError, UnreadableRow
from index.storage import entity_tables, entity_totals, succession
from index.storage.correction_table import CorrectionData, corrected
from index.storage.database import (
    ARTICLE_COLUMNS,
    check_tables,
    chunks,
    connect,
    create_tables,
    guard_errors,
    store_error,
    transaction,
)
from index.storage.derived import DerivedData, write_sentences
from index.storage.entity_store import EntityData
from index.storage.order import NEWEST_FIRST, neighbour, order_key
from index.storage.rows import article_row, index_rows, row_article
from index.storage.spans import spans_to_blob

__all__ = ["GOING", "LIVE", "PENDING", "Store", "StoreError"]

PENDING, LIVE, GOING = 0, 1, 2

# Lookups by id write "+state" so that SQLite uses the primary key, not the state
# index (which would read every live row, bodies and originals included).
_SUMMARY_COLS = "id, title, source, published, url, author, ingested_at, words, lang"


@guard_errors  # every public method raises StoreError, never sqlite3's errors
class Store(DerivedData, CorrectionData, EntityData):
    """The SQLite article store of one library (one connection per thread)."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        """Open (creating it if needed) the store at ``path``; with ``read_only`` open it
        for reading only, writing nothing at all. Raises StoreError."""
        self.path = path
        self.read_only = read_only
        self._local = threading.local()
        self._setup_lock = threading.Lock()
        try:
            with self._setup_lock:
                if read_only:
                    check_tables(path, self._conn())
                else:
                    create_tables(self._conn())
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.DatabaseError as err:
            raise store_error(path, err) from None

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect(self.path, read_only=self.read_only)
        return conn

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- reading ---------------------------------------------------------

    def count(self) -> int:
        """Number of live articles."""
        return int(
            self._conn().execute("SELECT count(*) FROM articles WHERE state = 1").fetchone()[0]
        )

    def kept(self) -> int:
        """Articles live or PENDING: those a finished commit made live and those an interrupted
        one staged, which the next writer makes live (:func:`index.commit.finish_unfinished`)."""
        return int(
            self._conn().execute("SELECT count(*) FROM articles WHERE state != 2").fetchone()[0]
        )

    def dates(self) -> tuple[int, int, str | None, str | None]:
        """``(live articles, of them dated, earliest date, latest date)``; dates as stored
        (ISO 8601 text), None when no article has one."""
        row = (
            self._conn()
            .execute(
                "SELECT count(*), count(published), min(published), max(published)"
                " FROM articles WHERE state = 1"
            )
            .fetchone()
        )
        return int(row[0]), int(row[1]), row[2], row[3]

    def most_recent_id(self) -> str | None:
        """The id of the article added last (what the reader opens first)."""
        row = (
            self._conn()
            .execute(
                # "+state": walk the articles_added index newest first and stop at the
                # first live one (the state index would sort them all: 30 ms, not 0.1).
                "SELECT id FROM articles WHERE +state = 1"
                " ORDER BY ingested_at DESC, rowid DESC LIMIT 1"
            )
            .fetchone()
        )
        return row[0] if row else None

    def data_version(self) -> int:
        """A number that changes when another connection commits (SQLite's data_version)."""
        return int(self._conn().execute("PRAGMA data_version").fetchone()[0])

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Live articles in the library's order, newest first (see
        :mod:`index.storage.order`), ``limit`` of them (None: all) from ``offset``."""
        sql = (
            f"SELECT {_SUMMARY_COLS} FROM articles WHERE +state = 1 "  # in index order, as above
            f"ORDER BY {NEWEST_FIRST} LIMIT ? OFFSET ?"
        )
        rows = self._conn().execute(sql, (-1 if limit is None else limit, offset))
        return [ArticleSummary(*row) for row in rows]

    def neighbour(
        self, article_id: str, delta: int, place: tuple[str | None, str] | None = None
    ) -> ArticleSummary | None:
        """The live article ``delta`` places after (+) or before (-) the one with
        ``article_id`` in the library's order; None when there is none that way or no
        such article (see :func:`index.storage.order.neighbour`, and its ``place``)."""
        found = neighbour(self._conn(), article_id, delta, place)
        return self.summaries_by_id([found]).get(found) if found else None

    def summaries_by_id(self, ids: Sequence[str]) -> dict[str, ArticleSummary]:
        """Summaries of the live articles among ``ids``."""
        out: dict[str, ArticleSummary] = {}
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {_SUMMARY_COLS} FROM articles WHERE id IN ({marks}) AND +state = 1"
            for row in self._conn().execute(sql, chunk):
                out[row[0]] = ArticleSummary(*row)
        return out

    def bodies(self, ids: Sequence[str]) -> dict[str, str]:
        """Cleaned bodies of the live articles among ``ids``."""
        out: dict[str, str] = {}
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, body FROM articles WHERE id IN ({marks}) AND +state = 1"
            out.update(self._conn().execute(sql, chunk).fetchall())
        return out

    def record_fields(self, ids: Sequence[str]) -> dict[str, tuple[str, str | None, bytes]]:
        """``id -> (format, category, original bytes)`` of the live articles among ``ids``
        (what a corpus record's own fields are read back from)."""
        out: dict[str, tuple[str, str | None, bytes]] = {}
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT id, format, category, original FROM articles"
                f" WHERE id IN ({marks}) AND +state = 1"
            )
            for article_id, fmt, category, original in self._conn().execute(sql, chunk):
                out[article_id] = (fmt, category, bytes(original))
        return out

    def get(self, article_id: str) -> Article | None:
        """The full live article with this id (or unique id prefix), or None."""
        conn = self._conn()
        row = conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ? AND +state = 1", (article_id,)
        ).fetchone()
        if row is None and 4 <= len(article_id) < 16:
            rows = conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? AND +state = 1 LIMIT 2",
                (article_id.replace("%", "").replace("_", "") + "%",),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return row_article(row) if row else None

    def ids_starting(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids of live articles that start with ``prefix`` (at most ``limit``)."""
        rows = self._conn().execute(
            "SELECT id FROM articles WHERE id LIKE ? AND +state = 1 LIMIT ?",
            (prefix.replace("%", "").replace("_", "") + "%", limit),
        )
        return [r[0] for r in rows]

    def entities(self, article_id: str) -> Analysis:
        """The stored entity analysis of an article with the user's corrections laid over
        it (:mod:`index.storage.correction_table`), or None if it was never analysed.

        Raises StoreError when the stored analysis is damaged (not the JSON nutgraf
        writes): one line naming the article.
        """
        row = (
            self._conn()
            .execute("SELECT entities FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        try:
            found = entities_from_json(row[0]) if row else None
        except ValueError as err:
            raise StoreError(
                f"article {article_id}: its stored entity analysis is damaged ({err})"
            ) from None
        return corrected(self._conn(), article_id, found)

    def existing(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are in the store (live or pending)."""
        found: set[str] = set()
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id FROM articles WHERE id IN ({marks}) AND +state != 2"
            found.update(r[0] for r in self._conn().execute(sql, chunk))
        return found

    def live_ids(self) -> list[str]:
        """The ids of every LIVE article, in the order they were added."""
        sql = "SELECT id FROM articles WHERE state = 1 ORDER BY ingested_at, id"
        return [r[0] for r in self._conn().execute(sql)]

    def origin_sha(self, origin: str) -> str | None:
        """The content hash recorded when ``origin`` was last read completely."""
        row = (
            self._conn()
            .execute("SELECT sha256 FROM origins WHERE origin = ?", (origin,))
            .fetchone()
        )
        return row[0] if row else None

    def linked(self, origin: str) -> set[str]:
        """Ids of the articles that came from ``origin``."""
        rows = self._conn().execute("SELECT article_id FROM links WHERE origin = ?", (origin,))
        return {r[0] for r in rows}

    def known_records(self, origin: str) -> dict[bytes, str]:
        """Digest -> article id of the records that made the articles ``origin`` holds
        (see :func:`index.readers.base.record_digest`)."""
        rows = self._conn().execute(
            "SELECT r.digest, r.article_id FROM records r"
            " JOIN links l ON l.article_id = r.article_id WHERE l.origin = ?",
            (origin,),
        )
        return {bytes(d): a for d, a in rows}

    def unfinished(self) -> tuple[list[str], list[str]]:
        """Ids left PENDING and GOING by an interrupted commit."""
        rows = self._conn().execute("SELECT id, state FROM articles WHERE state != 1").fetchall()
        return [i for i, s in rows if s == PENDING], [i for i, s in rows if s == GOING]

    def index_rows(
        self, ids: Sequence[str] | None = None, skipped: list[UnreadableRow] | None = None
    ) -> Iterator[tuple[Article, Analysis]]:
        """Articles with their entity analysis, for (re)building the search index: all but
        those GOING, or those with ``ids``. A row that cannot be read is left out and
        appended to ``skipped`` (see :func:`index.storage.rows.index_rows`)."""
        return index_rows(self._conn(), ids, [] if skipped is None else skipped)

    # -- writing ---------------------------------------------------------

    def replace_vocabulary(self, words: Mapping[str, int]) -> None:
        """Make ``words`` (word -> number of articles, as
        :func:`index.fulltext.spelling.document_frequencies` counts them) the whole vocabulary: a
        rebuild counts it afresh, so removed articles and older word rules leave nothing."""
        conn = self._conn()
        with transaction(conn):
            conn.execute("DELETE FROM vocabulary")
            conn.executemany("INSERT INTO vocabulary VALUES (?, ?)", words.items())

    def vocabulary(self) -> list[tuple[str, int]]:
        """Every word seen in the library with the number of articles it appeared in."""
        return self._conn().execute("SELECT word, df FROM vocabulary").fetchall()

    def stage(
        self,
        articles: Sequence[tuple[Article, Analysis]],
        links: Sequence[tuple[str, str]],
        unlinks: Sequence[tuple[str, str]],
        origins: Sequence[tuple[str, str, int, str]],
        words: Mapping[str, int] | None = None,
        records: Sequence[tuple[bytes, str]] = (),
        spans: Mapping[str, Sequence[tuple[int, int, str]]] | None = None,
        sentences: Mapping[str, Sequence[int]] | None = None,
    ) -> list[str]:
        """Step 1 of a commit: insert new articles as PENDING, update origins and vocabulary,
        remember which record (by digest) made which article, and keep the entity model's
        raw ``spans`` of the articles analysed (article id -> spans); ``sentences`` gives
        where the sentences of articles start, by id (an article left out has none stored).

        Returns the ids that lost their last origin and are now GOING.
        """
        conn = self._conn()
        with transaction(conn):
            # A live article staged again stops counting until it is live again.
            staged = [a.id for a, _ in articles]
            succession.record_rewrites(conn, [(a.id, a.body) for a, _ in articles])
            entity_totals.count_out(conn, entity_totals.in_state(conn, staged, LIVE))
            if words:
                conn.executemany(
                    "INSERT INTO vocabulary VALUES (?, ?)"
                    " ON CONFLICT(word) DO UPDATE SET df = df + excluded.df",
                    words.items(),
                )
            conn.executemany(
                "INSERT OR REPLACE INTO articles (id, title, body, original, encoding, format,"
                " source, url, author, published, category, origin, ingested_at, words, entities,"
                " lang, sort_key, state)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
                [(*article_row(a, ents), order_key(a.published)) for a, ents in articles],
            )
            if spans:
                conn.executemany(
                    "UPDATE articles SET spans = ? WHERE id = ?",
                    [(spans_to_blob(raw), i) for i, raw in spans.items()],
                )
            entity_tables.index_entities(conn, articles)
            write_sentences(conn, sentences or {})
            conn.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)", records)
            conn.executemany("INSERT OR IGNORE INTO links VALUES (?, ?)", links)
            conn.executemany("DELETE FROM links WHERE origin = ? AND article_id = ?", unlinks)
            going: list[str] = []
            for _, article_id in unlinks:
                if conn.execute(
                    "SELECT 1 FROM links WHERE article_id = ?", (article_id,)
                ).fetchone():
                    continue
                entity_totals.count_out(conn, entity_totals.in_state(conn, [article_id], LIVE))
                conn.execute("UPDATE articles SET state = 2 WHERE id = ?", (article_id,))
                going.append(article_id)
            succession.record(conn, staged, unlinks, going)  # which old id each new replaces
            conn.executemany("INSERT OR REPLACE INTO origins VALUES (?, ?, ?, ?)", origins)
        return going

    def remove(self, article_id: str) -> bool:
        """Mark one article GOING and drop its origins' claim on it; False if unknown."""
        conn = self._conn()
        with transaction(conn):
            entity_totals.count_out(conn, entity_totals.in_state(conn, [article_id], LIVE))
            cur = conn.execute(
                "UPDATE articles SET state = 2 WHERE id = ? AND state != 2", (article_id,)
            )
            if not cur.rowcount:
                return False
            origins = [
                r[0]
                for r in conn.execute(
                    "SELECT origin FROM links WHERE article_id = ?", (article_id,)
                )
            ]
            conn.execute("DELETE FROM links WHERE article_id = ?", (article_id,))
            # Forget the origins' hashes so that adding the file again brings the article back.
            conn.executemany("DELETE FROM origins WHERE origin = ?", [(o,) for o in origins])
        return True

    def finish(self, live: Sequence[str], gone: Sequence[str]) -> None:
        """Last step of a commit: PENDING rows turn LIVE and GOING rows are deleted."""
        conn = self._conn()
        with transaction(conn):
            turning = entity_totals.in_state(conn, live, PENDING)
            conn.executemany(
                "UPDATE articles SET state = 1 WHERE id = ? AND state = 0", [(i,) for i in live]
            )
            removed = [(i,) for i in gone]
            conn.executemany("DELETE FROM articles WHERE id = ? AND state = 2", removed)
            conn.executemany("DELETE FROM entity_refs WHERE article_id = ?", removed)
            conn.executemany("DELETE FROM entity_aliases WHERE article_id = ?", removed)
            conn.executemany("DELETE FROM entity_names WHERE article_id = ?", removed)
            conn.executemany("DELETE FROM records WHERE article_id = ?", removed)
            entity_totals.count_in(conn, turning)
            succession.apply(conn)  # the user's work on replaced articles moves on
