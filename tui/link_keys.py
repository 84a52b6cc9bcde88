"""The reader's keys for the article's address, ``o`` (open it) and ``u`` (copy it), held
by the screen so that they work whichever pane has focus, as ``*``, ``t``, ``h`` and ``y``
do (review of issue 15, fault 10). Their ids ``open-url`` and ``copy-url`` are the ones
the config file's ``[keys]`` has always used (:func:`tui.config.named`)."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.screen import Screen

from index.model import Article
from tui.config import named
from tui.links import copy_source, open_url

__all__ = ["LINK_BINDINGS", "LinkActions"]

LINK_BINDINGS: list[BindingType] = named(
    [
        Binding("o", "open_url", "Open URL", show=False, tooltip="open the article's URL"),
        Binding(
            "u",
            "copy_url",
            "Copy URL",
            show=False,
            tooltip="copy the article's URL (or its file) to the clipboard",
        ),
    ]
)


class LinkActions(Screen[None]):
    """``o`` and ``u`` on the open article (``self.article``, set by the reader screen)."""

    article: Article | None

    def action_open_url(self) -> None:
        """Open the article's URL in the browser (:func:`tui.links.open_url`)."""
        open_url(self.app, self.article)

    def action_copy_url(self) -> None:
        """Copy the article's URL, or the file it came from (:func:`tui.links.copy_source`)."""
        copy_source(self.app, self.article)
