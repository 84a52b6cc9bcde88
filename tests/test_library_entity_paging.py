"""The library's entity list pages from the store at any size (issue 16, item 3; issue 11:
no cap): opening it, moving by page, End and Home, filtering and walking an entity read
a page at a time, never every entity of the library at once, and the count shown is the
true total.

The library here is synthetic (a hand-made analysis, as :mod:`tests.correction_library`
makes one): 3,000 entities in 150 articles, enough for many pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.library import Library
from index.model import LibraryEntity
from tests.correction_library import add_stories
from tests.test_reader import SIZE, reader, settle, until
from tui.app import NutgrafApp
from tui.entity_pane import EntityOption, EntityPane
from tui.library_listing import AHEAD, PAGE

ARTICLES, PER_ARTICLE = 150, 20
LABELS = ("PERSON", "ORG", "GPE")
_LETTERS = "bcdfghjklmnpqrstvwz"


def _name(n: int) -> str:
    """A made-up one-word name for entity ``n`` ("Babab" ...), unique and not a number."""
    word = ""
    for _ in range(4):
        n, rest = divmod(n, len(_LETTERS))
        word += _LETTERS[rest] + "aeiou"[rest % 5]
    return word.capitalize()


def _stories() -> dict[str, tuple[str, dict[str, str]]]:
    stories = {}
    for a in range(ARTICLES):
        names = {_name(a * PER_ARTICLE + k): LABELS[k % len(LABELS)] for k in range(PER_ARTICLE)}
        # Mentions differ by entity so that the order by mentions is not a tie.
        body = " ".join(f"{n} spoke." * (1 + k % 3) for k, n in enumerate(names))
        stories[f"Story {a}"] = (body.replace(".", ". "), names)
    return stories


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The synthetic library's folder (tests only read it)."""
    path = tmp_path_factory.mktemp("paging") / "lib"
    lib = Library.open(path)
    add_stories(lib, _stories())
    lib.close()
    yield path


class Reads:
    """Counts the rows each read of the library's entities asked the store for."""

    def __init__(self, lib: Library) -> None:
        self.limits: list[int | None] = []
        real = lib.library_entities

        def spy(*args: Any, **kwargs: Any) -> list[LibraryEntity]:
            self.limits.append(kwargs.get("limit"))
            return real(*args, **kwargs)

        lib.library_entities = spy  # type: ignore[method-assign]

    def bounded(self, rows: int) -> bool:
        """Every read asked for at most ``rows`` rows (and none for all of them)."""
        return bool(self.limits) and all(n is not None and n <= rows for n in self.limits)


def pane_of(app: NutgrafApp) -> EntityPane:
    return reader(app).entity_pane


def highlighted(pane: EntityPane) -> tuple[str, str] | None:
    option = pane.option_list.highlighted_option
    return (option.entity.name, option.entity.kind) if isinstance(option, EntityOption) else None


async def open_library_list(pilot: Any, pane: EntityPane) -> None:
    await settle(pilot)
    await pilot.press("w")
    await until(pilot, lambda: pane.listing.counts is not None and bool(pane.listing.rows))
    pane.option_list.focus()
    await settle(pilot, 1)


def everything(path: Path) -> list[LibraryEntity]:
    lib = Library.open(path)
    try:
        return lib.library_entities(order="articles", by_kind=True)
    finally:
        lib.close()


async def test_opening_reads_one_page_and_says_the_true_total(big_library: Path) -> None:
    """The list opens on its first page alone; the heading counts every entity."""
    lib = Library.open(big_library)
    reads = Reads(lib)
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        pane = pane_of(app)
        await open_library_list(pilot, pane)
        total = ARTICLES * PER_ARTICLE
        assert len(pane.listing.rows) == PAGE and pane.listing.more
        assert reads.bounded(PAGE + 1)
        heading = str(pane.listing.heading())
        assert f"{total:,} entities" in heading, heading
    lib.close()


async def test_end_reads_the_last_page_not_every_row_between(big_library: Path) -> None:
    """End goes to the last entity of the library by reading the last page only; Home
    goes back to the first."""
    rows = everything(big_library)
    lib = Library.open(big_library)
    reads = Reads(lib)
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        pane = pane_of(app)
        await open_library_list(pilot, pane)
        await pilot.press("end")
        await until(pilot, lambda: highlighted(pane) == (rows[-1].name, rows[-1].kind))
        assert len(pane.listing.rows) <= PAGE and not pane.listing.more
        assert pane.listing.start == len(rows) - len(pane.listing.rows)
        assert reads.bounded(PAGE + 1)
        await pilot.press("home")
        await until(pilot, lambda: highlighted(pane) == (rows[0].name, rows[0].kind))
        assert pane.listing.start == 0 and len(pane.listing.rows) == PAGE
        assert reads.bounded(PAGE + 1)
    lib.close()


async def test_moving_up_from_the_end_reads_the_page_before(big_library: Path) -> None:
    """Up from the end: near the top of the window the page before it is read, and the
    highlight stays on the entity it was on."""
    rows = everything(big_library)
    lib = Library.open(big_library)
    reads = Reads(lib)
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        pane = pane_of(app)
        await open_library_list(pilot, pane)
        await pilot.press("end")
        await until(pilot, lambda: pane.listing.start > 0 and not pane.listing.loading)
        start = pane.listing.start
        steps = len(pane.listing.rows) - AHEAD + 5  # into the top rows of the window
        for _ in range(steps):
            await pilot.press("up")
        await until(pilot, lambda: pane.listing.start < start and not pane.listing.loading)
        await settle(pilot, 1)
        want = rows[-1 - steps]
        assert highlighted(pane) == (want.name, want.kind)
        shown = [o.entity for o in pane.option_list.options if isinstance(o, EntityOption)]
        assert shown == rows[pane.listing.start : pane.listing.end]
        assert reads.bounded(PAGE + 1)
    lib.close()


async def test_page_down_reads_a_page_at_a_time(big_library: Path) -> None:
    """Paging down through the list reads the next page as the highlight nears the end
    of those loaded: the rows loaded stay within a page of where the highlight is."""
    lib = Library.open(big_library)
    reads = Reads(lib)
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        pane = pane_of(app)
        await open_library_list(pilot, pane)
        for _ in range(25):
            await pilot.press("pagedown")
        await settle(pilot, 1)
        at = pane.option_list.highlighted or 0
        assert PAGE < len(pane.listing.rows) <= at + 2 * PAGE
        assert len(pane.listing.rows) < ARTICLES * PER_ARTICLE
        assert reads.bounded(PAGE + 1)
    lib.close()


async def test_a_filter_is_matched_in_the_store_and_counted_truly(big_library: Path) -> None:
    """A filter reads its first page of matches and says how many match of how many."""
    lib = Library.open(big_library)
    matching = sum(lib.library_entity_counts(match="ce").values())
    reads = Reads(lib)
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        pane = pane_of(app)
        await open_library_list(pilot, pane)
        pane.filter_box.value = "ce"
        await until(pilot, lambda: pane.listing.match == "ce" and pane.listing.counts is not None)
        await settle(pilot, 1)
        assert PAGE < matching < ARTICLES * PER_ARTICLE
        assert f"{matching:,} of {ARTICLES * PER_ARTICLE:,}" in str(pane.listing.heading())
        assert len(pane.listing.rows) == PAGE and reads.bounded(PAGE + 1)
    lib.close()


async def test_an_entity_at_the_end_walks_to_its_mentions(big_library: Path) -> None:
    """Enter on the last entity (reached by End) opens an article that mentions it."""
    rows = everything(big_library)
    lib = Library.open(big_library)
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        pane = pane_of(app)
        await open_library_list(pilot, pane)
        await pilot.press("end")
        await until(pilot, lambda: highlighted(pane) == (rows[-1].name, rows[-1].kind))
        await pilot.press("enter")
        screen = reader(app)
        await until(pilot, lambda: screen.walk is not None and screen.article is not None)
        await settle(pilot)
        article = screen.article
        assert article is not None and rows[-1].name in article.body
    lib.close()
