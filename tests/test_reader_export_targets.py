"""Review faults of issue 15 in the reader's export dialog: the library's own files
are refused (fault 4), and a write error names the user's path, not the temporary
``.part`` file (fault 12)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from index.library import Library
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp
from tui.export_screen import ExportScreen


def status(app: NutgrafApp) -> str:
    return str(app.screen.query_one("#export-status", Static).content)


async def try_export(app: NutgrafApp, pilot: object, target: Path) -> str:
    box = app.screen.query_one("#export-path", Input)
    box.value = str(target)
    box.focus()
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await settle(pilot, 1)  # type: ignore[arg-type]
    assert isinstance(app.screen, ExportScreen)
    return status(app)


async def test_the_dialog_refuses_the_library_and_names_the_users_path(
    reader_library: Library, tmp_path: Path
) -> None:
    store = reader_library.path / "library.db"
    before = store.read_bytes()
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot, 1)
        said = await try_export(app, pilot, store)
        assert "inside the library folder" in said, said
        missing = tmp_path / "no such folder" / "out.csv"
        said = await try_export(app, pilot, missing)
        assert "out.csv" in said and ".part" not in said, said
    assert store.read_bytes() == before
