"""The article's address: open it in the browser (``o``), copy it (``u``).

Opening goes through the standard library's :mod:`webbrowser` in a worker
thread, so a slow or hanging browser launcher cannot freeze the reader. A
browser that runs in the terminal (``lynx``, ``w3m``, ``links``, ``elinks``,
``www-browser``: what :mod:`webbrowser` falls back on without a display) would
draw over the reader, so it is not used: the toast says there is no browser
to open and that ``u`` copies the address. Only http(s) addresses are opened, and the
browser's own output is kept off the screen (:mod:`tui.launch`). Copying uses Textual's
:meth:`~textual.app.App.copy_to_clipboard` (the OSC 52 escape: it works over
SSH and in most terminals; macOS Terminal ignores it). Every toast shows the
address through :func:`index.inert.inert`.
"""

from __future__ import annotations

import webbrowser

from textual.app import App

from index.inert import inert
from index.library import provenance
from index.model import Article
from tui.caps import capped
from tui.launch import launch as launch_quietly
from tui.launch import openable

__all__ = ["CONSOLE_BROWSERS", "copy_source", "open_url"]

#: Browsers that run inside the terminal (the console ones :mod:`webbrowser` knows).
CONSOLE_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m"})


def _shown(text: str, room: int = 80) -> str:
    return capped(inert(text, one_line=True), room)


def open_url(app: App[object], article: Article | None) -> None:
    """Open ``article``'s URL in the browser, in a worker thread; a toast says if no
    article is open, it has no URL or no browser could be found."""
    if article is None:
        app.notify("No article is open", severity="warning", markup=False)
        return
    url = provenance(article).url
    if not url:
        app.notify("This article has no URL to open", severity="warning", markup=False)
        return
    if not openable(url):
        app.notify(
            f"Not opened: only http(s) addresses go to the browser ({_shown(url, 40)})",
            severity="warning",
            markup=False,
        )
        return

    def launch() -> None:
        try:
            browser = webbrowser.get()
            if getattr(browser, "name", "") in CONSOLE_BROWSERS:
                raise webbrowser.Error("only a terminal browser")
            opened = launch_quietly(browser, url)
        except (webbrowser.Error, OSError):
            opened = False
        if opened:
            app.call_from_thread(app.notify, f"Opening {_shown(url)}", timeout=3, markup=False)
        else:
            app.call_from_thread(
                app.notify,
                "No browser found to open the URL; u copies it",
                severity="warning",
                markup=False,
            )

    app.run_worker(launch, thread=True, group="browser", exit_on_error=False)


def copy_source(app: App[object], article: Article | None) -> None:
    """Copy ``article``'s URL (or, with none, the file it was read from) to the clipboard."""
    if article is None:
        app.notify("No article is open", severity="warning", markup=False)
        return
    where = provenance(article)
    if not (where.url or where.file):
        app.notify("This article has no URL or file to copy", severity="warning", markup=False)
        return
    text = where.url or where.file or ""
    app.copy_to_clipboard(text)
    what = "URL" if where.url else "file path"
    app.notify(f"Copied {what}: {_shown(text)}", timeout=3, markup=False)
