"""Search history: earlier queries, recalled with Up / Down in the query box.

| Key (in the query box) | Does |
| :- | :- |
| up | the query before the one shown (the newest first, from what was typed) |
| down | while recalling: the next newer query, then back to what was typed |
| down | otherwise: into the results list, as before |

So Down keeps its old meaning unless Up was pressed first, as in a shell:
Up walks back, Down walks forward again and, past the newest query, gives
back what was being typed. Editing a recalled query ends the recall (Down
then goes to the list). The queries are kept between runs by the app
(:class:`tui.settings.State`, the last :data:`tui.settings.SEARCH_HISTORY_LIMIT`,
each once); :class:`QueryHistory` is the pure part, tested on its own.
"""

from __future__ import annotations

from textual.binding import Binding

from tui.list_input import ListInput
from tui.settings import SEARCH_HISTORY_LIMIT

__all__ = ["QueryHistory", "QueryInput"]


class QueryHistory:
    """Queries oldest first, each once, and where a recall is in them."""

    def __init__(self, entries: list[str] | None = None, limit: int = SEARCH_HISTORY_LIMIT):
        self.limit = limit
        self.entries: list[str] = []
        for entry in entries or []:
            self.add(entry)
        self._pos: int | None = None
        self._draft = ""

    def add(self, query: str) -> None:
        """Remember ``query`` as the newest (moved to the end if known); ends a recall."""
        query = query.strip()
        self._pos = None
        if not query:
            return
        if query in self.entries:
            self.entries.remove(query)
        self.entries.append(query)
        del self.entries[: -self.limit]

    def recalling(self, shown: str) -> bool:
        """Whether the box shows a recalled query, unedited (``shown`` is its text)."""
        pos = self._pos
        return pos is not None and pos < len(self.entries) and self.entries[pos] == shown

    def older(self, shown: str) -> str | None:
        """The query before the one recalled (the newest, starting from ``shown``, what
        is being typed); None at the oldest or with no history."""
        if not self.recalling(shown):
            self._pos, self._draft = len(self.entries), shown
        assert self._pos is not None
        if self._pos == 0:
            return None
        self._pos -= 1
        return self.entries[self._pos]

    def newer(self, shown: str) -> str | None:
        """The next newer query, or what was being typed past the newest; None when
        not recalling."""
        if not self.recalling(shown):
            return None
        assert self._pos is not None
        self._pos += 1
        if self._pos >= len(self.entries):
            self._pos = None
            return self._draft
        return self.entries[self._pos]


class QueryInput(ListInput):
    """The search box: a :class:`ListInput` whose Up / Down recall earlier queries."""

    BINDINGS = [
        Binding("down", "down", "List", key_display="↓", tooltip="a later query, or the list"),
        Binding("up", "older", "Earlier", key_display="↑", tooltip="the query before"),
    ]

    def __init__(self, enter: str = "Choose", **kwargs: object) -> None:
        super().__init__(enter, **kwargs)
        #: Shared with the app, which adds each query searched and keeps them.
        self.history = QueryHistory()

    def _show(self, text: str) -> None:
        self.value = text  # Changed: the panel searches for it
        self.cursor_position = len(text)

    def action_older(self) -> None:
        """Show the query before the one shown."""
        earlier = self.history.older(self.value)
        if earlier is None:
            self.app.bell()
        else:
            self._show(earlier)

    def action_down(self) -> None:
        """A later query while recalling; else into the list."""
        later = self.history.newer(self.value)
        if later is None:
            super().action_down()
        else:
            self._show(later)
