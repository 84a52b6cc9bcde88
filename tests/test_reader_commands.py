"""The command palette (issue 14, item 20): one name per entry, a screenshot that is
saved where it can be and says where, and entries for what only had keys."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.library import Library
from tests.test_reader import SIZE, settle, until
from tui.app import NutgrafApp


def titles(app: NutgrafApp) -> list[str]:
    return [c.title for c in app.get_system_commands(app.reader)]


async def test_every_palette_entry_has_its_own_name(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = titles(app)
        assert len(names) == len(set(names)), sorted(names)
        for wanted in (
            "Back",
            "Forward",
            "Next result",
            "Previous result",
            "Next mention or match",
            "Previous mention or match",
            "Open URL in browser",
            "Copy URL",
            "Help: every key",
            "Screenshot",
        ):
            assert wanted in names


async def test_a_screenshot_without_a_downloads_folder_goes_to_the_working_folder(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "work"
    here.mkdir()
    monkeypatch.chdir(here)
    assert not (Path(os.environ["HOME"]) / "Downloads").exists()
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(c for c in app.get_system_commands(app.reader) if c.title == "Screenshot")
        command.callback()
        await until(pilot, lambda: any(here.glob("*.svg")))
        saved = next(here.glob("*.svg"))
        await settle(pilot, 1)
        told = [n.message for n in app._notifications]
        assert f"Screenshot saved to {saved}" in told
        assert app.is_running


async def test_the_palette_walks_mentions_and_history(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.reader.view
        await pilot.press("e", "enter")
        assert view.targets is not None and view.targets.index == 0
        await pilot.press("ctrl+p")
        await settle(pilot, 1)
        await pilot.press(*"next mention")
        await settle(pilot, 1)
        await pilot.press("enter")
        await settle(pilot, 1)
        assert view.targets.index == 1


async def test_a_screenshot_folder_that_cannot_be_written_is_passed_over(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fix round, fault 15: os.access says yes (root, /sys) but writing fails: the next
    folder is tried, and the toast says where the picture went."""
    downloads = Path(os.environ["HOME"]) / "Downloads"
    downloads.mkdir(parents=True)
    here = tmp_path / "work"
    here.mkdir()
    monkeypatch.chdir(here)
    app = NutgrafApp(reader_library)
    real = app.save_screenshot

    def refuse_downloads(filename: str | None = None, path: str | None = None) -> str:
        if path == str(downloads):
            raise PermissionError(13, "Permission denied", path)
        return real(filename=filename, path=path)

    monkeypatch.setattr(app, "save_screenshot", refuse_downloads)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(c for c in app.get_system_commands(app.reader) if c.title == "Screenshot")
        command.callback()
        await until(pilot, lambda: any(here.glob("*.svg")))
        saved = next(here.glob("*.svg"))
        await settle(pilot, 1)
        told = [n.message for n in app._notifications]
        assert told == [f"Screenshot saved to {saved}"]
        assert not any(downloads.iterdir())
