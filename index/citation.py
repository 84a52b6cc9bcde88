"""Citing a passage of an article: the citation in three formats, and finding the passage.

A citation names the passage and where it is from::

    "…quote…" — Title, Source, 5 March 2024, https://… (nutgraf 0123456789abcdef)

:func:`cite_text` gives that line, :func:`cite_markdown` the same as Markdown (the
quote as a ``>`` block, the title linked to the URL) and :func:`cite_csl` an item of
CSL-JSON, the citation data Zotero, pandoc and citeproc read
(https://citeproc-js.readthedocs.io/en/latest/csl-json/markdown.html). A field the
article lacks is left out with its separator, never invented. The date is the one
the publisher gave, at the precision given (a day, a month or a year) and on the
publisher's own calendar day: an ISO date with a clock time and an offset is never
moved to another zone (:mod:`index.readers.dates` stores it that way). A quote is
kept whole however long, its white space collapsed to single spaces, and quote marks
inside it are left as they are.

Finding the passage: :func:`sentence_span` and :func:`paragraph_span` give the
offsets of the sentence or paragraph around a place of the body (sentences from the
starts stored when the article went in, :mod:`index.sentences`; paragraphs from the
body's blank lines); :func:`find_quote` finds text the user typed in the body,
folded as :data:`FOLDING` says.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol

__all__ = [
    "FOLDING",
    "Citable",
    "cite_csl",
    "cite_markdown",
    "cite_text",
    "collapse",
    "date_parts",
    "find_quote",
    "human_date",
    "lead_span",
    "markdown_escape",
    "paragraph_span",
    "sentence_span",
]

#: English month names: a citation's date reads the same in every locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T| )")

#: How a typed quote is matched against the body: every run of white space matches
#: any run of white space, and curly quotes and apostrophes match straight ones
#: (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″ as "). Letters, case and other punctuation must match.
FOLDING = "white space runs alike, curly and straight quote marks alike, case kept"
_FOLD = str.maketrans({c: "'" for c in "‘’‚‛′"} | {c: '"' for c in "“”„‟″"})


class Citable(Protocol):
    """What a citation reads of an article (:class:`index.article.Article` and
    :class:`index.model.ArticleSummary` both have it)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def published(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def ingested_at(self) -> str: ...


def collapse(text: str) -> str:
    """``text`` with every run of white space (line breaks too) made one space, trimmed."""
    return " ".join(text.split())


def date_parts(iso: str | None) -> list[int] | None:
    """``[year]``, ``[year, month]`` or ``[year, month, day]`` of an ISO 8601 date as
    stored (``2024-03-05T23:30:00-08:00`` -> ``[2024, 3, 5]``: the publisher's day);
    None when there is none or it is not one."""
    found = _ISO_DATE.match((iso or "").strip())
    if not found:
        return None
    parts = [int(p) for p in found.groups() if p is not None]
    if (len(parts) > 1 and not 1 <= parts[1] <= 12) or (len(parts) > 2 and not 1 <= parts[2] <= 31):
        return None
    return parts


def human_date(iso: str | None) -> str | None:
    """``5 March 2024``, ``March 2024`` or ``2024`` (the precision given); a date that is
    not ISO 8601 is given back as it is (trimmed); None when there is none."""
    if not iso or not iso.strip():
        return None
    parts = date_parts(iso)
    if parts is None:
        return collapse(iso)
    words = [str(parts[2])] if len(parts) > 2 else []
    words += [_MONTHS[parts[1] - 1]] if len(parts) > 1 else []
    return " ".join([*words, str(parts[0])])


def _fields(article: Citable) -> list[str]:
    """Title, source, date and URL: those the article has, each on one line."""
    values = (article.title, article.source, human_date(article.published), article.url)
    return [collapse(v) for v in values if v and v.strip()]


def cite_text(article: Citable, quote: str | None) -> str:
    """``"quote" — Title, Source, 5 March 2024, URL (nutgraf ID)``; without a quote (None
    or blank) the part before the dash is left out, as is every missing field."""
    where = ", ".join(_fields(article))
    tail = f"{where} (nutgraf {article.id})" if where else f"(nutgraf {article.id})"
    quote = collapse(quote or "")
    return f'"{quote}" — {tail}' if quote else tail


_HTTP = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_LINE_START = re.compile(r"^(#|[-+=|]|\d+[.)])")


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written: its special characters escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", collapse(text))
    return _MD_LINE_START.sub(r"\\\1", escaped)


def cite_markdown(article: Citable, quote: str | None) -> str:
    """The citation as Markdown: the quote as a ``>`` block (left out without one), then
    ``— [Title](URL), Source, 5 March 2024 (nutgraf ID)``; the title is linked only when
    there is an http(s) URL (without a title, the URL stands alone as an autolink); a
    URL of another scheme (``javascript:``, ``file:``) is never a link: it follows the
    title as escaped text."""
    title, url = collapse(article.title or ""), collapse(article.url or "")
    plain = "" if _HTTP.match(url) else url  # javascript:, file:…: shown, never linked
    url = "" if plain else url
    link = ""
    if title and url:
        link = f"[{markdown_escape(title)}](<{url.replace('<', '%3C').replace('>', '%3E')}>)"
    elif title:
        link = markdown_escape(title)
    elif url:
        link = f"<{url.replace('<', '%3C').replace('>', '%3E')}>"
    rest = [
        markdown_escape(v)
        for v in (plain, article.source, human_date(article.published))
        if v and v.strip()
    ]
    where = ", ".join(x for x in (link, *rest) if x)
    line = f"— {where} (nutgraf {article.id})" if where else f"— (nutgraf {article.id})"
    quote = collapse(quote or "")
    return f"> {markdown_escape(quote)}\n\n{line}" if quote else line


def cite_csl(article: Citable) -> dict[str, object]:
    """One CSL-JSON item (type ``article-newspaper``): id, title, container-title (the
    source), URL, issued (the publication date's parts, as precise as given), author
    (as one ``literal`` name: nutgraf does not guess which part is the family name) and
    accessed (the day the article was added, UTC). Missing fields are left out. CSL
    item data describe the article, not a passage, so the quote is not in it."""
    item: dict[str, object] = {"id": article.id, "type": "article-newspaper"}
    if article.title and article.title.strip():
        item["title"] = collapse(article.title)
    if article.source and article.source.strip():
        item["container-title"] = collapse(article.source)
    if article.url and article.url.strip():
        item["URL"] = article.url.strip()
    issued = date_parts(article.published)
    if issued is not None:
        item["issued"] = {"date-parts": [issued]}
    elif article.published and article.published.strip():
        item["issued"] = {"literal": collapse(article.published)}
    if article.author and article.author.strip():
        item["author"] = [{"literal": collapse(article.author)}]
    accessed = date_parts(article.ingested_at)
    if accessed is not None:
        item["accessed"] = {"date-parts": [accessed]}
    return item


# -- finding the passage --------------------------------------------------------


def paragraph_span(body: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The paragraph (or paragraphs) holding ``body[start:end]``: paragraphs are separated
    by a blank line (``\\n\\n``), as the cleaned body keeps them."""
    end = start if end is None else end
    lo = body.rfind("\n\n", 0, start)
    lo = 0 if lo < 0 else lo + 2
    hi = body.find("\n\n", max(start, end - 1))
    hi = len(body) if hi < 0 else hi
    return _trimmed(body, lo, hi)


def sentence_span(
    body: str, start: int, end: int | None, starts: Sequence[int] | None
) -> tuple[int, int]:
    """The sentence (or sentences) holding ``body[start:end]``, within its line.

    ``starts``: where the body's sentences start, as stored (None for an article stored
    before they were: then a sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by
    white space, or at ``。！？``). A line break always ends a sentence."""
    end = start if end is None else max(end, start)
    line_lo = body.rfind("\n", 0, start) + 1
    line_hi = body.find("\n", max(start, end - 1))
    line_hi = len(body) if line_hi < 0 else line_hi
    if starts is None:
        starts = [0, *(m.end() for m in _SENTENCE_END.finditer(body))]
    i = bisect.bisect_right(starts, start) - 1
    lo = max(line_lo, starts[i]) if i >= 0 else line_lo
    j = bisect.bisect_left(starts, max(end, start + 1))
    hi = min(line_hi, starts[j]) if j < len(starts) else line_hi
    return _trimmed(body, lo, max(lo, hi))


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|[。！？]")


def lead_span(body: str, starts: Sequence[int] | None) -> tuple[int, int]:
    """The article's first sentence (the lead), or (0, 0) for an empty body."""
    first = len(body) - len(body.lstrip())
    return sentence_span(body, first, first, starts) if body.strip() else (0, 0)


def _trimmed(body: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and body[lo].isspace():
        lo += 1
    while hi > lo and body[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded (:data:`FOLDING`) and, for each folded character, its offset in
    ``text`` (a run of white space becomes one space at the run's first offset)."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        where.append(i)
    return "".join(chars), where


def find_quote(body: str, quote: str) -> list[tuple[int, int]]:
    """Every place (start, end offsets of ``body``) where ``quote`` occurs, folded as
    :data:`FOLDING` says, not overlapping, in order; [] when it does not (or is blank)."""
    wanted, _ = _folded(quote.strip())
    if not wanted:
        return []
    folded, where = _folded(body)
    places: list[tuple[int, int]] = []
    at = folded.find(wanted)
    while at >= 0:
        places.append((where[at], where[at + len(wanted) - 1] + 1))
        at = folded.find(wanted, at + len(wanted))
    return places
