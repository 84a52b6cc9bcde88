"""What a page says about itself in its markup: the publisher's own date string, its
``og:title`` and ``<h1>``, and checks on the title and author trafilatura reports.

Everything is read with simple, bounded regular expressions over the first
:data:`HEAD_SCAN` characters of the page (no backtracking across tags: each
pattern stops at the first ``>``), so a huge or hostile page costs no more than
a short one.
"""

from __future__ import annotations

import html
import re

from index.folding import fold
from index.readers.breadcrumbs import SECTIONS, is_item
from index.readers.dates import parse_date

__all__ = [
    "HEAD_SCAN",
    "PageMeta",
    "clean_title",
    "name_like",
    "page_meta",
    "published_date",
    "title_parts",
]

#: How many characters of a page are searched for its metadata (the ``<head>`` and the
#: top of the ``<body>``, where the headline and the story's ``<time>`` stand).
HEAD_SCAN = 200_000
_META_TAG = re.compile(r"<meta\b([^>]{0,2000})>", re.I)
_TIME_TAG = re.compile(r"<time\b([^>]{0,2000})>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]{0,500}"|'[^']{0,500}'|[^\s"'>]{1,500})""")
# JSON-LD (schema.org NewsArticle): "datePublished": "2024-03-05T23:30:00-08:00".
_LD_PUBLISHED = re.compile(r""""datePublished"\s*:\s*"([^"]{4,60})\"""")
_H1 = re.compile(r"<h1\b[^>]{0,2000}>(.{1,2000}?)</h1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]{0,2000}>")
#: The publisher's published-date fields, best first (Open Graph article, schema.org,
#: Dublin Core and the common newspaper ``<meta name>`` forms).
DATE_FIELDS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "parsely-pub-date",
    "sailthru.date",
)
# What sits between a headline and a site or section name in a <title>.
_SEPARATOR = re.compile(r"(\s+(?:[-|–—·•»/]|::)\s+)")
_WORD = re.compile(r"\w+")


class PageMeta:
    """The page's own ``dates`` (field name -> value, as written), ``times`` (the
    ``datetime`` of its ``<time>`` tags, in page order), ``og_title`` and ``h1``
    (text, or None)."""

    __slots__ = ("dates", "h1", "og_title", "times")

    def __init__(self) -> None:
        self.dates: dict[str, str] = {}
        self.times: list[str] = []
        self.og_title: str | None = None
        self.h1: str | None = None


def _attrs(inside: str) -> dict[str, str]:
    return {k.lower(): html.unescape(v.strip("\"'")).strip() for k, v in _ATTR.findall(inside)}


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def page_meta(page: str) -> PageMeta:
    """The metadata of ``page`` (HTML text) found in its first :data:`HEAD_SCAN` characters."""
    head = page[:HEAD_SCAN]
    meta = PageMeta()
    for m in _META_TAG.finditer(head):
        attrs = _attrs(m.group(1))
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content")
        if not value:
            continue
        if key in DATE_FIELDS:
            meta.dates.setdefault(key, value)
        elif key == "og:title" and meta.og_title is None:
            meta.og_title = " ".join(value.split())
    ld = _LD_PUBLISHED.search(head)
    if ld is not None:
        meta.dates.setdefault("datepublished", ld.group(1))
    meta.times = [t for m in _TIME_TAG.finditer(head) if (t := _attrs(m.group(1)).get("datetime"))]
    h1 = _H1.search(head)
    if h1 is not None:
        meta.h1 = _text(h1.group(1)) or None
    return meta


def published_date(meta: PageMeta, fallback: str | None) -> str | None:
    """The publication date in ISO 8601 (:func:`index.readers.dates.parse_date`, which
    keeps the publisher's time and offset): the first of :data:`DATE_FIELDS` the page
    gives in a parseable form, else the first ``<time datetime>`` on ``fallback``'s
    day (a ``<time>`` on another day may date a comment or another story), else
    ``fallback`` (trafilatura's date, a day)."""
    for key in DATE_FIELDS:
        if key in meta.dates and (when := parse_date(meta.dates[key])):
            return when
    if fallback:
        for value in meta.times:
            when = parse_date(value)
            if when and when[:10] == fallback[:10]:
                return when
    return fallback


def _words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text)]


def _is_section(part: str) -> bool:
    return is_item(part) and all(w.lower() in SECTIONS for w in part.split())


def _is_site(part: str) -> bool:
    # A site or section name is capitalised ("The Guardian", "BBC") or an address
    # ("coastal-times.com"); a short lower-case tail is the headline's ("- again").
    return is_item(part) and (not part[0].islower() or "." in part)


def title_parts(title: str) -> list[list[str]]:
    """The folded words of each run of parts of ``title`` between site separators."""
    pieces = _SEPARATOR.split(title)
    n = len(pieces[::2])
    return [
        _words("".join(pieces[2 * i : 2 * j - 1])) for i in range(n) for j in range(i + 1, n + 1)
    ]


def clean_title(title: str, candidates: list[str | None], site: str | None = None) -> str:
    """``title`` without the section and site names a ``<title>`` adds around a headline.

    When one of ``candidates`` (the page's ``og:title``, its ``<h1>``) has the folded
    words of one part of ``title`` between separators (``" | "``, ``" - "``, ``" — "``
    ...) or of a run of parts, it is the title. Otherwise leading parts that are
    section names (``"World"``, ``"Middle East"``; the list of
    :mod:`index.readers.breadcrumbs`) and trailing parts that are short items without
    sentence shape (one to four words, no sentence punctuation, as a breadcrumb's
    items) and capitalised or an address (``"Politics"``, ``"The Guardian"``,
    ``"paper.com"``) are dropped, and so is the ``site``'s own name at either end,
    keeping at least one part:
    ``"World | Storm closes ports | Coastal Times"`` -> ``"Storm closes ports"``.
    """
    pieces = _SEPARATOR.split(title)
    parts = pieces[::2]
    if len(parts) < 2:
        return title
    for candidate in candidates:
        if not candidate:
            continue
        want = _words(candidate)
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                if (j - i) < len(parts) and _words("".join(pieces[2 * i : 2 * j - 1])) == want:
                    return "".join(pieces[2 * i : 2 * j - 1]).strip()
    lo, hi = 0, len(parts)
    named = _words(site or "") or None
    while hi - lo > 1 and (_is_section(parts[lo]) or _words(parts[lo]) == named):
        lo += 1
    while hi - lo > 1 and (_is_site(parts[hi - 1]) or _words(parts[hi - 1]) == named):
        hi -= 1
    return "".join(pieces[2 * lo : 2 * hi - 1]).strip()


# Words that start or fill a date line, never a name: "Updated 10:42 GMT", "Posted on ...".
_NOT_NAME_WORDS = """
    updated published posted modified created last first edited on at
    gmt utc bst est edt cet am pm ago min mins minute minutes read hour hours today yesterday
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
"""
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())


def name_like(author: str) -> bool:
    """True when ``author`` (one name or an outlet, as trafilatura gives it) can be a
    name: a letter in every word, no digits, not a date (:func:`parse_date`), and no
    word of a date or time line (``"Updated"``, ``"GMT"``, ``"March"``; the
    vocabulary of :mod:`index.readers.byline`'s trailers)."""
    words = author.split()
    if not words or any(ch.isdigit() for ch in author) or parse_date(author):
        return False
    return not any(w.strip(".,:;()").lower() in _NOT_NAME for w in words)
