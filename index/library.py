"""A library: one directory holding the article store and the search index.

Layout of a library directory::

    library.db   SQLite article store: originals, cleaned text, metadata, entities
    index/       Whoosh search index, derived from the store (``rebuild`` remakes it)
    write.lock   the single-writer lock
    seeded       marks that the bundled sample article was added once

Where it lives: ``--library DIR``, else ``$NUTGRAF_LIBRARY``, else the user
data directory that platformdirs names for nutgraf.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.index import Index

from index.article import Article
from index.lock import WriteLock
from index.search import LibrarySearcher, SearchResult
from index.store import ArticleSummary, Store
from index.textindex import IndexDamaged, create_index, document, open_index, write_documents

__all__ = ["ENV_VAR", "Library", "default_library_path", "resolve_library_path", "seed_dir"]

ENV_VAR = "NUTGRAF_LIBRARY"


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


class Library:
    """One library directory: read it, search it, and (holding its lock) change it."""

    def __init__(self, path: Path, is_default: bool = False) -> None:
        self.path = path
        self.is_default = is_default
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OSError(f"{path}: cannot create the library folder ({err.strerror})") from None
        self.store = Store(path / "library.db")
        self.index_path = path / "index"
        self._ix: Index | None = None
        self._searcher: LibrarySearcher | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Library:
        """Open (creating if needed) the library named by ``path``, the env var or the default."""
        where, is_default = resolve_library_path(path)
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
        """The Whoosh index (created empty on first use); raises IndexDamaged."""
        if self._ix is None:
            self._ix = open_index(self.index_path)
        return self._ix

    @property
    def name(self) -> str:
        """A short name for the library, for headers and messages."""
        return "default library" if self.is_default else str(self.path)

    def count(self) -> int:
        """Number of articles."""
        return self.store.count()

    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Articles, newest first."""
        return self.store.summaries(limit=limit, offset=offset)

    def get(self, article_id: str) -> Article | None:
        """The full article by id (a unique prefix of at least 4 characters works too)."""
        return self.store.get(article_id)

    def entities(self, article_id: str) -> list[dict[str, Any]] | None:
        """The stored entity analysis of an article, or None if it has none."""
        value = self.store.entities_json(article_id)
        return value if isinstance(value, list) else None

    def searcher(self) -> LibrarySearcher:
        """The library's searcher (kept open and refreshed as the index changes)."""
        if self._searcher is None:
            self._searcher = LibrarySearcher(self.ix, self.store)
        return self._searcher

    def search(self, text: str, limit: int = 20) -> SearchResult:
        """Search the library; see :meth:`LibrarySearcher.search`."""
        return self.searcher().search(text, limit=limit)

    # -- writing (callers hold the write lock) ---------------------------

    def write_lock(self) -> WriteLock:
        """The lock a writer must hold; see :class:`index.lock.WriteLock`."""
        return WriteLock(self.path / "write.lock")

    def needs_seed(self) -> bool:
        """True for the default library on first use: no articles and never seeded."""
        return self.is_default and not (self.path / "seeded").exists() and self.count() == 0

    def mark_seeded(self) -> None:
        """Remember that the sample article was added once (so removing it is respected)."""
        (self.path / "seeded").write_text("the bundled seeds were added to this library\n")

    def reconcile(self) -> None:
        """Finish the commit a killed writer left half done (holding the write lock)."""
        pending, going = self.store.unfinished()
        if not pending and not going:
            return
        docs = [document(a, ents) for a, ents in self.store.index_rows(pending)]
        write_documents(self.ix, docs, delete_ids=going, replace=True)
        self.store.finish(live=pending, gone=going)

    def remove(self, article_id: str) -> Article | None:
        """Remove one article (holding the write lock); returns it, or None if unknown."""
        article = self.get(article_id)
        if article is None or not self.store.remove(article.id):
            return None
        write_documents(self.ix, [], delete_ids=[article.id])
        self.store.finish(live=[], gone=[article.id])
        return article

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Make the search index again from the article store (holding the write lock).

        Uses the stored text and entity analyses, so nothing is re-read or re-analysed.
        """
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        pending, going = self.store.unfinished()
        ix = create_index(self.index_path)
        self._ix = ix
        total = self.store.count() + len(pending)
        writer = ix.writer(compound=False, limitmb=256)
        done = 0
        try:
            for article, ents in self.store.index_rows():
                writer.add_document(**document(article, ents))
                done += 1
                if progress is not None and done % 100 == 0:
                    progress(done, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.store.finish(live=pending, gone=going)
        if progress is not None:
            progress(done, total)
        return done

    def check_index(self) -> None:
        """Raise IndexDamaged if the search index cannot be read through."""
        try:
            with self.ix.searcher() as searcher:
                reader = searcher.reader()
                for _ in reader.all_stored_fields():
                    pass
                list(reader.lexicon("body"))[:1]
        except IndexDamaged:
            raise
        except Exception as err:
            raise IndexDamaged(
                f"{self.index_path}: search index is damaged ({type(err).__name__})"
            ) from None
