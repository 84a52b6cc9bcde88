"""How the reader's panes share the terminal's width (issue 14, item 9).

Three layouts, by the terminal's width in columns:

- ``wide`` (:data:`WIDE` and over): article, entities and search side by side.
  The side panes grow with the screen (a share of it) between a least width
  (what their rows need) and a most (beyond which rows only get emptier); the
  article takes the rest (:func:`side_widths`). Whole columns are worked out
  here rather than left to CSS ``fr`` units with min/max widths, which left
  one to seven columns unused at some widths (130, 187, 207).
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

from textual.dom import DOMNode
from textual.widget import Widget

__all__ = ["LAYOUTS", "SINGLE", "WIDE", "arrange", "layout_for", "side_widths"]

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


def _share(width: int, share: float, least: int, most: int) -> int:
    return max(least, min(most, round(width * share)))


def side_widths(width: int) -> tuple[int, int] | None:
    """The widths in columns of the entities and the search pane at a terminal
    ``width`` columns wide (beside each other, or sharing the side column); None
    in the one-pane layout, where the pane in front takes the whole width."""
    layout = layout_for(width)
    if layout == "wide":
        return _share(width, 0.2, 28, 48), _share(width, 0.25, 36, 60)
    if layout == "narrow":
        side = _share(width, 0.4, 32, 40)
        return side, side
    return None


def arrange(
    screen: DOMNode,
    width: int,
    panes: tuple[Widget, Widget, Widget],
    side: str,
    front: str,
    update: bool = True,
) -> None:
    """Lay the reader's ``panes`` (article, entities, search) out for a terminal
    ``width`` columns wide: the layout's class on ``screen`` (``-wide``, ``-narrow``,
    ``-single``), the side panes' widths, and which panes show: ``side`` is the
    side pane in use ("entities" or "search"), ``front`` the pane in front in the
    one-pane layout ("article" or "side").

    ``update`` false: set the classes without restyling, for widgets not styled yet
    (before the screen is mounted; their first styling then sees them). Each class
    change on a mounted screen restyles every widget under it at once (Textual's
    ``DOMNode.update_node_styles``), so the screen's classes change in one batch."""
    layout = layout_for(width)
    classes = {f"-{name}": name == layout for name in LAYOUTS}
    # The narrow rules (one side pane at a time) apply to the one-pane layout too.
    classes["-narrow"] = layout != "wide"
    screen.update_classes(classes, update=update)
    article, entities, search = panes
    widths = side_widths(width)
    for pane, cells in zip((entities, search), widths or (None, None), strict=True):
        pane.styles.width = cells if cells is not None else "1fr"
    single = layout == "single"
    hide_sides = single and front == "article"
    entities.set_class(hide_sides or side != "entities", "-folded", update=update)
    search.set_class(hide_sides or side != "search", "-folded", update=update)
    article.set_class(single and front != "article", "-behind", update=update)
