"""The help scrolls with the reader's keys, says how to close it first, uses two
columns when wide and filters with / (issue 14, item 11)."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static

from index.library import Library
from tests.test_reader import settle
from tui.app import NutgrafApp
from tui.help_screen import HINT, HelpScreen, KeyRow, matching_rows
from tui.reader_screen import ReaderScreen


def test_matching_rows_look_in_key_description_and_place() -> None:
    rows = [KeyRow("Anywhere", "q", "quit nutgraf"), KeyRow("Article", "j", "scroll down")]
    assert matching_rows(rows, "QUIT") == rows[:1]
    assert matching_rows(rows, "j") == rows[1:]
    assert matching_rows(rows, "article") == rows[1:]
    assert matching_rows(rows, " ") == rows


async def test_help_scrolls_with_the_readers_keys_and_says_how_to_close_first(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, 1)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        hint = help_screen.query_one(".help-hint", Static)
        assert str(hint.content) == HINT and HINT.startswith("escape, q or ? closes this")
        box = help_screen.query_one("#help")
        assert hint.region.y == box.region.y + 1  # the first line inside the border
        body = help_screen.body
        assert body.size.height >= 16  # most of the screen, not 80% of it
        assert body.max_scroll_y > 0
        for key, moved in (("j", 1), ("k", 0), ("space", body.size.height), ("b", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert body.scroll_y == min(moved, body.max_scroll_y), key
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_slash_filters_the_help(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, 1)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        every = len(help_screen.query(".help-group"))
        await pilot.press("slash", *"quit")  # q types into the box: it does not close
        await settle(pilot, 1)
        assert isinstance(app.screen, HelpScreen)
        groups = help_screen.query(".help-group")
        assert 0 < len(groups) < every
        whats = {row.what for row in help_screen.shown}
        assert "quit nutgraf" in whats and "scroll down a line" not in whats
        await pilot.press("escape")  # leaves the box, keeps the filter
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_help_stands_in_two_columns_when_wide(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, 1)
        columns = list(app.screen.query(".help-column").results(Vertical))
        assert len(columns) == 2
        assert all(c.region.area and c.children for c in columns)
        assert columns[0].region.x < columns[1].region.x
        assert app.screen.query_one("#help-body").max_scroll_y == 0  # all of it shows
