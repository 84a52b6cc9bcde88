"""The footer and the help fit from 40 columns (issue 14 fix item 10).

At 40 to 50 columns the footer shows the newcomer's keys whole
(``/ Search  e Entities  ? Help  q Quit``; in the search box ``enter``, ``↓``
and ``esc``), and the help stands each key over its description, so that no
description is cut to nothing. What is checked is what the screen draws.
"""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from index.library import Library
from tests.test_reader import settle
from tui.app import NutgrafApp
from tui.help_screen import HelpScreen

WIDTHS = [*range(40, 51), 55, 60, 64, 80]


def screen_lines(app: NutgrafApp) -> list[str]:
    """The text of each line of the screen on top, as drawn."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def _keys_whole(app: NutgrafApp, actions: list[str], width: int) -> list[str]:
    """The actions among ``actions`` whose footer key is not drawn whole within ``width``."""
    keys = {k.action: k for k in app.reader.query(FooterKey)}
    palette = [k for k in keys.values() if k.has_class("-command-palette")]
    left = min((k.region.x for k in palette), default=width)
    missing = []
    for action in actions:
        key = keys.get(action)
        if key is None or key.region.right > min(width, left) or not key.region.width:
            missing.append(action)
    return missing


@pytest.mark.parametrize("width", WIDTHS)
async def test_the_footer_shows_the_newcomer_keys_whole(
    reader_library: Library, width: int
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(width, 12)) as pilot:
        await settle(pilot)
        app.reader.view.focus()
        await settle(pilot)
        assert not _keys_whole(app, ["search", "entities", "help", "quit"], width)
        footer = screen_lines(app)[-1]
        assert all(k in footer for k in ("/ Search", "e Entities", "? Help", "q Quit")), footer
        await pilot.press("/")
        await settle(pilot)
        boxed = screen_lines(app)[-1]
        assert all(k in boxed for k in ("enter Open first", "↓ List", "esc Leave")), boxed


@pytest.mark.parametrize("width", WIDTHS)
async def test_the_help_keeps_its_descriptions_when_narrow(
    reader_library: Library, width: int
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = " ".join(
            line.strip(" │╭╮╰╯─") for line in screen_lines(app) if line.strip(" │╭╮╰╯─")
        )
        text = " ".join(text.split())
        for row in help_screen.rows[:3]:
            assert " ".join(row.what.split()) in text, (row, text)
