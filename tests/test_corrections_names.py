"""Which entity a correction, or a look-up by name, is about (issue 15, item 3).

The entity rules name a person without their title (``Mr Blair`` is the entity
``Blair``, index/entities/names.py rule 1), and join a surname to the full name it
stands for (``Blair`` an alias of ``Cherie Blair``). A user who merges "Mr Blair"
into "Tony Blair", as the issue asks, means the entity ``Blair``; a merge of
"Blair" must not carry off Cherie Blair, whose alias it only is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.entities.corrections import Correction, apply
from index.entities.entity import Entity
from index.entities.names import without_title
from index.library import CorrectionError, Library
from tests.correction_library import add_stories, story_id
from tests.test_corrections import correct

#: As the resolver leaves them: "Mr Blair" named "Blair"; "Blair" after "Cherie Blair"
#: joined to her as an alias.
STORIES: dict[str, tuple[str, dict[str, str]]] = {
    "Blair defends school plans": (
        "Mr Blair spoke in Leeds on Monday. Mr Blair said the plans would help pupils.",
        {"Blair": "PERSON", "Leeds": "GPE"},
    ),
    "Blair and Brown unite": (
        "Tony Blair met Gordon Brown in London. Tony Blair said the party was united.",
        {"Tony Blair": "PERSON", "Gordon Brown": "PERSON"},
    ),
    "Cherie Blair in court": (
        "Cherie Blair appeared for the union. Cherie Blair argued the case.",
        {"Cherie Blair": "PERSON"},
    ),
}


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "lib")
    add_stories(library, STORIES)
    cherie = story_id(library, "Cherie Blair in court")
    # Give Cherie Blair the alias the resolver gives her when "Blair" follows her name.
    library.store._conn().execute(
        "INSERT INTO entity_aliases VALUES ('Blair', ?, 'Cherie Blair', 'person', 'blair')",
        (cherie,),
    )
    yield library
    library.close()


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Mr Blair", "Blair"),
        ("Mr. Blair", "Blair"),
        ("President Putin", "Putin"),
        ("Prime Minister Kishida", "Kishida"),
        ("Tony Blair", None),
        ("Mr Speaker", None),
        ("Mr", None),
        ("Blair", None),
    ],
)
def test_without_title_keeps_the_name_as_the_entity_rules_do(name: str, bare: str | None) -> None:
    assert without_title(name) == bare


def test_merging_mr_blair_merges_the_entity_named_blair(lib: Library) -> None:
    done = correct(lib, "merge", "Mr Blair", "Tony Blair")
    assert done.message == "merged Blair into Tony Blair: 1 article re-indexed"
    hits = {h.title for h in lib.search('person:"Tony Blair"').hits}
    assert hits == {"Blair and Brown unite", "Blair defends school plans"}
    # In one article too, and the look-up of an unknown titled name still fails plainly.
    with pytest.raises(CorrectionError, match="no entity named 'Mr Blare' in the library"):
        correct(lib, "merge", "Mr Blare", "Tony Blair")


def test_mentions_of_mr_blair_are_those_of_the_entity_blair(lib: Library) -> None:
    mr = story_id(lib, "Blair defends school plans")
    hits = [h for h in lib.mentions("Mr Blair") if h.id == mr]
    assert [(h.name, h.text) for h in hits] == [("Blair", "Blair"), ("Blair", "Blair")]
    assert lib.mentions("Mr Blare") == []


def test_a_merge_of_a_surname_leaves_an_entity_it_is_only_an_alias_of(lib: Library) -> None:
    cherie = story_id(lib, "Cherie Blair in court")
    correct(lib, "merge", "Blair", "Tony Blair")
    assert [e.name for e in lib.entities(cherie) or []] == ["Cherie Blair"]
    # The pure rule: an alias that is a part of the name is not the entity's name; an
    # alias that is another name ("Kiev" of "Kyiv") is.
    raw = [
        Entity("Cherie Blair", "PERSON", "person", ("Blair",), ((0, 12),)),
        Entity("Kyiv", "GPE", "place", ("Kiev",), ((20, 24),)),
    ]
    out = apply(raw, [Correction(1, "merge", "Blair", "Tony Blair", "person")], "x") or []
    assert [e.name for e in out] == ["Cherie Blair", "Kyiv"]
    gone = apply(raw, [Correction(1, "remove", "Kiev")], "x") or []
    assert [e.name for e in gone] == ["Cherie Blair"]
