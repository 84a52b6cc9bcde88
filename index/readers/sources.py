"""Expanding what the user named (files, directories, URLs) into inputs to read.

Directories are walked recursively in a stable order; hidden files and folders
are passed over (they are version-control and editor files, not articles);
symbolic links are followed, and a link that leads back into a directory
already being walked is reported instead of walked forever. The library's own
folder is never read as input (``nutgraf --library ./lib add .``).

Only regular files are opened. Anything else named directly is refused by its
kind, unopened (a FIFO would block the add, holding the write lock, until some
process wrote to it; ``/dev/zero`` never ends), except the streams the user
means to pipe in: ``-`` (stdin), ``/dev/stdin``, ``/dev/fd/N`` (``<(cmd)``),
which are read once, up to the size limit (see :mod:`index.readers.pipe`). Even a file
that turns into a FIFO after the walk saw it is caught when it is opened.

Paths become text here, once: a name that is not UTF-8 (``caf\\xe9.txt`` made
on a Latin-1 system) is read like any other file, and its origin and messages
show the undecodable bytes as ``\\xNN`` (:func:`path_text`). That text is the
same each time the file is named, so re-adding it is recognised, and it can be
stored and printed, which the surrogates Python decodes such names to cannot.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from index.inert import escape_surrogates
from index.model import Notice, Skip
from index.readers.base import DEFAULT_MAX_BYTES, Input
from index.readers.decoding import UnreadableError
from index.readers.fetch import fetch_url, is_url, redact_url
from index.readers.pipe import is_pipe_name, kind_of, pipe_input

__all__ = ["expand_sources", "file_input", "path_text"]

Expanded = Input | Skip | Notice


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as text for origins and messages: undecodable bytes written ``\\xNN``."""
    return escape_surrogates(os.fspath(path))


def _open_nonblocking(path: str, flags: int) -> int:
    # O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer.
    return os.open(path, flags | os.O_NONBLOCK)


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file; raise UnreadableError if it is
    anything else (checked on the open file, so a swap after a walk is caught too)."""
    stream = open(path, "rb", opener=_open_nonblocking)  # noqa: SIM115 (returned open)
    try:
        mode = os.fstat(stream.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableError(kind_of(mode))
        os.set_blocking(stream.fileno(), True)
    except BaseException:
        stream.close()
        raise
    return stream


def file_input(path: Path, origin: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Input:
    """An :class:`Input` reading the file at ``path``; its origin is the absolute path.

    The origin is what re-adding compares against, so ``seeds/`` and
    ``./seeds/`` must name the same file.
    """

    def opener() -> BinaryIO:
        return open_regular(path)

    return Input(
        origin=origin or path_text(os.path.abspath(path)),
        name=path_text(path.name),
        opener=opener,
        max_bytes=max_bytes,
    )


class _Library:
    """The library folder, which is never input: its database, index and lock files."""

    def __init__(self, path: Path | None) -> None:
        self.key: tuple[int, int] | None = None
        self.real = ""
        self.told = False
        if path is not None:
            try:
                st = path.stat()
            except OSError:
                return
            self.key = (st.st_dev, st.st_ino)
            self.real = os.path.realpath(path)

    def holds(self, path: Path) -> bool:
        """True for the library folder itself and anything inside it."""
        if not self.real:
            return False
        real = os.path.realpath(path)
        return real == self.real or real.startswith(self.real.rstrip(os.sep) + os.sep)

    def notice(self, where: Path) -> Iterator[Notice]:
        """Say once per add that the library's own files were passed over."""
        if not self.told:
            self.told = True
            yield Notice(path_text(where), "the library's own folder, not read as articles")


def _walk(root: Path, max_bytes: int, library: _Library) -> Iterator[Expanded]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[Expanded]:
        try:
            st = folder.stat()
        except OSError as err:
            yield Skip(path_text(folder), _why(err))
            return
        key = (st.st_dev, st.st_ino)
        if key == library.key:
            yield from library.notice(folder)
            return
        if key in seen:
            yield Skip(path_text(folder), "symlink loop (leads back to a folder already read)")
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield Skip(path_text(folder), _why(err))
            return
        if folder != root and _is_a_library(entries):  # another library (a copy, a backup)
            yield Notice(path_text(folder), "a nutgraf library's folder, not read as articles")
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
                yield Skip(path_text(path), _special(entry))

    yield from visit(root)


def _is_a_library(entries: list[os.DirEntry[str]]) -> bool:
    names = {e.name for e in entries}
    return "library.db" in names and "index" in names


def _special(entry: os.DirEntry[str]) -> str:
    try:
        return kind_of(entry.stat().st_mode)
    except OSError:
        return "not a regular file"


def _broken_link(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return _why(err)
    return kind_of(mode)


def _why(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop"
    if err.errno == errno.ENOENT:
        return "no such file or directory (or a broken symlink)"
    if err.errno == errno.EACCES:
        return "permission denied"
    return (err.strerror or str(err)).lower()


# An address of another kind (ftp://, file://, ...): refused by name, not read as a path.
_OTHER_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{1,15}):/{2}")


def expand_sources(
    names: list[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: bool = True,
    *,
    allow_link_local: bool = False,
    library: Path | None = None,
    stdin: bool = False,
) -> Iterator[Expanded]:
    """Inputs for every file, directory or URL in ``names``, with a Skip for each that fails.

    URLs are downloaded here (see :func:`~index.readers.fetch.fetch_url`, which
    ``allow_link_local`` is passed to); a URL's Skip names it without its password.
    ``library`` is the library folder, passed over in walks (with one Notice) and
    refused when named; with ``stdin``, ``-`` reads standard input.
    """
    own = _Library(library)
    for name in names:
        label = path_text(name)
        other = _OTHER_SCHEME.match(name)
        if other and not is_url(name):
            scheme = other.group(1)
            yield Skip(
                redact_url(label), f"{scheme}: addresses are not fetched (only http and https)"
            )
            continue
        if is_url(name):
            if not fetch:
                yield Skip(redact_url(label), "URLs are not fetched here")
            elif label != name:
                yield Skip(redact_url(label), "not a valid URL (it is not UTF-8 text)")
            else:
                try:
                    yield fetch_url(name, max_bytes=max_bytes, allow_link_local=allow_link_local)
                except UnreadableError as err:
                    yield Skip(redact_url(name), str(err))
            continue
        pipe = is_pipe_name(name, stdin)
        path = Path("/dev/stdin" if pipe and name == "-" else name).expanduser()
        try:
            mode = path.stat().st_mode
        except OSError as err:
            if err.errno == errno.ENOENT and not path.is_symlink():
                yield Skip(label, "no such file or directory")
            else:
                yield Skip(label, _broken_link(path) if path.is_symlink() else _why(err))
            continue
        if own.holds(path):
            yield Skip(label, "part of the library itself, not an article")
        elif stat.S_ISDIR(mode):
            yield from _walk(path, max_bytes, own)
        elif stat.S_ISREG(mode):
            # /dev/stdin redirected from a file is that file, known by its own name.
            yield file_input(Path(os.path.realpath(path)) if pipe else path, max_bytes=max_bytes)
        elif pipe:
            yield pipe_input(name, mode, max_bytes)
        else:
            yield Skip(label, kind_of(mode))
