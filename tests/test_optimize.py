"""``nutgraf optimize`` merges the index into one segment: one line or one JSON document,
a busy library refused in one line, readers undisturbed, and a kill leaves the index whole."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from index.fulltext import merge_policy
from index.library import Library
from tests.conftest import ROOT, CliResult


@pytest.fixture(autouse=True)
def _small_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Segments of a few dozen documents merge as those of a few thousand do."""
    monkeypatch.setattr(merge_policy, "FLOOR_DOCS", 10)


def _build(path: Path, commits: int = 6, per: int = 30) -> Library:
    """A library of ``commits`` adds (several index segments)."""
    lib = Library.open(path)
    for n in range(commits):
        corpus = path.parent / f"part{n}.jsonl"
        corpus.write_text(
            "\n".join(
                json.dumps(
                    {
                        "title": f"Harbour story {n}-{k}",
                        "text": f"The harbour council met on day {k} of part {n}. Ferry fares rose.",
                    }
                )
                for k in range(per)
            )
            + "\n"
        )
        with lib.writer() as writer:
            writer.add([str(corpus)], analyse=False)
    return lib


def _found(lib: Library, query: str = "harbour") -> tuple[int, list[tuple[str, float]]]:
    result = lib.search(query, limit=200)
    assert result.error is None, result.error
    return result.total, sorted((h.id, h.score) for h in result.hits)


def test_optimize_merges_into_one_segment_and_says_so(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    """One line naming the segments before and after and the time; searching finds the
    same; a second run says there is nothing to merge."""
    lib = _build(tmp_path / "lib")
    before = lib.index_segments()
    assert before > 1
    found = _found(lib)
    lib.close()
    result = cli("optimize", "--library", str(tmp_path / "lib"))
    assert result.code == 0, result.err
    assert re.fullmatch(rf"Merged {before} segments into 1 in \d+\.\d s\n", result.out)
    lib = Library.open(tmp_path / "lib")
    assert lib.index_segments() == 1
    assert _found(lib) == found
    lib.close()
    again = cli("optimize", "--library", str(tmp_path / "lib"))
    assert again.code == 0 and "already one segment (180 articles)" in again.out


def test_optimize_json_is_one_document(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    lib = _build(tmp_path / "lib", commits=3)
    before = lib.index_segments()
    lib.close()
    result = cli("optimize", "--library", str(tmp_path / "lib"), "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert isinstance(doc, dict)
    assert doc["segments_before"] == before and doc["segments_after"] == 1
    assert doc["documents"] == 90 and isinstance(doc["seconds"], float)
    assert result.err == ""


def test_a_busy_library_is_refused_in_one_line(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    lib = _build(tmp_path / "lib", commits=2)
    before = lib.index_segments()
    with lib.writer():  # another writer holds the library
        result = cli("optimize", "--library", str(tmp_path / "lib"), "--no-wait")
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and "busy" in result.err, result.err
    assert lib.index_segments() == before
    lib.close()


def test_a_reader_open_during_optimize_keeps_searching(tmp_path: Path) -> None:
    """A reader's searcher, opened before another process optimizes, goes on finding the
    same articles with the same scores, before and after it moves to the merged index."""
    reader = _build(tmp_path / "lib")
    found = _found(reader)
    held = reader.searcher()._searcher  # the Whoosh searcher on the old segments
    assert held is not None
    other = Library.open(tmp_path / "lib")  # as another process would
    assert other.optimize().segments_after == 1
    other.close()
    from whoosh import query as wq

    old_hits = held.search(wq.Term("body", "harbour"), limit=None)  # files gone, still read
    assert len(old_hits) == 180 and all(h["id"] for h in old_hits)
    assert _found(reader) == found  # refreshed onto the merged segment
    assert reader.searcher()._searcher is not held
    reader.close()


_OPTIMIZE_THEN_HANG = """
import sys, time
from pathlib import Path
from index.fulltext import merge_policy
from index.library import Library
marker = Path(sys.argv[2])
def progress(done, total):
    if not marker.exists():
        marker.write_text("merging")
        time.sleep(60)  # killed here, with the merged segment half written
Library.open(sys.argv[1]).optimize(progress)
"""


@pytest.mark.slow
def test_kill_during_optimize_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    lib = _build(tmp_path / "lib", commits=3, per=60)
    before = lib.index_segments()
    assert before > 1
    found = _found(lib)
    files = sorted(os.listdir(lib.index_path))
    lib.close()
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", _OPTIMIZE_THEN_HANG, str(tmp_path / "lib"), str(marker)],
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "optimize ended before it merged"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert set(os.listdir(tmp_path / "lib" / "index")) > set(files)  # new files written
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    lib = Library.open(tmp_path / "lib")
    assert lib.index_segments() == before
    assert _found(lib) == found
    lib.close()
    lib = Library.open(tmp_path / "lib")
    assert lib.optimize().segments_after == 1  # the lock died with the process
    assert _found(lib) == found
    lib.close()
