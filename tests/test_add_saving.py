"""Issue 16 review, fault 5: the add's line stays alive and truthful through a commit.

A fake clock drives the bar: while a batch is saved (the index commit: 15-25 s on a
big library) the line says so and its time left counts down with the clock; after it the
time left does not jump up; a resumed add shows what it passes over, with the total; and
at 60 columns the model-loading status is not cut.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from cli.progress import AddProgressBar
from index.library import Library
from index.model import LOADING_MODEL, SAVING, AddProgress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def terminal(width: int = 120) -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=width)


def frame(bar: AddProgressBar, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, record=True, color_system="truecolor")
    console.print(bar._progress.get_renderable())
    return console.export_text().rstrip("\n")


def left(text: str) -> int:
    """The seconds of an ``M:SS left`` in the status."""
    clock = text.rsplit("·", 1)[1].split()[0]
    minutes, seconds = clock.split(":")
    return int(minutes) * 60 + int(seconds)


def test_a_commit_counts_down_and_says_it_saves_then_does_not_jump_up() -> None:
    clock = Clock()
    with AddProgressBar(console=terminal(), clock=clock) as bar:
        done = 0
        for _ in range(90):  # 90 s at 16 articles/s
            clock.now += 1
            done += 16
            bar.update(AddProgress(done, 4000, "indexing"))
        before = left(bar.shown)
        bar.update(AddProgress(done, 4000, SAVING))
        seen = []
        for _ in range(20):  # a 20 s commit: no new event, the line is redrawn
            clock.now += 1
            bar.tick()
            assert bar.shown.startswith("saving batch 1…"), bar.shown
            seen.append(left(bar.shown))
        assert seen == sorted(seen, reverse=True) and seen[-1] <= before - 19
        after = []
        for _ in range(30):  # work again, the rate now taking the commit's 20 s
            clock.now += 1
            done += 16
            bar.update(AddProgress(done, 4000, "indexing"))
            after.append(left(bar.shown))
        # No jump up: at most the clock's second back per second, never above the countdown.
        assert after[0] <= seen[-1] + 1, (seen[-1], after)
        assert all(b <= a + 1 for a, b in zip([seen[-1], *after], after, strict=False)), after


def test_the_next_commit_is_the_next_batch() -> None:
    clock = Clock()
    with AddProgressBar(console=terminal(), clock=clock) as bar:
        for n, current in enumerate([SAVING, SAVING, "indexing", SAVING]):
            clock.now += 1
            bar.update(AddProgress(n * 10, 100, current))
        assert bar.shown.startswith("saving batch 2…")


def test_a_resumed_add_shows_what_it_passes_over_with_the_total() -> None:
    clock = Clock()
    with AddProgressBar(console=terminal(), clock=clock) as bar:
        clock.now += 1
        bar.update(AddProgress(750, 2000, "", passed=750))
        assert bar.shown == "passing over 750 already in…"
        assert bar.task.fields["counts"] == "750/2000"


def test_the_model_loading_status_fits_at_60_columns() -> None:
    clock = Clock()
    with AddProgressBar(console=terminal(60), clock=clock) as bar:
        bar.update(AddProgress(40, 2000, LOADING_MODEL))
        assert LOADING_MODEL in frame(bar, 60)


def test_the_ingest_reports_passing_over_and_saving(library: Library, tmp_path: Path) -> None:
    """The ingest's side: a rerun reports the articles it passes over as it goes (not one
    event after them all), and each commit says it saves."""
    corpus = tmp_path / "c.jsonl"
    lines = [json.dumps({"title": f"Story {n}", "text": f"Text {n}."}) + "\n" for n in range(120)]
    corpus.write_text("".join(lines))
    events: list[AddProgress] = []
    with library.writer() as writer:
        writer.add([str(corpus)], progress=events.append)
    assert any(e.current == SAVING for e in events)
    corpus.write_text("".join(lines) + json.dumps({"title": "New", "text": "New."}) + "\n")
    events.clear()
    with library.writer() as writer:
        writer.add([str(corpus)], progress=events.append)
    passing = [e.passed for e in events if e.passed and e.done < 120]
    assert passing and min(passing) < 120, [(e.done, e.passed, e.current) for e in events]


def test_a_few_repeats_before_the_work_do_not_say_passing_over() -> None:
    clock = Clock()
    with AddProgressBar(console=terminal(), clock=clock) as bar:
        clock.now += 1
        bar.update(AddProgress(7, 400, "", passed=7))  # records read twice, at the start
        assert bar.shown == "measuring the rate…"
        clock.now += 1
        bar.update(AddProgress(800, 2000, "", passed=750))  # analysing now
        assert bar.shown == "measuring the rate…"
