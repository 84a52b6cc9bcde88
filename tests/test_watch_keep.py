"""Review of issue 15, fault 1: a saved search finds what ``nutgraf search`` finds,
annotation fields (``tag:``, ``is:starred``, ``has:``, ``note:``) included, and an article
tagged after the search was saved is a new match."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.library import Library
from tests.conftest import CliResult
from tests.test_watch import add_stories

Cli = Callable[..., CliResult]


def _search_ids(cli: Cli, lib: list[str], query: str) -> list[str]:
    found = cli("search", query, "--json", "--limit", "100", *lib).json()
    return sorted(h["id"] for h in found["hits"])  # type: ignore[index]


def test_saved_annotation_queries_match_the_search(
    cli: Cli, library: Library, tmp_path: Path
) -> None:
    ids = add_stories(library, tmp_path, "s", ["Blair spoke.", "Brown spoke.", "Kim spoke."])
    lib = ["--library", str(library.path)]
    for aid in ids[:2]:
        assert cli("tag", aid, "followup", *lib).code == 0
    assert cli("star", ids[2], *lib).code == 0
    assert cli("note", ids[1], "check the budget", *lib).code == 0
    for name, query in [
        ("Tags", "tag:followup"),
        ("Starred", "is:starred"),
        ("Notes", "note:budget"),
        ("Mixed", "has:notes OR (is:starred AND kim)"),
    ]:
        added = cli("watch", "add", name, query, "--json", *lib).json()
        want = _search_ids(cli, lib, query)
        assert want, query
        assert added["total"] == len(want), query  # type: ignore[index]
        shown = cli("watch", "show", name, "--keep-new", "--json", *lib).json()
        assert sorted(m["id"] for m in shown["matches"]) == want, query  # type: ignore[index]


def test_a_tag_added_later_is_a_new_match(cli: Cli, library: Library, tmp_path: Path) -> None:
    ids = add_stories(library, tmp_path, "s", ["Blair spoke.", "Brown spoke."])
    lib = ["--library", str(library.path)]
    cli("tag", ids[0], "followup", *lib)
    assert cli("watch", "add", "Tags", "tag:followup", "--json", *lib).json()["total"] == 1  # type: ignore[index]
    cli("tag", ids[1], "followup", *lib)
    (entry,) = cli("watch", "list", "--json", *lib).json()  # type: ignore[misc]
    assert (entry["total"], entry["new"], entry["new_ids"]) == (2, 1, [ids[1]])
