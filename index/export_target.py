"""Where an export may be written: a regular file or a new path, never the library.

:func:`index.export.write_atomically` writes a temporary file and renames it over
the target. That is right for a regular file, and wrong for anything else: a rename
over a device (``/dev/full``), a FIFO or a socket puts a regular file in its place,
and a rename over the library's own ``library.db`` (or its ``-wal``/``-shm`` files,
or a file of its Whoosh index) destroys the library. So :func:`check_target` refuses,
in one line and whether or not ``--force`` is given:

* a target that exists and is not a regular file (a folder, a character or block
  device, a FIFO, a socket; a symbolic link is judged by what it points to);
* any path inside the library folder in use (resolved, so ``..`` and symbolic links
  do not get round it).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["ExportTargetError", "check_target"]


class ExportTargetError(OSError):
    """An export target that must not be written; ``str()`` is one line naming it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(path: Path, library_folder: Path | None = None) -> None:
    """Raise :class:`ExportTargetError` when ``path`` must not be written (see the
    module's docstring); ``library_folder`` is the library in use (None: no check)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError:
        mode = None  # cannot tell (a dangling link, no permission): the write says why
    if mode is not None:
        kind = _kind(mode)
        if kind is not None:
            raise ExportTargetError(path, f"is {kind}; export writes only regular files")
    if library_folder is not None:
        folder = library_folder.resolve()
        where = path.resolve()
        if where == folder or folder in where.parents:
            raise ExportTargetError(
                path, f"is inside the library folder {folder}; export elsewhere"
            )
