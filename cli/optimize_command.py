"""``nutgraf optimize``: merge the search index into one segment (see :mod:`index.optimizing`).

Prints one line ("Merged 27 segments into 1 in 41.2 s"), or with ``--json`` one
document ``{"segments_before", "segments_after", "documents", "seconds"}``. While it
runs, a bar on stderr (on a terminal only) shows how far the merge is (stored fields
copied, then terms written), the time taken and the time left. Ctrl-C stops it with
"interrupted: the index is as it was (N segments)", exit 130. Another
writer holding the library is waited for as by every writing command (``--wait S``,
``--no-wait``); a library that stays busy fails with one line.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from cli.console import err_console, out_console, print_json, safe
from cli.exits import EXIT_INTERRUPTED, EXIT_OK
from cli.failure import fail
from cli.options import add_wait_options
from index.library import Library
from index.model import OptimizeInterrupted, OptimizeReport

__all__ = ["add_parser", "describe", "run"]


def add_parser(sub: Any, parents: Sequence[argparse.ArgumentParser]) -> None:
    """Add ``optimize`` to the subcommands ``sub`` (with the options of ``parents``:
    ``--library``, ``--json``) and its ``--wait S`` / ``--no-wait``."""
    p: argparse.ArgumentParser = sub.add_parser(
        "optimize",
        parents=list(parents),
        help="merge the search index into one segment (faster searches)",
        description="Merge the search index into one segment, which searches fastest. "
        "Adding keeps the number of segments small on its own; this rewrites the whole "
        "index (minutes for a large library). Readers keep working meanwhile; stopping "
        "it leaves the index as it was.",
    )
    add_wait_options(p)


def describe(report: OptimizeReport) -> str:
    """The one line said after an optimize."""
    before, after = report.segments_before, report.segments_after
    if before == after:
        return (
            f"The index is already one segment ({report.documents:,} articles); nothing to merge"
            if before
            else "The index is empty; nothing to merge"
        )
    unit = "segment" if before == 1 else "segments"
    return f"Merged {before} {unit} into {after} in {report.seconds:.1f} s"


def run(args: argparse.Namespace, lib: Library) -> int:
    """Run ``nutgraf optimize``."""
    quiet = bool(args.json)

    def on_wait(message: str) -> None:
        if not quiet:
            err_console.print(safe(message, style="yellow"))

    bar = Progress(
        TextColumn("merging"),
        BarColumn(bar_width=None),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TextColumn("·"),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=err_console,
        transient=True,
        disable=quiet or not err_console.is_terminal,
    )
    with bar:
        task = bar.add_task("merging", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        try:
            report = lib.optimize(progress, wait=args.wait, on_wait=on_wait)
        except OptimizeInterrupted as stopped:
            bar.stop()
            unit = "segment" if stopped.segments == 1 else "segments"
            message = f"interrupted: the index is as it was ({stopped.segments} {unit})"
            return fail(args, message, EXIT_INTERRUPTED)
    if args.json:
        print_json(
            {
                "segments_before": report.segments_before,
                "segments_after": report.segments_after,
                "documents": report.documents,
                "seconds": round(report.seconds, 2),
            }
        )
    else:
        out_console.print(safe(describe(report)))
    return EXIT_OK
