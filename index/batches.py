"""How big each commit of an add is: the first batch's size, how batches grow from it
to a largest size, and the small last batch that commits on one core once the analysis
workers are done. :mod:`index.ingest` imports these back and cuts an add into batches
by them ($NUTGRAF_BATCH_SIZE fixes the size, for tests).
"""

from __future__ import annotations

import os

__all__ = [
    "BATCH_SHARE",
    "BATCH_SIZE",
    "FIXED_BATCH",
    "MAX_BATCH",
    "TAIL_BATCH",
    "batch_cap",
    "next_batch_size",
]

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


#: The share of an add one batch may hold (issue 16, item 4). A kill (or a Ctrl-C) throws
#: away the work on the batches not committed: the one being indexed and the IN_FLIGHT=2
#: analysed ahead of it (see :mod:`index.ingest`), about 2.5 batches of entity analysis.
#: At 1% of the add that is 2.5-3% of its work; a rerun also reads and hashes what is in
#: (seconds). Batches of 4,000 threw away ~12,000 articles of a 100,000 add (12%).
BATCH_SHARE = 0.01


def batch_cap(total: int) -> int:
    """The largest batch of an add of about ``total`` articles: :data:`BATCH_SHARE` of it,
    not less than :data:`TAIL_BATCH` (smaller commits cost more than they save on a kill)
    nor more than :data:`MAX_BATCH`. 1,000 for any add up to 100,000 articles."""
    return max(TAIL_BATCH, min(MAX_BATCH, int(total * BATCH_SHARE)))


def next_batch_size(size: int, remaining: int, total: int = 0) -> int:
    """The size of the batch that follows one of ``size`` when about ``remaining``
    articles are still to be read of an add of about ``total`` (0: not known): twice as
    big, up to :func:`batch_cap`, but leaving a small last batch."""
    if FIXED_BATCH:
        return size
    grown = min(batch_cap(total) if total else MAX_BATCH, size * 2)
    if remaining - grown < TAIL_BATCH:
        return max(TAIL_BATCH, remaining - TAIL_BATCH)
    return grown
