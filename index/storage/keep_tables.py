"""The ``annotations`` table: the user's stars, tags, notes and highlights.

One row per W3C Web Annotation (https://www.w3.org/TR/annotation-model/), its
``motivation`` one of the model's: ``bookmarking`` (a star), ``tagging`` (a tag:
``body`` as first typed, ``tag_key`` folded for matching), ``commenting`` (a note:
``body``; with a target passage when it is on a highlight) and ``highlighting`` (a
highlight without a note). A passage is kept by both a TextPositionSelector
(``start``, ``end``) and a TextQuoteSelector (``exact``, ``prefix``, ``suffix``), see
:mod:`index.anchoring`. ``title`` is the article's title when annotated, so that
annotations of a removed article still say what they were on.

These rows are the user's own work: they live only here, never in the search index
(``nutgraf rebuild`` remakes that from the store), and an article's removal leaves
them in place. Every function takes a connection; the caller makes the transaction.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from index.model import Annotation, Marks

__all__ = [
    "COLUMNS",
    "KINDS",
    "MOTIVATIONS",
    "annotation_of",
    "ids_with",
    "marks",
    "select",
]

#: Kind (as users name it) -> the W3C motivation stored.
MOTIVATIONS = {"star": "bookmarking", "tag": "tagging", "note": "commenting"}
#: Every kind, in the order listings give them.
KINDS = ("star", "tag", "note", "highlight")

COLUMNS = (
    'a.id, a.article_id, a.title, a.motivation, a.body, a.start, a."end", a.exact, a.prefix,'
    " a.suffix, a.orphaned, a.created, a.modified, art.id IS NULL"
)
_FROM = "annotations a LEFT JOIN articles art ON art.id = a.article_id AND art.state = 1"


def annotation_of(row: tuple[object, ...]) -> Annotation:
    """The :class:`Annotation` of a row selected with :data:`COLUMNS`."""
    (ident, article, title, motivation, body, start, end, exact, prefix, suffix) = row[:10]
    orphaned, created, modified, removed = row[10:]
    if motivation == "bookmarking":
        kind = "star"
    elif motivation == "tagging":
        kind = "tag"
    elif exact is not None:
        kind = "highlight"
    else:
        kind = "note"
    return Annotation(
        id=int(str(ident)),
        article_id=str(article),
        title=str(title),
        kind=kind,
        motivation=str(motivation),
        tag=str(body) if kind == "tag" else None,
        note=str(body) if kind in ("note", "highlight") and body is not None else None,
        start=start if isinstance(start, int) else None,
        end=end if isinstance(end, int) else None,
        exact=str(exact) if exact is not None else None,
        prefix=str(prefix) if prefix is not None else None,
        suffix=str(suffix) if suffix is not None else None,
        orphaned=bool(orphaned),
        removed=bool(removed),
        created=str(created),
        modified=str(modified),
    )


def select(
    conn: sqlite3.Connection, article_id: str | None = None, tag_key: str | None = None
) -> list[Annotation]:
    """Annotations, of one article or of every one; with ``tag_key`` only those of the
    articles with that (folded) tag. Ordered by article, then kind, then place."""
    where, args = [], []
    if article_id is not None:
        where.append("a.article_id = ?")
        args.append(article_id)
    if tag_key is not None:
        where.append(
            "a.article_id IN (SELECT article_id FROM annotations WHERE tag_key = ?"
            " AND motivation = 'tagging')"
        )
        args.append(tag_key)
    sql = f"SELECT {COLUMNS} FROM {_FROM}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = (
        " ORDER BY a.article_id, CASE a.motivation WHEN 'bookmarking' THEN 0"
        " WHEN 'tagging' THEN 1 ELSE 2 END, coalesce(a.start, -1), a.id"
    )
    return [annotation_of(r) for r in conn.execute(sql + order, args)]


def marks(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Marks]:
    """Article id -> its :class:`Marks`, for the articles among ``ids`` that have any."""
    wanted = list(dict.fromkeys(ids))
    starred: set[str] = set()
    tags: dict[str, list[str]] = {}
    highlights: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        rows = conn.execute(
            "SELECT article_id, motivation, body, exact IS NOT NULL FROM annotations"
            f" WHERE article_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
            chunk,
        )
        for article, motivation, body, passage in rows:
            if motivation == "bookmarking":
                starred.add(article)
            elif motivation == "tagging":
                tags.setdefault(article, []).append(body)
            elif passage:
                highlights[article] += 1
            if motivation == "commenting":
                notes[article] += 1
    every = starred | set(tags) | set(highlights) | set(notes)
    return {a: Marks(a in starred, tuple(tags.get(a, ())), highlights[a], notes[a]) for a in every}


def ids_with(conn: sqlite3.Connection, what: str, value: str | None = None) -> set[str]:
    """Ids of the articles with an annotation of one sort: ``tag`` (``value`` folded),
    ``starred``, ``highlights``, ``notes`` (notes on the article or on a highlight)."""
    if what == "tag":
        sql, args = "SELECT article_id FROM annotations WHERE tag_key = ?", [value]
    elif what == "starred":
        sql, args = "SELECT article_id FROM annotations WHERE motivation = 'bookmarking'", []
    elif what == "highlights":
        sql, args = "SELECT article_id FROM annotations WHERE exact IS NOT NULL", []
    elif what == "notes":
        sql, args = "SELECT article_id FROM annotations WHERE motivation = 'commenting'", []
    else:
        raise ValueError(f"no annotation sort {what!r}")
    return {r[0] for r in conn.execute(sql, args)}
