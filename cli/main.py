"""The ``nutgraf`` command: argument parsing and the one place errors become messages.

Every command prints Rich output for people or, with ``--json``, exactly one
JSON document on stdout. Whatever goes wrong ends as one line on stderr and an
exit status (0 done, 1 something failed or was skipped, 2 usage error or
malformed query, 130 interrupted); a traceback reaches the user only when
``NUTGRAF_DEBUG`` is set.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from cli import (
    config_command,
    entity_command,
    keep_commands,
    optimize_command,
    research_options,
    watch_command,
)
from cli.exits import EXIT_FAIL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from cli.options import add_wait_options as _add_wait_options
from cli.options import folder, megabytes, positive_int

__all__ = ["build_parser", "main"]

SIZE_VAR = "NUTGRAF_MAX_FILE_MB"


_KINDS = {
    "people": "person",
    "person": "person",
    "persons": "person",
    "orgs": "org",
    "org": "org",
    "organisations": "org",
    "organizations": "org",
    "places": "place",
    "place": "place",
    "locations": "place",
    "groups": "group",
    "group": "group",
    "norp": "group",
    "events": "event",
    "event": "event",
    "other": "other",
    "others": "other",
    "numbers": "number",
    "number": "number",
    "dates": "number",
    "date": "number",
}


def _kind(text: str) -> str:
    try:
        return _KINDS[text.lower()]
    except KeyError:
        choices = "people, orgs, places, groups, events, other, numbers"
        raise argparse.ArgumentTypeError(f"unknown kind {text!r} (choose from {choices})") from None


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors follow the one rule for errors
    (:mod:`cli.failure`): with ``--json`` on the command line, ``{"error": ...}`` is
    printed on stdout too; the exit status stays 2."""

    json_errors = False

    def error(self, message: str) -> NoReturn:
        if _Parser.json_errors:
            from cli.console import print_json

            print_json({"error": f"{self.prog}: {message}"})
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``nutgraf`` and all its subcommands."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        type=folder,
        default=argparse.SUPPRESS,
        help="library folder (default: $NUTGRAF_LIBRARY, else your user data folder)",
    )
    json_opt = _Parser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="print one JSON document for scripts")

    parser = _Parser(
        prog="nutgraf",
        description="A keyboard-driven terminal reader for news articles: full-text search "
        "and named entities over your own library.",
        epilog="With no command, opens the reader. 'nutgraf COMMAND --help' explains each command.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version="nutgraf 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "read",
        parents=[common],
        help="open the reader (adding PATH|URL first)",
        description="Open the reader. With PATH or URL arguments, add them first and "
        "open the first article added.",
    )
    p.add_argument("sources", nargs="*", metavar="PATH|URL")
    _add_ingest_options(p)

    p = sub.add_parser(
        "add",
        parents=[common, json_opt],
        help="add files, folders, feeds or URLs",
        description="Add articles: .txt, .md, .html, .jsonl/.json corpora, RSS/Atom "
        "feeds (also gzipped), folders (recursively) and http(s) URLs. Exit status 0 "
        "when everything went in, 1 when something was skipped (the rest is kept).",
    )
    p.add_argument("sources", nargs="+", metavar="PATH|URL")
    _add_ingest_options(p)
    p.add_argument(
        "--cluster",
        metavar="tcp://HOST:PORT",
        default=None,
        help="find entities on this Dask scheduler's workers instead of this machine "
        "(each worker needs the same nutgraf and model; see the README)",
    )

    p = sub.add_parser(
        "list",
        parents=[common, json_opt],
        help="list the articles, newest first",
        description="List the library's articles, newest first.",
    )
    p.add_argument("--limit", type=positive_int, metavar="N", help="show at most N articles")

    p = sub.add_parser(
        "show",
        parents=[common, json_opt],
        help="print one article",
        description="Print one article's cleaned text (or, with --raw, the original).",
    )
    p.add_argument("id", metavar="ID", help="article id (or a unique prefix of 4+ characters)")
    p.add_argument("--raw", action="store_true", help="the original text as given")

    p = sub.add_parser(
        "search",
        parents=[common, json_opt],
        help="search the library",
        description='Search with Whoosh query syntax: words, "phrases", AND/OR/NOT, '
        "-word, prefix*, fuzzy~, title:, source:, date:2004, date:[2004 to 2005], "
        "person:, org:, place:, entity:, and your annotations: tag:, is:starred, note:, has: ...",
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=positive_int, default=10, metavar="N", help="hits to show (10)")

    p = sub.add_parser(
        "entities",
        parents=[common, json_opt],
        help="entities of an article or of the library",
        description="The people, organisations, places ... of one article (with every mention), "
        "or with no ID of the whole library (articles and mentions per entity).",
    )
    p.add_argument(
        "id", nargs="?", metavar="ID", help="article id (or prefix); omit for the library"
    )
    p.add_argument(
        "--kind",
        type=_kind,
        metavar="KIND",
        help="only one kind: people, orgs, places, groups, events, other, numbers",
    )
    p.add_argument("--limit", type=positive_int, metavar="N", help="show at most N entities")

    p = sub.add_parser(
        "mentions",
        parents=[common, json_opt],
        help="every mention of an entity",
        description="Every mention of an entity across the library, matched by its canonical name "
        "or an alias (ignoring case), with the sentence around it.",
    )
    p.add_argument("name", metavar="NAME")

    p = sub.add_parser(
        "remove",
        parents=[common, json_opt],
        help="remove an article",
        description="Remove one article from the library.",
    )
    p.add_argument("id", metavar="ID")
    _add_wait_options(p)

    p = sub.add_parser(
        "rebuild",
        parents=[common, json_opt],
        help="rebuild the search index",
        description="Rebuild the search index from the articles kept in the library "
        "(after damage, or to compact it). Nothing is lost. With --reread, every article "
        "is first read again from the original kept with it, by this version's readers, "
        "cleaning and entity rules (ids stay the same; the entity model runs again only "
        "where the text changed).",
    )
    p.add_argument(
        "--reread",
        action="store_true",
        help="read every article again from its stored original with this version's readers",
    )
    _add_wait_options(p)
    config_command.add_parser(sub, [common, json_opt])
    keep_commands.add_parsers(sub, [common, json_opt])
    entity_command.add_parser(sub, [common, json_opt])
    research_options.add_cite(sub, [common])  # issue 15: citing and exporting
    research_options.add_export(sub, [common])
    watch_command.add_parser(sub, [common, json_opt])
    optimize_command.add_parser(sub, [common, json_opt])
    return parser


def _add_ingest_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-size",
        type=megabytes,
        metavar="MB",
        default=None,
        help="largest file read whole, in MB (default 32; $NUTGRAF_MAX_FILE_MB)",
    )
    p.add_argument(
        "--allow-link-local",
        action="store_true",
        help="let URLs reach link-local and cloud metadata addresses (169.254.0.0/16, "
        "fe80::/10), refused by default",
    )
    p.add_argument(
        "--full-text",
        action="store_true",
        help="for feed entries that are only a summary or a teaser, fetch the linked "
        "article and use its text",
    )
    _add_wait_options(p)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``nutgraf``; returns the exit status."""
    from cli.failure import fail

    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    _Parser.json_errors = "--json" in argv
    args = parser.parse_args(argv)
    problem = _size_from_environment(args) or _undecodable_argument(args) or _cluster_problem(args)
    if problem:
        return fail(args, problem, EXIT_USAGE)
    try:
        if args.command == "config":  # opens no library
            return config_command.run(args)
        if getattr(args, "cluster", None):  # a wrong cluster is found before a library is made
            from index.library import check_cluster

            check_cluster(args.cluster)
        from cli import commands

        return commands.run(args)
    except KeyboardInterrupt:
        return fail(args, "interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); that is not an error.
        # What is still buffered goes nowhere, instead of failing again at exit.
        _silence_closed_output()
        return EXIT_OK
    except Exception as err:
        if os.environ.get("NUTGRAF_DEBUG"):
            raise
        return fail(args, _describe(err), EXIT_FAIL)


def _silence_closed_output() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError, ValueError):  # not a real file (captured)
                os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _undecodable_argument(args: argparse.Namespace) -> str | None:
    """Ids, names and queries are text: bytes that are not UTF-8 cannot match anything."""
    from index.inert import escape_surrogates

    for attr, label in (("id", "ID"), ("name", "NAME"), ("query", "QUERY")):
        value = getattr(args, attr, None)
        if isinstance(value, str) and escape_surrogates(value) != value:
            shown = escape_surrogates(value)
            return f"{label} {shown} is not valid UTF-8 text (undecodable bytes shown as \\xNN)"
    return None


def _cluster_problem(args: argparse.Namespace) -> str | None:
    """A malformed ``--cluster`` address, checked before any library is opened."""
    if getattr(args, "cluster", None) is None:
        return None
    from index.library import check_cluster_address
    from index.model import ClusterError

    try:
        args.cluster = check_cluster_address(args.cluster)
    except ClusterError as err:
        return f"--cluster: {err}"
    return None


def _size_from_environment(args: argparse.Namespace) -> str | None:
    """Take ``--max-size`` from $NUTGRAF_MAX_FILE_MB when not given; the problem, if any."""
    env = os.environ.get(SIZE_VAR)
    if not env or not hasattr(args, "max_size") or args.max_size is not None:
        return None
    try:
        args.max_size = megabytes(env)
    except argparse.ArgumentTypeError as err:
        return f"{SIZE_VAR}: {err}"
    return None


def _describe(err: Exception) -> str:
    from index.model import ClusterError, IndexDamaged, LibraryBusy, StoreError

    if isinstance(err, IndexDamaged | LibraryBusy | StoreError | ClusterError):
        return str(err)
    if isinstance(err, MemoryError):
        return (
            "ran out of memory; nothing half-written is kept (an add keeps its finished "
            "batches, and a smaller --max-size keeps very large inputs out)"
        )
    if isinstance(err, OSError):
        where = f"{err.filename}: " if err.filename else ""
        return f"{where}{(err.strerror or str(err)).lower()}"
    detail = " ".join(str(err).split())
    what = f"{type(err).__name__}: {detail}" if detail else type(err).__name__
    return f"internal error ({what}); set NUTGRAF_DEBUG=1 for details"


if __name__ == "__main__":
    sys.exit(main())
