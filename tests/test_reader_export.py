"""The reader's export dialog (issue 15, item 5): ``ctrl+e`` offers what the reader
shows now, writes it where the path says and toasts where; a taken name is refused."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton, RadioSet

from index.library import Library
from tests.test_reader import SIZE, settle, until
from tui.app import NutgrafApp
from tui.export_screen import ExportScreen


def messages(app: NutgrafApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def offered(app: NutgrafApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    return [c.subject for c in screen.offered]


async def test_ctrl_e_exports_the_mentions_to_csv_in_the_working_folder(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not (Path(os.environ["HOME"]) / "Downloads").exists()
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot, 1)
        assert offered(app) == ["article"]  # no search, no entity: only the article
        await pilot.press("escape")
        await pilot.press("e", *"Lee Jongkyu", "enter")
        await settle(pilot, 1)
        await pilot.press("ctrl+e")
        await settle(pilot, 1)
        assert offered(app) == ["mentions", "article"]
        path = app.screen.query_one("#export-path", Input).value
        assert path == str(tmp_path / "nutgraf-mentions-lee-jongkyu.csv")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
        wanted = reader_library.mentions("Lee Jongkyu")
        assert [(r["sentence"], int(r["start"])) for r in rows] == [
            (m.context, m.start) for m in wanted
        ]
        assert f"Exported {len(wanted)} rows to {path}" in messages(app)


async def test_the_search_results_as_markdown_and_a_taken_name_refused(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = Path(os.environ["HOME"]) / "Downloads"
    downloads.mkdir()
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(downloads))
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Russia")
        await until(pilot, lambda: bool(app.reader.search_panel.results))
        await pilot.press("ctrl+e")
        await settle(pilot, 1)
        assert offered(app) == ["search", "article"]
        formats = app.screen.query_one("#export-format", RadioSet)
        formats.query(RadioButton)[2].value = True  # Markdown
        await settle(pilot, 1)
        box = app.screen.query_one("#export-path", Input)
        assert box.value == str(downloads / "nutgraf-search-russia.md")
        (downloads / "taken.md").write_text("mine", encoding="utf-8")
        box.value = str(downloads / "taken.md")
        box.focus()
        await pilot.press("enter")
        await settle(pilot, 1)
        assert isinstance(app.screen, ExportScreen)
        assert (downloads / "taken.md").read_text(encoding="utf-8") == "mine"
        box.value = str(downloads / "nutgraf-search-russia.md")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        text = (downloads / "nutgraf-search-russia.md").read_text(encoding="utf-8")
        assert text.splitlines()[0] == "| id | title | source | date | url | score | snippet |"
        assert "Trump can disrupt" in text


async def test_the_dialog_is_used_by_keys_alone_arrows_choose_and_enter_exports(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Focus starts on what to export; an arrow chooses (no separate cursor to toggle),
    tab goes on to the format, where an arrow chooses again; enter exports from any of
    them. (In a try, down then enter exported nothing: the arrow had moved a cursor.)"""
    monkeypatch.chdir(tmp_path)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Russia")
        await until(pilot, lambda: bool(app.reader.search_panel.results))
        await pilot.press("escape", "e", *"Lee Jongkyu", "enter")
        await settle(pilot, 1)
        await pilot.press("ctrl+e")
        await settle(pilot, 1)
        assert offered(app)[:2] == ["search", "mentions"]
        what = app.screen.query_one("#export-what", RadioSet)
        assert what.has_focus and what.pressed_index == 0
        await pilot.press("down")
        assert what.pressed_index == 1
        await pilot.press("tab", "right")  # the format: JSON Lines
        assert app.screen.query_one("#export-format", RadioSet).pressed_index == 1
        path = app.screen.query_one("#export-path", Input).value
        assert path == str(tmp_path / "nutgraf-mentions-lee-jongkyu.jsonl")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert len(Path(path).read_text(encoding="utf-8").splitlines()) == len(
            reader_library.mentions("Lee Jongkyu")
        )
