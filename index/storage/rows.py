"""Reading articles out of the store to index them, so that one bad row costs one article.

A rebuild reads every article; before, it read them through one cursor, and a
single row whose text is not UTF-8 (or whose page is damaged) ended the whole
rebuild. Here rows are read a chunk at a time by rowid, a failing chunk again
row by row, and each unreadable row is reported with what can be read of its
id and title, never altered to make it readable.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from index.article import Article
from index.entities.entity import Analysis, entities_from_json, entities_to_json
from index.model import UnreadableRow
from index.storage.database import ARTICLE_COLUMNS, NOT_UTF8, chunks, is_busy

__all__ = ["ROWS_PER_READ", "article_row", "index_rows", "row_article"]


#: Rows read per query when reading many (SQLite allows 999 parameters per statement).
ROWS_PER_READ = 200


def index_rows(
    conn: sqlite3.Connection, ids: Sequence[str] | None, skipped: list[UnreadableRow]
) -> Iterator[tuple[Article, Analysis]]:
    """Articles (all but those GOING, or those with ``ids``) with their entity analyses.

    Rows are read a few hundred at a time by rowid, so that a row that cannot be
    read (text that is not UTF-8, broken JSON, a damaged page) does not end the
    whole read: that chunk is read again row by row, and each unreadable row is
    appended to ``skipped``, never altered to make it readable.
    """
    if ids is None:
        rowids = [r[0] for r in conn.execute("SELECT rowid FROM articles WHERE state != 2")]
    else:
        rowids = []
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rowid FROM articles WHERE id IN ({marks}) ORDER BY rowid"
            rowids.extend(r[0] for r in conn.execute(sql, chunk))
    sql = f"SELECT {ARTICLE_COLUMNS}, entities FROM articles WHERE rowid IN "
    for part in chunks(rowids, ROWS_PER_READ):
        try:
            rows = conn.execute(sql + f"({','.join('?' * len(part))})", part).fetchall()
            read = [_index_row(row) for row in rows]
        except (sqlite3.DatabaseError, ValueError, TypeError) as err:
            if isinstance(err, sqlite3.OperationalError) and is_busy(err):
                raise
            read = []
            for rowid in part:
                try:
                    row = conn.execute(sql + "(?)", (rowid,)).fetchone()
                    if row is not None:
                        read.append(_index_row(row))
                except (sqlite3.DatabaseError, ValueError, TypeError) as row_err:
                    if isinstance(row_err, sqlite3.OperationalError) and is_busy(row_err):
                        raise
                    skipped.append(_unreadable(conn, rowid, row_err))
        yield from read


def _index_row(row: Sequence[Any]) -> tuple[Article, Analysis]:
    return row_article(row[:-1]), entities_from_json(row[-1])


def _unreadable(conn: sqlite3.Connection, rowid: int, err: Exception) -> UnreadableRow:
    """What can be said of an unreadable row: its id and title as bytes, and the reason."""
    names = [f"row {rowid}", ""]
    try:
        found = conn.execute(
            "SELECT CAST(id AS BLOB), CAST(title AS BLOB) FROM articles WHERE rowid = ?", (rowid,)
        ).fetchone()
    except sqlite3.DatabaseError:
        found = None
    for k, value in enumerate(found or ()):
        if value is not None:
            names[k] = bytes(value).decode("utf-8", "replace")
    not_utf8 = NOT_UTF8.match(str(err))
    if not_utf8:  # the message goes on to quote the whole text
        reason = f"its {not_utf8.group(1)} is not valid UTF-8 text"
    elif isinstance(err, ValueError):
        reason = f"its stored entity analysis is damaged ({' '.join(str(err).split())[:80]})"
    else:
        detail = " ".join(str(err).split())[:100]
        reason = f"unreadable ({type(err).__name__}: {detail})" if detail else "unreadable"
    return UnreadableRow(names[0], names[1], reason)


def article_row(a: Article, entities: Analysis) -> tuple[object, ...]:
    """The ``articles`` row of ``a`` (all but its state), with its entity analysis (stored
    as JSON: this is where entities stop being :class:`Entity` objects)."""
    return (
        a.id,
        a.title,
        a.body,
        a.original,
        a.encoding,
        a.format,
        a.source,
        a.url,
        a.author,
        a.published,
        a.category,
        a.origin,
        a.ingested_at,
        a.words,
        entities_to_json(entities),
        a.lang,
    )


def row_article(row: Sequence[Any]) -> Article:
    """The article in a row of ``ARTICLE_COLUMNS``."""
    (
        aid,
        title,
        body,
        original,
        encoding,
        fmt,
        source,
        url,
        author,
        published,
        category,
        origin,
        ingested_at,
        lang,
    ) = row
    return Article(
        id=aid,
        title=title,
        body=body,
        original=bytes(original),
        encoding=encoding,
        format=fmt,
        source=source,
        url=url,
        author=author,
        published=published,
        category=category,
        origin=origin,
        ingested_at=ingested_at,
        lang=lang,
    )
