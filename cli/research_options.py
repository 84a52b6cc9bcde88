"""The ``cite`` and ``export`` subcommands' arguments (issue 15), apart from what they do
(:mod:`cli.cite_command`, :mod:`cli.export_command`) so that parsing loads nothing
but argparse."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

__all__ = ["CITE_FORMATS", "EXPORT_FORMATS", "EXPORT_SUBJECTS", "add_cite", "add_export"]

CITE_FORMATS = ("text", "markdown", "csl-json")
EXPORT_SUBJECTS = ("search", "mentions", "article", "notes")
EXPORT_FORMATS = ("csv", "jsonl", "md", "webannotation")


def add_cite(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    """Add ``cite`` to the subcommands ``sub`` (``parents``: ``--library``)."""
    p: argparse.ArgumentParser = sub.add_parser(
        "cite",
        parents=list(parents),
        help="cite a passage of an article, with its source",
        description='Print a citation: "quote" — Title, Source, date, URL (nutgraf ID). '
        "The quote is --quote TEXT (found in the cleaned text, white space and curly "
        "quotes folded), or the characters --start to --end, or else the lead sentence.",
    )
    p.add_argument("id", metavar="ID", help="article id (or a unique prefix of 4+ characters)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--quote", metavar="TEXT", help="words of the article's cleaned text")
    group.add_argument("--start", type=int, metavar="N", help="first character (with --end)")
    p.add_argument("--end", type=int, metavar="N", help="character after the last (with --start)")
    p.add_argument(
        "--format", choices=CITE_FORMATS, default="text", help="text (default), markdown, csl-json"
    )
    p.add_argument(
        "--json", action="store_true", help="one JSON document: the passage and every format"
    )


def add_export(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    """Add ``export`` to the subcommands ``sub`` (``parents``: ``--library``)."""
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        parents=list(parents),
        help="export search results, an entity's mentions, an article or the notes",
        description="Export as CSV (for spreadsheets), JSON Lines or Markdown: "
        "'search QUERY' (every hit), 'mentions NAME' (every mention with its sentence, "
        "date and source), 'article ID', or 'notes'. Standard output unless -o FILE.",
    )
    p.add_argument("subject", choices=EXPORT_SUBJECTS, metavar="search|mentions|article|notes")
    p.add_argument("target", nargs="?", metavar="QUERY|NAME|ID")
    p.add_argument(
        "--format", choices=EXPORT_FORMATS, default="csv", help="csv (default), jsonl, md"
    )
    p.add_argument("--tag", metavar="TAG", help="notes only: those with this tag")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically); '-' is standard output"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument(
        "--json",
        action="store_true",
        help="with -o FILE: print {path, rows, format, subject} (without -o: a usage error)",
    )
