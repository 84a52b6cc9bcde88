"""Junk in, order out: every bad input gets one line naming it, and the good ones all go in."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from index.library import Library
from index.model import AddReport, Notice, Skip
from tests.badcorpus import GOOD_TITLES, Case, write_bad_corpus
from tests.conftest import run_nutgraf

# The bad corpus is added once, by the module fixture: its tests share a worker.
pytestmark = pytest.mark.xdist_group("bad_corpus")


def add(lib: Library, *names: str) -> AddReport:
    with lib.writer() as writer:
        return writer.add(list(names))


@dataclass(frozen=True)
class Outcome:
    """The bad corpus after one real ``nutgraf add --json`` of it."""

    cases: list[Case]
    folder: Path  # the corpus
    code: int  # the exit status
    err: str  # stderr
    doc: dict[str, Any]  # the one JSON document on stdout
    skipped: list[Skip]
    notices: list[Notice]
    lib: Library  # the library it filled


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outcome]:
    """The bad corpus, written and added once for the whole module (it is the slowest
    add of the suite); every test here reads what that one add did."""
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    cases = write_bad_corpus(folder)
    home = {"HOME": str(root / "home"), "XDG_DATA_HOME": str(root / "home" / "data")}
    result = run_nutgraf(
        "--library", str(root / "lib"), "add", str(folder), "--json", env=home, timeout=600
    )
    doc = json.loads(result.out)  # exactly one document, or this fails
    lib = Library.open(root / "lib")
    yield Outcome(
        cases,
        folder,
        result.code,
        result.err,
        doc,
        [Skip(**s) for s in doc["skipped"]],
        [Notice(**n) for n in doc["notices"]],
        lib,
    )
    lib.close()


@pytest.mark.slow
def test_every_good_file_goes_in(outcome: Outcome) -> None:
    titles = {a.title for a in outcome.lib.articles()}
    assert set(GOOD_TITLES) <= titles
    assert {"Corpus good one", "Corpus good two"} <= titles  # the good lines of the broken corpus


@pytest.mark.slow
def test_each_bad_case_ends_as_expected(outcome: Outcome) -> None:
    lib, folder = outcome.lib, outcome.folder
    by_origin = {}
    for summary in lib.articles():
        article = lib.get(summary.id)
        assert article is not None
        by_origin.setdefault(article.origin, []).append(article)
    for case in outcome.cases:
        path = str(folder / case.name)
        skips = [s for s in outcome.skipped if s.where == path]
        notices = [n for n in outcome.notices if n.where == path]
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


@pytest.mark.slow
def test_originals_are_kept_byte_for_byte(outcome: Outcome) -> None:
    lib = outcome.lib
    for summary in lib.articles():
        article = lib.get(summary.id)
        assert article is not None
        if article.origin and article.origin.endswith((".txt", ".html")):
            assert article.original == Path(article.origin).read_bytes()


@pytest.mark.slow
def test_broken_jsonl_line_is_reported_by_number(outcome: Outcome) -> None:
    (skip,) = [s for s in outcome.skipped if s.where == str(outcome.folder / "lines.jsonl")]
    assert skip.part == "line 2" and skip.reason.startswith("invalid JSON")


@pytest.mark.slow
def test_cli_exit_is_orderly_and_one_document(outcome: Outcome) -> None:
    assert outcome.code == 1
    assert "Traceback" not in outcome.err
    skipped = {Path(s.where).name for s in outcome.skipped}
    for case in outcome.cases:
        if case.expect == "skip":
            assert Path(case.name).name in skipped, case.name
    assert {a["title"] for a in outcome.doc["added"]} >= set(GOOD_TITLES)


@pytest.mark.slow
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


@pytest.mark.slow
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

        import index.readers.sources

        def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return builtins.open(path, *args, **kwargs)

        monkeypatch.setattr(index.readers.sources, "open", guarded_open, raising=False)
    report = add(library, str(folder))
    assert [a.title for a in report.added] == ["Readable"]
    (skip,) = report.skipped
    assert skip.where == str(locked) and skip.reason == "permission denied"


STORY_TEXT = "A sentence of text that is long enough to be a story, with more words.\n"


def _bytes_folder(tmp_path: Path) -> tuple[bytes, Path]:
    """A folder holding files whose names are not UTF-8, beside a good one."""
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as f:
        f.write(b"Cafe story\n\n" + STORY_TEXT.encode())
    with open(os.path.join(folder, b"good.txt"), "wb") as f:
        f.write(b"Good story\n\n" + STORY_TEXT.replace("more", "other").encode())
    with open(os.path.join(folder, b"\xff\xfe-image.txt"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + bytes(100))
    os.mkdir(os.path.join(folder, b"sub\xe8"))
    with open(os.path.join(folder, b"sub\xe8", b"no_title_\xe0.txt"), "wb") as f:
        f.write(STORY_TEXT.replace("more", "further").encode())
    return folder, tmp_path / "in"


def test_file_names_that_are_not_utf8_go_in_and_are_named_visibly(
    tmp_path: Path, library: Library
) -> None:
    """Undecodable bytes in a name are shown as \\xNN; the rest of the batch goes in."""
    _, folder = _bytes_folder(tmp_path)
    report = add(library, str(folder))
    origins = {a.title: a.origin for a in report.added}
    assert set(origins) >= {"Cafe story", "Good story"}
    assert origins["Cafe story"] == f"{folder}/caf\\xe9.txt"
    (skip,) = report.skipped
    assert skip.where == f"{folder}/\\xff\\xfe-image.txt" and "PNG" in skip.reason
    (untitled,) = [a for a in report.added if a.title not in ("Cafe story", "Good story")]
    assert untitled.origin == f"{folder}/sub\\xe8/no_title_\\xe0.txt"
    assert untitled.title == "no title \\xe0"  # the title made from the file name
    for text in [skip.where, *(a.origin or "" for a in report.added)]:
        text.encode("utf-8")  # no lone surrogates anywhere
    stored = library.get(report.added[0].id)
    assert stored is not None and stored.origin is not None
    # A re-add recognises the same files by the same text.
    again = add(library, str(folder))
    assert again.unchanged == 3 and not again.added and not again.updated


def test_json_records_with_lone_surrogate_escapes_go_in(tmp_path: Path, library: Library) -> None:
    corpus = tmp_path / "lone.jsonl"
    corpus.write_text(
        '{"title": "Lone \\ud800 surrogate", "text": "Text with a lone \\udce9 in it.",'
        ' "author": "A \\udfff"}\n{"title": "Fine", "text": "Fine text of a fine story."}\n'
    )
    report = add(library, str(corpus))
    assert sorted(a.title for a in report.added) == ["Fine", "Lone \ufffd surrogate"]
    assert not report.skipped


@pytest.mark.slow
def test_cli_names_non_utf8_files_visibly(tmp_path: Path) -> None:
    _, folder = _bytes_folder(tmp_path)
    lib = str(tmp_path / os.fsdecode(b"lib\xff"))  # the library's own name is not UTF-8
    result = run_nutgraf("--library", lib, "add", str(folder), "--json")
    assert result.code == 1 and "Traceback" not in result.err, result.err
    doc = json.loads(result.out)
    assert f"{folder}/caf\\xe9.txt" in {a["origin"] for a in doc["added"]}
    assert [s["where"] for s in doc["skipped"]] == [f"{folder}/\\xff\\xfe-image.txt"]
    result = run_nutgraf("--library", lib, "add", str(folder))
    assert result.code == 1 and "Traceback" not in result.err
    assert "3 unchanged" in result.out and "\\xff\\xfe-image.txt" in result.out
    assert "lib\\xff" in result.out  # the library path in the summary line


@pytest.mark.parametrize(
    "args",
    [
        ("show", b"\xff\xfe"),
        ("show", b"caf\xe9", "--json"),
        ("mentions", b"Caf\xe9"),
        ("entities", b"\xff\xfe"),
        ("remove", b"\xff\xfe"),
        ("search", b"caf\xe9"),
    ],
)
@pytest.mark.slow
def test_non_utf8_arguments_are_a_one_line_error(tmp_path: Path, args: tuple[object, ...]) -> None:
    argv = [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args]
    result = run_nutgraf("--library", str(tmp_path / "lib"), *argv)
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and "not valid UTF-8" in result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert "\\x" in result.err  # the bytes, shown
