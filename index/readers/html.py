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
from difflib import SequenceMatcher
from typing import Any

from index.article import Article
from index.folding import fold
from index.model import Notice
from index.readers.base import Input, ReadItem, meta_text, pretty_name
from index.readers.cleaning import clean_scraped_text, is_inner_furniture, is_sentence
from index.readers.dates import parse_date
from index.readers.decoding import UnreadableError, decode, sanitize
from index.readers.furniture import is_furniture
from index.readers.htmlfurniture import bare_date, drop_page_furniture, lead_date
from index.readers.htmllayout import unwrap_layout_tables
from index.readers.htmlmeta import (
    HEAD_SCAN,
    clean_title,
    name_like,
    page_meta,
    published_date,
    title_parts,
)
from index.readers.htmltext import html_to_text
from index.readers.paragraphs import split_paragraphs

__all__ = ["blocks", "drop_headline", "extract_html", "meta_charset", "read_html"]

# Options passed to trafilatura.bare_extraction; chosen by bench/extraction.py.
EXTRACT_OPTIONS: dict[str, Any] = {"favor_precision": True, "include_comments": False}
#: The fuller extraction used when the precise one kept a scrap (see fuller_text).
FULLER_OPTIONS: dict[str, Any] = {"include_comments": False}
#: A precise text of this many words or more is never a scrap (a short story is ~200).
SCRAP_WORDS = 200
#: Below this share of the fuller extraction's words, the precise text is a scrap.
FALLBACK_SHARE = 0.2

#: How many paragraphs at the top of a page's text are searched for the headline.
HEADLINE_REACH = 3
#: How alike (difflib's ratio of the folded words) a heading line must be to the title to be it.
HEADLINE_LIKENESS = 0.8
_WORD = re.compile(r"\w+")
# What sits between a headline and a site name in a <title>: "Headline - BBC News",
# "Headline | Coast Daily", "Site :: Headline".
_SITE_SEPARATOR = re.compile(r"\s+(?:[-|–—·•»/]|::)\s+")
_INVISIBLE = re.compile(
    r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S
)
_TAG = re.compile(r"<[^>]*>")
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
    """Trafilatura's main text and metadata for a page, as a dict (None if it found nothing).

    The text is the precision-first extraction (:data:`EXTRACT_OPTIONS`) unless it
    kept only a scrap of the story, in which case it is a fuller one (see
    :func:`fuller_text`). Layout tables are made blocks first
    (:func:`~index.readers.htmllayout.unwrap_layout_tables`). Raises
    :class:`UnreadableError` on markup lxml cannot parse.
    """
    text = unwrap_layout_tables(text)
    doc = _extract(text, url, EXTRACT_OPTIONS)
    if doc is None:
        return None
    fuller = fuller_text(text, url, doc.get("text") or "")
    if fuller is not None:
        doc["text"] = fuller
    return doc


def _extract(text: str, url: str | None, options: dict[str, Any]) -> dict[str, Any] | None:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True, **options)
    except (RecursionError, ValueError, TypeError, MemoryError) as err:
        raise UnreadableError(f"HTML could not be parsed ({type(err).__name__})") from None
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def page_words(text: str) -> int:
    """Words in the whole page outside tags, scripts, styles and comments: an upper
    bound on what any extraction of it can keep (menus and footers included)."""
    return _word_count(_TAG.sub(" ", _INVISIBLE.sub(" ", text)))


def fuller_text(text: str, url: str | None, precise: str) -> str | None:
    """A fuller main text of the page when the precise one kept only a scrap of it, or None.

    Trafilatura's ``favor_precision`` sometimes drops the story and keeps a lone
    date, a reprint notice or one sentence. The rule, measured on the shared
    extraction pages with ``bench/extraction.py`` (see bench/README.md): when the
    precise text has fewer than :data:`SCRAP_WORDS` words and fewer than
    :data:`FALLBACK_SHARE` of the words of trafilatura's extraction with its
    default, recall-leaning settings (:data:`FULLER_OPTIONS`), the fuller one is
    used. Shares from 0.1 to 0.25 score the same there; from 0.3 the fuller text
    starts to bring page furniture into good extractions (a forum page, a site
    whose whole page trafilatura's default keeps). The second extraction runs
    only when both bounds can hold: the whole page (:func:`page_words`) must have
    words enough, so most pages are extracted once.
    """
    have = _word_count(precise)
    if have >= SCRAP_WORDS or have >= FALLBACK_SHARE * page_words(text):
        return None
    doc = _extract(text, url, FULLER_OPTIONS)
    candidate = str((doc or {}).get("text") or "")
    return candidate if have < FALLBACK_SHARE * _word_count(candidate) else None


def blocks(text: str) -> list[str]:
    """The paragraphs of trafilatura's text output: one per line, spaces collapsed.

    Trafilatura writes each block it keeps (a ``<p>``, a heading, a list item, a
    quote, a line of a ``<br>``-broken block) on a line of its own, and joins the
    lines of a block in the source itself, so a line is a paragraph as the page
    had it. Lines are never re-joined here as hard-wrapped plain text is
    (:mod:`index.readers.wrapping`): a brief of one-sentence ``<p>``s would read
    as one wrapped paragraph.
    """
    lines = (" ".join(line.split()) for line in sanitize(text).split("\n"))
    return [line for line in lines if line]


def _tokens(text: str) -> list[str]:
    return [fold(word) for word in _WORD.findall(text)]


def headline_forms(title: str) -> list[list[str]]:
    """The folded words of ``title`` and of each of its shorter forms without a
    site name: ``"Storm hits coast - BBC News"`` also gives the words of
    ``"Storm hits coast"`` (and of ``"BBC News"``, harmless: a body paragraph of
    the site's name alone is not a story's first paragraph)."""
    forms = [_tokens(title)]
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) > 1:
        forms.extend(_tokens(" ".join(parts[:i])) for i in range(1, len(parts)))
        forms.extend(_tokens(part) for part in parts[1:])
    return [form for form in forms if form]


def drop_headline(paragraphs: list[str], title: str) -> list[str]:
    """``paragraphs`` without the headline repeated at the top of the body.

    A paragraph is the headline when its words, folded (:func:`index.folding.fold`;
    case, accents and punctuation aside), are those of the title or of the title
    without its site name (see :func:`headline_forms`), or when it is a heading line
    (not a sentence) whose part before a site separator is
    (``"Storm hits coast - The Paper"``). It is looked for among the first
    :data:`HEADLINE_REACH` paragraphs, below nothing but short
    labels (a section name, a kicker; :func:`~index.readers.cleaning.is_sentence`
    false), and every copy there goes (pages repeat it: the ``<h1>``, then a line of
    the ``<title>``). A heading line nearly the same as the title (:func:`_near`) is
    the headline too. A paragraph that only starts with the title's words is kept:
    it is the story.
    """
    forms = headline_forms(title)
    kept: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if len(kept) >= HEADLINE_REACH:
            return kept + paragraphs[i:]
        if _is_headline(paragraph, forms):
            continue
        kept.append(paragraph)
        if is_sentence(paragraph):
            return kept + paragraphs[i + 1 :]
    return kept


def _is_headline(paragraph: str, forms: list[list[str]]) -> bool:
    words = _tokens(paragraph)
    if words in forms:
        return True
    if is_sentence(paragraph):
        return False
    head = _tokens(_SITE_SEPARATOR.split(paragraph)[0])
    return head in forms or any(_near(words, form) for form in forms)


def _near(words: list[str], form: list[str]) -> bool:
    """The same headline worded a little differently ("Michael Anastassiades" for
    "Anastassiades"): at least :data:`HEADLINE_LIKENESS` of difflib's ratio over
    the folded words, both of three words or more."""
    if min(len(words), len(form)) < 3:
        return False
    return SequenceMatcher(None, words, form, autojunk=False).ratio() >= HEADLINE_LIKENESS


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag in its first :data:`META_SCAN`
    bytes, or None. A page that can be scanned as ASCII is not UTF-16 or UTF-32,
    so those declarations mean UTF-8 (as browsers take them)."""
    match = _META_CHARSET.search(_COMMENT.sub(b"", data[:META_SCAN]))
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    return "utf-8" if label.startswith(("utf-16", "utf-32", "utf16", "utf32")) else label


def _author(author: str | None) -> str | None:
    """The names among trafilatura's ``author`` (``"A; B"``) that look like names
    (:func:`~index.readers.htmlmeta.name_like`), or None."""
    names = [a.strip() for a in (author or "").split(";") if name_like(a.strip())]
    return "; ".join(names) or None


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
    paragraphs = blocks(meta.get("text") or "")
    if not paragraphs:
        # Trafilatura gives up on some pages (tag soup nested deeper than lxml allows):
        # fall back to the page's whole text, cleaned like a scraped text file.
        fallback = clean_scraped_text(html_to_text(text))
        if any(is_sentence(p) for p in split_paragraphs(fallback.body)):
            paragraphs = split_paragraphs(fallback.body)
            yield Notice(
                src.origin, "main text not found by trafilatura; using the page's whole text"
            )
    own = page_meta(text)
    m = _TITLE_TAG.search(text[:HEAD_SCAN])
    tag_title = html_to_text(m.group(1)) if m else ""
    title = meta_text(meta.get("title")) or tag_title or pretty_name(src.inner_name)
    if tag_title and _tokens(title) in title_parts(tag_title):
        # Trafilatura cut the <title> at a separator, at times keeping the site's name
        # ("BBC News - Storm hits coast" -> "BBC News"): cut it here instead.
        title = tag_title
    site = meta_text(meta.get("sitename"))
    title = clean_title(title, [own.og_title, own.h1], site)
    # The page's headline often opens the extracted text too (once or more, perhaps with
    # the site's name as in the <title>); it is already the title.
    paragraphs = drop_headline(paragraphs, title)
    # What trafilatura lets through of the site furniture, the scraped-text rules catch.
    paragraphs = [p for p in paragraphs if not is_inner_furniture(p)]
    while paragraphs and is_furniture(paragraphs[-1]):
        paragraphs.pop()
    date_line = lead_date(paragraphs)
    published = bare_date(paragraphs[date_line]) if date_line is not None else None
    paragraphs = drop_page_furniture(paragraphs)
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
        author=_author(meta_text(meta.get("author"))),
        published=published_date(own, parse_date(meta.get("date"))) or published,
        category=meta_text(meta.get("categories")),
        origin=src.origin,
    )
