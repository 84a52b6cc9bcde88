"""The progress bar of ``nutgraf add`` and ``rebuild``: one steady line on stderr.

Every column has a fixed width, so that nothing on the line moves while it runs:
the label (what the command does: "adding", "rebuilding"; padded, or cut with
``…``), the bar (the rest of the line), the articles done of the total (right
aligned), and a status column, always there: the smoothed rate and the time
left, "measuring the rate…" until there is one, or, while the entity model
loads (once per run, seconds), "loading the language model (once)…". The
ingest's own stage names ("analysing entities", "indexing", an article's title)
change many times a second and are not shown.

The rate and the time left are measured as :mod:`cli.rate` says: articles
analysed per second over the last minute (articles already in the library, as on
a rerun after an interruption, are not counted), and the articles still to go at
that rate, steadied. Both start again once the model is loaded (what went before
was reading, not analysing). When the add ends, one line stays on the terminal:
how many articles were analysed, in how long, at what rate over the whole add.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Column

from cli.console import err_console
from cli.rate import SteadyEta, WindowRate, clock_text
from index.model import LOADING_MODEL, SAVING

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod

    from index.model import AddProgress

__all__ = ["COUNT_WIDTH", "LABEL_WIDTH", "MEASURING", "AddProgressBar"]

#: Cells of the label column, the longest label's ("reading again"); a longer one is cut with ….
LABEL_WIDTH = 13
#: Cells of the done/total column: room for "1234567/1234567".
COUNT_WIDTH = 15
#: Seconds between redrawing the line when no event comes (a batch being saved).
TICK = 1.0
#: Articles passed over (and none analysed yet) from which the status says so; fewer are
#: records read twice at the start of a fresh add.
PASSING_FROM = 50
#: The status column while there is no rate yet.
MEASURING = "measuring the rate…"
#: Cells of the status column: the longest thing it says.
STATUS_WIDTH = max(len(LOADING_MODEL), len(MEASURING), len("12,345 articles/s · 12:34:56 left"))


def _fixed(width: int, justify: JustifyMethod = "left") -> Column:
    """A table column of exactly ``width`` cells; longer text is cut with …."""
    return Column(width=width, min_width=width, no_wrap=True, overflow="ellipsis", justify=justify)


class AddProgressBar:
    """A live progress bar on stderr (only on a terminal), in columns of fixed widths: the
    label, the bar, articles done of the total, and the status (the smoothed rate and
    the time left, or what it waits for)."""

    def __init__(
        self,
        enabled: bool = True,
        label: str = "adding",
        console: Console | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        console = console or err_console
        self.enabled = enabled and console.is_terminal
        self.label = label
        self.clock = clock
        self.rate = WindowRate()
        self.eta = SteadyEta()
        self._loading: int | None = None  # articles done when the model began to load
        self._started = clock()
        self._last: AddProgress | None = None
        self._batch = 0  # the batch being saved (counted from 1), 0 when none is
        self._batches = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.shown = MEASURING  # what the status column says
        self._ticker: threading.Thread | None = None

        self._progress = Progress(
            SpinnerColumn(table_column=_fixed(1)),
            TextColumn("{task.description}", table_column=_fixed(LABEL_WIDTH)),
            BarColumn(bar_width=None),
            TextColumn(
                "{task.fields[counts]}", justify="right", table_column=_fixed(COUNT_WIDTH, "right")
            ),
            TextColumn("{task.fields[rate]}", table_column=_fixed(STATUS_WIDTH)),
            console=console,
            transient=True,
            expand=True,
        )
        self._task: Any = None

    def __enter__(self) -> AddProgressBar:
        if self.enabled:
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=None, rate=MEASURING, counts="0")
            self._ticker = threading.Thread(target=self._tick_on, name="progress", daemon=True)
            self._ticker.start()
        return self

    def _tick_on(self) -> None:
        while not self._stop.wait(TICK):
            self.tick()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self.enabled:
            self._progress.stop()
            if exc_type is None and (line := self.final_line()):
                self._progress.console.print(line, style="dim", highlight=False)

    def final_line(self) -> str:
        """The line left when the add ends: the articles that needed work (analysed and
        indexed; those already in are not counted), how long the whole run took, and the
        rate over it (model loading and reading included); "" when there were none."""
        last = self._last
        work = 0 if last is None else last.done - last.passed
        if work <= 0:
            return ""
        elapsed = max(self.clock() - self._started, 1e-9)
        many = "s" if work != 1 else ""
        return (
            f"{self.label}: {work:,} article{many} in {clock_text(elapsed)}"
            f" · {work / elapsed:,.1f} articles/s"
        )

    @property
    def description(self) -> str:
        """What the bar's label says (always the same)."""
        return self.label

    @property
    def loading(self) -> bool:
        """Whether the status says the language model is loading."""
        return self._loading is not None

    @property
    def task(self) -> Any:
        """The Rich task behind the bar (None when the bar is off)."""
        return self._progress.tasks[0] if self._task is not None else None

    def update(self, event: AddProgress) -> None:
        """Show an ingest progress event."""
        with self._lock:
            self._last = event
            if event.current == SAVING:
                if not self._batch:
                    self._batches += 1
                    self._batch = self._batches
            else:
                self._batch = 0
            if event.current == LOADING_MODEL:
                if self._loading is None:
                    self._loading = event.done
                    self.rate, self.eta = WindowRate(self.rate.window), SteadyEta(self.eta.tau)
            elif self._loading is not None and event.done > self._loading:
                self._loading = None  # articles go in: the model is there
                self.rate, self.eta = WindowRate(self.rate.window), SteadyEta(self.eta.tau)
            self._show(event)

    def tick(self) -> None:
        """Show the last event again at the clock's time (every :data:`TICK` seconds while
        the bar runs): the rate takes the time with no new work, and while a batch is
        saved the time left counts down with the clock."""
        with self._lock:
            if self._last is not None:
                self._show(self._last)

    def _show(self, event: AddProgress) -> None:
        now = self.clock()
        rate = self.rate.update(now, event.done - event.passed)
        left = event.total - event.done
        if self._batch:
            eta = self.eta.countdown(now) if left > 0 else None
        else:
            eta = self.eta.update(now, left, rate) if left > 0 else None
        if self._loading is not None:
            shown = LOADING_MODEL
        elif self._batch:
            shown = f"saving batch {self._batch}…"
            if eta is not None:
                shown += f" · {clock_text(eta)} left"
        elif rate:
            shown = f"{rate:,.0f} articles/s"
            if eta is not None:
                shown += f" · {clock_text(eta)} left"
        elif event.passed >= PASSING_FROM and event.done == event.passed:
            shown = f"passing over {event.passed:,} already in…"  # a resumed add's start
        else:
            shown = MEASURING
        self.shown = shown
        counts = f"{event.done}/{event.total}" if event.total else f"{event.done}"
        if self._task is not None:
            self._progress.update(
                self._task,
                completed=event.done,
                total=event.total or None,
                description=self.description,
                rate=shown,
                counts=counts,
            )

    def update_counts(self, done: int, total: int) -> None:
        """Show plain done/total progress (rebuild)."""
        from index.model import AddProgress

        self.update(AddProgress(done, total))
