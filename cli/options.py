"""Parsing option values (``--max-size``, ``--limit``, ``--wait``) into checked numbers.

Each parser takes the text as typed and returns a number the rest of the
program can use as it is, or raises :class:`argparse.ArgumentTypeError` with
one line saying what is wrong. ``float()`` accepts ``inf``, ``nan`` and
``1e300``; none of them is a size, a count or a wait, so they are refused here
instead of surfacing later as an OverflowError or a wait that never ends. The
same parser checks ``$NUTGRAF_MAX_FILE_MB``, so the variable and the option
accept exactly the same values.
"""

from __future__ import annotations

import argparse
import math

__all__ = [
    "MAX_COUNT",
    "MAX_SIZE_MB",
    "MIN_SIZE_BYTES",
    "folder",
    "megabytes",
    "positive_int",
    "seconds",
]

#: Smallest size limit: below a kilobyte no article fits, so a smaller value is a typo.
MIN_SIZE_BYTES = 1024
#: Largest size limit (1 TB): a file is read whole up to it, so more is never meant.
MAX_SIZE_MB = 1024 * 1024
#: Largest ``--limit``: SQLite and Whoosh take counts up to 2**63, people far fewer.
MAX_COUNT = 1_000_000_000


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
    return value


def folder(text: str) -> str:
    """A folder given on the command line (``--library DIR``), as typed.

    Raises ArgumentTypeError for an empty (or blank) one: ``--library ''`` is a
    mistake, most often an unset shell variable, never a wish for the default library
    (an empty ``$NUTGRAF_LIBRARY``, by contrast, counts as unset, as empty variables
    usually do).
    """
    if not text.strip():
        raise argparse.ArgumentTypeError("the folder is empty; name a folder")
    return text


def megabytes(text: str) -> int:
    """A size limit given in MB (``"32"``, ``"0.5"``) as a whole number of bytes.

    Raises ArgumentTypeError unless it is a finite number from 1 KB (0.001 MB) to 1 TB.
    """
    value = _number(text, "a size in MB")
    if value * 1024 * 1024 < MIN_SIZE_BYTES:
        raise argparse.ArgumentTypeError(
            f"{text!r} MB is too small a size limit (the smallest is 1 KB, about 0.001 MB)"
        )
    if value > MAX_SIZE_MB:
        raise argparse.ArgumentTypeError(
            f"{text!r} MB is too large a size limit (at most {MAX_SIZE_MB} MB)"
        )
    return int(value * 1024 * 1024)


def positive_int(text: str) -> int:
    """A count such as ``--limit``: a whole number from 1 to :data:`MAX_COUNT`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    if value > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{text!r} must be at most {MAX_COUNT}")
    return value


#: The longest wait asked for that is taken at its word: a day (longer is a mistake;
#: leaving --wait out waits as long as it takes).
MAX_WAIT = 24 * 3600.0


def seconds(text: str) -> float:
    """A time to wait in seconds: a finite number from 0 (do not wait) to a day."""
    value = _number(text, "a number of seconds (leave --wait out to wait as long as it takes)")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 seconds or more")
    if value > MAX_WAIT:
        raise argparse.ArgumentTypeError(
            f"{text!r} is more than a day; leave --wait out to wait as long as it takes"
        )
    return value


def add_wait_options(p: argparse.ArgumentParser) -> None:
    """``--wait SECONDS`` and ``--no-wait`` (exclusive): how long a writing command waits
    for another writer (``args.wait``: None waits as long as it takes, 0 not at all)."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--wait",
        type=seconds,
        metavar="SECONDS",
        default=None,
        help="wait at most this long for another writer (default: wait)",
    )
    group.add_argument(
        "--no-wait",
        dest="wait",
        action="store_const",
        const=0.0,
        help="fail at once if another process is writing to the library",
    )
