"""The reader, driven by keys at a fixed size, with assertions on its state."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.binding import Binding
from textual.widgets import Input

from index.library import Library
from index.model import SearchResult
from tests.conftest import SEED_TITLE
from tui.app import NutgrafApp
from tui.article_view import ArticleView
from tui.entity_pane import EntityPane
from tui.help_screen import HelpScreen
from tui.reader_screen import ReaderScreen
from tui.search_panel import SearchPanel

SIZE = (120, 40)


async def settle(pilot, times: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Let workers finish and messages be handled."""
    for _ in range(times):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.15)


async def until(pilot, condition: Callable[[], bool], tries: int = 100) -> None:  # type: ignore[no-untyped-def]
    """Pause a little at a time until ``condition()`` holds (at most ``tries`` pauses)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


#: How often the reader checks for other processes' changes in tests that wait for one.
QUICK_POLL = 0.1


def reader(app: NutgrafApp) -> ReaderScreen:
    return app.reader


def add_stories(lib: Library, tmp_path: Path, stories: list[dict[str, str]]) -> None:
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    with lib.writer() as writer:
        writer.add([str(corpus)])


async def test_opens_on_the_only_article(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.article is not None and screen.article.title == SEED_TITLE
        assert app.sub_title.endswith(SEED_TITLE)
        assert isinstance(app.focused, ArticleView)
        assert screen.search_panel.results[0].title == SEED_TITLE  # the browser lists the library


async def test_entity_filter_enter_and_n_cycle_through_lee_jongkyu(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", *"Lee Jon", "enter")
        await settle(pilot)
        view = reader(app).view
        assert isinstance(app.focused, ArticleView)
        assert view.targets is not None and view.targets.label == "Lee Jongkyu"
        body = reader(app).article.body  # type: ignore[union-attr]
        assert [body[s:e] for s, e in view.targets.spans] == [
            "Lee Jongkyu",
            "Lee Jongkyu",
            "Lee",
            "Lee",
        ]
        seen = [view.targets.index]
        for _ in range(4):
            await pilot.press("n")
            seen.append(view.targets.index)
        assert seen == [0, 1, 2, 3, 0]  # wraps around
        assert view.border_subtitle.startswith("Lee Jongkyu · mention 1/4")
        await pilot.press("N")
        assert view.targets.index == 3 and "mention 4/4" in view.border_subtitle
        await pilot.press("escape")
        assert view.targets is None


async def test_filter_narrows_by_name_and_alias_ignoring_case(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", *"kdi")
        pane = reader(app).entity_pane
        assert [r.name for r in pane.matching()] == ["Korea Development Institute"]
        await pilot.press("down", "enter")
        assert reader(app).view.targets.label == "Korea Development Institute"  # type: ignore[union-attr]
        assert len(reader(app).view.targets.spans) == 3  # type: ignore[union-attr]


async def test_an_article_filter_matching_nothing_says_so(reader_library: Library) -> None:
    """Issue 14 fault 9: as the library mode does, the article mode says that nothing
    matches (not an empty pane), and its heading counts "0 of N"."""
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = reader(app).entity_pane
        total = len(pane.entities)
        await pilot.press("e", *"zzq")
        rows = [str(o.prompt) for o in pane.option_list.options]
        assert rows == ["no entity of this article matches 'zzq'"]
        heading = pane.query_one("#entity-mode").render()
        assert f"0 of {total}" in str(heading)


async def test_search_enter_opens_hit_at_match_1_of_2(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"ballistic")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = reader(app).view
        assert isinstance(app.focused, ArticleView)
        assert view.targets is not None and view.targets.what == "match"
        assert "match 1/2" in view.border_subtitle
        body = reader(app).article.body  # type: ignore[union-attr]
        assert [body[s:e] for s, e in view.targets.spans] == ["ballistic", "ballistic"]
        # scrolled so that the first match is on screen
        first = view.targets.spans[0][0]
        para = next(
            p
            for p, start in zip(view._paras, view._para_starts, strict=True)
            if start <= first < start + len(p.content.plain)
        )  # type: ignore[union-attr]
        top, height = view.scroll_y, view.scrollable_content_region.height
        assert view.scroll_y > 0
        assert (
            top <= para.virtual_region.y + para.size.height
            and para.virtual_region.y <= top + height
        )
        await pilot.press("n")
        assert "match 2/2" in view.border_subtitle


async def test_fast_typing_shows_only_the_last_query(
    reader_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answers arrive out of order: the search for "ferry" is held back until the
    results of "dock", typed after it, are on show, and then answers; only the last
    query's results stay. And no search is run for a query the box has left: not for
    the keys of a burst, nor when the panel is asked for an older query (as it asks
    for the next page of the list on show, which may be the last query but one)."""
    add_stories(
        reader_library,
        tmp_path,
        [
            {"title": "Harbour strike", "text": "Dock workers in Korea ended their strike."},
            {"title": "Ferry fares", "text": "Ferry operators raised fares."},
        ],
    )
    real = reader_library.search
    held, release = threading.Event(), threading.Event()
    searched: list[str] = []

    def search(
        text: str, limit: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> SearchResult:
        searched.append(text)
        if text == "ferry" and not held.is_set():
            held.set()
            release.wait(timeout=60)
            # A search that was past its last look at `cancelled`: it answers anyway.
            return real(text, limit)
        return real(text, limit, cancelled)

    monkeypatch.setattr(reader_library, "search", search)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await settle(pilot)
            panel = reader(app).search_panel
            answered: list[str] = []
            panel.message_signal.subscribe(  # every answer the panel has handled
                panel,
                lambda m: answered.append(m.query) if isinstance(m, SearchPanel.Answer) else None,
                immediate=True,
            )
            await pilot.press("/", *"ferry")
            await until(pilot, held.is_set)  # the search for "ferry" is running, held back
            await pilot.press("ctrl+u")
            await settle(pilot)
            before_burst = len(searched)
            # A burst: every key lands in the box before it has handled the first.
            for key in "dock":
                panel.query_box.post_message(events.Key(key, key))
            await until(pilot, lambda: panel.shown_query == "dock")
            assert [r.title for r in panel.results] == ["Harbour strike"]
            assert searched[before_burst:] == ["dock"]  # not "d", "do" or "doc"
            panel.run_query("ferry")  # a worker for a query no longer in the box
            await settle(pilot)
            assert searched[before_burst:] == ["dock"]  # it gave up before searching
            release.set()  # now "ferry" answers, after "dock" did
            await until(pilot, lambda: "ferry" in answered)
            await settle(pilot)
            assert panel.shown_query == "dock"
            assert [r.title for r in panel.results] == ["Harbour strike"]
        finally:
            release.set()  # a failed test never leaves the held search waiting


async def test_letters_typed_in_an_input_do_not_fire_keys(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"quit?enw")
        assert isinstance(app.focused, Input)
        assert app.focused.value == "quit?enw"
        assert isinstance(app.screen, ReaderScreen)  # no help screen, still running
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleView)


async def test_malformed_query_shows_inline_error(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *'"unbalanced')
        await settle(pilot, times=6)
        status = reader(app).search_panel.query_one("#search-status").content
        assert "unbalanced quote" in str(status)


async def test_did_you_mean_and_enter_takes_it(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"balistic")
        await settle(pilot, times=6)
        panel = reader(app).search_panel
        assert panel.suggestion == "ballistic"
        await pilot.press("enter")
        await settle(pilot, times=6)
        assert panel.query_box.value == "ballistic" and len(panel.results) == 1


async def test_entity_query_opens_with_the_mentions_as_matches(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *'person:"Kim Jong Un"')
        await settle(pilot, times=6)
        await pilot.press("enter")
        await settle(pilot)
        assert len(reader(app).view.targets.spans) == 6  # type: ignore[union-attr]


async def test_untrusted_text_is_shown_literally(reader_library: Library, tmp_path: Path) -> None:
    evil_title = "Evil [bold red]title[/] \x1b]8;;http://x\x1b\\link"
    evil_body = (
        "Body with [link=http://x]markup[/link] and \x1b[2J\x1b[H escapes and \x07 bell "
        "and a clipboard write \x1b]52;c;ZXZpbA==\x07 here."
    )
    evil_file = tmp_path / "evil.txt"
    evil_file.write_text(f"{evil_title}\n\n{evil_body}\n", encoding="utf-8")
    with reader_library.writer() as writer:
        writer.add([str(evil_file)])
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reader(app).view
        assert reader(app).article.title.startswith("Evil [bold red]title[/]")  # type: ignore[union-attr]
        shown = [p.content.plain for p in view._paras]  # type: ignore[union-attr]
        assert shown == [
            "Body with [link=http://x]markup[/link] and \u241b[2J\u241b[H escapes and \u2407 bell "
            "and a clipboard write \u241b]52;c;ZXZpbA==\u2407 here."
        ]
        title_widget = view.query_one(".title")
        assert "[bold red]title[/]" in title_widget.content.plain  # type: ignore[union-attr]
        assert not any(
            span.style and "link" in str(span.style) for span in title_widget.content.spans
        )  # type: ignore[union-attr]
        await pilot.press("r")
        # The original, shown in paragraphs (so that n can scroll to a mention in it).
        raw = "\n\n".join(p.content.plain for p in view._paras)  # type: ignore[union-attr]
        assert "\x1b" not in raw and "\x07" not in raw
        assert "\u241b[2J" in raw and "[bold red]title[/]" in raw  # the original, shown literally


async def test_help_lists_every_binding(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {row.key for row in help_screen.rows}
        # Every binding of the app, the screen and the panes is there, with what it does.
        for owner in (NutgrafApp, ReaderScreen, ArticleView, EntityPane):
            for binding in owner.BINDINGS:
                assert isinstance(binding, Binding)
                what = binding.tooltip or binding.description
                assert what in {row.what for row in help_screen.rows}, (owner, binding.key)
        for expected in (
            "n",
            "N",
            "/",
            "e",
            "q",
            "?",
            "[",
            "]",
            "j",
            "k",
            "space",
            "b",
            "g",
            "G",
            "r",
            "c",
            "w",
            "tab",
            "shift+tab",
            "H / alt+left",
            "L / alt+right",
            "escape",
            "ctrl+p",
        ):
            assert any(expected == k or expected in k.split(" / ") for k in keys), expected
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


FERRIES = [
    {"title": "Ferry fares rise", "text": "Ferry operators raised fares in Korea."},
    {"title": "Ferry strike", "text": "Ferry crews went on strike."},
]
FERRIES_MORE = [
    {"title": "Ferry routes cut", "text": "Ferry routes to the islands were cut."},
    {"title": "Ferry sinks", "text": "A ferry sank off the coast; all were saved."},
]


async def test_a_bracket_after_a_new_search_opens_the_first_result(
    reader_library: Library, tmp_path: Path
) -> None:
    """] goes on from the article shown; when that is not in the list (a search typed but
    not opened), it opens the first result, not the second (and [ the last)."""
    add_stories(reader_library, tmp_path, FERRIES)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        app.open_article(next(a.id for a in reader_library.articles() if a.title == SEED_TITLE))
        await pilot.press("/", *"ferry", "escape")
        await settle(pilot)
        listed = [r.id for r in screen.search_panel.results]
        await pilot.press("right_square_bracket")
        assert screen.article.id == listed[0]  # type: ignore[union-attr]
        await pilot.press("right_square_bracket")
        assert screen.article.id == listed[1]  # type: ignore[union-attr]
        app.open_article(next(a.id for a in reader_library.articles() if a.title == SEED_TITLE))
        await pilot.press("left_square_bracket")
        assert screen.article.id == listed[-1]  # type: ignore[union-attr]


async def test_results_brackets_history_back_and_forward(
    reader_library: Library, tmp_path: Path
) -> None:
    add_stories(reader_library, tmp_path, FERRIES)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        start = next(a.id for a in reader_library.articles() if a.title == SEED_TITLE)
        app.open_article(start)
        await pilot.press("/", *"ferry", "enter")
        await settle(pilot)
        first = screen.article.id  # type: ignore[union-attr]
        await pilot.press("right_square_bracket")
        second = screen.article.id  # type: ignore[union-attr]
        assert first != second and {first, second} <= {r.id for r in screen.search_panel.results}
        await pilot.press("left_square_bracket")
        assert screen.article.id == first  # type: ignore[union-attr]
        # Back: first was revisited, so it is not listed twice (no ping-pong, item 15).
        await pilot.press("H")
        assert screen.article.id == second  # type: ignore[union-attr]
        await pilot.press("H")
        assert screen.article.id == start  # type: ignore[union-attr]
        await pilot.press("L", "L")
        assert screen.article.id == first  # type: ignore[union-attr]


async def test_library_mode_walks_mentions_across_articles(
    reader_library: Library, tmp_path: Path
) -> None:
    add_stories(
        reader_library,
        tmp_path,
        [
            {
                "title": "Summit in Vladivostok",
                "text": "Kim Jong Un met Russian officials. Kim spoke briefly.",
            },
        ],
    )
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("w")  # from the article pane
        await settle(pilot)
        assert screen.entity_pane.library_mode
        await pilot.press("e", *"Kim Jong", "enter")
        await settle(pilot, times=6)
        panel = screen.search_panel
        assert panel.query_box.value == 'person:"Kim Jong Un"'
        assert {r.title for r in panel.results} == {SEED_TITLE, "Summit in Vladivostok"}
        assert screen.walk is not None
        first_article = screen.article.id  # type: ignore[union-attr]
        count = len(screen.view.targets.spans)  # type: ignore[union-attr]
        for _ in range(count - 1):
            await pilot.press("n")
        assert screen.article.id == first_article  # type: ignore[union-attr]
        await pilot.press("n")  # past the last mention: on to the next article
        assert screen.article.id != first_article  # type: ignore[union-attr]
        assert screen.view.targets.index == 0 and screen.view.targets.place == "article 2/2"  # type: ignore[union-attr]
        await pilot.press("N")  # and back again, to the last mention there
        assert screen.article.id == first_article  # type: ignore[union-attr]
        assert screen.view.targets.index == count - 1  # type: ignore[union-attr]


async def test_toggles_colours_and_original(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reader(app).view
        styled = view._paras[0].content.spans  # type: ignore[union-attr]
        assert styled  # entities coloured
        await pilot.press("c")
        assert not view.show_entities and not view._paras[0].content.spans  # type: ignore[union-attr]
        await pilot.press("r")
        await settle(pilot)
        assert view.raw and view._paras[0].content.plain.startswith("HomeWorld News")  # type: ignore[union-attr]
        await pilot.press("r")
        assert not view.raw


async def test_narrow_terminal_folds_side_panes_into_one_column(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.has_class("-narrow")
        assert screen.entity_pane.display and not screen.search_panel.display
        await pilot.press("/")
        assert screen.search_panel.display and not screen.entity_pane.display
        await pilot.press("escape", "e")
        assert screen.entity_pane.display and not screen.search_panel.display


async def test_tab_cycles_panes(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("tab")
        assert app.focused is screen.entity_pane.option_list
        await pilot.press("tab")
        assert app.focused is screen.search_panel.option_list
        await pilot.press("tab")
        assert app.focused is screen.view
        await pilot.press("shift+tab")
        assert app.focused is screen.search_panel.option_list


async def test_articles_added_by_another_process_appear(
    reader_library: Library, tmp_path: Path
) -> None:
    app = NutgrafApp(reader_library, poll_interval=QUICK_POLL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = reader(app).search_panel
        assert "Late news" not in [r.title for r in panel.results]
        other = Library.open(reader_library.path)  # another writer, another connection
        add_stories(other, tmp_path, [{"title": "Late news", "text": "Something happened late."}])
        other.close()
        # Nothing is typed or pressed: only the reader's own check can bring it in.
        await until(pilot, lambda: "Late news" in [r.title for r in panel.results])


def test_giant_paragraph_is_shown_in_pieces_with_offsets_kept() -> None:
    from tui.targets import PIECE, paragraphs

    body = "Short first.\n\n" + ("word " * 3000).strip() + "\n\nLast."
    starts, texts = paragraphs(body)
    assert max(len(t) for t in texts) <= PIECE
    assert all(body[s : s + len(t)] == t for s, t in zip(starts, texts, strict=True))
    assert "".join(texts[1:-1]) == ("word " * 3000).strip()


async def test_damaged_index_shows_inline_and_palette_rebuild_repairs(
    reader_library: Library,
) -> None:
    next(reader_library.index_path.glob("*.trm")).unlink()
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"ballistic")
        await settle(pilot, times=6)
        panel = reader(app).search_panel
        assert "search index is damaged" in str(panel.query_one("#search-status").content)
        assert panel.results == []
        app.rebuild_index()
        await settle(pilot, times=8)
        panel.run_query("ballistic")
        await settle(pilot, times=6)
        assert [r.title for r in panel.results] == [SEED_TITLE]


@pytest.mark.slow
async def test_reader_stays_usable_while_another_process_adds(
    reader_library: Library, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    corpus = tmp_path / "incoming.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"title": f"Incoming {k}", "text": f"Incoming story {k} about ferries."})
            + "\n"
            for k in range(30)
        )
    )
    app = NutgrafApp(reader_library, poll_interval=QUICK_POLL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli.main",
                "--library",
                str(reader_library.path),
                "add",
                str(corpus),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        panel = reader(app).search_panel
        searches = 0
        while proc.poll() is None:
            await pilot.press("/", "ctrl+u", *"ballistic", "escape")
            await settle(pilot, times=4)
            assert [r.title for r in panel.results] == [
                SEED_TITLE
            ]  # answered while the writer works
            searches += 1
        assert proc.returncode == 0 and searches > 0
        await pilot.press("/", "ctrl+u", "escape")
        await until(pilot, lambda: panel.shown_query == "" and panel.total == 31)
        assert all(r.title.startswith("Incoming") for r in panel.results)  # the newest first
        await pilot.press("/", *"ferries")
        await settle(pilot, times=6)
        assert panel.total == 30


async def test_results_load_a_page_at_a_time_as_you_scroll(
    reader_library: Library, tmp_path: Path
) -> None:
    from tui.search_panel import PAGE

    count = 2 * PAGE + PAGE // 2  # two whole pages and part of a third
    add_stories(
        reader_library,
        tmp_path,
        [{"title": f"Ferry {k}", "text": f"Ferry story {k}."} for k in range(count)],
    )
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"ferry")
        await settle(pilot, times=6)
        panel = reader(app).search_panel
        assert panel.total == count and len(panel.results) == PAGE
        await pilot.press("down", "end")  # into the list, to its end
        await settle(pilot, times=6)
        assert len(panel.results) == 2 * PAGE
        await pilot.press("end")
        await settle(pilot, times=6)
        assert len(panel.results) == count
        assert len({r.id for r in panel.results}) == count  # no page twice


@pytest.mark.parametrize("query", ["", "ferry"])
async def test_a_burst_of_brackets_counts_every_press(
    reader_library: Library, tmp_path: Path, query: str
) -> None:
    """Issue 14 fault 1: ] ] ] pressed faster than the articles open moves three places
    (each press goes on from the one the last asked for, not the one shown)."""
    add_stories(reader_library, tmp_path, [*FERRIES, *FERRIES_MORE])
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        if query:
            await pilot.press("/", *query, "escape")
            await settle(pilot)
        listed = [r.id for r in screen.search_panel.results]
        app.open_article(listed[0])
        await settle(pilot)
        for _ in range(3):  # no pause between: none of them has opened its article yet
            screen.action_result(1)
        await settle(pilot)
        assert screen.article.id == listed[3]  # type: ignore[union-attr]
        for _ in range(2):
            screen.action_result(-1)
        await settle(pilot)
        assert screen.article.id == listed[1]  # type: ignore[union-attr]


async def test_a_removed_article_neither_strands_brackets_nor_stays_in_the_history(
    reader_library: Library, tmp_path: Path
) -> None:
    """Issue 14 fault 8: the article read is removed by another writer: [ and ] go on
    from where it stood in the library's order, and H / L skip it (one notice)."""
    add_stories(reader_library, tmp_path, [*FERRIES, *FERRIES_MORE])
    order = [a.id for a in reader_library.articles()]
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        for article_id in (order[0], order[1], order[2]):
            app.open_article(article_id)
        await settle(pilot)
        with reader_library.writer() as writer:  # as another process would
            writer.remove(order[2])
            writer.remove(order[1])
        screen.refresh_library()  # as the poll would: the list no longer has them
        await settle(pilot)
        assert order[2] not in [r.id for r in screen.search_panel.results]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.article.id == order[3]  # type: ignore[union-attr]
        app.open_article(order[4])
        await pilot.press("H")  # order[3]
        assert screen.article.id == order[3]  # type: ignore[union-attr]
        await pilot.press("H")  # past the two removed ones, at once
        assert screen.article.id == order[0]  # type: ignore[union-attr]
        assert order[1] not in screen.history.items and order[2] not in screen.history.items
