"""A list row whose wrapped lines hang under its text, not under its lead (a count).

A row such as ``   3 Korea Development Institute  KDI`` wrapped at a narrow
width went back to column 0, so its second line (``Institute  KDI``) looked like
another entity (issue 14, item 10). Laid out as a two-column grid, the lead
keeps its column and every further line starts under the text.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

__all__ = ["Hanging"]


class Hanging:
    """``lead`` (one line, its own width) beside ``body``, which wraps within its column.

    A Rich renderable; ``lead`` and ``body`` stay readable (the row's text and
    styles, for tests and for whoever redraws the row).
    """

    def __init__(self, lead: Text, body: Text) -> None:
        self.lead = lead
        self.body = body

    def _grid(self) -> Table:
        grid = Table.grid(expand=True)
        grid.add_column(width=self.lead.cell_len, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        grid.add_row(self.lead, self.body)
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._grid()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._grid())

    def __str__(self) -> str:
        return self.plain

    @property
    def plain(self) -> str:
        """The row's text on one line, as it reads."""
        return self.lead.plain + self.body.plain
