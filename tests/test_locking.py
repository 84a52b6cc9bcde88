"""One writer at a time; readers never wait; a dead writer never leaves a stale lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from index.fulltext.writer import open_index
from index.library import Library
from index.model import LibraryBusy
from index.storage.store import Store
from tests.conftest import ROOT, SEED_TITLE, SEEDS, run_nutgraf

HOLD = """
import os, sys
from index.library import Library
lib = Library.open(sys.argv[1])
with lib.writer():
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the test lets go (or ends)
    with open(os.path.join(sys.argv[1], "write.lock")) as lock:
        still_mine = lock.read().strip() == str(os.getpid())
    print(still_mine, lib.count(), flush=True)
"""


@contextmanager
def holding(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the library's write lock until :func:`let_go` (or the
    block ends, which kills it)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def let_go(holder: subprocess.Popen[str]) -> tuple[bool, int]:
    """Release the lock; whether the lock file still named the holder as it let go, and
    how many articles the library had then."""
    out, _ = holder.communicate("\n", timeout=60)
    still_mine, count = out.split()
    return still_mine == "True", int(count)


def _read_until(proc: subprocess.Popen[str], words: str) -> str:
    """What ``proc`` writes to stderr up to a line that ends ``words`` (however Rich
    wraps it); AssertionError if it ends first."""
    assert proc.stderr is not None
    said = ""
    while words not in " ".join(said.split()):
        line = proc.stderr.readline()
        assert line, f"it ended before saying {words!r}: {said!r}"
        said += line
    return said


@pytest.mark.slow
def test_second_writer_without_wait_is_told_library_is_busy(seeded: Library) -> None:
    with holding(seeded.path) as holder:
        busy = pytest.raises(LibraryBusy, match=f"library is busy: process {holder.pid}")
        with busy, seeded.writer(wait=0):
            pass
        result = run_nutgraf("--library", str(seeded.path), "add", str(SEEDS), "--no-wait")
        assert result.code == 1
        assert "library is busy" in result.err and "Traceback" not in result.err


@pytest.mark.slow
def test_second_writer_waits_with_a_message_then_finishes(seeded: Library, tmp_path: Path) -> None:
    """The second writer says it waits, writes nothing while the first holds the lock,
    and adds its article once the first lets go."""
    story = tmp_path / "late.txt"
    story.write_text("A late story\n\nThe harbour reopened late on Sunday, the port said.\n")
    with holding(seeded.path) as holder:
        adder = subprocess.Popen(
            [sys.executable, "-m", "cli", "--library", str(seeded.path), "add", str(story)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            said = _read_until(adder, "waiting for it to finish")
            # Given a moment to go on regardless, it keeps waiting: it neither ends nor fails.
            with pytest.raises(subprocess.TimeoutExpired):
                adder.wait(timeout=1)
            still_mine, count = let_go(holder)
            assert still_mine and count == 1  # nobody took the lock or wrote while it was held
            _, err = adder.communicate(timeout=120)
        finally:
            if adder.returncode is None:
                adder.kill()
                adder.communicate()
    assert adder.returncode == 0, said + err
    assert {a.title for a in seeded.articles()} == {"A late story", SEED_TITLE}


@pytest.mark.slow
def test_killed_writer_leaves_no_stale_lock(seeded: Library) -> None:
    with holding(seeded.path) as holder:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    with seeded.writer(wait=0):  # would raise LibraryBusy if the lock were stale
        pass


@pytest.mark.slow
def test_search_works_while_a_writer_holds_the_lock(seeded: Library) -> None:
    with holding(seeded.path):
        reader = Library.open(seeded.path)
        assert reader.search('"ballistic missiles"').total == 1
        assert reader.count() == 1
        reader.close()


@pytest.mark.slow
def test_two_adds_at_once_both_finish_and_nothing_is_lost(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    sources = []
    for n in range(2):
        corpus = tmp_path / f"c{n}.jsonl"
        corpus.write_text(
            "".join(
                json.dumps(
                    {
                        "title": f"Batch {n} story {k}",
                        "text": f"Story {k} of batch {n} about the harbour.",
                    }
                )
                + "\n"
                for k in range(15)
            )
        )
        sources.append(corpus)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cli", "--library", str(lib), "add", str(src)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for src in sources
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert any("waiting for it to finish" in err for _, err in outs)  # one of them waited, visibly
    check = Library.open(lib)
    titles = sorted(a.title for a in check.articles())
    assert titles == sorted(f"Batch {n} story {k}" for n in range(2) for k in range(15))
    assert check.search("harbour", limit=50).total == 30
    check.close()


def open_at_once(opener: Callable[[], object], ways: int = 3) -> list[str]:
    """Run ``opener`` in ``ways`` threads released together; the errors they raised."""
    start = threading.Barrier(ways)
    errors: list[str] = []

    def run() -> None:
        start.wait()
        try:
            opener()
        except Exception as err:  # the test reports every kind
            errors.append(repr(err))

    threads = [threading.Thread(target=run) for _ in range(ways)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_a_new_library_store_opened_by_several_at_once_opens_for_all(tmp_path: Path) -> None:
    # SQLite does not wait for a busy database while switching a new one to WAL:
    # without a retry about a third of such rounds failed with "database is locked".
    for round_ in range(30):
        db = tmp_path / f"lib{round_}" / "library.db"
        db.parent.mkdir()
        assert open_at_once(partial(Store, db)) == []
        store = Store(db)
        assert store.count() == 0
        store.close()


def test_a_missing_index_created_by_several_at_once_is_one_index(tmp_path: Path) -> None:
    for round_ in range(30):
        folder = tmp_path / f"ix{round_}"
        assert open_at_once(partial(open_index, folder)) == []
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".index-")] == []
        assert open_index(folder, create=False).doc_count() == 0
