"""HTML pages: main text and metadata through trafilatura.

Trafilatura finds the story among the page furniture and reads the title,
author, date and site name from the page's metadata. Its settings here were
chosen by measurement on real pages (see ``bench/``). A page it finds no story
in is refused with a reason rather than filled with menu text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from index.article import Article
from index.model import Notice
from index.readers.base import Input, ReadItem, meta_text, pretty_name
from index.readers.cleaning import (
    clean_scraped_text,
    is_furniture,
    is_inner_furniture,
    is_sentence,
    split_paragraphs,
)
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError, decode
from index.readers.htmltext import html_to_text

__all__ = ["extract_html", "meta_charset", "read_html"]

# Options passed to trafilatura.bare_extraction; chosen by bench/extraction.py.
EXTRACT_OPTIONS: dict[str, Any] = {"favor_precision": True, "include_comments": False}

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
#: How far into a page a ``<meta charset>`` is looked for (browsers look at 1 KB;
#: pages with long inline scripts in the head put it further).
META_SCAN = 8192
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
# Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:+-]+)""", re.I)
# Trafilatura logs each page it cannot parse; the reason reaches the user through Skip.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def extract_html(text: str, url: str | None = None) -> dict[str, Any] | None:
    """Trafilatura's main text and metadata for a page, as a dict (None if it found nothing)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    except (RecursionError, ValueError, TypeError, MemoryError) as err:
        raise UnreadableError(f"HTML could not be parsed ({type(err).__name__})") from None
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag in its first :data:`META_SCAN`
    bytes, or None. A page that can be scanned as ASCII is not UTF-16 or UTF-32,
    so those declarations mean UTF-8 (as browsers take them)."""
    match = _META_CHARSET.search(_COMMENT.sub(b"", data[:META_SCAN]))
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    return "utf-8" if label.startswith(("utf-16", "utf-32", "utf16", "utf32")) else label


def read_html(src: Input) -> Iterator[ReadItem]:
    """Read an HTML page (``.html``, ``.htm``, or a downloaded page).

    The charset declared for the download wins over the page's own ``<meta>``
    (as in browsers); a byte order mark wins over both.
    """
    data = src.read()
    decoded = decode(data, src.charset or meta_charset(data))
    if decoded.note:
        yield Notice(src.origin, decoded.note)
    yield from read_html_text(data, decoded.text, decoded.encoding, src)


def read_html_text(data: bytes, text: str, encoding: str, src: Input) -> Iterator[ReadItem]:
    """The article in an already-decoded HTML page."""
    meta = extract_html(text, url=src.url) or {}
    paragraphs = split_paragraphs(meta.get("text") or "")
    if not paragraphs:
        # Trafilatura gives up on some pages (tag soup nested deeper than lxml allows):
        # fall back to the page's whole text, cleaned like a scraped text file.
        fallback = clean_scraped_text(html_to_text(text))
        if any(is_sentence(p) for p in split_paragraphs(fallback.body)):
            paragraphs = split_paragraphs(fallback.body)
            yield Notice(
                src.origin, "main text not found by trafilatura; using the page's whole text"
            )
    title = meta_text(meta.get("title"))
    if not title:
        m = _TITLE_TAG.search(text)
        title = html_to_text(m.group(1)) if m else pretty_name(src.inner_name)
    # The page's headline often opens the extracted text too; it is already the title.
    while paragraphs and " ".join(paragraphs[0].split()).casefold() == title.casefold():
        paragraphs.pop(0)
    # What trafilatura lets through of the site furniture, the scraped-text rules catch.
    paragraphs = [p for p in paragraphs if not is_inner_furniture(p)]
    while paragraphs and is_furniture(paragraphs[-1]):
        paragraphs.pop()
    body = "\n\n".join(paragraphs)
    if not body.strip():
        raise UnreadableError("no article text found in the HTML page")
    yield Article(
        title=title,
        body=body,
        original=data,
        encoding=encoding,
        format="html",
        source=meta_text(meta.get("sitename") or meta.get("hostname")),
        url=src.url or meta_text(meta.get("url")),
        author=meta_text(meta.get("author")),
        published=parse_date(meta.get("date")),
        category=meta_text(meta.get("categories")),
        origin=src.origin,
    )
