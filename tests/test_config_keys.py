"""The config file's [keys]: only key names, no two on one key, shown literally
(issue 14 fix round, faults 6 and 7)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from index.library import Library
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp
from tui.article_view import Targets
from tui.config import is_key, load_config
from tui.help_screen import HelpScreen, KeyRow
from tui.settings import config_path

HOSTILE = {
    "colours": "[@click=app.quit]zz[/]",
    "next": "[reverse]QQ",
    "previous": "[bold]",
    "search": "x" * 100,
}


def write(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def toasts(app: NutgrafApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_key_names_are_textuals() -> None:
    good = ["n", "N", "?", "[", "question_mark", "ctrl+f", "alt+left", "shift+tab", "f5"]
    good += ["pageup", "escape", "left_square_bracket", "ctrl+shift+x", "space"]
    for key in good:
        assert is_key(key), key
    for key in ["[bold]", "zz", "QQ", "ctrl+", "ctrl+ctrl+x", "Ctrl+f", "foo+x", "", " "]:
        assert not is_key(key), key


async def test_markup_in_keys_is_reported_and_the_defaults_stay(reader_library: Library) -> None:
    path = write("[keys]\n" + "".join(f'{k} = "{v}"\n' for k, v in HOSTILE.items()) + 'quit = ""\n')
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = toasts(app)
        assert app.memory.config.keys == {}
        assert len(said) == 5 and all(m.startswith(f"{path}: keys.") for m in said)
        assert all("\n" not in m and len(m) < len(str(path)) + 200 for m in said)
        for message, (key, value) in zip(said, HOSTILE.items(), strict=False):
            assert f"keys.{key}" in message
            assert value[:50] in message  # literally (the toast takes no markup)
        assert "x" * 100 not in said[3] and "…" in said[3]
        assert said[4].endswith('keys.quit: is empty; give a key, e.g. "ctrl+f"')
        rows = {r.what: r.key for r in app.key_rows()}
        assert "n" in rows.values() and "N" in rows.values()
        await pilot.press("n")  # the default n still works (no crash, no blank row)
        await settle(pilot, 1)
        assert app.is_running


async def test_the_help_shows_keys_literally_and_clicking_them_does_nothing(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    rows = [KeyRow("Anywhere", v, f"does {k}") for k, v in HOSTILE.items()]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(HelpScreen(rows))
        await settle(pilot, 1)
        text = app.export_screenshot()  # what is on the screen
        for value in ("[@click=app.quit]zz[/]", "[reverse]QQ", "[bold]"):
            assert value in text, value
        table = app.screen.query(".help-group Static").results(Static)
        keys = list(table)[1]  # the first section's table: its first row is "zz"'s
        for x in range(0, 22, 2):
            await pilot.click(keys, offset=(x, 0))
        await settle(pilot, 1)
        assert app.is_running and isinstance(app.screen, HelpScreen)


def test_a_key_given_to_two_bindings_is_reported_and_the_later_keeps_its_default(
    tmp_path: Path,
) -> None:
    app = NutgrafApp.__new__(NutgrafApp)
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nsearch = "q"\nnext = "o"\nhelp = "f1"\n', encoding="utf-8")
    config = load_config(path, app.binding_ids(), app.key_chains())
    assert config.keys == {"help": "f1"}
    assert config.problems == [
        f"{path}: keys.search: q is also quit's key; search keeps its default",
        f"{path}: keys.next: o is also open-url's key; next keeps its default",
    ]
    # a key that moved away is free; two panes never active together may share a key
    path.write_text('[keys]\nquit = "ctrl+x"\nsearch = "q"\n', encoding="utf-8")
    config = load_config(path, app.binding_ids(), app.key_chains())
    assert config.problems == [] and config.keys == {"quit": "ctrl+x", "search": "q"}


async def test_q_still_quits_when_search_is_set_to_q(reader_library: Library) -> None:
    path = write('[keys]\nsearch = "q"\n')
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert toasts(app) == [
            f"{path}: keys.search: q is also quit's key; search keeps its default"
        ]
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_borders_walk_hint_shows_the_configured_keys(reader_library: Library) -> None:
    write('[keys]\nnext = "ctrl+n,n"\n')
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.reader.view
        assert view.article is not None
        view.set_targets(Targets(((0, 3), (5, 8)), "test"))
        await settle(pilot, 1)
        assert "· ^n/N" in str(view.border_subtitle)
