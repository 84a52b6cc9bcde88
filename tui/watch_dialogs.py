"""The saved-search dialogs: name a query, list the saved searches, confirm a delete.

| Dialog | Keys |
| :- | :- |
| :class:`SaveSearchScreen` | enter saves under the name typed (offered from the query) |
| :class:`SavedSearchesScreen` | enter runs the highlighted search; d deletes it (asks first) |
| :class:`ConfirmScreen` | y or enter: yes; n or escape: no |

The list counts each search's matches in a thread worker (each query is run
once, :meth:`index.watches.Watches.statuses`), so it opens at once and fills
in. Names and queries come from the user's store and are shown through
:func:`index.inert.inert`, as all outside text is. The dialogs only ask: the
reader screen (:mod:`tui.watch_keeper`) does the writing.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from index.inert import inert
from index.library import LIBRARY_READ_ERRORS, Library
from index.model import LibraryError, WatchError, WatchStatus

#: What asking for or changing a saved search can raise because of the world outside.
WATCH_ERRORS: tuple[type[Exception], ...] = (WatchError, LibraryError, *LIBRARY_READ_ERRORS)

__all__ = ["WATCH_ERRORS", "ConfirmScreen", "SaveSearchScreen", "SavedSearchesScreen", "watch_row"]

_DIALOG_CSS = """
{name} {{
    align: center middle;
}}
{name} > Vertical {{
    width: 72;
    max-width: 95%;
    height: auto;
    max-height: 90%;
    border: round $accent;
    padding: 0 1;
    background: $surface;
}}
{name} OptionList {{
    height: auto;
    max-height: 20;
}}
{name} .dialog-hint {{
    color: $text-muted;
}}
"""


class SaveSearchScreen(ModalScreen[str | None]):
    """Ask a name for ``query``; dismisses with the name (checked by
    :func:`index.watches.check_name`, not taken) or None."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="SaveSearchScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="close without saving")]

    def __init__(
        self, query: str, name: str, taken: list[str], check: Callable[[str], str]
    ) -> None:
        """``name``: the name offered; ``taken``: the names saved already; ``check``:
        the name as kept, or WatchError (:meth:`index.watches.Watches.check_name`)."""
        super().__init__()
        self.check = check
        self.search_query = query
        self.offered = name
        self.taken = {n.casefold(): n for n in taken}

    def compose(self) -> ComposeResult:
        with Vertical(id="save-search-dialog"):
            yield Static(
                Text.assemble("Query: ", (inert(self.search_query, one_line=True), "bold"))
            )
            yield Input(value=self.offered, placeholder="a name for this search", id="watch-name")
            yield Static(id="save-search-status", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#save-search-dialog").border_title = "Save search"
        self._hint(Text("enter saves · escape cancels · new matches are counted from now"))

    def _hint(self, text: Text) -> None:
        self.query_one("#save-search-status", Static).update(text)

    @on(Input.Submitted, "#watch-name")
    def _save(self, event: Input.Submitted) -> None:
        try:
            name = self.check(event.value)
        except WatchError as err:
            self._hint(Text(inert(err, one_line=True), style="bold red"))
            return
        if name.casefold() in self.taken:
            taken = self.taken[name.casefold()]
            self._hint(Text(f"‘{inert(taken, one_line=True)}’ is saved already", style="bold red"))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def watch_row(status: WatchStatus) -> Text:
    """One line of the list: name, total and new counts, the query (dim)."""
    new = (f"◆ {status.new:,} new", "bold") if status.new else ("0 new", "dim")
    return Text.assemble(
        (inert(status.name, one_line=True), "bold"),
        f"  {status.total:,} · ",
        new,
        "  ",
        (inert(status.query, one_line=True), "dim"),
    )


class SavedSearchesScreen(ModalScreen[WatchStatus | None]):
    """The saved searches with their totals and new counts; dismisses with the one to
    run, or None."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="SavedSearchesScreen")
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="close the list"),
        Binding("d", "delete", "Delete", tooltip="delete the highlighted saved search"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.statuses: list[WatchStatus] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="saved-searches-dialog"):
            yield OptionList(id="watch-list")
            yield Static("Counting…", id="saved-searches-status", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#saved-searches-dialog").border_title = "Saved searches"
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="watch-list")
    def load(self) -> None:
        """Count every saved search's matches (in a thread: each runs its query)."""
        worker = get_current_worker()
        try:
            statuses = self.library.watches.statuses()
        except LIBRARY_READ_ERRORS as err:
            message = f"Cannot read the saved searches: {inert(err, one_line=True)}"
            self.app.call_from_thread(self._hint, Text(message, style="bold red"))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, statuses)

    def _hint(self, text: Text | str) -> None:
        self.query_one("#saved-searches-status", Static).update(text)

    def _show(self, statuses: list[WatchStatus]) -> None:
        self.statuses = statuses
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(watch_row(s)) for s in statuses])
        if statuses:
            options.highlighted = 0
            self._hint("enter runs it (its matches then count as seen) · d deletes · escape closes")
        else:
            self._hint("No saved searches yet: ctrl+s in the search panel saves its query.")

    @on(OptionList.OptionSelected, "#watch-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.statuses):
            self.dismiss(self.statuses[event.option_index])

    def action_delete(self) -> None:
        """Delete the highlighted saved search, once confirmed."""
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.statuses):
            return
        name = self.statuses[index].name
        question = f"Delete the saved search ‘{inert(name, one_line=True)}’?"
        self.app.push_screen(ConfirmScreen(question), lambda yes: self._delete(name, yes))

    def _delete(self, name: str, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.library.watches.remove(name)
        except WATCH_ERRORS as err:  # read-only, gone meanwhile
            self.notify(f"Not deleted: {inert(err, one_line=True)}", severity="error", markup=False)
            return
        self.notify(f"Deleted ‘{inert(name, one_line=True)}’", markup=False)
        self.load()

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question; dismisses with True for yes."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", tooltip="yes"),
        Binding("n,escape", "answer(False)", "No", tooltip="no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(Text(self.question))
            yield Static("y yes · n no", classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        """Answer and close."""
        self.dismiss(yes)
