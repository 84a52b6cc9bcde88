"""``nutgraf config path``: where the reader's config file is (it need not exist yet).

Kept apart from the library commands: it opens no library. The folder is the
user config folder platformdirs names for nutgraf (``~/.config/nutgraf`` on
Linux, honouring ``XDG_CONFIG_HOME``), or ``$NUTGRAF_CONFIG_DIR``; the file's
sections are described in :mod:`tui.config` and the README.
"""

from __future__ import annotations

import argparse
from typing import Any

from cli.exits import EXIT_OK

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``config`` (with its ``path`` action) to the subcommands ``sub``."""
    p: argparse.ArgumentParser = sub.add_parser(
        "config",
        help="where the reader's config file is (keys, colours, theme)",
        description="The reader reads keys, colours and a theme from a TOML file; "
        "'nutgraf config path' prints where it is (it need not exist yet).",
    )
    p.add_argument("action", choices=["path"], help="path: print the config file's path")


def run(args: argparse.Namespace) -> int:
    """Print the config file's path; exit status 0."""
    from index.inert import inert
    from tui.settings import config_path

    print(inert(str(config_path()), one_line=True))  # the folder may come from $NUTGRAF_CONFIG_DIR
    return EXIT_OK
