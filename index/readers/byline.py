"""Bylines of scraped text: the line that names who wrote the story, and the name in it.

A byline is a short line of one of two shapes:

* ``By`` or ``by`` (or ``Written by``, ``Posted by``, ``Story by``, ``Reported by``,
  ``Author:``) then one or more names, perhaps where the writer is and a handle
  (``in Aberdeen``, ``@janeholt``), then perhaps a trailer after a separator: ``By
  Jane Holt | 4 min read``, ``By Jane Holt and Tom Reyes, BBC News``, ``By JANE
  HOLT``, ``By Jane Holt in Aberdeen``;
* a name, a separator and a trailer that only a byline has, a reading time or a
  date: ``Jane Holt · 5 min read``, ``Jane Holt | March 4, 2024``,
  ``JANE HOLT - 2019-04-10``.

A title before the names (``Dr``, ``Dr.``, ``Prof``, ``Mr`` ...) is left out of the
author, so ``By Dr Jane Holt`` and ``By Dr. Jane Holt`` both give ``Jane Holt``. A date
in the trailer is read whole or as one of its parts between separators (``Jane Holt ·
March 5, 2024 · 4 min read``). A job title after the names (``Staff Writer``,
``Business Columnist``), even glued to the last name by text extraction (``Meg
JamesStaff Writer``), is not part of them.

A name is one to five words, each capitalised (or written in capitals, which are
put in title case: ``JANE HOLT`` -> ``Jane Holt``), an initial (``J.``), or a
lower-case surname particle (``de``, ``van``, ``al`` ...). Names are joined
by ``and`` or ``&`` (``A, B and C``; a comma after a single name starts the
trailer); the author given is the names as the byline writes them (``Jane Holt
and Tom Reyes``). Prose that happens to start with "by" ("by the US
Securities Exchange", a line of a hard-wrapped paragraph) is not a byline: the
word after it is not a name, or the line ends a sentence ("by Robert Bosch.").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from index.readers.dates import parse_date

__all__ = ["Byline", "parse_byline"]

# Lower-case words that may stand inside a name (surname particles).
_PARTICLES = "al|bin|da|de|del|della|der|di|du|el|la|le|van|von|ter|ten|dos|das|y"
# A capitalised word or an initial ("J."): a full stop ends no other word of a name, so
# the end of a sentence ("... by Robert Bosch and Siemens.") is not a byline.
_CAP = r"\p{Lu}(?:\.|[\p{L}\p{M}'’-]*)"
_WORD = rf"(?:{_CAP}|(?:{_PARTICLES})(?:-\p{{Lu}}[\p{{L}}\p{{M}}'’-]*)?)"
# A title before a name, left out of the author ("Dr Jane Holt", "Dr. Jane Holt" are
# both "Jane Holt"): the author is the person's name, as a library catalogue gives it.
_TITLES = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Rev|Revd|DR|PROF|MR|MRS|MS)\.?\s+(?=\p{Lu})"
_HONORIFIC = rf"(?:{_TITLES})?"
_NAME = rf"{_HONORIFIC}{_CAP}(?:\s{_WORD}){{0,4}}"
# "A and B", "A, B and C": a comma alone after a name starts the trailer ("A, BBC News").
_NAMES = rf"{_NAME}(?:(?:,\s{_NAME})*,?\s(?:and|&|AND)\s{_NAME})?"
# What may follow the names: after a separator anything short; after a comma an
# outlet or a role ("BBC News", "Staff Writer"); "on" and a date.
_TRAILER = r"(?:\s*[|·•—–/]\s*(?P<after>.{0,60})|,\s(?P<role>.{1,80})|\son\s(?P<on>.{4,40}))?"
# Between the names and the trailer: where the writer is ("in Aberdeen", "in New York")
# and a social handle ("@janeholt").
_WHERE = rf"(?:\s(?:in|from|IN|FROM)\s{_NAME})?(?:\s@\w{{1,30}})?"
_BY = regex.compile(
    rf"^(?:[Bb]y|BY|(?:Written|Words|Posted|Story|Report(?:ed)?|Text)\s(?:by|BY)|WRITTEN\sBY|Author:|AUTHOR:)"
    rf"\s+(?P<names>{_NAMES}){_WHERE}{_TRAILER}\s*$"
)
_BARE = regex.compile(rf"^(?P<names>{_NAMES})(?:\s*[|·•—–]|\s-)\s*(?P<after>.{{3,40}})$")
# The parts of a trailer, one of which may be a date ("March 5, 2024 · 4 min read").
_PARTS = regex.compile(r"\s*[|·•—–/]\s*|\s+-\s+")
_BY_WORDS = (
    "By",
    "by",
    "BY",
    "Written",
    "WRITTEN",
    "Words",
    "Posted",
    "Story",
    "Report",
    "Text",
    "Author",
    "AUTHOR",
)
_BARE_SEPARATOR = regex.compile(r"[|·•—–]|\s-")
_READING_TIME = regex.compile(r"^\d+\s*(?:-\s*)?(?:min(?:ute)?s?\.?)\s*read$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline found: ``author`` (the names), and ``published`` when it held a date
    (ISO 8601, see :func:`index.readers.dates.parse_date`)."""

    author: str
    published: str | None = None


# A job title after the names, perhaps glued to the last one by extraction ("Meg
# JamesStaff Writer", "Michael HiltzikBusiness Columnist"): not part of a name.
_ROLE = regex.compile(
    r"(?:(?<=\p{Ll})|\s+)(?:(?:Staff|Senior|Chief|Contributing|Special|Business|Political|Science"
    r"|Technology|Health|Sports?|Foreign|Deputy|Associate|Managing|News)\s)?"
    r"(?:Writer|Columnist|Correspondent|Editor|Reporter|Contributor|Staff)\b.*$"
)


_TITLE = regex.compile(rf"(?:^|(?<=\s)){_TITLES}")


def _names(text: str) -> str:
    """The names as written, without a job title after them or a repetition (a name
    given twice by extraction), those in capitals put in title case."""
    text = _ROLE.sub("", _TITLE.sub("", " ".join(text.split())))
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:  # "Sean Martin Sean Martin"
        text = " ".join(words[:half])
    return text.title().replace(" And ", " and ") if text.isupper() else text


def parse_byline(line: str) -> Byline | None:
    """The byline in ``line`` (one whitespace-normalised line), or None if it is not one."""
    if len(line) > 120 or not (line.startswith(_BY_WORDS) or _BARE_SEPARATOR.search(line)):
        return None
    m = _BY.match(line)
    if m is not None:
        trailer = m.group("after") or m.group("on") or ""
        return Byline(_names(m.group("names")), _date(trailer))
    m = _BARE.match(line)
    if m is None:
        return None
    after = m.group("after").strip()
    when = _date(after)
    if when is None and not any(_READING_TIME.match(p) for p in _PARTS.split(after)):
        return None
    return Byline(_names(m.group("names")), when)


def _date(trailer: str) -> str | None:
    """The date in a byline's trailer, whole or one of its parts between separators
    (``March 5, 2024 · 4 min read``), or None."""
    if not trailer.strip():
        return None
    when = parse_date(trailer)
    if when is None:
        for part in _PARTS.split(trailer):
            if part and (when := parse_date(part)) is not None:
                break
    return when
