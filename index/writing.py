"""What the holder of a library's write lock can do: add, remove, rebuild, seed.

One process writes to a library at a time, and only while it holds the
library's lock (see :mod:`index.storage.lock`). :meth:`Library.writer` is the
only way to take it, and gives a :class:`LibraryWriter`: every change to a
library is a method of it, and each one checks that its writer is still in
use, so "the caller holds the lock" is checked, not assumed::

    with library.writer(wait=30, on_wait=print) as writer:
        report = writer.add(["story.txt", "corpus.jsonl"])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from index.model import (
    AddProgress,
    AddReport,
    Article,
    OptimizeReport,
    RebuildReport,
    RereadReport,
)
from index.readers.base import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from index.library import Library

# index.commit (and with it Whoosh) is imported by the methods that change something:
# the reader imports this module with the library, and starts without Whoosh.

__all__ = ["LibraryWriter"]


class LibraryWriter:
    """The write lock of one library, held: its methods change the library.

    Made by :meth:`index.library.Library.writer`; usable only inside that ``with``
    block (afterwards every method raises RuntimeError).
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self._open = True

    def check(self) -> None:
        """Raise RuntimeError unless this writer still holds the library's lock."""
        if not self._open:
            raise RuntimeError(
                "a library is changed only while its write lock is held (Library.writer())"
            )

    def close(self) -> None:
        """End this writer's use (the lock is released by :meth:`Library.writer`)."""
        self._open = False

    def reconcile(self) -> None:
        """Finish what a killed writer left half done (see :mod:`index.commit`)."""
        from index.commit import finish_unfinished

        self.check()
        finish_unfinished(self)

    def add(
        self,
        names: Sequence[str],
        *,
        analyse: bool = True,
        progress: Callable[[AddProgress], None] | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        fetch: bool = True,
        allow_link_local: bool = False,
        full_text: bool = False,
        stdin: bool = False,
        cancelled: Callable[[], bool] | None = None,
        cluster: str | None = None,
    ) -> AddReport:
        """Add files, folders and URLs; see :func:`index.ingest.add_sources` for the
        options. An article already in the library is never analysed again."""
        from index.ingest import add_sources  # spaCy and the readers load only to add

        self.check()
        self.reconcile()
        return add_sources(
            self,
            names,
            analyse=analyse,
            progress=progress,
            max_bytes=max_bytes,
            fetch=fetch,
            allow_link_local=allow_link_local,
            full_text=full_text,
            stdin=stdin,
            cancelled=cancelled,
            cluster=cluster,
        )

    def remove(self, article_id: str) -> Article | None:
        """Remove one article (by id or unique prefix); returns it, or None if unknown."""
        from index.commit import Commit

        self.reconcile()
        article = self.library.get(article_id)
        if article is None:
            return None
        with Commit(self) as commit:
            if not commit.stage_removal(article.id):
                return None
            commit.finish(live=[], gone=[article.id])
        return article

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> RebuildReport:
        """Make the search index again from the stored articles and swap it in; see
        :func:`index.commit.rebuild`. Works when the index is damaged or missing."""
        from index.commit import rebuild

        return rebuild(self, progress)

    def optimize(self, progress: Callable[[int, int], None] | None = None) -> OptimizeReport:
        """Merge the search index into one segment; see :func:`index.optimizing.optimize`."""
        from index.optimizing import optimize

        self.reconcile()
        return optimize(self, progress)

    def reread(
        self, progress: Callable[[int, int], None] | None = None, analyse: bool = True
    ) -> RereadReport:
        """Read every article again from its stored original with today's readers and
        entity rules, keeping ids, then rebuild the index; see
        :func:`index.reread.reread_library`."""
        from index.reread import reread_library  # the readers and spaCy load only here

        self.check()
        return reread_library(self, progress, analyse=analyse)

    def seed(self) -> AddReport | None:
        """Give the default library its sample articles on first use (once: removing them
        is respected); None when the library needs none."""
        from index.library import seed_dir

        self.check()
        if not self.library.needs_seed():
            return None
        report = self.add([str(seed_dir())])
        (self.library.path / "seeded").write_text("the bundled seeds were added to this library\n")
        return report
