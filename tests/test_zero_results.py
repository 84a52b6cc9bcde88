"""A search that finds nothing says why: at the library API, in ``search --json`` and in
the reader's search panel."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import CliResult
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp

STORIES = [
    {
        "title": "Harbour strike ends",
        "date": "2004-03-01",
        "text": "Dock workers in Korea ended their strike after the port raised wages.",
    },
    {
        "title": "Ferry fares to rise",
        "text": "Ferry operators in Korea said fares would rise in the summer.",
    },
    {
        "title": "Market report",
        "text": "Banana prices fell at the market while ferry tickets stayed the same.",
    },
]


def add(lib: Library, folder: Path, stories: list[dict[str, str]]) -> None:
    corpus = folder / "stories.jsonl"
    corpus.write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    with lib.writer() as writer:
        writer.add([str(corpus)])


@pytest.fixture
def lib(seeded: Library, tmp_path: Path) -> Library:
    """The seed article (with its entities: Kim Jong Un, Vladimir Putin …) and three
    stories, one of them dated; no article has an author."""
    add(seeded, tmp_path, STORIES)
    return seeded


def notice(lib: Library, query: str) -> str | None:
    result = lib.search(query)
    assert result.error is None, result.error
    assert result.total == 0 and not result.hits
    return result.notice


def test_a_word_in_no_article(lib: Library) -> None:
    assert notice(lib, "xyzzy") == "no article contains 'xyzzy'"
    assert notice(lib, "korea xyzzy plugh") == "no article contains 'xyzzy', 'plugh'"
    assert notice(lib, "title:wages") == "no title contains 'wages'"


def test_a_misspelled_word_says_so_and_suggests(lib: Library) -> None:
    result = lib.search("wagse")
    assert result.notice == "no article contains 'wagse'"
    assert result.suggestion == "wages"


def test_words_that_are_never_together(lib: Library) -> None:
    assert notice(lib, "korea banana") == (
        "each word is in the library, but no article has them all: korea 3, banana 1"
    )


def test_a_phrase_whose_words_are_never_in_that_order(lib: Library) -> None:
    assert notice(lib, '"fares ferry"') == (
        'the words of "fares ferry" are each in the library, but never in that order'
    )


def test_a_date_query_on_articles_without_dates(lib: Library) -> None:
    message = notice(lib, "date:1999")
    assert message is not None
    assert message.startswith("3 of 4 articles have no date; dated articles run from 2004-03-01")


def test_a_date_query_on_a_library_without_dates(library: Library, tmp_path: Path) -> None:
    add(library, tmp_path, [{k: v for k, v in s.items() if k != "date"} for s in STORIES])
    assert notice(library, "date:2004 korea") == "no article in the library has a date"


def test_a_date_range_outside_the_dated_articles(library: Library, tmp_path: Path) -> None:
    add(library, tmp_path, [{**s, "date": "2004-03-01"} for s in STORIES])
    assert notice(library, "date:1999") == (
        "no article is dated in that range; dated articles run from 2004-03-01 to 2004-03-01"
    )
    assert notice(library, "date:2004 xyzzy") == "no article contains 'xyzzy'"


def test_an_unknown_entity_name(lib: Library) -> None:
    assert notice(lib, "person:xyz") == "no person named 'xyz' in the library"
    assert notice(lib, "person:putim") == (
        "no person named 'putim' in the library (closest: 'putin')"
    )
    assert notice(lib, "korea place:atlantis").startswith("no place named 'atlantis'")  # type: ignore[union-attr]


def test_a_field_that_holds_nothing(lib: Library) -> None:
    assert notice(lib, "author:smith") == "no article has an author"


def test_an_exclusion_is_not_explained_by_counting_its_parts(lib: Library) -> None:
    assert notice(lib, "korea NOT korea") is None


def test_malformed_and_empty_queries_keep_their_own_message(lib: Library) -> None:
    broken = lib.search("korea AND")
    assert broken.error and broken.notice is None
    assert notice(lib, "...") == "no word to search for in this query"


def test_a_search_that_finds_something_has_no_notice(lib: Library) -> None:
    result = lib.search("korea")
    assert result.total == 3 and result.notice is None


def test_search_json_carries_the_notice(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = str(tmp_path / "lib")
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("\n".join(json.dumps(s) for s in STORIES) + "\n", encoding="utf-8")
    assert cli("--library", path, "add", str(corpus)).code == 0
    found = cli("--library", path, "search", "korea", "--json").json()
    assert found["total"] == 2 and found["notice"] is None  # type: ignore[index]
    empty = cli("--library", path, "search", "korea banana", "--json").json()
    assert empty["total"] == 0  # type: ignore[index]
    assert empty["notice"] == (  # type: ignore[index]
        "each word is in the library, but no article has them all: korea 2, banana 1"
    )
    shown = cli("--library", path, "search", "author:smith")
    assert "no article has an author" in shown.out and "0 results" in shown.out


async def test_the_search_panel_shows_why_nothing_was_found(lib: Library) -> None:
    app = NutgrafApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *"person:xyz")
        await settle(pilot)
        status = str(app.reader.search_panel.query_one("#search-status").content)
        assert "0 results" in status
        assert "no person named 'xyz' in the library" in status
