"""Textual's Footer, recomposed only when the keys it shows have changed.

The stock Footer rebuilds all its key widgets whenever the screen's bindings
are refreshed, which Textual does on every focus change and reactive update,
about 50 ms each time here. Start-up alone refreshed it three times with the
same keys; this footer compares what it would show with what it shows.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    """A Footer that skips rebuilding when the keys on show are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None

    def _keys(self) -> Hashable:
        """Everything the footer's keys are made from."""
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (b.key, b.action, b.description, b.key_display, b.show, enabled, tooltip)
                for _, b, enabled, tooltip in self.screen.active_bindings.values()
            ),
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
