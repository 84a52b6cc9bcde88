"""Back/forward history of opened articles, as a browser keeps it.

A pure data structure (no UI): visiting an article after going back drops
the forward part, and visiting the article already current changes nothing.
Revisiting an article moves it to the end rather than adding it again, so
``H`` never ping-pongs between two articles read in turn (A, B, A: back
goes to B, then says there is no earlier article). The app keeps each
library's history between runs (:class:`tui.settings.State`), told of
each move by :attr:`History.listener`; its current article is the one the
reader starts on next time.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["History"]


class History:
    """Article ids in the order they were opened, with a cursor."""

    def __init__(
        self, limit: int = 500, items: list[str] | None = None, current: str | None = None
    ) -> None:
        """``items``: a history kept from an earlier run (oldest first), with the cursor on
        ``current`` (else at its end)."""
        self.items: list[str] = list(dict.fromkeys(items or []))[-limit:]
        self.cursor = self.items.index(current) if current in self.items else len(self.items) - 1
        self.limit = limit
        #: Called after every move (a visit, back, forward), to keep the history.
        self.listener: Callable[[History], None] | None = None

    def _moved(self) -> None:
        if self.listener is not None:
            self.listener(self)

    @property
    def current(self) -> str | None:
        """The id at the cursor."""
        return self.items[self.cursor] if self.items else None

    def visit(self, article_id: str) -> None:
        """Record opening ``article_id``."""
        if self.current == article_id:
            return
        del self.items[self.cursor + 1 :]
        if article_id in self.items:
            self.items.remove(article_id)
        self.items.append(article_id)
        if len(self.items) > self.limit:
            del self.items[0]
        self.cursor = len(self.items) - 1
        self._moved()

    def back(self) -> str | None:
        """Move back; the id to show, or None at the start."""
        if self.cursor <= 0:
            return None
        self.cursor -= 1
        self._moved()
        return self.items[self.cursor]

    def forward(self) -> str | None:
        """Move forward; the id to show, or None at the end."""
        if self.cursor >= len(self.items) - 1:
            return None
        self.cursor += 1
        self._moved()
        return self.items[self.cursor]

    def step(self, delta: int, exists: Callable[[str], bool]) -> tuple[str | None, int]:
        """Move back (``delta`` -1) or forward (+1) to the nearest article that still
        ``exists``, dropping from the history those that do not (removed by another
        process). Returns the id to show (None: nothing that way) and how many were dropped."""
        dropped = 0
        while 0 <= (there := self.cursor + delta) < len(self.items):
            if exists(self.items[there]):
                self.cursor = there
                self._moved()
                return self.items[there], dropped
            del self.items[there]
            dropped += 1
            if there < self.cursor:
                self.cursor -= 1
        if dropped:
            self._moved()
        return None, dropped
