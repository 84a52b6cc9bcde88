"""``nutgraf tag``, ``star``, ``note``, ``notes`` (issue 15, item 7), and annotations kept
through ``remove`` and ``rebuild`` from the command line (item 3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import CliResult
from tests.test_readonly import read_only, run_restricted

__all__ = ["read_only"]  # a fixture, used by name

Cli = Callable[..., CliResult]


def first_id(seeded: Library) -> str:
    return seeded.articles()[0].id


def test_tag_star_and_note_then_list_them(seeded: Library, cli: Cli) -> None:
    lib, aid = str(seeded.path), first_id(seeded)
    out = cli("tag", "--library", lib, aid[:6], "followup", "Korea", "--json")
    assert out.code == 0 and out.json() == {
        "id": aid,
        "added": ["followup", "Korea"],
        "tags": ["followup", "Korea"],
    }
    assert cli("star", "--library", lib, aid, "--json").json() == {
        "id": aid,
        "starred": True,
        "changed": True,
    }
    note = cli("note", "--library", lib, aid, "check the sanctions", "--quote", "Kim Jong Un")
    assert note.code == 0 and "Highlighted" in note.out
    listed = cli("notes", "--library", lib, "--json", "--tag", "KOREA").json()
    kinds = [(a["kind"], a["tag"], a["note"], a["quote"]) for a in listed["annotations"]]  # type: ignore[index]
    assert kinds == [
        ("star", None, None, None),
        ("tag", "followup", None, None),
        ("tag", "Korea", None, None),
        ("highlight", None, "check the sanctions", "Kim Jong Un"),
    ]
    assert cli("notes", "--library", lib, "--json", "--tag", "none").json() == {"annotations": []}
    text = cli("notes", "--library", lib).out
    assert "tag followup" in text and "“Kim Jong Un” — check the sanctions" in text
    removed = cli("tag", "--library", lib, aid, "korea", "--remove", "--json").json()
    assert removed == {"id": aid, "removed": ["korea"], "tags": ["followup"]}
    search = cli("search", "--library", lib, "tag:followup AND is:starred", "--json").json()
    assert [h["id"] for h in search["hits"]] == [aid]  # type: ignore[index]


def test_bad_input_is_one_line_and_one_json_document(seeded: Library, cli: Cli) -> None:
    lib, aid = str(seeded.path), first_id(seeded)
    bad_tag = cli("tag", "--library", lib, aid, "two words", "--json")
    assert bad_tag.code == 1
    assert bad_tag.err.strip().startswith("nutgraf: not a tag: 'two words': a tag is 1 to 40")
    assert len(bad_tag.err.strip().splitlines()) == 1
    assert "a tag is 1 to 40" in bad_tag.json()["error"]  # type: ignore[index]
    missing = cli("note", "--library", lib, aid, "n", "--quote", "not in this text", "--json")
    assert missing.code == 1 and "not in the article's text" in missing.json()["error"]  # type: ignore[index]
    twice = cli("note", "--library", lib, aid, "n", "--quote", "the")
    assert twice.code == 1 and "occurs" in twice.err and "give more words" in twice.err
    unknown = cli("star", "--library", lib, "ffffffffffffffff")
    assert unknown.code == 1 and "no article with id" in unknown.err
    assert cli("notes", "--library", lib, "--json").json() == {"annotations": []}


def test_removing_the_article_keeps_its_notes_listed_as_removed(seeded: Library, cli: Cli) -> None:
    lib, aid = str(seeded.path), first_id(seeded)
    cli("note", "--library", lib, aid, "keep me")
    assert cli("remove", "--library", lib, aid).code == 0
    listed = cli("notes", "--library", lib, "--json").json()["annotations"]  # type: ignore[index]
    assert [(a["note"], a["removed"]) for a in listed] == [("keep me", True)]
    assert "(removed from the library)" in cli("notes", "--library", lib).out


def test_rebuild_keeps_every_annotation(seeded: Library, cli: Cli) -> None:
    lib, aid = str(seeded.path), first_id(seeded)
    cli("tag", "--library", lib, aid, "followup")
    cli("note", "--library", lib, aid, "pipeline", "--quote", "Kim Jong Un")
    before = cli("notes", "--library", lib, "--json").json()
    assert cli("rebuild", "--library", lib).code == 0
    assert cli("notes", "--library", lib, "--json").json() == before
    assert cli("search", "--library", lib, "note:pipeline", "--json").json()["total"] == 1  # type: ignore[index]


def test_notes_delete_removes_one_annotation(seeded: Library, cli: Cli) -> None:
    lib, aid = str(seeded.path), first_id(seeded)
    note = cli("note", "--library", lib, aid, "first", "--json").json()
    cli("note", "--library", lib, aid, "second")
    assert f"[{note['id']}] note first" in cli("notes", "--library", lib).out  # type: ignore[index]
    gone = cli("notes", "--library", lib, "--delete", str(note["id"]), "--json")  # type: ignore[index]
    assert gone.json() == {"deleted": note["id"]}  # type: ignore[index]
    left = cli("notes", "--library", lib, "--json").json()["annotations"]  # type: ignore[index]
    assert [a["note"] for a in left] == ["second"]
    again = cli("notes", "--library", lib, "--delete", str(note["id"]))  # type: ignore[index]
    assert again.code == 1 and "no annotation" in again.err


@pytest.mark.slow
def test_a_read_only_library_lists_and_searches_annotations_but_takes_none(
    read_only: Path,
) -> None:
    lib = ["--library", str(read_only)]
    aid = "f5d38a8eaa058a2d"
    for args in (["tag", aid, "x"], ["star", aid], ["note", aid, "n"], ["notes", "--delete", "1"]):
        result = run_restricted(*lib, *args)
        assert (result.code, result.err) == (1, f"nutgraf: library at {read_only} is read-only\n")
    listed = run_restricted(*lib, "notes", "--json")
    assert listed.code == 0 and json.loads(listed.out) == {"annotations": []}
    found = run_restricted(*lib, "search", "tag:x OR is:starred", "--json")
    assert found.code == 0 and json.loads(found.out)["total"] == 0
