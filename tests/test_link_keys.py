"""Review of issue 15, fault 10: ``o`` (open the URL) and ``u`` (copy it) work whichever
pane has focus, as ``*``, ``t``, ``h`` and ``y`` do; their ids stay ``open-url``/``copy-url``."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from index.library import Library
from tests.test_reader import SIZE, settle
from tests.test_reader_original import FakeBrowser, messages, url_library
from tui import links
from tui.app import NutgrafApp
from tui.reader_screen import ReaderScreen

__all__ = ["url_library"]  # a fixture, used by name

URL = "https://example.org/news/a-story-with-an-address"


def _pane(reader: ReaderScreen, name: str) -> Widget:
    if name == "entities":
        return reader.entity_pane.option_list
    if name == "search":
        return reader.search_panel.option_list
    return reader.view


@pytest.mark.parametrize("pane", ["article", "entities", "search"])
async def test_o_and_u_work_from_every_pane(
    url_library: Library, monkeypatch: pytest.MonkeyPatch, pane: str
) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(links.webbrowser, "get", lambda: browser)
    story = next(a for a in url_library.articles() if a.title == "A story with an address")
    app = NutgrafApp(url_library, open_id=story.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focused = _pane(app.reader, pane)
        focused.focus()
        await settle(pilot)
        assert app.focused is focused
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == [URL]
        await pilot.press("u")
        await settle(pilot)
        assert app.clipboard == URL
        assert f"Copied URL: {URL}" in messages(app)


def test_the_ids_stay_for_the_config_files_keys() -> None:
    ids = {b.action: b.id for b in ReaderScreen.BINDINGS if hasattr(b, "action")}
    assert (ids["open_url"], ids["copy_url"]) == ("open-url", "copy-url")
