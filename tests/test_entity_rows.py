"""A wrapped entity row hangs under its name, never back in column 0 (issue 14, item 10)."""

from __future__ import annotations

from index.library import Library
from tests.test_reader import settle
from tui.app import NutgrafApp


async def test_a_wrapped_entity_name_hangs_under_the_name(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:  # a side column 32 wide
        await settle(pilot)
        await pilot.press("e", *"Korea Development")
        await settle(pilot, 1)
        options = app.reader.entity_pane.option_list
        lines = [options.render_line(y).text for y in range(options.size.height)]
        first = next(i for i, line in enumerate(lines) if "Korea Development" in line)
        assert lines[first].startswith("   3 Korea Development")
        following = lines[first + 1]
        assert "KDI" in following  # the row went on to a second line…
        assert following.startswith(" " * 5)  # …under the name, not under the count


async def test_a_wrapped_library_row_hangs_under_the_name(reader_library: Library) -> None:
    """The whole library's rows (``   3 · 3    Korea Development Institute``) hang too."""
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w", "e", *"Korea Development")
        await settle(pilot, 1)
        options = app.reader.entity_pane.option_list
        lines = [options.render_line(y).text for y in range(options.size.height)]
        first = next(i for i, line in enumerate(lines) if "Korea Development" in line)
        lead = lines[first].index("Korea")
        assert "·" in lines[first][:lead]  # the library's row: articles · mentions
        following = lines[first + 1]
        assert following.strip() and following.startswith(" " * lead), lines
