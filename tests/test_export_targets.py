"""Review faults of issue 15 about ``export`` and ``cite``: a target that is not a
regular file or is inside the library is refused (fault 4), ``-o -`` is standard
output, a write error names the user's path (not the ``.part`` file), and ``--json``
on ``cite`` and ``export`` (fault 12's items)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from index.export import write_atomically
from index.export_target import ExportTargetError, check_target
from tests.conftest import CliResult
from tests.test_cite_export_cli import article_id, lib  # noqa: F401  (the fixture)

Cli = Callable[..., CliResult]


def test_export_refuses_a_fifo_even_with_force(cli: Cli, lib: str, tmp_path: Path) -> None:  # noqa: F811
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for extra in ((), ("--force",)):
        got = cli("--library", lib, "export", "search", "Warner", "-o", str(fifo), *extra)
        assert got.code == 1, got.err
        assert "FIFO" in got.err and got.err.count("\n") == 1
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the FIFO


def test_export_refuses_a_folder(cli: Cli, lib: str, tmp_path: Path) -> None:  # noqa: F811
    got = cli("--library", lib, "export", "search", "Warner", "-o", str(tmp_path), "--force")
    assert got.code == 1 and "is a folder" in got.err
    assert tmp_path.is_dir()


def test_a_device_is_refused_without_touching_dev(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "full"
    target.write_text("", encoding="utf-8")
    real_stat = os.stat

    def fake_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(path)) == target:
            fields = list(found)
            fields[0] = stat.S_IFCHR | 0o666
            return os.stat_result(fields)
        return found

    monkeypatch.setattr(os, "stat", fake_stat)
    with pytest.raises(ExportTargetError, match="is a device"):
        write_atomically(target, "data", force=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == ""


def test_export_refuses_the_library_own_files(cli: Cli, lib: str, tmp_path: Path) -> None:  # noqa: F811
    before = (Path(lib) / "library.db").read_bytes()
    for name in ("library.db", "library.db-wal", "index/x", "new.csv"):
        got = cli(
            "--library", lib, "export", "search", "Warner", "-o", str(Path(lib) / name), "--force"
        )
        assert got.code == 1 and "inside the library folder" in got.err, (name, got.err)
        assert got.err.count("\n") == 1
    # through ".." too
    sneaky = Path(lib) / "index" / ".." / "library.db"
    assert (
        cli("--library", lib, "export", "search", "Warner", "-o", str(sneaky), "--force").code == 1
    )
    assert (Path(lib) / "library.db").read_bytes() == before
    assert not (Path(lib) / "new.csv").exists()
    assert cli("--library", lib, "list").code == 0


def test_check_target_lets_a_regular_file_or_a_new_path_through(tmp_path: Path) -> None:
    (tmp_path / "old.csv").write_text("x", encoding="utf-8")
    check_target(tmp_path / "old.csv", tmp_path / "lib")
    check_target(tmp_path / "new.csv", tmp_path / "lib")


def test_dash_is_standard_output(
    cli: Cli,
    lib: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    got = cli("--library", lib, "export", "search", "Warner", "-o", "-")
    assert got.code == 0, got.err
    assert got.out.startswith("\ufeffid,") and not (tmp_path / "-").exists()


def test_a_write_error_names_the_users_path_not_the_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(OSError) as caught:
            write_atomically(folder / "out.csv", "data", force=False)
    finally:
        folder.chmod(0o700)
    assert caught.value.filename == str(folder / "out.csv")
    assert ".part" not in str(caught.value)


def test_a_failed_write_after_the_temporary_file_names_the_users_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError) as caught:
        write_atomically(tmp_path / "out.csv", "data", force=False)
    assert caught.value.filename == str(tmp_path / "out.csv")
    assert ".part" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_export_json_to_a_file(cli: Cli, lib: str, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "out.jsonl"
    got = cli(
        "--library",
        lib,
        "export",
        "search",
        "Warner",
        "--format",
        "jsonl",
        "-o",
        str(out),
        "--json",
    )
    assert got.code == 0, got.err
    assert got.json() == {"path": str(out), "rows": 2, "format": "jsonl", "subject": "search"}


def test_export_json_errors_are_one_document(cli: Cli, lib: str, tmp_path: Path) -> None:  # noqa: F811
    got = cli("--library", lib, "export", "search", "Warner", "--json")
    assert got.code == 2 and "-o FILE" in got.json()["error"]  # type: ignore[index]
    got = cli("--library", lib, "export", "search", "Warner", "-o", str(tmp_path), "--json")
    assert got.code == 1 and "is a folder" in got.json()["error"]  # type: ignore[index]


def test_cite_json_is_one_document_with_every_format(cli: Cli, lib: str) -> None:  # noqa: F811
    aid = article_id(cli, lib, "Ad sales")
    got = cli("--library", lib, "cite", aid[:6], "--quote", "Mr Parsons said", "--json")
    assert got.code == 0, got.err
    doc = got.json()
    assert isinstance(doc, dict)
    assert set(doc) == {"id", "start", "end", "quote", "text", "markdown", "csl"}
    assert doc["id"] == aid and doc["quote"] == "Mr Parsons said"
    assert doc["end"] - doc["start"] == len("Mr Parsons said")
    assert doc["text"].startswith('"Mr Parsons said" — ')
    assert doc["markdown"].startswith("> Mr Parsons said")
    assert doc["csl"]["URL"] == "https://example.org/tw"
    missing = cli("--library", lib, "cite", aid[:6], "--quote", "not there at all", "--json")
    assert missing.code == 1 and "error" in json.loads(missing.out)
