"""The footer fits 80 columns and tells the truth (issue 14, item 8).

The keys a newcomer needs (``/``, ``e``, ``?``, ``q``) come first and are on
screen at 80x24; keys that would do nothing now are not shown; a text box's
footer shows the keys that work in it, not letters that would type there.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from index.library import Library
from tests.test_reader import settle
from tui.app import NutgrafApp

NEWCOMER = ["search", "entities", "help", "quit"]


def on_screen(pilot: Pilot[None]) -> list[str]:
    """The actions of the footer keys wholly on screen, left to right, up to the palette key."""
    keys = [k for k in pilot.app.screen.query(FooterKey) if k.region.area]
    palette = next((k for k in keys if k.has_class("-command-palette")), None)
    edge = palette.region.x if palette is not None else pilot.app.size.width
    return [
        k.action.split("(")[0]
        for k in sorted(keys, key=lambda k: k.region.x)
        if k is not palette and k.region.right <= edge
    ]


async def test_newcomer_keys_first_at_80x24(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert on_screen(pilot)[:4] == NEWCOMER


async def test_keys_that_do_nothing_are_not_shown(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = on_screen(pilot)
        assert "step" not in shown  # n / N: nothing chosen to step through yet
        assert "result" in shown  # [ / ]: the library's articles are listed
        await pilot.press("/", *"zzqqxxj", "escape")
        await settle(pilot)
        assert "result" not in on_screen(pilot)  # no results: [ / ] do nothing
        await pilot.press("e", *"Lee Jon", "enter")
        await settle(pilot)
        assert "step" in on_screen(pilot)  # now n / N walk the mentions
        await pilot.press("escape")
        await settle(pilot, 1)
        assert "step" not in on_screen(pilot)


async def test_a_text_box_footer_shows_its_own_keys(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("/")
        await settle(pilot, 1)
        shown = on_screen(pilot)
        assert shown[:3] == ["submit", "down", "screen.clear"]
        assert not {"search", "entities", "help", "quit", "step"} & set(shown)
        labels = [k.description for k in app.screen.query(FooterKey)]
        assert "Open first" in labels
        await pilot.press("escape")
        await settle(pilot, 1)
        assert on_screen(pilot)[:4] == NEWCOMER
