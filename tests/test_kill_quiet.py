"""Issue 16 review, fault 9: ``kill -9`` of an add prints nothing more on the terminal.

The add's worker processes use semaphores that multiprocessing's resource tracker (a
process of its own, sharing the terminal) cleans up when the add is killed; it warned
"UserWarning: resource_tracker: There appear to be 5 leaked semaphore objects".
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import start_long_add


@pytest.mark.slow
def test_kill_9_of_an_add_leaves_no_warning_on_the_terminal(tmp_path: Path) -> None:
    proc, _lib = start_long_add(tmp_path, "--json", stdout=subprocess.DEVNULL)
    try:
        os.kill(proc.pid, signal.SIGKILL)  # the add only, as `kill -9 PID` does
        # The pipe closes once the tracker and the workers, which share it, are gone.
        _out, err = proc.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the workers, if any are left
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert "resource_tracker" not in err and "Warning" not in err, err
