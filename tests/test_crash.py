"""Killed mid-add, the library stays whole; the same add run again finishes the job."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.library import Library
from index.readers.dispatch import read_input
from index.readers.sources import file_input
from tests.conftest import CORPORA, ROOT, needs_corpora, run_nutgraf

pytestmark = pytest.mark.slow  # processes killed mid-add

ARTICLES = 80


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _expected(corpus: Path) -> dict[str, tuple[str, str]]:
    articles = [
        a for a in read_input(file_input(corpus)) if not isinstance(a, str) and hasattr(a, "body")
    ]
    return {a.id: (a.title, a.body) for a in articles}  # type: ignore[union-attr]


def _check_whole(lib_path: Path, expected: dict[str, tuple[str, str]]) -> int:
    lib = Library.open(lib_path)
    try:
        listed = [a.id for a in lib.articles()]
        assert len(listed) == len(set(listed)), "duplicates"
        assert set(listed) <= set(expected)
        for article_id in listed:
            article = lib.get(article_id)
            assert article is not None
            assert (article.title, article.body) == expected[article_id]
            assert lib.entities(article_id) is not None  # analysed before it was listed
        if listed:
            title_word = max(lib.get(listed[0]).title.split(), key=len)  # type: ignore[union-attr]
            result = lib.search(title_word)
            assert result.error is None and listed[0] in {
                h.id for h in lib.search(title_word, limit=100).hits
            }
        return len(listed)
    finally:
        lib.close()


def _live_count(lib: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{lib / 'library.db'}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles WHERE state = 1").fetchone()[0])
    except sqlite3.Error:
        return 0


@needs_corpora("news", "bbc.jsonl")
def test_sigkill_during_add_at_several_moments(tmp_path: Path) -> None:
    corpus = tmp_path / "bbc-part.jsonl"
    with (CORPORA / "news" / "bbc.jsonl").open(encoding="utf-8") as f:
        corpus.write_text("".join(next(f) for _ in range(ARTICLES)), encoding="utf-8")
    expected = _expected(corpus)
    lib = tmp_path / "lib"
    env = {**os.environ, "NUTGRAF_BATCH_SIZE": "8"}
    rng = random.Random(7)
    counts = []
    # Kill once early (before any commit), then each time a little after the library
    # has grown past a mark, at a random moment of the batch in progress.
    for mark in (None, 8, 24, 40, 56):
        proc = subprocess.Popen(
            [sys.executable, "-m", "cli", "--library", str(lib), "add", str(corpus)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if mark is None:
            time.sleep(rng.uniform(0.3, 2.0))
        else:
            deadline = time.monotonic() + 60
            while _live_count(lib) < mark and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.8))
        workers = _children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [w for w in workers if _alive(w)], "NER workers outlived their killed parent"
        counts.append(_check_whole(lib, expected))
    assert counts == sorted(counts)  # each run kept what the last one committed
    assert any(0 < c < len(expected) for c in counts), counts  # some kills landed mid-add

    final = run_nutgraf(
        "--library", str(lib), "add", str(corpus), "--json", env={"NUTGRAF_BATCH_SIZE": "8"}
    )
    assert final.code == 0, final.err
    report = json.loads(final.out)
    assert _check_whole(lib, expected) == len(expected)
    assert len(report["added"]) + len(report["updated"]) + report["unchanged"] >= len(expected)
    again = json.loads(run_nutgraf("--library", str(lib), "add", str(corpus), "--json").out)
    assert again["added"] == [] and again["unchanged"] == ARTICLES
