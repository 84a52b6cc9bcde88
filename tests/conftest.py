"""Shared fixtures: the seed article, throw-away libraries, and running the CLI.

The suite runs in parallel (pytest-xdist, ``-n auto`` in pyproject.toml). What is
costly to make and only ever read or copied (a library analysed once) is made
by :func:`built_once`, once for the whole run rather than once per worker.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.library import Library

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_008703d0173937b4.txt"
CORPORA = ROOT.parent / "shared" / "corpora"
#: Small real-world inputs with their right answers (README there), kept beside the corpora.
CASES = ROOT.parent / "shared" / "cases" / "real-world-text"
needs_cases = pytest.mark.skipif(not CASES.exists(), reason=f"cases not found at {CASES}")
SEED_TITLE = "Trump can disrupt the economic ambitions of Kim-Putin"


#: Fixtures that start a local HTTP server: every test using one is marked ``slow``.
SERVER_FIXTURES = frozenset({"server", "https"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that talk to a local HTTP server ``slow`` (the other process-level
    tests are marked where they are written)."""
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def needs_corpora(*parts: str) -> pytest.MarkDecorator:
    """Skip (with the reason) when the shared corpora are not beside the checkout."""
    path = CORPORA.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"real corpus not found at {path}")


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test may touch the user's real library, data, config or state folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    # Settings and remembered state (tui/settings.py): never the user's own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("NUTGRAF_CONFIG_DIR", str(home / "config" / "nutgraf"))
    monkeypatch.setenv("NUTGRAF_STATE_DIR", str(home / "state" / "nutgraf"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NUTGRAF_LIBRARY", raising=False)
    monkeypatch.delenv("NUTGRAF_DEBUG", raising=False)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """An empty library in a temporary folder."""
    lib = Library.open(tmp_path / "lib")
    yield lib
    lib.close()


@pytest.fixture
def seeded(library: Library) -> Library:
    """A library holding the seed article."""

    with library.writer() as writer:
        report = writer.add([str(SEEDS)])
    assert [a.title for a in report.added] == [SEED_TITLE]
    return library


@dataclass
class CliResult:
    """Exit status and output of one ``nutgraf`` run."""

    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``nutgraf`` in-process with the given arguments."""
    from cli.main import main

    def run(*args: str) -> CliResult:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse exits on usage errors and --help
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def start_long_add(
    tmp_path: Path, *args: str, stdout: int = subprocess.PIPE
) -> tuple[subprocess.Popen[str], Path]:
    """A real ``nutgraf add`` of 20,000 small records (never all in before a signal, even on
    a loaded machine) in batches of 100, in a process group of its own, returned once its
    first batch is in the library (or it ended, or 120 s passed): (process, library)."""
    import time

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"title": f"Story {n}", "text": f"Anna Smith met Bob Jones in Paris. {n}"})
            + "\n"
            for n in range(20_000)
        )
    )
    lib = tmp_path / "lib"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "--library", str(lib), "add", str(corpus), *args],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "NUTGRAF_BATCH_SIZE": "100"},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # the workers are running
        listed = run_nutgraf("--library", str(lib), "list", "--json")
        if listed.code == 0 and listed.json():
            break
        time.sleep(0.5)
    return proc, lib


def run_nutgraf(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> CliResult:
    """Run ``nutgraf`` as a real subprocess (for exit codes, tracebacks and signals)."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """A folder that ``build`` fills once per test run, however many xdist workers ask.

    The first worker to ask builds it under a lock in the folder this run's workers
    share (pytest's base temporary folder when not distributed); the others wait for
    it and reuse it. A build that failed is thrown away and tried again by the next.
    Whoever uses the folder must copy it, never open it in place: an open SQLite
    library grows -wal and -shm files that another worker copying it would catch.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # this run's own folder, holding one folder per worker
    folder, done = root / f"built-{name}", root / f"built-{name}.done"
    with (root / f"built-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def _build_seeded(folder: Path) -> None:
    lib = Library.open(folder / "lib")
    with lib.writer() as writer:
        writer.add([str(SEEDS)])
    lib.close()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library with the seed article, analysed once per test run. Copy it to use it
    (see :func:`built_once`); ``seeded_copy`` and ``reader_library`` do."""
    return built_once(tmp_path_factory, "seeded", _build_seeded) / "lib"


@pytest.fixture
def seeded_copy(seeded_template: Path, tmp_path: Path) -> Path:
    """The folder of a fresh copy of the seeded library, for a test or a process to open."""
    path = tmp_path / "lib"
    shutil.copytree(seeded_template, path)
    return path


@pytest.fixture
def reader_library(seeded_copy: Path) -> Iterator[Library]:
    """A fresh copy of the seeded library, open, for tests that change it."""
    lib = Library.open(seeded_copy)
    yield lib
    lib.close()
