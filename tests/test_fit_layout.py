"""The reader fits any terminal from 40 to 250 columns (issue 14, item 9).

The reader is laid out at every width from 40 to 250 columns, at a few
heights, with a search done and an entity chosen (so every pane has content),
once with the article in front and once with the search results; no widget
may reach past the screen, and each pane shown keeps its least width
(:mod:`tui.layout`).
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Footer

from index.library import Library
from tests.test_reader import settle
from tui.app import NutgrafApp
from tui.layout import SINGLE, WIDE, layout_for

#: The least outer width of each pane beside two others (the article, entities, search).
LEAST = {"article": 40, "entities": 28, "search": 36}
#: The least outer width of the side column beside the article.
LEAST_SIDE_COLUMN = 32


def _shown(widget: Widget) -> Region | None:
    """The widget's region on screen, or None when it is not shown."""
    try:
        region = widget.screen.find_widget(widget).region
    except Exception:  # NoWidget: not displayed
        return None
    return region if region.area else None


def problems(app: NutgrafApp, width: int, height: int) -> list[str]:
    """What does not fit at ``width`` x ``height``, in words (empty when all fits)."""
    screen = app.reader
    found: list[str] = []
    for widget in screen.walk_children(Widget):
        region = _shown(widget)
        if region is None or widget.parent is None:
            continue
        if any(isinstance(a, Footer) for a in widget.ancestors_with_self):
            continue  # the footer scrolls sideways; its first keys are checked in test_footer
        if region.right > width or region.x < 0:
            found.append(f"{width}x{height}: {widget!r} spans columns {region.x}..{region.right}")
    panes = {"article": screen.view, "entities": screen.entity_pane, "search": screen.search_panel}
    regions = {name: _shown(pane) for name, pane in panes.items()}
    shown = {name: r for name, r in regions.items() if r is not None}
    for name, region in shown.items():
        if region.bottom > height:
            found.append(f"{width}x{height}: the {name} pane runs past the bottom")
        least = {1: width, 2: LEAST_SIDE_COLUMN, 3: LEAST[name]}[len(shown)]
        if len(shown) == 2 and name == "article":
            least = LEAST["article"]
        if region.width < least:
            found.append(f"{width}x{height}: the {name} pane is {region.width} wide (< {least})")
    if sum(r.width for r in shown.values()) != width:
        found.append(f"{width}x{height}: the panes shown cover {shown} of {width} columns")
    expected = {"wide": 3, "narrow": 2, "single": 1}[layout_for(width)]
    if len(shown) != expected:
        found.append(f"{width}x{height}: {sorted(shown)} shown, {expected} expected")
    return found


@pytest.mark.slow
async def test_every_width_from_40_to_250_fits(reader_library: Library) -> None:
    """Every width at 24 rows, with the results in front; the article in front and
    heights 20 and 50 every few widths (a resize costs a full layout)."""
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("/", *"ballistic", "enter")
        await settle(pilot)
        await pilot.press("e", *"Kim", "enter")
        await settle(pilot)
        screen = app.reader
        found: list[str] = []
        tries = [("search", w, 24) for w in range(40, 251)]
        tries += [("article", w, h) for h in (20, 24, 50) for w in range(40, 251, 7)]
        tries += [("search", w, h) for h in (20, 50) for w in range(43, 251, 9)]
        for front, width, height in tries:
            target = screen.view if front == "article" else screen.search_panel.option_list
            if screen.focused is not target:
                target.focus()
            await pilot.resize_terminal(width, height)
            for _ in range(10):  # a resize may take a second layout pass (pane widths)
                if not problems(app, width, height):
                    break
                await pilot.pause(0.02)
            found += problems(app, width, height)
        assert not found, "\n".join(found[:20])


async def test_the_pane_in_front_is_the_one_shown_when_narrow(reader_library: Library) -> None:
    """Under 72 columns one pane at a time: / brings search, escape the article back."""
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(SINGLE - 12, 20)) as pilot:
        await settle(pilot)
        screen = app.reader
        assert _shown(screen.view) is not None
        assert _shown(screen.search_panel) is None and _shown(screen.entity_pane) is None
        await pilot.press("/")
        await settle(pilot, 1)
        assert _shown(screen.view) is None
        assert _shown(screen.search_panel) == Region(0, 1, SINGLE - 12, 18)
        await pilot.press(*"ballistic", "enter")
        await settle(pilot)
        assert _shown(screen.view) is not None and _shown(screen.search_panel) is None
        await pilot.press("e")
        await settle(pilot, 1)
        assert _shown(screen.entity_pane) is not None and _shown(screen.view) is None
        await pilot.press("escape")
        await settle(pilot, 1)
        assert _shown(screen.view) is not None and _shown(screen.entity_pane) is None


async def test_the_entities_pane_widens_on_wide_screens(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(WIDE, 40)) as pilot:
        await settle(pilot, 1)
        least = app.reader.entity_pane.outer_size.width
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert app.reader.entity_pane.outer_size.width > least + 10
