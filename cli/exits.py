"""The exit statuses of ``nutgraf``, defined once for the parser and the commands.

Scripts branch on them, so they are part of the command line's contract (the
README lists them): 0 done, 1 something failed or was skipped (the rest was
kept), 2 a usage error or a malformed query, 130 interrupted (as a shell reports
Ctrl-C).
"""

from __future__ import annotations

__all__ = ["EXIT_FAIL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE"]

#: Everything asked was done.
EXIT_OK = 0
#: Something failed or was skipped; what could be done was kept.
EXIT_FAIL = 1
#: The command line or the query was malformed: nothing was done.
EXIT_USAGE = 2
#: Stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
