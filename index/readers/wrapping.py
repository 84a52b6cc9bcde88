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

* the block is uniformly wrapped: four in five of its lines but the last are
  full at the width of its longest line, 40 to 120 terminal columns (the line
  widths of editors, mail and ``fmt``; wide characters count two, Unicode's East
  Asian Width, UAX #11): the first word of the next line would not have fitted
  (see below); then even a line ending a sentence was cut at the margin (lines
  of one sentence each, of uneven length, leave room for the next word);
* the line ends in a comma or semicolon of any script (``, ， 、 ، ;``), or in a
  word cut after a hyphen (``Kim-`` / ``Putin``): the sentence goes on;
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

Whole documents wrapped at one column, however narrow (20 to 120 columns: a
newspaper column read by OCR is 30 to 40), are found by the test a greedy
line-filler (``fmt``, ``textwrap``, an editor's auto-wrap) passes at every break
it makes: **the first word of the next line would not have fitted** on the line
(Knuth & Plass call such a line "full"). :func:`wrap_column` estimates the column
from the lines that have another line after them in their block (their 90th
percentile width, so one long line does not raise it) and calls the document
wrapped when three quarters of those lines are full and at most a third end a
sentence (lines written one paragraph or one item each almost all end one, and
their next word would mostly have fitted). In such a document a break between two
lines is a wrap when the line is full, except:

* before a list item (``- ``, ``* ``, ``• ``, ``1.``, ``2)``), a byline or site
  furniture, and after furniture or a byline; a list item's own wrapped lines
  are joined to it;
* after a finished sentence, before a line that starts a unit of its own: a
  dateline (``LONDON (Reuters) -``), a sign-off or a note in brackets
  (``(Reporting by ...)``), a short label with a colon (``Referee: Mike Dean``);
* after the first line of the text, which may be a headline set over its story
  without a blank line (the rules above still join it when it was cut).

A short line (a one-sentence paragraph, a dateline, a name) leaves room for the
next word, so it is never joined by this test. A word cut at a hyphen is joined
without a space, keeping the hyphen of a compound (``search-`` / ``engine``, as
``textwrap`` and ``fmt`` only break after a hyphen that is in the word) and dropping
a soft one (``of-`` / ``ficials``): :mod:`index.readers.hyphens`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from unicodedata import east_asian_width

import regex

from index.readers.hyphens import joins_without_hyphen
from index.scripts import CLAUSE_MARKS, SENTENCE_ENDS, count_words, join_lines

__all__ = ["SENTENCE_END_MARKS", "join_wrapped", "width", "wrap_column"]

_LIST_MARK = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
#: What may end a sentence: its stop, then closing quotes and brackets.
_ENDS = (*SENTENCE_ENDS, '"', "'", "”", "’", ")", ":", "」", "』", "）")
#: The same, for the cleaner (a line ending in one may end a paragraph).
SENTENCE_END_MARKS = _ENDS
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
#: A document's wrap column: the narrowest believed, the percentile of line widths it is
#: read at, the share of lines that must be full and the most that may end a sentence.
_COLUMN_MIN, _PERCENTILE, _FULL_SHARE, _STOP_SHARE = 20, 0.9, 0.75, 0.34
# A dateline: a place in capitals, perhaps an agency in brackets, then a dash.
_DATELINE = regex.compile(r"^\p{Lu}[\p{Lu}\p{M} .,'’-]{2,40}(?:\([^)]{1,40}\))?\s*[-–—]")
# A short label and a colon: "Referee: Mike Dean", "Subs not used: ...".
_LABEL = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’ ]{0,24}:\s")
# Closing brackets and quotes: a line ending in one after a word has not ended a clause.
_CLOSERS = ")]\"'”’»"
# A line ending in a word cut after its hyphen: a letter, "-", no space before it.
_CUT_HYPHEN = regex.compile(r"\p{L}-$")


def width(line: str) -> int:
    """Terminal columns of ``line``: wide and full-width characters (CJK) take two, as a
    hard-wrapping editor counts them (Unicode's East Asian Width, UAX #11)."""
    if line.isascii():
        return len(line)
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in line)


def _uniform(lines: list[str], widths: list[int]) -> bool:
    """Lines that are full at one width, 40 to 120 columns, but for the last."""
    longest = max(widths)
    if len(widths) < 2 or not _WRAP_MIN <= longest <= _WRAP_MAX:
        return False
    full = sum(_full(lines[i], lines[i + 1], longest) for i in range(len(lines) - 1))
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
    if _CUT_HYPHEN.search(line) and nxt[0].isalpha():
        return True  # a word cut at its hyphen: no headline or sentence ends so
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


def _first_word_width(line: str) -> int:
    """Columns of the first word of ``line``: one character of a script without spaces."""
    if line and _CJK.match(line[0]):
        return width(line[0])
    return width(line.split(None, 1)[0]) if line.strip() else 0


def _full(line: str, nxt: str, column: int, pad: int = 0) -> bool:
    """True when the first word of ``nxt`` would not have fitted on ``line`` at ``column``;
    ``pad``: columns of indent before ``line``, which the wrapper counted in its width."""
    return pad + width(line) + 1 + _first_word_width(nxt) > column


def wrap_column(
    blocks: list[list[str]], keep: Callable[[str], bool], pads: list[list[int]] | None = None
) -> int | None:
    """The column the text of ``blocks`` (lists of non-blank lines) was wrapped at, or
    None when it does not read as wrapped at one column (see the module docstring).
    ``pads``: each line's indent in columns (a first-line indent takes room on the line).

    Only lines followed by another line of their block count, not furniture or
    bylines (``keep``), nor the text's first line (perhaps a headline).
    """
    pads = pads or [[0] * len(block) for block in blocks]
    pairs = [
        (block[i], block[i + 1], pad[i])
        for b, (block, pad) in enumerate(zip(blocks, pads, strict=True))
        for i in range(len(block) - 1)
        if not (b == 0 and i == 0) and not keep(block[i])
    ]
    if len(pairs) < 2:
        return None
    widths = sorted(pad + width(line) for line, _, pad in pairs)
    column = widths[round(_PERCENTILE * (len(widths) - 1))]
    if not _COLUMN_MIN <= column <= _WRAP_MAX:
        return None
    full = sum(_full(line, nxt, column, pad) for line, nxt, pad in pairs)
    stops = sum(line.endswith(_ENDS) for line, _, _ in pairs)
    if full < _FULL_SHARE * len(pairs) or stops > _STOP_SHARE * len(pairs):
        return None
    return column


def _own_unit(nxt: str, after: list[str], column: int) -> bool:
    """A line that starts a unit of its own after a finished sentence (see the module); a
    label ("Referee:") only on a line that is not full itself ("He added: ..." goes on)."""
    if _DATELINE.match(nxt) or nxt.startswith(("—", "--")):
        return True
    if nxt.startswith(("(", "[")):  # a note in brackets, not "(Rural affairs minister) Alun ..."
        return not regex.search(r"[)\]]\W*\w", nxt)
    return bool(_LABEL.match(nxt)) and not (after and _full(nxt, after[0], column))


def _join(group: list[str], known: Container[str]) -> str:
    """``group`` joined by :func:`index.scripts.join_lines`, a word cut after its hyphen
    joined without a space, and without the hyphen when it was a soft one
    (:func:`index.readers.hyphens.joins_without_hyphen`; ``known``: the text's words)."""
    out: list[str] = []
    for line in group:
        if out and _CUT_HYPHEN.search(out[-1]) and line[0].isalpha():
            if joins_without_hyphen(out[-1], line, known):
                out[-1] = out[-1][:-1]
            out[-1] += line
        else:
            out.append(line)
    return join_lines(out)


def join_wrapped(
    lines: list[str],
    keep: Callable[[str], bool],
    first: bool = True,
    column: int | None = None,
    known: Container[str] = frozenset(),
    pads: list[int] | None = None,
) -> list[str]:
    """The paragraphs of one block of non-blank, whitespace-normalised ``lines``.

    ``keep`` names lines that are never joined to another (site furniture, bylines);
    ``first`` is False for a block after a blank line that follows text (no headline
    starts it); ``column`` is the document's wrap column from :func:`wrap_column`
    (None: not wrapped at one); ``known`` the words of the whole text, the evidence for
    a word cut at a hyphen (:mod:`index.readers.hyphens`); ``pads`` each line's indent in
    columns (counted in its width). Joined lines get a space between them, none between
    two Chinese or Japanese characters (:func:`index.scripts.join_lines`).
    """
    if len(lines) < 2:
        return list(lines)
    listed = [bool(_LIST_MARK.match(line)) for line in lines]
    kept = [keep(line) for line in lines]
    alone = [a or b for a, b in zip(listed, kept, strict=True)]
    pads = pads or [0] * len(lines)
    widths = [pad + width(line) for pad, line in zip(pads, lines, strict=True)]
    # a document wrapped at a known column is read break by break (the test above)
    uniform = column is None and not any(alone) and _uniform(lines, widths)
    longest = max(widths)
    groups: list[list[str]] = [[lines[0]]]
    for i in range(1, len(lines)):
        prev, nxt = lines[i - 1], lines[i]
        wrapped = (
            column is not None
            and not (first and i == 1)
            # words of furniture ("sign up to", "most popular") in lower case are a piece
            # of a sentence, not a line of their own
            and not (kept[i - 1] and not prev[0].islower())
            and not (kept[i] and (prev.endswith(_ENDS) or not nxt[0].islower()))
            and _full(prev, nxt, column, pads[i - 1])
            and not (prev.endswith(_ENDS) and _own_unit(nxt, lines[i + 1 : i + 2], column))
            # A dash or a number at the start of a line is a list item, unless it goes on
            # a sentence cut in mid-clause outside a list ("the market" / "- in which").
            and (
                not listed[i]
                or (
                    (prev[-1].isalnum() or prev[-1] in _CLOSERS)
                    and not _LIST_MARK.match(groups[-1][0])
                )
            )
        )
        if wrapped or (
            # a list item goes on on a line in lower case (an item wrapped)
            not (kept[i - 1] or (listed[i - 1] and not _LOWER_WORD.match(nxt)))
            and not alone[i]
            and (
                uniform or _soft(prev, nxt, widths[i - 1], longest, len(groups[-1]) > 1, not first)
            )
        ):
            groups[-1].append(nxt)
        else:
            groups.append([nxt])
    return [_join(group, known) for group in groups]
