"""``nutgraf add`` while it runs (issue 14, items 17 and 19): a steady progress bar
with a smoothed rate, a named wait for the language model, and Ctrl-C that says what
was kept."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from cli.progress import MEASURING, AddProgressBar
from cli.rate import RATE_WINDOW, WindowRate
from index.library import Library
from index.model import LOADING_MODEL, AddProgress
from tests.conftest import SEED_FILE, CliResult

Cli = Callable[..., CliResult]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=100)


def test_the_label_stays_put_whatever_stage_the_add_is_in() -> None:
    """Issue 14 item 17: the bar flipped between "indexing" and "analysing"; the label
    now says "adding" through every stage the ingest reports."""
    clock = Clock()
    with AddProgressBar(console=terminal(), clock=clock) as bar:
        for n, current in enumerate(["Some title", "analysing entities", "indexing", ""] * 3):
            clock.now += 0.5
            bar.update(AddProgress(n, 100, current))
            assert bar.description == "adding"
            assert bar.task.description == "adding"


def test_loading_the_model_is_named_until_articles_go_in() -> None:
    """Issue 14 item 17: the first add showed a frozen ``0/1`` while spaCy loaded; the
    label now says so, with no rate or time left, until the first articles go in."""
    clock = Clock()
    with AddProgressBar(console=terminal(), clock=clock) as bar:
        bar.update(AddProgress(0, 1))
        clock.now = 1
        bar.update(AddProgress(0, 1, LOADING_MODEL))
        for _ in range(5):
            clock.now += 3
            bar.update(AddProgress(0, 1, "indexing"))
            assert bar.task.fields["rate"] == LOADING_MODEL == "loading the model (once)…"
            assert bar.task.description == "adding"  # the label stays put (fix round, 14)
        clock.now += 1
        bar.update(AddProgress(1, 1))
        assert bar.task.description == "adding" and not bar.loading


def frame(bar: AddProgressBar, width: int) -> str:
    """The bar's line as the terminal shows it, in plain text."""
    console = Console(file=io.StringIO(), width=width, record=True, color_system="truecolor")
    console.print(bar._progress.get_renderable())
    return console.export_text().rstrip("\n")


@pytest.mark.parametrize("width", [80, 100, 160])
def test_no_column_moves_while_the_add_runs(width: int) -> None:
    """Fix round, fault 14: the bar jumped ~30 columns sideways when the label became
    "loading the language model (once)…", and the rate and time left came and went.
    Every column now has its width: the bar, the count and the status column start and
    end in the same cells in every frame, and the status column is never empty."""
    clock = Clock()
    events = [AddProgress(0, 743)]
    events += [AddProgress(n, 743, "indexing") for n in (1, 2, 3)]
    events += [AddProgress(30, 743, LOADING_MODEL), AddProgress(30, 743, "indexing")]
    events += [AddProgress(n, 743, "indexing") for n in (62, 90, 150, 700, 743)]
    frames = []
    with AddProgressBar(console=terminal(), clock=clock) as bar:
        for event in events:
            clock.now += 3  # the rate needs 10 s of work (issue 16: cli.rate.MIN_SPAN)
            bar.update(event)
            frames.append(frame(bar, width))
    statuses = {bar_status for bar_status in (f[-35:].strip() for f in frames)}
    assert any(LOADING_MODEL in f for f in frames) and any("articles/s" in f for f in frames)
    assert any(MEASURING in f for f in frames)
    assert all(s for s in statuses)

    def bar_cells(text: str) -> list[int]:
        return [i for i, c in enumerate(text) if c in "━╸╺"]

    for text in frames:
        assert len(text) == len(frames[0]) <= width, frames
        assert bar_cells(text) == bar_cells(frames[0]), frames  # the bar never moves
        assert text.index("/743") == frames[0].index("/743"), frames
        assert text[: bar_cells(text)[0]].strip().endswith("adding"), text
    assert len(bar_cells(frames[0])) >= 10


def test_the_rate_is_smoothed_over_bursts() -> None:
    """Issue 14 item 17: articles go in by the batch, 100 every 10 s with updates every
    second between: the rate shown stays near the true 10 a second (a rate of the last
    interval would read 100, then 0). (Issue 16: measured over a window of the last
    minute.)"""
    rate = WindowRate()
    shown = []
    for second in range(121):
        value = rate.update(float(second), (second // 10) * 100)
        if second > RATE_WINDOW / 3:
            shown.append(value)
    assert all(v is not None and 6 <= v <= 14 for v in shown), shown


def test_an_add_names_the_wait_for_the_language_model(library: Library) -> None:
    """Issue 14 item 17: the ingest says when it waits for the entity model."""
    events: list[AddProgress] = []
    with library.writer() as writer:
        writer.add([str(SEED_FILE)], progress=events.append)
    waits = [n for n, e in enumerate(events) if e.current == LOADING_MODEL]
    assert waits
    assert all(e.done == 0 for e in events[: waits[0]])


def test_ctrl_c_during_add_says_what_was_kept_and_exits_130(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 item 19: Ctrl-C during an add is one line saying how many articles were
    kept and that the same command continues, exit 130, no traceback; and it does."""
    import index.ingest

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"title": f"Story {n}", "text": f"Text of story {n}."}) + "\n"
            for n in range(6)
        )
    )
    monkeypatch.setattr(index.ingest, "BATCH_SIZE", 1)
    finish = index.ingest._Adder._finish
    calls = []

    def interrupted(self: index.ingest._Adder, pending: object) -> None:
        calls.append(pending)
        if len(calls) == 2:
            raise KeyboardInterrupt
        finish(self, pending)  # type: ignore[arg-type]

    monkeypatch.setattr(index.ingest._Adder, "_finish", interrupted)
    lib = str(tmp_path / "lib")
    result = cli("--library", lib, "add", str(corpus))
    assert result.code == 130
    assert "Traceback" not in result.err
    found = re.fullmatch(
        r"nutgraf: interrupted: kept (\d+) new articles?; run the same command again to "
        r"continue\n",
        result.err,
    )
    assert found, result.err
    listed = cli("--library", lib, "list", "--json").json()
    assert isinstance(listed, list) and len(listed) == int(found.group(1)) == 1
    monkeypatch.undo()
    again = cli("--library", lib, "add", str(corpus), "--json").json()
    assert isinstance(again, dict)
    assert (len(again["added"]), again["unchanged"]) == (5, 1)


@pytest.mark.slow
def test_ctrl_c_from_the_terminal_stops_the_workers_without_a_traceback(tmp_path: Path) -> None:
    """Issue 14 item 19, as a terminal sends it: SIGINT to the whole process group (the
    entity workers included) while an add runs. One line, exit 130, no traceback from
    the command or its workers, and what was kept is in the library."""
    import os
    import signal

    from tests.conftest import start_long_add

    proc, lib = start_long_add(tmp_path)
    try:
        os.killpg(proc.pid, signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    found = re.search(r"interrupted: kept (\d+) new articles?; run the same command again", err)
    assert found, err
    import sqlite3

    # Kept: live, or staged by the commit the Ctrl-C stopped (the next writer finishes it).
    with sqlite3.connect(lib / "library.db") as conn:
        rows = conn.execute("SELECT count(*) FROM articles WHERE state != 2").fetchone()[0]
    assert rows == int(found.group(1)) > 0
