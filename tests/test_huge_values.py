"""Huge values from outside take a few lines, not the screen (issue 14 fix item 12).

A 3,000-character title filled the result list, the command palette's first
entry and the article header; a 100,000-character colour in the config made a
toast over the screen. Titles are cut with ``…`` (tui/caps.py), the article
shows the whole title after its text, and problem lines cut the value they quote.
"""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.widgets import Static

from index.library import Library
from tests.test_reader import add_stories, settle
from tui.app import NutgrafApp
from tui.caps import TITLE_IN_HEADER, TITLE_IN_LIST
from tui.config import load_config

HUGE = "Huge " + "headline " * 333  # about 3,000 characters


async def test_a_huge_title_is_cut_in_the_list_the_palette_and_the_header(
    reader_library: Library, tmp_path: Path
) -> None:
    add_stories(reader_library, tmp_path, [{"title": HUGE, "text": "Kim Jong Un met officials."}])
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.reader.search_panel
        options = panel.option_list
        titles = [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(2)]
        assert max(len(t) for t in titles) <= TITLE_IN_LIST
        assert any(t.startswith("Huge headline") and t.endswith("…") for t in titles), titles
        huge_id = next(r.id for r in panel.results if r.title.startswith("Huge"))
        app.open_article(huge_id)
        await settle(pilot)
        statics = list(app.reader.view.query(Static).results(Static))
        header = str(app.reader.view.query_one(".title", Static).render())
        assert len(header) <= TITLE_IN_HEADER and header.endswith("…")
        assert any(str(s.render()) == f"Full title: {HUGE.strip()}" for s in statics)
        await pilot.press("ctrl+p")
        await settle(pilot)
        commands = app.screen.query_one(CommandList)
        for _ in range(50):  # the palette gathers its entries in the background
            prompts = [
                str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
            ]
            if any(p.startswith("Open: Huge") for p in prompts):
                break
            await pilot.pause(0.05)
        commands.highlighted = next(i for i, p in enumerate(prompts) if p.startswith("Open: Huge"))
        await settle(pilot)
        rows = [commands.render_line(y).text.strip() for y in range(commands.size.height)]
        huge = [i for i, r in enumerate(rows) if r.startswith("Open: Huge")]
        assert huge and all(rows[i].endswith("…") for i in huge), rows
        assert not [r for r in rows if r.startswith("headline")], rows  # no wrapped lines


def test_a_huge_config_value_makes_a_short_problem_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[colors]\nperson = "#{"f" * 100_000}"\n[{"x" * 5000}]\n', encoding="utf-8")
    problems = load_config(path, ["search"]).problems
    assert len(problems) == 2, problems
    assert all(len(p) < len(str(path)) + 160 for p in problems), [len(p) for p in problems]
    assert any("not a colour: '#fff" in p and p.endswith("…") for p in problems), problems
