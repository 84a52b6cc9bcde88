"""Review fault 5 of issue 15: ``o`` opens only http(s) addresses, the browser's own
output never reaches the reader's screen, and a Markdown citation never links an
address of another scheme."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from index.citation import cite_markdown
from index.library import Library
from tests.test_reader import SIZE, add_stories, settle
from tests.test_reader_original import FakeBrowser, messages
from tui import links
from tui.app import NutgrafApp
from tui.launch import launch, openable


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "https:nohost"]
)
def test_only_http_addresses_are_openable(url: str) -> None:
    assert not openable(url)
    assert openable("https://example.org/a") and openable("HTTP://example.org")


async def test_o_does_not_open_a_javascript_address(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stories(
        reader_library,
        tmp_path,
        [
            {
                "id": "r2",
                "title": "Year only",
                "text": "Body text. More.",
                "url": "javascript:alert(1)",
            }
        ],
    )
    browser = FakeBrowser()
    monkeypatch.setattr(links.webbrowser, "get", lambda: browser)
    story = next(a for a in reader_library.articles() if a.title == "Year only")
    app = NutgrafApp(reader_library, open_id=story.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == []
        said = messages(app)
        assert any(m.startswith("Not opened: only http(s)") for m in said), said
        assert not any(m.startswith("Opening") for m in said)


def test_the_browser_command_runs_with_its_output_off_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "opened.log"
    script = (
        f'echo "browser noise on stdout"; echo "browser noise on stderr" >&2; echo "$1" > {log}'
    )
    browser = webbrowser.GenericBrowser(["/bin/sh", "-c", script, "sh", "%s"])
    assert launch(browser, "https://example.org/x")
    assert log.read_text(encoding="utf-8").strip() == "https://example.org/x"
    out, err = capfd.readouterr()
    assert "browser noise" not in out + err
    assert not launch(browser, "javascript:alert(1)")


def test_a_markdown_citation_links_only_http_addresses() -> None:
    class Art:
        id = "0123456789abcdef"
        title = "Year only"
        source = None
        published = None
        author = None
        ingested_at = "2026-01-01T00:00:00+00:00"
        url = "javascript:alert(1)"

    line = cite_markdown(Art(), None)
    assert "](" not in line and "<javascript" not in line
    assert "javascript:alert(1)" in line
    Art.url = "https://example.org/a"
    assert "[Year only](<https://example.org/a>)" in cite_markdown(Art(), None)


async def test_o_keeps_the_browser_output_off_the_reader(
    reader_library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    add_stories(
        reader_library,
        tmp_path,
        [
            {
                "id": "r3",
                "title": "With address",
                "text": "Body. More.",
                "url": "https://example.org/r3",
            }
        ],
    )
    log = tmp_path / "opened.log"
    script = (
        f'echo "browser noise on stdout"; echo "browser noise on stderr" >&2; echo "$1" > {log}'
    )
    browser = webbrowser.GenericBrowser(["/bin/sh", "-c", script, "sh", "%s"])
    monkeypatch.setattr(links.webbrowser, "get", lambda: browser)
    story = next(a for a in reader_library.articles() if a.title == "With address")
    app = NutgrafApp(reader_library, open_id=story.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "Opening https://example.org/r3" in messages(app)
    assert log.read_text(encoding="utf-8").strip() == "https://example.org/r3"
    out, err = capfd.readouterr()
    assert "browser noise" not in out + err
