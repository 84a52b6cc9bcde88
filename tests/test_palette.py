"""Colours: each entity kind's is defined once (tui/palette.py), the reader and the
command line show it alike, and a theme can restyle each kind and each highlight."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.theme import Theme

from cli.views import kind_style
from index.library import Library
from index.model import KIND_TITLES
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp
from tui.article_view import ArticleView
from tui.entity_pane import EntityOption
from tui.hanging import Hanging
from tui.palette import KIND_COLOURS, kind_class


def hex_of(style: Style, background: bool = False) -> str | None:
    colour = style.bgcolor if background else style.color
    return colour.get_truecolor().hex if colour is not None else None


def style_at(view: ArticleView, offset: int) -> Style:
    """The style the article shows the body character at ``offset`` in."""
    i = max(k for k, start in enumerate(view._para_starts) if start <= offset)
    content = view._paras[i].content
    assert isinstance(content, Text)
    return content.get_style_at_offset(Console(), offset - view._para_starts[i])


def name_colour(option: EntityOption) -> str | None:
    """The colour of the entity's name in its row of the entity pane."""
    prompt = option.prompt.body if isinstance(option.prompt, Hanging) else option.prompt
    assert isinstance(prompt, Text)
    span = next(s for s in prompt.spans if prompt.plain[s.start : s.end] == option.entity.name)
    assert isinstance(span.style, Style)
    return hex_of(span.style)


def test_every_kind_has_a_colour() -> None:
    assert set(KIND_COLOURS) == set(KIND_TITLES)


async def test_the_reader_and_the_command_line_colour_each_kind_alike(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.reader
        printed = {kind: hex_of(Style.parse(kind_style(kind))) for kind in KIND_TITLES}
        assert printed == {kind: colour.lower() for kind, colour in KIND_COLOURS.items()}
        # The reader shows each kind's colour made readable on the theme (tui/palette.py:
        # the default theme only lightens the grey of numbers), the command line as defined.
        themed = app.memory.theme_variables(app.current_theme)
        printed = {kind: themed[f"entity-{kind}"].lower() for kind in KIND_TITLES}
        assert printed["person"] == KIND_COLOURS["person"].lower()
        for pane in (screen.view, screen.entity_pane):
            shown = {
                kind: hex_of(pane.get_component_rich_style(kind_class(kind), partial=True))
                for kind in KIND_TITLES
            }
            assert shown == printed, type(pane).__name__
        # What is on screen: every entity's first mention, and its row in the pane.
        for entity in screen.entities:
            style = style_at(screen.view, entity.mentions[0][0])
            assert hex_of(style) == printed[entity.kind] and style.underline, entity.name
        rows = [o for o in screen.entity_pane.option_list.options if isinstance(o, EntityOption)]
        assert rows
        for row in rows:
            assert name_colour(row) == printed[row.entity.kind], row.entity.name


async def test_a_theme_restyles_entity_kinds_and_highlights(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.register_theme(
            Theme(
                "test-nutgraf",
                primary="#0178d4",
                dark=True,
                variables={
                    "entity-person": "#ff0000",
                    "target-background": "#0000ff",
                    "current-background": "#00ff00",
                    "match-background": "#ff00ff",
                },
            )
        )
        await pilot.press("/", *"ballistic")
        await settle(pilot, times=4)
        await pilot.press("escape", "e", *"Lee Jon", "enter")
        await settle(pilot)
        view = app.reader.view
        assert view.targets is not None
        (first, _), (second, _) = view.targets.spans[:2]
        assert hex_of(style_at(view, first), background=True) == "#ffaf00"  # the default
        app.theme = "test-nutgraf"
        await settle(pilot)
        assert hex_of(style_at(view, first), background=True) == "#00ff00"  # current
        assert hex_of(style_at(view, second), background=True) == "#0000ff"  # target
        await pilot.press("escape")  # no more targets: the person colour shows
        assert hex_of(style_at(view, first)) == "#ff0000"
        pane = app.reader.entity_pane
        rows = [o for o in pane.option_list.options if isinstance(o, EntityOption)]
        assert {name_colour(o) for o in rows if o.entity.kind == "person"} == {"#ff0000"}
        result = app.reader.search_panel.option_list.get_option_at_index(0).prompt
        assert isinstance(result, Text)
        assert any(
            isinstance(s.style, Style) and hex_of(s.style, background=True) == "#ff00ff"
            for s in result.spans
        )
