"""The reader's first screen does not wait on anything that grows with the library
(issue 16, item 3): Whoosh, whose loading takes longer the larger the index, is loaded
in the background only once the first screen is up, however long the library takes to
list its articles.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from index.library import Library
from tests.test_reader import SIZE, reader, until
from tui.app import NutgrafApp
from tui.reader_screen import WARM_UP_AFTER_S


async def test_whoosh_loads_only_after_the_first_screen(
    reader_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the article list slow to come (a large library on a busy machine), the
    searcher is not opened before the list is on screen, and is opened after it."""
    slow = WARM_UP_AFTER_S + 0.7
    real_articles = reader_library.articles
    events: list[str] = []
    lock = threading.Lock()

    def articles(*args: Any, **kwargs: Any) -> Any:
        time.sleep(slow)
        with lock:
            events.append("listed")
        return real_articles(*args, **kwargs)

    real_searcher = reader_library.searcher

    def searcher() -> Any:
        with lock:
            events.append("searcher")
        return real_searcher()

    monkeypatch.setattr(reader_library, "articles", articles)
    monkeypatch.setattr(reader_library, "searcher", searcher)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        panel = reader(app).search_panel
        await until(pilot, lambda: "listed" in events, tries=200)
        await until(pilot, lambda: panel.shown_query == "" and panel.total > 0, tries=200)
        await until(pilot, lambda: "searcher" in events, tries=200)
        assert events.index("searcher") > events.index("listed"), events
