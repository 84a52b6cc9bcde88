"""Where a scrolled pane is, in the words vim and less use: ``Top``, ``Bot``, ``All``, ``45%``.

vim's ruler (``:help 'ruler'``) shows ``Top`` when the first line is visible,
``Bot`` when the last is, ``All`` when both are, and otherwise the share of
the text above the window; the article pane shows the same in its border.
"""

from __future__ import annotations

__all__ = ["fitted_indicator", "scroll_position"]


def scroll_position(y: float, max_y: float) -> str:
    """``Top``, ``Bot``, ``All`` or ``NN%`` for a scroll offset ``y`` of ``max_y`` (lines).

    ``max_y`` <= 0 means everything fits (``All``); the percentage is rounded
    and kept within 1..99 so that it never reads as the ends.
    """
    if max_y <= 0:
        return "All"
    if y <= 0:
        return "Top"
    if y >= max_y:
        return "Bot"
    return f"{min(99, max(1, round(100 * y / max_y)))}%"


def fitted_indicator(label: str, tail: str, where: str, room: int, hint: str = " · n/N") -> str:
    """The article border's line, ``label + tail + hint │ where``, fitted into ``room`` cells.

    ``label`` is what is walked (an entity's name, the query), ``tail`` says where
    in the walk (`` · article 2/60 · mention 2/6``), ``where`` is
    :func:`scroll_position`'s. When it is too long the ``hint`` goes first, then
    the label is cut with ``…`` (down to one letter), then the scroll position
    goes, then the label; the walk's place (``tail``) is always kept whole.
    """
    sep = " │ " if where else ""
    if not label and not tail:
        return where
    for shown_hint in (hint, ""):
        line = f"{label}{tail}{shown_hint}{sep}{where}"
        if len(line) <= room:
            return line
    for end in (f"{tail}{sep}{where}", tail):
        keep = room - len(end) - 1
        if keep >= 1:
            return f"{label[:keep]}…{end}"
    return tail.removeprefix(" · ")
