"""RSS and Atom feeds: each entry with text is an article (see :mod:`index.readers.entry`).

feedparser reads RSS 0.9x/1.0/2.0 and Atom, detects the encoding and keeps
going on feeds that are not well-formed (it sets ``bozo``); whatever entries it
recovers still go in, and the user is told the feed was damaged.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from index.model import Notice
from index.readers.base import Input, ReadItem
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError
from index.readers.entry import EntryReader, FeedEntry, one_line

__all__ = ["looks_like_feed", "read_feed"]


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a document are an RSS, RDF or Atom root."""
    sample = head[:2048].lower()
    return b"<rss" in sample or b"<rdf:rdf" in sample or b"<feed" in sample


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(detail: Any) -> bool:
    """True when feedparser says a field is HTML (``type`` of its ``*_detail``); a field
    without that word is read as HTML, as feedparser itself treats it."""
    kind = (detail or {}).get("type") if isinstance(detail, dict) else None
    return kind is None or kind in _HTML_TYPES


def _entry_text(entry: Any) -> tuple[str, bool]:
    """The longest of the entry's contents and summary, and whether it is HTML."""
    candidates = [(c.get("value", ""), _is_html(c)) for c in entry.get("content") or []]
    candidates.append((entry.get("summary") or "", _is_html(entry.get("summary_detail"))))
    return max(candidates, key=lambda c: len(c[0]))


def _field(entry: Any, key: str) -> str:
    """A one-line field of a feedparser entry, read as HTML only when typed HTML."""
    return one_line(entry.get(key), _is_html(entry.get(f"{key}_detail")))


def _published(entry: Any) -> str | None:
    """The entry's date as the publisher wrote it (offset kept, see :mod:`index.readers.dates`).

    The raw string comes first: feedparser's ``*_parsed`` are moved to UTC, which
    would put ``Tue, 05 Mar 2024 23:30:00 -0800`` on the 6th. They are used only
    when the raw string is beyond :func:`parse_date` (feedparser knows more zone
    and language forms), given back at the offset the raw string ends with.
    """
    # dict.get bypasses feedparser's deprecated updated->published key mapping (and its warning).
    for key in ("published", "updated"):
        raw = dict.get(entry, key)
        when = parse_date(raw)
        if when:
            return when
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            return _at_offset(parsed, str(raw or ""))
    return None


_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})\s*$")


def _at_offset(parsed: time.struct_time, raw: str) -> str | None:
    """feedparser's UTC ``parsed`` at the numeric offset ending ``raw`` (UTC without one)."""
    try:
        when = datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None
    m = _OFFSET.search(raw)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3))
        if minutes < 24 * 60:
            sign = -1 if m.group(1) == "-" else 1
            when = when.astimezone(timezone(timedelta(minutes=sign * minutes)))
    return parse_date(when)


#: Matches nothing: see :func:`_links_as_written`.
_NO_FIX = re.compile(r"(?!)()()()")  # three groups: feedparser substitutes r"\1\3"


def _links_as_written(feedparser: Any) -> None:
    """Make feedparser keep each link as the feed wrote it.

    feedparser 6 passes every link through ``urls._urljoin``, whose ``_urifixer``
    takes off all the slashes after ``scheme://`` (``file:///etc/passwd`` becomes
    ``file://etc/passwd``, a file on a host named ``etc``; ``http:///h.test/``
    becomes ``http://h.test/``): a link shown, stored or refused for fetching must
    be the one written. The fixer is replaced by a pattern that matches nothing;
    resolving against an ``xml:base`` is unchanged. Nothing else uses feedparser.
    """
    urls = getattr(feedparser, "urls", None)
    if urls is not None and getattr(urls, "_urifixer", _NO_FIX) is not _NO_FIX:
        urls._urifixer = _NO_FIX


def read_feed(src: Input) -> Iterator[ReadItem]:
    """Read every entry of an RSS/Atom feed (a JSON Feed goes to :mod:`index.readers.jsonfeed`)."""
    import feedparser  # imported here: only feeds need it

    _links_as_written(feedparser)

    data = src.read()
    try:
        parsed = feedparser.parse(
            data,
            sanitize_html=False,
            resolve_relative_uris=False,
            # Only a declared charset: feedparser reads text/xml without one as ASCII.
            response_headers={"content-type": src.content_type} if src.charset else None,
        )
    except Exception as err:  # feedparser wraps many parsers; none may stop a batch
        raise UnreadableError(f"feed could not be parsed ({type(err).__name__})") from None
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        raise UnreadableError(f"no feed entries found{f' ({why})' if why else ''}")
    if parsed.get("bozo"):
        why = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
        yield Notice(src.origin, f"feed is damaged ({why}); read {len(entries)} entries anyway")
    feed_title = _field(parsed.get("feed", {}), "title") or None
    read = EntryReader(src, feed_title)
    for n, entry in enumerate(entries, 1):
        html, is_html = _entry_text(entry)
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        yield from read.entry(
            FeedEntry(
                part=f"entry {n}",
                title=_field(entry, "title"),
                raw_title=entry.get("title"),
                text=html,
                is_html=is_html,
                summary_only=not entry.get("content"),
                link=entry.get("link") or None,
                author=_field(entry, "author") or None,
                raw_published=dict.get(entry, "published") or dict.get(entry, "updated"),
                published=_published(entry),
                tags=tags,
                title_is_html=_is_html(entry.get("title_detail")),
            )
        )
    yield from read.summary()
