"""Every entity kind reads in every theme Textual ships (issue 14, item 13).

Contrast is WCAG 2.x's ratio of relative luminances (tui/palette.py:
``contrast``), and 4.5:1 is its minimum for ordinary text (success criterion
1.4.3). What is checked is what the entity list draws: the colour and the
background of the segments of each entity's name, on an ordinary row and on
the highlighted row (list focused and not), for each of ``app.available_themes``;
and the article's highlights (text on the match, target and current colours).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.segment import Segment
from textual.color import Color

from index.library import Library
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp
from tui.entity_pane import EntityOption
from tui.palette import KIND_COLOURS, MIN_CONTRAST, contrast, luminance


def test_wcag_formula_on_known_pairs() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # a known near-miss
    assert luminance("#ffffff") == pytest.approx(1.0)


def _hex(colour: object) -> str:
    assert colour is not None
    return colour.get_truecolor().hex  # type: ignore[attr-defined,no-any-return]


def _rgb_hex(colour: Color) -> str:
    """An ANSI colour as Textual draws it (``ansi_black`` is 0,0,0), as ``#rrggbb``."""
    r, g, b = colour.rgb
    return f"#{r:02x}{g:02x}{b:02x}"


def _name_segments(app: NutgrafApp, y: int, name: str) -> list[Segment]:
    strip = app.reader.entity_pane.option_list.render_line(y)
    return [s for s in strip if s.text.strip() and s.text.strip() in name and s.style]


async def test_every_kind_and_highlight_passes_4_5_in_every_theme(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.reader.entity_pane
        options = pane.option_list
        rows = [i for i, o in enumerate(options.options) if isinstance(o, EntityOption)]
        kinds = {options.options[i].entity.kind: i for i in reversed(rows)}  # type: ignore[attr-defined]
        assert len(kinds) >= 3, kinds
        failures: list[str] = []
        checked = 0
        for name in app.available_themes:
            app.theme = name
            await pilot.pause()
            variables = app.theme_variables
            if variables["background"].startswith("ansi"):
                # The terminal chooses these colours: each kind is one of its ANSI colours.
                ansi = [variables[f"entity-{kind}"] for kind in KIND_COLOURS]
                if not all(v.startswith("ansi_") for v in ansi):
                    failures.append(f"{name}: entity colours {ansi} are not the terminal's")
                continue
            for focused in (False, True):
                (options if focused else app.reader.view).focus()
                await pilot.pause()
                for index in kinds.values():  # a row of each kind, highlighted
                    option = options.options[index]
                    assert isinstance(option, EntityOption)
                    options.highlighted = index
                    y = options._index_to_line[index] - options.scroll_offset.y
                    segments = _name_segments(app, y, option.entity.name)
                    assert segments, (name, option.entity.name)
                    for segment in segments:
                        assert segment.style is not None
                        fg, bg = _hex(segment.style.color), _hex(segment.style.bgcolor)
                        checked += 1
                        if contrast(fg, bg) < MIN_CONTRAST:
                            failures.append(
                                f"{name} {option.entity.kind} {fg} on {bg}"
                                f" {contrast(fg, bg):.2f} (highlighted, focused={focused})"
                            )
                options.highlighted = None
                await pilot.pause()
                for index in rows:
                    option = options.options[index]
                    assert isinstance(option, EntityOption)
                    y = options._index_to_line[index] - options.scroll_offset.y
                    for segment in _name_segments(app, y, option.entity.name):
                        assert segment.style is not None
                        fg, bg = _hex(segment.style.color), _hex(segment.style.bgcolor)
                        checked += 1
                        if contrast(fg, bg) < MIN_CONTRAST:
                            failures.append(
                                f"{name} {option.entity.kind} {fg} on {bg} {contrast(fg, bg):.2f}"
                            )
            text = _rgb_hex(Color.parse(variables["highlight-foreground"]))
            for highlight in (
                "match-background",
                "target-background",
                "current-background",
                "keep-highlight-background",
            ):
                back = _rgb_hex(Color.parse(variables[highlight]))
                if contrast(text, back) < MIN_CONTRAST:
                    failures.append(f"{name} {highlight} {text} on {back}")
        assert checked > 100
        assert not failures, "\n".join(failures)


def _drawn(app: NutgrafApp) -> list[list[Segment]]:
    """The screen as drawn: each line's segments, with the colours Textual resolved
    (Rich's dim already blended into the colour)."""
    return [list(strip) for strip in app.screen._compositor.render_strips()]


def _measure(
    app: NutgrafApp, wanted: dict[str, Callable[[str], bool]]
) -> tuple[set[str], list[tuple[str, str, str, str]]]:
    """Which of ``wanted`` are drawn, and each drawn one's (what, text, colour, background)."""
    found: set[str] = set()
    measured: list[tuple[str, str, str, str]] = []
    for line in _drawn(app):
        for segment in line:
            text = segment.text.strip()
            for what, wanted_here in wanted.items():
                if not text or not wanted_here(text) or segment.style is None:
                    continue
                if not (segment.style.color and segment.style.bgcolor):
                    continue
                found.add(what)
                measured.append(
                    (what, text, _hex(segment.style.color), _hex(segment.style.bgcolor))
                )
    return found, measured


async def test_secondary_text_passes_4_5_in_every_theme(reader_library: Library) -> None:
    """Issue 14 fix item 13: the highlighted result's source line, the panes' headings, the
    filter's placeholder and the footer's keys, measured on the cells drawn."""
    app = NutgrafApp(reader_library)
    wanted: dict[str, Callable[[str], bool]] = {
        "source line": lambda t: t.endswith("· undated"),
        "entity heading": lambda t: "entities" in t and not t.startswith("Filter"),
        "placeholder": lambda t: t.startswith("Filter entities"),
        "footer key": lambda t: t in ("/", "e", "?", "q", "enter"),
        "search status": lambda t: t.endswith("newest first"),
    }
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        failures: list[str] = []
        checked = 0
        for name in app.available_themes:
            app.theme = name
            await settle(pilot, times=1)
            if app.theme_variables["background"].startswith("ansi"):
                continue  # the terminal chooses these colours
            for focused in (False, True):
                panel = app.reader.search_panel
                (panel.option_list if focused else app.reader.view).focus()
                panel.option_list.highlighted = 0
                await settle(pilot, times=1)
                # The footer is recomposed after a focus change by a message of its own: on a
                # loaded machine it may not be drawn yet, so wait (a bounded number of times).
                for _ in range(40):
                    found, measured = _measure(app, wanted)
                    if found == set(wanted):
                        break
                    await pilot.pause(0.1)
                assert found == set(wanted), (name, found)
                for what, text, fg, bg in measured:
                    checked += 1
                    if contrast(fg, bg) < MIN_CONTRAST:
                        failures.append(
                            f"{name} {what} {text[:30]!r} {fg} on {bg}"
                            f" {contrast(fg, bg):.2f} (list focused={focused})"
                        )
        assert checked > 50
        assert not failures, "\n".join(failures)
