"""The article view: mentions in the original text (issue 14, item 6), the article's
source in its header with keys to open and copy its URL (item 21), and a click on a
coloured name choosing that entity (item 22)."""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from index.library import Library
from tests.test_reader import SIZE, add_stories, settle
from tui import links
from tui.app import NutgrafApp
from tui.article_view import ArticleView, Targets


def messages(app: NutgrafApp) -> list[str]:
    return [n.message for n in app._notifications]


def current_style(view: ArticleView) -> Style:
    return view._style("article-view--current")


def styled_at(view: ArticleView, offset: int) -> Style:
    """The style the view shows the character at ``offset`` of the text shown in."""
    i = max(k for k, start in enumerate(view._para_starts) if start <= offset)
    content = view._paras[i].content
    assert isinstance(content, Text)
    return content.get_style_at_offset(Console(), offset - view._para_starts[i])


# -- item 6: the original text ------------------------------------------------------


@pytest.mark.parametrize("at_once", [True, False], ids=["aligned-at-once", "aligned-in-a-thread"])
async def test_mentions_are_highlighted_and_walked_in_the_original(
    reader_library: Library, monkeypatch: pytest.MonkeyPatch, at_once: bool
) -> None:
    if not at_once:  # as a long original is: aligned in a thread, highlights following
        monkeypatch.setattr("tui.article_view.ALIGN_AT_ONCE", 10)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.reader.view
        await pilot.press("e", "enter")  # the first entity: Kim Jong Un
        targets = view.targets
        assert targets is not None and len(targets.spans) >= 4
        await pilot.press("r")
        await settle(pilot)
        assert view.raw and view.border_title == "Original text"
        # The pieces of the original with what ran between them, as the view cut them.
        shown = reader_library.get(app.reader.article.id).original_text  # type: ignore[union-attr]
        original = shown.replace("\r\n", "\n").replace("\r", "\n")
        for start, piece in zip(view._para_starts, view._para_texts, strict=True):
            assert original[start : start + len(piece)] == piece
        scrolled = []
        for _ in range(3):
            await pilot.press("n")
            await settle(pilot, 1)
            t = view.targets
            assert t is not None
            body_start, body_end = t.spans[t.index]
            there = view._shown(body_start, body_end)
            assert there is not None, f"mention {t.index + 1} not placed"
            # The mention, as it reads in the body, is highlighted where it is in the original.
            said = " ".join(
                reader_library.get(app.reader.article.id).body[body_start:body_end].split()
            )  # type: ignore[union-attr]
            assert " ".join(original[there[0] : there[1]].split()) == said
            assert styled_at(view, there[0]).bgcolor == current_style(view).bgcolor
            assert "not in the original" not in str(view.border_subtitle)
            scrolled.append(view.scroll_y)
        assert f"mention {view.targets.index + 1}/{len(targets.spans)}" in str(view.border_subtitle)  # type: ignore[union-attr]
        assert max(scrolled) > 0  # it moved to the mentions, down the original


async def test_a_mention_the_original_does_not_hold_is_said_to_be_missing(
    reader_library: Library, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(
        "A note\n\nThe infor-\nmation the two firms gave was right.\n", encoding="utf-8"
    )
    with reader_library.writer() as writer:
        report = writer.add([str(note)])
    app = NutgrafApp(reader_library, open_id=report.first_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.reader.view
        body = view.article.body  # type: ignore[union-attr]
        word = "information"
        assert word in body, body  # the cleaner joined the word broken at the line end
        start = body.index(word)
        firms = body.index("firms")
        view.set_targets(Targets(((start, start + len(word)), (firms, firms + 5)), "test"))
        await pilot.press("r")
        await settle(pilot)
        assert "mention 1/2 · not in the original text" in str(view.border_subtitle)
        await pilot.press("n")
        assert "mention 2/2 · n/N" in str(view.border_subtitle)
        assert view._shown(firms, firms + 5) is not None


# -- item 21: the source, open and copy ------------------------------------------------


@pytest.fixture
def url_library(reader_library: Library, tmp_path: Path) -> Library:
    add_stories(
        reader_library,
        tmp_path,
        [
            {
                "id": "story-7",
                "title": "A story with an address",
                "text": "Paris was quiet on Monday, said the mayor of the city.",
                "url": "https://example.org/news/a-story-with-an-address",
            }
        ],
    )
    return reader_library


def header_line(view: ArticleView) -> str:
    """The header's line saying where the article came from (under the source line)."""
    content = view.query_one(".meta", Static).content
    return (content.plain if isinstance(content, Text) else str(content)).split("\n")[1]


async def test_the_header_shows_the_url_the_file_and_the_day_added(url_library: Library) -> None:
    story = next(a for a in url_library.articles() if a.title == "A story with an address")
    app = NutgrafApp(url_library, open_id=story.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = header_line(app.reader.view)
        assert line.startswith(f"added {story.ingested_at[:10]} · ")
        assert "https://example.org/news/a-story-with-an-address" in line
        assert "record story-7 of stories.jsonl in " in line


async def test_the_header_names_the_file_of_an_article_without_url(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        view = app.reader.view
        line = header_line(view)
        assert line.startswith("added ") and ".txt in " in line
        widget = view.query_one(".meta", Static)
        assert widget.size.height == 2  # two lines, each cut with … when long
        await pilot.press("o")
        await settle(pilot)
        assert "This article has no URL to open" in messages(app)
        await pilot.press("u")
        assert app.clipboard.endswith(".txt")
        assert any(m.startswith("Copied file path: ") for m in messages(app))


class FakeBrowser:
    name = "firefox"

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str) -> bool:
        self.opened.append(url)
        return True


async def test_o_opens_the_url_in_the_browser_and_u_copies_it(
    url_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(links.webbrowser, "get", lambda: browser)
    story = next(a for a in url_library.articles() if a.title == "A story with an address")
    app = NutgrafApp(url_library, open_id=story.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == ["https://example.org/news/a-story-with-an-address"]
        assert "Opening https://example.org/news/a-story-with-an-address" in messages(app)
        await pilot.press("u")
        assert app.clipboard == "https://example.org/news/a-story-with-an-address"
        assert "Copied URL: https://example.org/news/a-story-with-an-address" in messages(app)


@pytest.mark.parametrize("found", ["none", "terminal"])
async def test_without_a_browser_o_says_so(
    url_library: Library, monkeypatch: pytest.MonkeyPatch, found: str
) -> None:
    def get() -> object:
        if found == "none":
            raise webbrowser.Error("could not locate runnable browser")
        browser = FakeBrowser()
        browser.name = "lynx"  # would draw over the reader
        return browser

    monkeypatch.setattr(links.webbrowser, "get", get)
    story = next(a for a in url_library.articles() if a.title == "A story with an address")
    app = NutgrafApp(url_library, open_id=story.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert "No browser found to open the URL; u copies it" in messages(app)
        assert app.is_running


# -- item 22: a click on a coloured name ------------------------------------------------


async def test_clicking_a_coloured_name_chooses_that_entity(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.reader
        view = screen.view
        # The body opens "North Korea's supreme leader Kim Jong Un's bet …".
        assert view._para_texts[0].startswith("North Korea's supreme leader Kim Jong Un")
        assert view.targets is None
        await pilot.click(view._paras[0], offset=(31, 0))  # on "Kim"
        await settle(pilot, 1)
        t = view.targets
        assert t is not None and t.label == "Kim Jong Un" and t.index == 0
        assert "Kim Jong Un · mention 1/" in str(view.border_subtitle)
        pane = screen.entity_pane.option_list
        highlighted = pane.get_option_at_index(pane.highlighted or 0)
        assert highlighted.entity.name == "Kim Jong Un"  # type: ignore[attr-defined]
        await pilot.click(view._paras[0], offset=(2, 0))  # on "North Korea"
        await settle(pilot, 1)
        assert view.targets is not None and view.targets.label == "North Korea"
        highlighted = pane.get_option_at_index(pane.highlighted or 0)
        assert highlighted.entity.name == "North Korea"  # type: ignore[attr-defined]


async def test_markup_in_an_article_is_shown_literally_and_never_acts(
    reader_library: Library, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Hostile\n\n[@click=app.quit]Click me[/] and [@click=screen.clear]me[/] too.\n",
        encoding="utf-8",
    )
    with reader_library.writer() as writer:
        report = writer.add([str(hostile)])
    app = NutgrafApp(reader_library, open_id=report.first_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.reader.view
        para = view._paras[0]
        assert para.content.plain.startswith("[@click=app.quit]Click me[/]")  # type: ignore[union-attr]
        for x in range(0, 40, 3):
            await pilot.click(para, offset=(x, 0))
        await settle(pilot, 1)
        assert app.is_running and app.reader.article is not None
        assert view.targets is None


def test_the_entity_meta_is_built_by_the_view_never_read_from_text() -> None:
    text = Text("[@click=app.quit]x[/]")
    assert not any(span.style for span in text.spans)
    assert (
        json.dumps(Style.from_meta({"nutgraf-entity": (0, 1)}).meta) == '{"nutgraf-entity": [0, 1]}'
    )


async def test_search_matches_are_highlighted_in_the_original_too(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ballistic", "enter")
        await settle(pilot)
        view = app.reader.view
        assert view.matches and view.targets is not None and view.targets.what == "match"
        await pilot.press("r")
        await settle(pilot)
        there = view._shown(*view.matches[0])
        assert there is not None
        assert styled_at(view, there[0]).bgcolor == current_style(view).bgcolor
        assert "match 1/" in str(view.border_subtitle)
        assert "not in the original" not in str(view.border_subtitle)


async def test_o_and_u_with_no_article_open_say_so(library: Library) -> None:
    """Fix round, fault 17: in an empty library there is no article, not an article
    without a URL."""
    app = NutgrafApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.reader.view.article is None
        app.reader.view.focus()
        for key in ("o", "u"):
            await pilot.press(key)
            await settle(pilot, 1)
        assert messages(app)[-2:] == ["No article is open", "No article is open"]
