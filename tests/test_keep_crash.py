"""A process killed with SIGKILL in the middle of writing many tags loses nothing else
(issue 15, item 2: "never lost by a crash"; the same guarantee as articles, see
tests/test_crash.py)."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # a process killed mid-write

WRITER = textwrap.dedent(
    """
    import sys
    from index.library import Library
    lib = Library.open(sys.argv[1])
    ids = sys.argv[2:]
    n = 0
    while True:
        lib.keep.tag(ids[n % len(ids)], [f"t{n}-{k}" for k in range(200)])  # one transaction
        if n % 10 == 0:
            lib.keep.note(ids[n % len(ids)], f"note {n} " + "x" * 2000)
        print(n, flush=True)
        n += 1
    """
)


def test_sigkill_while_tagging_keeps_every_earlier_tag_and_article(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(
            f"Article number {n}\n\nThe text of article {n} about pipelines.\n", encoding="utf-8"
        )
    lib = Library.open(tmp_path / "lib")
    with lib.writer() as writer:
        writer.add([str(tmp_path / f"a{n}.txt") for n in range(2)], analyse=False)
    before = {a.id: lib.get(a.id) for a in lib.articles()}
    lib.keep.star(next(iter(before)))
    lib.close()

    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "lib"), *before],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    done = -1
    started = time.monotonic()
    for line in proc.stdout:
        done = int(line)
        if done >= 100:
            break
    # Kill it in the middle of its next write (not at its very start): a while into the
    # time one write takes on average.
    time.sleep((time.monotonic() - started) / done * random.Random(15).uniform(0.3, 0.7))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # What it printed after the kill was decided may have been written too; not less.
    done = max([done, *(int(x) for x in proc.stdout.read().split() if x.isdigit())])
    proc.stdout.close()

    with sqlite3.connect(tmp_path / "lib" / "library.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    lib = Library.open(tmp_path / "lib")
    try:
        kept = lib.keep.annotations()
        tags = {a.tag for a in kept if a.kind == "tag"}
        notes = {a.note for a in kept if a.kind == "note"}
        for n in range(done + 1):
            assert {f"t{n}-{k}" for k in range(200)} <= tags, n
            assert n % 10 or f"note {n} " + "x" * 2000 in notes, n
        # the write in flight went in whole or not at all: never part of its 200 tags
        for n in range(done + 1, done + 3):
            assert len({f"t{n}-{k}" for k in range(200)} & tags) in (0, 200), n
        assert sum(a.kind == "star" for a in kept) == 1
        assert {a.id: lib.get(a.id) for a in lib.articles()} == before
        assert {h.id for h in lib.search("tag:t0-0 OR is:starred").hits} <= set(before)
        with lib.writer() as writer:  # the library takes new articles as before
            report = writer.add([str(tmp_path / "a2.txt")], analyse=False)
        assert len(report.added) == 1 and lib.count() == 3
        lib.keep.tag(report.added[0].id, ["after"])
        assert [h.id for h in lib.search("tag:after").hits] == [report.added[0].id]
    finally:
        lib.close()
