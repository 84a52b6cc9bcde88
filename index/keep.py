"""Stars, tags, notes and highlights: the library's door to the user's annotations.

Reached as ``library.keep`` (:class:`Keep`). Each user action is one SQLite
transaction (``BEGIN IMMEDIATE``, WAL, the store's busy timeout), as safe as adding
an article: a process killed mid-write leaves every earlier annotation as it was.
Annotations are stored only in the SQLite store (:mod:`index.storage.keep_tables`),
never in the search index; queries reach them through
:mod:`index.fulltext.keep_query`. Errors: :class:`~index.model.AnnotationError` for
a bad tag, note or quote, :class:`~index.model.LibraryReadOnly` for a library this
process cannot write, :class:`~index.model.StoreError` for a damaged store, each one
line.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import TYPE_CHECKING

from index.anchoring import quote_selector
from index.article import Article, now_iso
from index.folding import fold
from index.model import Annotation, AnnotationError, LibraryReadOnly, Marks
from index.storage import keep_tables
from index.storage.database import connect, guard_errors, transaction

if TYPE_CHECKING:
    from index.library import Library

__all__ = ["MAX_NOTE", "MAX_TAG", "TAG_RULE", "Keep", "check_tag", "find_quote"]

#: Longest tag, in characters.
MAX_TAG = 40
#: Longest note, in characters.
MAX_NOTE = 10_000
_TAG = re.compile(rf"[\w.+/#&'][\w\-.+/#&']{{0,{MAX_TAG - 1}}}")
#: What older versions let in (a leading ``-``): such a tag can still be taken off.
_OLD_TAG = re.compile(rf"[\w\-.+/#&']{{1,{MAX_TAG}}}")
#: The rule a tag follows, as said to the user. No spaces, quotes, colons or brackets,
#: so that ``tag:NAME`` reads as one value in a query; no leading ``-``, which in the
#: reader's tag line means "take this tag off" (and on a command line, an option).
TAG_RULE = (
    f"a tag is 1 to {MAX_TAG} letters, digits or - _ . + / # & ' (no spaces, quotes,"
    " colons or brackets, and not starting with -); case and accents do not count"
)


def check_tag(tag: str, removing: bool = False) -> str:
    """``tag`` as kept (NFC, as typed); raises AnnotationError naming :data:`TAG_RULE`.
    With ``removing``, a tag with a leading ``-`` (made before the rule said no) passes."""
    if not (_OLD_TAG if removing else _TAG).fullmatch(tag):
        shown = tag if len(tag) <= MAX_TAG else tag[:MAX_TAG] + "…"
        raise AnnotationError(f"not a tag: {shown!r}: {TAG_RULE}")
    return tag


def find_quote(body: str, quote: str) -> tuple[int, int]:
    """Where ``quote`` is in ``body`` (any run of white space in it matches any run in the
    text); raises AnnotationError when it is not there, or is there more than once."""
    words = quote.split()
    if not words:
        raise AnnotationError("the quote is empty")
    found = list(re.finditer(r"\s+".join(re.escape(w) for w in words), body))
    if not found:
        raise AnnotationError("the quote is not in the article's text (see 'nutgraf show ID')")
    if len(found) > 1:
        raise AnnotationError(
            f"the quote occurs {len(found)} times in the article: give more words to say which"
        )
    return found[0].start(), found[0].end()


@guard_errors  # every public method raises StoreError, never sqlite3's errors
class Keep:
    """The annotations of one library (one connection per thread)."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self.path = library.store.path
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect(self.path, read_only=self._library.read_only)
        return conn

    def _article(self, article_id: str) -> Article:
        if self._library.read_only:
            raise LibraryReadOnly(f"library at {self._library.path} is read-only")
        article = self._library.get(article_id)
        if article is None:
            raise AnnotationError(self._library.why_not_found(article_id))
        return article

    # -- reading ---------------------------------------------------------

    def annotations(
        self, article_id: str | None = None, tag: str | None = None
    ) -> list[Annotation]:
        """Annotations of one article (its full id) or of all, with ``tag`` only those of
        articles so tagged; by article, then star, tags, notes and highlights in order."""
        key = fold(tag) if tag is not None else None
        return keep_tables.select(self._conn(), article_id, key)

    def marks(self, ids: list[str]) -> dict[str, Marks]:
        """Article id -> :class:`~index.model.Marks` for those among ``ids`` that have any."""
        return keep_tables.marks(self._conn(), ids)

    def tags(self) -> list[str]:
        """Every tag in use (as first typed), most used first, then by name."""
        rows = self._conn().execute(
            "SELECT min(body), count(*) n FROM annotations WHERE motivation = 'tagging'"
            " GROUP BY tag_key ORDER BY n DESC, tag_key"
        )
        return [r[0] for r in rows]

    # -- writing: one transaction each -----------------------------------

    def star(self, article_id: str, on: bool = True) -> tuple[str, bool]:
        """Star (``on``) or unstar an article; ``(full id, whether anything changed)``."""
        article = self._article(article_id)
        conn = self._conn()
        with transaction(conn):
            had = conn.execute(
                "SELECT 1 FROM annotations WHERE article_id = ? AND motivation = 'bookmarking'",
                (article.id,),
            ).fetchone()
            if on and not had:
                now = now_iso()
                conn.execute(
                    "INSERT INTO annotations (article_id, title, motivation, created, modified)"
                    " VALUES (?, ?, 'bookmarking', ?, ?)",
                    (article.id, article.title, now, now),
                )
            elif had and not on:
                conn.execute(
                    "DELETE FROM annotations WHERE article_id = ? AND motivation = 'bookmarking'",
                    (article.id,),
                )
        return article.id, bool(on) != bool(had)

    def tag(self, article_id: str, tags: list[str], remove: bool = False) -> tuple[str, list[str]]:
        """Add (or with ``remove`` take away) ``tags`` on an article, all or none (each is
        checked first: :func:`check_tag`); ``(full id, the tags that changed)``."""
        wanted = [check_tag(t, removing=remove) for t in tags]
        article = self._article(article_id)
        conn = self._conn()
        changed: list[str] = []
        with transaction(conn):
            for tag in wanted:
                key = fold(tag)
                had = conn.execute(
                    "SELECT 1 FROM annotations WHERE article_id = ? AND motivation = 'tagging'"
                    " AND tag_key = ?",
                    (article.id, key),
                ).fetchone()
                if remove and had:
                    conn.execute(
                        "DELETE FROM annotations WHERE article_id = ? AND motivation = 'tagging'"
                        " AND tag_key = ?",
                        (article.id, key),
                    )
                    changed.append(tag)
                elif not remove and not had:
                    now = now_iso()
                    conn.execute(
                        "INSERT INTO annotations (article_id, title, motivation, body, tag_key,"
                        " created, modified) VALUES (?, ?, 'tagging', ?, ?, ?, ?)",
                        (article.id, article.title, tag, key, now, now),
                    )
                    changed.append(tag)
        return article.id, changed

    def note(self, article_id: str, text: str, quote: str | None = None) -> Annotation:
        """A note on the article, or with ``quote`` a highlight with that note on the quoted
        words (:func:`find_quote`); raises AnnotationError for an empty or too long note."""
        article = self._article(article_id)
        span = find_quote(article.body, quote) if quote is not None else None
        return self._insert(article, _checked_note(text), span)

    def highlight(
        self, article_id: str, start: int, end: int, note: str | None = None
    ) -> Annotation:
        """A highlight of ``body[start:end]`` (offsets in the cleaned body), with an optional
        note; raises AnnotationError when that is not a passage of the text."""
        article = self._article(article_id)
        if not 0 <= start < end <= len(article.body):
            raise AnnotationError(f"{start}..{end} is not a passage of the article's text")
        return self._insert(article, _checked_note(note) if note else None, (start, end))

    def set_note(self, annotation_id: int, text: str | None) -> Annotation:
        """Give a highlight or note new text (None or empty: a highlight keeps none; a note
        on the article is then removed). Raises AnnotationError for an unknown id."""
        if self._library.read_only:
            raise LibraryReadOnly(f"library at {self._library.path} is read-only")
        conn = self._conn()
        body = _checked_note(text) if text and text.strip() else None
        with transaction(conn):
            row = conn.execute("SELECT exact FROM annotations WHERE id = ?", (annotation_id,))
            found = row.fetchone()
            if found is None:
                raise AnnotationError(f"no annotation {annotation_id}")
            motivation = "commenting" if body else "highlighting"
            conn.execute(
                "UPDATE annotations SET body = ?, motivation = ?, modified = ? WHERE id = ?",
                (body, motivation, now_iso(), annotation_id),
            )
            if body is None and found[0] is None:
                conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return self._one(annotation_id)

    def delete(self, annotation_id: int) -> bool:
        """Remove one annotation (of any kind); False when there is none with that id."""
        if self._library.read_only:
            raise LibraryReadOnly(f"library at {self._library.path} is read-only")
        conn = self._conn()
        with transaction(conn):
            cur = conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return bool(cur.rowcount)

    def _insert(
        self, article: Article, note: str | None, span: tuple[int, int] | None
    ) -> Annotation:
        now = now_iso()
        motivation = "commenting" if note else "highlighting"
        values: tuple[object, ...] = (None, None, None, None, None)
        if span is not None:
            quote = quote_selector(article.body, *span)
            values = (*span, quote.exact, quote.prefix, quote.suffix)
        conn = self._conn()
        with transaction(conn):
            cur = conn.execute(
                'INSERT INTO annotations (article_id, title, motivation, body, start, "end",'
                " exact, prefix, suffix, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, article.title, motivation, note, *values, now, now),
            )
        return self._one(int(cur.lastrowid or 0))

    def _one(self, annotation_id: int) -> Annotation:
        row = (
            self._conn()
            .execute(
                f"SELECT {keep_tables.COLUMNS} FROM annotations a LEFT JOIN articles art"
                " ON art.id = a.article_id AND art.state = 1 WHERE a.id = ?",
                (annotation_id,),
            )
            .fetchone()
        )
        return keep_tables.annotation_of(row)

    # -- export ------------------------------------------------------------

    def annotation_rows(self, tag: str | None = None) -> tuple[list[str], list[dict[str, object]]]:
        """Columns and rows of every annotation (with ``tag``: of the articles so tagged),
        for :func:`index.export.write_table`; see :func:`index.keep_export.rows`."""
        from index.keep_export import rows

        return rows(self.annotations(tag=tag))

    def web_annotation_document(self, tag: str | None = None) -> dict[str, object]:
        """The annotations as one W3C Web Annotation JSON-LD collection; see
        :func:`index.keep_export.web_annotations`."""
        from index.keep_export import web_annotations

        kept = self.annotations(tag=tag)
        found = self._library.store.summaries_by_id(list({a.article_id for a in kept}))
        urls = {i: s.url for i, s in found.items() if s.url}
        return web_annotations(kept, urls)


def _checked_note(text: str | None) -> str:
    """The note as kept (stripped); raises AnnotationError when empty or too long."""
    note = (text or "").strip()
    if not note:
        raise AnnotationError("the note is empty")
    if len(note) > MAX_NOTE:
        raise AnnotationError(f"the note is too long (over {MAX_NOTE:,} characters)")
    return note
