"""The search index folder: which Whoosh index in it is live, and swapping a new one in.

A rebuild must never destroy what it recovers, and readers must keep searching
while it runs. Whoosh keeps several indexes in one folder, told apart by name
(``_NAME_<generation>.toc``, segment files ``NAME_<segment id>.*``, the lock
``NAME_WRITELOCK`` and the pool folder ``NAME.tmp``; its own clean-up only
touches its own name's files), and each commit of one index is atomic by its
TOC generations. So the folder holds a pointer file, ``CURRENT``, naming the
live index; a rebuild writes a complete index under a fresh name
(``articles-<8 hex digits>``) beside the live one, then points ``CURRENT`` at it
(written aside and renamed over the old pointer: one atomic step), then deletes
the old index's files. Until that rename every reader, in this process or
another, searches the old index; a rebuild killed before it leaves only files
of an index no pointer names, which the next writer deletes
(:func:`remove_leftovers`). A folder without ``CURRENT`` (every library made
before it existed) holds the index called ``articles``.

Nothing here imports Whoosh: the reader asks which index is live on a timer.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from pathlib import Path

from index.model import REBUILD_HINT, IndexDamaged

__all__ = [
    "LEGACY_NAME",
    "POINTER",
    "REBUILD_PREFIX",
    "folder_state",
    "latest_generation",
    "live_name",
    "make_folder_beside",
    "new_name",
    "point_to",
    "remove_index",
    "remove_leftovers",
]

#: The pointer file naming the live index.
POINTER = "CURRENT"
#: The index of a folder without a pointer.
LEGACY_NAME = "articles"
#: Present while a rebuild of the old kind (rewriting ``articles`` in place) ran.
LEGACY_REBUILDING = "REBUILDING"

_NAME = r"articles(?:-[0-9a-f]{8})?"
_VALID = re.compile(_NAME + r"\Z")
# Whoosh's own patterns for one index's files (``whoosh.index.TOC``), for any of our
# names: a TOC (or the temporary file a TOC is written to), a segment file or lock,
# a writer's pool folder. A name's hyphen keeps one name's files out of another's.
_FILE = re.compile(
    rf"(?:_({_NAME})_[0-9]+\.toc(?:\..*)?|({_NAME})_[0-9A-Za-z]+(?:\..*)?|{_NAME}\.tmp)\Z"
)
_POINTER_TEMP = ".CURRENT-"
#: Prefix of the folders, beside the index folder, that a rebuild builds in or moves
#: an unusable index to; any found by a writer holding the lock are leftovers.
REBUILD_PREFIX = ".rebuild-"


def make_folder_beside(folder: Path, prefix: str) -> Path:
    """A new empty folder named ``prefix`` + random letters in ``folder``'s parent, with
    the permissions the user's umask gives (``tempfile.mkdtemp`` makes it private,
    and an index in it could then be read by its owner alone)."""
    while True:
        made = folder.parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            made.mkdir()
            return made
        except FileExistsError:
            continue


def new_name() -> str:
    """A fresh index name, unlike any before it (so a reader never mistakes one for another)."""
    return f"{LEGACY_NAME}-{secrets.token_hex(4)}"


def live_name(folder: Path) -> str:
    """The name of the live index in ``folder`` (``articles`` when it has no pointer).

    Raises :class:`IndexDamaged` when the pointer cannot be read or names nothing valid.
    """
    try:
        text = (folder / POINTER).read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return LEGACY_NAME
    except (OSError, UnicodeDecodeError) as err:
        raise IndexDamaged(
            f"the search index's {POINTER} file is unreadable ({err}); {REBUILD_HINT}"
        ) from None
    if not _VALID.match(text):
        raise IndexDamaged(f"the search index's {POINTER} file names no index; {REBUILD_HINT}")
    return text


def folder_state(folder: Path) -> tuple[int, int, str]:
    """What changes when a rebuild swaps a new index in: the folder's identity (device,
    inode) and the pointer's text. Cheap (a stat and a small read); never raises."""
    try:
        info = os.stat(folder)
    except OSError:
        return (-1, -1, "")
    try:
        text = (folder / POINTER).read_text(encoding="ascii", errors="replace")
    except OSError:
        text = ""
    return (info.st_dev, info.st_ino, text)


def latest_generation(folder: Path, name: str) -> int:
    """The newest TOC generation of index ``name`` in ``folder``; -1 when there is none."""
    pattern = re.compile(rf"_{re.escape(name)}_([0-9]+)\.toc\Z")
    try:
        files = os.listdir(folder)
    except OSError:
        return -1
    return max((int(m.group(1)) for f in files if (m := pattern.match(f))), default=-1)


def point_to(folder: Path, name: str) -> None:
    """Make ``name`` the live index of ``folder``, in one atomic rename, durably."""
    temp = folder / f"{_POINTER_TEMP}{secrets.token_hex(4)}"
    with temp.open("w", encoding="ascii") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, folder / POINTER)
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the OS lets a folder be synced)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _owner(filename: str) -> str | None:
    """The index a file of the folder belongs to ("" for a writer's pool folder), or None."""
    match = _FILE.match(filename)
    if not match:
        return None
    return match.group(1) or match.group(2) or ""


def _delete(path: str, is_dir: bool) -> None:
    with contextlib.suppress(OSError):
        if is_dir:
            shutil.rmtree(path)
        else:
            os.unlink(path)


def remove_index(folder: Path, name: str) -> None:
    """Delete the files of index ``name`` (a rebuild that failed drops what it wrote)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if _owner(entry.name) == name:
                _delete(entry.path, entry.is_dir(follow_symlinks=False))


def remove_leftovers(folder: Path, keep: str) -> None:
    """Delete every index in ``folder`` but ``keep``, and what killed writers left behind.

    Only for a process holding the library's write lock: it removes the files
    of replaced indexes and of interrupted rebuilds, half-written pointer files,
    writers' pool folders (no writer is running), and the folders a rebuild
    builds in or moves an unusable index to (``.rebuild-*`` beside ``folder``).
    Files another process still has open stay readable to it until it closes them.
    """
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            owner = _owner(entry.name)
            if owner is None:
                dead = entry.name.startswith(_POINTER_TEMP) or (
                    entry.name == LEGACY_REBUILDING and keep != LEGACY_NAME
                )
            else:
                dead = owner != keep or owner == ""
            if dead:
                _delete(entry.path, entry.is_dir(follow_symlinks=False))
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder.parent):
            if entry.name.startswith(REBUILD_PREFIX):
                _delete(entry.path, entry.is_dir(follow_symlinks=False))
