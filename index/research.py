"""Citing and exporting, over one library: what the reader's ``y`` and ``ctrl+e`` and the
``cite`` and ``export`` commands ask for.

:class:`Research` wraps a :class:`~index.library.Library` (the reader and the command
line reach it through :mod:`index.library`, their one door). The formats themselves
are in :mod:`index.citation` (citations) and :mod:`index.export` (tables); this module
chooses the rows and the passage:

* ``search QUERY``: every hit, not only a first page (columns :data:`SEARCH_COLUMNS`);
* ``mentions NAME``: every mention, with its sentence, date and source, the table an
  analyst wants in a spreadsheet (:data:`MENTION_COLUMNS`; the sentence is the one
  ``nutgraf mentions`` shows, cut with … around the mention past 400 characters);
* ``article ID``: one row with the metadata and the cleaned text
  (:data:`ARTICLE_COLUMNS`), or in Markdown the article itself with its citation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TextIO

from index import citation
from index.export import FORMATS, Format, write_atomically, write_table
from index.export_target import ExportTargetError

if TYPE_CHECKING:
    from pathlib import Path

    from index.article import Article
    from index.library import Library

__all__ = [
    "ARTICLE_COLUMNS",
    "MENTION_COLUMNS",
    "SEARCH_COLUMNS",
    "CiteFormat",
    "Research",
    "ResearchError",
]

CiteFormat = Literal["text", "markdown", "csl-json"]
Unit = Literal["sentence", "paragraph"]
Subject = Literal["search", "mentions", "article"]

SEARCH_COLUMNS = ("id", "title", "source", "date", "url", "score", "snippet")
MENTION_COLUMNS = (
    "sentence",
    "date",
    "source",
    "title",
    "id",
    "url",
    "name",
    "kind",
    "text",
    "start",
    "end",
)
ARTICLE_COLUMNS = ("id", "title", "source", "date", "author", "url", "lang", "added", "text")


class ResearchError(Exception):
    """What cannot be cited or exported, in one line (no such article, a quote not in
    the text, offsets out of range, a malformed query)."""


class Research:
    """Citations and exports of one library (see the module's docstring)."""

    Error = ResearchError
    #: An export target refused: not a regular file, or inside the library (an OSError).
    TargetError = ExportTargetError
    FORMATS: tuple[Format, ...] = FORMATS
    FOLDING = citation.FOLDING

    def __init__(self, library: Library) -> None:
        self.library = library

    def save(self, path: Path, text: str, force: bool) -> None:
        """Write a file atomically, refusing to replace one unless forced, and refusing
        a device, FIFO, socket or folder and any path inside this library's folder
        (:func:`index.export.write_atomically`; raises what it raises)."""
        write_atomically(path, text, force, self.library.path)

    # -- citing ----------------------------------------------------------------

    def sentences(self, article_id: str) -> list[int] | None:
        """Where the article's sentences start, as stored (None: not stored)."""
        return self.library.store.sentences(article_id)

    def span(self, article: Article, start: int, end: int, unit: Unit) -> tuple[int, int]:
        """The sentence or paragraph of ``article``'s body around ``start:end``."""
        if unit == "paragraph":
            return citation.paragraph_span(article.body, start, end)
        return citation.sentence_span(article.body, start, end, self.sentences(article.id))

    def lead(self, article: Article) -> tuple[int, int]:
        """The article's first sentence (what ``cite`` quotes when asked for no passage)."""
        return citation.lead_span(article.body, self.sentences(article.id))

    @staticmethod
    def find_quote(body: str, quote: str) -> list[tuple[int, int]]:
        """Where ``quote`` occurs in ``body`` (see :func:`index.citation.find_quote`)."""
        return citation.find_quote(body, quote)

    @staticmethod
    def cite(article: Article, quote: str | None, fmt: CiteFormat = "text") -> str:
        """The citation of ``quote`` from ``article`` as ``fmt``: a line of text, Markdown,
        or a CSL-JSON array of one item (see :mod:`index.citation`)."""
        if fmt == "markdown":
            return citation.cite_markdown(article, quote)
        if fmt == "csl-json":
            return json.dumps([Research.csl(article)], ensure_ascii=False, indent=2)
        return citation.cite_text(article, quote)

    @staticmethod
    def csl(article: Article) -> dict[str, object]:
        """The article as one CSL-JSON item (:func:`index.citation.cite_csl`)."""
        return citation.cite_csl(article)

    def article(self, article_id: str) -> Article:
        """The article of that id or unique prefix; :class:`ResearchError` saying why not."""
        article = self.library.get(article_id)
        if article is None:
            raise ResearchError(self.library.why_not_found(article_id))
        return article

    # -- exporting -------------------------------------------------------------

    def export(self, subject: Subject, target: str, fmt: Format, out: TextIO) -> int:
        """Write ``subject`` (search results for the query ``target``, the mentions of the
        entity ``target``, the article ``target``) to ``out`` as ``fmt``; the number of
        rows. Raises :class:`ResearchError` (a malformed query, no such article or
        entity) before anything is written."""
        if subject == "article":
            article = self.article(target)
            if fmt == "md":
                out.write(self.article_markdown(article))
                return 1
            return write_table([self._article_row(article)], ARTICLE_COLUMNS, fmt, out)
        columns, rows = (
            self.search_rows(target) if subject == "search" else self.mention_rows(target)
        )
        return write_table(rows, columns, fmt, out)

    def export_notes(
        self, tag: str | None, fmt: Format | Literal["webannotation"], out: TextIO
    ) -> int:
        """Write every annotation (with ``tag``: those of the articles so tagged) to ``out``:
        as ``fmt`` one row each (:meth:`index.keep.Keep.annotation_rows`), or as
        ``webannotation`` one W3C Web Annotation JSON-LD ``AnnotationCollection``
        (https://www.w3.org/TR/annotation-model/; :meth:`index.keep.Keep.web_annotation_document`).
        Returns the number of annotations. Raises AnnotationError (a bad tag)."""
        keep = self.library.keep
        if fmt == "webannotation":
            document = keep.web_annotation_document(tag=tag)
            json.dump(document, out, ensure_ascii=False, indent=2)
            out.write("\n")
            total = document.get("total", 0)
            return total if isinstance(total, int) else 0
        columns, rows = keep.annotation_rows(tag=tag)
        return write_table(rows, columns, fmt, out)

    def _urls(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The URLs of the articles ``ids`` (only those, not the whole library's)."""
        return {i: a.url for i, a in self.library.store.summaries_by_id(list(set(ids))).items()}

    def search_rows(self, query: str) -> tuple[Sequence[str], list[dict[str, object]]]:
        """Every hit of ``query``, best first."""
        result = self.library.search(query, limit=max(1, self.library.count()))
        if result.error:
            raise ResearchError(f"query {citation.collapse(query)!r}: {result.error}")
        urls = self._urls([h.id for h in result.hits])
        rows: list[dict[str, object]] = [
            {
                "id": h.id,
                "title": h.title,
                "source": h.source,
                "date": h.published,
                "url": urls.get(h.id),
                "score": round(h.score, 4),
                "snippet": citation.collapse(h.snippet),
            }
            for h in result.hits
        ]
        return SEARCH_COLUMNS, rows

    def mention_rows(self, name: str) -> tuple[Sequence[str], list[dict[str, object]]]:
        """Every mention of the entity ``name`` (or aliased so), newest article first."""
        hits = self.library.mentions(name)
        if not hits:
            raise ResearchError(f"no entity called {citation.collapse(name)!r} in this library")
        urls = self._urls([h.id for h in hits])
        rows: list[dict[str, object]] = [
            {
                "sentence": h.context,
                "date": h.published,
                "source": h.source,
                "title": h.title,
                "id": h.id,
                "url": urls.get(h.id),
                "name": h.name,
                "kind": h.kind,
                "text": h.text,
                "start": h.start,
                "end": h.end,
            }
            for h in hits
        ]
        return MENTION_COLUMNS, rows

    @staticmethod
    def _article_row(article: Article) -> dict[str, object]:
        return {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "date": article.published,
            "author": article.author,
            "url": article.url,
            "lang": article.lang,
            "added": article.ingested_at,
            "text": article.body,
        }

    def article_markdown(self, article: Article) -> str:
        """The article as Markdown: its title as a heading, a list of what is known of it,
        the body's paragraphs, and its citation (the lead sentence quoted)."""
        esc = citation.markdown_escape
        lines = [f"# {esc(article.title) or '(untitled)'}", ""]
        known = (
            ("Source", article.source),
            ("Date", citation.human_date(article.published)),
            ("Author", article.author),
            ("URL", f"<{article.url.strip()}>" if article.url and article.url.strip() else None),
            ("Added", article.ingested_at),
            ("nutgraf id", article.id),
        )
        lines += [f"- {k}: {v if k == 'URL' else esc(v)}" for k, v in known if v and v.strip()]
        lines.append("")
        for paragraph in article.body.split("\n\n"):
            if paragraph.strip():
                lines += [esc(paragraph), ""]
        lo, hi = self.lead(article)
        lines += ["---", "", citation.cite_markdown(article, article.body[lo:hi]), ""]
        return "\n".join(lines)
