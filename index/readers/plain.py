"""Plain-text articles, including text scraped from web pages with the site around it."""

from __future__ import annotations

from collections.abc import Iterator

from index.article import Article
from index.model import Notice
from index.readers.base import Input, ReadItem, pretty_name
from index.readers.cleaning import clean_scraped_text
from index.readers.decoding import UnreadableError, decode

__all__ = ["read_plain", "read_plain_text"]


def read_plain_text(data: bytes, text: str, encoding: str, src: Input) -> Iterator[ReadItem]:
    """The article in already-decoded ``text`` (``data`` is kept as the original)."""
    cleaned = clean_scraped_text(text, fallback_title=pretty_name(src.inner_name))
    if not cleaned.body.strip():
        raise UnreadableError("no article text found (only a title or site furniture)")
    yield Article(
        title=cleaned.title,
        body=cleaned.body,
        original=data,
        encoding=encoding,
        format="txt",
        source=cleaned.source,
        author=cleaned.author,
        published=cleaned.published,
        url=src.url,
        origin=src.origin,
    )


def read_plain(src: Input) -> Iterator[ReadItem]:
    """Read a ``.txt`` file (or any text without a more specific format)."""
    data = src.read()
    decoded = decode(data, src.charset)
    if decoded.note:
        yield Notice(src.origin, decoded.note)
    yield from read_plain_text(data, decoded.text, decoded.encoding, src)
