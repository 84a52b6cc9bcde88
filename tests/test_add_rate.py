"""Issue 16, item 4: the rate and time left of a long add are truthful and steady.

A fake clock drives the bar (no wall-clock assertions): the rate is measured over
the last minute of work (not from the start, not counting the articles a resumed add
passes over), the time left is what is still to go at that rate and does not jump,
and the add leaves a final line with its rate.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from itertools import pairwise

from rich.console import Console

from cli.progress import AddProgressBar
from cli.rate import RATE_WINDOW, SteadyEta, WindowRate
from index.library import Library
from index.model import LOADING_MODEL, AddProgress
from tests.conftest import SEED_FILE


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=120), out


def shown(bar: AddProgressBar) -> str:
    return str(bar.task.fields["rate"])


def seconds(text: str) -> int:
    """The time left in a status column, in seconds."""
    found = re.search(r"(?:(\d+):)?(\d+):(\d\d) left", text)
    assert found, text
    hours, minutes, secs = (int(g) if g else 0 for g in found.groups())
    return hours * 3600 + minutes * 60 + secs


def resumed_add(clock: Clock, per_part: float = 1.6) -> Iterator[AddProgress]:
    """A rerun of ``add a.jsonl b.jsonl`` (100,000 articles) killed at 50,000: the 30,000
    of a.jsonl already in are passed over in two seconds, the model loads for 20 s, then
    parts of 64 articles are indexed every ``per_part`` seconds (40 articles/s); b.jsonl's
    first 20,000 are in too and passed over in a second, then work goes on."""
    total, passed = 100_000, 0
    for n in range(0, 30_001, 5_000):
        clock.now += 0.2
        passed = n
        yield AddProgress(n, total, "", passed=passed)
    clock.now += 0.5
    yield AddProgress(passed, total, LOADING_MODEL, passed=passed)
    clock.now += 20
    done = passed
    while done < 70_000:
        clock.now += per_part
        done += 64
        if 35_000 <= done < 35_064:
            clock.now += 1
            passed += 20_000
            done += 20_000
        yield AddProgress(done, total, "indexing", passed=passed)


def test_a_resumed_add_shows_the_rate_of_its_work_not_of_what_it_passes_over() -> None:
    """The rate counts analysed articles over the last minute: passing over the 50,000
    already in (2 s) and loading the model do not make it 25,000 articles a second, or
    low; the time left is the 50,000 still to go at 40 a second (about 21 minutes)."""
    clock = Clock()
    console, _ = terminal()
    with AddProgressBar(console=console, clock=clock) as bar:
        statuses = []
        for event in resumed_add(clock):
            bar.update(event)
            statuses.append((clock.now, event, shown(bar)))
    late = [(t, e, s) for t, e, s in statuses if t > 25 + RATE_WINDOW]
    assert late
    for _t, event, status in late:
        rate = int(status.split(" articles/s")[0].replace(",", ""))
        assert 36 <= rate <= 44, status
        truth = (event.total - event.done) / 40
        assert abs(seconds(status) - truth) <= 0.1 * truth, (status, truth)


def test_the_time_left_counts_down_without_jumping() -> None:
    """Commits come in bursts and parts take more or less time (between 1 and 2.5 s for
    64 articles, with a commit of 8 s every 16 parts): once a minute of work is measured,
    the time left shown never goes up by more than 2% from one update to the next and
    never drops by more than the time that passed and 2%; before that, by 10% at most."""
    clock = Clock()
    console, _ = terminal()
    shown_left: list[tuple[float, int]] = []
    with AddProgressBar(console=console, clock=clock) as bar:
        total, done = 20_000, 0
        bar.update(AddProgress(0, total, LOADING_MODEL))
        clock.now += 10
        for n in range(250):
            clock.now += (1.0, 2.5, 1.2, 2.0, 1.6)[n % 5] + (8.0 if n % 16 == 15 else 0.0)
            done += 64
            bar.update(AddProgress(done, total, "indexing"))
            if "left" in shown(bar):
                shown_left.append((clock.now, seconds(shown(bar))))
    assert len(shown_left) > 200
    for (t0, left0), (t1, left1) in pairwise(shown_left):
        rise = 0.02 if t0 > 10 + RATE_WINDOW else 0.1
        assert left1 - left0 <= max(2, rise * left0), (t0, left0, t1, left1)
        assert left0 - left1 <= (t1 - t0) + max(2, 0.02 * left0), (t0, left0, t1, left1)
    assert shown_left[-1][1] <= shown_left[0][1] / 2


def test_no_rate_before_work_and_none_after_a_stall() -> None:
    """No rate until the window holds some seconds of work; a whole window without work
    gives none rather than an old one."""
    rate = WindowRate(window=60, min_span=5)
    assert rate.update(0, 0) is None
    assert rate.update(2, 10) is None
    assert rate.update(10, 100) == 10
    assert rate.update(100, 100) is None
    eta = SteadyEta()
    assert eta.update(0, 100, 1.0) == 100
    assert eta.update(10, 100, None) is None


def test_the_add_leaves_a_final_line_with_its_rate() -> None:
    """When the add ends, the bar goes and one line stays: the articles analysed (not
    those passed over), the time the whole run took and the rate over it."""
    clock = Clock()
    console, out = terminal()
    with AddProgressBar(console=console, clock=clock) as bar:
        bar.update(AddProgress(0, 1_300))
        clock.now = 30
        bar.update(AddProgress(300, 1_300, "", passed=300))
        clock.now = 130
        bar.update(AddProgress(1_300, 1_300, "", passed=300))
    assert "adding: 1,000 articles in 2:10 · 7.7 articles/s" in out.getvalue()


def test_the_ingest_reports_what_it_passes_over(library: Library) -> None:
    """The ingest says which of the articles done needed no work: all of them when the
    same file is added again."""
    with library.writer() as writer:
        writer.add([str(SEED_FILE)])
    events: list[AddProgress] = []
    with library.writer() as writer:
        writer.add([str(SEED_FILE)], progress=events.append)
    assert events[-1].done > 0
    assert all(e.passed == e.done for e in events)
