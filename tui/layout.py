"""How the reader's panes share the terminal's width (issue 14, item 9).

Three layouts, by the terminal's width in columns:

- ``wide`` (:data:`WIDE` and over): article, entities and search side by side.
  The side panes grow with the screen between a least width (what their rows
  need) and a most (beyond which rows only get emptier): ``tui/nutgraf.tcss``.
- ``narrow`` (:data:`SINGLE` to :data:`WIDE` - 1): one side column beside the
  article, showing the side pane in use (``/`` search, ``e`` entities, tab).
- ``single`` (under :data:`SINGLE`): one pane at a time, the whole width: the
  pane that holds the focus. ``/``, ``e`` and tab bring a side pane in front,
  escape and choosing an entity or result go back to the article; each pane's
  border title says which it is.

The thresholds come from the least widths: the article needs 40 columns to read
(about 6 words a line), the entities pane 28, the search pane 36 (a result's
source and date on one line), so three panes need 104 and one side column 72.
"""

from __future__ import annotations

__all__ = ["LAYOUTS", "SINGLE", "WIDE", "layout_for"]

#: From this width the three panes stand side by side.
WIDE = 110
#: Under this width one pane is shown at a time.
SINGLE = 72
#: The layouts, each also the CSS class the reader's screen carries (``-wide``, …).
LAYOUTS = ("wide", "narrow", "single")


def layout_for(width: int) -> str:
    """The layout for a terminal ``width`` columns wide: one of :data:`LAYOUTS`."""
    if width >= WIDE:
        return "wide"
    if width >= SINGLE:
        return "narrow"
    return "single"
