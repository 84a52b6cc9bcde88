"""Rebuilding a library's search index from the stored articles, never losing the old one.

A rebuild is how a user recovers from a damaged index, so it must not make
things worse when it fails or is killed. The new index is written complete
under a fresh name beside the old one, and only then swapped in by one atomic
rename of the index folder's pointer (see :mod:`index.fulltext.folder`): until
then every search, in any process, uses the old index, and a rebuild that
fails or is killed leaves it exactly as it was, plus files that the next
writer deletes. When there is no usable index folder at all (missing, or a
regular file in its place) the new index is built in a folder beside it,
which takes its place only once complete.

This is the index side only: :func:`index.commit.rebuild` reads the store,
calls it, and finishes the store's side, under the write lock.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index

from index.article import Article
from index.entities.entity import Analysis
from index.fulltext.folder import (
    REBUILD_PREFIX,
    make_folder_beside,
    new_name,
    point_to,
    remove_index,
    remove_leftovers,
)
from index.fulltext.schema import make_schema
from index.fulltext.writer import document, new_writer

__all__ = ["rebuild_index"]

#: Articles between two calls of the progress callback.
PROGRESS_EVERY = 100
#: For tests only: a rebuild stops itself (SIGSTOP) once it has indexed this many
#: articles, so that a test can search the library or kill the rebuild mid-way.
STOP_AFTER = int(os.environ.get("NUTGRAF_REBUILD_STOP_AFTER") or 0)


def rebuild_index(
    folder: Path,
    rows: Iterable[tuple[Article, Analysis]],
    total: int,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Make the index in ``folder`` again from ``rows`` (about ``total`` of them), swap it
    in, and return how many articles it holds.

    ``progress(done, total)`` is called every PROGRESS_EVERY articles. Raises what
    writing the index (or reading ``rows``) raises; the old index is then untouched.
    """
    in_place = folder.is_dir()
    where = folder if in_place else make_folder_beside(folder, REBUILD_PREFIX)
    name = new_name()
    done = 0
    try:
        ix = whoosh_index.create_in(str(where), make_schema(), indexname=name)
        writer = new_writer(ix)
        try:
            for article, ents in rows:
                writer.add_document(**document(article, ents))
                done += 1
                if done == STOP_AFTER:
                    os.kill(os.getpid(), signal.SIGSTOP)
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        point_to(where, name)
        if not in_place:
            _move_into_place(where, folder)
    except BaseException:
        if in_place:
            remove_index(folder, name)
        else:
            shutil.rmtree(where, ignore_errors=True)
        raise
    remove_leftovers(folder, keep=name)
    if progress is not None:
        progress(done, total)
    return done


def _move_into_place(built: Path, folder: Path) -> None:
    """Rename the folder ``built`` to ``folder``, moving whatever unusable thing is there
    (a regular file, say) out of the way first.

    With nothing there this is one atomic rename. Otherwise it takes two: a kill
    between them leaves no index at all, which is what the unusable one gave.
    """
    try:
        os.rename(built, folder)
        return
    except OSError:
        pass
    aside = folder.parent / f"{REBUILD_PREFIX}old-{secrets.token_hex(4)}"
    os.rename(folder, aside)
    try:
        os.rename(built, folder)
    except OSError:
        os.rename(aside, folder)  # put it back: the library is left as it was
        raise
    with contextlib.suppress(OSError):
        if aside.is_dir() and not aside.is_symlink():
            shutil.rmtree(aside)
        else:
            aside.unlink()
