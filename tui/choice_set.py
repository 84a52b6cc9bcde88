"""A radio group for the reader's dialogs, where the highlighted option is the chosen one.

Textual's :class:`~textual.widgets.RadioSet` keeps a cursor apart from the choice:
arrows move the cursor, enter or space chooses, and on focus the cursor sits on the
first option whatever is chosen. In a dialog that reads "enter does it", that sends
the user's enter to the wrong place (a removal "in this article" went to the whole
library in a try of the correction dialog: the arrows had moved the cursor, not the
choice). Here, as in the radio groups of desktop toolkits (WAI-ARIA Authoring
Practices, "Radio Group": arrow keys move focus *and* check), an arrow chooses the
option it lands on, focus lands on the chosen option, and enter runs the dialog's
own action. Each option shows its state without colour too (● chosen, ○ not), as
the reader's other states do under ``NO_COLOR``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import RadioButton, RadioSet

__all__ = ["ChoiceButton", "ChoiceSet"]


class ChoiceButton(RadioButton):
    """A radio button marked ● when chosen and ○ when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual's class attribute
        return "●" if self.value else "○"


class ChoiceSet(RadioSet):
    """Options of which the highlighted one is the chosen one; enter runs ``submit``, an
    action of the screen (``"export"`` runs ``screen.action_export``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next option", show=False),
        Binding("up,left", "previous_button", "Previous option", show=False),
        Binding("enter", "submit", "Submit", show=False),
    ]

    def __init__(self, *buttons: RadioButton, submit: str, **kwargs: Any) -> None:
        super().__init__(*buttons, **kwargs)
        self._submit = submit
        self._ready = False  # RadioSet's own mount moves its cursor: that chooses nothing

    def on_mount(self) -> None:
        """An arrow chooses once RadioSet's own mount (which runs after this handler and
        moves the cursor to the first option) is done."""
        self.call_after_refresh(self._arm)

    def _arm(self) -> None:
        self._ready = True
        if self.has_focus and self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_next_button(self) -> None:
        """Choose the next option (wrapping at the end)."""
        super().action_next_button()
        self._choose()

    def action_previous_button(self) -> None:
        """Choose the previous option (wrapping at the start)."""
        super().action_previous_button()
        self._choose()

    def _choose(self) -> None:
        if not (self._ready and self.has_focus):
            return
        if self._selected is not None and self._selected != self.pressed_index:
            self.action_toggle_button()

    def on_focus(self, event: events.Focus) -> None:
        """Land on the chosen option, not the first."""
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    async def action_submit(self) -> None:
        """Run the screen's action (the dialog's "do it")."""
        await self.screen.run_action(self._submit)
