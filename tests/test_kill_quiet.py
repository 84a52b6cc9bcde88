"""Issue 16 review, fault 9: ``kill -9`` of an add prints nothing more on the terminal.

The add's worker processes use semaphores that multiprocessing's resource tracker (a
process of its own, sharing the terminal) cleans up when the add is killed; it warned
"UserWarning: resource_tracker: There appear to be 5 leaked semaphore objects".
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_nutgraf


@pytest.mark.slow
def test_kill_9_of_an_add_leaves_no_warning_on_the_terminal(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"title": f"Story {n}", "text": f"Anna Smith met Bob Jones in Paris. {n}"})
            + "\n"
            for n in range(20_000)  # never all in before the kill, even on a loaded machine
        )
    )
    lib = tmp_path / "lib"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "--library", str(lib), "add", str(corpus), "--json"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "NUTGRAF_BATCH_SIZE": "100"},
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:  # the workers are running
            listed = run_nutgraf("--library", str(lib), "list", "--json")
            if listed.code == 0 and listed.json():
                break
            time.sleep(0.5)
        os.kill(proc.pid, signal.SIGKILL)  # the add only, as `kill -9 PID` does
        # The pipe closes once the tracker and the workers, which share it, are gone.
        _out, err = proc.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the workers, if any are left
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert "resource_tracker" not in err and "Warning" not in err, err
