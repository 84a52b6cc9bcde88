"""JSON Lines (and JSON) corpora: one article per record.

Records carry ``title`` and ``text`` (``body``/``content`` are accepted too) and
optionally ``id``, ``date``, ``source``, ``url``, ``category``, ``author``.
JSON Lines files are streamed in chunks, so a corpus is read in bounded memory up
to the size limit; a broken line is reported by its number and the others go in,
and a file none of whose lines is a record is one reason, not one per line.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from index.article import Article
from index.model import Skip
from index.readers.base import (
    Input,
    Known,
    KnownRecords,
    ReadItem,
    meta_text,
    read_at_most,
    record_digest,
    too_large,
)
from index.readers.cleaning import first_words
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError, binary_reason, decode_bytes, sanitize
from index.readers.jsonfeed import is_json_feed, read_json_feed_value
from index.readers.jsontext import LongNumber, dump_bytes, loads
from index.readers.lines import StreamTooLarge, read_lines
from index.readers.paragraphs import split_paragraphs

__all__ = ["read_json", "read_jsonl", "record_to_article"]

_TEXT_KEYS = ("text", "body", "content", "article", "articleBody")
_TITLE_KEYS = ("title", "headline", "name")


def _first(record: dict[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def record_to_article(record: Any, original: bytes, src: Input, part: str | None) -> Article | Skip:
    """One JSON record as an article, or a :class:`Skip` that says what is wrong with it."""
    if not isinstance(record, dict):
        kind = "number" if isinstance(record, LongNumber) else type(record).__name__
        return Skip(src.origin, f"a JSON {kind}, not an object with title and text", part)
    text = _first(record, _TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        return Skip(src.origin, 'no "text" field with article text', part)
    body = "\n\n".join(split_paragraphs(text))
    title = _first(record, _TITLE_KEYS)
    title = " ".join(sanitize(str(title)).split()) if title is not None else ""
    if not title:
        title = first_words(body)
    return Article(
        title=title,
        body=body,
        original=original,
        encoding="utf-8",
        format="jsonl",
        source=meta_text(record.get("source") or record.get("site") or record.get("publisher")),
        url=meta_text(record.get("url") or record.get("link")),
        author=meta_text(record.get("author") or record.get("authors")),
        published=parse_date(record.get("date") or record.get("published"), reduced=True),
        category=meta_text(record.get("category") or record.get("categories")),
        origin=src.origin,
    )


#: Per-line skips listed for one file; past this many, one more skip gives the count.
MAX_LINE_SKIPS = 100


class _LineSkips:
    """The per-line skips of one file, held until the file proves to hold records.

    A file whose lines are all unreadable is not a corpus with bad lines but a file
    that is not JSON Lines: it gets one reason, not one per line. And however many
    lines are bad, at most :data:`MAX_LINE_SKIPS` are listed (the rest are counted).
    """

    def __init__(self, src: Input) -> None:
        self.src = src
        self.held: list[Skip] = []
        self.count = 0
        self.released = False

    def add(self, skip: Skip) -> Iterator[Skip]:
        self.count += 1
        if self.count <= MAX_LINE_SKIPS:
            self.held.append(skip)
        if self.released:
            yield from self.release()

    def release(self) -> Iterator[Skip]:
        """The skips held so far: the file has records, so its bad lines are worth naming."""
        self.released = True
        held, self.held = self.held, []
        yield from held

    def summary(self) -> Iterator[Skip]:
        if self.count > MAX_LINE_SKIPS:
            more = self.count - MAX_LINE_SKIPS
            yield Skip(
                self.src.origin,
                f"could not be read either (the first {MAX_LINE_SKIPS} are listed)",
                f"{more:,} more line{'s' if more > 1 else ''}",
            )

    def whole_file(self) -> UnreadableError:
        """The one reason for a file none of whose lines is a record."""
        if not self.count:
            return UnreadableError("no article records found")
        first = self.held[0]
        lines = f"{self.count:,} line{'s' if self.count > 1 else ''}"
        return UnreadableError(
            f"no article records found ({lines} could not be read; {first.part}: {first.reason})"
        )


def read_jsonl(src: Input, known: KnownRecords | None = None) -> Iterator[ReadItem]:
    """Stream a JSON Lines corpus (``.jsonl``, ``.ndjson``); records whose digest is in
    ``known`` come back as :class:`Known`, unread.

    Memory and time are bounded: lines are read in chunks (see
    :mod:`index.readers.lines`), a line over ``src.max_bytes`` is skipped unread,
    and the decompressed stream stops at ``src.max_bytes``. Raises UnreadableError
    for a file that is binary or holds no record (one reason, not one per line).
    """
    good = 0
    skips = _LineSkips(src)
    try:
        with src.open() as stream:
            head = read_at_most(stream, 4095)
            why = binary_reason(head)
            if why:
                raise UnreadableError(f"{why}, not JSON Lines")
            lines = read_lines(stream, src.max_bytes, src.max_bytes, head=head)
            for line in lines:
                where = f"line {line.number}"
                raw = line.data
                if raw is None:
                    too_long = Skip(src.origin, "record larger than the size limit", where)
                    yield from skips.add(too_long)
                    continue
                original = raw.rstrip(b"\r")
                if known:
                    article_id = known.get(record_digest(original))
                    if article_id is not None:
                        good += 1
                        yield from skips.release()
                        yield Known(article_id)
                        continue
                try:
                    text, _ = decode_bytes(raw)
                    record = loads(text)
                except UnreadableError as err:
                    yield from skips.add(Skip(src.origin, str(err), where))
                    continue
                except (json.JSONDecodeError, RecursionError) as err:
                    msg = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
                    yield from skips.add(Skip(src.origin, f"invalid JSON ({msg})", where))
                    continue
                item = record_to_article(record, original, src, where)
                if isinstance(item, Skip):
                    yield from skips.add(item)
                    continue
                good += 1
                yield from skips.release()
                yield item
    except StreamTooLarge as err:
        if not good:
            raise UnreadableError(too_large(src.max_bytes)) from None
        yield from skips.release()
        yield Skip(
            src.origin,
            f"{too_large(src.max_bytes)}; the lines before it went in",
            f"line {err.line} on",
        )
        return
    except (OSError, EOFError, zlib.error) as err:
        if not good:
            raise UnreadableError(_stream_reason(err)) from None
        yield from skips.release()
        yield Skip(src.origin, f"{_stream_reason(err)}; the lines before it went in", "the rest")
        return
    if not good:
        raise skips.whole_file()
    yield from skips.summary()


def _stream_reason(err: BaseException) -> str:
    if isinstance(err, gzip.BadGzipFile | EOFError | zlib.error):
        return f"damaged gzip data ({err or 'truncated'})"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err) or type(err).__name__


def read_json(src: Input) -> Iterator[ReadItem]:
    """Read a ``.json`` file: an array of records, one record, JSON Lines under a .json
    name, or a JSON Feed (told by its ``version``, see :mod:`index.readers.jsonfeed`)."""
    data = src.read()
    text, _ = decode_bytes(data)
    try:
        value = loads(text)
    except json.JSONDecodeError:
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from read_jsonl(src)
            return
        raise UnreadableError("not valid JSON") from None
    except RecursionError:
        raise UnreadableError("not valid JSON (nested too deeply)") from None
    if is_json_feed(value):
        yield from read_json_feed_value(value, src)
        return
    if isinstance(value, dict):
        for key in ("articles", "items", "data", "records"):
            if isinstance(value.get(key), list):
                value = value[key]
                break
    if not isinstance(value, list):
        item = record_to_article(value, data, src, None)
        if isinstance(item, Skip):
            raise UnreadableError(f"{item.reason} (not an article)")
        yield item
        return
    good = 0
    for n, record in enumerate(value, 1):
        original = dump_bytes(record)
        item = record_to_article(record, original, src, f"record {n}")
        good += isinstance(item, Article)
        yield item
    if not good:
        raise UnreadableError("no article records found")
