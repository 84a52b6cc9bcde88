"""The add dialog: files, folders, feeds or URLs into the library, with live progress.

Adding runs in a thread worker (it is slow: reading, entity analysis,
indexing) and reports through the same progress events as the command line.
If another process is writing to the library, the dialog says so and waits.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from index.inert import inert
from index.library import Library
from tui.list_input import InertHighlighter

if TYPE_CHECKING:
    from index.model import AddProgress, AddReport

__all__ = ["AddScreen"]


class AddScreen(ModalScreen[str | None]):
    """Ask for paths or URLs, add them, show the outcome; dismisses with the first new id."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.report: AddReport | None = None
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog"):
            yield Static(
                Text("Paths, folders or URLs, separated by spaces (quote paths with spaces):")
            )
            yield Input(
                placeholder="~/articles/ https://example.com/story.html",
                id="add-input",
                highlighter=InertHighlighter(),
            )
            yield ProgressBar(id="add-progress", show_eta=True)
            yield Static(id="add-status")

    def on_mount(self) -> None:
        self.query_one("#add-dialog").border_title = "Add articles"
        self.query_one(ProgressBar).display = False

    @on(Input.Submitted, "#add-input")
    def _start(self, event: Input.Submitted) -> None:
        if self.running:
            return
        try:
            names = shlex.split(event.value)
        except ValueError as err:
            self._status(Text(f"Cannot read that: {inert(err, one_line=True)}", style="red"))
            return
        if not names:
            return
        self.running = True
        event.input.disabled = True
        self.query_one(ProgressBar).display = True
        self._status(Text("Starting…", style="dim"))
        self._add(names)

    @work(thread=True, exclusive=True, group="add")
    def _add(self, names: list[str]) -> None:
        from index.ingest import add_sources  # imported here: the reader starts without it

        lock = self.library.write_lock()

        def waiting(message: str) -> None:
            self.app.call_from_thread(self._status, Text(message, style="yellow"))

        def progress(event: AddProgress) -> None:
            self.app.call_from_thread(self._progress, event)

        try:
            lock.acquire(timeout=None, on_wait=waiting)
            try:
                report = add_sources(self.library, names, progress=progress)
            finally:
                lock.release()
        except Exception as err:  # shown in the dialog; the reader goes on
            self.app.call_from_thread(self._failed, f"{type(err).__name__}: {err}")
            return
        self.app.call_from_thread(self._done, report)

    def _status(self, text: Text) -> None:
        self.query_one("#add-status", Static).update(text)

    def _progress(self, event: AddProgress) -> None:
        self.query_one(ProgressBar).update(total=max(event.total, 1), progress=event.done)
        self._status(Text(inert(event.current[:70], one_line=True) or "working…", style="dim"))

    def _failed(self, message: str) -> None:
        self.running = False
        self._status(Text(f"Adding failed: {inert(message, one_line=True)}", style="bold red"))

    def _done(self, report: AddReport) -> None:
        self.running = False
        self.report = report
        lines = Text.assemble(
            (f"{len(report.added)} added", "bold green"),
            ", ",
            (f"{len(report.updated)} updated", "bold"),
            ", ",
            f"{report.unchanged} unchanged, ",
            (f"{len(report.skipped)} skipped", "bold yellow" if report.skipped else ""),
        )
        for skip in report.skipped[:8]:
            lines.append(f"\n  {inert(skip, one_line=True)}", style="yellow")
        if len(report.skipped) > 8:
            lines.append(f"\n  … and {len(report.skipped) - 8} more", style="dim")
        lines.append(
            "\n\nescape closes" + (" and opens the first new article" if report.first_id else ""),
            style="dim",
        )
        self._status(lines)

    def action_close(self) -> None:
        """Close (after adding, open the first article added)."""
        if self.running:
            self.notify("Still adding; the dialog closes when it is done", severity="warning")
            return
        self.dismiss(self.report.first_id if self.report else None)
