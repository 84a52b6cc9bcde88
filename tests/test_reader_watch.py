"""Issue 15 item 4 in the reader: ctrl+s saves the query, W lists saved searches, and new
matches from any process show as a toast and a badge until seen (tui/watch_keeper.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from index.library import Library
from index.watches import Watches
from tests.conftest import ROOT
from tests.test_reader import QUICK_POLL, SIZE, settle, until
from tests.test_watch import add_stories
from tui.app import NutgrafApp
from tui.watch_dialogs import ConfirmScreen, SavedSearchesScreen, SaveSearchScreen
from tui.watch_keeper import WatchKeeper


def toasts(app: NutgrafApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_ctrl_s_in_the_search_panel_saves_the_query_under_a_name(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"person:Putin")
        await settle(pilot)
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, SaveSearchScreen)
        name_box = dialog.query_one("#watch-name", Input)
        assert name_box.value == "person Putin"  # offered from the query, by the name rule
        await pilot.press("ctrl+u", *"Putin watch", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, SaveSearchScreen)
        (status,) = reader_library.watches.statuses()
        assert (status.name, status.query, status.total, status.new) == (
            "Putin watch",
            "person:Putin",
            1,
            0,
        )
        assert any("Saved ‘Putin watch’: 1 match now" in t for t in toasts(app))


async def test_a_bad_or_taken_name_keeps_the_dialog_open_and_says_why(
    reader_library: Library,
) -> None:
    reader_library.watches.add("Korea", "korea")
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"korea", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveSearchScreen)
        await pilot.press("enter")  # "korea" is taken (case aside)
        status = str(app.screen.query_one("#save-search-status").render())
        assert "‘Korea’ is saved already" in status
        await pilot.press("ctrl+u", *"a/b", "enter")
        status = str(app.screen.query_one("#save-search-status").render())
        assert isinstance(app.screen, SaveSearchScreen) and "holds '/'" in status
        await pilot.press("escape")
        assert reader_library.watches.names() == ["Korea"]


async def test_ctrl_s_works_only_in_the_search_panel(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")  # the article has the focus
        await settle(pilot)
        assert not isinstance(app.screen, SaveSearchScreen)


async def test_w_lists_saved_searches_enter_runs_one_and_marks_it_seen(
    reader_library: Library, tmp_path: Path
) -> None:
    reader_library.watches.add("Ferry", "ferry")
    reader_library.watches.add("Korea", "korea")
    add_stories(reader_library, tmp_path, "ferries", ["A ferry sank.", "Ferry fares rise."])
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.reader
        await until(pilot, lambda: screen.search_panel.border_title == "Search ◆ 2 new")
        await pilot.press("W")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SavedSearchesScreen)
        options = dialog.query_one(OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert rows == ["Ferry  2 · ◆ 2 new  ferry", "Korea  1 · 0 new  korea"]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.search_panel.query_box.value == "ferry"
        await until(pilot, lambda: screen.search_panel.total == 2)
        await until(pilot, lambda: screen.search_panel.border_title == "Search")
        assert app.title == "nutgraf"
        assert reader_library.watches.status("Ferry").new == 0


async def test_d_deletes_a_saved_search_after_asking(reader_library: Library) -> None:
    reader_library.watches.add("Korea", "korea")
    reader_library.watches.add("Putin", "putin")
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing deleted
        assert isinstance(app.screen, SavedSearchesScreen)
        assert reader_library.watches.names() == ["Korea", "Putin"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert reader_library.watches.names() == ["Putin"]
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1


@pytest.mark.slow
async def test_another_process_adding_a_match_brings_a_toast_and_a_badge(
    reader_library: Library, tmp_path: Path
) -> None:
    reader_library.watches.add("Ferry", "ferry")
    corpus = tmp_path / "late.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"title": f"Ferry {k}", "text": f"Ferry story {k}."}) + "\n"
            for k in range(3)
        )
    )
    app = NutgrafApp(reader_library, poll_interval=QUICK_POLL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.reader.search_panel
        await until(pilot, lambda: app.reader.watch_told == {"Ferry": 0})  # first check done
        assert panel.border_title == "Search"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli",
                "--library",
                str(reader_library.path),
                "add",
                str(corpus),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while proc.poll() is None:  # the reader runs on meanwhile
            await pilot.pause(0.1)
        assert proc.returncode == 0
        # Nothing is pressed: the reader's own check of the store finds them.
        await until(pilot, lambda: panel.border_title == "Search ◆ 3 new", tries=200)
        await until(pilot, lambda: "3 new for ‘Ferry’" in toasts(app))
        assert app.title == "nutgraf ◆ 3 new · W"  # seen in every layout, the panel not always


async def test_saved_searches_are_run_again_only_when_the_store_changed(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader_library.watches.add("Ferry", "ferry")
    runs: list[int] = []
    counted = Watches.statuses
    monkeypatch.setattr(Watches, "statuses", lambda self: runs.append(1) or counted(self))
    app = NutgrafApp(reader_library, poll_interval=QUICK_POLL)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(runs) == 1)  # the first check, after start
        await pilot.pause(1.0)  # ten polls, nothing changed
        await settle(pilot)
        assert len(runs) == 1
        other = Library.open(reader_library.path)
        add_stories(other, tmp_path, "late", ["A ferry sank."])
        other.close()
        await until(pilot, lambda: app.reader.search_panel.border_title == "Search ◆ 1 new")
        assert len(runs) >= 2
        assert isinstance(app.reader, WatchKeeper)


async def test_the_help_and_the_palette_list_the_saved_search_keys(reader_library: Library) -> None:
    from tui.help_screen import HelpScreen, KeyRow
    from tui.search_panel import SAVE_TIP

    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.key_rows()
        assert KeyRow("Search panel", "ctrl+s", SAVE_TIP) in rows
        assert any(r.key == "W" and r.where == "Anywhere" for r in rows)
        entries = {c.title: c.help for c in app.get_system_commands(app.reader)}
        assert entries["Saved searches"].endswith("(W)")
        assert "ctrl+s" in entries["Save this search"]
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
