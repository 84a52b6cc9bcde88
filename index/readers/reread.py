"""Reading a stored article again, from the original bytes it was read from.

Every article keeps ``original``, the bytes exactly as given (the whole file for a
text, Markdown or HTML file or a download; the record's line for a JSON Lines
corpus; the entry as JSON for a feed), with the ``encoding`` they were decoded
with and the ``format`` of the reader that read them. :func:`read_again` gives
those bytes to today's reader of that format, so that improvements to the readers
and their cleaning reach articles added before them (``nutgraf rebuild --reread``).

What the original does not hold is kept from the stored article: where it came
from (``origin``), when it was added, its id (ids stay stable, so nothing attached
to an article is orphaned), and metadata that came from around the original (the
feed's title as ``source``, the URL of a download) when the reader finds none.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from index.article import Article
from index.model import Skip
from index.readers.base import Input, ReadItem
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError
from index.readers.entry import EntryReader, FeedEntry, one_line
from index.readers.html import read_html
from index.readers.jsonl import record_to_article
from index.readers.jsontext import loads
from index.readers.markdown import read_markdown
from index.readers.plain import read_plain

__all__ = ["read_again", "same_text"]

_WHOLE_FILE: dict[str, Callable[[Input], Iterator[ReadItem]]] = {
    "txt": read_plain,
    "md": read_markdown,
    "html": read_html,
}

#: Fields a reader may leave empty where the stored article has a value that came
#: from around the original (the feed's title, the download's address).
_KEPT_WHEN_EMPTY = ("source", "url")


def _name(article: Article) -> str:
    """The file name the article was read under (readers take a fallback title from it)."""
    where = article.origin or article.url or ""
    if "://" in where:
        path = urlsplit(where).path
        return posixpath.basename(path.rstrip("/")) or where
    return posixpath.basename(where.replace("\\", "/")) or where or article.id


def _looks_html(text: str) -> bool:
    lowered = text.lower()
    return any(tag in lowered for tag in ("<p", "<br", "</", "<div", "<a ", "<img"))


def _feed_entry(article: Article, src: Input) -> Article | Skip:
    """A feed entry from the JSON form kept as its original (see
    :class:`index.readers.entry.EntryReader`), read as the feed readers read it.

    What the kept form does not hold stays as stored: the feed's title (``source``),
    the entry's tags (``category``), and, for an entry kept before the form said
    whether its title was HTML, the title.
    """
    try:
        kept = loads(article.original.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Skip(src.origin, "the stored feed entry is not JSON")
    if not isinstance(kept, dict):
        return Skip(src.origin, "the stored feed entry is not a JSON object")
    text = str(kept.get("content") or "")
    kind = kept.get("content_type")
    title_kind = kept.get("title_type")
    raw_date = kept.get("published")
    entry = FeedEntry(
        part="entry",
        title=one_line(kept.get("title"), html=title_kind == "html")
        if title_kind
        else article.title,
        raw_title=kept.get("title"),
        text=text,
        is_html=kind == "html" if kind else _looks_html(text),
        summary_only=False,
        link=kept.get("link") or None,
        author=one_line(kept.get("author"), html=False) or None,
        raw_published=raw_date,
        published=parse_date(raw_date) or article.published,
        title_is_html=title_kind == "html",
    )
    for item in EntryReader(src, article.source).entry(entry):
        if isinstance(item, Article):
            return dataclasses.replace(item, category=article.category, id="")
        if isinstance(item, Skip):
            return item
    return Skip(src.origin, "the stored feed entry gave no article")


def _read(article: Article, src: Input) -> Article | Skip:
    if article.format == "feed":
        return _feed_entry(article, src)
    if article.format == "jsonl":
        try:
            record = loads(article.original.decode(article.encoding or "utf-8"))
        except (UnicodeDecodeError, LookupError, ValueError):
            return Skip(src.origin, "the stored record is not JSON")
        return record_to_article(record, article.original, src, None)
    reader = _WHOLE_FILE.get(article.format)
    if reader is None:
        return Skip(src.origin, f"no reader for the stored format {article.format!r}")
    for item in reader(src):
        if isinstance(item, Article | Skip):
            return item
    return Skip(src.origin, "the reader found no article in it")


def read_again(article: Article) -> Article | Skip:
    """``article`` as today's reader of its format reads its ``original``: a new
    :class:`Article` with the stored one's ``id``, ``origin`` and ``ingested_at``, or a
    :class:`Skip` (the article is then kept as it is) saying why it cannot be read now.

    ``lang`` is carried over; the caller detects the language again when the text changed.
    Never raises for bad content (a reader's failure is a Skip).
    """
    origin = article.origin or article.url or article.id
    src = Input.from_bytes(
        origin,
        _name(article),
        article.original,
        url=article.url,
        charset=article.encoding if article.format in _WHOLE_FILE else None,
    )
    try:
        fresh = _read(article, src)
    except UnreadableError as err:
        return Skip(origin, str(err))
    except Exception as err:  # a reader's bug must not stop the re-reading of a library
        return Skip(origin, f"could not be read again ({type(err).__name__})")
    if isinstance(fresh, Skip):
        return Skip(origin, fresh.reason, fresh.part)
    kept = {k: getattr(article, k) for k in _KEPT_WHEN_EMPTY if not getattr(fresh, k)}
    return dataclasses.replace(
        fresh,
        id=article.id,
        origin=article.origin,
        ingested_at=article.ingested_at,
        lang=article.lang,
        **kept,
    )


def same_text(old: Article, new: Article) -> bool:
    """True when the entity model would read the same text in both (the body)."""
    return old.body == new.body
