"""``nutgraf export search QUERY | mentions NAME | article ID | notes [--format F] [-o FILE]``.

What is written (:mod:`index.research`): ``search``, every hit of the query (all of
them, not a first page); ``mentions``, every mention of the entity with its
sentence, date and source; ``article``, one article (as Markdown: the article with
its citation; as CSV or JSON Lines: one row with its metadata and text). Formats:
``csv`` (the default: UTF-8 with a BOM and a header, formula-looking cells
neutralised), ``jsonl`` and ``md`` (:mod:`index.export`). ``webannotation`` is for
``notes`` only.

Standard output by default (on a terminal, control characters are shown as
symbols; through a pipe the data are written as they are). ``-o FILE`` writes the
file atomically (a temporary file in the same folder, renamed over it when
complete: a reader never sees half a file) and says on stderr where it went. An
existing FILE is not replaced unless ``--force`` is given: an export is often the
only copy of a morning's work, and a second export with the same name is more
often a slip than a wish. A folder that cannot be written is one line, exit 1, and
so is a FILE that is not a regular file (a device, FIFO, socket or folder) or is
inside the library folder, with or without ``--force``
(:mod:`index.export_target`). ``-o -`` is standard output.

``--json`` (with ``-o FILE``) prints ``{"path": absolute path, "rows": N, "format":
"csv"|"jsonl"|"md"|"webannotation", "subject": "search"|...}``; without ``-o`` (or
with ``-o -``) the data is the output, so ``--json`` there is a usage error (exit 2).
Errors with ``--json`` are ``{"error": ...}`` (:mod:`cli.failure`).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from cli.console import err_console, print_json, safe
from cli.exits import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from cli.failure import fail
from index.inert import inert_text
from index.library import Library, Research
from index.model import AnnotationError

__all__ = ["run"]


def _usage(args: argparse.Namespace) -> str | None:
    """What is wrong with the arguments, in one line (None: nothing)."""
    if args.subject == "notes":
        if args.target is not None:
            return "export notes takes no QUERY, NAME or ID (--tag T chooses the articles)"
        return None
    if args.format == "webannotation":
        return "--format webannotation is for 'export notes' only (csv, jsonl or md)"
    if args.tag is not None:
        return "--tag is for 'export notes' only"
    if not args.target or not args.target.strip():
        return f"export {args.subject} needs {_TARGET[args.subject]}"
    return None


def _to_stdout(args: argparse.Namespace) -> bool:
    """Whether the export goes to standard output (no ``-o``, or ``-o -``)."""
    return args.output is None or args.output == "-"


_TARGET = {"search": "a QUERY", "mentions": "an entity NAME", "article": "an article ID"}


def run(args: argparse.Namespace, lib: Library) -> int:
    """Write the export; exit status 0, 1 (nothing to export, cannot write) or 2 (usage)."""
    problem = _usage(args)
    if problem is None and args.json and _to_stdout(args):
        problem = "--json reports an export to a file (-o FILE); on stdout the data is the output"
    if problem:
        return fail(args, problem, EXIT_USAGE)
    out = io.StringIO(newline="")
    try:
        if args.subject == "notes":
            count = Research(lib).export_notes(args.tag, args.format, out)
        else:
            count = Research(lib).export(args.subject, args.target, args.format, out)
    except (Research.Error, AnnotationError) as err:
        return fail(args, str(err), EXIT_FAIL)
    if _to_stdout(args):
        text = out.getvalue()
        sys.stdout.write(inert_text(text) if sys.stdout.isatty() else text)
        sys.stdout.flush()
        return EXIT_OK
    path = Path(args.output).expanduser()
    try:
        Research(lib).save(path, out.getvalue(), args.force)
    except Research.TargetError as err:
        return fail(args, f"cannot write {err}", EXIT_FAIL)
    except FileExistsError as err:
        return fail(args, str(err), EXIT_FAIL)
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        return fail(args, f"cannot write {path}: {reason}", EXIT_FAIL)
    if args.json:
        where = str(path.resolve())
        print_json({"path": where, "rows": count, "format": args.format, "subject": args.subject})
        return EXIT_OK
    rows = f"{count} row{'s' if count != 1 else ''}"
    err_console.print(safe(f"Exported to {path.resolve()} ({rows})", "green"), soft_wrap=True)
    return EXIT_OK
