"""``nutgraf watch``: saved searches and their new matches (see :mod:`index.watches`).

| command | does |
| :- | :- |
| ``watch add NAME QUERY`` | save a query (its matches now count as seen) |
| ``watch list`` | every saved search with its total and new matches; marks nothing seen |
| ``watch show NAME`` | its matches, new ones marked; marks them seen (``--keep-new``: not) |
| ``watch seen NAME`` | mark its matches seen |
| ``watch remove NAME`` / ``watch rename OLD NEW`` | remove / rename it |

A bad or taken name and a malformed query are usage errors (exit 2), a name no
saved search has fails (exit 1); with ``--json`` every one of them prints one
JSON document, errors too (:mod:`cli.failure`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from rich.text import Text

from cli.console import out_console, print_json, safe
from cli.exits import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from cli.failure import fail
from cli.listing import list_rows
from index.library import Library
from index.model import NoSuchWatch, WatchError, WatchStatus

__all__ = ["add_parser", "run", "status_json"]


def add_parser(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    """Add ``watch`` and its actions to the subcommands ``sub`` (each action takes the
    options of ``parents``: ``--library``, ``--json``)."""
    p: argparse.ArgumentParser = sub.add_parser(
        "watch",
        parents=list(parents),
        help="saved searches and their new matches",
        description="Save a query under a name and see which articles are new matches "
        "since you last looked (added by any process, or matching since).",
    )
    actions = p.add_subparsers(dest="watch_action", metavar="ACTION", required=True)
    one = actions.add_parser("add", parents=list(parents), help="save a query under a name")
    one.add_argument("name", metavar="NAME", help="letters, digits, spaces and -_.'&+#()")
    one.add_argument("query", metavar="QUERY")
    actions.add_parser(
        "list", parents=list(parents), help="saved searches with total and new matches"
    )
    one = actions.add_parser("show", parents=list(parents), help="a saved search's matches")
    one.add_argument("name", metavar="NAME")
    one.add_argument("--keep-new", action="store_true", help="do not mark the matches seen")
    one = actions.add_parser("seen", parents=list(parents), help="mark its matches seen")
    one.add_argument("name", metavar="NAME")
    one = actions.add_parser("remove", parents=list(parents), help="remove a saved search")
    one.add_argument("name", metavar="NAME")
    one = actions.add_parser("rename", parents=list(parents), help="rename a saved search")
    one.add_argument("name", metavar="OLD")
    one.add_argument("new", metavar="NEW")


def status_json(status: WatchStatus) -> dict[str, Any]:
    """``{"name","query","total","new","new_ids","created","seen_at"}`` (``new`` counts
    every new match; ``new_ids`` newest first)."""
    return {
        "name": status.name,
        "query": status.query,
        "total": status.total,
        "new": status.new,
        "new_ids": list(status.new_ids),
        "created": status.created,
        "seen_at": status.seen_at,
    }


def run(args: argparse.Namespace, lib: Library) -> int:
    """Do the ``watch`` action asked; the exit status."""
    try:
        return _ACTIONS[args.watch_action](args, lib)
    except NoSuchWatch as err:
        return fail(args, str(err), EXIT_FAIL)
    except WatchError as err:
        return fail(args, str(err), EXIT_USAGE)


def _add(args: argparse.Namespace, lib: Library) -> int:
    status = lib.watches.add(args.name, args.query)
    if args.json:
        print_json(status_json(status))
    else:
        out_console.print(
            safe(f"Saved {status.name!r}: {status.query} ({status.total:,} matches now)")
        )
    return EXIT_OK


def _list(args: argparse.Namespace, lib: Library) -> int:
    statuses = lib.watches.statuses()
    if args.json:
        print_json([status_json(s) for s in statuses])
    elif not statuses:
        out_console.print("No saved searches yet: 'nutgraf watch add NAME QUERY' makes one.")
    for s in [] if args.json else statuses:
        new = Text(f"{s.new:,} new", style="bold") if s.new else Text("0 new", style="dim")
        out_console.print(
            Text.assemble(safe(s.name, "bold"), f"  {s.total:,} · ", new, "  ", safe(s.query))
        )
    return EXIT_OK


def _show(args: argparse.Namespace, lib: Library) -> int:
    watches = lib.watches
    status = watches.status(args.name)
    items = watches.summaries(status.ids)
    if not args.keep_new:  # the ids shown: one that arrives meanwhile stays new
        watches.mark_seen(status.name, [a.id for a in items])
    new = set(status.new_ids)
    if args.json:
        print_json(
            {
                **status_json(status),
                "matches": [
                    {
                        "id": a.id,
                        "title": a.title,
                        "source": a.source,
                        "date": a.published,
                        "url": a.url,
                        "new": a.id in new,
                    }
                    for a in items
                ],
            }
        )
        return EXIT_OK
    out_console.print(
        Text.assemble(
            safe(status.name, "bold"),
            "  ",
            safe(status.query, "dim"),
            f"  {status.total:,} matches, {status.new:,} new",
        )
    )
    if not items:
        return EXIT_OK
    header, *rows = list_rows(items, max(20, out_console.width - 2))
    out_console.print(Text.assemble("  ", header), soft_wrap=True)
    for article, row in zip(items, rows, strict=True):
        mark = Text("◆ ", style="bold") if article.id in new else Text("  ")
        out_console.print(Text.assemble(mark, row), soft_wrap=True)  # each row fits
    return EXIT_OK


def _seen(args: argparse.Namespace, lib: Library) -> int:
    watches = lib.watches
    name = watches.status(args.name).name
    count = watches.mark_seen(name)
    if args.json:
        print_json({"name": name, "seen": count})
    else:
        out_console.print(safe(f"{name!r}: {count:,} matches marked seen"))
    return EXIT_OK


def _remove(args: argparse.Namespace, lib: Library) -> int:
    name = lib.watches.remove(args.name)
    if args.json:
        print_json({"removed": name})
    else:
        out_console.print(safe(f"Removed the saved search {name!r}"))
    return EXIT_OK


def _rename(args: argparse.Namespace, lib: Library) -> int:
    watches = lib.watches
    old = watches.status(args.name).name
    name = watches.rename(args.name, args.new)
    if args.json:
        print_json({"name": name, "was": old})
    else:
        out_console.print(safe(f"Renamed {old!r} to {name!r}"))
    return EXIT_OK


_ACTIONS = {
    "add": _add,
    "list": _list,
    "show": _show,
    "seen": _seen,
    "remove": _remove,
    "rename": _rename,
}
