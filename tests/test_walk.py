"""The library walk's decisions (tui/walk.py), without Textual: order, wrapping, starting."""

from __future__ import annotations

from tui.walk import Walk

QUERY = 'person:"Kim Jong Un"'


def walk(*ids: str) -> Walk:
    return Walk("Kim Jong Un", "person", QUERY, list(ids))


def test_walks_in_the_listed_order_then_the_articles_not_listed_yet() -> None:
    w = walk("a", "b", "c", "d")
    w.follow(QUERY, ["c", "x", "a", "c"])  # "x" is not in the walk; "c" is listed twice
    assert w.ids == ["c", "a", "b", "d"]
    w.follow(QUERY, ["d", "c", "a", "b"])  # a later list (another page, a refresh) reorders
    assert w.ids == ["d", "c", "a", "b"]


def test_results_of_another_query_change_nothing() -> None:
    w = walk("a", "b")
    assert w.follow("ferry", ["b", "a"]) is None
    assert w.ids == ["a", "b"] and not w.started


def test_starts_once_at_the_first_listed_article() -> None:
    w = walk("a", "b", "c")
    assert w.follow(QUERY, ["b", "c", "a"]) == "b"
    assert w.started
    assert w.follow(QUERY, ["c", "b", "a"]) is None  # a later list does not open anything
    assert w.ids == ["c", "b", "a"]


def test_an_empty_walk_never_starts_and_goes_nowhere() -> None:
    w = walk()
    assert w.follow(QUERY, ["a"]) is None and not w.started and w.ids == []
    assert w.next_article("a", 1) is None
    assert w.step("a", 1, 0, 0) is None


def test_next_and_previous_article_wrap_at_both_ends() -> None:
    w = walk("a", "b", "c")
    assert [w.next_article(i, 1) for i in ("a", "b", "c")] == ["b", "c", "a"]
    assert [w.next_article(i, -1) for i in ("a", "b", "c")] == ["c", "a", "b"]


def test_an_article_not_in_the_walk_goes_to_its_first_or_last() -> None:
    w = walk("a", "b", "c")
    assert w.next_article("x", 1) == "a"
    assert w.next_article("x", -1) == "c"


def test_a_walk_of_one_article_stays_in_it() -> None:
    w = walk("a")
    assert w.next_article("a", 1) is None and w.next_article("a", -1) is None
    assert w.next_article("x", -1) == "a"


def test_n_leaves_the_article_only_past_its_last_mention() -> None:
    w = walk("a", "b")
    assert [w.step("a", 1, i, 3) for i in range(3)] == [None, None, "b"]
    assert w.step("b", 1, 2, 3) == "a"  # wraps to the first article


def test_shift_n_leaves_the_article_only_before_its_first_mention() -> None:
    w = walk("a", "b")
    assert [w.step("b", -1, i, 3) for i in range(3)] == ["a", None, None]
    assert w.step("a", -1, 0, 3) == "b"  # wraps to the last article


def test_an_article_without_the_entity_moves_on_at_once() -> None:
    w = walk("a", "b")
    assert w.step("a", 1, 0, 0) == "b"
    assert w.step("a", -1, 0, 0) == "b"
