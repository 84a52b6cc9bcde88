"""How big each commit of an add is: the first batch's size, how batches grow from it
to a largest size, and the small last batch that commits on one core once the analysis
workers are done. :mod:`index.ingest` imports these back and cuts an add into batches
by them ($NUTGRAF_BATCH_SIZE fixes the size, for tests).
"""

from __future__ import annotations

import os

__all__ = ["BATCH_SIZE", "FIXED_BATCH", "MAX_BATCH", "TAIL_BATCH", "next_batch_size"]

#: Articles in the first commit; each later one is twice as big, up to MAX_BATCH.
#: Each commit is one atomic step and one index segment: growing batches start the
#: pipeline quickly and leave few segments (few segments make searching fast).
#: ($NUTGRAF_BATCH_SIZE sets a fixed size, for tests that kill an add between commits.)
BATCH_SIZE = int(os.environ.get("NUTGRAF_BATCH_SIZE", "250"))
FIXED_BATCH = "NUTGRAF_BATCH_SIZE" in os.environ
MAX_BATCH = BATCH_SIZE if FIXED_BATCH else 4000

#: About this many articles are left for the last batch. Its commit is the one
#: that runs on one core after the workers are done; the batch before it commits
#: while they still analyse this one (a last batch of 3,000 took 8 s alone). Not
#: fewer than ``segments.SMALL_DOCS``: a small segment would soon be merged again.
TAIL_BATCH = 1000


def next_batch_size(size: int, remaining: int) -> int:
    """The size of the batch that follows one of ``size`` when about ``remaining``
    articles are still to be read: twice as big, but leaving a small last batch."""
    if FIXED_BATCH:
        return size
    grown = min(MAX_BATCH, size * 2)
    if remaining - grown < TAIL_BATCH:
        return max(TAIL_BATCH, remaining - TAIL_BATCH)
    return grown
