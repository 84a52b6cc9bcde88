"""What the reader remembers and reads from the user's folders, without Textual's app
(issue 14, items 13-16): the state file, the config file, the histories, the walk's place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.config import load_config
from tui.history import History
from tui.query_history import QueryHistory
from tui.settings import SEARCH_HISTORY_LIMIT, State, config_path, state_dir
from tui.walk import Walk

IDS = ["search", "next", "back"]


def test_the_folders_follow_the_environment_never_the_real_home(tmp_path: Path) -> None:
    assert str(config_path()).startswith(os.environ["NUTGRAF_CONFIG_DIR"])
    assert str(state_dir()) == os.environ["NUTGRAF_STATE_DIR"]
    assert not str(config_path()).startswith(str(Path("~").expanduser() / ".config"))


def test_nutgraf_config_path_prints_the_config_file(tmp_path: Path) -> None:
    env = {**os.environ, "NUTGRAF_CONFIG_DIR": str(tmp_path / "cfg")}
    done = subprocess.run(
        [sys.executable, "-m", "cli", "config", "path"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "cfg" / "config.toml")


def test_state_round_trips_and_is_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    state, problem = State.load(path)
    assert problem is None and state.theme is None  # nothing remembered yet
    state.theme = "nord"
    state.last_article["/lib"] = "abcd1234"
    state.history["/lib"] = ["a", "b"]
    state.add_search("ferry")
    assert state.save() is None
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temp file left
    again, problem = State.load(path)
    assert problem is None
    assert (again.theme, again.last_article, again.history, again.searches) == (
        "nord",
        {"/lib": "abcd1234"},
        {"/lib": ["a", "b"]},
        ["ferry"],
    )


@pytest.mark.parametrize("data", [b"{not json", b'["a list"]', b"\xff\xfe not utf-8"])
def test_a_broken_state_file_is_one_line_and_a_fresh_start(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(data)
    state, problem = State.load(path)
    assert problem is not None and "\n" not in problem and str(path) in problem
    assert state.theme is None and state.searches == []


def test_odd_values_in_the_state_file_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"theme": 3, "searches": ["a", 4, "b"], "history": {"x": "no"}}))
    state, problem = State.load(path)
    assert problem is None and state.theme is None
    assert state.searches == ["a", "b"] and state.history == {"x": []}


def test_search_history_is_deduplicated_and_bounded() -> None:
    state = State()
    for i in range(SEARCH_HISTORY_LIMIT + 20):
        state.add_search(f"q{i}")
    state.add_search("q30")
    assert len(state.searches) == SEARCH_HISTORY_LIMIT
    assert state.searches[-1] == "q30" and state.searches.count("q30") == 1


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_keys_colours_and_theme(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        '[theme]\nname = "nord"\n[keys]\nsearch = "ctrl+f"\n[colors]\nperson = "#005f87"\n'
        'match = "yellow"\n',
    )
    config = load_config(path, IDS)
    assert config.problems == []
    assert config.theme == "nord"
    assert config.keys == {"search": "ctrl+f"}
    assert config.colors == {"entity-person": "#005f87", "match-background": "yellow"}


def test_config_problems_are_one_line_each_and_the_rest_applies(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        '[keys]\nserch = "ctrl+f"\nnext = 3\nback = "ctrl+b"\n[colors]\nperson = "#zzz"\n'
        'persn = "#000000"\n[colours]\nx = 1\n',
    )
    config = load_config(path, IDS)
    assert config.keys == {"back": "ctrl+b"}  # the rest still applies
    assert len(config.problems) == 5
    for problem, key in zip(
        config.problems,
        ["keys.serch", "keys.next", "colors.person", "colors.persn", "colours"],
        strict=True,
    ):
        assert problem.startswith(f"{path}: {key}:") and "\n" not in problem


def test_config_that_is_not_toml_names_the_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[keys]\nsearch = "ctrl+f"\nnext = \n')
    config = load_config(path, IDS)
    assert config.keys == {}
    assert len(config.problems) == 1 and "line 3" in config.problems[0]
    assert str(path) in config.problems[0]


def test_history_is_a_browser_stack_without_ping_pong() -> None:
    h = History()
    for article in ("a", "b", "a"):  # a revisit moves "a" to the end
        h.visit(article)
    assert h.back() == "b"
    assert h.back() is None  # not "a" again: no ping-pong
    assert h.forward() == "a" and h.forward() is None
    h.back()
    h.visit("c")  # visiting after going back drops the forward part
    assert h.items == ["b", "c"] and h.forward() is None


def test_history_kept_from_an_earlier_run() -> None:
    h = History(items=["a", "b", "a", "c"])
    assert h.items == ["a", "b", "c"] and h.current == "c"
    assert h.back() == "b"


def test_query_history_up_and_down() -> None:
    q = QueryHistory(["ferry", "blair", "ferry", "oil"])
    assert q.entries == ["blair", "ferry", "oil"]
    assert q.newer("typed") is None  # not recalling: down goes to the list
    assert q.older("typed") == "oil"
    assert q.older("oil") == "ferry"
    assert q.older("ferry") == "blair"
    assert q.older("blair") is None  # the oldest
    assert q.newer("blair") == "ferry"
    assert q.newer("ferry") == "oil"
    assert q.newer("oil") == "typed"  # past the newest: what was being typed
    assert q.newer("typed") is None
    assert q.older("oil!") == "oil"  # an edited query starts a new recall from itself


def test_walk_place_and_wrapping() -> None:
    w = Walk("Kim Jong Un", "person", "q", ["a", "b", "c"])
    assert w.place("b") == "article 2/3"
    assert w.wraps("c", "a", 1) and not w.wraps("a", "b", 1)
    assert w.wraps("a", "c", -1) and not w.wraps("c", "b", -1)


def test_the_readme_names_every_binding_id() -> None:
    """Item 14: the config file's [keys] names in the README are the bindings' ids."""
    import re

    from tui.app import NutgrafApp
    from tui.article_view import ArticleView
    from tui.entity_pane import EntityPane
    from tui.reader_screen import ReaderScreen
    from tui.search_panel import SearchPanel

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = text.split("`[keys]` names:", 1)[1].split("(the help", 1)[0]
    bindings = [*NutgrafApp.BINDINGS, *ReaderScreen.BINDINGS, *ArticleView.BINDINGS]
    bindings += list(EntityPane.BINDINGS) + list(SearchPanel.BINDINGS)
    ids = {b.id for b in bindings if getattr(b, "id", None)}
    assert set(re.findall(r"`([a-z-]+)`", listed)) == ids


def test_history_steps_past_removed_articles_and_drops_them() -> None:
    """Issue 14 fault 8: back / forward skip articles no longer in the library."""
    h = History(items=["a", "x", "b", "y", "z", "c"], current="c")
    gone = {"x", "y", "z"}
    assert h.step(-1, lambda i: i not in gone) == ("b", 2)
    assert h.items == ["a", "x", "b", "c"] and h.current == "b"
    assert h.step(-1, lambda i: i not in gone) == ("a", 1)
    assert h.step(1, lambda i: i not in gone) == ("b", 0)
    assert h.step(1, lambda i: i != "c") == (None, 1)
    assert h.items == ["a", "b"] and h.current == "b"
