"""A library this process cannot write (a read-only mount, another user's folder) can be read.

The library is made read-only with ``chmod -R a-w``. Tests run as root, who may
write anyway: the commands then run in a subprocess without the capabilities
that let root ignore file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
so the kernel, SQLite and Whoosh really see a folder they cannot write.
"""

from __future__ import annotations

import ctypes
import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_TITLE, SEEDS, CliResult

_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 24, 1, 2


def _as_a_user() -> None:
    """In the child before exec: as root, give up what lets root write anything."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop root's file-permission capabilities")


def run_restricted(*args: str, code: str | None = None) -> CliResult:
    """``nutgraf ARGS`` (or the Python ``code``) in a subprocess held to file permissions."""
    command = ["-c", code] if code is not None else ["-m", "cli", *args]
    proc = subprocess.run(
        [sys.executable, *command, *(args if code is not None else ())],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        preexec_fn=_as_a_user,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def _chmod_tree(path: Path, writable: bool) -> None:
    for folder, _, files in os.walk(path):
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            mode = stat.S_IMODE(os.stat(name).st_mode)
            os.chmod(name, mode | stat.S_IWUSR if writable else mode & ~0o222)


@pytest.fixture
def read_only(seeded_template: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the seeded library with write permission taken away (given back after)."""
    import shutil

    path = tmp_path / "lib"
    shutil.copytree(seeded_template, path)
    assert not (path / "library.db-wal").exists()  # closed cleanly: no WAL to read through
    _chmod_tree(path, writable=False)
    probe = run_restricted(code=f"import os; print(os.access({str(path)!r}, os.W_OK))")
    if probe.out.strip() != "False":
        pytest.skip(f"cannot make a folder read-only for a test process here: {probe.err}")
    yield path
    _chmod_tree(path, writable=True)


def _listing(path: Path) -> list[tuple[str, int, float]]:
    return sorted(
        (str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime) for p in path.rglob("*")
    )


@pytest.mark.slow
def test_reading_commands_work_and_write_nothing(read_only: Path) -> None:
    before = _listing(read_only)
    lib = ["--library", str(read_only)]
    listed = run_restricted(*lib, "list", "--json")
    assert listed.code == 0, listed.err
    (article,) = json.loads(listed.out)
    assert article["title"] == SEED_TITLE
    found = run_restricted(*lib, "search", 'person:"Kim Jong Un"', "--json")
    assert found.code == 0, found.err
    assert json.loads(found.out)["total"] == 1
    shown = run_restricted(*lib, "show", article["id"], "--json")
    assert shown.code == 0 and "ballistic missiles" in json.loads(shown.out)["text"]
    entities = run_restricted(*lib, "entities", article["id"], "--json")
    assert entities.code == 0 and "Kim Jong Un" in {e["name"] for e in json.loads(entities.out)}
    mentions = run_restricted(*lib, "mentions", "Putin", "--json")
    assert mentions.code == 0 and len(json.loads(mentions.out)) >= 3
    assert run_restricted(*lib, "entities", "--json").code == 0
    assert _listing(read_only) == before


@pytest.mark.parametrize("command", ["add", "remove", "rebuild"])
@pytest.mark.slow
def test_writes_say_the_library_is_read_only(read_only: Path, command: str) -> None:
    lib = ["--library", str(read_only)]
    args = {"add": [str(SEEDS)], "remove": ["f5d38a8eaa058a2d"], "rebuild": []}[command]
    result = run_restricted(*lib, command, *args)
    assert result.code == 1
    assert result.err == f"nutgraf: library at {read_only} is read-only\n"


@pytest.mark.slow
def test_a_wal_left_by_a_killed_writer_is_read_through(
    seeded_template: Path, tmp_path: Path
) -> None:
    import shutil

    path = tmp_path / "lib"
    shutil.copytree(seeded_template, path)
    story = tmp_path / "late.txt"
    story.write_text("A late harbour story\n\nThe harbour of the last town.\n")
    writer = textwrap.dedent(
        f"""
        import os
        from index.library import Library
        lib = Library.open({str(path)!r})
        lib.store._conn().execute("PRAGMA wal_autocheckpoint=0")
        with lib.writer() as writer:
            writer.add([{str(story)!r}], analyse=False)
        os._exit(0)  # killed: the WAL is never checkpointed into library.db
        """
    )
    assert subprocess.run([sys.executable, "-c", writer], cwd=ROOT, check=False).returncode == 0
    assert (path / "library.db-wal").stat().st_size > 0
    _chmod_tree(path, writable=False)
    try:
        listed = run_restricted("--library", str(path), "list", "--json")
        assert listed.code == 0, listed.err
        titles = {a["title"] for a in json.loads(listed.out)}
        assert titles == {SEED_TITLE, "A late harbour story"}
    finally:
        _chmod_tree(path, writable=True)


@pytest.mark.slow
def test_the_reader_opens_and_searches_a_read_only_library(read_only: Path) -> None:
    script = textwrap.dedent(
        f"""
        import asyncio, json
        from index.library import Library
        from tui.app import NutgrafApp

        async def main():
            lib = Library.open({str(read_only)!r})
            app = NutgrafApp(lib)
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(3):
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.15)
                await pilot.press("/", *"ballistic")
                for _ in range(6):
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.15)
                panel = app.reader.search_panel
                opened = app.reader.article.title if app.reader.article else None
                app.rebuild_index()  # from the palette: refused, and the reader goes on
                await app.workers.wait_for_complete()
                await pilot.pause(0.15)
                told = [n.message for n in app._notifications][-1]
                print(json.dumps([opened, [r.title for r in panel.results], told]))

        asyncio.run(main())
        """
    )
    result = run_restricted(code=script)
    assert result.code == 0, result.err
    assert json.loads(result.out.strip().splitlines()[-1]) == [
        SEED_TITLE,
        [SEED_TITLE],
        f"Rebuild failed: library at {read_only} is read-only",
    ]


def test_the_index_folder_is_readable_by_others_as_the_umask_says(tmp_path: Path) -> None:
    # tempfile.mkdtemp made it private: another user could read library.db but not search.
    from index.library import Library

    umask = os.umask(0o022)
    try:
        lib = Library.open(tmp_path / "lib")
        lib.search("anything")
        lib.close()
        assert stat.S_IMODE((tmp_path / "lib" / "index").stat().st_mode) == 0o755
    finally:
        os.umask(umask)


@pytest.mark.slow
def test_a_read_only_default_library_is_shown_as_it_is_not_seeded(tmp_path: Path) -> None:
    from index.library import Library

    lib = Library.open()  # the default library (in this test's own data folder)
    assert lib.is_default and lib.needs_seed()
    path = lib.path
    lib.close()
    _chmod_tree(path, writable=False)
    try:
        listed = run_restricted("list", "--json")
        assert (listed.code, listed.out.strip(), listed.err) == (0, "[]", "")
        added = run_restricted("add", str(SEEDS))
        assert (added.code, added.err) == (1, f"nutgraf: library at {path} is read-only\n")
    finally:
        _chmod_tree(path, writable=True)
