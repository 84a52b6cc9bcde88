"""Corrections that meet other entities and earlier corrections (the issue 15 review,
faults 2, 6 and 7): an alias that is another entity's name is a merge and is refused as
an alias; corrections apply in order, so a library-wide one reaches an entity an
earlier per-article one named; one that changes nothing says so; a per-article rename
takes that article's entity away from the old name in every view. Built on the small
library of :mod:`tests.correction_library` (no spaCy).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import CorrectionError, Library
from tests.correction_library import add_stories, make_library, story_id
from tests.test_corrections import correct, counts, titles


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = make_library(tmp_path / "lib")
    yield library  # type: ignore[misc]
    library.close()


def test_an_alias_that_is_another_entitys_name_is_refused_pointing_to_merge(lib: Library) -> None:
    """Fault 2: `entity alias "Tony Blair" "Gordon Brown"` made Gordon Brown Tony Blair."""
    with pytest.raises(CorrectionError) as err:
        correct(lib, "alias", "Tony Blair", "Gordon Brown")
    assert str(err.value) == (
        "'Gordon Brown' is an entity of its own (1 article): to make them one, merge it"
        " (nutgraf entity merge 'Gordon Brown' 'Tony Blair')"
    )
    unite = story_id(lib, "Blair and Brown unite")
    with pytest.raises(CorrectionError, match="is an entity of its own"):
        correct(lib, "alias", "Tony Blair", "Gordon Brown", article=unite)
    assert lib.corrections.listed() == []
    assert counts(lib)[("Gordon Brown", "person")] == (1, 1)
    assert {m.name for m in lib.mentions("Gordon Brown")} == {"Gordon Brown"}
    # Another name that no entity has is an alias still.
    correct(lib, "alias", "Tony Blair", "Anthony Blair")
    assert titles(lib, 'person:"Anthony Blair"') == {"Blair and Brown unite"}


def test_a_library_merge_reaches_an_entity_a_per_article_rename_named(lib: Library) -> None:
    """Fault 6: rename Gordon Brown to Gordon X in one article, then merge Gordon X into
    Gordon Brown library-wide: it said "0 articles re-indexed" and changed nothing."""
    budget = "Gordon Brown set out the budget. Gordon Brown said taxes would not rise."
    add_stories(lib, {"Brown's budget": (budget, {"Gordon Brown": "PERSON"})})
    unite = story_id(lib, "Blair and Brown unite")
    correct(lib, "rename", "Gordon Brown", "Gordon X", article=unite)
    assert "Gordon X" in {e.name for e in lib.entities(unite) or []}
    done = correct(lib, "merge", "Gordon X", "Gordon Brown")
    assert done.reindexed == 1
    assert done.message == "merged Gordon X into Gordon Brown: 1 article re-indexed"
    names = {e.name for e in lib.entities(unite) or []}
    assert "Gordon Brown" in names and "Gordon X" not in names
    assert titles(lib, 'person:"Gordon Brown"') == {"Blair and Brown unite", "Brown's budget"}
    assert counts(lib)[("Gordon Brown", "person")] == (2, 3)


def test_a_correction_that_changes_nothing_says_so_and_is_not_kept(lib: Library) -> None:
    """Fault 6: "0 articles re-indexed" read as done."""
    with pytest.raises(CorrectionError) as err:
        correct(lib, "kind", "Tony Blair", "person")
    assert str(err.value) == (
        "changed nothing: make Tony Blair of kind person leaves every article's entities"
        " as they are (not recorded)"
    )
    assert lib.corrections.listed() == []


def test_a_per_article_rename_leaves_the_old_name_in_every_view(lib: Library) -> None:
    """Fault 7: after a rename in one article the article was still Tony Blair's in the
    list, the walk, person: and mentions (the old name kept as an alias)."""
    unite = story_id(lib, "Blair and Brown unite")
    correct(lib, "merge", "Mr Blair", "Tony Blair")
    assert counts(lib)[("Tony Blair", "person")] == (2, 4)
    correct(lib, "rename", "Tony Blair", "Anthony Blair", article=unite)
    renamed = next(e for e in lib.entities(unite) or [] if e.name == "Anthony Blair")
    assert "Tony Blair" not in renamed.aliases
    school = {story_id(lib, "Blair defends school plans")}
    assert counts(lib)[("Tony Blair", "person")] == (1, 2)
    assert counts(lib)[("Anthony Blair", "person")] == (1, 2)
    assert {h.id for h in lib.search('person:"Tony Blair"').hits} == school
    assert set(lib.entity_walk("Tony Blair", "person").ids) == school
    assert {m.id for m in lib.mentions("Tony Blair")} == school
    assert {m.name for m in lib.mentions("Tony Blair")} == {"Tony Blair"}
    assert {m.id for m in lib.mentions("Anthony Blair")} == {unite}


def test_a_library_wide_rename_keeps_the_old_name_as_an_alias(lib: Library) -> None:
    correct(lib, "rename", "Gordon Brown", "Gordon Brown MP")
    assert titles(lib, 'person:"Gordon Brown"') == {"Blair and Brown unite"}


def test_a_merge_moves_an_entity_that_has_the_target_only_as_an_alias() -> None:
    """Fault 6, the rule: an entity called Gordon X that has Gordon Brown as an alias (a
    library-wide rename leaves one so) is not Gordon Brown already: merged into Gordon
    Brown, it is called so."""
    from index.entities.corrections import Correction, apply
    from index.entities.entity import Entity

    raw = [Entity("Gordon X", "PERSON", "person", ("Gordon Brown",), ((0, 8),))]
    merged = apply(raw, [Correction(1, "merge", "Gordon X", "Gordon Brown", "person")], "a")
    assert [(e.name, e.aliases) for e in merged or []] == [("Gordon Brown", ("Gordon X",))]
