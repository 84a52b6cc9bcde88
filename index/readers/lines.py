"""Splitting a byte stream into lines in bounded memory and time, for JSON Lines corpora.

Iterating a file object reads each line whole before anything can look at its
length: one 200 MB line (or a gzip of 10 MB that inflates to one endless line)
was held whole, several times over. Here the stream is read in fixed chunks; a
line longer than ``max_line`` is passed over chunk by chunk, never held, and
comes out as a line without data, so the reader can name it and go on.

Blank lines cost almost nothing: a run of them is found and counted by
``re``/``bytes`` methods in C, not line by line in Python (a gzip of newlines
cost 0.4 µs a line going through ``GzipFile.readline`` and a per-line f-string,
46 s for 100 KB of gzip). The whole stream stops at ``max_total`` bytes, which
bounds the time any input can take.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from index.readers.base import CHUNK

__all__ = ["Line", "StreamTooLarge", "read_lines"]

# Any byte that is not ASCII whitespace: where the next non-blank line is.
_CONTENT = re.compile(rb"[^ \t\n\r\x0b\x0c]")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: its 1-based number and its bytes without the newline
    (None when it was longer than the limit and was passed over unread)."""

    number: int
    data: bytes | None


class StreamTooLarge(Exception):
    """The stream went on past ``max_total`` bytes; ``line`` is the first line not read whole."""

    def __init__(self, line: int) -> None:
        super().__init__(f"stream too large from line {line}")
        self.line = line


def read_lines(
    stream: BinaryIO, max_line: int, max_total: int, head: bytes = b"", chunk: int = CHUNK
) -> Iterator[Line]:
    """The non-blank lines of ``head`` followed by ``stream``.

    A line of more than ``max_line`` bytes comes out with ``data=None``; memory
    stays under ``max_line`` plus two chunks. Raises :class:`StreamTooLarge` once
    more than ``max_total`` bytes have been read (the lines before it came out).
    """
    number = 1  # the number of the line that starts at ``pos``
    pending = bytearray()  # the start of a line that goes on in the next chunk
    skipping = False  # inside a line too long to keep: drop bytes up to its newline
    total = 0
    data = head
    while True:
        if not data:
            data = stream.read(chunk)
            if not data:
                break
        over = total + len(data) > max_total
        if over:
            data = data[: max_total - total]
        total += len(data)
        pos, end = 0, len(data)
        while pos < end:
            if not pending and not skipping:
                found = _CONTENT.search(data, pos)
                if found is None:  # only blank lines, perhaps the blank start of one more
                    last = data.rfind(b"\n", pos)
                    if last >= 0:
                        number += data.count(b"\n", pos, last + 1)
                        pos = last + 1
                    if end - pos > max_line:
                        skipping = True
                    else:
                        pending += data[pos:]
                    break
                start = max(pos, data.rfind(b"\n", pos, found.start()) + 1)
                number += data.count(b"\n", pos, start)
                pos = start
            newline = data.find(b"\n", pos)
            if newline < 0:
                if not skipping and len(pending) + end - pos > max_line:
                    skipping = True
                    pending.clear()
                elif not skipping:
                    pending += data[pos:]
                break
            if skipping:
                yield Line(number, None)
                skipping = False
            elif len(pending) + newline - pos > max_line:
                pending.clear()
                yield Line(number, None)
            else:
                if pending:
                    pending += data[pos:newline]
                    line = bytes(pending)
                    pending.clear()
                else:
                    line = data[pos:newline]
                if _CONTENT.search(line):
                    yield Line(number, line)
            number += 1
            pos = newline + 1
        data = b""
        if over:
            raise StreamTooLarge(number)
    if skipping:
        yield Line(number, None)
    elif _CONTENT.search(pending):
        yield Line(number, bytes(pending))
