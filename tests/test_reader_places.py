"""The reader's lists keep their place: another writer's add (issue 14 fault 2) and End in
the library's entity list (fault 11)."""

from __future__ import annotations

from pathlib import Path

from index.library import Library
from index.model import LibraryEntity
from tests.test_reader import QUICK_POLL, SIZE, add_stories, reader, settle, until
from tui.app import NutgrafApp
from tui.entity_pane import EntityOption, EntityPane
from tui.search_panel import ResultOption

PEOPLE = [
    "Gordon Brown", "Tony Blair", "Jack Straw", "Alan Johnson", "David Blunkett",
    "Charles Kennedy", "Michael Howard", "John Prescott", "Robin Cook", "Clare Short",
]  # fmt: skip


def stories(first: int, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"Story {k}",
            "text": f"{PEOPLE[k % len(PEOPLE)]} spoke in Leeds on day {k}. "
            f"{PEOPLE[(k + 3) % len(PEOPLE)]} answered.",
        }
        for k in range(first, first + count)
    ]


def highlighted_entity(app: NutgrafApp) -> tuple[str, str] | None:
    option = reader(app).entity_pane.option_list.highlighted_option
    return (option.entity.name, option.entity.kind) if isinstance(option, EntityOption) else None


async def test_another_writers_add_keeps_both_lists_in_place(
    reader_library: Library, tmp_path: Path
) -> None:
    """Scrolled down both lists (the library's entities, the library's articles), an add by
    another writer updates them without sending them back to the top: the highlight stays
    on the same entity (name and kind) and the same article (id)."""
    add_stories(reader_library, tmp_path, stories(0, 30))
    app = NutgrafApp(reader_library, poll_interval=QUICK_POLL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        panel, pane = screen.search_panel, screen.entity_pane
        panel.option_list.focus()
        await pilot.press(*["down"] * 25)
        article = panel.option_list.highlighted_option
        assert isinstance(article, ResultOption)
        await pilot.press("w")
        await settle(pilot)
        pane.option_list.focus()
        await pilot.press(*["down"] * 30)
        entity = highlighted_entity(app)
        assert entity is not None
        assert panel.option_list.scroll_y > 0 and pane.option_list.scroll_y > 0
        count = panel.total
        other = Library.open(reader_library.path)  # another writer, another connection
        (tmp_path / "later").mkdir()
        add_stories(other, tmp_path / "later", stories(30, 3))
        other.close()
        await until(pilot, lambda: panel.total == count + 3)  # the poll's doing
        await settle(pilot)
        assert panel.option_list.highlighted_option.id == article.id  # type: ignore[union-attr]
        assert highlighted_entity(app) == entity
        assert panel.option_list.scroll_y > 0 and pane.option_list.scroll_y > 0


async def test_end_in_the_library_entity_list_goes_to_the_true_end(
    reader_library: Library,
) -> None:
    """End (or G) goes to the last of all the library's entities, not of the page loaded."""
    everything = reader_library.library_entities(order="articles", by_kind=True)
    last = (everything[-1].name, everything[-1].kind)
    for key in ("end", "G"):
        app = NutgrafApp(reader_library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            pane = reader(app).entity_pane
            pane.listing.page = 5  # many pages of the seed's entities
            await pilot.press("w")
            await settle(pilot)
            assert len(pane.listing.rows) < len(everything)  # pages load near the end
            pane.option_list.focus()
            await pilot.press(key)
            await settle(pilot)
            # The last page is read, not every row before it (tests/test_library_entity_paging)
            assert pane.listing.end == len(everything) and not pane.listing.more
            assert highlighted_entity(app) == last, key


async def test_a_walk_has_only_the_articles_of_the_chosen_kind(reader_library: Library) -> None:
    """Issue 14 fault 3: the seed's Kim Jong Un is a person; a walk of a place of that name
    (as a row of another kind would start) has its own articles only, as its search."""
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        for kind, found in (("place", 0), ("person", 1)):
            entity = LibraryEntity("Kim Jong Un", kind, kind.upper(), found, found)
            screen.entity_pane.post_message(EntityPane.LibraryEntitySelected(entity))
            await settle(pilot)
            assert screen.walk is not None and len(screen.walk.ids) == found, kind
            assert screen.search_panel.total == found, kind
