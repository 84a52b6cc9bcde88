"""Article text, titles, entity names, snippets and file names never act on the terminal.

Bidirectional controls are shown as U+FFFD too, so ``\u202egnp.exe`` cannot pose as
``exe.png`` (in ``--json`` they are escaped, and parse back to what was stored).

The commands run as real processes with colour forced on, so Rich writes its own
styling escapes; none of the article's escapes (screen clear, cursor moves, OSC 8
links, OSC 52 clipboard writes, bells, carriage returns, C1 controls) may appear,
and Rich markup in the article must come out as the literal text it is.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_nutgraf

# Every command runs as a process; the hostile library is made once, so this
# module's tests share a worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("evil_library")]

EVIL_TITLE = "[bold red]Evil[/] \x1b[2J\x1b[H title \x1b]52;c;ZXZpbA==\x07 end \u202egnp.exe"
EVIL_BODY = (
    "Vladimir Putin met [link=http://evil.example]Kim Jong Un[/link] in Moscow on Monday. "
    "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ and \x1b[31mred\x1b[0m text, a bell \x07, "
    "a carriage\rreturn and a C1 \x9b control, said Putin."
)
FORBIDDEN = ["\x1b[2J", "\x1b[H", "\x1b]", "\x07", "\r", "\x9b", "\x1b[31m", "\u202e", "\u2067"]


@pytest.fixture(scope="module")
def evil_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    root = tmp_path_factory.mktemp("evil")
    folder = root / "in"
    folder.mkdir()
    (folder / "story.txt").write_bytes(f"{EVIL_TITLE}\n\n{EVIL_BODY}\n".encode())
    (folder / "[red]file\x1b[2J\x07.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n" + bytes(64)
    )  # a skip names it
    (folder / "\u2067\u202egnp.exe.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    lib = str(root / "lib")
    result = run_nutgraf(
        "--library", lib, "add", str(folder), env={"FORCE_COLOR": "1", "COLUMNS": "300"}
    )
    assert result.code == 1, result.err  # the PNG was skipped
    for bad in FORBIDDEN:
        assert bad not in result.out and bad not in result.err, repr(bad)
    assert (
        "[red]file\u241b[2J\u2407.txt" in result.out
    )  # the file name, literally, controls visible
    assert "\ufffd\ufffdgnp.exe.txt" in result.out  # the bidi controls, visible
    doc = json.loads(run_nutgraf("--library", lib, "list", "--json").out)
    return lib, doc[0]["id"]


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "{id}"],
        ["show", "{id}", "--raw"],
        ["search", "putin"],
        ["search", "moscow OR bell"],
        ["entities", "{id}"],
        ["entities"],
        ["mentions", "Vladimir Putin"],
    ],
)
def test_cli_output_is_inert(evil_library: tuple[str, str], args: list[str]) -> None:
    lib, article_id = evil_library
    argv = [a.replace("{id}", article_id) for a in args]
    result = run_nutgraf("--library", lib, *argv, env={"FORCE_COLOR": "1", "COLUMNS": "200"})
    assert result.code == 0, result.err
    for bad in FORBIDDEN:
        assert bad not in result.out, (argv, repr(bad))
    assert "\x1b[" in result.out or argv[0] in ("show",)  # colour really was on


def test_markup_in_titles_is_shown_literally(evil_library: tuple[str, str]) -> None:
    lib, _ = evil_library
    result = run_nutgraf("--library", lib, "list", env={"COLUMNS": "200"})
    assert "[bold red]Evil[/]" in result.out
    shown = run_nutgraf("--library", lib, "show", evil_library[1])
    assert "[link=http://evil.example]Kim Jong Un[/link]" in shown.out


def test_json_output_escapes_every_control(evil_library: tuple[str, str]) -> None:
    lib, article_id = evil_library
    for argv in (
        ["list", "--json"],
        ["show", article_id, "--raw", "--json"],
        ["search", "putin", "--json"],
    ):
        out = run_nutgraf("--library", lib, *argv).out
        for bad in FORBIDDEN:
            assert bad not in out, (argv, repr(bad))
        json.loads(out)


def test_bidi_controls_are_visible_in_lists_and_kept_in_json(evil_library: tuple[str, str]) -> None:
    lib, article_id = evil_library
    listed = run_nutgraf("--library", lib, "list", env={"COLUMNS": "300"}).out
    assert "end \ufffdgnp.exe" in listed
    doc = json.loads(run_nutgraf("--library", lib, "show", article_id, "--json").out)
    assert doc["title"].endswith("end \u202egnp.exe")  # the store keeps what was given
