"""The help screen: every key of the reader, in the rows it is given.

The app builds the rows from the ``BINDINGS`` of itself, the main screen and
the panes (:func:`binding_rows`), so the list can never drift from what the
keys really do; this screen only lays them out, one section per place. It
imports nothing of the app, so the app can import it.

| Key | Does |
| :- | :- |
| escape / q / ? | close (escape in the filter box leaves the box) |
| / | filter the rows by key or description |
| j / k, space / b, g / G | scroll as in the article (and the arrows, page keys, home / end) |

How to close it is its first line, not its last (issue 14, item 11). From
:data:`TWO_COLUMNS` columns wide the sections stand in two columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from index.inert import inert

__all__ = ["STACK_BELOW", "TWO_COLUMNS", "HelpScreen", "KeyRow", "binding_rows", "matching_rows"]

#: From this many columns the help shows its sections in two columns.
TWO_COLUMNS = 140
#: Below this many columns each key stands over its description, so that a
#: 22-cell key column does not leave the descriptions no room (issue 14 fix item 10).
STACK_BELOW = 64

_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "slash": "/",
}

HINT = "escape, q or ? closes this  ·  / filters  ·  j k  space b  g G scroll"


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


def matching_rows(rows: Iterable[KeyRow], needle: str) -> list[KeyRow]:
    """The rows whose key, description or place holds ``needle`` (ignoring case);
    every row for an empty needle."""
    needle = needle.strip().casefold()
    return [r for r in rows if not needle or any(needle in x.casefold() for x in r)]


def _section(where: str, rows: list[KeyRow], stacked: bool = False) -> Vertical:
    """One place's keys: a key column 22 cells wide beside the descriptions, or,
    ``stacked`` (narrow screens), each key on its own line over its description."""
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    if stacked:
        table.add_column(ratio=1)
        for row in rows:
            table.add_row(Text(row.key, style="bold cyan"))
            table.add_row(Text("  " + row.what))
    else:
        table.add_column(width=22, style="bold cyan", no_wrap=True)
        table.add_column(ratio=1)
        for row in rows:
            table.add_row(Text(row.key), Text(row.what))  # Text: keys come from the config
    return Vertical(
        Static(Text(where, style="bold underline"), classes="help-section"),
        Static(table),
        classes="help-group",
    )


def _balanced(sections: list[tuple[str, list[KeyRow]]]) -> tuple[list[int], list[int]]:
    """Split the sections (by index, in order) between two columns of about equal rows."""
    sizes = [len(rows) + 2 for _, rows in sections]
    half, total, split = sum(sizes) / 2, 0, len(sizes)
    for i, size in enumerate(sizes):
        if total + size / 2 > half:
            split = max(i, 1)
            break
        total += size
    return list(range(split)), list(range(split, len(sizes)))


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it, / filters it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("slash", "filter", "Filter"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
        Binding("space", "scroll('page_down')", "Page down", show=False),
        Binding("b", "scroll('page_up')", "Page up", show=False),
        Binding("g", "scroll('home')", "Top", show=False),
        Binding("G", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        #: The keys listed, in order; rows of the same place are shown together.
        self.rows = list(rows)
        self._two = False
        self._stacked = False
        #: The rows on show (those that pass the filter).
        self.shown: list[KeyRow] = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text(HINT, style="bold"), classes="help-hint")
            yield Input(placeholder="Filter keys  (/)", id="help-filter")
            with VerticalScroll(id="help-body"), Horizontal(id="help-columns"):
                yield Vertical(classes="help-column")
                yield Vertical(classes="help-column -second")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Every key of the reader"
        self.body.focus()

    @property
    def body(self) -> VerticalScroll:
        """The scrolled part: the sections of keys."""
        return self.query_one("#help-body", VerticalScroll)

    @property
    def filter_box(self) -> Input:
        return self.query_one("#help-filter", Input)

    def on_resize(self, event: Resize) -> None:
        self._two = event.size.width >= TWO_COLUMNS
        self.set_class(self._two, "-two-columns")
        self._stacked = event.size.width < STACK_BELOW
        self.set_class(self._stacked, "-narrow")
        self._fill()

    @on(Input.Changed, "#help-filter")
    def _fill(self) -> None:
        """Lay the (matching) rows out again, one section per place."""
        needle = self.filter_box.value
        sections: dict[str, list[KeyRow]] = {}
        self.shown = matching_rows(self.rows, needle)
        for row in self.shown:
            sections.setdefault(row.where, []).append(row)
        groups = list(sections.items())
        left, right = _balanced(groups) if self._two else (list(range(len(groups))), [])
        columns = list(self.query(".help-column").results(Vertical))
        for column, indexes in zip(columns, (left, right), strict=True):
            column.remove_children()
            widgets: list[Widget] = [_section(*groups[i], self._stacked) for i in indexes]
            if not groups and column is columns[0]:
                shown = inert(needle.strip(), one_line=True)
                widgets = [Static(Text(f"No key matches “{shown}”", style="italic"))]
            column.mount_all(widgets)

    @on(Input.Submitted, "#help-filter")
    def _filtered(self) -> None:
        self.body.focus()

    def action_filter(self) -> None:
        """Show the filter box and type into it."""
        self.filter_box.add_class("-shown")
        self.filter_box.focus()

    def action_close(self) -> None:
        """Close the help; from the filter box, leave the box (an empty one goes away)."""
        if self.filter_box.has_focus:
            if not self.filter_box.value:
                self.filter_box.remove_class("-shown")
            self.body.focus()
            return
        self.dismiss()

    def action_scroll(self, how: str) -> None:
        """Scroll the keys: down, up, page_down, page_up, home or end."""
        body = self.body
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[how](animate=False)
