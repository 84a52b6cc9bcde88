"""The reader remembers between runs and reads the user's config (issue 14, items 2, 13-16).

Each test runs the reader twice where it matters; the folders are the test's own
(``NUTGRAF_CONFIG_DIR`` / ``NUTGRAF_STATE_DIR``, set for every test in conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from index.library import Library
from tests.test_reader import FERRIES, SEED_TITLE, SIZE, add_stories, settle, until
from tui.app import NutgrafApp
from tui.settings import config_path


def toasts(app: NutgrafApp) -> list[str]:
    return [n.message for n in app._notifications]


def title(app: NutgrafApp) -> str | None:
    article = app.reader.article
    return article.title if article else None


async def test_the_theme_is_kept_between_runs(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, times=1)
        app.theme = "solarized-light"
        await pilot.pause()
    again = NutgrafApp(reader_library)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, times=1)
        assert again.theme == "solarized-light"


async def test_the_reader_starts_on_the_last_article_read(
    reader_library: Library, tmp_path: Path
) -> None:
    """Item 2: per library, kept between runs; an article gone since is no error."""
    add_stories(reader_library, tmp_path, FERRIES)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        newest = title(app)
        start = next(a.id for a in reader_library.articles() if a.title == SEED_TITLE)
        app.open_article(start)
        await settle(pilot, times=1)
    assert newest != SEED_TITLE  # so starting on it is the memory, not the order
    again = NutgrafApp(reader_library)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, times=1)
        assert title(again) == SEED_TITLE
        await pilot.press("H")  # the history came back too
        await settle(pilot, times=1)
        assert title(again) == newest
    with reader_library.writer() as writer:
        writer.remove(start)
    third = NutgrafApp(reader_library)
    async with third.run_test(size=SIZE) as pilot:
        await settle(pilot, times=1)
        assert title(third) == newest  # as on a first start
        assert not [m for m in toasts(third) if "No article" in m]


async def test_back_and_forward_say_when_there_is_nowhere_to_go(
    reader_library: Library, tmp_path: Path
) -> None:
    """Item 15."""
    add_stories(reader_library, tmp_path, FERRIES)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("H")
        assert toasts(app)[-1] == "No earlier article"
        await pilot.press("L")
        assert toasts(app)[-1] == "No later article"


async def test_a_library_walk_says_when_it_wraps(reader_library: Library, tmp_path: Path) -> None:
    """Item 15: "article 2/2" beside "mention 1/4", and "back to the first article"."""
    add_stories(
        reader_library,
        tmp_path,
        [{"title": "Summit", "text": "Kim Jong Un met Russian officials. Kim spoke briefly."}],
    )
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.reader
        await pilot.press("/", *"ferry", "escape", "w", "e", *"Kim Jong", "enter")
        await settle(pilot, times=6)
        first = screen.article.id  # type: ignore[union-attr]
        assert screen.view.targets is not None
        assert screen.view.targets.indicator.startswith("Kim Jong Un · article 1/2 · mention 1/")
        while screen.article.id == first:  # type: ignore[union-attr]
            await pilot.press("n")
        assert "article 2/2" in screen.view.targets.indicator
        assert not [m for m in toasts(app) if "Back to the first" in m]
        while screen.article.id != first:  # type: ignore[union-attr]
            await pilot.press("n")
        assert toasts(app)[-1] == "Back to the first article of the walk"
        # Item 16: the walk replaced the query; escape gives the user's own back.
        assert screen.search_panel.query_box.value == 'person:"Kim Jong Un"'
        await pilot.press("escape")
        await settle(pilot, times=1)
        assert screen.search_panel.query_box.value == "ferry"


async def test_up_and_down_recall_queries_kept_between_runs(
    reader_library: Library, tmp_path: Path
) -> None:
    """Item 16: up recalls, down goes forward then back to the list, as before."""
    add_stories(reader_library, tmp_path, FERRIES)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("strike", "ferry"):
            await pilot.press("/", "ctrl+a", "ctrl+k", *query)
            await settle(pilot, times=1)
            await pilot.press("enter")
            await settle(pilot, times=1)
    again = NutgrafApp(reader_library)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = again.reader.search_panel
        box = panel.query_box
        await pilot.press("/", *"fa")
        await pilot.press("up")
        assert box.value == "ferry"
        await pilot.press("up")
        assert box.value == "strike"
        await settle(pilot, times=1)
        assert {r.title for r in panel.results} == {"Ferry strike"}  # it searched
        await pilot.press("down", "down")
        assert box.value == "fa" and box.has_focus  # what was typed, still in the box
        await pilot.press("down")
        assert panel.option_list.has_focus  # down goes into the list, as before


async def test_keys_and_colours_from_the_config_file(reader_library: Library) -> None:
    """Item 14: [keys] through Textual's keymap, [colors] as theme variables."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\nsearch = "ctrl+f"\n[colors]\nperson = "#ff0000"\n')
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        assert app.reader.search_panel.query_box.has_focus
        style = app.reader.entity_pane.get_component_rich_style("entity--person", partial=True)
        assert style.color is not None and style.color.get_truecolor().hex == "#ff0000"
        assert not toasts(app)
        assert any(r.key == "ctrl+f" for r in app.key_rows())  # the help shows it


async def test_a_bad_config_is_one_line_and_the_rest_applies(reader_library: Library) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\nserch = "ctrl+f"\nhelp = "f1"\n[theme]\nname = "nope"\n')
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = toasts(app)
        assert len(said) == 2 and all("\n" not in m and str(path) in m for m in said)
        assert "keys.serch" in said[0] and "theme.name" in said[1]
        await pilot.press("f1")
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_a_broken_state_file_is_said_in_one_line(reader_library: Library) -> None:
    state = Path(os.environ["NUTGRAF_STATE_DIR"]) / "state.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text("{half", encoding="utf-8")
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: len(toasts(app)) >= 1)  # a loaded machine may be slow to say it
        assert len(toasts(app)) == 1 and "ignored" in toasts(app)[0]
        assert title(app) == SEED_TITLE


async def test_a_state_folder_that_cannot_be_written_is_said_once(
    reader_library: Library, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NUTGRAF_STATE_DIR", str(blocker / "state"))
    add_stories(reader_library, tmp_path, FERRIES)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("]", "]")  # two more articles opened: two more saves
        await settle(pilot, times=1)
        said = [m for m in toasts(app) if "cannot save" in m]
        assert len(said) == 1 and "\n" not in said[0]
        assert title(app) is not None  # the reader goes on


def test_each_library_keeps_its_own_place(tmp_path: Path) -> None:
    """Item 2: per library path; a second reader's save keeps the first one's place."""
    from tui.memory import Memory

    first = Memory(tmp_path / "one", ["search"])
    second = Memory(tmp_path / "two", ["search"])
    first.opened("aaaa", ["aaaa"])
    second.opened("bbbb", ["bbbb"])  # written after first, from a state read before it
    assert Memory(tmp_path / "one", []).last_article() == "aaaa"
    assert Memory(tmp_path / "two", []).last_article() == "bbbb"
