"""Cleaning scraped plain text into a title and the paragraphs of the story.

Scraped pages keep the site around the story: breadcrumbs glued to the title,
navigation, bylines, share buttons, "related" lists and comment forms. The rules
here are general, not tuned to one site:

* a line that repeats near the top (alone, or as the end of a longer line that
  has breadcrumbs glued in front of it) is the title; else the first line of the
  head of the page that is not furniture, a byline, a date or a breadcrumb trail.
  A headline may end like a sentence, in a question mark, a quote or a bracket
  (``Brexit: what happens next?``, ``T-Mobile bets on 'pocket office'``), but not
  in a full stop; a trail glued to it is cut off (:mod:`index.readers.breadcrumbs`);
* before the story, short lines that are not sentences are furniture, except
  attribution lines ("Translated from ...", "Source: ...") and lines opening like a
  byline ("By ...") whose names could not be read, which are kept; a byline among them
  gives the author (:mod:`index.readers.byline`) and a date the publication date;
* after the story's last sentence, the facts that end a report stay (a label and
  its value such as ``Attendance: 45,210`` or ``Referee: Mike Dean``, figures,
  line-ups, lines ending in a full stop), up to the first line of furniture or
  a line that is none of these (a menu item, a link to another story);
* anywhere in the text, short lines made of the vocabulary of site furniture
  (advertisement markers, "Story continues below advertisement", "Read more: ...",
  comment forms, share and newsletter prompts) and bylines go.

Paragraph structure is kept: blank-line separated blocks stay paragraphs, and
hard-wrapped blocks are re-joined (:mod:`index.readers.paragraphs`). Words are
counted and sentences recognised in scripts written without spaces too (see
:mod:`index.scripts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from index.readers.breadcrumbs import (
    breadcrumb_items,
    headline_after_breadcrumbs,
    is_breadcrumb,
    trail_headline,
)
from index.readers.byline import parse_byline
from index.readers.dates import parse_date
from index.readers.furniture import ATTRIBUTION as _ATTRIBUTION
from index.readers.furniture import FORM as _FORM
from index.readers.furniture import is_furniture
from index.readers.paragraphs import split_paragraphs
from index.scripts import SENTENCE_ENDS, count_words, has_prose_letter, unspaced_share

__all__ = ["Cleaned", "clean_scraped_text", "first_words", "split_paragraphs"]

_END_PUNCT = (*SENTENCE_ENDS, '"', "'", "”", "’", ")", ":", ";", "」", "』", "）")
# A sentence end after a letter that is not a capital ("U.S. troops" is not one), in
# scripts with or without case ("... की। फिर", "... قال؟ ثم").
_INNER_STOP = regex.compile(r"[\p{Ll}\p{Lo}\p{M}][.!?\u0964\u0965\u061f\u06d4][\"'”’)]?\s+\S")
# A sentence end inside a line of an unspaced script (no space follows it there).
_INNER_STOP_UNSPACED = re.compile(r"[。！？｡][」』）”]?\s*\S")
#: Share of a line's characters in unspaced scripts from which it is read as such a line.
_UNSPACED_LINE = 0.5


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of cleaning: title, body paragraphs and the facts found on the way."""

    title: str
    body: str
    author: str | None = None
    published: str | None = None
    source: str | None = None


def _words(unit: str) -> int:
    """Words, each character of an unspaced script (CJK, Thai ...) counting as one
    (see :mod:`index.scripts`)."""
    return count_words(unit)


def _ends_sentence(unit: str) -> bool:
    # Letters that are not capitals tell prose from a label; in scripts without case
    # (Chinese, Arabic, Hindi ...) every letter is one (see index.scripts).
    return _words(unit) >= 4 and unit.rstrip().endswith(_END_PUNCT) and has_prose_letter(unit)


def is_sentence(unit: str) -> bool:
    """True when ``unit`` reads like running text rather than a label or a heading.

    Long lines, lines ending like a sentence, lines holding a finished sentence,
    and lines of ten or more words that are mostly not capitalised (prose cut by
    a stray line break) all count, in scripts with and without case.
    """
    if unspaced_share(unit) >= _UNSPACED_LINE:
        # Chinese, Japanese, Thai: no case to tell prose by; a headline of 20 or 30
        # characters is common, so length alone needs more.
        count = _words(unit)
        return (
            count >= 40
            or _ends_sentence(unit)
            or (count >= 12 and bool(_INNER_STOP_UNSPACED.search(unit)))
        )
    words = unit.split()
    if _words(unit) >= 20 or _ends_sentence(unit):
        return True
    if len(words) >= 6 and _INNER_STOP.search(unit):
        return True  # a whole sentence, then more: a line break cut the paragraph
    lower = sum(w[0].isalpha() and not w[0].isupper() for w in words)
    return len(words) >= 10 and lower >= 0.6 * len(words)


def is_inner_furniture(unit: str) -> bool:
    """Furniture that is removed even inside the story: never running text, except form lines."""
    return is_furniture(unit) and (not is_sentence(unit) or bool(_FORM.match(unit)))


def attribution_source(unit: str) -> str | None:
    """The named source of an attribution line, '' for one that names none, None if not one."""
    if _words(unit) > 14:
        return None
    m = _ATTRIBUTION.match(unit)
    if not m:
        return None
    return (m.group("a") or m.group("b") or m.group("c") or "").strip(" .") or ""


def _title_limit(unit: str) -> int:
    """Words from which a line is too long to be a headline: 25, or 60 characters of an
    unspaced script (a Chinese headline of 30 characters is ordinary)."""
    return 60 if unspaced_share(unit) >= _UNSPACED_LINE else 25


#: Full stops: a line ending in one (before closing quotes) is a sentence, not a headline.
_FULL_STOPS = (
    ".",
    "。",
    "．",
    "｡",
    "…",
    "\u0964",
    "\u0965",
    "\u06d4",
    "\u17d4",
    "\u104b",
    "\u1362",
)
_CLOSING = "\"'”’»)]」』）"
#: Most words of a headline that ends like a sentence ("Brexit: what happens next?").
_HEADLINE_WORDS = 16
#: Longer than this many characters, a line is no headline in any script.
_HEADLINE_CHARS = 200


def _headline_shaped(unit: str) -> bool:
    """True for a line that reads as a headline though it ends in a question mark, a
    quote or a bracket (``T-Mobile bets on 'pocket office'``, ``Brexit: what happens
    next?``, ``Is this the end — or a new start?``): at most 16 words (40 characters of
    an unspaced script), no full stop at its end or sentence end inside it. A line
    ending in a full stop, even inside quotes (``"We are delighted," she said.``), is
    a sentence."""
    if unit.rstrip(_CLOSING).endswith(_FULL_STOPS) or len(unit) > _HEADLINE_CHARS:
        return False
    limit = 40 if unspaced_share(unit) >= _UNSPACED_LINE else _HEADLINE_WORDS
    if _words(unit) > limit:
        return False
    return not (_INNER_STOP.search(unit) or _INNER_STOP_UNSPACED.search(unit))


def _titled(unit: str) -> bool:
    """A line that may be the title: not a sentence of the story, unless headline-shaped."""
    return not is_sentence(unit) or _headline_shaped(unit)


def _find_title(units: list[str]) -> tuple[int | None, int]:
    """Find the title among the leading units.

    Returns ``(title_index, first_body_index)``. A repeated line (or a line
    repeated at the end of an earlier one, as when breadcrumbs are glued to a
    title) wins; else the first title-like line before the story starts: not
    furniture, a byline, a date, an attribution or a breadcrumb trail
    (:mod:`index.readers.breadcrumbs`), and of three words or more when a longer
    line is there (navigation items are one or two).
    """
    head = []
    for i, unit in enumerate(units[:12]):
        # A long headline is prose-like too: only a finished sentence ends the head.
        if (_ends_sentence(unit) and not _headline_shaped(unit)) or _words(unit) >= _title_limit(
            unit
        ):
            break
        head.append(i)
    window = units[:8]
    for j, later in enumerate(window):
        if _words(later) < 2 or not _titled(later):
            continue
        for i in range(j):
            if units[i] == later or (units[i].endswith(later) and len(units[i]) > len(later)):
                return j, j + 1
    candidates = [
        i
        for i in head
        if not is_furniture(units[i])
        and not is_breadcrumb(units[i])
        and parse_byline(units[i]) is None
        and parse_date(units[i]) is None
        and attribution_source(units[i]) is None
    ]
    if not candidates:
        # A trail whose last item is a short headline, with no headline line of its own.
        trails = [i for i in head if trail_headline(units[i])]
        return (trails[0], trails[0] + 1) if trails else (None, 0)
    first = candidates[0]
    if _words(units[first]) >= 3 or len(candidates) == 1:
        return first, first + 1
    best = max(candidates, key=lambda i: (_words(units[i]), -i))
    return (best, best + 1) if _words(units[best]) >= 3 else (None, 0)


def first_words(text: str) -> str:
    """A title made from the start of ``text`` when it has none: its first 12 words, or
    its first 30 characters in a script written without spaces; "…" when cut."""
    first = text.strip().split("\n", 1)[0]
    if unspaced_share(first) >= _UNSPACED_LINE:  # no spaces to cut at: 30 characters
        return first[:30] + ("…" if len(first) > 30 else "")
    words = first.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


#: Words (unspaced characters counting one each) from which a line that is not a
#: sentence is text rather than a label, when a page has no sentence at all.
_SHORT_STORY_WORDS = 8


def _short_story(units: list[str], title: str) -> list[str]:
    """The text of a page with no sentence to anchor its edges (a short note without a
    full stop, a Thai paragraph, which ends with none): its lines of eight words or
    more that are not furniture, bylines, dates or breadcrumbs. A page of only a
    title and menus has none."""
    return [
        unit
        for unit in units
        if unit != title
        and _words(unit) >= _SHORT_STORY_WORDS
        and has_prose_letter(unit)
        and not is_furniture(unit)
        and parse_byline(unit) is None
        and breadcrumb_items(unit) is None
        and parse_date(unit) is None
    ]


# A line opening like a byline: "By" and a capital ("By Jane Holt and 3 others").
_BY_LINE = regex.compile(r"^(?:By|BY|by)\s+\p{Lu}")
# A short label and its value: "Attendance: 45,210", "Referee: Mike Dean", "Subs not used: ...".
_LABEL = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’ ]{0,24}:\s?\S")
#: Longest line above a headline read as its date ("Tuesday 5 March 2024, 10:42 GMT").
_DATE_LINE_CHARS = 60
#: Most words of a label's value that is not a list ("Referee: Mike Dean").
_LABEL_VALUE_WORDS = 4


def _fact(unit: str) -> bool:
    """A short line after a story's last sentence that is part of it: a label and a short
    value or a list (``Referee: Mike Dean``; not a headline with a colon, ``Police: Gift
    card scam costs ...``), a figure (an attendance, a score), a line ending in a full
    stop or a quote, a list of names (two commas or more, a line-up), or a line of eight
    words or more. Not a bulleted line or one trailing off in an ellipsis: links to other
    stories and loaders ("Loading content ...")."""
    if unit.startswith(("•", "·", "‣")) or unit.endswith(("...", "…")):
        return False
    label = _LABEL.match(unit)
    if label:
        value = unit[label.end() - 1 :]
        return len(value.split()) <= _LABEL_VALUE_WORDS or "," in value
    return bool(
        any(c.isdigit() for c in unit)
        or unit.rstrip(_CLOSING).endswith(_FULL_STOPS)
        or unit.endswith(("'", '"', "”", "’"))
        or unit.count(",") >= 2
        or (_words(unit) >= 8 and has_prose_letter(unit))
    )


def _story_end(body: list[str]) -> int:
    """Where the story ends in ``body``: after its last sentence, the facts that follow
    it (:func:`_fact`, attribution lines) are kept, up to the first line that is site
    furniture, a byline, a date, a breadcrumb trail or not a fact (a menu item, a link)."""
    last = len(body) - 1  # found from the end: a sentence test costs more than a look
    while last >= 0 and attribution_source(body[last]) is None:
        if is_sentence(body[last]) and not is_furniture(body[last]):
            break
        last -= 1
    end = last + 1
    for unit in body[end:]:
        if attribution_source(unit) is None and (
            is_furniture(unit)
            or parse_byline(unit) is not None
            or parse_date(unit) is not None
            or breadcrumb_items(unit) is not None
            or not _fact(unit)
        ):
            break
        end += 1
    return end


def clean_scraped_text(text: str, fallback_title: str | None = None) -> Cleaned:
    """Clean a scraped or plain-text article into title, body and metadata."""
    units = split_paragraphs(text)
    title_at, start = _find_title(units)
    title = ""
    if title_at is not None:
        unit = units[title_at]
        title = headline_after_breadcrumbs(unit) or trail_headline(unit) or ""
    author = published = source = None

    body = units[start:] if title_at is not None else list(units)
    below_title = list(body)
    for unit in units[: title_at or 0]:  # a date or a byline above the headline
        if (byline := parse_byline(unit)) is not None:
            author = author or byline.author
            published = published or byline.published
        elif len(unit) <= _DATE_LINE_CHARS and (when := parse_date(unit)) is not None:
            published = published or when
    # Leading furniture: bylines and dates are facts; other non-sentences go.
    while body and (not is_sentence(body[0]) or is_furniture(body[0])):
        unit = body.pop(0)
        if (byline := parse_byline(unit)) is not None:
            author = author or byline.author
            published = published or byline.published
        elif (when := parse_date(unit)) is not None:
            published = published or when
        elif (named := attribution_source(unit)) is not None or _BY_LINE.match(unit):
            # an attribution, or a line shaped as a byline whose names were not read:
            # text of the story's, never dropped as furniture
            body.insert(0, unit)
            break
    body = body[: _story_end(body)]

    kept: list[str] = []
    for unit in body:
        if is_inner_furniture(unit) or (title and unit == title):
            continue
        if (byline := parse_byline(unit)) is not None:
            author = author or byline.author
            continue
        named = attribution_source(unit)
        if named:
            source = source or named
        kept.append(unit)
    if not kept:
        kept = _short_story(below_title, title)
    if not title:
        title = fallback_title or first_words(kept[0] if kept else "")
    return Cleaned(
        title=title, body="\n\n".join(kept), author=author, published=published, source=source
    )
