"""Reading one input for an add: its bytes once, their hash, and the articles from them.

Each input used to be hashed in one pass and read in another. A file rewritten
between the two was recorded with one version's hash and the other version's
articles, and every later add called it "unchanged" (a feed rewritten in place
kept 32 of its 40 entries for good); a pipe gave all its bytes to the hash and
none to the reader. Here the hash recorded is the hash of exactly the bytes the
articles came from:

- most inputs are read once, whole, up to the size limit: that one snapshot is
  hashed, compared with the hash recorded last time, and handed to the reader;
- JSON Lines files stay streamed (bounded in memory, not read whole): the bytes
  the reader parses pass through a tap that hashes them, and that hash counts
  only if the stream was read to its end. A first pass hashes the file for the
  "unchanged" check alone: when it matches the hash recorded, the file held
  exactly what the library has, whatever happens to it afterwards.

Hashes are of the raw bytes (a ``.gz`` as stored), as they always were, so a
library made before this still finds its unchanged files unchanged.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import zlib
from collections.abc import Iterator
from types import TracebackType
from typing import BinaryIO

from index.readers.base import CHUNK, Input, KnownRecords, ReadItem, read_at_most, too_large
from index.readers.decoding import UnreadableError
from index.readers.dispatch import read_input

__all__ = ["Reading", "estimate_articles", "raw_limit"]

#: Inputs read as a stream rather than whole (by name, after any ``.gz``).
STREAMED = (".jsonl", ".ndjson")


def raw_limit(src: Input) -> int:
    """The most raw bytes worth reading from ``src``: its size limit, and for gzip
    a little more (deflate can grow incompressible data by up to 0.03 %)."""
    if src.compressed:
        return src.max_bytes + src.max_bytes // 1024 + 1024
    return src.max_bytes


class _Tap:
    """A raw byte stream that hashes every byte read through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0
        self.at_end = False

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if data:
            self.digest.update(data)
            self.size += len(data)
        elif size != 0:
            self.at_end = True
        return data

    def readable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0, /) -> int:
        raise io.UnsupportedOperation("a tapped stream is read once, front to back")

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> _Tap:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _damaged(err: BaseException) -> UnreadableError:
    return UnreadableError(f"damaged gzip data ({err or 'truncated'})")


class Reading:
    """One input being read for an add, once.

    Use in this order: :meth:`hash_before` (compare it with the hash recorded last
    time), then :meth:`items`, then :meth:`hash_read` for the hash to record.
    """

    def __init__(self, src: Input) -> None:
        self.src = src
        self.streamed = src.data is None and src.inner_name.lower().endswith(STREAMED)
        self._snapshot: Input | None = None
        self._snapshot_sha = ""
        self._tap: _Tap | None = None

    def hash_before(self) -> str:
        """The sha256 of the input as it is now, before any article is read from it.

        Raises UnreadableError (over the size limit, damaged gzip data) or OSError.
        """
        if self.streamed:
            return self._hash_stream()
        raw = self.src.data
        if raw is None:
            with self.src.opener() as stream:
                raw = read_at_most(stream, raw_limit(self.src))
        if len(raw) > raw_limit(self.src):
            raise UnreadableError(too_large(self.src.max_bytes))
        self._snapshot = dataclasses.replace(self.src, opener=lambda: io.BytesIO(raw), data=raw)
        self._snapshot_sha = hashlib.sha256(raw).hexdigest()
        return self._snapshot_sha

    def _hash_stream(self) -> str:
        """Hash the raw bytes, decompressing on the way to hold gzip to the size limit."""
        with _Tap(self.src.opener()) as tap:
            unzip = gzip.GzipFile(fileobj=tap, mode="rb") if self.src.compressed else None
            size = 0
            try:
                while chunk := (unzip or tap).read(CHUNK):
                    size += len(chunk)
                    if size > self.src.max_bytes or tap.size > raw_limit(self.src):
                        raise UnreadableError(too_large(self.src.max_bytes))
            except (gzip.BadGzipFile, EOFError, zlib.error) as err:
                raise _damaged(err) from None
            finally:
                if unzip is not None:
                    unzip.close()
            return tap.digest.hexdigest()

    def items(self, known: KnownRecords | None = None) -> Iterator[ReadItem]:
        """The articles (and skips and notices) read from the input: from the snapshot
        :meth:`hash_before` took, or streamed through a tap."""
        if self._snapshot is not None:
            yield from read_input(self._snapshot, known)
            return
        yield from read_input(dataclasses.replace(self.src, opener=self._open_tapped), known)

    def _open_tapped(self) -> BinaryIO:
        # The reader may open the input more than once (a first look at its head);
        # the stream it reads the articles from is the last one opened.
        self._tap = _Tap(self.src.opener())
        return self._tap  # type: ignore[return-value]

    def hash_read(self) -> tuple[str, int] | None:
        """The sha256 and size of exactly the bytes the articles came from, once
        :meth:`items` is exhausted; None if the read stopped before the end."""
        snapshot = self._snapshot
        if snapshot is not None and snapshot.data is not None:
            return self._snapshot_sha, len(snapshot.data)
        tap = self._tap
        if tap is None or not tap.at_end:
            return None
        return tap.digest.hexdigest(), tap.size


def estimate_articles(src: Input) -> int:
    """A quick guess at how many articles an input holds, for the progress total.

    Reads at most the size limit (decompressed) and never fails: a bad input is 1.
    """
    name = src.inner_name.lower()
    try:
        if name.endswith(STREAMED):
            lines = 0
            with src.open() as stream:
                for _ in range(src.max_bytes // CHUNK + 1):
                    chunk = stream.read(CHUNK)
                    if not chunk:
                        break
                    lines += chunk.count(b"\n")
            return max(1, lines)
        if name.endswith((".rss", ".atom", ".xml", ".rdf")):
            with src.open() as stream:
                data = read_at_most(stream, src.max_bytes)
            return max(1, data.count(b"<item") + data.count(b"<entry"))
    except (OSError, EOFError, zlib.error):
        pass
    return 1
