"""Issue 15 item 4 (and the rule for writes): a watch write killed with SIGKILL loses nothing else.

A child process marks a large saved search seen again and again (50,000 ids a
time, each write one transaction), and is killed at a random moment, most often
in the middle of a write. The library is then opened again: its articles and the
other saved search are as they were, and the large one holds exactly the ids of
one complete write, never part of one.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import ROOT
from tests.test_watch import add_stories

pytestmark = pytest.mark.slow  # a process killed mid-write

SIZE = 50_000

WRITER = """
import sys
from index.library import Library

lib = Library.open(sys.argv[1])
watches = lib.watches
n = 0
while True:
    n += 1
    print(n, flush=True)
    watches.mark_seen("Big", [f"{n}-{k}" for k in range(%d)])
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_during_a_watch_write_loses_nothing_else(
    library: Library, tmp_path: Path, seed: int
) -> None:
    ids = add_stories(library, tmp_path, "desk", ["Blair spoke.", "Brown spoke.", "Blair ran."])
    library.watches.add("Big", "*")
    library.watches.add("Blair", "blair")
    late = add_stories(library, tmp_path, "late", ["Blair again."])
    before = library.watches.status("Blair")
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER % SIZE, str(library.path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    rng = random.Random(seed)
    for _ in range(rng.randint(2, 4)):  # some writes done, the next one started
        proc.stdout.readline()
    time.sleep(rng.uniform(0.0, 0.15))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()

    lib = Library.open(library.path)
    try:
        conn = lib.store._conn()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sorted(a.id for a in lib.articles()) == sorted(ids + late)
        after = lib.watches.status("Blair")
        assert (after.ids, after.new_ids, after.seen_at) == (
            before.ids,
            before.new_ids,
            before.seen_at,
        )
        (big,) = conn.execute("SELECT id FROM watches WHERE key = 'big'").fetchone()
        seen = [
            r[0] for r in conn.execute("SELECT article_id FROM watch_seen WHERE watch = ?", (big,))
        ]
        runs = {s.split("-")[0] for s in seen}
        assert len(runs) == 1 and len(seen) == SIZE  # one whole write, never part of one
        assert lib.watches.names() == ["Big", "Blair"]
    finally:
        lib.close()
