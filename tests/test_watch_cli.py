"""Issue 15 item 4: ``nutgraf watch`` (add, list, show, seen, remove, rename) and its JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import CliResult
from tests.test_watch import add_stories

Cli = Callable[..., CliResult]


@pytest.fixture
def lib_path(library: Library, tmp_path: Path) -> Path:
    add_stories(library, tmp_path, "first", ["Blair spoke.", "Brown spoke."])
    return library.path


def test_add_then_list_reports_new_matches_and_list_marks_nothing_seen(
    cli: Cli, library: Library, lib_path: Path, tmp_path: Path
) -> None:
    lib = ["--library", str(lib_path)]
    added = cli("watch", "add", "Blair", "blair", "--json", *lib)
    assert added.code == 0, added.err
    assert added.json() == {
        "name": "Blair",
        "query": "blair",
        "total": 1,
        "new": 0,
        "new_ids": [],
        "created": added.json()["created"],  # type: ignore[index]
        "seen_at": added.json()["created"],  # type: ignore[index]
    }
    late = add_stories(library, tmp_path, "late", [f"Blair {k}." for k in range(30)])
    for _ in range(2):  # listing twice: still new
        (entry,) = cli("watch", "list", "--json", *lib).json()  # type: ignore[misc]
        assert (entry["total"], entry["new"]) == (31, 30)  # counted, not capped
        assert sorted(entry["new_ids"]) == sorted(late)


def test_show_marks_seen_unless_keep_new(cli: Cli, library: Library, lib_path: Path) -> None:
    lib = ["--library", str(lib_path)]
    cli("watch", "add", "Blair", "blair", *lib)
    (late,) = add_stories(library, lib_path.parent, "late", ["Blair again."])
    kept = cli("watch", "show", "blair", "--keep-new", "--json", *lib).json()
    assert kept["new"] == 1  # type: ignore[index]
    assert [m["new"] for m in kept["matches"]] == [True, False]  # type: ignore[index]
    assert kept["matches"][0]["id"] == late  # type: ignore[index]
    shown = cli("watch", "show", "blair", *lib)
    assert shown.code == 0 and "★ " in shown.out and "late 0" in shown.out
    assert cli("watch", "list", "--json", *lib).json()[0]["new"] == 0  # type: ignore[index]


def test_seen_remove_and_rename(cli: Cli, library: Library, lib_path: Path) -> None:
    lib = ["--library", str(lib_path)]
    cli("watch", "add", "Blair", "blair", *lib)
    add_stories(library, lib_path.parent, "late", ["Blair again."])
    assert cli("watch", "seen", "BLAIR", "--json", *lib).json() == {"name": "Blair", "seen": 2}
    assert cli("watch", "rename", "blair", "Tony", "--json", *lib).json() == {
        "name": "Tony",
        "was": "Blair",
    }
    assert cli("watch", "remove", "tony", "--json", *lib).json() == {"removed": "Tony"}
    assert cli("watch", "list", "--json", *lib).json() == []


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["add", "x", "(blair"], 2, "query '(blair': unbalanced parenthesis"),
        (["add", "--", "-x", "blair"], 2, "name '-x' does not start with a letter or digit"),
        (["add", "a/b", "blair"], 2, "name 'a/b' holds '/'"),
        (["show", "nobody"], 1, "no saved search named 'nobody'"),
        (["seen", "nobody"], 1, "no saved search named 'nobody'"),
        (["rename", "nobody", "x"], 1, "no saved search named 'nobody'"),
        (["remove", "nobody"], 1, "no saved search named 'nobody'"),
    ],
)
def test_errors_are_one_line_and_one_json_document(
    cli: Cli, lib_path: Path, args: list[str], code: int, error: str
) -> None:
    lib = ["--library", str(lib_path)]
    plain = cli("watch", args[0], *lib, *args[1:])
    assert plain.code == code and plain.out == ""
    assert plain.err.startswith(f"nutgraf: {error}") and plain.err.count("\n") == 1
    as_json = cli("watch", args[0], "--json", *lib, *args[1:])
    assert as_json.code == code
    assert as_json.json()["error"].startswith(error)  # type: ignore[index]


def test_a_taken_name_is_a_usage_error(cli: Cli, lib_path: Path) -> None:
    lib = ["--library", str(lib_path)]
    assert cli("watch", "add", "Blair", "blair", *lib).code == 0
    again = cli("watch", "add", "BLAIR", "brown", "--json", *lib)
    assert again.code == 2
    assert again.json() == {  # type: ignore[comparison-overlap]
        "error": "there is already a saved search named 'BLAIR' (as 'Blair')"
    }


def test_names_and_queries_from_outside_reach_the_terminal_inert(
    cli: Cli, library: Library, lib_path: Path
) -> None:
    lib = ["--library", str(lib_path)]
    assert cli("watch", "add", "Evil", "blair \x1b", *lib).code == 0
    listed = cli("watch", "list", *lib)
    assert "\x1b" not in listed.out and "Evil" in listed.out
