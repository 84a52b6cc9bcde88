"""Inputs that can be read only once: stdin and pipes (``-``, ``/dev/stdin``, ``<(cmd)``).

A pipe gives its bytes to the first reader only, and waits for ever if nobody
writes. Named on the command line, it is read here, once, up to the size limit,
and becomes an in-memory input: the hash, the format sniffing and the reader all
see those same bytes. Other files that are not regular (a FIFO made with
``mkfifo``, ``/dev/zero``, a terminal) are refused by kind without being opened,
since opening or reading them can block or never end.

A piped input has no file name to be known by next time, so its origin is named
by its content (``stdin (piped, sha256 1a2b3c4d5e6f)``): piping the same bytes
again is "unchanged", and piping something else never replaces what an earlier
pipe added, as a changed file replaces its own articles.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat

from index.model import Skip
from index.readers.base import Input, read_at_most, too_large

__all__ = ["GZIP_MAGIC", "is_pipe_name", "kind_of", "pipe_input"]

GZIP_MAGIC = b"\x1f\x8b"

# /dev/fd/N and /proc/self/fd/N (what ``<(cmd)`` expands to), /proc/PID/fd/N.
_FD_PATH = re.compile(r"/(?:dev/fd|proc/(?:self|\d+)/fd)/(\d+)")


def is_pipe_name(name: str, stdin: bool) -> bool:
    """True for names that stand for an open stream (``-`` only when ``stdin`` is allowed)."""
    return (stdin and name == "-") or name == "/dev/stdin" or bool(_FD_PATH.fullmatch(name))


def kind_of(mode: int) -> str:
    """What a file that is not regular is, as a reason: ``not a regular file (a FIFO)``."""
    if stat.S_ISFIFO(mode):
        kind = "a FIFO"
    elif stat.S_ISCHR(mode):
        kind = "a character device"
    elif stat.S_ISBLK(mode):
        kind = "a block device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "not a file or folder"
    return f"not a regular file ({kind})"


def _stream_fd(name: str) -> int | None:
    if name in ("-", "/dev/stdin"):
        return 0
    m = _FD_PATH.fullmatch(name)
    if m and name.startswith(("/dev/fd/", "/proc/self/")):
        return int(m.group(1))
    return None  # another process's /proc/PID/fd/N: opened by name


def pipe_input(name: str, mode: int, max_bytes: int) -> Input | Skip:
    """Read the pipe (or terminal) that ``name`` stands for, once, into an input.

    ``mode`` is its ``stat`` mode. A terminal, a device or more than the size limit
    is a Skip; so is a read that fails.
    """
    label = "stdin" if name in ("-", "/dev/stdin") else name
    if stat.S_ISCHR(mode):
        fd = _stream_fd(name)
        if fd is not None and os.isatty(fd):
            return Skip(label, "is a terminal, nothing was piped in (try: nutgraf add - < FILE)")
        return Skip(label, kind_of(mode))
    if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return Skip(label, kind_of(mode))
    # Room for a gzip stream, whose raw bytes can be a little more than its content.
    limit = max_bytes + max_bytes // 1024 + 1024
    fd = _stream_fd(name)
    try:
        with os.fdopen(os.dup(fd), "rb") if fd is not None else open(name, "rb") as stream:
            data = read_at_most(stream, limit)
    except OSError as err:
        return Skip(label, (err.strerror or str(err)).lower())
    compressed = data.startswith(GZIP_MAGIC)
    if len(data) > (limit if compressed else max_bytes):
        return Skip(label, too_large(max_bytes))
    sha = hashlib.sha256(data).hexdigest()
    origin = f"{label} (piped, sha256 {sha[:12]})"
    # No file name to go by: the format is found from the content, gzip included.
    file_name = "stdin" if label == "stdin" else os.path.basename(name)
    return Input.from_bytes(
        origin, file_name + (".gz" if compressed else ""), data, max_bytes=max_bytes
    )
