"""The one rule for errors: one line on stderr, and with ``--json`` a document too.

Whatever a command cannot do ends here: ``nutgraf: <message>`` on stderr and,
when ``--json`` was asked for, ``{"error": "<message>"}`` as the one JSON document
on stdout, so a script that reads stdout always gets a document to parse. The
exit status is the same with or without ``--json`` (see :mod:`cli.exits`).
"""

from __future__ import annotations

import argparse

from cli.console import print_error, print_json

__all__ = ["fail", "wants_json"]


def wants_json(args: argparse.Namespace | None) -> bool:
    """Whether the command was asked for JSON output."""
    return bool(getattr(args, "json", False))


def fail(args: argparse.Namespace | None, message: str, status: int) -> int:
    """Report ``message`` as the command's error; returns ``status`` (to return it)."""
    print_error(message)
    if wants_json(args):
        print_json({"error": message.splitlines()[0] if message else ""})
    return status
