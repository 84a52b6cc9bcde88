"""The help screen: every key of the reader, gathered from the bindings themselves.

Built from the ``BINDINGS`` of the app, the main screen and the panes, so it
can never drift from what the keys really do.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen", "key_table"]

# Keys that come from Textual's own widgets, worth listing too.
_EXTRA = [
    ("Lists", "up / down, home / end", "move in the entity and result lists"),
    ("Lists", "enter", "choose the highlighted entity or result"),
    ("Lists", "(mouse)", "click to choose; scroll with the wheel"),
    ("Filter and query boxes", "down", "into the list below"),
    ("Filter and query boxes", "enter", "choose the first entity or open the first result"),
    ("Filter and query boxes", "escape", "leave the box (letters type into it until then)"),
    ("Anywhere", "ctrl+p", "command palette: open article, add files or URL, panes, theme"),
]
_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "slash": "/",
}


def _display(binding: Binding) -> str:
    keys = (
        [binding.key_display]
        if binding.key_display
        else [k.strip() for k in binding.key.split(",")]
    )
    return " / ".join(_NAMES.get(k, k) for k in keys)


def key_table() -> list[tuple[str, str, str]]:
    """(where, key, what it does) for every binding of the reader."""
    from tui.app import NutgrafApp
    from tui.article_view import ArticleView
    from tui.entity_pane import EntityPane
    from tui.reader_screen import ReaderScreen

    rows: list[tuple[str, str, str]] = []
    for where, owner in (
        ("Anywhere", NutgrafApp),
        ("Anywhere", ReaderScreen),
        ("Article", ArticleView),
        ("Entities pane", EntityPane),
    ):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                rows.append((where, _display(binding), binding.tooltip or binding.description))
    rows.extend(_EXTRA)
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Every key of the reader", style="bold"), classes="help-title")
            sections: dict[str, list[tuple[str, str]]] = {}
            for where, key, what in key_table():
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
