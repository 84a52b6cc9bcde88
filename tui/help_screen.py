"""The help screen: every key of the reader, in the rows it is given.

The app builds the rows from the ``BINDINGS`` of itself, the main screen and
the panes (:func:`binding_rows`), so the list can never drift from what the
keys really do; this screen only lays them out, one section per place. It
imports nothing of the app, so the app can import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen", "KeyRow", "binding_rows"]

_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "slash": "/",
}


class KeyRow(NamedTuple):
    """One line of the help: where the key works, the key, and what it does."""

    where: str
    key: str
    what: str


def _display(binding: Binding) -> str:
    keys = (
        [binding.key_display]
        if binding.key_display
        else [k.strip() for k in binding.key.split(",")]
    )
    return " / ".join(_NAMES.get(k, k) for k in keys)


def binding_rows(where: str, bindings: Iterable[BindingType]) -> list[KeyRow]:
    """A row for each :class:`Binding` in ``bindings``, said to work ``where``."""
    return [
        KeyRow(where, _display(b), b.tooltip or b.description)
        for b in bindings
        if isinstance(b, Binding)
    ]


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        #: The keys listed, in order; rows of the same place are shown together.
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Every key of the reader", style="bold"), classes="help-title")
            sections: dict[str, list[tuple[str, str]]] = {}
            for where, key, what in self.rows:
                sections.setdefault(where, []).append((key, what))
            for where, rows in sections.items():
                table = Table(box=None, show_header=False, pad_edge=False, expand=True)
                table.add_column(width=22, style="bold cyan", no_wrap=True)
                table.add_column(ratio=1)
                for key, what in rows:
                    table.add_row(key, what)
                yield Static(Text(where, style="bold underline"), classes="help-section")
                yield Static(table)
            yield Static(Text("escape, q or ? closes this", style="dim"), classes="help-foot")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
