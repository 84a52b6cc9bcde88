"""Anchoring a highlight to the words it was made on, after the text has changed.

A highlight keeps two selectors of the W3C Web Annotation model
(https://www.w3.org/TR/annotation-model/#selectors): a TextPositionSelector
(``start``, ``end`` in the article's cleaned body) and a TextQuoteSelector
(``exact`` with up to :data:`CONTEXT` characters of ``prefix`` and ``suffix``, the
amount Hypothesis keeps). When an article is re-added with changed text, the
highlight is found again as Hypothesis' dom-anchor-text-quote does, minus its fuzzy
step:

1. the same position, if the text there is still ``exact``;
2. else ``exact`` where both its prefix and suffix still surround it, if only one
   place does;
3. else ``exact`` alone, if it occurs once;
4. else, among several occurrences, the one whose surrounding text agrees with the
   prefix and suffix over the most characters, if it beats every other one;
5. else nothing: the highlight is orphaned.

No fuzzy match: a near match (diff-match-patch's, in Hypothesis) is by definition
other words, and an orphaned highlight that says so is better than one that
silently marks something the user never chose.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CONTEXT", "QuoteSelector", "anchor", "quote_selector"]

#: Characters of context kept each side of a quote (Hypothesis keeps 32).
CONTEXT = 32


@dataclass(frozen=True, slots=True)
class QuoteSelector:
    """A W3C TextQuoteSelector: the quoted text and the text just before and after it."""

    exact: str
    prefix: str
    suffix: str


def quote_selector(body: str, start: int, end: int) -> QuoteSelector:
    """The quote selector of ``body[start:end]`` with :data:`CONTEXT` characters of
    context each side (fewer at the ends of the text). Raises ValueError when
    ``0 <= start < end <= len(body)`` does not hold."""
    if not 0 <= start < end <= len(body):
        raise ValueError(f"not a passage of the text: {start}..{end} of {len(body)}")
    return QuoteSelector(
        body[start:end], body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT]
    )


def _agreement(body: str, at: int, quote: QuoteSelector) -> int:
    """How many characters of context agree around ``exact`` found at ``at``: those of
    the prefix read backwards from the quote, plus those of the suffix read forwards."""
    n = 0
    for a, b in zip(
        reversed(quote.prefix), reversed(body[max(0, at - CONTEXT) : at]), strict=False
    ):
        if a != b:
            break
        n += 1
    after = at + len(quote.exact)
    for a, b in zip(quote.suffix, body[after : after + CONTEXT], strict=False):
        if a != b:
            break
        n += 1
    return n


def anchor(
    body: str, start: int | None, end: int | None, quote: QuoteSelector
) -> tuple[int, int] | None:
    """Where the highlight with position ``start``..``end`` and ``quote`` is in ``body``
    now, as ``(start, end)``; None when it is orphaned (see the module's steps)."""
    exact = quote.exact
    if not exact:
        return None
    if start is not None and end is not None and body[start:end] == exact and start >= 0:
        return start, end
    places: list[int] = []
    at = body.find(exact)
    while at >= 0:
        places.append(at)
        at = body.find(exact, at + 1)
    if not places:
        return None
    framed = [
        p
        for p in places
        if body[max(0, p - len(quote.prefix)) : p] == quote.prefix
        and body[p + len(exact) : p + len(exact) + len(quote.suffix)] == quote.suffix
    ]
    if len(framed) == 1:
        return framed[0], framed[0] + len(exact)
    if len(places) == 1:
        return places[0], places[0] + len(exact)
    scores = sorted(((_agreement(body, p, quote), p) for p in places), reverse=True)
    (best, place), (second, _) = scores[0], scores[1]
    if best > second:
        return place, place + len(exact)
    return None
