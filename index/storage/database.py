"""The SQLite file behind the article store: its tables, rows, connections and errors.

Several processes open one library at once (a reader and an add, or two
adds), and any of them may be the first: the tables are made in one
immediate transaction, and the switch to WAL is retried, since SQLite does
not wait for a busy database there. Connections run in autocommit mode;
``transaction`` makes the explicit ones.

A damaged database file may open fine and fail only at the query that reads
a damaged page, in any method of the store: :func:`guard_errors` makes every
one of them raise :class:`StoreError` with one line to show, never sqlite3's
own errors.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import re
import sqlite3
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from index.folding import fold
from index.model import LibraryReadOnly, StoreError
from index.storage import entity_totals
from index.storage.order import order_key
from index.storage.schema import SCHEMA

__all__ = [
    "ARTICLE_COLUMNS",
    "BUSY_TIMEOUT",
    "NAMES_UNFILLED",
    "NOT_UTF8",
    "VERSION",
    "check_tables",
    "chunks",
    "connect",
    "create_tables",
    "guard_errors",
    "is_busy",
    "store_error",
    "transaction",
]

#: Seconds a connection waits for another process's write before giving up.
BUSY_TIMEOUT = 60.0


#: sqlite3's message for text that is not UTF-8 (it goes on to quote the whole text).
NOT_UTF8 = re.compile(r"Could not decode to UTF-8 column '([^']*)'")


#: 4: ``articles.lang`` (the detected language) and ``entity_refs.key`` /
#: ``entity_aliases.key`` (names folded by :func:`index.folding.fold`, so that one
#: place written ``Zürich``, ``ZURICH`` or in NFD is one entity across the library).
#: 5: ``articles.spans``, the entity model's raw spans (see :mod:`index.storage.spans`),
#: NULL for articles analysed before it; ``articles.sentences``, where the sentences of
#: the body start (stored by :func:`index.sentences.encode_starts`; NULL until found,
#: see ``nutgraf rebuild``).
#: 6: ``articles.sort_key``, the key of the library's newest-first order (see
#: :mod:`index.storage.order`), with its index ``articles_order``; ``entity_totals``,
#: the library's entities counted (see :mod:`index.storage.entity_totals`).
#: 7 (keep): ``annotations``, the user's stars, tags, notes and highlights as W3C Web
#: Annotations (see :mod:`index.storage.keep_tables`); ``successions``, which old article
#: id a re-added article replaces, until its commit finishes (:mod:`index.storage.succession`).
#: 7 (correct): ``entity_corrections``, the user's corrections to
#: the entities the model found, in order, with scope, time and ``undone`` (0 in force,
#: 1 undone, 2 being made, 3 being undone: the commit protocol's PENDING; see
#: :mod:`index.storage.correction_table`); ``entity_reindex``, the articles whose search
#: documents wait for a change of their corrections.
#: 7 (watch): ``watches``, the saved searches (name, folded name, query, created, seen_at);
#: ``watch_seen``, the ids that matched each when last seen (see :mod:`index.storage.watch_store`).
#: 8: ``entity_names``, the names and aliases of the entities the model found in each
#: article, before any correction (keys of :func:`index.entities.corrections.name_key`):
#: which articles a library-wide correction may change, found without reading every
#: article's analysis (see :mod:`index.storage.entity_tables`); filled from the stored
#: analyses when first needed after an older store is upgraded (``store_flags`` says so:
#: one row per step of an upgrade still to be done, here :data:`NAMES_UNFILLED`).
VERSION = 8

#: The ``store_flags`` row of a store upgraded to version 8 whose ``entity_names`` are
#: not filled yet.
NAMES_UNFILLED = "entity_names_unfilled"


#: The columns that make an ``Article``, in its fields' order.
ARTICLE_COLUMNS = (
    "id, title, body, original, encoding, format, source, url, author, published, category, "
    "origin, ingested_at, lang"
)

#: Columns added since the first stores, with the statement that fills them in old rows
#: (None: left NULL; an old article's language is detected, and its sentences found, by
#: ``nutgraf rebuild``).
_ADDED_COLUMNS = (
    ("articles", "lang", "TEXT", None),
    ("articles", "spans", "BLOB", None),
    ("articles", "sentences", "TEXT", None),
    ("articles", "sort_key", "TEXT", "UPDATE articles SET sort_key = nutgraf_order(published)"),
    ("entity_refs", "key", "TEXT", "UPDATE entity_refs SET key = nutgraf_fold(name)"),
    ("entity_aliases", "key", "TEXT", "UPDATE entity_aliases SET key = nutgraf_fold(alias)"),
)


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode, with WAL (readers never wait for a writer);
    with ``read_only``, one that never writes (see :func:`_connect_read_only`)."""
    if read_only:
        return _connect_read_only(path)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    conn.create_function("nutgraf_fold", 1, fold, deterministic=True)
    conn.create_function("nutgraf_order", 1, order_key, deterministic=True)
    _set_wal(conn)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes, for a library this process cannot write.

    ``mode=ro`` reads a WAL database through its ``-wal`` and ``-shm`` files; but
    SQLite removes those when the last writer closes, and cannot make them again
    in a folder it cannot write ("attempt to write a readonly database"). Then,
    with no WAL left to read, the file alone is the whole database and is opened
    as ``immutable`` (SQLite then takes no locks: a library that another user
    writes while we read may show an error, and the reader sees no new articles).
    Raises ``sqlite3.OperationalError`` when the file cannot be opened at all.
    """
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError as err:
        conn.close()
        wal = path.with_name(path.name + "-wal")
        if is_busy(err) or (wal.exists() and wal.stat().st_size > 0) or not path.is_file():
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def check_tables(path: Path, conn: sqlite3.Connection) -> None:
    """Check, without writing, that the store has this version's tables (a read-only
    library cannot be given them); raises StoreError."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if 0 < version < VERSION:
        raise StoreError(
            f"{path}: the article store was made by an older nutgraf (version {version},"
            f" not {VERSION}) and the library is read-only: open it once where it can be"
            " written to upgrade it"
        )
    if version < VERSION:
        raise StoreError(
            f"{path}: the article store is damaged or not a library (version {version},"
            f" not {VERSION}), and the library is read-only"
        )


def create_tables(conn: sqlite3.Connection) -> None:
    """Make the tables, columns and indexes of this version that the library has not got
    yet: a store made by an older nutgraf is brought up to date (its columns added and
    filled, see ``_ADDED_COLUMNS``), keeping every row.

    One immediate transaction: a second process making (or upgrading) the same library
    waits for it, then finds everything already there.
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] >= VERSION:
        return
    schema = re.sub(r"--[^\n]*", "", SCHEMA)  # the comments heading each feature's tables
    statements = [s.strip() for s in schema.split(";") if s.strip()]
    with transaction(conn):
        if conn.execute("PRAGMA user_version").fetchone()[0] >= VERSION:
            return  # another process did it while this one waited
        had = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for statement in statements:
            if statement.startswith("CREATE TABLE"):
                conn.execute(statement)
        for table, column, kind, fill in _ADDED_COLUMNS:
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                if fill:
                    conn.execute(fill)
        if "entity_totals" not in had:
            entity_totals.refresh_all(conn)
        if "entity_names" not in had and "articles" in had:
            # Filled from every stored analysis by the first library-wide correction
            # (``CorrectionData.correction_candidates``), not here: a 100,000-article
            # library would open after a pause of many seconds.
            conn.execute(f"INSERT OR IGNORE INTO store_flags VALUES ('{NAMES_UNFILLED}')")
        for statement in statements:
            if not statement.startswith("CREATE TABLE"):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {VERSION}")


def is_busy(err: sqlite3.OperationalError) -> bool:
    """Whether ``err`` says that another connection holds the database."""
    return "locked" in str(err) or "busy" in str(err)


def store_error(path: Path, err: sqlite3.Error) -> Exception:
    """The error to raise for sqlite3's ``err`` on the store at ``path``: busy too long,
    read-only (:class:`LibraryReadOnly`), or damaged (:class:`StoreError`), in one line."""
    if isinstance(err, sqlite3.OperationalError) and is_busy(err):
        return StoreError(
            f"{path}: the article store stayed locked by another process for {BUSY_TIMEOUT:.0f} s"
        )
    if getattr(err, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
        return LibraryReadOnly(f"library at {path.parent} is read-only")
    not_utf8 = NOT_UTF8.match(str(err))  # its message quotes the whole text
    detail = (
        f"its {not_utf8.group(1)} column holds text that is not UTF-8"
        if not_utf8
        else " ".join(str(err).split())
    )
    return StoreError(f"{path}: the article store is damaged or not a library ({detail[:120]})")


S = TypeVar("S")


def guard_errors(cls: type[S]) -> type[S]:
    """Class decorator: every public method of ``cls`` (which has a ``path``) raises
    :func:`store_error`'s error instead of a ``sqlite3.DatabaseError``, also while
    the iterator it returns is read. Errors of nutgraf's own SQL stay as they are."""
    methods: dict[str, object] = {}
    for klass in reversed(cls.__mro__[:-1]):  # the class's own and its parts' (not object's)
        methods.update(vars(klass))
    for name, method in methods.items():
        if not name.startswith("_") and inspect.isfunction(method):
            setattr(cls, name, _guarded(method))
    return cls


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            try:
                result = method(self, *args, **kwargs)
            except sqlite3.OperationalError as err:
                if not NOT_UTF8.search(str(err)):
                    raise
                # One row's text is not UTF-8: read it as far as it can be read (U+FFFD
                # for the bad bytes), so that one damaged row does not hide the rest of a
                # list or an article from the user. (The statements that failed ran in a
                # transaction that was rolled back, or only read.) A rebuild reads rows
                # strictly instead, and names the ones it cannot read (index_rows).
                with lenient_text(self._conn()):
                    result = method(self, *args, **kwargs)
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.DatabaseError as err:
            raise store_error(self.path, err) from err
        if isinstance(result, types.GeneratorType):
            return _guarded_iter(self.path, result)
        return result

    return call


@contextlib.contextmanager
def lenient_text(conn: sqlite3.Connection) -> Iterator[None]:
    """Within the block, ``conn`` reads text that is not UTF-8 with U+FFFD for the bad
    bytes instead of raising."""
    before = conn.text_factory
    conn.text_factory = _lenient
    try:
        yield
    finally:
        conn.text_factory = before


def _lenient(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def _guarded_iter(path: Path, items: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from items
    except sqlite3.ProgrammingError:
        raise
    except sqlite3.DatabaseError as err:
        raise store_error(path, err) from err


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while another process holds the database.

    SQLite does not call the busy handler for a journal-mode change, so two
    processes opening a brand-new library at once would otherwise see
    "database is locked" at once, however long the connection's timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if not is_busy(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error (the connection is in autocommit)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        if not exc_type:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:  # SQLite may have rolled back already (out of memory)
            self.conn.execute("ROLLBACK")


T = TypeVar("T")


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size`` (SQLite limits the parameters of a statement)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
