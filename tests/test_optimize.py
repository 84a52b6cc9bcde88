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


_CLI_OPTIMIZE_STOPPED_MID_MERGE = """
import signal, sys, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
from index.fulltext import merge_policy, segments
merge_policy.FLOOR_DOCS = 10
marker = Path(sys.argv[2])
postings = segments._segment_postings
def slow_postings(*args, **kwargs):
    for n, posting in enumerate(postings(*args, **kwargs)):
        if n == 100:
            marker.write_text("merging")  # the merged segment is half written
            time.sleep(60)  # Ctrl-C lands here
        yield posting
segments._segment_postings = slow_postings
from cli.main import main
sys.exit(main(["--library", sys.argv[1], "optimize"]))
"""


def _toc_files(index: Path) -> set[str]:
    """The files the index's table of contents names: TOCs and its segments' files."""
    from whoosh.index import open_dir

    ix = open_dir(str(index), indexname="articles")
    ids = [s.segment_id() for s in ix._segments()]
    ix.close()
    return {
        name
        for name in os.listdir(index)
        if name.startswith("_articles_") or any(name.startswith(f"{i}.") for i in ids)
    }


@pytest.mark.slow
def test_ctrl_c_during_optimize_removes_its_files_and_says_the_index_is_as_it_was(
    tmp_path: Path,
) -> None:
    """Fault 8 of the issue 16 review: Ctrl-C mid-merge left the half-written segment
    (named in no TOC) until the next writer, and said only "interrupted"."""
    lib = _build(tmp_path / "lib", commits=3, per=60)
    before = lib.index_segments()
    assert before > 1
    found = _found(lib)
    index = lib.index_path
    lib.close()
    files = set(os.listdir(index))
    assert files - _toc_files(index) <= {"articles_WRITELOCK"}  # Whoosh's lock file stays
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", _CLI_OPTIMIZE_STOPPED_MID_MERGE, str(tmp_path / "lib"), str(marker)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert set(os.listdir(index)) > _toc_files(index)  # the new segment's files
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert err == f"nutgraf: interrupted: the index is as it was ({before} segments)\n"
    assert out == ""
    assert set(os.listdir(index)) == files  # nothing left beyond the TOC's (and the lock)
    lib = Library.open(tmp_path / "lib")
    assert lib.index_segments() == before
    assert _found(lib) == found
    lib.close()


def test_progress_counts_the_stored_fields_copy_before_the_postings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault 11 of the issue 16 review: the bar sat at 0% while the stored fields were
    copied, since only terms written were counted."""
    from index.fulltext import segments

    lib = _build(tmp_path / "lib", commits=3, per=60)
    writing = [False]
    postings = segments._segment_postings

    def watched(*args: object, **kwargs: object) -> object:
        writing[0] = True
        yield from postings(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(segments, "_segment_postings", watched)
    seen: list[tuple[int, int, bool]] = []
    lib.optimize(lambda done, total: seen.append((done, total, writing[0])))
    lib.close()
    copying = [done for done, total, started in seen if not started]
    assert copying and max(copying) > 0, seen
    assert all(0 <= done <= total for done, total, _ in seen)
    dones = [done / total for done, total, _ in seen]
    assert dones == sorted(dones) and dones[-1] == 1
