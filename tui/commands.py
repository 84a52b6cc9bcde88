"""The reader's entries in the command palette (ctrl+p), beside Textual's own.

One name per action: Textual's "Keys" (its key panel) is left out, since
"Help: every key" (``?``) lists every key of the reader, and its
"Screenshot", which saves to the Downloads folder and fails where there is
none, is replaced by one that saves where it can and says where
(:func:`screenshot_folders`). Each entry names its key, so the palette also
teaches the keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from index.inert import inert

if TYPE_CHECKING:
    from tui.app import NutgrafApp

__all__ = [
    "REPLACED",
    "reader_commands",
    "save_screenshot",
    "screenshot_folders",
    "textual_commands",
]

#: Textual's own entries that the reader leaves out or replaces (by title).
REPLACED = frozenset({"Keys", "Screenshot"})


def textual_commands(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's palette entries, without those in :data:`REPLACED`."""
    return (c for c in commands if c.title not in REPLACED)


def reader_commands(app: NutgrafApp) -> Iterable[SystemCommand]:
    """Entries for the reader's actions that have a key but no other menu."""
    reader = app.reader
    entries: list[tuple[str, str, Callable[[], object]]] = [
        ("Back", "The article opened before (H)", reader.action_back),
        ("Forward", "Forward again after going back (L)", reader.action_forward),
        ("Next result", "Open the next search result (])", lambda: reader.action_result(1)),
        (
            "Previous result",
            "Open the previous search result ([)",
            lambda: reader.action_result(-1),
        ),
        ("Next mention or match", "The next one in the article (n)", lambda: reader.action_step(1)),
        (
            "Previous mention or match",
            "The previous one in the article (N)",
            lambda: reader.action_step(-1),
        ),
        (
            "Open URL in browser",
            "The article's address, in the browser (o)",
            reader.action_open_url,
        ),
        (
            "Copy URL",
            "The article's address (or file) to the clipboard (u)",
            reader.action_copy_url,
        ),
        (
            "Star or unstar",
            "Star this article; find starred ones with is:starred (*)",
            reader.action_star,
        ),
        (
            "Tag",
            "Tag this article; -name takes a tag off; find them with tag:name (t)",
            reader.action_tag,
        ),
        (
            "Highlight passage",
            "Highlight the mouse selection, or the current mention's or match's sentence (h)",
            reader.action_highlight,
        ),
        (
            "Note",
            "A note on the highlight at the passage, or on the article (a)",
            reader.action_annotate,
        ),
        (
            "Highlights and notes",
            "This article's star, tags, notes and highlights, orphaned ones too",
            reader.show_annotations,
        ),
        ("Cite", "Copy the passage or selection with its source (y)", reader.action_cite),
        (
            "Cite the paragraph",
            "Copy the passage's paragraph with its source (Y)",
            lambda: reader.action_cite("paragraph"),
        ),
        (
            "Cite as Markdown",
            "Copy the passage as a Markdown quote, the title linked to the URL",
            lambda: reader.action_cite("sentence", "markdown"),
        ),
        ("Export", "Results, mentions or the article, to a file (ctrl+e)", reader.action_export),
        ("Help: every key", "Every key and what it does (?)", app.action_help),
        (
            "Screenshot",
            "Save an SVG picture of the screen; the toast says where",
            lambda: save_screenshot(app),
        ),
    ]
    for title, help_text, callback in entries:
        yield SystemCommand(title, help_text, callback)


def screenshot_folders() -> list[Path]:
    """Where a screenshot may go, in order: the user's Downloads folder (platformdirs,
    as Textual uses) when it exists, the working folder, nutgraf's user data folder
    (platformdirs; made when it comes to it). Whether one can be written is only
    known by writing (``os.access`` says yes to root in ``/sys``, where writing fails)."""
    import platformdirs

    downloads = platformdirs.user_downloads_path()
    data = Path(platformdirs.user_data_dir("nutgraf", appauthor=False))
    return [*([downloads] if downloads.is_dir() else []), Path.cwd(), data]


def save_screenshot(app: NutgrafApp) -> None:
    """Save an SVG of the screen once the palette has closed, in the first folder of
    :func:`screenshot_folders` where writing works; a toast says where, or why not."""

    def save() -> None:
        error: OSError | None = None
        for folder in screenshot_folders():
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = app.save_screenshot(path=str(folder))
            except OSError as err:
                error = err
                continue
            shown = inert(path, one_line=True)
            app.notify(f"Screenshot saved to {shown}", timeout=6, markup=False)
            return
        app.notify(
            f"Screenshot not saved: {inert(error or 'no folder', one_line=True)}",
            severity="error",
            markup=False,
        )

    app.set_timer(0.1, save)
