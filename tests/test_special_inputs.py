"""Inputs that are not plain files: FIFOs, devices, stdin, pipes, and the library itself.

An add holds the library's write lock, so nothing it reads may block or run for
ever: these run the real command as a process, with a timeout, so that a
regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from index.library import Library
from index.readers.dispatch import read_input
from index.readers.sources import file_input
from tests.conftest import ROOT, CliResult, run_nutgraf

STORY = b"Piped story\n\nA sentence of text that is long enough to be a story, for the pipe.\n"
OTHER = b"Other story\n\nAnother sentence of text, long enough to be a story of its own.\n"


def nutgraf(*args: str, stdin: bytes | None = None, timeout: float = 120) -> CliResult:
    proc = subprocess.run(
        [sys.executable, "-m", "cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_bytes(OTHER)
    return path


@pytest.mark.parametrize(
    ("special", "kind"),
    [
        ("fifo", "a FIFO"),
        ("/dev/zero", "a character device"),
        ("/dev/urandom", "a character device"),
    ],
)
@pytest.mark.slow
def test_special_files_named_directly_are_refused_unopened(
    tmp_path: Path, good: Path, special: str, kind: str
) -> None:
    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)  # nobody will ever write to it
    result = run_nutgraf(
        "--library", str(tmp_path / "lib"), "add", special, str(good), "--json", timeout=120
    )
    assert result.code == 1 and "Traceback" not in result.err
    doc = result.json()
    assert [a["title"] for a in doc["added"]] == ["Other story"]  # type: ignore[index]
    (skip,) = doc["skipped"]  # type: ignore[index]
    assert skip["where"] == special and skip["reason"] == f"not a regular file ({kind})"


@pytest.mark.slow
def test_a_fifo_in_a_folder_is_one_skip(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(OTHER)
    os.mkfifo(folder / "pipe.txt")
    result = run_nutgraf("--library", str(tmp_path / "lib"), "add", str(folder), "--json")
    doc = result.json()
    assert [a["title"] for a in doc["added"]] == ["Other story"]  # type: ignore[index]
    (skip,) = doc["skipped"]  # type: ignore[index]
    assert skip["where"].endswith("pipe.txt") and skip["reason"] == "not a regular file (a FIFO)"


def test_a_file_that_became_a_fifo_after_the_walk_is_refused_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    src = file_input(path)  # as listed by the walk, a regular file then
    os.mkfifo(path)
    items: list[object] = []
    reader = threading.Thread(target=lambda: items.extend(read_input(src)), daemon=True)
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "opening the FIFO blocked"
    (skip,) = items
    assert "not a regular file (a FIFO)" in str(skip)


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
@pytest.mark.slow
def test_stdin_is_read_once_for_hash_and_content(tmp_path: Path, name: str) -> None:
    lib = str(tmp_path / "lib")
    result = nutgraf("--library", lib, "add", name, "--json", stdin=STORY)
    assert result.code == 0, result.err
    (added,) = result.json()["added"]  # type: ignore[index]
    assert added["title"] == "Piped story"
    assert added["origin"].startswith("stdin (piped, sha256 ")
    # The same bytes again are unchanged; other bytes add, and take nothing away.
    assert nutgraf("--library", lib, "add", name, "--json", stdin=STORY).json()["unchanged"] == 1  # type: ignore[index]
    doc = nutgraf("--library", lib, "add", name, "--json", stdin=OTHER).json()
    assert [a["title"] for a in doc["added"]] == ["Other story"] and doc["removed"] == 0  # type: ignore[index]
    titles = {a["title"] for a in nutgraf("--library", lib, "list", "--json").json()}  # type: ignore[union-attr]
    assert titles == {"Piped story", "Other story"}


@pytest.mark.slow
def test_stdin_redirected_from_a_file_is_that_file(tmp_path: Path, good: Path) -> None:
    lib = str(tmp_path / "lib")
    with open(good, "rb") as f:
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "--library", lib, "add", "-", "--json"],
            stdin=f,
            capture_output=True,
            cwd=ROOT,
            timeout=120,
        )
    (added,) = json.loads(proc.stdout)["added"]
    assert added["origin"] == str(good)
    # so adding the file by its name is the same input, unchanged
    assert nutgraf("--library", lib, "add", str(good), "--json").json()["unchanged"] == 1  # type: ignore[index]


@pytest.mark.slow
def test_process_substitution_is_read_once(tmp_path: Path, good: Path) -> None:
    lib = str(tmp_path / "lib")
    command = f'"{sys.executable}" -m cli.main --library "{lib}" add <(gzip -c "{good}") --json'
    proc = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    (added,) = json.loads(proc.stdout)["added"]
    assert added["title"] == "Other story"  # gzip found by its content and read through
    assert added["origin"].startswith("/dev/fd/")


@pytest.mark.slow
def test_stdin_over_the_size_limit_stops_there(tmp_path: Path) -> None:
    endless = b"A line of a story that goes on and on.\n" * 100_000  # 4 MB
    result = nutgraf(
        "--library", str(tmp_path / "lib"), "add", "-", "--max-size", "1", stdin=endless
    )
    assert result.code == 1 and "Traceback" not in result.err
    assert "stdin: larger than the 1 MB size limit" in result.out


def test_dash_is_a_file_name_outside_the_command_line(tmp_path: Path, library: Library) -> None:
    """The reader's add dialog never reads stdin (it is the terminal the reader runs in)."""
    with library.writer() as writer:
        report = writer.add(["-"], analyse=False)
    (skip,) = report.skipped
    assert skip.where == "-" and skip.reason == "no such file or directory"


# -- the library's own files ----------------------------------------------------


@pytest.mark.slow
def test_adding_the_folder_that_holds_the_library_passes_over_the_library(
    tmp_path: Path,
) -> None:
    (tmp_path / "story.txt").write_bytes(OTHER)
    lib = tmp_path / "lib"
    first = run_nutgraf("--library", str(lib), "add", str(tmp_path / "story.txt"))
    assert first.code == 0, first.out
    backup = tmp_path / "old" / "backup"
    shutil.copytree(lib, backup)  # another library, a copy, in the folder too
    result = run_nutgraf("--library", str(lib), "add", str(tmp_path), "--json")
    assert result.code == 0, result.out
    doc = result.json()
    assert doc["skipped"] == [] and doc["unchanged"] == 1  # type: ignore[index]
    notices = [n["where"] for n in doc["notices"]]  # type: ignore[index]
    assert notices == [str(lib), str(backup)]  # one notice each, no line per file
    # Named directly, a library file is refused by name.
    result = run_nutgraf("--library", str(lib), "add", str(lib / "library.db"), "--json")
    (skip,) = result.json()["skipped"]  # type: ignore[index]
    assert skip["reason"] == "part of the library itself, not an article"
