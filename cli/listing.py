"""The rows of ``nutgraf list``: id and date whole, the title cut to the width.

An id is what ``show`` and ``remove`` take, and the date is how the list is
ordered, so neither is ever cut: the id is printed whole (16 hex digits, far
more than the 4 a prefix needs) and the date in a column of fixed width, with
``undated`` where the article has none. The source gets a narrow column that
shrinks (and goes, at widths below about 50 columns) before the title does; the
title takes the rest of the width and is cut with ``…``. Widths are terminal
cells (:func:`rich.cells.cell_len`), so wide characters cut right.

The layout depends on the width alone (a pipe gets Rich's width: ``$COLUMNS``,
else 80 columns), so piped output is the same on every run.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from cli.console import safe
from index.model import ArticleSummary

__all__ = ["UNDATED", "list_rows"]

#: What the date column says for an article that has no publication date.
UNDATED = "undated"
DATE_WIDTH = 10  # YYYY-MM-DD
GAP = "  "
#: The source column at its widest, and the narrowest it shrinks to before it goes.
SOURCE_MAX, SOURCE_MIN = 20, 8
#: The title keeps at least this many cells while the source column shrinks.
TITLE_MIN = 20


def _date(published: str | None) -> str:
    return (published or "")[:DATE_WIDTH] or UNDATED


def _cut(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells, ending in ``…`` when cut."""
    text = text.copy()
    text.truncate(max(1, width), overflow="ellipsis")
    return text


def _source_width(items: list[ArticleSummary], width: int, fixed: int) -> int:
    """The source column's width: its longest source up to :data:`SOURCE_MAX`, shrunk
    to leave the title :data:`TITLE_MIN` cells, and 0 (no column) when even
    :data:`SOURCE_MIN` would not."""
    longest = max((cell_len(safe(a.source or "").plain) for a in items), default=0)
    wanted = min(SOURCE_MAX, max(longest, len("source")))
    if longest == 0:
        return 0
    room = width - fixed - len(GAP) - TITLE_MIN
    if room >= wanted:
        return wanted
    return room if room >= SOURCE_MIN else 0


def list_rows(items: list[ArticleSummary], width: int) -> list[Text]:
    """The header and one row per article, each at most ``width`` cells wide (unless
    the id and the date alone are wider: they are never cut)."""
    id_width = max((len(a.id) for a in items), default=16)
    fixed = id_width + len(GAP) + DATE_WIDTH + len(GAP)
    source_width = _source_width(items, width, fixed)
    title_width = max(1, width - fixed - (source_width + len(GAP) if source_width else 0))

    def row(article_id: Text, date: Text, source: Text, title: Text) -> Text:
        line = Text.assemble(article_id, GAP, date, GAP)
        if source_width:
            line.append_text(_cut(source, source_width))
            line.pad_right(source_width - cell_len(line.plain[fixed:]))
            line.append(GAP)
        line.append_text(_cut(title, title_width))
        return line

    header = row(
        Text("id".ljust(id_width)),
        Text("date".ljust(DATE_WIDTH)),
        Text("source"),
        Text("title"),
    )
    header.stylize("bold")
    rows = [header]
    for a in items:
        date = _date(a.published)
        rows.append(
            row(
                safe(a.id.ljust(id_width), "dim"),
                Text(date.ljust(DATE_WIDTH), style="dim" if date == UNDATED else ""),
                safe(a.source or ""),
                safe(a.title),
            )
        )
    for line in rows:
        line.rstrip()
    return rows
