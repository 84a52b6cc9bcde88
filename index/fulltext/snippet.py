"""Choosing and cutting the snippet shown under a search hit.

The window is the stretch of the body that holds the most matches within
``width`` terminal cells (a Chinese, Japanese or Korean character takes two, by
Unicode's East Asian Width); it is widened to word boundaries, line breaks
become spaces, and the match offsets are carried into the snippet so that a
presenter can highlight them without searching the text again.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence

__all__ = ["make_snippet", "sentence_around"]

Span = tuple[int, int]


def _flat(text: str) -> str:
    return text.replace("\n\n", " ").replace("\n", " ")


def _best_window(matches: Sequence[Span], width: int) -> tuple[int, int]:
    best = (0, 0, 0)  # (count, -start, index)
    j = 0
    for i, (start, _) in enumerate(matches):
        j = max(j, i)
        while j + 1 < len(matches) and matches[j + 1][1] - start <= width:
            j += 1
        count = j - i + 1
        if count > best[0]:
            best = (count, -start, i)
    i = best[2]
    first = matches[i]
    last = matches[i + best[0] - 1] if best[0] else first
    return first[0], last[1]


def _widen(body: str, start: int, end: int, width: int) -> tuple[int, int]:
    spare = max(0, width - (end - start))
    lo = max(0, start - spare // 3)
    hi = min(len(body), end + spare - (start - lo))
    if lo > 0:
        space = body.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(body):
        space = body.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return lo, hi


def _in_characters(body: str, around: int, width: int) -> int:
    """``width`` cells as a number of characters of ``body`` near ``around``: fewer where
    the text is of wide characters (East Asian Width W or F, two cells each)."""
    sample = body[max(0, around - width) : around + width]
    if not sample or sample.isascii():
        return width
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in sample)
    return max(1, round(width * len(sample) / (len(sample) + wide)))


def make_snippet(
    body: str, matches: Sequence[Span], width: int = 200
) -> tuple[str, tuple[Span, ...]]:
    """The snippet text for ``body`` and the offsets of ``matches`` within it (character
    offsets into the snippet); ``width`` is in terminal cells."""
    if not body:
        return "", ()
    width = _in_characters(body, matches[0][0] if matches else 0, width)
    if matches:
        lo, hi = _widen(body, *_best_window(matches, width), width)
    else:
        lo, hi = _widen(body, 0, 0, width)
    pieces: list[str] = ["…"] if lo > 0 else []
    length = len(pieces[0]) if pieces else 0
    spans: list[Span] = []
    cursor = lo
    for s, e in matches:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        before = _flat(body[cursor:s])
        pieces.append(before)
        length += len(before)
        marked = _flat(body[s:e])
        spans.append((length, length + len(marked)))
        pieces.append(marked)
        length += len(marked)
        cursor = e
    pieces.append(_flat(body[cursor:hi]))
    if hi < len(body):
        pieces.append("…")
    return "".join(pieces), tuple(spans)


# The rule used for an article whose sentences were never stored (one added before nutgraf
# stored them, until ``nutgraf rebuild``): a sentence ends at . ! ? … before white space,
# or at the full-width 。！？ (which need none: Chinese and Japanese put no space between
# sentences). It cuts at "U.S." and "Mr." too; the stored sentences do not.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|[。！？｡][」』”’）)]*\s*")


def sentence_around(
    text: str, start: int, end: int, limit: int = 400, starts: Sequence[int] | None = None
) -> str:
    """The sentence (within its paragraph) that holds ``text[start:end]``, on one line.

    ``starts`` are the character offsets where the sentences of ``text`` start, as
    stored when the article went in (:func:`index.sentences.sentence_starts`, a
    segmenter's boundaries; a line break always ends a sentence too). Without them
    (None: an article stored before nutgraf kept them) sentences are cut at ., !, ?
    or … followed by white space, or at 。！？. A sentence longer than ``limit``
    characters is trimmed around the span with an ellipsis.
    """
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    if starts is not None:
        i = bisect.bisect_right(starts, start) - 1
        lo = max(para_start, starts[i]) if i >= 0 else para_start
        j = bisect.bisect_left(starts, max(end, start + 1))
        hi = min(para_end, starts[j]) if j < len(starts) else para_end
    else:
        lo = para_start
        for before in _SENTENCE_END.finditer(text, para_start, start):
            lo = before.end()
        after = _SENTENCE_END.search(text, end, para_end)
        hi = after.start() + 1 if after else para_end
        while hi < para_end and text[hi] in "\"'”’)]":
            hi += 1
    if hi - lo > limit:
        half = (limit - (end - start)) // 2
        lo2, hi2 = max(lo, start - half), min(hi, end + half)
        return ("…" if lo2 > lo else "") + text[lo2:hi2].strip() + ("…" if hi2 < hi else "")
    return " ".join(text[lo:hi].split())
