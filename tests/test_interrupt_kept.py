"""Issue 16 fault 4: the number a Ctrl-C'd add says it kept is the number the store keeps.

A Ctrl-C that lands in a commit after its rows are staged (the index commit takes seconds)
leaves them PENDING; the next writer makes them live, so they are kept, and the rerun finds
them "unchanged". The line said only the LIVE ones (250 where 750 went in).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from index.storage.store import Store
from tests.conftest import CliResult

Cli = Callable[..., CliResult]


def test_ctrl_c_in_a_commit_counts_the_batch_it_staged(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.ingest

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"title": f"Story {n}", "text": f"Text of story {n}."}) + "\n"
            for n in range(40)
        )
    )
    monkeypatch.setattr(index.ingest, "BATCH_SIZE", 1)
    finish = Store.finish
    calls = []

    def interrupted(self: Store, live: list[str], gone: list[str]) -> None:
        calls.append(live)
        if len(calls) == 2:  # the second batch is staged: Ctrl-C in its commit
            raise KeyboardInterrupt
        finish(self, live, gone)

    monkeypatch.setattr(Store, "finish", interrupted)
    lib = tmp_path / "lib"
    result = cli("--library", str(lib), "add", str(corpus))
    assert result.code == 130, result.err
    found = re.search(r"interrupted: kept (\d+) new articles?;", result.err)
    assert found, result.err
    with sqlite3.connect(lib / "library.db") as conn:
        rows = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    kept = int(found.group(1))
    assert kept == rows == sum(map(len, calls))
    monkeypatch.undo()
    again = cli("--library", str(lib), "add", str(corpus), "--json").json()
    assert isinstance(again, dict)
    assert (len(again["added"]), again["unchanged"]) == (40 - kept, kept)
