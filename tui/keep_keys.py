"""The reader's keys for stars, tags, notes and highlights (:class:`tui.keep_actions.KeepActions`
runs them); ids for the config file's ``[keys]`` from :func:`tui.config.named`."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.config import named

__all__ = ["KEEP_BINDINGS"]

KEEP_BINDINGS: list[BindingType] = named(
    [
        Binding(
            "asterisk",
            "star",
            "Star",
            show=False,
            key_display="*",
            tooltip="star or unstar this article (find them with is:starred)",
        ),
        Binding(
            "t",
            "tag",
            "Tag",
            show=False,
            tooltip="tag this article: several tags at once, -name takes one off (tag:name)",
        ),
        Binding(
            "h",
            "highlight",
            "Highlight",
            show=False,
            tooltip=(
                "highlight the passage: the mouse selection, else the current mention's"
                " or match's sentence"
            ),
        ),
        Binding(
            "a",
            "annotate",
            "Note",
            show=False,
            tooltip="a note on the highlight at the current passage, or on the article",
        ),
    ]
)
