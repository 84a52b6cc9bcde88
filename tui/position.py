"""Where a scrolled pane is, in the words vim and less use: ``Top``, ``Bot``, ``All``, ``45%``.

vim's ruler (``:help 'ruler'``) shows ``Top`` when the first line is visible,
``Bot`` when the last is, ``All`` when both are, and otherwise the share of
the text above the window; the article pane shows the same in its border.
"""

from __future__ import annotations

__all__ = ["scroll_position"]


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
