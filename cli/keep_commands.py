"""``nutgraf tag``, ``star``, ``note`` and ``notes``: the user's annotations.

Each writing command is one transaction on the library's store (no write lock:
annotations never touch the search index). An article is named by its id or a
unique prefix, resolved as ``show`` resolves it. Every string from outside (titles,
tags, notes, quotes) is printed through :func:`index.inert.inert`; with ``--json``
one document is printed, errors included (:mod:`cli.failure`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text

from cli.console import out_console, print_json, safe
from cli.exits import EXIT_FAIL, EXIT_OK
from cli.failure import fail
from index.library import TAG_RULE, Library, annotation_record
from index.model import Annotation, AnnotationError

__all__ = ["COMMANDS", "add_parsers", "annotation_json"]

_ID_HELP = "article id (or a unique prefix of 4+ characters)"


def add_parsers(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    """Add ``tag``, ``star``, ``note`` and ``notes`` to the subcommands ``sub``."""
    p = sub.add_parser(
        "tag",
        parents=list(parents),
        help="tag an article (or remove tags)",
        description=f"Tag an article; tags are found with tag:NAME in a search. {TAG_RULE}.",
    )
    p.add_argument("id", metavar="ID", help=_ID_HELP)
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.add_argument("--remove", action="store_true", help="remove these tags instead")
    p = sub.add_parser(
        "star",
        parents=list(parents),
        help="star an article (or unstar it)",
        description="Star an article; starred articles are found with is:starred.",
    )
    p.add_argument("id", metavar="ID", help=_ID_HELP)
    p.add_argument("--remove", action="store_true", help="unstar it instead")
    p = sub.add_parser(
        "note",
        parents=list(parents),
        help="a note on an article, or on a quoted passage",
        description="Keep a note on an article; with --quote, a highlight of the quoted "
        "words (they must occur once in the article's cleaned text, see 'nutgraf show') "
        "with the note on it. Notes are found with note:WORD.",
    )
    p.add_argument("id", metavar="ID", help=_ID_HELP)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--quote", metavar="Q", help="the words the note is on")
    p = sub.add_parser(
        "notes",
        parents=list(parents),
        help="list stars, tags, notes and highlights",
        description="Every annotation in the library: article, kind, tag, note or quote, "
        "when made, and whether a highlight is orphaned (its words gone after a re-add) "
        "or its article removed.",
    )
    p.add_argument("--tag", metavar="T", help="only the annotations of articles tagged T")
    p.add_argument(
        "--delete", type=int, metavar="N", help="delete annotation N (its number in the list)"
    )


#: The keys of ``nutgraf notes --json`` (README, Command line), in order.
NOTE_KEYS = (
    "id", "article_id", "title", "kind", "tag", "note", "quote", "start", "end", "created",
    "orphaned", "removed",
)  # fmt: skip


def annotation_json(a: Annotation) -> dict[str, object]:
    """The JSON shape of one annotation (README, Command line)."""
    full = annotation_record(a)
    return {k: full[k] for k in NOTE_KEYS}


def cmd_tag(args: argparse.Namespace, lib: Library) -> int:
    full, changed = lib.keep.tag(args.id, args.tags, remove=args.remove)
    now = lib.keep.marks([full]).get(full)
    tags = list(now.tags) if now else []
    if args.json:
        print_json({"id": full, "removed" if args.remove else "added": changed, "tags": tags})
        return EXIT_OK
    verb = "Untagged" if args.remove else "Tagged"
    line = Text(f"{verb} {full}: ") + safe(", ".join(changed) or "nothing changed", "bold")
    out_console.print(line + Text(f"  (tags: {', '.join(tags) or 'none'})", "dim"))
    return EXIT_OK


def cmd_star(args: argparse.Namespace, lib: Library) -> int:
    full, changed = lib.keep.star(args.id, on=not args.remove)
    if args.json:
        print_json({"id": full, "starred": not args.remove, "changed": changed})
        return EXIT_OK
    what = "Unstarred" if args.remove else "Starred"
    out_console.print(f"{what} {full}" + ("" if changed else " (it already was)"))
    return EXIT_OK


def cmd_note(args: argparse.Namespace, lib: Library) -> int:
    kept = lib.keep.note(args.id, args.text, quote=args.quote)
    if args.json:
        print_json(annotation_json(kept))
        return EXIT_OK
    what = f"Highlighted {kept.start}-{kept.end} with a note" if kept.exact else "Noted"
    out_console.print(f"{what} on {kept.article_id}")
    return EXIT_OK


def cmd_notes(args: argparse.Namespace, lib: Library) -> int:
    if args.delete is not None:
        if not lib.keep.delete(args.delete):
            return fail(args, f"no annotation {args.delete} (see 'nutgraf notes')", EXIT_FAIL)
        if args.json:
            print_json({"deleted": args.delete})
        else:
            out_console.print(f"Deleted annotation {args.delete}")
        return EXIT_OK
    kept = lib.keep.annotations(tag=args.tag)
    if args.json:
        print_json({"annotations": [annotation_json(a) for a in kept]})
        return EXIT_OK
    if not kept:
        out_console.print(
            "No annotations" + (f" on articles tagged {args.tag!r}" if args.tag else "")
        )
        return EXIT_OK
    current = None
    for a in kept:
        if a.article_id != current:
            current = a.article_id
            head = safe(a.title, "bold") + Text(f"  {a.article_id}", "dim")
            if a.removed:
                head += Text("  (removed from the library)", "yellow")
            out_console.print(head)
        out_console.print(Text("  ") + _line(a))
    return EXIT_OK


def _line(a: Annotation) -> Text:
    day = a.created[:10]
    if a.kind == "star":
        body = Text("★ starred")
    elif a.kind == "tag":
        body = Text("tag ") + safe(a.tag or "", "bold")
    elif a.kind == "note":
        body = Text("note ") + safe(a.note or "")
    else:
        body = Text("orphaned highlight " if a.orphaned else "highlight ")
        body += safe(f"“{a.exact}”", "italic") + (safe(f" — {a.note}") if a.note else Text())
    return Text(f"[{a.id}] ", "dim") + body + Text(f"  {day}", "dim")


def _failing(
    command: Callable[[argparse.Namespace, Library], int],
) -> Callable[[argparse.Namespace, Library], int]:
    """``command`` with AnnotationError (a bad tag, note or quote) as its one-line error."""

    def run(args: argparse.Namespace, lib: Library) -> int:
        try:
            return command(args, lib)
        except AnnotationError as err:
            return fail(args, str(err), EXIT_FAIL)

    return run


#: Subcommand -> what runs it (merged into :data:`cli.commands.COMMANDS`).
COMMANDS: dict[str | None, Callable[[argparse.Namespace, Library], int]] = {
    "tag": _failing(cmd_tag),
    "star": _failing(cmd_star),
    "note": _failing(cmd_note),
    "notes": _failing(cmd_notes),
}
