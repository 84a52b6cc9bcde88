"""The progress bar of ``nutgraf add`` and ``rebuild``: one steady line on stderr.

The label says what the command does ("adding", "rebuilding") and stays put:
the ingest's own stage names ("analysing entities", "indexing", an article's
title) change many times a second and are not shown. The one stage worth naming
is the wait for the entity model, which loads once per run and takes seconds:
the label says "loading the language model (once)…" until articles go in.

The rate is an exponentially weighted moving average of articles per second
(time constant :data:`RATE_TAU` seconds, the smoothing of the load averages
``uptime`` shows), because articles are committed in bursts: a plain rate of
the last update jumps between zero and thousands. It starts again once the
model is loaded (what went before was reading, not analysing), and no rate or
time left is shown while it loads. Time left is the articles still to go at
that rate.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from cli.console import err_console
from index.model import LOADING_MODEL

if TYPE_CHECKING:
    from rich.console import Console

    from index.model import AddProgress

__all__ = ["RATE_TAU", "AddProgressBar", "SmoothedRate"]

#: Seconds over which the shown rate forgets the past (the EWMA's time constant).
RATE_TAU = 20.0


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


def _eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class AddProgressBar:
    """A live progress bar on stderr (only on a terminal): a steady label, articles done
    of the total, the smoothed rate and the time left."""

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
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            console=console,
            transient=True,
        )
        self._task: Any = None

    def __enter__(self) -> AddProgressBar:
        if self.enabled:
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=None, rate="")
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
        """What the bar's label says now."""
        return LOADING_MODEL if self._loading is not None else self.label

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
        shown = ""
        if rate and self._loading is None:
            shown = f"{rate:,.0f} articles/s"
            if event.total > event.done:
                shown += f" · {_eta((event.total - event.done) / rate)} left"
        if self._task is not None:
            self._progress.update(
                self._task,
                completed=event.done,
                total=event.total or None,
                description=self.description,
                rate=shown,
            )

    def update_counts(self, done: int, total: int) -> None:
        """Show plain done/total progress (rebuild)."""
        from index.model import AddProgress

        self.update(AddProgress(done, total))
