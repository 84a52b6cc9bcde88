"""Undoing a response's ``Content-Encoding`` a bounded piece at a time, knowing whether it ended.

urllib3 decodes gzip and deflate bodies, but a compressed body cut short (a
server that drops the last bytes, with a ``Content-Length`` that matches what
it sent) comes out as a shorter text with no error: an adversarial test
stored half an article as a whole one. Here the body is read raw and undone
with :mod:`zlib` (the standard library's binding of the same zlib), which says
whether each stream reached its end; a stream that did not is "cut short".
Output never exceeds the size limit, so a bomb stops there.

Codings: ``gzip`` (and ``x-gzip``), ``deflate`` (zlib-wrapped as RFC 9110 says,
or raw, as some servers send it), ``identity``; a chain such as
``gzip, deflate`` is undone last coding first. Concatenated gzip members are
all read (RFC 1952 allows them).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from index.readers.decoding import UnreadableError

__all__ = ["CODINGS", "Inflater"]

#: The content codings that can be undone here.
CODINGS = frozenset({"gzip", "x-gzip", "deflate", "identity"})


class _Stream:
    """One coding of a chain."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.raw_deflate = False
        self._z = self._new()
        self.started = False

    def _new(self) -> zlib._Decompress:
        if self.coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if self.raw_deflate else zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> bytes:
        """Up to ``room`` + 1 bytes of output for ``data`` (the rest is kept for later)."""
        out = bytearray()
        while data and len(out) <= room:
            try:
                piece = self._z.decompress(data, room + 1 - len(out))
            except zlib.error:
                if self.coding == "deflate" and not self.started and not self.raw_deflate:
                    self.raw_deflate = True  # no zlib header: raw deflate, as some servers send
                    self._z = self._new()
                    continue
                raise UnreadableError("the server's compressed data is damaged") from None
            self.started = True
            out += piece
            if self._z.eof and self._z.unused_data and self.coding in ("gzip", "x-gzip"):
                data = self._z.unused_data  # another gzip member follows
                self._z = self._new()
            else:
                data = self._z.unconsumed_tail
        return bytes(out)

    @property
    def ended(self) -> bool:
        return self._z.eof


class Inflater:
    """Undoes the codings of a ``Content-Encoding`` header, holding to ``max_bytes``."""

    def __init__(self, header: str, max_bytes: int, too_large: Callable[[], Exception]) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        unknown = [c for c in codings if c not in CODINGS]
        if unknown:
            raise UnreadableError(
                f"the server compressed it as {unknown[0][:20]!r}, which cannot be decoded here"
            )
        self._streams = [_Stream(c) for c in reversed(codings) if c != "identity"]
        self._max = max_bytes
        self._size = 0
        self._too_large = too_large

    def feed(self, data: bytes) -> bytes:
        """The decoded bytes for the next raw ``data``; raises when over the size limit."""
        for stream in self._streams:
            data = stream.feed(data, self._max - self._size)
        self._size += len(data)
        if self._size > self._max:
            raise self._too_large()
        return data

    def finish(self) -> None:
        """Raise UnreadableError unless every compressed stream reached its end."""
        for stream in self._streams:
            if not stream.ended:
                raise UnreadableError(
                    f"the download was cut short (its {stream.coding} data ends too soon)"
                )
