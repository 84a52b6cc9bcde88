"""JSON Feed 1.0 and 1.1: each item with text is an article, as an RSS entry is.

feedparser 6.0 reads XML feeds only (JSON Feed support, kurtmckee/feedparser#103,
is not in a release), so this maps the spec's fields itself
(https://www.jsonfeed.org/version/1.1/, and /version/1/ for 1.0):

=======================================  ====================================
item field                               article
=======================================  ====================================
``title`` (plain text)                   title
``content_html`` / ``content_text``      body: HTML through the HTML-to-text
``summary`` (plain text)                 path, text as it is; the longest wins
``url`` (else ``external_url``)          url
``date_published`` (else _modified)      published, RFC 3339 with its offset
``authors`` (1.1) / ``author`` (1.0),    author (names joined by ", ")
item's else the feed's
``tags``                                 category (the first three)
feed ``title``                           source
=======================================  ====================================

A document is a JSON Feed by its content: an object whose ``version`` is a
``https://jsonfeed.org/version/…`` URL (:func:`looks_like_json_feed` on the
first bytes, :func:`is_json_feed` on the parsed value), whatever its name or
content type. A feed without an ``items`` list, or whose ``items`` is not a
list of objects, is one reason naming the file; a bad item is one skip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from index.model import Skip
from index.readers.base import Input, ReadItem
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError, decode_bytes
from index.readers.entry import EntryReader, FeedEntry, one_line
from index.readers.jsontext import LongNumber, loads

__all__ = ["is_json_feed", "looks_like_json_feed", "read_json_feed", "read_json_feed_value"]

_VERSION = re.compile(rb'"version"\s*:\s*"https?:(?:\\?/){2}(?:www\.)?jsonfeed\.org(?:\\?/)version')


def looks_like_json_feed(head: bytes) -> bool:
    """True when the first bytes of a document are a JSON object with a JSON Feed
    ``version`` (``"https://jsonfeed.org/version/1.1"``, slashes escaped or not)."""
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return sample.startswith(b"{") and _VERSION.search(sample) is not None


def is_json_feed(value: Any) -> bool:
    """True for a parsed JSON value that is a JSON Feed document (by its ``version``)."""
    version = value.get("version") if isinstance(value, dict) else None
    return isinstance(version, str) and "jsonfeed.org/version" in version


def read_json_feed(src: Input) -> Iterator[ReadItem]:
    """Read a JSON Feed document; raises UnreadableError for one that is not valid JSON
    or not a JSON Feed (a JSON Lines corpus whose first record looks like one goes to
    the JSON Lines reader)."""
    data = src.read()
    text, _ = decode_bytes(data)
    try:
        value = loads(text)
    except json.JSONDecodeError as err:
        if text.lstrip().startswith("{") and "\n{" in text:
            from index.readers.jsonl import read_jsonl

            yield from read_jsonl(src)
            return
        raise UnreadableError(f"not a valid JSON Feed (invalid JSON: {err.msg})") from None
    except RecursionError:
        raise UnreadableError("not a valid JSON Feed (nested too deeply)") from None
    yield from read_json_feed_value(value, src)


def _text(value: Any, name: str) -> str:
    """A field that must be a string when present; raises ValueError naming it."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f'"{name}" is a JSON {_kind(value)}, not text')
    return value


def _kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number"}
    kinds[LongNumber] = "number"
    return kinds.get(type(value), "number" if isinstance(value, float) else type(value).__name__)


def _authors(obj: dict[str, Any]) -> str | None:
    """The names of ``authors`` (1.1) or ``author`` (1.0); None when there are none."""
    people = obj.get("authors")
    if not isinstance(people, list):
        people = [obj.get("author")]
    names = [one_line(p.get("name"), html=False) for p in people if isinstance(p, dict)]
    return ", ".join(n for n in names if n) or None


def read_json_feed_value(value: Any, src: Input) -> Iterator[ReadItem]:
    """The articles of a parsed JSON Feed document ``value`` read from ``src``."""
    if not isinstance(value, dict):
        raise UnreadableError("not a valid JSON Feed (not a JSON object)")
    items = value.get("items")
    if items is None:
        raise UnreadableError('not a valid JSON Feed (no "items" list)')
    if not isinstance(items, list):
        raise UnreadableError(
            f'not a valid JSON Feed ("items" is a JSON {_kind(items)}, not a list)'
        )
    if not items:
        raise UnreadableError("no feed entries found (the JSON Feed has no items)")
    if not any(isinstance(item, dict) for item in items):
        raise UnreadableError("not a valid JSON Feed (no item is a JSON object)")
    feed_title = value.get("title")
    source = one_line(feed_title, html=False) if isinstance(feed_title, str) else None
    feed_author = _authors(value)
    read = EntryReader(src, source or None)
    for n, item in enumerate(items, 1):
        part = f"item {n}"
        if not isinstance(item, dict):
            yield Skip(src.origin, f"a JSON {_kind(item)}, not a JSON Feed item", part)
            continue
        try:
            entry = _entry(item, part, feed_author)
        except ValueError as err:
            yield Skip(src.origin, f"not a valid JSON Feed item ({err})", part)
            continue
        yield from read.entry(entry)
    yield from read.summary()


def _entry(item: dict[str, Any], part: str, feed_author: str | None) -> FeedEntry:
    """A JSON Feed item as a :class:`FeedEntry`; ValueError names a field of the wrong type."""
    title = _text(item.get("title"), "title")
    html = _text(item.get("content_html"), "content_html")
    plain = _text(item.get("content_text"), "content_text")
    summary = _text(item.get("summary"), "summary")
    link = _text(item.get("url"), "url") or _text(item.get("external_url"), "external_url")
    raw_date = _text(item.get("date_published"), "date_published") or _text(
        item.get("date_modified"), "date_modified"
    )
    tags = item.get("tags") or []
    if not isinstance(tags, list):
        raise ValueError(f'"tags" is a JSON {_kind(tags)}, not a list')
    candidates = [(html, True), (plain, False), (summary, False)]
    text, is_html = max(candidates, key=lambda c: len(c[0]))
    return FeedEntry(
        part=part,
        title=one_line(title, html=False),
        raw_title=title or None,
        text=text,
        is_html=is_html,
        summary_only=not (html or plain),
        link=link.strip() or None,
        author=_authors(item) or feed_author,
        raw_published=raw_date or None,
        published=parse_date(raw_date),
        tags=[one_line(t, html=False) for t in tags if isinstance(t, str) and t.strip()],
    )
