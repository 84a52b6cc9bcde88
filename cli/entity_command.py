"""``nutgraf entity …``: correct the entities the model found, list the corrections, undo one.

``merge NAME INTO``, ``rename NAME NEW``, ``kind NAME KIND``, ``remove NAME`` and
``alias NAME ALIAS`` each correct the whole library, or with ``--article ID`` one
article; ``corrections`` lists them and ``undo N`` undoes one. The corrections are
kept in the library's store and applied on top of what the model found (see
:mod:`index.correcting`); each prints what it changed ("merged Mr Blair into Tony
Blair: 22 articles re-indexed"), or with ``--json`` one document (README's Command
line table gives the shapes). ``nutgraf entities`` (the list) is another command.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from cli.console import out_console, print_json, safe
from cli.exits import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from cli.failure import fail
from index.library import KINDS, Correction, CorrectionError, Library

__all__ = ["add_parser", "run"]

#: The kinds as the README and ``entities --kind`` name them, and the kind each is.
KIND_WORDS = {
    "people": "person",
    "persons": "person",
    "orgs": "org",
    "organisation": "org",
    "organisations": "org",
    "organization": "org",
    "organizations": "org",
    "places": "place",
    "location": "place",
    "locations": "place",
    "groups": "group",
    "events": "event",
    "others": "other",
    "numbers": "number",
}

#: Operation -> (metavar of the second name, help of the operation).
_OPERATIONS: dict[str, tuple[str | None, str]] = {
    "merge": ("INTO", "NAME is INTO: its mentions join INTO's (INTO must be an entity)"),
    "rename": ("NEW", "call the entity NAME by the name NEW (NAME stays an alias)"),
    "kind": ("KIND", f"make NAME of kind KIND ({', '.join(KINDS)})"),
    "remove": (None, "NAME is no entity (its mentions are dropped)"),
    "alias": ("ALIAS", "ALIAS is another name of NAME (e.g. Kiev for Kyiv)"),
}


#: What the second name of each operation is.
_SECOND = {
    "merge": "the entity NAME is (an entity of the library)",
    "rename": "the entity's right name",
    "kind": f"one of {', '.join(KINDS)} (or people, orgs, places …)",
    "alias": "another name of NAME",
}


def add_parser(sub: Any, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    """Add ``entity`` and its actions to the subcommands ``sub``, each taking the options
    of ``parents`` (``--library``, ``--json``)."""
    from cli.options import add_wait_options as _add_wait_options

    top: argparse.ArgumentParser = sub.add_parser(
        "entity",
        parents=list(parents),
        help="correct entities: merge, rename, kind, remove, alias; corrections, undo",
        description="Correct the entities the model found, for the whole library or one "
        "article (--article ID). Corrections are kept in the library and applied on top "
        "of what the model finds, also after re-adding and rebuilding; 'entity "
        "corrections' lists them and 'entity undo N' undoes one.",
    )
    actions = top.add_subparsers(dest="action", metavar="ACTION", required=True)
    for op, (second, text) in _OPERATIONS.items():
        p = actions.add_parser(op, parents=list(parents), help=text, description=text + ".")
        p.add_argument("name", metavar="NAME", help="the entity, by its name or an alias")
        if second:
            p.add_argument("value", metavar=second, help=_SECOND[op])
        p.add_argument("--article", metavar="ID", help="only in this article (id or unique prefix)")
        p.add_argument(
            "--of-kind",
            metavar="KIND",
            help=f"only the entity NAME of this kind ({', '.join(KINDS)}); default: any",
        )
        _add_wait_options(p)
    actions.add_parser(
        "corrections",
        parents=list(parents),
        help="list the corrections made, in order",
        description="List the entity corrections made in this library, in order: number, "
        "operation, names, scope, when, and whether it was undone.",
    )
    p = actions.add_parser(
        "undo",
        parents=list(parents),
        help="undo correction N",
        description="Undo correction number N (see 'nutgraf entity corrections').",
    )
    p.add_argument("number", metavar="N", type=int)
    _add_wait_options(p)


def _kind(text: str) -> str:
    """A kind as typed (``orgs``, ``People``…) as the library names it."""
    return KIND_WORDS.get(text.lower(), text.lower())


def correction_json(c: Correction) -> dict[str, object]:
    """A correction as the JSON documents give it."""
    return {
        "n": c.n,
        "op": c.op,
        "name": c.name,
        "value": c.value,
        "kind": c.kind,
        "article": c.article_id,
        "at": c.made_at,
        "undone": c.undone,
        "of_kind": c.of_kind,
    }


def run(args: argparse.Namespace, lib: Library) -> int:
    """Run ``nutgraf entity ACTION``; returns the exit status."""
    if args.action == "corrections":
        return _list(args, lib)
    from cli.commands import writing

    try:
        with writing(lib, args.wait, quiet=args.json) as writer:
            if args.action == "undo":
                done = lib.corrections.undo(writer, args.number)
            else:
                value = getattr(args, "value", None)
                if args.action == "kind" and value is not None:
                    value = _kind(value)
                of_kind = _kind(args.of_kind) if args.of_kind else None
                done = lib.corrections.make(
                    writer, args.action, args.name, value, article=args.article, of_kind=of_kind
                )
    except CorrectionError as err:
        unknown_kind = str(err).startswith("unknown kind")
        return fail(args, str(err), EXIT_USAGE if unknown_kind else EXIT_FAIL)
    if args.json:
        print_json(
            {
                **correction_json(done.correction),
                "reindexed": done.reindexed,
                "message": done.message,
            }
        )
    else:
        out_console.print(safe(done.message))
    return EXIT_OK


def _list(args: argparse.Namespace, lib: Library) -> int:
    listed = lib.corrections.listed()
    if args.json:
        print_json([correction_json(c) for c in listed])
        return EXIT_OK
    if not listed:
        out_console.print(safe("no entity corrections in this library", style="dim"))
        return EXIT_OK
    for c in listed:
        name = f"{c.name} ({c.of_kind})" if c.of_kind else c.name
        names = name if c.value is None else f"{name} → {c.value}"
        scope = f"article {c.article_id}" if c.article_id else "library"
        undone = "  (undone)" if c.undone else ""
        out_console.print(
            safe(f"{c.n:>4}  {c.op:<7} {names}  [{scope}, {c.made_at}]{undone}"),
            style="dim" if c.undone else "",
        )
    return EXIT_OK
