"""Text into paragraphs: blank-line blocks, their hard-wrapped lines re-joined.

Every reader of text without markup (plain and scraped text, JSON Lines records, feed
entries given as text) cuts it into paragraphs here. A blank line ends a paragraph; the
lines of a block that were hard-wrapped at a column are joined again (see
:mod:`index.readers.wrapping`: the column is found per document, site furniture and
bylines are never joined to their neighbours, a word cut at its hyphen is mended by
:mod:`index.readers.hyphens`); a first-line indent starts a paragraph; a dateline alone
on its line opens the paragraph after it.
"""

from __future__ import annotations

import functools
import re

import regex

from index.readers.byline import parse_byline
from index.readers.decoding import sanitize
from index.readers.furniture import is_furniture
from index.readers.hyphens import text_words
from index.readers.wrapping import SENTENCE_END_MARKS, join_wrapped, wrap_column

__all__ = ["split_paragraphs"]

_WS = re.compile(r"[ \t\u00a0]+")


def _norm(line: str) -> str:
    return _WS.sub(" ", line).strip()


def _alone(line: str) -> bool:
    """A line never joined to its neighbours: site furniture or a byline."""
    return is_furniture(line) or parse_byline(line) is not None


def _indent(raw: str) -> int:
    """Columns of white space before the text of ``raw`` (a tab counts four)."""
    return len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraph units: blank-line blocks, their hard-wrapped lines re-joined
    (see :mod:`index.readers.wrapping`). A line indented further than the line before it,
    which ends a sentence, starts a paragraph (a first-line indent, as in print and OCR)."""
    blocks: list[list[str]] = [[]]
    pads: list[list[int]] = [[]]  # each line's indent: it takes room on the line
    before = 0  # the indent of the line before, in the same block
    for raw in sanitize(text).split("\n"):
        line = _norm(raw)
        if not line:
            if blocks[-1]:
                blocks.append([])
                pads.append([])
            continue
        indent = _indent(raw)
        if blocks[-1] and indent > before and blocks[-1][-1].endswith(SENTENCE_END_MARKS):
            blocks.append([])
            pads.append([])
        blocks[-1].append(line)
        pads[-1].append(indent)
        before = indent
    pads = [pad for pad in pads if pad]
    blocks = [block for block in blocks if block]
    alone = functools.cache(_alone)  # asked twice a line: for the column, then the joins
    column = wrap_column(blocks, alone, pads)
    known = text_words(text)
    units: list[str] = []
    for block, pad in zip(blocks, pads, strict=True):
        units.extend(
            join_wrapped(block, alone, first=not units, column=column, known=known, pads=pad)
        )
    return _datelines_joined(units)


# A dateline alone on its line: a place in capitals, perhaps a date after a comma, perhaps
# an agency in brackets, then a dash ("LONDON, March 5 (Reuters) -", "WASHINGTON (AP) —").
_DATELINE_ALONE = regex.compile(
    r"^\p{Lu}[\p{Lu}\p{M}'’.-]+(?:[ /]\p{Lu}[\p{Lu}\p{M}'’.-]*){0,3}(?:,\s[^()\n]{2,30}?)?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}$"
)


def _datelines_joined(units: list[str]) -> list[str]:
    """``units`` with a dateline alone on its line joined to the paragraph it opens
    (``LONDON, March 5 (Reuters) -`` / ``A powerful storm ...``): a dateline is part of
    the story's first sentence, not a line of site furniture to drop."""
    out: list[str] = []
    for unit in units:
        if out and _DATELINE_ALONE.match(out[-1]) and unit[:1].isalnum():
            out[-1] = f"{out[-1]} {unit}"
        else:
            out.append(unit)
    return out
