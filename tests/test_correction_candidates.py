"""Which articles a library-wide correction may change is found from ``entity_names``
(schema version 8), the names and aliases the model gave each article's entities, not
by reading every article's analysis (issue 16: a 100,000-article library)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.entities.corrections import matches
from index.library import Library
from index.storage.database import NAMES_UNFILLED, VERSION
from tests.correction_library import STORIES, make_library, story_id


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = make_library(tmp_path / "lib")
    yield library  # type: ignore[misc]
    library.close()


def _raw_matches(lib: Library, name: str) -> set[str]:
    """The articles whose stored analysis (the model's) has an entity called ``name``."""
    return {
        a.id
        for a, raw in lib.store.index_rows([a.id for a in lib.articles()])
        if any(matches(e, name) for e in raw or [])
    }


def test_candidates_are_every_article_whose_model_entity_has_the_name(lib: Library) -> None:
    names = {n for _, found in STORIES.values() for n in found}
    for name in [*names, "mr blair", "KYIV", "Nobody"]:
        assert set(lib.store.correction_candidates([name])) == _raw_matches(lib, name), name


def test_candidates_still_found_after_the_entity_is_removed(lib: Library) -> None:
    """Undoing a removal must find the articles whose corrected entities no longer name it."""
    oscars = {
        story_id(lib, "Oscar night in Hollywood"),
        story_id(lib, "Oscar hopes for British film"),
    }
    with lib.writer() as writer:
        lib.corrections.make(writer, "remove", "Oscar")
    assert not lib.search("person:oscar").hits
    assert set(lib.store.correction_candidates(["Oscar"])) == oscars
    with lib.writer() as writer:
        lib.corrections.undo(writer, lib.corrections.listed()[-1].n)
    assert {h.id for h in lib.search("person:oscar").hits} == oscars


def test_a_store_of_version_7_is_given_the_names_when_opened(lib: Library) -> None:
    path = lib.path
    want = set(lib.store.correction_candidates(["Kiev", "Kyiv"]))
    assert len(want) == 2
    lib.close()
    conn = sqlite3.connect(path / "library.db")
    conn.execute("DROP TABLE entity_names")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    again = Library.open(path)
    try:
        # Opening does not read every analysis (a pause at 100,000 articles): the first
        # library-wide correction fills the table, once.
        conn = sqlite3.connect(path / "library.db")
        assert conn.execute("SELECT count(*) FROM entity_names").fetchone()[0] == 0
        assert conn.execute("SELECT name FROM store_flags").fetchall() == [(NAMES_UNFILLED,)]
        conn.close()
        assert again.store.correction_candidates(["Kiev", "Kyiv"]) == sorted(want)
        conn = sqlite3.connect(path / "library.db")
        assert conn.execute("SELECT count(*) FROM store_flags").fetchone()[0] == 0
        conn.close()
        with again.writer() as writer:
            again.corrections.make(writer, "merge", "Kiev", "Kyiv")
        assert {h.id for h in again.search('place:"kyiv"').hits} == want
        conn = sqlite3.connect(path / "library.db")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
        conn.close()
    finally:
        again.close()


def test_a_removed_article_leaves_no_names(lib: Library) -> None:
    gone = story_id(lib, "Yukos shares fall again")
    with lib.writer() as writer:
        writer.remove(gone)
    assert lib.store.correction_candidates(["Yukos"]) == []
    conn = sqlite3.connect(lib.path / "library.db")
    assert (
        conn.execute("SELECT count(*) FROM entity_names WHERE article_id = ?", (gone,)).fetchone()[
            0
        ]
        == 0
    )
    conn.close()
