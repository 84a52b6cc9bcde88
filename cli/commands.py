"""What each ``nutgraf`` subcommand does: open the library, ask :mod:`index`, print.

Writing commands (add, remove, rebuild, and seeding the default library on its
first use) take the library's write lock first; if another process holds it
they say so and wait (or, with ``--no-wait``, stop with "library is busy").
A library this process cannot write is opened for reading: the reading
commands work, and writing ones stop with "library at PATH is read-only".
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from cli import cite_command, entity_command, export_command, keep_commands, views, watch_command
from cli.console import err_console, print_error, print_json
from cli.exits import EXIT_FAIL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from cli.failure import fail
from cli.optimize_command import run as cmd_optimize
from index.library import DEFAULT_MAX_BYTES, Library, LibraryWriter, RecordFields
from index.model import ClusterLost, LibraryReadOnly, NoLibrary

__all__ = ["run"]


def _max_bytes(args: argparse.Namespace) -> int:
    # ``cli.main`` has checked --max-size and filled it in from $NUTGRAF_MAX_FILE_MB.
    return int(getattr(args, "max_size", None) or DEFAULT_MAX_BYTES)


@contextmanager
def writing(lib: Library, wait: float | None, quiet: bool = False) -> Iterator[LibraryWriter]:
    """Hold the library's write lock (see :meth:`Library.writer`), telling the user if we
    have to wait for it."""

    def on_wait(message: str) -> None:
        if not quiet:
            err_console.print(views.safe(message, style="yellow"))

    with lib.writer(wait=wait, on_wait=on_wait) as writer:
        yield writer


def open_library(args: argparse.Namespace) -> Library:
    """Open the library the arguments name; seed the default library on its first use.

    Only adding and the reader make a library; any other command on a folder that
    holds none raises :class:`~index.model.NoLibrary` (the default library excepted).
    """
    create = args.command in CREATING
    lib = Library.open(getattr(args, "library", None), create=create)
    if lib.needs_seed():
        quiet = bool(getattr(args, "json", False))
        with writing(lib, wait=None, quiet=quiet) as writer:
            if lib.needs_seed() and not quiet:
                err_console.print(
                    views.safe(f"First run: adding the sample article to {lib.path} …", "dim")
                )
            writer.seed()
    return lib


def cmd_add(args: argparse.Namespace, lib: Library) -> int:
    before = lib.kept()
    try:
        with (
            writing(lib, args.wait, quiet=args.json) as writer,
            views.AddProgressBar(enabled=not args.json) as bar,
        ):
            report = writer.add(
                args.sources,
                progress=bar.update,
                max_bytes=_max_bytes(args),
                allow_link_local=args.allow_link_local,
                full_text=args.full_text,
                stdin=True,
                cluster=args.cluster,
            )
    except KeyboardInterrupt:
        return fail(args, _interrupted(lib, before), EXIT_INTERRUPTED)
    except ClusterLost as err:  # stopped like a Ctrl-C, after its last whole batch
        return fail(args, _interrupted(lib, before, str(err)), EXIT_FAIL)
    if args.json:
        print_json(views.report_json(report))
    else:
        views.print_report(report, lib)
    return EXIT_OK if report.complete else EXIT_FAIL


def _interrupted(lib: Library, before: int, why: str = "interrupted") -> str:
    """What an add stopped by Ctrl-C says: every finished batch is kept (see
    :mod:`index.commit`), and the same command again reads only what is not in yet."""
    try:
        kept = max(0, lib.kept() - before)  # the batch committing when stopped counts
    except Exception:  # the store cannot say now: the advice still holds
        return f"{why}: finished batches are kept; run the same command again to continue"
    many = "s" if kept != 1 else ""
    return f"{why}: kept {kept:,} new article{many}; run the same command again to continue"


def cmd_list(args: argparse.Namespace, lib: Library) -> int:
    items = lib.articles(limit=args.limit)
    if args.json:
        records = lib.record_fields([a.id for a in items])
        print_json(
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "source": a.source,
                    "date": a.published,
                    "url": a.url,
                    "lang": a.lang,
                    **_record_json(records.get(a.id)),
                }
                for a in items
            ]
        )
    else:
        views.print_list(items, lib)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, lib: Library) -> int:
    article = lib.get(args.id)
    if article is None:
        return fail(args, lib.why_not_found(args.id), EXIT_FAIL)
    text = (
        article.original.decode(article.encoding.split(" ")[0], "replace")
        if args.raw
        else article.body
    )
    if args.json:
        print_json(
            {
                "id": article.id,
                "title": article.title,
                "source": article.source,
                "date": article.published,
                "url": article.url,
                "author": article.author,
                "lang": article.lang,
                **_record_json(lib.record_fields([article.id]).get(article.id)),
                "origin": article.origin,
                "added": article.ingested_at,
                "text": text,
            }
        )
    else:
        views.print_article(article, text, raw=args.raw)
    return EXIT_OK


def _record_json(fields: RecordFields | None) -> dict[str, str | None]:
    """The corpus record's own ``record_id`` and ``category`` (null when not given)."""
    if fields is None:
        return {"record_id": None, "category": None}
    return {"record_id": fields.record_id, "category": fields.category}


def cmd_search(args: argparse.Namespace, lib: Library) -> int:
    result = lib.search(args.query, limit=args.limit)
    if args.json:
        doc: dict[str, Any] = {
            "query": result.query,
            "total": result.total,
            "suggestion": result.suggestion,
            "notice": result.notice,
            "hits": [
                {
                    "id": h.id,
                    "title": h.title,
                    "score": h.score,
                    "snippet": h.snippet,
                    "matches": [list(m) for m in h.matches],
                    "source": h.source,
                    "date": h.published,
                    "snippet_matches": [list(m) for m in h.snippet_matches],
                }
                for h in result.hits
            ],
        }
        if result.error:
            doc["error"] = result.error
        print_json(doc)
    else:
        views.print_search(result)
    if result.damaged:
        print_error(result.error or "the search index is damaged")
        return EXIT_FAIL
    if result.error:
        print_error(f"query {_shown(args.query)!r}: {result.error}")
        return EXIT_USAGE
    return EXIT_OK


def _shown(query: str, width: int = 60) -> str:
    """``query`` cut to ``width`` characters (with …) for quoting it in a message."""
    query = " ".join(query.split())
    return query if len(query) <= width else query[: width - 1] + "…"


def cmd_entities(args: argparse.Namespace, lib: Library) -> int:
    if args.id is None:
        items = lib.library_entities(kind=args.kind, limit=args.limit)
        if args.json:
            print_json(
                [
                    {
                        "name": e.name,
                        "label": e.label,
                        "kind": e.kind,
                        "articles": e.articles,
                        "mentions": e.mentions,
                    }
                    for e in items
                ]
            )
        else:
            views.print_library_entities(items, lib)
        return EXIT_OK
    article = lib.get(args.id)
    if article is None:
        return fail(args, lib.why_not_found(args.id), EXIT_FAIL)
    entities = lib.entities(article.id)
    if entities is None:
        return fail(args, f"article {article.id} has no entity analysis yet", EXIT_FAIL)
    chosen = [e for e in entities if args.kind is None or e.kind == args.kind][: args.limit]
    if args.json:
        print_json(
            [
                {
                    "name": e.name,
                    "label": e.label,
                    "kind": e.kind,
                    "count": e.count,
                    "aliases": list(e.aliases),
                    "mentions": [
                        {"start": s, "end": t, "text": article.body[s:t]} for s, t in e.mentions
                    ],
                }
                for e in chosen
            ]
        )
    else:
        views.print_entities(article, chosen)
    return EXIT_OK


def cmd_mentions(args: argparse.Namespace, lib: Library) -> int:
    hits = lib.mentions(args.name)
    if not hits and args.json:
        return fail(args, f"no entity called {args.name!r} in this library", EXIT_FAIL)
    if args.json:
        print_json(
            [
                {
                    "id": h.id,
                    "title": h.title,
                    "date": h.published,
                    "source": h.source,
                    "name": h.name,
                    "kind": h.kind,
                    "start": h.start,
                    "end": h.end,
                    "text": h.text,
                    "context": h.context,
                }
                for h in hits
            ]
        )
    else:
        views.print_mentions(args.name, hits)
    return EXIT_OK if hits else EXIT_FAIL


def cmd_remove(args: argparse.Namespace, lib: Library) -> int:
    with writing(lib, args.wait, quiet=args.json) as writer:
        article = writer.remove(args.id)
    if article is None:
        return fail(args, lib.why_not_found(args.id), EXIT_FAIL)
    if args.json:
        print_json({"removed": article.id, "title": article.title})
    else:
        views.print_removed(article)
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace, lib: Library) -> int:
    if args.reread:
        return _reread(args, lib)
    with (
        writing(lib, args.wait, quiet=args.json) as writer,
        views.AddProgressBar(enabled=not args.json, label="rebuilding") as bar,
    ):
        report = writer.rebuild(progress=bar.update_counts)
    if args.json:
        skipped = [{"id": s.id, "title": s.title, "reason": s.reason} for s in report.skipped]
        print_json({"rebuilt": report.rebuilt, "skipped": skipped})
    else:
        views.print_rebuilt(report, lib)
    return EXIT_FAIL if report.skipped else EXIT_OK


def _reread(args: argparse.Namespace, lib: Library) -> int:
    with (
        writing(lib, args.wait, quiet=args.json) as writer,
        views.AddProgressBar(enabled=not args.json, label="reading again") as bar,
    ):
        report = writer.reread(progress=bar.update_counts)
    rebuilt = report.rebuild
    skipped = rebuilt.skipped if rebuilt else tuple(report.unreadable)
    if args.json:
        print_json(
            {
                "reread": report.read,
                "changed": report.changed,
                "analysed": report.analysed,
                "entities_changed": report.entities_changed,
                "sentences_found": report.sentences_found,
                "kept": [{"id": i, "title": t, "reason": r} for i, t, r in report.kept],
                "rebuilt": rebuilt.rebuilt if rebuilt else 0,
                "skipped": [{"id": s.id, "title": s.title, "reason": s.reason} for s in skipped],
            }
        )
    else:
        views.print_reread(report, lib)
    return EXIT_FAIL if skipped else EXIT_OK


def cmd_read(args: argparse.Namespace, lib: Library) -> int:
    """Open the reader; with sources, add them first and open the first article added."""
    open_id = None
    sources = getattr(args, "sources", None) or []
    if any(s in ("-", "/dev/stdin") for s in sources):
        print_error(
            "read: standard input ('-') cannot be read here, the reader takes its keys from "
            "it; add it first with 'nutgraf add -'"
        )
        return EXIT_USAGE
    if sources:
        with writing(lib, getattr(args, "wait", None)) as writer, views.AddProgressBar() as bar:
            report = writer.add(
                sources,
                progress=bar.update,
                max_bytes=_max_bytes(args),
                allow_link_local=bool(getattr(args, "allow_link_local", False)),
                full_text=bool(getattr(args, "full_text", False)),
            )
        views.print_report(report, lib)
        open_id = report.first_id
        if open_id is None and not report.unchanged:
            return EXIT_FAIL
    from tui.app import NutgrafApp

    app = NutgrafApp(lib, open_id=open_id)
    app.run()
    if app.return_code:
        print_error(app.error_message or "the reader stopped on an error")
        return EXIT_FAIL
    return EXIT_OK


#: The commands that may make a library where there is none.
CREATING = frozenset({"add", "read", None})

COMMANDS: dict[str | None, Callable[[argparse.Namespace, Library], int]] = {
    "add": cmd_add,
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "entities": cmd_entities,
    "mentions": cmd_mentions,
    "remove": cmd_remove,
    "rebuild": cmd_rebuild,
    "entity": entity_command.run,
    "watch": watch_command.run,
    "optimize": cmd_optimize,
    None: cmd_read,
    "read": cmd_read,
    **keep_commands.COMMANDS,
    "cite": cite_command.run,
    "export": export_command.run,
}


def run(args: argparse.Namespace) -> int:
    """Run the parsed command."""
    try:
        lib = open_library(args)
    except NoLibrary as err:  # a mistyped --library: nothing is made
        return fail(args, str(err), EXIT_USAGE)
    except LibraryReadOnly as err:
        return fail(args, str(err), EXIT_FAIL)
    try:
        return COMMANDS[args.command](args, lib)
    except LibraryReadOnly as err:  # a write asked of a library we can only read
        return fail(args, str(err), EXIT_FAIL)
    finally:
        lib.close()
