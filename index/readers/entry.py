"""One feed entry as an article: the shape RSS, Atom and JSON Feed entries share.

The feed readers (:mod:`index.readers.feed` for RSS/Atom through feedparser,
:mod:`index.readers.jsonfeed` for JSON Feed) turn each entry into a
:class:`FeedEntry`; :class:`EntryReader` makes the article of it, so both
formats give the same fields, the same teaser handling
(:mod:`index.readers.teaser`) and the same ``--full-text`` behaviour:

* an entry's text (HTML only when the feed says it is HTML) without the
  "Continue reading …" boilerplate is the body; an entry that is a teaser
  keeps its excerpt, marked ``"teaser": true`` in the original kept, and the
  feed gets one notice saying how many entries are teasers;
* with ``--full-text`` (an :class:`~index.readers.base.Input` with a
  ``link_fetcher``), the link of each teaser or summary-only entry is fetched
  with the URL path of :mod:`index.readers.fetch` (its size, time and address
  limits) and the page's text is used when it has more than the feed; a link
  that fails is one notice and the entry goes in with what the feed had.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from index.article import Article
from index.model import Notice, Skip
from index.readers.base import Input, ReadItem
from index.readers.cleaning import first_words
from index.readers.decoding import UnreadableError, sanitize
from index.readers.htmltext import html_to_text
from index.readers.jsontext import dump_bytes
from index.readers.paragraphs import split_paragraphs
from index.readers.teaser import strip_teaser

__all__ = ["EntryReader", "FeedEntry", "one_line"]


def one_line(value: Any, html: bool = True) -> str:
    """A one-line field: HTML read as text only when the feed says the field is HTML,
    so a plain-text title about the ``<marquee>`` tag keeps it (Atom's ``type``,
    RSS 2.0 and JSON Feed titles are text)."""
    text = str(value or "")
    return " ".join(sanitize(html_to_text(text) if html else text).split())


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a feed says of one entry, fields already one clean line each.

    ``text`` is the entry's content (or summary), HTML when ``is_html``;
    ``summary_only`` says the feed gave no content field, only a summary;
    ``published`` is the ISO date made by :func:`index.readers.dates.parse_date`,
    ``raw_published`` the date as the feed wrote it; ``title_is_html`` whether the
    feed typed the title as HTML.
    """

    part: str
    title: str
    raw_title: Any
    text: str
    is_html: bool
    summary_only: bool
    link: str | None
    author: str | None
    raw_published: Any
    published: str | None
    tags: list[str] = field(default_factory=list)
    #: Whether the feed says the title is HTML (kept in the original, so that reading
    #: the entry again reads its title the same way).
    title_is_html: bool = False


class EntryReader:
    """Makes the articles of one feed's entries (see the module docstring)."""

    def __init__(self, src: Input, feed_title: str | None) -> None:
        self.src = src
        self.feed_title = feed_title
        self.entries = 0
        self.teasers = 0

    def entry(self, e: FeedEntry) -> Iterator[ReadItem]:
        """The article of ``e`` (or a :class:`Skip` saying why there is none), with a
        :class:`Notice` when its link was to be fetched and could not be."""
        self.entries += 1
        paragraphs = split_paragraphs(html_to_text(e.text) if e.is_html else e.text)
        cut = strip_teaser(paragraphs)
        body = "\n\n".join(cut.paragraphs)
        fetcher = self.src.link_fetcher
        if fetcher is not None and e.link and (cut.teaser or e.summary_only or not body):
            page = yield from self._page(e)
            if page is not None and len(page.body) > len(body):
                yield page
                return
        if not body:
            why = "only a teaser link, no text" if cut.teaser else "headline only, no text"
            if cut.teaser and e.link and fetcher is None:
                why += " (add it with --full-text to fetch the article)"
            yield Skip(self.src.origin, why, part=e.part)
            return
        self.teasers += cut.teaser
        original = {
            "title": e.raw_title,
            "title_type": "html" if e.title_is_html else "text",
            "link": e.link,
            "author": e.author,
            "published": e.raw_published,
            "content": e.text,
            "content_type": "html" if e.is_html else "text",
            "teaser": cut.teaser,
        }
        yield Article(
            title=e.title or first_words(body),
            body=body,
            original=dump_bytes(original),
            encoding="utf-8",  # the original kept is the entry as JSON
            format="feed",
            source=self.feed_title,
            url=e.link,
            author=e.author,
            published=e.published,
            category=", ".join(e.tags[:3]) or None,
            origin=self.src.origin,
        )

    def _page(self, e: FeedEntry) -> Generator[ReadItem, None, Article | None]:
        """Fetch and read ``e.link``; return the page as the entry's article, or None
        after one notice saying why not (a generator: ``yield from`` gives the value)."""
        from index.readers.dispatch import read_input  # dispatch imports the feed readers

        assert self.src.link_fetcher is not None and e.link
        why = "no article text found"
        try:
            page_input = self.src.link_fetcher(e.link)
        except UnreadableError as err:
            why = str(err)
        else:
            for item in read_input(page_input):
                if isinstance(item, Article):
                    return replace(
                        item,
                        title=e.title or item.title,
                        url=e.link,
                        source=self.feed_title or item.source,
                        author=e.author or item.author,
                        published=e.published or item.published,
                        category=", ".join(e.tags[:3]) or item.category,
                        origin=self.src.origin,
                        id="",  # made again from the title kept
                    )
                if isinstance(item, Skip):
                    why = item.reason
        yield Notice(
            self.src.origin,
            f"{e.part}: full text not fetched from {e.link} ({why}); the feed's text went in",
        )
        return None

    def summary(self) -> Iterator[ReadItem]:
        """One notice for a feed some of whose entries are teasers."""
        if self.teasers:
            if self.entries == 1:
                some = "the entry is a teaser"
            else:
                verb = "is a teaser" if self.teasers == 1 else "are teasers"
                some = f"{self.teasers} of {self.entries} entries {verb}"
            hint = "" if self.src.link_fetcher else "; --full-text fetches the articles"
            yield Notice(
                self.src.origin, f"{some} (a summary and a link): the summary went in{hint}"
            )
