"""Re-joining hard-wrapped lines into paragraphs, in every script.

A block of text lines (no blank line between them) is either a paragraph that an
editor or a mail program cut at a fixed width, or a run of separate lines
(navigation, a headline over a byline and a date, a list). Lines left cut are
worse than a menu left whole: a piece of a sentence is not a sentence, and the
cleaner drops pieces at the edges of a story as site furniture, so words were
lost (hard-wrapped Chinese, Korean and mixed-script paragraphs kept only their
last line, and a short wrapped English note was refused).

Each line break in a block is read on its own; it is a soft wrap when, and only
when, neither line is a list item, a byline or site furniture, and one of:

* the block is uniformly wrapped: every line but the last fills most of one
  width, 40 to 120 terminal columns (the line widths of editors, mail and
  ``fmt``; wide characters count two, Unicode's East Asian Width, UAX #11);
  then even a line ending a sentence was cut at the margin;
* the line ends in a comma or semicolon of any script (``, ， 、 ، ;``): the
  sentence goes on;
* the next line starts with a word in lower case (the sentence goes on) after a
  line of three words or more (not a label: "About my6sense"), or the line ends
  in a word that never ends a headline (an article, preposition or
  conjunction: ``the``, ``in``, ``and`` ...);
* the line does not end a sentence and is prose cut at the margin: it fills most
  of the block's width (80 %, for blocks of 24 to 120 columns), or holds a
  finished sentence of its own in a script without case (``。 ！ ？ ।``; a
  headline or a menu item does not);
* in Chinese, Japanese or Korean, the line ends in a letter, not a stop, and
  continues a cut paragraph, or is in a block after the first and the next line
  holds punctuation (a menu item does not): these scripts end every sentence
  with a stop (Thai does not, and is not read so). In the first block a line
  must show it was cut by a rule above, which keeps a headline over its story
  (and a one- or two-word label over a lower-case line).

A line ending a sentence (``. 。 ！ ？ ।`` ...) in a block that is not uniformly
wrapped ends its paragraph, as paragraphs written one per line do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from unicodedata import east_asian_width

import regex

from index.scripts import CLAUSE_MARKS, SENTENCE_ENDS, count_words, join_lines

__all__ = ["join_wrapped", "width"]

_LIST_MARK = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
#: What may end a sentence: its stop, then closing quotes and brackets.
_ENDS = (*SENTENCE_ENDS, '"', "'", "”", "’", ")", ":", "」", "』", "）")
# A finished sentence with more text after it, inside one line, in the stops of scripts
# without case (not a comma: headlines have commas; and not a Latin full stop, which
# abbreviations have: "Mr. Smith", "1 tsp. butter").
_INNER = re.compile(
    "[。！？．｡\u0964\u0965\u061f\u06d4\u17d4\u104b\u0589\u1362][」』）”]?" r"\s*\w"
)
# A line that starts with a word in lower case (not an address, "www.x.org", or a
# name such as "my6sense").
_LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}\p{M}]*(?:[\s,;:]|$)")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# Punctuation of prose: a line holding some is not a menu item or a heading.
_STOPPED = re.compile("[" + re.escape("".join(SENTENCE_ENDS) + "".join(CLAUSE_MARKS)) + "]")
# Words after which an English, French, German or Spanish sentence cannot stop:
# a line ending in one was cut (a headline ends in a noun or a verb).
_GLUE_WORDS = (
    "a an the of in on at to for from with by and or but as that which than into onto "
    "said says has have had is are was were be been will would could should "
    "le la les un une des de du et ou au aux en der die das ein eine und oder von zu mit "
    "el los las y o del con por para"
)
_GLUE = frozenset(_GLUE_WORDS.split())
#: Widest line of a uniformly wrapped block and the narrowest wrap width, in columns.
_WRAP_MAX, _WRAP_MIN = 120, 40
#: The narrowest block whose lines count as cut at its width (menus of short items are not).
_FULL_MIN = 24


def width(line: str) -> int:
    """Terminal columns of ``line``: wide and full-width characters (CJK) take two, as a
    hard-wrapping editor counts them (Unicode's East Asian Width, UAX #11)."""
    if line.isascii():
        return len(line)
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in line)


def _uniform(widths: list[int]) -> bool:
    """Lines that fill one width, 40 to 120 columns, but for the last."""
    longest = max(widths)
    if len(widths) < 2 or not _WRAP_MIN <= longest <= _WRAP_MAX:
        return False
    full = sum(1 for w in widths[:-1] if w >= 0.6 * longest)
    return full >= 0.8 * (len(widths) - 1)


def _soft(line: str, nxt: str, line_width: int, longest: int, inside: bool, later: bool) -> bool:
    """True when the break between ``line`` and ``nxt`` cuts a sentence (see the module);
    ``inside``: ``line`` continues a cut paragraph; ``later``: the block is not the
    first (a headline over its story without a blank line between is in the first)."""
    end = line[-1]
    if end in CLAUSE_MARKS:
        return True
    if line.endswith(_ENDS):
        return False
    if _LOWER_WORD.match(nxt) and (inside or later or count_words(line) >= 3):
        return True
    last = line.rsplit(None, 1)[-1]
    if last.islower() and last in _GLUE:
        return True
    if not (end.isalnum() and (nxt[0].isalnum() or nxt[0] in "\"'“‘(「『（")):
        return False
    if _CJK.match(end) and _CJK.match(nxt[0]) and (inside or (later and _STOPPED.search(nxt))):
        return True  # Chinese, Japanese, Korean: a sentence ends with its stop, never bare
    full = _FULL_MIN <= longest <= _WRAP_MAX and line_width >= 0.8 * longest
    return full or bool(_INNER.search(line))


def join_wrapped(lines: list[str], keep: Callable[[str], bool], first: bool = True) -> list[str]:
    """The paragraphs of one block of non-blank, whitespace-normalised ``lines``.

    ``keep`` names lines that are never joined to another (site furniture, bylines);
    ``first`` is False for a block after a blank line that follows text (no headline
    starts it). Joined lines get a space between them, none between two Chinese or
    Japanese characters (:func:`index.scripts.join_lines`).
    """
    if len(lines) < 2:
        return list(lines)
    alone = [bool(_LIST_MARK.match(line)) or keep(line) for line in lines]
    widths = [width(line) for line in lines]
    uniform = not any(alone) and _uniform(widths)
    longest = max(widths)
    groups: list[list[str]] = [[lines[0]]]
    for i in range(1, len(lines)):
        prev = lines[i - 1]
        if (
            not alone[i - 1]
            and not alone[i]
            and (
                uniform
                or _soft(prev, lines[i], widths[i - 1], longest, len(groups[-1]) > 1, not first)
            )
        ):
            groups[-1].append(lines[i])
        else:
            groups.append([lines[i]])
    return [join_lines(group) for group in groups]
