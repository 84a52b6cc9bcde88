"""The export dialog (``ctrl+e``, as harlequin has it): what, in which format, to which file.

| Key | Does |
| :- | :- |
| ↑ ↓ | choose what, or the format (tab goes from one to the next) |
| enter | export |
| escape | close without exporting |

What can be exported is what the reader shows now, and only that: the current
search's results (every hit, not only those listed), the mentions of the entity
being walked (across the library), this article. Formats are those of
``nutgraf export`` (:mod:`index.export`): CSV, JSON Lines, Markdown. The file goes,
by default, in the user's Downloads folder when there is one (platformdirs'
``user_downloads_dir``, as Textual's own screenshots), else the working folder, named
for what it holds (``nutgraf-search-tony-blair.csv``; ``-2``, ``-3`` … when taken).
A file is never replaced: a name already taken is refused in the dialog. The
file is written atomically (:meth:`index.library.Research.save`) in a thread, and a
toast says where it went, or the dialog why it could not.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from index.inert import inert
from index.library import LIBRARY_READ_ERRORS, Library, Research
from tui.caps import capped
from tui.choice_set import ChoiceButton, ChoiceSet
from tui.list_input import InertHighlighter

if TYPE_CHECKING:
    from tui.reader_screen import ReaderScreen

__all__ = ["Choice", "ExportScreen", "choices", "default_path", "open_export"]

FORMATS = (("csv", "CSV"), ("jsonl", "JSON Lines"), ("md", "Markdown"))


@dataclass(frozen=True)
class Choice:
    """One thing the dialog offers to export: ``subject`` and ``target`` as
    :meth:`index.library.Research.export` takes them, and its label."""

    subject: str
    target: str
    label: str
    slug: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "export"


def choices(screen: ReaderScreen) -> list[Choice]:
    """What the reader shows now: the search's results, the entity's mentions, the article."""
    found: list[Choice] = []
    query = screen.search_panel.query_box.value.strip()
    if query and screen.search_panel.results:
        label = f"The results of “{capped(inert(query, one_line=True), 40)}”"
        found.append(Choice("search", query, label, f"search-{_slug(query)}"))
    targets = screen.view.targets
    name = screen.walk.name if screen.walk is not None else None
    if name is None and targets is not None and targets.what == "mention":
        name = targets.label
    if name:
        label = f"Every mention of {capped(inert(name, one_line=True), 40)} in the library"
        found.append(Choice("mentions", name, label, f"mentions-{_slug(name)}"))
    if screen.article is not None:
        title = capped(inert(screen.article.title, one_line=True), 40)
        label = f"This article: {title}"
        found.append(Choice("article", screen.article.id, label, f"article-{_slug(title)}"))
    return found


def export_folder() -> Path:
    """The user's Downloads folder (platformdirs) when it exists, else the working one."""
    import platformdirs

    downloads = platformdirs.user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def default_path(choice: Choice, fmt: str, folder: Path | None = None) -> Path:
    """``nutgraf-<what>.<fmt>`` in ``folder`` (:func:`export_folder`), numbered when taken."""
    folder = export_folder() if folder is None else folder
    path = folder / f"nutgraf-{choice.slug}.{fmt}"
    n = 2
    while path.exists():
        path = folder / f"nutgraf-{choice.slug}-{n}.{fmt}"
        n += 1
    return path


class ExportScreen(ModalScreen[None]):
    """Choose what and how to export; writes it and toasts where."""

    BINDINGS = [Binding("escape", "close", "Close", tooltip="close without exporting")]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    #export-dialog {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #export-dialog RadioSet { width: 100%; border: none; padding: 0; }
    #export-format { layout: horizontal; }
    #export-format RadioButton { width: auto; }
    #export-dialog .export-label { color: $text-muted; }
    #export-path { margin: 0; }
    #export-status { height: auto; }
    #export-buttons { height: auto; align-horizontal: right; }
    #export-buttons Button { min-width: 10; margin-left: 1; }
    """

    def __init__(self, library: Library, offered: list[Choice]) -> None:
        super().__init__()
        self.library = library
        self.offered = offered
        self.format = "csv"
        self.choice = offered[0]
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            with ChoiceSet(id="export-what", submit="export"):
                for i, choice in enumerate(self.offered):
                    yield ChoiceButton(Text(choice.label), value=i == 0)
            with ChoiceSet(id="export-format", submit="export"):
                for i, (_, label) in enumerate(FORMATS):
                    yield ChoiceButton(label, value=i == 0)
            yield Static("File (enter exports; tab moves on):", classes="export-label")
            yield Input(
                str(default_path(self.choice, self.format)),
                id="export-path",
                highlighter=InertHighlighter(),
            )
            yield Static(id="export-status")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = "Export"
        self.query_one("#export-what", RadioSet).focus()

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "export-what":
            self.choice = self.offered[event.index]
        else:
            self.format = FORMATS[event.index][0]
        self.query_one("#export-path", Input).value = str(default_path(self.choice, self.format))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        """Export what is chosen, as chosen, to the file named."""
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self._status("Give a file name", "red")
            return
        path = Path(value).expanduser()
        self._status("Exporting…", "dim")
        self._export(self.choice, self.format, path)

    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        """Close without exporting."""
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, choice: Choice, fmt: str, path: Path) -> None:
        out = io.StringIO(newline="")
        try:
            count = Research(self.library).export(
                choice.subject,  # type: ignore[arg-type]
                choice.target,
                fmt,  # type: ignore[arg-type]
                out,
            )
            Research(self.library).save(path, out.getvalue(), force=False)
        except FileExistsError:
            self.app.call_from_thread(self._status, f"{path} exists: choose another name", "red")
            return
        except Research.Error as err:
            self.app.call_from_thread(self._status, f"Not exported: {err}", "red")
            return
        except LIBRARY_READ_ERRORS as err:
            self.app.call_from_thread(self._status, f"Not exported: {err}", "red")
            return
        self.app.call_from_thread(self._done, path, count)

    def _done(self, path: Path, count: int) -> None:
        self.written = path
        rows = f"{count} row{'s' if count != 1 else ''}"
        self.app.notify(
            f"Exported {rows} to {inert(str(path.resolve()), one_line=True)}",
            timeout=8,
            markup=False,
        )
        self.dismiss(None)

    def _status(self, message: str, style: str) -> None:
        self.query_one("#export-status", Static).update(
            Text(inert(message, one_line=True), style=style)
        )


def open_export(screen: ReaderScreen) -> None:
    """Open the export dialog, or say in a toast that there is nothing to export."""
    offered = choices(screen)
    if not offered:
        screen.notify("Nothing to export: open an article or search first", timeout=4)
        return
    screen.app.push_screen(ExportScreen(screen.library, offered))
