"""Breadcrumbs of scraped pages: the trail of sections above a story, and a headline
glued to its end.

A breadcrumb line is two or more short items (one to four words, no sentence
punctuation) between separators: ``»``, ``›``, ``>``, ``/``, ``|``, ``::``, ``→``,
``•``, ``·``, ``«``, ``‹`` or ``>>`` with spaces around them, and ``»``, ``›``, ``→``,
``>`` even without (``Home » Politics » UK``, ``News | Sport | Business``, ``Home >
World``, ``Home / News``, ``Home›World``, ``Home>News>Weather``), perhaps after "You are
here:" or with a separator at its end. The items are navigation, never a title.

Extracted page text often glues the headline to the end of the trail, the link of
the last section and the heading losing the space between them: ``Home » Politics »
UK Brexit: what happens next?``. The last item is then long; the headline is what
follows its first words when those are section names of news sites (a fixed list
below: "UK", "World", "Politics", "Business", "Tech" ...) and the rest starts with a
capital or a digit (not a quote: ``UK 'world's biggest music buyer'`` is a headline
of its own, the claim of a name in quotes). When the last item does not start
with a section name, it is taken whole (``Home » World » Floods force thousands from
their homes``). A line whose long item comes first is a headline followed by the
site's name (``Brexit: what happens next? | BBC News``): the long item is the title.
One word before a separator and a headline after it is no trail when the word is not
a section's name or the rest starts in lower case (``Storm | the worst in 50 years``):
the whole line is the headline, so none of its words is lost.
"""

from __future__ import annotations

import regex

__all__ = [
    "SECTIONS",
    "breadcrumb_items",
    "headline_after_breadcrumbs",
    "is_breadcrumb",
    "is_item",
    "trail_headline",
]

_SEPARATOR = regex.compile(r"\s+(?:[>›»/|→•·«‹]|::|>>)\s+|(?<=\w)[›»→>](?=\w)")
# What may stand before a trail or after its last separator: "You are here:", "»".
_LEAD = regex.compile(r"^(?:you\sare\shere\s?:\s*)?(?:[>›»/|→•·«‹]\s*)?", regex.IGNORECASE)
_TAIL = regex.compile(r"\s*(?:[>›»/|→•·«‹]|::|>>)$")
#: Words of an item of a trail: one to four, with a letter, without sentence punctuation.
_ITEM_WORDS = 4
_ITEM = regex.compile(r"^(?=.*\p{L})[\p{L}\p{M}\p{N}&'’., -]+$")
# Section names of news sites (a word each, compared in lower case); a glued trail's
# last item starts with one to three of them ("UK", "Middle East", "Science & Environment").
_SECTION_WORDS = """
    home news world uk us usa europe asia africa americas australia canada india china
    middle east latin america england scotland wales ireland northern local national
    international regional regions politics business economy markets money finance
    companies tech technology science health environment climate education sport sports
    football soccer cricket rugby tennis golf formula f1 motorsport athletics boxing
    entertainment arts culture music film films movies tv television books media
    lifestyle style fashion food travel opinion comment analysis features magazine
    video videos audio podcasts weather blogs blog live latest
    & and
"""
SECTIONS = frozenset(_SECTION_WORDS.split())
_HEADLINE_START = regex.compile(r"^[\p{Lu}\p{N}\p{Lo}]")


def breadcrumb_items(line: str) -> list[str] | None:
    """The items of ``line`` between breadcrumb separators, or None when it has no
    separator between two non-empty parts."""
    line = _TAIL.sub("", _LEAD.sub("", line, count=1))
    parts = [p.strip() for p in _SEPARATOR.split(line)]
    if len(parts) < 2 or not all(parts):
        return None
    return parts


def is_item(part: str) -> bool:
    """True for a part that can be an item of a trail: one to four words, with a letter,
    without sentence punctuation (a section's name, not a headline)."""
    return len(part.split()) <= _ITEM_WORDS and bool(_ITEM.match(part)) and not part.endswith(".")


def is_breadcrumb(line: str) -> bool:
    """True when ``line`` is a trail (or menu) of short items only: no headline in it."""
    items = breadcrumb_items(line)
    return items is not None and all(is_item(p) for p in items)


def _split_glued(last: str, before: str) -> str | None:
    """The headline after the section names that start ``last``, or None.

    Section names that repeat the item ``before`` them start the headline instead
    (a trail does not name one section twice: ``Home » World » World Cup hopes fade``
    is the headline "World Cup hopes fade").
    """
    words = last.split()
    k = 0
    while k < min(3, len(words) - 2) and words[k].lower().strip(",") in SECTIONS:
        k += 1
    if k == 0 or words[k - 1] in {"&", "and"}:
        return None
    if " ".join(words[:k]).casefold() == before.casefold():
        return None
    rest = " ".join(words[k:])
    return rest if _HEADLINE_START.match(rest) else None


def _one_word_head(first: str, rest: str) -> bool:
    """True when ``first`` is one word that starts the headline ``rest`` rather than a
    trail before it: not a section's name, or ``rest`` goes on in lower case."""
    words = first.split()
    return len(words) == 1 and (words[0].casefold() not in SECTIONS or rest[:1].islower())


def headline_after_breadcrumbs(line: str) -> str:
    """``line`` without the breadcrumb trail in front of it (or the site's name after it).

    A line that is not a trail comes back as it is; a trail of short items only
    (:func:`is_breadcrumb`) comes back as ``""``.
    """
    items = breadcrumb_items(line)
    if items is None:
        return line
    if all(is_item(p) for p in items):
        return ""
    long = [p for p in items if not is_item(p)]
    if len(long) > 1:
        return line  # separators inside a headline ("Rain / shine: ..."), not a trail
    (headline,) = long
    if len(items) == 2 and headline is items[-1] and _one_word_head(items[0], headline):
        return line
    if headline is items[-1] and all(is_item(p) for p in items[:-1]):
        return _split_glued(headline, items[-2]) or headline
    return headline


#: Words of a trail's last item from which, with a word in lower case, it is a short
#: headline rather than a section's name ("Floods hit Kent", not "Middle East").
_HEADLINE_WORDS = 3
_CONNECTORS = frozenset({"&", "and", "of", "the", "in", "for", "on", "de", "y", "et", "und"})


def trail_headline(line: str) -> str | None:
    """The last item of a trail when it reads as a short headline, not a section: three
    words or more, one of them in lower case and not a connector (``Home » World »
    Floods hit Kent``). For a trail whose story has no other headline line; None
    otherwise."""
    items = breadcrumb_items(line)
    if items is None or not is_item(items[-1]):
        return None
    last = (len(items) > 1 and _split_glued(items[-1], items[-2])) or items[-1]
    words = last.split()
    lower = [w for w in words if w[:1].islower() and w.lower() not in _CONNECTORS]
    return last if len(words) >= _HEADLINE_WORDS and lower else None
