"""The article pane's keys (:class:`tui.article_view.ArticleView` binds them): scrolling,
entity colours and the original text (the URL's keys are the screen's:
:mod:`tui.link_keys`). Each has an id
(:func:`tui.config.named`), the name the config file's ``[keys]`` uses; the help screen
lists them with their tooltips.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.config import named

__all__ = ["ARTICLE_BINDINGS"]

ARTICLE_BINDINGS: list[BindingType] = named(
    [
        Binding("j", "scroll_down", "Down", show=False, tooltip="scroll down a line"),
        Binding("k", "scroll_up", "Up", show=False, tooltip="scroll up a line"),
        Binding("space", "page_down", "Page", show=False, tooltip="page down"),
        Binding("b", "page_up", "Back page", show=False, tooltip="page up"),
        Binding("g", "scroll_home", "Top", show=False, tooltip="to the top"),
        Binding("G", "scroll_end", "Bottom", show=False, tooltip="to the bottom"),
        Binding("c", "toggle_colours", "Colours", tooltip="entity colours on or off"),
        Binding(
            "r", "toggle_raw", "Original", tooltip="the original text as given, or the cleaned text"
        ),
    ]
)  # o and u (the article's address) are the screen's: tui/link_keys.py
