"""Correcting entities in the reader (issue 15, item 3): ``m`` on the selected entity,
the dialog, the palette's entries, and what the panes show afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library
from tests.correction_library import make_library, story_id
from tests.test_reader import QUICK_POLL, settle, until
from tui.app import NutgrafApp
from tui.correction_screen import CorrectionScreen
from tui.entity_pane import EntityPane

SIZE = (120, 40)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = make_library(tmp_path / "lib")
    yield library  # type: ignore[misc]
    library.close()


def told(app: NutgrafApp) -> list[str]:
    return [n.message for n in app._notifications]


def names(app: NutgrafApp) -> set[str]:
    return {e.name for e in app.reader.entities}


async def select(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Filter the entities pane for ``text`` and go down onto the first row."""
    await pilot.press("e", *text, "down")
    await settle(pilot, 1)


async def test_m_merges_mr_blair_into_tony_blair_with_completion(lib: Library) -> None:
    mr = story_id(lib, "Blair defends school plans")
    app = NutgrafApp(lib, open_id=mr)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Mr Blair" in names(app)
        await select(pilot, "Mr Blair")
        await pilot.press("m")
        await settle(pilot, 1)
        assert isinstance(app.screen, CorrectionScreen)
        await pilot.press(*"tony")
        await settle(pilot, 1)
        await pilot.press("right", "enter")  # accept "Tony Blair", apply to the library
        await until(pilot, lambda: "Tony Blair" in names(app))
        await settle(pilot)
        assert lib.corrections.listed()[0].of_kind == "person"  # the entity chosen
        assert told(app)[-1] == "merged Mr Blair (person) into Tony Blair: 1 article re-indexed"
        entity = next(e for e in app.reader.entities if e.name == "Tony Blair")
        assert entity.aliases == ("Mr Blair",) and entity.count == 2
        # The article's colours: the view holds the corrected entities.
        assert {e.name for e in app.reader.view.entities} == names(app)
        assert {h.title for h in lib.search('person:"Tony Blair"').hits} == {
            "Blair defends school plans",
            "Blair and Brown unite",
        }


async def test_kind_in_library_mode_moves_yukos_to_the_organisations(lib: Library) -> None:
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        pane = app.reader.query_one(EntityPane)
        assert pane.library_mode
        await select(pilot, "Yukos")
        await pilot.press("m")
        await settle(pilot, 1)
        # "This article" only where the open article has the entity.
        here = app.screen.query_one("#correct-scope-article")
        assert here.disabled == ("Yukos" not in names(app))
        await pilot.click("#correct-op-kind")
        await pilot.click("#correct-value")
        await pilot.press(*"org", "enter")
        await until(
            pilot, lambda: [(e.name, e.kind) for e in pane.library_items] == [("Yukos", "org")]
        )
        assert told(app)[-1] == "made Yukos (person) of kind org: 1 article re-indexed"
        assert {h.title for h in lib.search("org:yukos").hits} == {"Yukos shares fall again"}


async def test_remove_oscar_in_this_article_only_then_undo_from_the_palette(lib: Library) -> None:
    night = story_id(lib, "Oscar night in Hollywood")
    app = NutgrafApp(lib, open_id=night)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, "Oscar")
        await pilot.press("m")
        await settle(pilot, 1)
        await pilot.click("#correct-op-remove")
        await pilot.click("#correct-scope-article")
        await pilot.click("#correct-apply")
        await until(pilot, lambda: "Oscar" not in names(app))
        await settle(pilot)
        assert told(app)[-1] == f"removed Oscar (person) in article {night}: 1 article re-indexed"
        assert [(e.name, e.articles) for e in lib.library_entities() if e.name == "Oscar"] == [
            ("Oscar", 1)
        ]
        await pilot.press("ctrl+p")
        await settle(pilot, 1)
        await pilot.press(*"undo last correction")
        await settle(pilot, 1)
        await pilot.press("enter")
        await until(pilot, lambda: "Oscar" in names(app))
        await settle(pilot)
        assert told(app)[-1].startswith("undid correction 1 (remove Oscar (person) in article")


async def test_escape_cancels_and_m_without_a_selection_says_what_to_do(lib: Library) -> None:
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", *"zzz")  # no entity is listed, none is selected
        await settle(pilot, 1)
        app.action_correct_entity()
        await settle(pilot, 1)
        assert "Choose an entity in the entities pane first" in told(app)[-1]
        await pilot.press(*["backspace"] * 3, *"Kyiv", "down", "m")
        await settle(pilot, 1)
        assert isinstance(app.screen, CorrectionScreen)
        await pilot.press("escape")
        await settle(pilot, 1)
        assert not isinstance(app.screen, CorrectionScreen)
        assert lib.corrections.listed() == []


async def test_an_unknown_merge_target_is_said_in_a_toast(lib: Library) -> None:
    app = NutgrafApp(lib, open_id=story_id(lib, "Kyiv election"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, "Kyiv")
        await pilot.press("m")
        await settle(pilot, 1)
        await pilot.press(*"Atlantis", "enter")
        await settle(pilot)
        assert told(app)[-1] == (
            "no entity named 'Atlantis' in the library to merge 'Kyiv' into"
            " (to give 'Kyiv' a new name, use rename)"
        )
        assert lib.corrections.listed() == []


async def test_a_correction_made_elsewhere_shows_on_the_next_poll(lib: Library) -> None:
    app = NutgrafApp(lib, open_id=story_id(lib, "Talks in Kiev"), poll_interval=QUICK_POLL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert names(app) == {"Kiev"}
        other = Library.open(lib.path)
        with other.writer() as writer:
            other.corrections.make(writer, "merge", "Kiev", "Kyiv")
        other.close()
        await until(pilot, lambda: names(app) == {"Kyiv"})
        assert {e.name for e in app.reader.view.entities} == {"Kyiv"}
