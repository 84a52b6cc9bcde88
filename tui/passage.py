"""The passage the reader is on: what ``h`` highlights (and ``y`` cites).

A minimal version written by keep against the interface of issue 15's split
(cite owns this module; its version replaces this one at the merge): the
sentence (or paragraph) of the current mention or match, else the first one at
the top of the view. Sentences are cut at ``.``, ``!`` or ``?`` followed by
white space, or at a paragraph's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tui.reader_screen import ReaderScreen

__all__ = ["Passage", "current_passage"]

_END = re.compile(r"[.!?][\"'”’)]*\s+")


@dataclass(frozen=True)
class Passage:
    """A passage of an article's cleaned body: ``text == body[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str


def _around(body: str, at: int, unit: str) -> tuple[int, int]:
    """The sentence (or paragraph) of ``body`` holding offset ``at``."""
    before = body.rfind("\n\n", 0, at)
    para_start = 0 if before < 0 else before + 2
    para_end = body.find("\n\n", at)
    para_end = len(body) if para_end < 0 else para_end
    if unit == "paragraph":
        return para_start, para_end
    start = para_start
    for m in _END.finditer(body, para_start, para_end):
        if m.end() > at:
            return start, m.start() + 1
        start = m.end()
    return start, para_end


def current_passage(
    screen: ReaderScreen, unit: Literal["sentence", "paragraph"] = "sentence"
) -> Passage | None:
    """The sentence (or paragraph) of the current mention or match, else the one at the
    top of the view; None with no article open."""
    article = screen.article
    if article is None or not article.body:
        return None
    view = screen.view
    targets = view.targets
    if targets is not None and targets.spans and not view.raw:
        at = targets.spans[targets.index][0]
    else:
        at = 0
        top = view.scroll_y
        for widget, start in zip(view._paras, view._para_starts, strict=False):
            if widget.virtual_region.y + widget.size.height > top:
                at = start
                break
    start, end = _around(article.body, min(at, len(article.body) - 1), unit)
    text = article.body[start:end]
    stripped = text.strip()
    if not stripped:
        return None
    start += len(text) - len(text.lstrip())
    end = start + len(stripped)
    return Passage(article.id, start, end, article.body[start:end])
