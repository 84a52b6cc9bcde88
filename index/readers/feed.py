"""RSS and Atom feeds: each entry with text is an article.

feedparser reads RSS 0.9x/1.0/2.0 and Atom, detects the encoding and keeps
going on feeds that are not well-formed (it sets ``bozo``); whatever entries it
recovers still go in, and the user is told the feed was damaged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from index.article import Article
from index.model import Notice, Skip
from index.readers.base import Input, ReadItem
from index.readers.cleaning import first_words, split_paragraphs
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError, sanitize
from index.readers.htmltext import html_to_text

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


def _plain(value: Any, html: bool = True) -> str:
    """A one-line field: HTML read as text only when the feed says the field is HTML,
    so a plain-text title about the ``<marquee>`` tag keeps it (Atom's ``type``,
    RSS 2.0 titles are text)."""
    text = str(value or "")
    return " ".join(sanitize(html_to_text(text) if html else text).split())


def _field(entry: Any, key: str) -> str:
    return _plain(entry.get(key), _is_html(entry.get(f"{key}_detail")))


def _published(entry: Any) -> str | None:
    # dict.get bypasses feedparser's deprecated updated->published key mapping (and its warning).
    for key in ("published_parsed", "updated_parsed", "published", "updated"):
        when = parse_date(dict.get(entry, key))
        if when:
            return when
    return None


def read_feed(src: Input) -> Iterator[ReadItem]:
    """Read every entry of an RSS/Atom feed."""
    import feedparser  # imported here: only feeds need it

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
    for n, entry in enumerate(entries, 1):
        title = _field(entry, "title")
        html, is_html = _entry_text(entry)
        body = "\n\n".join(split_paragraphs(html_to_text(html) if is_html else html))
        if not body:
            yield Skip(src.origin, "headline only, no text", part=f"entry {n}")
            continue
        original = {
            "title": entry.get("title"),
            "link": entry.get("link"),
            "author": entry.get("author"),
            "published": dict.get(entry, "published") or dict.get(entry, "updated"),
            "content": html,
        }
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        yield Article(
            title=title or first_words(body),
            body=body,
            original=json.dumps(original, ensure_ascii=False).encode("utf-8"),
            encoding="utf-8",  # the original kept is the entry as JSON
            format="feed",
            source=feed_title,
            url=entry.get("link") or None,
            author=_field(entry, "author") or None,
            published=_published(entry),
            category=", ".join(tags[:3]) or None,
            origin=src.origin,
        )
