"""Junk in, order out: every bad input gets one line naming it, and the good ones all go in."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.ingest import AddReport, add_sources
from index.library import Library
from tests.badcorpus import GOOD_TITLES, Case, write_bad_corpus
from tests.conftest import run_nutgraf


def add(lib: Library, *names: str) -> AddReport:
    with lib.write_lock():
        return add_sources(lib, list(names))


@pytest.fixture(scope="module")
def outcome(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[Case], AddReport, Library, Path]:
    folder = tmp_path_factory.mktemp("bad") / "in"
    cases = write_bad_corpus(folder)
    lib = Library.open(tmp_path_factory.mktemp("badlib") / "lib")
    return cases, add(lib, str(folder)), lib, folder


def test_every_good_file_goes_in(outcome: tuple[list[Case], AddReport, Library, Path]) -> None:
    _, _, lib, _ = outcome
    titles = {a.title for a in lib.articles()}
    assert set(GOOD_TITLES) <= titles
    assert {"Corpus good one", "Corpus good two"} <= titles  # the good lines of the broken corpus


def test_each_bad_case_ends_as_expected(
    outcome: tuple[list[Case], AddReport, Library, Path],
) -> None:
    cases, report, lib, folder = outcome
    by_origin = {}
    for summary in lib.articles():
        article = lib.get(summary.id)
        assert article is not None
        by_origin.setdefault(article.origin, []).append(article)
    for case in cases:
        path = str(folder / case.name)
        skips = [s for s in report.skipped if s.where == path]
        notices = [n for n in report.notices if n.where == path]
        if case.expect == "skip":
            assert skips, f"{case.name}: no skip reported"
            assert any(case.phrase in s.reason for s in skips), (case.name, skips)
            assert all("\n" not in str(s) for s in skips)
        else:
            (article,) = by_origin.get(path, [None])
            assert article is not None, f"{case.name}: not added ({skips})"
            assert not [s for s in skips if s.part is None], (case.name, skips)
            if case.expect == "ok+notice":
                assert any(case.phrase in n.message for n in notices), (case.name, notices)
            else:
                assert case.phrase in article.body, (case.name, article.body[:200])


def test_originals_are_kept_byte_for_byte(
    outcome: tuple[list[Case], AddReport, Library, Path],
) -> None:
    _, _, lib, _ = outcome
    for summary in lib.articles():
        article = lib.get(summary.id)
        assert article is not None
        if article.origin and article.origin.endswith((".txt", ".html")):
            assert article.original == Path(article.origin).read_bytes()


def test_broken_jsonl_line_is_reported_by_number(
    outcome: tuple[list[Case], AddReport, Library, Path],
) -> None:
    _, report, _, folder = outcome
    (skip,) = [s for s in report.skipped if s.where == str(folder / "lines.jsonl")]
    assert skip.part == "line 2" and skip.reason.startswith("invalid JSON")


def test_cli_exit_is_orderly_and_one_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    cases = write_bad_corpus(folder)
    result = run_nutgraf(
        "--library", str(tmp_path / "lib"), "add", str(folder), "--json", timeout=600
    )
    assert result.code == 1
    assert "Traceback" not in result.err
    doc = json.loads(result.out)
    skipped = {Path(s["where"]).name for s in doc["skipped"]}
    for case in cases:
        if case.expect == "skip":
            assert Path(case.name).name in skipped, case.name
    assert {a["title"] for a in doc["added"]} >= set(GOOD_TITLES)


def test_cli_human_report_gives_each_skip_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (folder / "good.txt").write_text(
        "A good one\n\nA sentence of text that is long enough to be a story.\n"
    )
    result = run_nutgraf("--library", str(tmp_path / "lib"), "add", str(folder))
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.out.splitlines()
    assert any(str(folder / "empty.txt") in line and "empty file" in line for line in lines)
    assert any(str(folder / "photo.txt") in line and "PNG image" in line for line in lines)
    assert "1 added" in lines[0] and "2 skipped" in lines[0]


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(
        "Big story\n\n" + ("A sentence of the big story goes here. " * 30_000), encoding="utf-8"
    )
    env = {"NUTGRAF_NER_MAX_CHARS": "5000"}  # this test is about the size limit, not entities
    result = run_nutgraf(
        "--library", str(tmp_path / "lib"), "add", str(big), "--max-size", "1", env=env
    )
    assert result.code == 1 and "larger than the 1 MB size limit" in result.out
    result = run_nutgraf(
        "--library", str(tmp_path / "lib"), "add", str(big), "--max-size", "2", env=env
    )
    assert result.code == 0, result.out
    result = run_nutgraf(
        "--library",
        str(tmp_path / "lib3"),
        "add",
        str(big),
        env={**env, "NUTGRAF_MAX_FILE_MB": "0.5"},
    )
    assert result.code == 1 and "size limit" in result.out


def test_file_that_disappears_before_reading(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "stays.txt").write_text(
        "It stays\n\n" + "A sentence of text that is long enough to be a story.\n"
    )
    (folder / "goes.txt").write_text(
        "It goes\n\n" + "Another sentence of text that is long enough to count.\n"
    )
    import index.ingest

    real = index.ingest.estimate_articles

    def vanish(src):  # type: ignore[no-untyped-def]
        if src.origin.endswith("goes.txt"):
            os.remove(src.origin)  # listed, then gone before it is read
        return real(src)

    monkeypatch.setattr(index.ingest, "estimate_articles", vanish)
    report = add(library, str(folder))
    assert [a.title for a in report.added] == ["It stays"]
    (skip,) = report.skipped
    assert skip.where.endswith("goes.txt") and "disappeared" in skip.reason


def test_file_that_loses_read_permission(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "open.txt").write_text(
        "Readable\n\n" + "A sentence of text that is long enough to be a story.\n"
    )
    locked = folder / "locked.txt"
    locked.write_text("Locked\n\n" + "Another sentence of text that is long enough to count.\n")
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads everything: make opening this one file fail as it would for a user
        import builtins

        import index.sources

        def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return builtins.open(path, *args, **kwargs)

        monkeypatch.setattr(index.sources, "open", guarded_open, raising=False)
    report = add(library, str(folder))
    assert [a.title for a in report.added] == ["Readable"]
    (skip,) = report.skipped
    assert skip.where == str(locked) and skip.reason == "permission denied"
