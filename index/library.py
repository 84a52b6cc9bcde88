"""A library: one directory holding the article store and the search index.

Layout of a library directory::

    library.db   SQLite article store: originals, cleaned text, metadata, entities
    index/       Whoosh search index, derived from the store (``rebuild`` remakes it);
                 its CURRENT file names the live index (see ``index.fulltext.folder``)
    write.lock   the single-writer lock
    seeded       marks that the bundled sample article was added once

Where it lives: ``--library DIR``, else ``$NUTGRAF_LIBRARY``, else the user
data directory that platformdirs names for nutgraf.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from index.alignment import OriginalMap, map_original
from index.article import Article
from index.correcting import KINDS, Corrected, Correction, CorrectionError, Corrections
from index.fulltext.folder import folder_state, latest_generation, live_name
from index.keep import TAG_RULE, Keep
from index.keep_export import record as annotation_record
from index.library_entities import EntityReading
from index.model import (
    ArticleSummary,
    IndexDamaged,
    NoLibrary,
    OptimizeReport,
    SearchResult,
)
from index.provenance import Provenance, provenance
from index.readers.base import DEFAULT_MAX_BYTES
from index.record import RecordFields, record_fields
from index.research import Research  # citing and exporting (issue 15)
from index.storage.lock import WriteLock
from index.storage.order import order_key
from index.storage.store import Store, StoreError
from index.watches import Watches

if TYPE_CHECKING:
    from whoosh.index import Index

    from index.fulltext.search import LibrarySearcher
    from index.writing import LibraryWriter
else:  # the writer's type is part of the door; its module loads what adding needs only lazily
    from index.writing import LibraryWriter

# Whoosh is imported only when the index is used: a reader's first screen (an
# article, its entities, the newest articles) comes from the store alone.

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ENV_VAR",
    "KINDS",
    "LIBRARY_READ_ERRORS",
    "TAG_RULE",
    "Corrected",
    "Correction",
    "CorrectionError",
    "Corrections",
    "Keep",
    "Library",
    "LibraryWriter",
    "OriginalMap",
    "Provenance",
    "RecordFields",
    "Research",
    "annotation_record",
    "check_cluster",
    "check_cluster_address",
    "default_library_path",
    "map_original",
    "provenance",
    "resolve_library_path",
    "seed_dir",
]

ENV_VAR = "NUTGRAF_LIBRARY"

#: What reading a library can raise because of the world outside the program (a
#: damaged or vanished store or index, a disk error): a reader catches these, says
#: so in one line and goes on; anything else is a bug.
LIBRARY_READ_ERRORS: tuple[type[Exception], ...] = (
    StoreError,
    IndexDamaged,
    sqlite3.Error,
    OSError,
)


def default_library_path() -> Path:
    """The per-user library directory (platformdirs' user data dir for nutgraf)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("nutgraf", appauthor=False)) / "library"


def resolve_library_path(arg: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """The library directory to use and whether it is the default one."""
    if arg:
        return Path(arg).expanduser(), False
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser(), False
    return default_library_path(), True


def seed_dir() -> Path:
    """The bundled sample articles: inside the installed package, or ``seeds/`` of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled seeds/ folder is missing from this installation")


class Library(EntityReading):
    """One library directory: read it, search it, and (holding its lock) change it."""

    def __init__(self, path: Path, is_default: bool = False) -> None:
        self.path = path
        self.is_default = is_default
        self.index_path = path / "index"
        if not path.is_dir():
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise OSError(
                    f"{path}: cannot create the library folder ({err.strerror})"
                ) from None
        #: True when this process cannot write the library (a read-only mount, another
        #: user's folder): it is opened for reading only, and writing raises
        #: :class:`~index.storage.lock.LibraryReadOnly`.
        self.read_only = not all(
            os.access(p, os.W_OK)
            for p in (path, path / "library.db", self.index_path)
            if p == path or p.exists()
        )
        self.store = Store(path / "library.db", read_only=self.read_only)
        self._ix: Index | None = None
        self._ix_state: tuple[int, int, str] | None = None
        self._ix_lock = threading.Lock()
        self._searcher: LibrarySearcher | None = None
        self._open_lock = threading.Lock()

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, create: bool = True) -> Library:
        """Open the library named by ``path``, the env var or the default.

        With ``create`` (adding, the reader) a missing library is made; without it a
        folder holding no library raises :class:`~index.model.NoLibrary` ("no library
        at PATH"), except the default library, which is made on first use by any command.
        """
        where, is_default = resolve_library_path(path)
        if not create and not is_default and not (where / "library.db").is_file():
            raise NoLibrary(f"no library at {where}")
        return cls(where, is_default=is_default)

    def close(self) -> None:
        """Release the searcher and this thread's database connection."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self.store.close()

    # -- reading ---------------------------------------------------------

    @property
    def ix(self) -> Index:
        """The live Whoosh index (created empty on first use); raises IndexDamaged.

        Each use checks (a stat and a tiny read) whether a rebuild, here or in
        another process, has swapped a new index in, and opens that one if so.
        """
        state = folder_state(self.index_path)
        with self._ix_lock:
            if self._ix is None or state != self._ix_state:
                from index.fulltext.writer import open_index

                # A missing index is only created afresh for a library with no articles
                # yet; otherwise it was lost, and saying so beats searching an empty index.
                self._ix = open_index(
                    self.index_path,
                    create=not self.read_only and self.store.count() == 0,
                    readonly=self.read_only,
                )
                self._ix_state = state
            return self._ix

    def index_generation(self) -> tuple[str, int]:
        """``(live index name, its latest Whoosh commit generation)``: a pair that changes
        whenever search results may have changed, by a commit or by a rebuild swapping a
        new index in (in any process). ``("", -1)`` when no index can be found.

        Cheap (a directory listing and a tiny read), never raises, imports no Whoosh:
        meant to be polled by a reader to know when to run its query again.
        """
        try:
            name = live_name(self.index_path)
        except Exception:  # an unreadable pointer: no index to speak of
            return ("", -1)
        generation = latest_generation(self.index_path, name)
        return (name, generation) if generation >= 0 else ("", -1)

    @property
    def name(self) -> str:
        """A short name for the library, for headers: its folder name."""
        return "default library" if self.is_default else self.path.name

    def count(self) -> int:
        """Number of articles."""
        return self.store.count()

    def kept(self) -> int:
        """Articles this library keeps: the live ones and those an interrupted add staged,
        which the next writer makes live (what a Ctrl-C's "kept N" counts)."""
        return self.store.kept()

    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Articles, newest first (the library's one order: dated articles by their
        publication date, then the undated; see :mod:`index.storage.order`)."""
        return self.store.summaries(limit=limit, offset=offset)

    def get(self, article_id: str) -> Article | None:
        """The full article by id (a unique prefix of at least 4 characters works too)."""
        return self.store.get(article_id)

    def record_fields(self, ids: list[str]) -> dict[str, RecordFields]:
        """``id -> RecordFields``: the corpus record's own id and category of the articles
        among ``ids`` (see :mod:`index.record`)."""
        return {i: record_fields(*row) for i, row in self.store.record_fields(ids).items()}

    def why_not_found(self, article_id: str) -> str:
        """One line saying why :meth:`get` found no article for ``article_id``: no such id,
        a prefix too short to look up (ids are 16 hex digits; a prefix needs 4 or more), or
        a prefix that more than one article's id starts with."""
        if len(article_id) < 4:
            return (
                f"{article_id!r} is too short: an id prefix needs 4 or more characters"
                " (see 'nutgraf list')"
            )
        if 4 <= len(article_id) < 16 and len(self.store.ids_starting(article_id)) > 1:
            return f"{article_id!r} is the start of more than one article's id: give more of it"
        return f"no article with id {article_id!r} (see 'nutgraf list')"

    @property
    def corrections(self) -> Corrections:
        """The user's entity corrections: list, make, undo (:mod:`index.correcting`)."""
        return Corrections(self)

    def neighbour(
        self, article_id: str, delta: int, was: Article | None = None
    ) -> ArticleSummary | None:
        """The article ``delta`` places after (+1) or before (-1) ``article_id`` in the
        library's newest-first order (:mod:`index.storage.order`, as :meth:`articles`
        lists them); None when there is none that way. ``was``: the article as it was
        read, for one another process may have removed since (the step is taken from
        where it stood, by its date and when it was added)."""
        place = None
        if was is not None and was.id == article_id:
            place = (order_key(was.published), was.ingested_at)
        return self.store.neighbour(article_id, delta, place)

    @functools.cached_property
    def keep(self) -> Keep:
        """The user's stars, tags, notes and highlights (see :mod:`index.keep`)."""
        return Keep(self)

    def searcher(self) -> LibrarySearcher:
        """The library's searcher (kept open and refreshed as the index changes)."""
        with self._open_lock:  # a reader may warm this up in one thread and search in another
            if self._searcher is None:
                from index.fulltext.search import LibrarySearcher

                self._searcher = LibrarySearcher(self.ix, self.store, live=lambda: self.ix)
            return self._searcher

    def search(
        self, text: str, limit: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> SearchResult:
        """Search the library; see :meth:`LibrarySearcher.search`. Never raises: a damaged
        index comes back as a result with ``damaged`` set and the error to show."""
        try:
            searcher = self.searcher()
        except IndexDamaged as err:
            return SearchResult(query=text.strip(), error=str(err), damaged=True)
        return searcher.search(text, limit=limit, cancelled=cancelled)

    def index_segments(self) -> int:
        """How many segments the search index has now (search time grows with them;
        see :mod:`index.fulltext.merge_policy`). Raises IndexDamaged."""
        return len(self.ix._segments())

    def optimize(
        self,
        progress: Callable[[int, int], None] | None = None,
        *,
        wait: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> OptimizeReport:
        """Merge the search index into one segment, holding the write lock (``wait`` and
        ``on_wait`` as for :meth:`writer`); see :func:`index.optimizing.optimize`."""
        with self.writer(wait=wait, on_wait=on_wait) as writer:
            return writer.optimize(progress)

    @property
    def watches(self) -> Watches:
        """The library's saved searches (see :mod:`index.watches`)."""
        return Watches(self)

    def most_recent_id(self) -> str | None:
        """The id of the article added last (what the reader opens first), or None."""
        return self.store.most_recent_id()

    def data_version(self) -> int:
        """A number that changes when another process commits to the store (poll it)."""
        return self.store.data_version()

    # -- writing ---------------------------------------------------------

    def needs_seed(self) -> bool:
        """True for the default library on first use: no articles and never seeded (and
        writable: a read-only library is shown as it is)."""
        if not self.is_default or self.read_only or (self.path / "seeded").exists():
            return False
        return self.count() == 0

    @contextlib.contextmanager
    def writer(
        self, wait: float | None = None, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[LibraryWriter]:
        """Hold the library's write lock for the ``with`` block: the only way to change it.

        Waits up to ``wait`` seconds for another writer (None: as long as it takes; 0:
        not at all), calling ``on_wait`` once with a line naming it if it must wait.
        Raises :class:`~index.model.LibraryBusy` when the time runs out and
        :class:`~index.model.LibraryReadOnly` for a library this process cannot write.
        """
        from index.writing import LibraryWriter

        lock = WriteLock(self.path / "write.lock", read_only=self.read_only)
        lock.acquire(timeout=wait, on_wait=on_wait)
        writer = LibraryWriter(self)
        try:
            yield writer
        finally:
            writer.close()
            lock.release()


def check_cluster_address(text: str) -> str:
    """``text`` as a Dask scheduler address for ``add --cluster`` (``tcp://HOST:PORT`` or
    ``tls://HOST:PORT``); raises :class:`~index.model.ClusterError` with one line
    otherwise (see :func:`index.entities.cluster.check_address`; Dask is not imported)."""
    from index.entities.cluster import check_address

    return check_address(text)


def check_cluster(address: str) -> None:
    """Connect to the Dask scheduler at ``address`` and check its workers, then disconnect:
    ``add --cluster`` asks this before any library is opened or made, so that nothing is
    written when the cluster is wrong. Raises :class:`~index.model.ClusterError` (one
    line; see :class:`index.entities.cluster.ClusterPool`). Imports Dask."""
    from index.entities.cluster import ClusterPool

    ClusterPool(address).close()
