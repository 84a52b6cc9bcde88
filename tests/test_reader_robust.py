"""The reader goes on when the library changes or fails under it.

Another process merges segments, removes articles or rebuilds the index while
the reader is open; the store may become unreadable. The reader shows each
article once, says in one line what failed, and keeps working; an error that
no handler expected stops it with one line and exit status 1, not a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from index.model import SearchResult
from index.storage.store import StoreError
from tests.conftest import ROOT, SEED_TITLE
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp

_ADD_EACH = """
import sys
from index.library import Library

lib = Library.open(sys.argv[1])
for name in sys.argv[2:]:
    with lib.writer() as writer:
        writer.add([name], analyse=False)
"""


def _in_another_process(library: Path, files: list[Path]) -> None:
    """Add each file in a commit of its own (no entity analysis), from another process."""
    subprocess.run(
        [sys.executable, "-c", _ADD_EACH, str(library), *map(str, files)],
        cwd=ROOT,
        check=True,
        timeout=120,
    )


def _stories(tmp_path: Path, count: int) -> list[Path]:
    files = []
    for k in range(count):
        path = tmp_path / f"korea{k}.txt"
        path.write_text(
            f"Korea story number {k}\n\nNorth Korea fired a missile on day {k}, officials in "
            "Seoul said, the latest of several launches this year.\n",
            encoding="utf-8",
        )
        files.append(path)
    return files


@pytest.mark.slow
async def test_search_after_another_process_merges_segments(
    reader_library: Library, tmp_path: Path
) -> None:
    """Four small commits by another process make its writer merge segments; the next
    keystroke lists every article once, with the right total, and the reader goes on."""
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"missile")
        await settle(pilot, times=4)
        panel = app.reader.search_panel
        assert [r.title for r in panel.results] == [SEED_TITLE]
        _in_another_process(reader_library.path, _stories(tmp_path, 4))
        await pilot.press("s")  # "missiles": the same stem
        await settle(pilot, times=6)
        ids = [r.id for r in panel.results]
        assert len(ids) == len(set(ids)) == 5
        assert panel.total == 5
        assert app.is_running and app.return_code is None


@pytest.mark.slow
async def test_search_after_another_process_rebuilds_and_removes(
    reader_library: Library, tmp_path: Path
) -> None:
    """Another process rebuilds the index (a new one is swapped in) and then removes an
    article: the open reader's next searches use the new index, list each article once,
    and no longer list the removed one."""
    _in_another_process(reader_library.path, _stories(tmp_path, 2))
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"missile")
        await settle(pilot, times=4)
        panel = app.reader.search_panel
        assert panel.total == 3
        cli = [sys.executable, "-m", "cli", "--library", str(reader_library.path)]
        subprocess.run([*cli, "rebuild"], cwd=ROOT, check=True, timeout=120)
        await pilot.press("s")
        await settle(pilot, times=4)
        assert sorted(r.title for r in panel.results) == sorted(
            [SEED_TITLE, "Korea story number 0", "Korea story number 1"]
        )
        gone = next(r.id for r in panel.results if r.title == "Korea story number 0")
        subprocess.run([*cli, "remove", gone], cwd=ROOT, check=True, timeout=120)
        await pilot.press("backspace")
        await settle(pilot, times=4)
        assert [r.id for r in panel.results].count(gone) == 0 and panel.total == 2
        assert app.is_running


async def test_a_repeated_hit_is_listed_once(
    reader_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the search gives, the panel never lists an article twice (an option
    list with a repeated id raises DuplicateID and used to end the reader)."""
    real = reader_library.search

    def twice(
        text: str, limit: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> SearchResult:
        result = real(text, limit, cancelled)
        return SearchResult(
            query=result.query, total=result.total * 2, hits=result.hits + result.hits
        )

    monkeypatch.setattr(reader_library, "search", twice)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"ballistic")
        await settle(pilot, times=4)
        panel = app.reader.search_panel
        assert [r.title for r in panel.results] == [SEED_TITLE]
        assert panel.option_list.option_count == 1
        assert app.is_running


async def test_an_unreadable_store_is_a_toast_and_the_reader_goes_on(
    reader_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.reader

        def broken(*args: object, **kwargs: object) -> None:
            raise StoreError("library.db: the article store is damaged or not a library")

        monkeypatch.setattr(reader_library, "get", broken)
        monkeypatch.setattr(reader_library, "articles", broken)
        assert screen.open_article("0123456789abcdef") is False
        screen.search_panel.run_query("")  # the library list, newest first
        await settle(pilot, times=4)
        messages = [n.message for n in app._notifications]
        assert any("Cannot open the article: library.db" in m for m in messages)
        status = str(screen.search_panel.query_one("#search-status").content)
        assert "cannot read the library" in status
        assert screen.article is not None and screen.article.title == SEED_TITLE
        assert app.is_running


async def test_an_unexpected_error_stops_with_one_line_and_status_1(
    reader_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.reader_screen import ReaderScreen

    def boom(self: ReaderScreen, delta: int) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(ReaderScreen, "action_step", boom)
    monkeypatch.delenv("NUTGRAF_DEBUG", raising=False)
    app = NutgrafApp(reader_library)
    with pytest.raises(RuntimeError):  # Pilot re-raises what stopped the app
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("e", *"Lee Jon", "enter")  # n acts only with mentions to walk
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause(0.3)
    assert app.return_code == 1
    assert app.error_message == "the reader stopped: RuntimeError: boom second line"
    assert app._exit_renderables == []  # no traceback printed on the way out


async def test_a_new_query_cancels_the_one_running(
    reader_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that would take long is given up on as soon as the user types on, so
    the new query's results do not wait for it."""
    real = reader_library.search
    outcome: list[str] = []

    def slow(
        text: str, limit: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> SearchResult:
        if text != "ballistic":
            return real(text, limit, cancelled)
        deadline = time.monotonic() + 30
        while cancelled is None or not cancelled():
            if time.monotonic() > deadline:
                outcome.append("ran to the end")
                return real(text, limit)
            time.sleep(0.01)
        outcome.append("cancelled")
        return SearchResult(query=text, cancelled=True)

    monkeypatch.setattr(reader_library, "search", slow)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"ballistic")
        await pilot.pause(0.5)  # its search is running (and would for 30 s)
        await pilot.press(*" missiles")
        await settle(pilot, times=4)
        panel = app.reader.search_panel
        assert outcome and set(outcome) == {"cancelled"}  # ("ballistic " is asked again)
        assert panel.shown_query == "ballistic missiles"
        assert [r.title for r in panel.results] == [SEED_TITLE]


async def test_an_article_whose_entities_are_damaged_still_opens(reader_library: Library) -> None:
    """A damaged stored analysis is a toast; the article is shown without entities, and
    the reader goes on (it used to stop on the JSON error)."""
    import sqlite3

    conn = sqlite3.connect(reader_library.path / "library.db")
    with conn:
        conn.execute("UPDATE articles SET entities = '[{\"name\": 5}]'")
    conn.close()
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.reader
        assert screen.article is not None and screen.article.title == SEED_TITLE
        assert screen.entities == []
        messages = [n.message for n in app._notifications]
        assert any("Its entities cannot be shown" in m for m in messages), messages
        await pilot.press("/", *"ballistic", "enter")
        await settle(pilot, times=4)
        assert screen.view.targets is not None and len(screen.view.targets.spans) == 2
        assert app.is_running


@pytest.mark.slow
async def test_the_add_dialog_adds_a_corpus_big_enough_for_worker_processes(
    reader_library: Library, tmp_path: Path
) -> None:
    """From PARALLEL_FROM new articles on, entity analysis runs in worker processes; the
    reader's add dialog could not start them (Textual's stderr has no file descriptor,
    and multiprocessing passes it on)."""
    from index.entities.ner import PARALLEL_FROM
    from tui.add_screen import AddScreen

    corpus = tmp_path / "many.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {
                    "title": f"Harbour news {k}",
                    "text": f"Ferries left Dover on day {k}, officials said.",
                }
            )
            + "\n"
            for k in range(PARALLEL_FROM + 5)
        )
    )
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_add()
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, AddScreen)
        await pilot.press(*str(corpus), "enter")
        for _ in range(600):  # the workers load spaCy: give them time, in short pauses
            await pilot.pause(0.2)
            if screen.report is not None or not screen.running:
                break
        assert screen.report is not None, str(screen.query_one("#add-status").content)
        assert len(screen.report.added) == PARALLEL_FROM + 5 and not screen.report.skipped
