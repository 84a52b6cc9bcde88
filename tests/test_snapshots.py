"""SVG snapshots of the key screens (update with `uv run pytest --snapshot-update`)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from index.library import Library, Provenance
from tui.app import NutgrafApp


@pytest.fixture(autouse=True)
def _same_provenance(monkeypatch: pytest.MonkeyPatch) -> None:
    """The header's source line names the checkout's folder and the day the seed was
    added; a snapshot shows the same line on every machine and every day."""
    line = Provenance(
        url=None, file="seeds/000_008703d0173937b4.txt", record=None, added="2025-11-30"
    )
    monkeypatch.setattr("tui.article_view.provenance", lambda article: line)


async def steady(pilot: Pilot[None]) -> None:
    """No blinking cursors, all searches done."""
    for widget in pilot.app.query(Input):
        widget.cursor_blink = False
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.15)


class TestMainScreen:
    def test_wide(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """The seed at 120x40 with Lee Jongkyu's second mention current."""

        async def run_before(pilot: Pilot[None]) -> None:
            await steady(pilot)
            await pilot.press("e", *"Lee Jon", "enter", "n")
            await steady(pilot)

        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(120, 40), run_before=run_before
        )

    def test_narrow(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """At 80x24 the side panes share one column; here the search results."""

        async def run_before(pilot: Pilot[None]) -> None:
            await steady(pilot)
            await pilot.press("/", *"ballistic", "enter")
            await steady(pilot)

        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(80, 24), run_before=run_before
        )


class TestHelpScreen:
    def test_help(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """? lists every key."""

        async def run_before(pilot: Pilot[None]) -> None:
            await steady(pilot)
            await pilot.press("question_mark")
            await steady(pilot)

        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(120, 40), run_before=run_before
        )


class TestFitsAnyTerminal:
    """Issue 14, items 9, 10 and 12: the reader at four sizes, after a search and with
    an entity chosen, so every pane has content (the one-pane layout shows the article)."""

    @staticmethod
    async def searched_and_chosen(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await pilot.press("/", *"ballistic", "enter")
        await steady(pilot)
        await pilot.press("e", *"Korea Dev", "enter", "n")
        await steady(pilot)

    def test_60x20(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """One pane at a time: the article, its heavy border and position."""
        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(60, 20), run_before=self.searched_and_chosen
        )

    def test_60x20_search_in_front(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """One pane at a time: tab brings the search results over the whole width."""

        async def run_before(pilot: Pilot[None]) -> None:
            await self.searched_and_chosen(pilot)
            await pilot.press("tab", "tab")  # the entities, then the results (no cursor)
            await steady(pilot)

        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(60, 20), run_before=run_before
        )

    def test_80x24(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """One side column (the entities, a wrapped row hanging under its name)."""
        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(80, 24), run_before=self.searched_and_chosen
        )

    def test_105x40(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """Under 110 columns one side column: nothing runs off the right edge."""
        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(105, 40), run_before=self.searched_and_chosen
        )

    def test_160x50(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """Three panes, the side panes wider than their least."""
        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(160, 50), run_before=self.searched_and_chosen
        )


class TestHelpFits:
    def test_help_80x24(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        """Issue 14, item 11: the help at 80x24, how to close it on its first line."""

        async def run_before(pilot: Pilot[None]) -> None:
            await steady(pilot)
            await pilot.press("question_mark")
            await steady(pilot)

        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(80, 24), run_before=run_before
        )


class TestKeep:
    """Issue 15, item 2: the user's highlight in its own colour (under the chosen entity's
    mentions), and the star and tags in the header and on the article's row."""

    def test_highlight_star_and_tags(self, reader_library: Library, snap_compare) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot[None]) -> None:
            aid = reader_library.articles()[0].id
            reader_library.keep.star(aid)
            reader_library.keep.tag(aid, ["followup", "korea"])
            reader_library.keep.note(aid, "why?", quote="bet on Russia")
            await steady(pilot)
            await pilot.press("e", *"Lee Jon", "enter", "h")
            await steady(pilot)
            pilot.app.clear_notifications()
            await steady(pilot)

        assert snap_compare(
            NutgrafApp(reader_library), terminal_size=(120, 40), run_before=run_before
        )


class TestSavedSearches:
    """Issue 15 item 4: W lists the saved searches with their totals and new matches, and
    the search panel's border carries the badge."""

    def test_saved_searches_80x24(  # type: ignore[no-untyped-def]
        self, reader_library: Library, tmp_path, snap_compare
    ) -> None:
        """Two saved searches, one with a new match: its toast, the badge on the search
        panel, and the list."""
        from tests.test_watch import add_stories

        reader_library.watches.add("Korea", "korea")
        reader_library.watches.add("Putin", "person:Putin")
        add_stories(reader_library, tmp_path, "late", ["Korea tests another missile."])

        async def run_before(pilot: Pilot[None]) -> None:
            await steady(pilot)
            reader = pilot.app.reader  # type: ignore[attr-defined]
            for _ in range(100):  # the first count of the saved searches, after start
                if reader.watch_told:
                    break
                await pilot.pause(0.05)
            await pilot.press("slash", "escape")  # the search panel (and its badge) in front
            await steady(pilot)
            await pilot.press("W")
            await steady(pilot)

        app = NutgrafApp(reader_library, open_id=reader_library.articles()[-1].id)
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
