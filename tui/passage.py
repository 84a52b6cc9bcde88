"""The passage the reader is on: what ``y`` cites (and ``h`` highlights).

:func:`current_passage` answers, in this order:

1. the mouse selection in the article, when there is one: Textual keeps it per
   widget (``Screen.selections``, a :class:`textual.selection.Selection` of
   line/column offsets into each paragraph widget's text, which is the body's
   paragraph character for character), so it maps exactly to body offsets. In the
   original text (``r``) the selected words are looked for in the cleaned body
   instead (white space and curly quotes folded, :func:`index.citation.find_quote`);
2. else the current mention or match (what ``n`` / ``N`` are on);
3. else the place at the top of the view (in the cleaned text only).

With ``unit="sentence"`` a selection is cited as selected and a mention or a place
as its sentence (the starts stored when the article went in, :mod:`index.sentences`);
with ``unit="paragraph"`` each is widened to its paragraph(s) (the body's blank lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual.selection import Selection
from textual.widget import Widget

from index.library import Research

if TYPE_CHECKING:
    from tui.reader_screen import ReaderScreen

__all__ = ["Passage", "current_passage"]


@dataclass(frozen=True)
class Passage:
    """A passage of an article: character offsets in its cleaned body, and its text
    (``text == body[start:end]``)."""

    article_id: str
    start: int
    end: int
    text: str


def _offset(text: str, line: int, column: int) -> int:
    """The offset in ``text`` of a selection's (line, column)."""
    lines = text.split("\n")
    if line >= len(lines):
        return len(text)
    return min(len(text), sum(len(x) + 1 for x in lines[:line]) + column)


def _selected(screen: ReaderScreen) -> tuple[int, int, str] | None:
    """The offsets (in the text shown) the mouse selection covers in the article, and
    the words selected (each paragraph's on a line of its own)."""
    found: list[tuple[int, int]] = []
    words: list[str] = []
    selections: dict[Widget, Selection] = screen.selections
    for widget, start, text in screen.view.pieces:
        chosen = selections.get(widget)
        if chosen is None:
            continue
        lo = 0 if chosen.start is None else _offset(text, chosen.start.y, chosen.start.x)
        hi = len(text) if chosen.end is None else _offset(text, chosen.end.y, chosen.end.x)
        if hi > lo:
            found.append((start + lo, start + hi))
            words.append(text[lo:hi])
    if not found:
        return None
    return min(s for s, _ in found), max(e for _, e in found), "\n".join(words)


def _top(screen: ReaderScreen) -> int | None:
    """The offset of the text at the top of the article's view."""
    view = screen.view
    top = view.scroll_y
    for widget, start, text in view.pieces:
        region = widget.virtual_region
        if region.bottom > top:
            line = max(0, int(top) - region.y)
            return start + int(len(text) * line / max(1, region.height))
    return None


def current_passage(
    screen: ReaderScreen, unit: Literal["sentence", "paragraph"] = "sentence"
) -> Passage | None:
    """The passage ``y`` cites (see the module's docstring); None when the reader
    shows no article, or its original text with nothing selected or targeted."""
    article = screen.article
    if article is None or not article.body.strip():
        return None
    view = screen.view
    research = Research(screen.library)
    body = article.body
    span: tuple[int, int] | None = None
    chosen = _selected(screen)
    selected = chosen[:2] if chosen is not None else None
    if chosen is not None and view.raw:  # the original's offsets: find its words instead
        places = research.find_quote(body, chosen[2])
        selected = places[0] if places else None
    if selected is not None:
        span = selected if unit == "sentence" else research.span(article, *selected, unit)
    elif view.targets is not None and view.targets.spans:
        span = research.span(article, *view.targets.spans[view.targets.index], unit)
    elif not view.raw:
        top = _top(screen)
        span = research.span(article, top, top, unit) if top is not None else None
    if span is None:
        return None
    start, end = span
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Passage(article.id, start, end, body[start:end])
