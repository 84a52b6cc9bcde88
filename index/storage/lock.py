"""The library's single-writer lock.

An OS file lock (``flock``) is held for as long as a process writes to a
library. The kernel releases it when the process ends, however it ends, so a
killed ``nutgraf add`` can never leave a stale lock that blocks the next run.
The holder writes its pid into the lock file so that a waiting process can say
who it is waiting for.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from index.model import LibraryBusy, LibraryReadOnly

__all__ = ["WriteLock"]


class WriteLock:
    """Exclusive write access to one library directory."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        """The lock file ``path`` of a library; ``read_only`` for a library this process
        cannot write, whose lock can never be taken."""
        self.path = path
        self.read_only = read_only
        self._fd: int | None = None

    def holder(self) -> str:
        """A description of the process holding the lock, from the lock file."""
        try:
            pid = self.path.read_text(encoding="utf-8").strip()
        except OSError:
            pid = ""
        return f"process {pid}" if pid.isdigit() else "another process"

    def _try(self) -> bool:
        assert self._fd is not None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def acquire(
        self, timeout: float | None = None, on_wait: Callable[[str], None] | None = None
    ) -> None:
        """Take the lock, waiting up to ``timeout`` seconds (None: for ever).

        ``on_wait`` is called once, with a message naming the holder, if we must wait.
        Raises :class:`LibraryBusy` when the time runs out, and :class:`LibraryReadOnly`
        when the lock file cannot be written.
        """
        read_only = LibraryReadOnly(f"library at {self.path.parent} is read-only")
        if self.read_only:
            raise read_only
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise read_only from None
            raise
        if not self._try():
            message = f"library is busy: {self.holder()} is writing to it"
            if timeout is not None and timeout <= 0:
                self._close()
                raise LibraryBusy(message)
            if on_wait is not None:
                on_wait(message + "; waiting for it to finish (Ctrl-C to stop)")
            deadline = None if timeout is None else time.monotonic() + timeout
            while not self._try():
                if deadline is not None and time.monotonic() >= deadline:
                    self._close()
                    raise LibraryBusy(f"{message}; gave up after {timeout:.3g} s")
                time.sleep(0.1)
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, str(os.getpid()).encode(), 0)

    def release(self) -> None:
        """Give the lock back."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def __enter__(self) -> WriteLock:
        if self._fd is None:
            self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
