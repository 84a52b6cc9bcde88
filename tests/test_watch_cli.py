"""Issue 15 item 4: ``nutgraf watch`` (add, list, show, seen, remove, rename) and its JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import CliResult
from tests.test_readonly import _chmod_tree, read_only, run_restricted
from tests.test_watch import add_stories

Cli = Callable[..., CliResult]
__all__ = ["read_only"]  # a fixture, used by name


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
    assert shown.code == 0 and "◆ " in shown.out and "late 0" in shown.out
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


@pytest.mark.slow
def test_a_read_only_library_lists_saved_searches_and_refuses_changes(read_only: Path) -> None:
    _chmod_tree(read_only, writable=True)  # a saved search made while it could be written
    made = Library.open(read_only)
    made.watches.add("Korea", "korea")
    made.close()
    _chmod_tree(read_only, writable=False)
    lib = ["--library", str(read_only)]
    listed = run_restricted("watch", "list", "--json", *lib)
    assert listed.code == 0, listed.err
    assert [(w["name"], w["total"]) for w in listed.json()] == [("Korea", 1)]  # type: ignore[attr-defined]
    for args in (["add", "Putin", "putin"], ["seen", "Korea"], ["remove", "Korea"]):
        refused = run_restricted("watch", *args, *lib)
        assert refused.code == 1
        assert refused.err == f"nutgraf: library at {read_only} is read-only\n"
