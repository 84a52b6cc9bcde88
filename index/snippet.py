"""Choosing and cutting the snippet shown under a search hit.

The window is the stretch of the body that holds the most matches within
``width`` characters; it is widened to word boundaries, line breaks become
spaces, and the match offsets are carried into the snippet so that a
presenter can highlight them without searching the text again.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["make_snippet"]

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


def make_snippet(
    body: str, matches: Sequence[Span], width: int = 200
) -> tuple[str, tuple[Span, ...]]:
    """The snippet text for ``body`` and the offsets of ``matches`` within it."""
    if not body:
        return "", ()
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
