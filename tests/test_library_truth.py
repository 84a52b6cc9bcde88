"""The library tells the truth (issue 14, items 1-3): every entity reachable, one
newest-first order, and the numbers shown are the ones that order the list.

Libraries here are staged straight into the store with hand-made entities (no
model, no index): what is tested is the store's answers and the reader's lists.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.article import Article
from index.entities.entity import Entity
from index.library import Library
from index.storage.order import order_key
from tests.test_reader import reader, settle, until
from tui.app import NutgrafApp
from tui.entity_pane import EntityOption, EntityPane
from tui.hanging import Hanging
from tui.library_listing import PAGE
from tui.search_panel import PAGE as RESULTS_PAGE

SIZE = (120, 40)


def story(title: str, published: str | None = None, added: str = "2026-01-01T00:00:00") -> Article:
    body = f"{title}. A story."
    return Article(
        title=title,
        body=body,
        original=body.encode(),
        published=published,
        ingested_at=added,
        origin=f"/stories/{title}",
    )


def person(name: str, mentions: int, kind: str = "person", label: str = "PERSON") -> Entity:
    return Entity(name, label, kind, (), tuple((0, 1) for _ in range(mentions)))


def stage(lib: Library, rows: list[tuple[Article, list[Entity]]]) -> list[str]:
    """Put ``rows`` in the store as live articles; their ids, in order."""
    lib.store.stage(rows, [(a.origin or "", a.id) for a, _ in rows], [], [])
    lib.store.finish([a.id for a, _ in rows], [])
    return [a.id for a, _ in rows]


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library  # type: ignore[misc]
    library.close()


def option_names(pane: EntityPane) -> list[str]:
    return [o.entity.name for o in pane.option_list.options if isinstance(o, EntityOption)]


def heading(pane: EntityPane) -> str:
    return str(pane.query_one("#entity-mode").render())  # type: ignore[attr-defined]


# -- item 1: every entity reachable -------------------------------------------

#: More entities than the old cap (2,000) and than ten of the pane's pages.
MANY = 2100


@pytest.fixture
def crowded(lib: Library) -> Library:
    """MANY people with 2 mentions each, then Citibank (1 mention): last in every order
    by counts, so any cap leaves it out."""
    people = [person(f"Person {k:04}", 2) for k in range(MANY)]
    rows = [(story(f"Crowd {k}"), people[k::10]) for k in range(10)]
    rows.append((story("Bank story"), [person("Citibank", 1, "org", "ORG")]))
    stage(lib, rows)
    return lib


async def test_a_filter_finds_an_entity_past_any_page(crowded: Library) -> None:
    """Item 1: the filter asks the store, so an entity beyond the loaded rows is found;
    one that matches nothing is said so."""
    assert MANY > PAGE
    app = NutgrafApp(crowded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = reader(app).entity_pane
        await pilot.press("w")
        await until(pilot, lambda: pane.listing.counts is not None)
        assert f"{MANY + 1:,} entities" in heading(pane)  # the total, no silent cap
        assert len(pane.library_items) == PAGE  # a page, not everything
        await pilot.press("e", *"CITIBANK")  # folded: case aside
        await until(pilot, lambda: option_names(pane) == ["Citibank"])
        assert "1 of 2,101" in heading(pane)
        await pilot.press("x")
        await until(pilot, lambda: pane.listing.counts == {})
        prompts = [str(o.prompt) for o in pane.option_list.options]
        assert prompts == ["no entity matches 'CITIBANKx'"]


async def test_scrolling_loads_every_entity_to_the_last(crowded: Library) -> None:
    """Item 1: End reaches the last entity of the library (issue 16: by reading the last
    page, not every row before it), each row listed once."""
    app = NutgrafApp(crowded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = reader(app).entity_pane
        await pilot.press("w")
        await until(pilot, lambda: pane.listing.counts is not None)
        pane.option_list.focus()
        for _ in range(MANY // PAGE + 2):
            await pilot.press("end")
            await settle(pilot, times=1)
        assert pane.listing.end == MANY + 1 and len(pane.library_items) <= 2 * PAGE
        assert option_names(pane)[-1] == "Citibank"
        assert len(set(option_names(pane))) == len(option_names(pane))  # no row twice


async def test_scrolling_with_the_wheel_loads_the_next_page(crowded: Library) -> None:
    """Item 1: scrolling the list (not moving the highlight) to its end loads more."""
    app = NutgrafApp(crowded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = reader(app).entity_pane
        await pilot.press("w")
        await until(pilot, lambda: pane.listing.counts is not None)
        await until(pilot, lambda: pane.option_list.max_scroll_y > 0)  # laid out
        pane.option_list.scroll_end(animate=False, immediate=True)
        await until(pilot, lambda: len(pane.library_items) > PAGE, tries=300)


def test_library_entities_filter_and_page_in_the_store(crowded: Library) -> None:
    """Item 1: the store filters (folded, name or alias) and pages."""
    first = crowded.library_entities(limit=5, by_kind=True)
    second = crowded.library_entities(limit=5, offset=5, by_kind=True)
    names = {e.name for e in first}
    assert len(first) == len(second) == 5 and not names & {e.name for e in second}
    assert [e.name for e in crowded.library_entities(match="cítíbank")] == ["Citibank"]
    assert crowded.library_entity_counts(match="citibank") == {"org": 1}
    assert sum(crowded.library_entity_counts().values()) == MANY + 1


# -- item 3: numbers match their order -------------------------------------------


@pytest.fixture
def counted(lib: Library) -> Library:
    """Ann: 3 articles, 3 mentions. Bob: 1 article, 10 mentions. Cy: 2 articles, 2."""
    stage(
        lib,
        [
            (story("One"), [person("Ann", 1), person("Bob", 10), person("Cy", 1)]),
            (story("Two"), [person("Ann", 1), person("Cy", 1)]),
            (story("Three"), [person("Ann", 1)]),
        ],
    )
    return lib


async def test_library_entities_show_both_numbers_sorted_by_the_one_said(counted: Library) -> None:
    """Item 3: rows show articles and mentions; the header says which orders the list,
    and s goes round articles, mentions and name, from the article too."""
    app = NutgrafApp(counted)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = reader(app).entity_pane
        await pilot.press("w")
        await until(pilot, lambda: pane.listing.counts is not None)
        assert "▾articles · mentions" in heading(pane) and pane.border_subtitle == "by articles · s"
        assert option_names(pane) == ["Ann", "Cy", "Bob"]
        bob = next(o for o in pane.option_list.options if "Bob" in str(o.prompt))
        assert isinstance(bob.prompt, Hanging) and bob.prompt.plain.startswith("   1 · 10")
        reader(app).view.focus()  # s sorts them wherever the focus is (not only in the list)
        await pilot.press("s")
        await until(pilot, lambda: option_names(pane) == ["Bob", "Ann", "Cy"])
        assert "articles · ▾mentions" in heading(pane) and "by mentions" in pane.border_subtitle
        await pilot.press("s")
        await until(pilot, lambda: option_names(pane) == ["Ann", "Bob", "Cy"])
        assert "▾name" in heading(pane)


async def test_s_says_the_new_order_when_the_list_is_not_shown(counted: Library) -> None:
    """Item 3 at 60 columns (one pane at a time): s from the article sorts the library's
    entities, which are out of sight, so a notice says by what."""
    app = NutgrafApp(counted)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        pane = reader(app).entity_pane
        await pilot.press("w")
        await until(pilot, lambda: pane.listing.counts is not None)
        await pilot.press("escape")  # the article again, the list out of sight
        await settle(pilot)
        assert not pane.region.area
        await pilot.press("s")
        await until(pilot, lambda: option_names(pane) == ["Bob", "Ann", "Cy"])
        notes = [n.message for n in app._notifications]
        assert "The library's entities: by mentions" in notes, notes


# -- item 2: newest first means newest --------------------------------------------

#: (title, published, added), in the order expected, newest first.
DATED = [
    ("Late on the 5th in California", "2024-03-05T23:30:00-08:00", "2026-01-01T00:00:00"),
    ("Morning of the 6th in Athens", "2024-03-06T08:00:00+02:00", "2026-01-01T00:00:01"),
    ("The 6th, no time", "2024-03-06", "2026-01-01T00:00:02"),
    ("New Year, added later", "2024-01-01", "2026-01-03T00:00:00"),
    ("New Year, added first", "2024-01-01", "2026-01-02T00:00:00"),
    ("Undated, added last", None, "2026-11-30T00:00:00"),
    ("Undated, added before", None, "2026-01-05T00:00:00"),
]


def test_order_key_applies_offsets_and_takes_a_day_as_its_start() -> None:
    """Item 2: the rule of index/storage/order.py."""
    assert order_key("2024-03-05T23:30:00-08:00") == "2024-03-06T07:30:00"
    assert order_key("2024-03-05T23:30:00-08:00") > order_key("2024-03-06T08:00:00+02:00")  # type: ignore[operator]
    assert order_key("2024-03-06T00:00:00") > order_key("2024-03-06")  # type: ignore[operator]
    assert order_key(None) is None and order_key("soon") is None


@pytest.fixture
def dated(lib: Library) -> list[str]:
    """The DATED articles, staged in a shuffled order; their ids in the expected order."""
    articles = [story(t, p, a) for t, p, a in DATED]
    stage(lib, [(articles[i], []) for i in (5, 2, 0, 6, 3, 1, 4)])
    return [a.id for a in articles]


def test_the_library_lists_dated_articles_by_date_then_the_undated(
    lib: Library, dated: list[str]
) -> None:
    """Item 2: dated by their instant (offsets applied), a day alone after that day's
    times, same dates by when they were added; the undated after every dated one."""
    assert [a.id for a in lib.articles()] == dated
    assert [a.id for a in lib.articles(limit=2, offset=4)] == dated[4:6]
    twins = stage(
        lib, [(story(f"Twin {k}", "2024-01-01", "2026-01-01T12:00:00"), []) for k in (1, 2)]
    )
    listed = [a.id for a in lib.articles()]
    assert listed[4:7] == [dated[4], *sorted(twins)]  # same date, same time added: by id
    for place, article_id in enumerate(listed):
        after = lib.neighbour(article_id, 1)
        before = lib.neighbour(article_id, -1)
        assert (after.id if after else None) == [*listed, None][place + 1]
        assert (before.id if before else None) == [None, *listed][place]
    assert lib.neighbour(listed[0], 3).id == listed[3]  # type: ignore[union-attr]


async def test_the_reader_lists_the_library_in_its_order_with_dates(
    lib: Library, dated: list[str]
) -> None:
    """Item 2: the article list follows that order and every row says its date or
    that it has none; ] and [ go on from the article shown."""
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        panel = screen.search_panel
        assert [r.id for r in panel.results] == dated
        dates = [o.prompt.plain.splitlines()[1] for o in panel.option_list.options]  # type: ignore[union-attr]
        assert dates[0] == "2024-03-05" and dates[2] == "2024-03-06"
        assert dates[-2:] == ["undated", "undated"]
        app.open_article(dated[2])
        await pilot.press("right_square_bracket")
        assert screen.article.id == dated[3]  # type: ignore[union-attr]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.article.id == dated[1]  # type: ignore[union-attr]


async def test_brackets_go_on_from_an_article_not_yet_listed(lib: Library) -> None:
    """Item 2: ] from an article beyond the loaded page opens the one after it in the
    library's order, not the first of the list."""
    count = RESULTS_PAGE + 5
    ids = stage(
        lib, [(story(f"Day {d:02}", f"2024-01-{d:02}"), []) for d in range(count, 0, -1)]
    )  # newest first
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert len(screen.search_panel.results) == RESULTS_PAGE
        app.open_article(ids[RESULTS_PAGE + 2])
        await pilot.press("right_square_bracket")
        assert screen.article.id == ids[RESULTS_PAGE + 3]  # type: ignore[union-attr]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.article.id == ids[RESULTS_PAGE + 1]  # type: ignore[union-attr]


def test_an_older_store_is_given_the_order_and_the_entity_counts(
    lib: Library, dated: list[str]
) -> None:
    """Items 1-3: a store made before schema 6 (no order keys, no counted entities) is
    upgraded when opened, keeping both right."""
    stage(lib, [(story("Counted"), [person("Ann", 2)])])
    path = lib.store.path
    lib.close()
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP INDEX articles_order; ALTER TABLE articles DROP COLUMN sort_key;"
        " DROP TABLE entity_totals; PRAGMA user_version = 5;"
    )
    conn.close()
    again = Library.open(path.parent)
    try:
        assert [a.id for a in again.articles() if a.title != "Counted"] == dated
        assert [(e.name, e.articles, e.mentions) for e in again.library_entities()] == [
            ("Ann", 1, 2)
        ]
    finally:
        again.close()


def test_entity_counts_follow_articles_added_replaced_and_removed(lib: Library) -> None:
    """Items 1 and 3: the counts kept as articles come and go are those counted afresh."""
    one, two = story("One"), story("Two")
    stage(lib, [(one, [person("Ann", 2), person("Bob", 1)]), (two, [person("ANN", 3)])])
    assert [(e.name, e.articles, e.mentions) for e in lib.library_entities()] == [
        ("Ann", 2, 5),  # the greatest written form
        ("Bob", 1, 1),
    ]
    stage(lib, [(one, [person("Cy", 4)])])  # analysed again: Ann and Bob gone from it
    lib.store.remove(two.id)
    lib.store.finish([], [two.id])
    kept = [(e.name, e.kind, e.articles, e.mentions) for e in lib.library_entities()]
    assert kept == [("Cy", "person", 1, 4)]
    lib.store.recount_entities()
    assert [(e.name, e.kind, e.articles, e.mentions) for e in lib.library_entities()] == kept
