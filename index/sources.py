"""Expanding what the user named (files, directories, URLs) into inputs to read.

Directories are walked recursively in a stable order; hidden files and folders
are passed over (they are version-control and editor files, not articles);
symbolic links are followed, and a link that leads back into a directory
already being walked is reported instead of walked forever.

Paths become text here, once: a name that is not UTF-8 (``caf\\xe9.txt`` made
on a Latin-1 system) is read like any other file, and its origin and messages
show the undecodable bytes as ``\\xNN`` (:func:`path_text`). That text is the
same each time the file is named, so re-adding it is recognised, and it can be
stored and printed, which the surrogates Python decodes such names to cannot.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from index.decoding import UnreadableError, escape_surrogates
from index.readers.base import DEFAULT_MAX_BYTES, Input, Skip
from index.readers.fetch import fetch_url, is_url

__all__ = ["expand_sources", "file_input", "path_text"]


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as text for origins and messages: undecodable bytes written ``\\xNN``."""
    return escape_surrogates(os.fspath(path))


def file_input(path: Path, origin: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Input:
    """An :class:`Input` reading the file at ``path``; its origin is the absolute path.

    The origin is what re-adding compares against, so ``seeds/`` and
    ``./seeds/`` must name the same file.
    """

    def opener() -> BinaryIO:
        return open(path, "rb")

    return Input(
        origin=origin or path_text(os.path.abspath(path)),
        name=path_text(path.name),
        opener=opener,
        max_bytes=max_bytes,
    )


def _walk(root: Path, max_bytes: int) -> Iterator[Input | Skip]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[Input | Skip]:
        try:
            st = folder.stat()
        except OSError as err:
            yield Skip(path_text(folder), _why(err))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Skip(path_text(folder), "symlink loop (leads back to a folder already read)")
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield Skip(path_text(folder), _why(err))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as err:
                yield Skip(path_text(path), _why(err))
                continue
            if is_dir:
                yield from visit(path)
            elif is_file:
                yield file_input(path, max_bytes=max_bytes)
            elif entry.is_symlink():
                yield Skip(path_text(path), _broken_link(path))
            else:
                yield Skip(path_text(path), "not a regular file")

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
    names: list[str], max_bytes: int = DEFAULT_MAX_BYTES, fetch: bool = True
) -> Iterator[Input | Skip]:
    """Inputs for every file, directory or URL in ``names``, with a Skip for each that fails."""
    for name in names:
        label = path_text(name)
        if is_url(name):
            if not fetch:
                yield Skip(label, "URLs are not fetched here")
            elif label != name:
                yield Skip(label, "not a valid URL (it is not UTF-8 text)")
            else:
                try:
                    yield fetch_url(name, max_bytes=max_bytes)
                except UnreadableError as err:
                    yield Skip(name, str(err))
            continue
        path = Path(name).expanduser()
        try:
            if path.is_dir():
                yield from _walk(path, max_bytes)
            elif path.exists():
                yield file_input(path, max_bytes=max_bytes)
            elif path.is_symlink():
                yield Skip(label, _broken_link(path))
            else:
                yield Skip(label, "no such file or directory")
        except OSError as err:
            yield Skip(label, _why(err))
