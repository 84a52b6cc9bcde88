"""A text box over a list: Down moves from the box into the list below it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

__all__ = ["ListInput"]


class ListInput(Input):
    """An input that posts :class:`ListInput.Down` when Down is pressed in it."""

    BINDINGS = [Binding("down", "down", "List", show=False)]

    class Down(Message):
        """The user pressed Down in the box: the pane moves focus into its list."""

    def action_down(self) -> None:
        self.post_message(self.Down())
