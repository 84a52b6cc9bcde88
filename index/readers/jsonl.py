"""JSON Lines (and JSON) corpora: one article per record.

Records carry ``title`` and ``text`` (``body``/``content`` are accepted too) and
optionally ``id``, ``date``, ``source``, ``url``, ``category``, ``author``.
JSON Lines files are streamed line by line, so a corpus of any size is read in
bounded memory; a broken line is reported by its number and the others go in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from index.article import Article
from index.cleaning import split_paragraphs
from index.dates import parse_date
from index.decoding import UnreadableError, decode_bytes, sanitize
from index.readers.base import (
    Input,
    Known,
    KnownRecords,
    ReadItem,
    Skip,
    meta_text,
    record_digest,
)

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
        kind = type(record).__name__
        return Skip(src.origin, f"a JSON {kind}, not an object with title and text", part)
    text = _first(record, _TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        return Skip(src.origin, 'no "text" field with article text', part)
    body = "\n\n".join(split_paragraphs(text))
    title = _first(record, _TITLE_KEYS)
    title = " ".join(sanitize(str(title)).split()) if title is not None else ""
    if not title:
        words = body.split()
        title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return Article(
        title=title,
        body=body,
        original=original,
        encoding="utf-8",
        format="jsonl",
        source=meta_text(record.get("source") or record.get("site") or record.get("publisher")),
        url=meta_text(record.get("url") or record.get("link")),
        author=meta_text(record.get("author") or record.get("authors")),
        published=parse_date(record.get("date") or record.get("published")),
        category=meta_text(record.get("category") or record.get("categories")),
        origin=src.origin,
    )


def read_jsonl(src: Input, known: KnownRecords | None = None) -> Iterator[ReadItem]:
    """Stream a JSON Lines corpus (``.jsonl``, ``.ndjson``); records whose digest is in
    ``known`` come back as :class:`Known`, unread."""
    good = 0
    try:
        with src.open() as stream:
            for lineno, raw in enumerate(stream, 1):
                where = f"line {lineno}"
                if len(raw) > src.max_bytes:
                    yield Skip(src.origin, "record larger than the size limit", where)
                    continue
                if not raw.strip():
                    continue
                if known:
                    article_id = known.get(record_digest(raw.rstrip(b"\r\n")))
                    if article_id is not None:
                        good += 1
                        yield Known(article_id)
                        continue
                try:
                    line, _ = decode_bytes(raw)
                    record = json.loads(line)
                except UnreadableError as err:
                    yield Skip(src.origin, str(err), where)
                    continue
                except (json.JSONDecodeError, RecursionError) as err:
                    msg = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
                    yield Skip(src.origin, f"invalid JSON ({msg})", where)
                    continue
                item = record_to_article(record, raw.rstrip(b"\r\n"), src, where)
                good += isinstance(item, Article)
                yield item
    except OSError as err:
        raise UnreadableError(err.strerror.lower() if err.strerror else str(err)) from None
    if not good:
        raise UnreadableError("no article records found")


def read_json(src: Input) -> Iterator[ReadItem]:
    """Read a ``.json`` file: an array of records, one record, or JSON Lines under a .json name."""
    data = src.read()
    text, _ = decode_bytes(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from read_jsonl(src)
            return
        raise UnreadableError("not valid JSON") from None
    except RecursionError:
        raise UnreadableError("not valid JSON (nested too deeply)") from None
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
        original = json.dumps(record, ensure_ascii=False).encode("utf-8")
        item = record_to_article(record, original, src, f"record {n}")
        good += isinstance(item, Article)
        yield item
    if not good:
        raise UnreadableError("no article records found")
