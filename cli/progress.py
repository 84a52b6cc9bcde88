"""The progress bar of ``nutgraf add`` and ``rebuild``: one steady line on stderr.

Every column has a fixed width, so that nothing on the line moves while it runs:
the label (what the command does: "adding", "rebuilding"; padded, or cut with
``…``), the bar (the rest of the line), the articles done of the total (right
aligned), and a status column, always there: the smoothed rate and the time
left, "measuring the rate…" until there is one, or, while the entity model
loads (once per run, seconds), "loading the language model (once)…". The
ingest's own stage names ("analysing entities", "indexing", an article's title)
change many times a second and are not shown.

The rate is an exponentially weighted moving average of articles per second
(time constant :data:`RATE_TAU` seconds, the smoothing of the load averages
``uptime`` shows), because articles are committed in bursts: a plain rate of
the last update jumps between zero and thousands. It starts again once the
model is loaded (what went before was reading, not analysing). Time left is
the articles still to go at that rate.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Column

from cli.console import err_console
from index.model import LOADING_MODEL

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod

    from index.model import AddProgress

__all__ = ["COUNT_WIDTH", "LABEL_WIDTH", "MEASURING", "RATE_TAU", "AddProgressBar", "SmoothedRate"]

#: Seconds over which the shown rate forgets the past (the EWMA's time constant).
RATE_TAU = 20.0
#: Cells of the label column, the longest label's ("reading again"); a longer one is cut with ….
LABEL_WIDTH = 13
#: Cells of the done/total column: room for "1234567/1234567".
COUNT_WIDTH = 15
#: The status column while there is no rate yet.
MEASURING = "measuring the rate…"
#: Cells of the status column: the longest thing it says.
STATUS_WIDTH = max(len(LOADING_MODEL), len(MEASURING), len("12,345 articles/s · 12:34:56 left"))


class SmoothedRate:
    """Articles per second, smoothed: for the first ``tau`` seconds the average since the
    first update, then an exponentially weighted moving average of the rate between
    updates, each weighted by how long it lasted (``1 - e^(-dt/tau)``)."""

    def __init__(self, tau: float = RATE_TAU) -> None:
        self.tau = tau
        self.rate: float | None = None
        self._first: tuple[float, int] | None = None
        self._last: tuple[float, int] | None = None

    def update(self, now: float, done: int) -> float | None:
        """Take ``done`` articles at time ``now`` (seconds); the smoothed rate, None until
        articles have gone in over some time."""
        if self._last is None or self._first is None or done < self._last[1]:
            self._first = self._last = (now, done)
            return self.rate
        then, before = self._last
        dt = now - then
        if dt <= 0:
            return self.rate
        start, at_start = self._first
        if now - start < self.tau:  # warming up: the plain average so far
            self.rate = (done - at_start) / (now - start) if done > at_start else None
        else:
            weight = 1 - math.exp(-dt / self.tau)
            rate = self.rate or 0.0
            self.rate = rate + weight * ((done - before) / dt - rate)
        self._last = (now, done)
        return self.rate


def _fixed(width: int, justify: JustifyMethod = "left") -> Column:
    """A table column of exactly ``width`` cells; longer text is cut with …."""
    return Column(width=width, min_width=width, no_wrap=True, overflow="ellipsis", justify=justify)


def _eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


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
        self.rate = SmoothedRate()
        self._loading: int | None = None  # articles done when the model began to load

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
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.enabled:
            self._progress.stop()

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
        if event.current == LOADING_MODEL:
            if self._loading is None:
                self._loading = event.done
                self.rate = SmoothedRate(self.rate.tau)
        elif self._loading is not None and event.done > self._loading:
            self._loading = None  # articles go in: the model is there
            self.rate = SmoothedRate(self.rate.tau)
        rate = self.rate.update(self.clock(), event.done)
        if self._loading is not None:
            shown = LOADING_MODEL
        elif rate:
            shown = f"{rate:,.0f} articles/s"
            if event.total > event.done:
                shown += f" · {_eta((event.total - event.done) / rate)} left"
        else:
            shown = MEASURING
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
