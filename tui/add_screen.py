"""The add dialog: files, folders, feeds or URLs into the library, with live progress.

| Key | Does |
| :- | :- |
| enter | add what was typed |
| escape | cancel a running add (between articles), or close |

Adding runs in a thread worker (it is slow: reading, entity analysis,
indexing), holding the library's write lock through :meth:`Library.writer`.
Its progress comes back as :class:`AddScreen.Progress` messages posted from
the worker, which never waits for the screen: a newer progress message
replaces one not yet shown (``can_replace``, as toolong's scanner does), so a
corpus of thousands of articles never floods the message queue. If another
process is writing to the library, the dialog says so and waits.
"""

from __future__ import annotations

import shlex

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker, get_current_worker

from index.inert import inert
from index.library import Library
from index.model import AddProgress, AddReport, LibraryError
from tui.list_input import InertHighlighter

__all__ = ["AddScreen"]


class AddScreen(ModalScreen[str | None]):
    """Ask for paths or URLs, add them, show the outcome; dismisses with the first new id."""

    BINDINGS = [Binding("escape", "close", "Close", tooltip="cancel the add, or close")]

    class Progress(Message):
        """Where the add is (posted from the worker; a newer one replaces an older)."""

        def __init__(self, progress: AddProgress) -> None:
            super().__init__()
            self.progress = progress

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, AddScreen.Progress)

    class Waiting(Message):
        """Another process holds the write lock: the add waits for it."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    class Finished(Message):
        """The add ended: with a report, or with the error that stopped it."""

        def __init__(self, report: AddReport | None, error: str | None = None) -> None:
            super().__init__()
            self.report = report
            self.error = error

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.report: AddReport | None = None
        self.worker: Worker[None] | None = None
        #: True from the start of an add until its worker says it has ended (a cancelled
        #: thread worker counts as finished for Textual while its thread still runs).
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
        event.input.disabled = True
        self.running = True
        self.query_one(ProgressBar).display = True
        self._status(Text("Starting…  (escape cancels)", style="dim"))
        self.worker = self._add(names)

    @work(thread=True, exclusive=True, group="add")
    def _add(self, names: list[str]) -> None:
        worker = get_current_worker()

        def waiting(message: str) -> None:
            self.post_message(self.Waiting(message))

        def progress(done: AddProgress) -> None:
            self.post_message(self.Progress(done))

        try:
            with self.library.writer(on_wait=waiting) as writer:
                report = writer.add(names, progress=progress, cancelled=lambda: worker.is_cancelled)
        except LibraryError as err:  # read-only, busy, damaged: its message says it all
            self.post_message(self.Finished(None, str(err)))
            return
        except Exception as err:  # shown in the dialog; the reader goes on
            self.post_message(self.Finished(None, f"{type(err).__name__}: {err}"))
            return
        self.post_message(self.Finished(report))

    @on(Waiting)
    def _waiting(self, event: Waiting) -> None:
        self._status(Text(inert(event.message, one_line=True), style="yellow"))

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        progress = event.progress
        self.query_one(ProgressBar).update(total=max(progress.total, 1), progress=progress.done)
        current = inert(progress.current[:70], one_line=True) or "working…"
        self._status(Text(current, style="dim"))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.running = False
        if event.report is None:
            message = inert(event.error, one_line=True)
            self._status(Text(f"Adding failed: {message}", style="bold red"))
        else:
            self._done(event.report)

    def _status(self, text: Text) -> None:
        self.query_one("#add-status", Static).update(text)

    def _done(self, report: AddReport) -> None:
        self.report = report
        lines = Text.assemble(
            (f"{len(report.added)} added", "bold green"),
            ", ",
            (f"{len(report.updated)} updated", "bold"),
            ", ",
            f"{report.unchanged} unchanged, ",
            f"{report.duplicates} duplicates within the input, " if report.duplicates else "",
            (f"{len(report.skipped)} skipped", "bold yellow" if report.skipped else ""),
        )
        if report.cancelled:
            lines.append("\nCancelled: the rest was not added.", style="bold yellow")
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
        """Cancel a running add (it stops between articles); else close (after adding,
        opening the first article added)."""
        if self.worker is not None and self.running:
            self.worker.cancel()
            self._status(Text("Cancelling: finishing the batch being written…", style="yellow"))
            return
        self.dismiss(self.report.first_id if self.report else None)
