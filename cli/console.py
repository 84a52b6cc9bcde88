"""Rich output for the command line, safe for untrusted text.

Titles, snippets, file names and error reasons all come from the outside
world. They are always wrapped in :class:`rich.text.Text` (never parsed as
markup) after :func:`index.inert.inert` has turned control characters and
bidirectional overrides into visible symbols, so an article cannot style,
move or clear the terminal.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from index.inert import escape_surrogates, inert

__all__ = [
    "MATCH_STYLE",
    "err_console",
    "hanging",
    "out_console",
    "print_error",
    "print_json",
    "safe",
    "to_json",
]

#: How a matched word is marked in a snippet: bold as well as coloured, so it shows
#: without colour too (NO_COLOR, a monochrome terminal). Through a pipe: plain text.
MATCH_STYLE = "bold black on yellow"


class _Console(Console):
    """A Rich console that lets a closed pipe end the command quietly.

    Rich's own answer to a reader that went away (``nutgraf list | head -1``) is
    ``SystemExit(1)``, which reads as a failure; raising BrokenPipeError instead
    lets :func:`cli.main.main` treat it as the normal end it is.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


out_console = _Console(highlight=False, soft_wrap=True)
# On a terminal Rich wraps lines at word boundaries (the terminal itself would cut words
# at the edge); through a pipe a line stays whole, the same at every width.
out_console.soft_wrap = not out_console.is_terminal
err_console = _Console(stderr=True, highlight=False)


# What json.dumps leaves raw although a terminal acts on it: DEL, C1 controls and the
# bidirectional controls (see index.inert); escaped, they parse back to the same text.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe(value: object, style: str = "", one_line: bool = True) -> Text:
    """Untrusted text as a Rich Text, control characters made visible, never parsed as markup."""
    text = escape_surrogates("" if value is None else str(value))
    return Text(inert(text, one_line=one_line), style=style)


def hanging(prefix: str | Text, body: Text) -> RenderableType:
    """``prefix`` then ``body``, wrapped on a terminal at word boundaries with every
    following line indented under the body's start (a hanging indent), never back to
    column 0 mid-word. Through a pipe it stays one line, the same at every width."""
    prefix = Text(prefix) if isinstance(prefix, str) else prefix
    if not out_console.is_terminal:
        return Text.assemble(prefix, body)
    grid = Table.grid()
    grid.add_column(width=prefix.cell_len, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # "fold" only cuts a word wider than the line
    grid.add_row(prefix, body)
    return grid


def to_json(value: Any) -> str:
    """One JSON document, every control character escaped (C1 and bidirectional controls
    included, which json leaves raw; it parses back to exactly ``value``), and a lone
    surrogate written as the text ``\\xNN``."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # A lone surrogate (an undecodable byte of a file name) cannot be written as UTF-8:
    # it becomes the same \\xNN text the rest of nutgraf shows for it.
    text = _SURROGATE.sub(lambda m: escape_surrogates(m.group()).replace("\\", "\\\\"), text)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(value: Any) -> None:
    """Write one JSON document to stdout."""
    sys.stdout.write(to_json(value) + "\n")
    sys.stdout.flush()


def print_error(message: str) -> None:
    """One line on stderr: ``nutgraf: <message>``."""
    line = Text.assemble(
        ("nutgraf: ", "bold red"), safe(message.splitlines()[0] if message else "")
    )
    err_console.print(line, soft_wrap=True)
