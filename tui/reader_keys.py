"""The reader screen's keys (:class:`tui.reader_screen.ReaderScreen` binds them).

Each has an id (:func:`tui.config.named`), the name the config file's ``[keys]``
uses; the help screen lists them with their tooltips.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType

from tui.config import keys_of, named

__all__ = ["READER_BINDINGS", "step_hint"]

READER_BINDINGS: list[BindingType] = named(
    [
        Binding(
            "n",
            "step(1)",
            "Next",
            tooltip="next mention or match (wraps; in a library walk, on to the next article)",
        ),
        Binding("N", "step(-1)", "Prev", key_display="N", tooltip="previous mention or match"),
        Binding(
            "left_square_bracket",
            "result(-1)",
            "Prev result",
            key_display="[",
            tooltip="open the previous search result",
        ),
        Binding(
            "right_square_bracket",
            "result(1)",
            "Next result",
            key_display="]",
            tooltip="open the next search result",
        ),
        Binding(
            "H,alt+left", "back", "Back", show=False, tooltip="back to the article opened before"
        ),
        Binding(
            "L,alt+right",
            "forward",
            "Forward",
            show=False,
            tooltip="forward again after going back",
        ),
        Binding(
            "w",
            "entity_mode",
            "Article/library",
            show=False,
            tooltip="entities of this article, or of the whole library",
        ),
        Binding(
            "s",
            "sort_entities",
            "Sort",
            show=False,
            tooltip="sort the library's entities by articles, mentions or name",
        ),
        Binding(
            "W",
            "saved_searches",
            "Saved searches",
            key_display="W",
            show=False,
            tooltip="saved searches with their new matches (enter runs one, d deletes)",
        ),
        Binding("tab", "pane(1)", "Next pane", show=False, priority=True, tooltip="next pane"),
        Binding(
            "shift+tab",
            "pane(-1)",
            "Previous pane",
            show=False,
            priority=True,
            tooltip="previous pane",
        ),
        Binding(
            "y",
            "cite",
            "Cite",
            id="cite",
            tooltip="copy the passage (or the mouse selection) with its source",
        ),
        Binding(
            "Y",
            "cite('paragraph')",
            "Cite paragraph",
            key_display="Y",
            show=False,
            id="cite-paragraph",
            tooltip="copy the passage's paragraph with its source",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            show=False,
            priority=True,  # in a text box too, where Textual's ctrl+e is "end" (end does it)
            id="export",
            tooltip="export the search results, the entity's mentions or the article",
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            show=False,
            tooltip="clear highlighted mentions or matches; leave an input",
        ),
    ]
)


def step_hint(app: App[Any], keymap: dict[str, str]) -> str:
    """`` · n/N``: the first key of ``next`` and of ``previous`` (the article border's
    hint), from ``keymap`` (the config's ``[keys]``) or the defaults, as Textual shows
    keys (``ctrl+n`` -> ``^n``)."""
    shown = [
        app.get_key_display(Binding(keys_of(i, [READER_BINDINGS], keymap).split(",")[0], ""))
        for i in ("next", "previous")
    ]
    return f" · {shown[0]}/{shown[1]}"
