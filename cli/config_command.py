"""``nutgraf config path``: where the reader's config file is (it need not exist yet).

Kept apart from the library commands: it opens no library. The folder is the
user config folder platformdirs names for nutgraf (``~/.config/nutgraf`` on
Linux, honouring ``XDG_CONFIG_HOME``), or ``$NUTGRAF_CONFIG_DIR``; the file's
sections are described in :mod:`tui.config` and the README.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from cli.exits import EXIT_OK

__all__ = ["add_parser", "run"]


def add_parser(sub: Any, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    """Add ``config`` (with its ``path`` action) to the subcommands ``sub``, taking the
    options of ``parents`` (``--library``, accepted as every command accepts it but
    not used: the config file is the user's, for every library; ``--json``)."""
    p: argparse.ArgumentParser = sub.add_parser(
        "config",
        parents=list(parents),
        help="where the reader's config file is (keys, colours, theme)",
        description="The reader reads keys, colours and a theme from a TOML file; "
        "'nutgraf config path' prints where it is (it need not exist yet).",
    )
    p.add_argument("action", choices=["path"], help="path: print the config file's path")


def run(args: argparse.Namespace) -> int:
    """Print the config file's path (with ``--json``: ``{"path": "..."}``); exit status 0."""
    from index.inert import inert
    from tui.settings import config_path

    if getattr(args, "json", False):
        from cli.console import print_json

        print_json({"path": str(config_path())})
    else:  # the folder may come from $NUTGRAF_CONFIG_DIR
        print(inert(str(config_path()), one_line=True))
    return EXIT_OK
