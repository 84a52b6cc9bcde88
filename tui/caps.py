"""How much of a value from outside is shown where it must not take the screen.

A 3,000-character title filled the whole result list, the command palette's
first entry and the article's header (issue 14 fix item 12). Titles there are
cut to a few lines' worth of characters with ``…``; the article shows the whole
title at its end when its header had to cut it. The figures are characters,
well above a headline's length (the BBC corpus in /work/shared: at most 41), so
an ordinary title is never cut.
"""

from __future__ import annotations

__all__ = ["TITLE_IN_HEADER", "TITLE_IN_LIST", "TITLE_IN_PALETTE", "capped"]

#: A result row's title: two to four lines in a 36- to 60-column list.
TITLE_IN_LIST = 120
#: A command-palette entry's title (drawn on one line, cut with … at its width).
TITLE_IN_PALETTE = 200
#: The article header's title: a few lines at any width from 40 columns.
TITLE_IN_HEADER = 240


def capped(text: str, limit: int) -> str:
    """``text`` if at most ``limit`` characters, else its first ``limit - 1`` and ``…``."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
