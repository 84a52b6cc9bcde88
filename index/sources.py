"""Expanding what the user named (files, directories, URLs) into inputs to read.

Directories are walked recursively in a stable order; hidden files and folders
are passed over (they are version-control and editor files, not articles);
symbolic links are followed, and a link that leads back into a directory
already being walked is reported instead of walked forever.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from index.decoding import UnreadableError
from index.readers.base import DEFAULT_MAX_BYTES, Input, Skip
from index.readers.fetch import fetch_url, is_url, redact_url

__all__ = ["expand_sources", "file_input"]


def file_input(path: Path, origin: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Input:
    """An :class:`Input` reading the file at ``path``; its origin is the absolute path.

    The origin is what re-adding compares against, so ``seeds/`` and
    ``./seeds/`` must name the same file.
    """

    def opener() -> BinaryIO:
        return open(path, "rb")

    return Input(
        origin=origin or os.path.abspath(path), name=path.name, opener=opener, max_bytes=max_bytes
    )


def _walk(root: Path, max_bytes: int) -> Iterator[Input | Skip]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[Input | Skip]:
        try:
            st = folder.stat()
        except OSError as err:
            yield Skip(str(folder), _why(err))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Skip(str(folder), "symlink loop (leads back to a folder already read)")
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield Skip(str(folder), _why(err))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as err:
                yield Skip(str(path), _why(err))
                continue
            if is_dir:
                yield from visit(path)
            elif is_file:
                yield file_input(path, max_bytes=max_bytes)
            elif entry.is_symlink():
                yield Skip(str(path), _broken_link(path))
            else:
                yield Skip(str(path), "not a regular file")

    yield from visit(root)


def _broken_link(path: Path) -> str:
    try:
        path.stat()
    except OSError as err:
        return _why(err)
    return "not a regular file"


def _why(err: OSError) -> str:
    import errno

    if err.errno == errno.ELOOP:
        return "symlink loop"
    if err.errno == errno.ENOENT:
        return "no such file or directory (or a broken symlink)"
    if err.errno == errno.EACCES:
        return "permission denied"
    return (err.strerror or str(err)).lower()


def expand_sources(
    names: list[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: bool = True,
    *,
    allow_link_local: bool = False,
) -> Iterator[Input | Skip]:
    """Inputs for every file, directory or URL in ``names``, with a Skip for each that fails.

    URLs are downloaded here (see :func:`~index.readers.fetch.fetch_url`, which
    ``allow_link_local`` is passed to); a URL's Skip names it without its password.
    """
    for name in names:
        if is_url(name):
            if not fetch:
                yield Skip(redact_url(name), "URLs are not fetched here")
                continue
            try:
                yield fetch_url(name, max_bytes=max_bytes, allow_link_local=allow_link_local)
            except UnreadableError as err:
                yield Skip(redact_url(name), str(err))
            continue
        path = Path(name).expanduser()
        try:
            if path.is_dir():
                yield from _walk(path, max_bytes)
            elif path.exists():
                yield file_input(path, max_bytes=max_bytes)
            elif path.is_symlink():
                yield Skip(name, _broken_link(path))
            else:
                yield Skip(name, "no such file or directory")
        except OSError as err:
            yield Skip(name, _why(err))
