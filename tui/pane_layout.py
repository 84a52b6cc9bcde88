"""How the reader screen lays its panes out, mixed into
:class:`tui.reader_screen.ReaderScreen`: the pane holding the focus comes in front (its
side column, or the whole screen in the one-pane layout), a resize arranges the panes
again for the new width (see :mod:`tui.layout`), and a side pane is hidden or shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widget import Widget

from tui.layout import arrange

if TYPE_CHECKING:
    from tui.article_view import ArticleView
    from tui.entity_pane import EntityPane
    from tui.search_panel import SearchPanel

__all__ = ["PaneLayout"]


class PaneLayout(Screen[None]):
    """The reader screen's pane layout (see the module docstring)."""

    if TYPE_CHECKING:
        side: str
        front: str
        _width: int

        @property
        def view(self) -> ArticleView: ...

        @property
        def entity_pane(self) -> EntityPane: ...

        @property
        def search_panel(self) -> SearchPanel: ...

    def on_resize(self, event: Resize) -> None:
        self._width = event.size.width
        self._apply_side()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # The pane holding the focus is the one in front (its side column, or the
        # whole screen in the one-pane layout).
        chain = event.widget.ancestors_with_self
        for pane in (p for p in (self.view, self.entity_pane, self.search_panel) if p in chain):
            self._show_side(pane)

    def _show_side(self, pane: Widget) -> None:
        """Bring ``pane`` in front: a side pane into the side column (or, in the
        one-pane layout, over the article); the article pane back in front."""
        if pane is self.search_panel:
            self.side, self.front = "search", "side"
        elif pane is self.entity_pane:
            self.side, self.front = "entities", "side"
        else:
            self.front = "article"
        self._apply_side()

    def _arrange_first(self, panes: tuple[Widget, Widget, Widget]) -> None:
        """Lay the just-composed ``panes`` (article, entities, search) out for the
        terminal's width before anything is styled, so the first styling is the last:
        arranged after mounting, the first arrangement (at width 0, before the first
        resize: the one-pane layout) and the next (at the real width) restyled the whole
        screen several times over, a third of the reader's start-up beyond a bare app."""
        self._width = self.app.size.width
        arrange(self, self._width, panes, self.side, self.front, update=False)

    def _apply_side(self) -> None:
        panes = (self.view, self.entity_pane, self.search_panel)
        arrange(self, self._width, panes, self.side, self.front)

    def toggle_pane(self, which: str) -> None:
        """Hide or show a side pane (command palette)."""
        pane = self.entity_pane if which == "entities" else self.search_panel
        pane.toggle_class("-hidden")
