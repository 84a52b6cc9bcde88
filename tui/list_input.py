"""A text box over a list: Down moves from the box into the list below it.

Its value can hold outside text (a pasted line, a query made from an entity
name or a spelling suggestion), so it is shown through :func:`index.inert.inert`
like everything else: the value keeps what was typed, the screen gets the
inert form, of the same length, so the cursor stays where it is.

A typed format character (zero-width space, joiner, soft hyphen: Unicode category
Cf) goes into the value too; Textual's ``Input`` drops every key that is not
printable, so a query of zero-width characters left the box empty and listed the
whole library, where ``nutgraf search`` says "no word to search for".
"""

from __future__ import annotations

import unicodedata

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from index.inert import inert

__all__ = ["InertHighlighter", "ListInput"]


class InertHighlighter(Highlighter):
    """Shows a text box's value with its control characters made visible."""

    def highlight(self, text: Text) -> None:
        shown = inert(text.plain, one_line=True)
        if shown != text.plain:
            text.plain = shown


class ListInput(Input):
    """An input that posts :class:`ListInput.Down` when Down is pressed in it.

    Its keys are shown in the footer while it has focus (``enter`` with the
    description given, ``↓`` into the list, ``esc`` out of the box), since the
    reader's letter keys type into it then.
    """

    BINDINGS = [
        Binding("down", "down", "List", key_display="↓"),
        Binding("escape", "screen.clear", "Leave", key_display="esc"),
    ]

    class Down(Message):
        """The user pressed Down in the box: the pane moves focus into its list."""

    def __init__(self, enter: str = "Choose", **kwargs: object) -> None:
        """``enter`` says what enter does in this box (in the footer)."""
        super().__init__(highlighter=InertHighlighter(), **kwargs)  # type: ignore[arg-type]
        # Input binds enter to submit unseen; this box's footer says what submitting does.
        self._bindings.key_to_bindings["enter"] = [
            Binding("enter", "submit", enter, key_display="enter")
        ]

    def action_down(self) -> None:
        self.post_message(self.Down())

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls the _on_key of each class of the widget in turn (Input's after
        # this one) until one prevents the default: other keys go on to Input's.
        char = event.character
        if char is not None and len(char) == 1 and unicodedata.category(char) == "Cf":
            event.stop()
            event.prevent_default()
            if self.selection.is_empty:
                self.insert_text_at_cursor(char)
            else:
                self.replace(char, *self.selection)
