"""What readers take and give: an :class:`Input` to read, articles and notes out.

A reader turns one input (a file, one download) into zero or more articles. It
never raises for bad content: a whole input it cannot read raises
:class:`~index.readers.decoding.UnreadableError` with a one-line reason, and a bad part
of an otherwise good input (one broken line of a JSON Lines corpus, one empty
feed entry) comes out as a :class:`Skip` so that the rest still goes in.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from index.article import Article
from index.model import Notice, Skip
from index.readers.decoding import UnreadableError, sanitize

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Input",
    "Known",
    "KnownRecords",
    "ReadItem",
    "meta_text",
    "pretty_name",
    "read_at_most",
    "record_digest",
    "size_text",
    "too_large",
]

#: Largest input, counted after decompression: a file is read whole up to it, and a
#: JSON Lines corpus, streamed in bounded memory, stops there too (so does a gzip bomb).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Known:
    """A record the library already holds as it is now (see :func:`record_digest`): the
    reader skipped it without decoding or cleaning it."""

    id: str


ReadItem = Article | Skip | Notice | Known

#: A record's digest -> the id of the article made from it, for the records already in.
KnownRecords = Mapping[bytes, str]


def record_digest(original: bytes) -> bytes:
    """A 128-bit digest of one record's bytes as given (a JSON Lines line).

    Re-adding a corpus with a few records changed reads only those: the others
    are recognised by their digest before they are decoded and cleaned, which is
    most of the cost of reading them.
    """
    return hashlib.blake2b(original, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to read: where it came from and how to open its bytes.

    ``charset`` is the charset the input was declared to be in from outside its
    bytes (the ``Content-Type`` of a download), which decoding tries first.
    """

    origin: str
    name: str
    opener: Callable[[], BinaryIO]
    url: str | None = None
    content_type: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    charset: str | None = None
    #: The raw bytes when they are already in memory (a download, a pipe read once):
    #: such an input gives the same bytes on every open.
    data: bytes | None = field(default=None, repr=False, compare=False)
    #: Downloads a link the input names (a feed entry's) as an input of its own, raising
    #: UnreadableError with a one-line reason; set for ``add --full-text`` only.
    link_fetcher: Callable[[str], Input] | None = field(default=None, repr=False, compare=False)

    @property
    def compressed(self) -> bool:
        """True for gzip files, which are read through a decompressor."""
        return self.name.lower().endswith(".gz")

    @property
    def inner_name(self) -> str:
        """The file name without a compression suffix (``page.html.gz`` -> ``page.html``)."""
        return self.name[:-3] if self.compressed else self.name

    def open(self) -> BinaryIO:
        """A fresh binary stream of the (decompressed) content."""
        stream = self.opener()
        if self.compressed:
            return _ClosingGzip(stream)  # type: ignore[return-value]
        return stream

    def read(self) -> bytes:
        """The whole (decompressed) content; raises UnreadableError beyond ``max_bytes``
        (a gzip bomb stops there) or when it cannot be read."""
        if self.data is not None and not self.compressed:  # already in memory: no copy
            if len(self.data) > self.max_bytes:
                raise UnreadableError(too_large(self.max_bytes))
            return self.data
        try:
            with self.open() as stream:
                data = read_at_most(stream, self.max_bytes)
        except (gzip.BadGzipFile, EOFError, OSError, zlib.error) as err:
            raise UnreadableError(_os_reason(err)) from None
        if len(data) > self.max_bytes:
            raise UnreadableError(too_large(self.max_bytes))
        return data

    @classmethod
    def from_bytes(cls, origin: str, name: str, data: bytes, **kw: object) -> Input:
        """An input over bytes already in memory (a download, a pipe, a test)."""
        return cls(origin=origin, name=name, opener=lambda: io.BytesIO(data), data=data, **kw)  # type: ignore[arg-type]


#: Bytes read at a time: whatever a file holds, no single read asks for more.
CHUNK = 1 << 20


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of ``stream``: one more than ``limit`` says there is more.

    Read in chunks: ``stream.read(limit + 1)`` would set aside the whole limit for
    every file, however small, and a huge ``limit`` would fail to allocate.
    """
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        part = stream.read(min(CHUNK, limit + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def size_text(size: int) -> str:
    """A byte count for people: ``32 MB``, ``0.5 MB``, ``1 KB``."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:g} MB"
    return f"{size / 1024:.4g} KB"


def too_large(max_bytes: int) -> str:
    """The one-line reason for an input over the size limit."""
    return f"larger than the {size_text(max_bytes)} size limit (raise it with --max-size)"


class _ClosingGzip(gzip.GzipFile):
    """A gzip reader that also closes the stream it reads from (GzipFile leaves it open)."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def _os_reason(err: BaseException) -> str:
    if isinstance(err, gzip.BadGzipFile | EOFError | zlib.error):
        return f"damaged gzip data ({err or 'truncated'})"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, FileNotFoundError):
        return "disappeared before it could be read"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err) or type(err).__name__


def meta_text(value: object) -> str | None:
    """A metadata value as one clean line: lists joined with commas, blanks as None,
    control characters and lone surrogates made harmless (see :func:`sanitize`)."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        text = ", ".join(str(v).strip() for v in value if v not in (None, ""))
    else:
        text = " ".join(str(value).split())
    return sanitize(text) or None


def pretty_name(name: str) -> str:
    """A readable fallback title from a file name: ``the_big-story.txt`` -> ``the big story``."""
    stem = os.path.basename(name)
    for _ in range(2):
        stem, ext = os.path.splitext(stem)
        if not ext:
            break
    return re.sub(r"[_\-]+", " ", stem).strip() or name


ReaderFn = Callable[[Input], Iterator[ReadItem]]
