"""The rate and the time left that ``nutgraf add`` shows (issue 16, item 4).

Both are about *work*: articles analysed and indexed. An article the add passes
over (already in the library, as on a rerun after a Ctrl-C or a kill, or read
twice) is done at reading speed and is not counted, else the first seconds of a
resumed add would claim thousands of articles a second.

- The rate is the work done over the last :data:`RATE_WINDOW` seconds, divided by
  the time it took (a sliding window of the progress updates): the start of the
  add (reading, loading the entity model) drops out of it after a minute, and the
  batches, which go in by bursts of one part of the analysis (64 articles), are
  averaged over many bursts. Until the window holds :data:`MIN_SPAN` seconds of
  work there is no rate.
- The time left is the articles still to go (the estimated total minus those done:
  the ones still to read and those in the batches being analysed) at that rate.
  The seconds an article takes follow the rate with the time constant
  :data:`ETA_TAU` (an exponentially weighted moving average), so one slow or
  quick stretch does not make the time left jump.
"""

from __future__ import annotations

import math
from collections import deque

__all__ = ["ETA_TAU", "MIN_SPAN", "RATE_WINDOW", "SteadyEta", "WindowRate", "clock_text"]

#: Seconds of updates the rate is measured over (the most recent ones).
RATE_WINDOW = 60.0
#: Seconds of work needed before a rate is given.
MIN_SPAN = 10.0
#: Seconds over which the time shown follows a new estimate (EWMA time constant).
ETA_TAU = 20.0


class WindowRate:
    """Work per second over the last ``window`` seconds of updates."""

    def __init__(self, window: float = RATE_WINDOW, min_span: float = MIN_SPAN) -> None:
        self.window = window
        self.min_span = min_span
        self.rate: float | None = None
        self._samples: deque[tuple[float, int]] = deque()

    def update(self, now: float, work: int) -> float | None:
        """Take the ``work`` done so far (a count that only grows; a smaller one starts
        again) at ``now`` (seconds); the rate in work per second, None until the window
        holds ``min_span`` seconds with some work in it."""
        samples = self._samples
        if samples and work < samples[-1][1]:
            samples.clear()
        if samples and now <= samples[-1][0]:
            samples[-1] = (samples[-1][0], work)
        else:
            samples.append((now, work))
        # Keep one sample at or before the window's start, so the span is the whole window.
        while len(samples) > 2 and samples[1][0] <= now - self.window:
            samples.popleft()
        then, before = samples[0]
        span = now - then
        if span < self.min_span or work <= before:
            # No work for a whole window is a stall: no rate rather than a made-up one.
            self.rate = None if span >= self.window or self.rate is None else self.rate
            return self.rate
        self.rate = (work - before) / span
        return self.rate


class SteadyEta:
    """The time left, steadied: the articles left times the seconds an article takes,
    the latter following each new rate with time constant ``tau`` seconds (an EWMA).
    Less left (articles passed over, a smaller total) shows at once; a slower pace
    raises the time shown over ``tau`` seconds from where the clock has brought it
    (never a jump up), and while nothing is measured (a batch being committed) the
    time shown counts down with the clock (:meth:`countdown`)."""

    def __init__(self, tau: float = ETA_TAU) -> None:
        self.tau = tau
        self.seconds: float | None = None
        self._per_article: float | None = None
        self._at = 0.0

    def update(self, now: float, left: int, rate: float | None) -> float | None:
        """The time left to show at ``now`` (seconds) with ``left`` articles to go at
        ``rate`` articles per second (None when there is no rate: no time is shown)."""
        if rate is None or rate <= 0:
            self.seconds = self._per_article = None
            return None
        pace = 1 / rate
        weight = 1 - math.exp(-max(0.0, now - self._at) / self.tau)
        if self._per_article is None:
            self._per_article = pace
        else:
            self._per_article += weight * (pace - self._per_article)
        estimate = max(0, left) * self._per_article
        if self.seconds is not None:
            counted = max(0.0, self.seconds - max(0.0, now - self._at))
            if estimate > counted:  # slower than shown: rise towards it, steadied
                estimate = counted + weight * (estimate - counted)
        self._at = now
        self.seconds = estimate
        return self.seconds

    def countdown(self, now: float) -> float | None:
        """The time shown, counted down with the clock to ``now`` (seconds), while no
        new rate is measured; None when no time is shown."""
        if self.seconds is not None:
            self.seconds = max(0.0, self.seconds - max(0.0, now - self._at))
            self._at = now
        return self.seconds


def clock_text(seconds: float) -> str:
    """``seconds`` as ``M:SS`` or ``H:MM:SS``."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
