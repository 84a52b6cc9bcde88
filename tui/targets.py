"""What the article pane steps through (:class:`Targets`) and how it cuts a body into
the pieces it shows (:func:`paragraphs`); used by :mod:`tui.article_view`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PIECE", "Span", "Targets", "paragraphs"]

#: A ``(start, end)`` range of character offsets in the text shown.
Span = tuple[int, int]


@dataclass(frozen=True)
class Targets:
    """What n / N step through in the article: an entity's mentions or a query's matches."""

    spans: tuple[Span, ...]
    label: str
    what: str = "mention"  # or "match"
    index: int = 0
    #: Where a walk through the entity's articles is, e.g. ``article 2/60``; it is
    #: kept whole in the border like the mention's place (the label is cut first).
    place: str = ""

    @property
    def indicator(self) -> str:
        """E.g. ``Kim Jong Un · mention 2/6`` or ``Kim Jong Un · article 2/60 · mention 2/6``."""
        label = f"{self.label} · {self.place}" if self.place else self.label
        if not self.spans:
            return f"{label} · no {self.what}es" if self.what == "match" else f"{label} · not here"
        return f"{label} · {self.what} {self.index + 1}/{len(self.spans)}"


#: Paragraphs longer than this are shown in pieces (cut at a space): one widget
#: holding megabytes of text would make every re-render slow.
PIECE = 2000


def paragraphs(body: str) -> tuple[list[int], list[str]]:
    """Start offsets and texts of the body's paragraphs (separated by blank lines)."""
    starts: list[int] = []
    texts: list[str] = []
    pos = 0
    for text in body.split("\n\n"):
        start = 0
        while len(text) - start > PIECE:
            cut = text.rfind(" ", start + PIECE // 2, start + PIECE)
            cut = cut + 1 if cut > 0 else start + PIECE
            starts.append(pos + start)
            texts.append(text[start:cut])
            start = cut
        starts.append(pos + start)
        texts.append(text[start:])
        pos += len(text) + 2
    return starts, texts
