"""Starting the browser on an address, quietly: only http(s), and its output kept off
the reader's screen.

The standard library's :mod:`webbrowser` chooses the browser (``$BROWSER``, then the
ones it finds), but its :class:`~webbrowser.GenericBrowser` and
:class:`~webbrowser.BackgroundBrowser` start the command with the reader's own
standard output and error (CPython's ``Lib/webbrowser.py``: ``subprocess.Popen(cmdline,
close_fds=True)``), as :class:`~webbrowser.UnixBrowser` does when it starts a browser
that is not running yet; launchers such as ``xdg-open`` and Firefox print warnings
there, which would be drawn over the reader. So :func:`launch` runs the command that
:mod:`webbrowser` resolved itself, with standard input, output and error on
``/dev/null`` and in a new session (so a Ctrl-C in the reader does not reach it).
A browser that is not a command (macOS's ``osascript``, Windows' ``startfile``) is
left to :mod:`webbrowser`, which runs no child on the terminal there.

:func:`openable` says whether an address may be opened at all: only ``http`` and
``https`` with a host. A ``javascript:``, ``data:`` or ``file:`` address in a corpus
is data, not something to run (OWASP, "Unvalidated redirects": allow-list schemes).
"""

from __future__ import annotations

import subprocess
import webbrowser
from urllib.parse import urlsplit

__all__ = ["OPENABLE_SCHEMES", "launch", "openable"]

#: The schemes ``o`` opens (an allow-list).
OPENABLE_SCHEMES = frozenset({"http", "https"})


def openable(url: str) -> bool:
    """Whether ``url`` is an http(s) address with a host (what may go to a browser)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in OPENABLE_SCHEMES and bool(parts.netloc)


def _command(browser: webbrowser.BaseBrowser, url: str) -> list[str] | None:
    """The command line that opens ``url`` in ``browser``, or None when it is not one."""
    if isinstance(browser, webbrowser.GenericBrowser):
        return [browser.name, *(arg.replace("%s", url) for arg in browser.args)]
    if isinstance(browser, webbrowser.UnixBrowser):
        return [browser.name, url]
    return None


def launch(browser: webbrowser.BaseBrowser, url: str) -> bool:
    """Open ``url`` (checked with :func:`openable` first) in ``browser``; True when it
    started. A plain command (``$BROWSER``, ``xdg-open``) is waited for and its exit
    status says; a browser started in the background is left running. Raises nothing
    but what :meth:`webbrowser.BaseBrowser.open` raises."""
    if not openable(url):
        return False
    command = _command(browser, url)
    if command is None:
        return bool(browser.open(url))
    quiet = subprocess.DEVNULL
    try:
        child = subprocess.Popen(
            command,
            stdin=quiet,
            stdout=quiet,
            stderr=quiet,
            close_fds=True,
            start_new_session=True,
        )
    except OSError:
        return False
    if type(browser) is webbrowser.GenericBrowser:
        return child.wait() == 0
    return child.poll() is None or child.returncode == 0
