"""``nutgraf entity …`` (issue 15, item 3): corrections from the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import CliResult
from tests.correction_library import make_library, story_id

Run = Callable[..., CliResult]


@pytest.fixture
def where(tmp_path: Path) -> str:
    make_library(tmp_path / "lib").close()
    return str(tmp_path / "lib")


def test_merge_prints_what_changed_and_search_follows(cli: Run, where: str) -> None:
    done = cli("entity", "merge", "Mr Blair", "Tony Blair", "--library", where)
    assert (done.code, done.out.strip()) == (
        0,
        "merged Mr Blair into Tony Blair: 1 article re-indexed",
    )
    found = cli("search", 'person:"Tony Blair"', "--library", where, "--json").json()
    assert {h["title"] for h in found["hits"]} == {
        "Blair and Brown unite",
        "Blair defends school plans",
    }  # type: ignore[index]
    listed = cli("entities", "--library", where, "--json").json()
    assert {
        "name": "Tony Blair",
        "label": "PERSON",
        "kind": "person",
        "articles": 2,
        "mentions": 4,
    } in listed  # type: ignore[operator]
    mentions = cli("mentions", "Tony Blair", "--library", where, "--json").json()
    assert sorted(m["text"] for m in mentions) == [
        "Mr Blair",
        "Mr Blair",
        "Tony Blair",
        "Tony Blair",
    ]  # type: ignore[union-attr,index]


def test_each_operation_in_json_then_listed_and_undone(cli: Run, where: str) -> None:
    lib = Library.open(where)
    lib_id = story_id(lib, "Oscar night in Hollywood")
    lib.close()
    made = [
        cli("entity", "kind", "Yukos", "organisations", "--library", where, "--json"),
        cli("entity", "remove", "Oscar", "--article", lib_id[:8], "--library", where, "--json"),
        cli("entity", "alias", "Kyiv", "Kyiv City", "--library", where, "--json"),
        cli("entity", "rename", "Leeds", "Leeds City", "--library", where, "--json"),
    ]
    assert [r.code for r in made] == [0, 0, 0, 0]
    first = made[0].json()
    assert first == {
        "n": 1,
        "op": "kind",
        "name": "Yukos",
        "value": "org",
        "kind": None,
        "article": None,
        "at": first["at"],
        "undone": False,
        "of_kind": None,
        "reindexed": 1,  # type: ignore[index]
        "message": "made Yukos of kind org: 1 article re-indexed",
    }
    assert made[1].json()["article"] == lib_id  # type: ignore[index]
    entities = cli("entities", lib_id, "--library", where, "--json").json()
    assert "Oscar" not in {e["name"] for e in entities}  # type: ignore[union-attr,index]
    listed = cli("entity", "corrections", "--library", where, "--json").json()
    assert [(c["n"], c["op"], c["undone"]) for c in listed] == [  # type: ignore[union-attr,index]
        (1, "kind", False),
        (2, "remove", False),
        (3, "alias", False),
        (4, "rename", False),
    ]
    undone = cli("entity", "undo", "1", "--library", where, "--json")
    assert undone.code == 0 and undone.json()["undone"] is True  # type: ignore[index]
    text = cli("entity", "corrections", "--library", where)
    assert "   1  kind    Yukos → org  [library," in text.out and "(undone)" in text.out
    assert "article " + lib_id in text.out
    search = cli("search", "org:yukos", "--library", where, "--json").json()
    assert search["total"] == 0  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("merge", "Mr Blare", "Tony Blair"), 1, "no entity named 'Mr Blare' in the library"),
        (("merge", "Mr Blair", "Nobody"), 1, "no entity named 'Nobody' in the library to merge"),
        (
            ("kind", "Yukos", "company"),
            2,
            "unknown kind 'company' (choose from person, org, place, group, event, other, number)",
        ),
        (("remove", "Yukos", "--article", "ffffff"), 1, "no article with id 'ffffff'"),
        (("undo", "7"), 1, "no correction number 7"),
    ],
)
def test_errors_are_one_line_and_one_json_document(
    cli: Run, where: str, args: tuple[str, ...], code: int, message: str
) -> None:
    plain = cli("entity", *args, "--library", where)
    assert plain.code == code and plain.out == ""
    assert plain.err.startswith(f"nutgraf: {message}") and plain.err.count("\n") == 1
    as_json = cli("entity", *args, "--library", where, "--json")
    assert as_json.code == code and as_json.json()["error"].startswith(message)  # type: ignore[index]


def test_no_corrections_yet(cli: Run, where: str) -> None:
    assert cli("entity", "corrections", "--library", where, "--json").json() == []
    assert "no entity corrections" in cli("entity", "corrections", "--library", where).out


def test_a_correction_waits_for_another_writer_or_says_it_is_busy(cli: Run, where: str) -> None:
    """Corrections write under the library's write lock, as adding does: while another
    writer (an add) holds it, --no-wait stops at once with one line, changing nothing."""
    lib = Library.open(where)
    try:
        with lib.writer():
            busy = cli("entity", "kind", "Yukos", "org", "--no-wait", "--library", where, "--json")
        assert busy.code == 1 and busy.json()["error"].startswith("library is busy")  # type: ignore[index]
        assert lib.corrections.listed() == []
        done = cli("entity", "kind", "Yukos", "org", "--no-wait", "--library", where)
        assert done.code == 0 and [c.op for c in lib.corrections.listed()] == ["kind"]
    finally:
        lib.close()


def test_of_kind_limits_a_correction_to_the_entity_of_that_kind(cli: Run, where: str) -> None:
    wrong = cli("entity", "remove", "Yukos", "--of-kind", "places", "--library", where)
    assert (wrong.code, wrong.err) == (1, "nutgraf: no place named 'Yukos' in the library\n")
    done = cli("entity", "remove", "Yukos", "--of-kind", "people", "--library", where, "--json")
    assert done.code == 0 and done.json()["of_kind"] == "person"  # type: ignore[index]
    assert done.json()["message"] == "removed Yukos (person): 1 article re-indexed"  # type: ignore[index]
    listed = cli("entity", "corrections", "--library", where)
    assert "remove  Yukos (person)  [library," in listed.out


def test_an_alias_that_is_an_entity_and_a_correction_that_changes_nothing_exit_1(
    cli: Run, where: str
) -> None:
    """The review's repros (faults 2 and 6): one line, exit 1, nothing recorded."""
    alias = cli("entity", "alias", "Tony Blair", "Gordon Brown", "--library", where)
    assert alias.code == 1
    assert alias.err.strip().endswith(
        "'Gordon Brown' is an entity of its own (1 article): to make them one, merge it"
        " (nutgraf entity merge 'Gordon Brown' 'Tony Blair')"
    )
    same = cli("entity", "kind", "Tony Blair", "person", "--library", where, "--json")
    assert same.code == 1 and "changed nothing: make Tony Blair of kind person" in str(same.json())
    listed = cli("entity", "corrections", "--library", where, "--json").json()
    assert listed == []
