"""A correction killed at each step of the commit protocol (the issue 15 review, fault 3).

A writer is killed with SIGKILL (at a kill point, in a subprocess) after step 1 (the
correction kept PENDING, its articles listed) or step 2 (their search documents
written): readers of the store never see it half made (not listed, not counted, not in
the entities), and the next writer finishes it, after which the library is exactly as
if the correction had been made whole. Undoing, the same. Built on the small library of
:mod:`tests.correction_library` (no spaCy).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import ROOT
from tests.correction_library import make_library
from tests.test_corrections import correct, counts, state, titles

#: Makes (or undoes) a correction and kills itself at a step: "1" after the store kept
#: it PENDING, "2" after the Whoosh commit of its articles.
KILLED = """
import os, signal, sys
import index.commit
from index.library import Library
from index.storage.store import Store

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

path, step, action = sys.argv[1:4]
if step == "1":
    index.commit.reindex_documents = die
else:
    Store.finish_corrections = die
lib = Library.open(path)
with lib.writer() as writer:
    if action == "make":
        lib.corrections.make(writer, "kind", "Yukos", "org")
    else:
        lib.corrections.undo(writer, 1)
"""


def _killed(path: Path, step: str, action: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", KILLED, str(path), step, action], cwd=ROOT, check=False
    )
    assert proc.returncode == -signal.SIGKILL


def _healed(lib: Library) -> None:
    with lib.writer() as writer:
        writer.reconcile()


@pytest.mark.parametrize("step", ["1", "2"])
def test_a_correction_killed_at_a_step_is_not_seen_then_finished(tmp_path: Path, step: str) -> None:
    whole = make_library(tmp_path / "whole")
    correct(whole, "kind", "Yukos", "org")
    made = state(whole)
    whole.close()
    lib = make_library(tmp_path / "lib")
    before = state(lib)
    lib.close()
    _killed(tmp_path / "lib", step, "make")
    again = Library.open(tmp_path / "lib")
    try:
        assert again.corrections.listed() == []
        assert counts(again)[("Yukos", "person")] == (1, 2)
        assert state(again)[:2] == before[:2]  # type: ignore[index]
        _healed(again)
        assert [(c.n, c.op, c.undone) for c in again.corrections.listed()] == [(1, "kind", False)]
        assert titles(again, "org:yukos") == {"Yukos shares fall again"}
        assert titles(again, "person:yukos") == set()
        assert state(again) == made
        assert again.store.pending_reindex() == []
    finally:
        again.close()


@pytest.mark.parametrize("step", ["1", "2"])
def test_an_undo_killed_at_a_step_is_not_seen_then_finished(tmp_path: Path, step: str) -> None:
    lib = make_library(tmp_path / "lib")
    first = state(lib)
    correct(lib, "kind", "Yukos", "org")
    corrected = state(lib)
    lib.close()
    _killed(tmp_path / "lib", step, "undo")
    again = Library.open(tmp_path / "lib")
    try:
        assert [c.undone for c in again.corrections.listed()] == [False]
        assert state(again)[:2] == corrected[:2]  # type: ignore[index]
        _healed(again)
        assert [c.undone for c in again.corrections.listed()] == [True]
        assert state(again) == first
        assert titles(again, "org:yukos") == set()
    finally:
        again.close()


def test_a_rebuild_finishes_a_killed_correction(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    lib.close()
    _killed(tmp_path / "lib", "1", "make")
    again = Library.open(tmp_path / "lib")
    try:
        with again.writer() as writer:
            writer.rebuild()
        assert [c.undone for c in again.corrections.listed()] == [False]
        assert counts(again)[("Yukos", "org")] == (1, 2)
        assert titles(again, "org:yukos") == {"Yukos shares fall again"}
        assert again.store.pending_reindex() == []
    finally:
        again.close()
