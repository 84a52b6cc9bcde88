"""The article pane shows where it is, and focus shows without colour (issue 14, item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library
from tests.test_reader import add_stories, settle
from tui.app import NutgrafApp
from tui.position import fitted_indicator, scroll_position


def test_scroll_position_reads_as_vim_does() -> None:
    assert scroll_position(0, 0) == "All"
    assert scroll_position(0, 50) == "Top"
    assert scroll_position(50, 50) == "Bot"
    assert scroll_position(25, 50) == "50%"
    assert scroll_position(0.2, 1000) == "1%"  # never reads as the top while not there
    assert scroll_position(999.6, 1000) == "99%"


async def test_the_article_border_shows_the_scroll_position(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.reader.view
        assert str(view.border_subtitle).endswith("Top")
        await pilot.press("space")
        await settle(pilot, 1)
        assert str(view.border_subtitle).endswith("%")
        await pilot.press("G")
        await settle(pilot, 1)
        assert str(view.border_subtitle).endswith("Bot")
        await pilot.press("e", *"Lee Jon", "enter")
        await settle(pilot)
        assert "mention 1/" in str(view.border_subtitle)  # beside the position
        assert str(view.border_subtitle).endswith("%")


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_focused_pane_has_a_heavy_border(
    reader_library: Library, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    """The focused pane's border changes shape, not only colour: so it shows under
    NO_COLOR (which Textual honours, https://no-color.org) and in monochrome."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        assert app.no_color is no_color
        assert reader.view.styles.border_top[0] == "heavy"
        assert reader.entity_pane.styles.border_top[0] == "round"
        await pilot.press("e")
        await settle(pilot, 1)
        assert reader.view.styles.border_top[0] == "round"
        assert reader.entity_pane.styles.border_top[0] == "heavy"


def test_a_long_indicator_keeps_the_walk_and_the_position() -> None:
    name, tail = "Korea Development Institute", " · mention 2/3"
    assert fitted_indicator(name, tail, "28%", 80) == f"{name}{tail} · n/N │ 28%"
    assert fitted_indicator(name, tail, "28%", 50) == f"{name}{tail} │ 28%"
    cut = fitted_indicator(name, tail, "28%", 30)
    assert len(cut) <= 30 and cut.endswith("… · mention 2/3 │ 28%")
    assert fitted_indicator("", "", "Top", 30) == "Top"


def test_the_walk_and_the_mention_stay_when_there_is_no_room() -> None:
    """Issue 14 fix item 4: ``article 2/60`` and ``mention 1/3`` outlast the name and the position."""
    name, tail = "Tony Blair", " · article 2/60 · mention 1/3"
    assert fitted_indicator(name, tail, "Top", 40) == f"Tony…{tail} │ Top"
    assert fitted_indicator(name, tail, "Top", 32) == f"To…{tail}"
    assert fitted_indicator(name, tail, "Top", 20) == "article 2/60 · mention 1/3"


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (80, 24)])
async def test_a_library_walk_keeps_its_article_count_in_the_border(
    reader_library: Library, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Issue 14 fix item 4: choosing an entity in library mode shows ``article 1/2`` at every width."""
    add_stories(
        reader_library,
        tmp_path,
        [{"title": "Summit", "text": "Kim Jong Un met Russian officials. Kim spoke briefly."}],
    )
    app = NutgrafApp(reader_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("w", "e", *"Kim Jong", "enter")
        await settle(pilot, times=6)
        border = str(app.reader.view.border_subtitle)
        assert "article 1/2" in border and "mention 1/" in border, border
