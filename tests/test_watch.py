"""Issue 15 item 4: saved searches and what is new in them, in the library (index/watches.py).

New matches are the current matches not seen yet: right when another writer adds
an article, when an article starts matching later (a corrected file re-added), and
when one is removed; a rebuild of the search index keeps everything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.library import Library
from index.model import NoSuchWatch, WatchError
from index.storage.database import transaction
from index.storage.watch_store import move_seen
from index.watches import MAX_NAME, check_name, suggest_name


def add_stories(lib: Library, folder: Path, name: str, texts: list[str]) -> list[str]:
    """Add one JSON Lines corpus of ``texts`` (no entity model); the ids added."""
    corpus = folder / f"{name}.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"title": f"{name} {k}", "text": text, "date": f"2024-03-{k + 1:02d}"})
            for k, text in enumerate(texts)
        ),
        encoding="utf-8",
    )
    with lib.writer() as writer:
        report = writer.add([str(corpus)], analyse=False)
    return [a.id for a in report.added + report.updated]


def test_a_new_watch_counts_what_matches_now_as_seen(library: Library, tmp_path: Path) -> None:
    ids = add_stories(library, tmp_path, "first", ["Blair spoke.", "Brown spoke.", "Blair ran."])
    status = library.watches.add("Blair", "blair")
    assert (status.name, status.query, status.total, status.new) == ("Blair", "blair", 2, 0)
    assert set(status.ids) == {ids[0], ids[2]}
    assert status.created == status.seen_at


def test_articles_added_by_another_writer_are_new_until_seen(
    library: Library, tmp_path: Path
) -> None:
    add_stories(library, tmp_path, "first", ["Blair spoke."])
    library.watches.add("Blair", "blair")
    other = Library.open(library.path)  # another process's library object
    late = add_stories(other, tmp_path, "late", ["Blair again.", "Nothing here.", "Blair too."])
    other.close()
    (status,) = library.watches.statuses()
    assert status.total == 3 and status.new == 2
    assert status.new_ids == (late[2], late[0])  # newest first
    assert library.watches.statuses()[0].new == 2  # reading marks nothing seen
    assert library.watches.mark_seen("blair") == 3
    assert library.watches.status("BLAIR").new == 0


def test_marking_seen_with_the_ids_shown_keeps_a_later_one_new(
    library: Library, tmp_path: Path
) -> None:
    add_stories(library, tmp_path, "first", ["Blair spoke."])
    library.watches.add("Blair", "blair")
    shown = add_stories(library, tmp_path, "second", ["Blair again."])
    status = library.watches.status("Blair")
    late = add_stories(library, tmp_path, "third", ["Blair once more."])  # while looking
    library.watches.mark_seen("Blair", status.ids)
    assert library.watches.status("Blair").new_ids == tuple(late)
    assert shown[0] not in library.watches.status("Blair").new_ids


def test_an_article_that_starts_matching_later_is_new_and_a_removed_one_is_gone(
    library: Library, tmp_path: Path
) -> None:
    ids = add_stories(library, tmp_path, "desk", ["Brown spoke.", "Blair spoke."])
    library.watches.add("Blair", "blair")
    # The same corpus corrected: its first story now names Blair (a re-add replaces it).
    fixed = add_stories(library, tmp_path, "desk", ["Brown and Blair spoke.", "Blair spoke."])
    status = library.watches.status("Blair")
    assert status.new == 1 and status.new_ids[0] in fixed and status.new_ids[0] not in ids
    with library.writer() as writer:
        assert writer.remove(ids[1]) is not None
    status = library.watches.status("Blair")
    assert ids[1] not in status.ids and status.total == 1 and status.new == 1


def test_saved_searches_live_in_the_store_and_survive_a_rebuild(
    library: Library, tmp_path: Path
) -> None:
    add_stories(library, tmp_path, "first", ["Blair spoke."])
    library.watches.add("Blair", "blair")
    add_stories(library, tmp_path, "late", ["Blair again."])
    with library.writer() as writer:
        writer.rebuild()
    reopened = Library.open(library.path)
    (status,) = reopened.watches.statuses()
    reopened.close()
    assert (status.name, status.total, status.new) == ("Blair", 2, 1)


def test_names_follow_one_rule_and_are_unique_case_and_accents_aside(
    library: Library, tmp_path: Path
) -> None:
    add_stories(library, tmp_path, "first", ["Zürich spoke."])
    assert check_name("  Tony   Blair ") == "Tony Blair"
    library.watches.add("Zürich", "zurich")
    with pytest.raises(WatchError, match="already a saved search named 'ZURICH'"):
        library.watches.add("ZURICH", "zurich")
    for bad, why in [
        ("", "needs a name"),
        ("-x", "does not start with a letter or digit"),
        ("a/b", "holds '/'"),
        ("x" * (MAX_NAME + 1), "too long"),
        ("tab\there", "holds"),
    ]:
        with pytest.raises(WatchError, match=why):
            check_name(bad if bad != "tab\there" else "tab\x1bhere")
    assert library.watches.names() == ["Zürich"]


def test_a_malformed_query_is_refused_when_saving(library: Library, tmp_path: Path) -> None:
    add_stories(library, tmp_path, "first", ["Blair spoke."])
    with pytest.raises(WatchError, match=r"query '\(blair': unbalanced"):
        library.watches.add("Blair", "(blair")
    assert library.watches.names() == []


def test_rename_keeps_what_was_seen_and_refuses_a_taken_name(
    library: Library, tmp_path: Path
) -> None:
    add_stories(library, tmp_path, "first", ["Blair spoke.", "Brown spoke."])
    watches = library.watches
    watches.add("Blair", "blair")
    watches.add("Brown", "brown")
    add_stories(library, tmp_path, "late", ["Blair again."])
    assert watches.rename("blair", "Tony Blair") == "Tony Blair"
    assert watches.status("tony blair").new == 1
    with pytest.raises(WatchError, match="already a saved search named 'brown'"):
        watches.rename("Tony Blair", "brown")
    with pytest.raises(NoSuchWatch):
        watches.rename("nobody", "x")
    assert watches.remove("BROWN") == "Brown"
    assert watches.names() == ["Tony Blair"]
    with pytest.raises(NoSuchWatch):
        watches.mark_seen("Brown")


def test_a_replaced_article_that_was_seen_stays_seen(library: Library, tmp_path: Path) -> None:
    """``move_seen`` (for keep's succession MOVERS): old id seen -> new id seen."""
    (old,) = add_stories(library, tmp_path, "first", ["Blair spoke."])
    library.watches.add("Blair", "blair")
    (new,) = add_stories(library, tmp_path, "second", ["Blair spoke again."])
    assert library.watches.status("Blair").new_ids == (new,)
    with transaction(library.store._conn()) as conn:
        move_seen(conn, [(old, new)])
    assert library.watches.status("Blair").new == 0


def test_suggested_names_follow_the_rule() -> None:
    assert suggest_name('person:"Tony Blair"') == "person Tony Blair"
    assert suggest_name("  -korea AND russia ") == "korea AND russia"
    assert suggest_name("***") == ""
    long = suggest_name("word " * 40)
    assert long == check_name(long) and len(long) <= MAX_NAME


def test_opening_the_reader_or_the_library_loads_no_whoosh_for_saved_searches() -> None:
    """Saved searches load the search engine only when one is run (the reader's first
    screen never waits for Whoosh)."""
    from tests.test_import_hygiene import modules_after

    loaded = modules_after("import index.library, index.watches, tui.app, cli.watch_command")
    assert "index.watches" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "whoosh"}
