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

from rich.console import Console
from rich.text import Text

from index.inert import inert

__all__ = ["err_console", "out_console", "print_error", "print_json", "safe", "to_json"]

out_console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


# What json.dumps leaves raw although a terminal acts on it: DEL, C1 controls, the
# bidirectional controls (see index.inert) and lone surrogates (undecodable file-name
# bytes, which stdout could not even encode). Escaped, they parse back to the same text.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(value: object, style: str = "", one_line: bool = True) -> Text:
    """Untrusted text as a Rich Text, control characters made visible, never parsed as markup."""
    return Text(inert(value, one_line=one_line), style=style)


def to_json(value: Any) -> str:
    """One JSON document, every control character escaped (C1 and bidirectional controls
    included, which json leaves raw); it parses back to exactly ``value``."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
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
