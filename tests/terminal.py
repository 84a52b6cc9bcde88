"""A real terminal for tests: run a program in a pseudo-terminal and keep every byte it writes.

Pilot drives the reader headless, where nothing is written anywhere; what a
terminal would act on can only be seen in the bytes of a real run. This runs
the command in a pty of a given size, sends keys, waits for text to appear
and returns the output and the exit status.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from pathlib import Path

__all__ = ["Terminal", "visible"]

_SGR = re.compile(r"\x1b\[[0-9;:]*m")


def visible(output: bytes) -> str:
    """The text of ``output`` with colour and style sequences taken out (a line that a
    program writes in one go, as Textual does, then reads as one run of text)."""
    return _SGR.sub("", output.decode("utf-8", "replace"))


class Terminal:
    """One program in a pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(
        self,
        argv: Sequence[str],
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.output = bytearray()
        self.status: int | None = None
        columns, rows = size
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the program
            try:
                if cwd is not None:
                    os.chdir(cwd)
                full = {**os.environ, "TERM": "xterm-256color", **(env or {})}
                full["COLUMNS"], full["LINES"] = str(columns), str(rows)
                os.execvpe(argv[0], list(argv), full)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def _pump(self, seconds: float) -> bool:
        """Read what the program writes for up to ``seconds``; False once it has gone."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            self.output.extend(data)
        return True

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        """Read until ``text`` shows (see :func:`visible`); AssertionError if it never does."""
        deadline = time.monotonic() + timeout
        while text not in visible(bytes(self.output)):
            if time.monotonic() > deadline or not self._pump(0.1):
                tail = visible(bytes(self.output))[-600:]
                raise AssertionError(f"{text!r} never appeared; the screen ended with {tail!r}")

    def send(self, keys: str | bytes, settle: float = 0.3) -> None:
        """Type ``keys`` (text or raw bytes), then read for ``settle`` seconds."""
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)
        self._pump(settle)

    def finish(self, timeout: float = 30.0) -> int:
        """Wait for the program to end (killing it after ``timeout``); its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self._pump(0.2)
                os.close(self.fd)
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._pump(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        raise AssertionError(f"the program did not end within {timeout:g} s")
