"""A list row whose wrapped lines hang under its text, not under its lead (a count).

A row such as ``   3 Korea Development Institute  KDI`` wrapped at a narrow
width went back to column 0, so its second line (``Institute  KDI``) looked like
another entity (issue 14, item 10). Laid out as a two-column grid, the lead
keeps its column and every further line starts under the text.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

__all__ = ["hanging"]


def hanging(lead: Text, body: Text) -> Table:
    """``lead`` (one line, its own width) beside ``body``, which wraps within its column."""
    grid = Table.grid(expand=True)
    grid.add_column(width=lead.cell_len, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(lead, body)
    return grid
