"""The reader's entries in the command palette (ctrl+p), beside Textual's own.

One name per action: Textual's "Keys" (its key panel) is left out, since
"Help: every key" (``?``) lists every key of the reader, and its
"Screenshot", which saves to the Downloads folder and fails where there is
none, is replaced by one that saves where it can and says where
(:func:`screenshot_folder`). Each entry names its key, so the palette also
teaches the keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from index.inert import inert

if TYPE_CHECKING:
    from tui.app import NutgrafApp

__all__ = ["REPLACED", "reader_commands", "screenshot_folder", "textual_commands"]

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
            reader.view.action_open_url,
        ),
        (
            "Copy URL",
            "The article's address (or file) to the clipboard (y)",
            reader.view.action_copy_url,
        ),
        ("Help: every key", "Every key and what it does (?)", app.action_help),
        (
            "Screenshot",
            "Save an SVG picture of the screen; the toast says where",
            lambda: save_screenshot(app),
        ),
    ]
    for title, help_text, callback in entries:
        yield SystemCommand(title, help_text, callback)


def screenshot_folder() -> Path:
    """Where a screenshot goes: the user's Downloads folder (platformdirs, as Textual
    uses) when it exists, else the working folder when it can be written, else
    nutgraf's user data folder (platformdirs), made if need be."""
    import platformdirs

    downloads = platformdirs.user_downloads_path()
    if downloads.is_dir() and os.access(downloads, os.W_OK):
        return downloads
    here = Path.cwd()
    if os.access(here, os.W_OK):
        return here
    data = Path(platformdirs.user_data_dir("nutgraf", appauthor=False))
    data.mkdir(parents=True, exist_ok=True)
    return data


def save_screenshot(app: NutgrafApp) -> None:
    """Save an SVG of the screen once the palette has closed; a toast says where."""

    def save() -> None:
        try:
            path = app.save_screenshot(path=str(screenshot_folder()))
        except OSError as err:
            app.notify(
                f"Screenshot not saved: {inert(err, one_line=True)}",
                severity="error",
                markup=False,
            )
            return
        app.notify(f"Screenshot saved to {inert(path, one_line=True)}", timeout=6, markup=False)

    app.set_timer(0.1, save)
