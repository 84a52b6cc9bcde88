"""Expensive queries are bounded, explained, and can be given up on.

Prefix, wildcard and fuzzy words follow Lucene's bounds (see ``index.fulltext.expansion``):
at most 2 edits, no wildcard in the first 2 characters, the 50 closest terms of a
fuzzy word, at most 1,024 terms for a whole query (the most frequent, and a notice
says so). A search can be cancelled while it collects hits. Dates are real
dates, ``NOT NOT`` and unknown fields in any script are one-line errors.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from index.fulltext import expansion
from index.fulltext.query import MAX_QUERY
from index.library import Library
from tests.conftest import SEED_TITLE, CliResult

# Made-up words, so that nothing else in the library starts with "zy".
WORDS = ["zybal", "zybek", "zycon", "zydar", "zyfen", "zygol", "zyhem", "zykor", "zylun"]


@pytest.fixture
def lib(seeded: Library, tmp_path: Path) -> Library:
    """The seed, one story per word, and one more that has the last three words (so they
    are in two stories each, the others in one)."""
    records = [{"title": f"Story about {w}", "text": f"This story is about a {w}."} for w in WORDS]
    records.append({"title": "Zyhem, zykor, zylun", "text": "A zyhem, a zykor and a zylun."})
    records.append({"title": "Ferry news", "text": "The ferry kept its fares; ferries ran."})
    corpus = tmp_path / "words.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with seeded.writer() as writer:
        writer.add([str(corpus)], analyse=False)
    return seeded


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("korea~3", "korea~3: fuzzy words allow at most 2 edits (korea~2)"),
        ("korea~9", "korea~9: fuzzy words allow at most 2 edits"),
        ("?*", "?*: type at least 2 letters before * or ?"),
        ("*rea", "*rea: type at least 2 letters"),
        ("k*", "k*: type at least 2 letters"),
        ("k?rea", "k?rea: type at least 2 letters"),
        ("title:k*", "k*: type at least 2 letters"),
        ("date:2005-13", "month must be in 1..12"),
        ("date:2005-02-30", "day is out of range for month"),
        ("date:>2005-13", "month must be in 1..12"),
        ("date:2005-06-01T25", "hour must be in 0..23"),
        ("date:<", "date:< at column 6 needs a date after <"),
        ("korea date:>=", "date:>= at column 12 needs a date after >="),
        ("korea NOT NOT china", "NOT NOT at column 7"),
        ("título:korea", "unknown field 'título'"),
        ("日期:2005", "unknown field '日期'"),
    ],
)
def test_costly_or_malformed_queries_are_one_line_errors(
    lib: Library, query: str, message: str
) -> None:
    result = lib.search(query)
    assert result.error is not None and message in result.error, result.error
    assert "\n" not in result.error and result.hits == ()


@pytest.mark.parametrize("query", ["zy*", "zy?al", "korea~2", "korea~", "*", "date:2005-02-28"])
def test_queries_within_the_bounds_run(lib: Library, query: str) -> None:
    assert lib.search(query).error is None


def test_a_prefix_over_the_budget_searches_the_most_frequent_terms_and_says_so(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert lib.search("zy*").total == len(WORDS) + 1 and lib.search("zy*").notice is None
    monkeypatch.setattr(expansion, "MAX_EXPANSIONS", 6)  # title and body: 3 terms each
    result = lib.search("zy*")
    assert result.notice == (
        "zy* matches 9 words; searched the 3 most common (type more letters to narrow it)"
    )
    titles = sorted(h.title for h in result.hits)
    assert titles == [
        "Story about zyhem",
        "Story about zykor",
        "Story about zylun",
        "Zyhem, zykor, zylun",
    ]


def test_the_budget_is_shared_by_every_expanding_word(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(expansion, "MAX_EXPANSIONS", 8)  # 4 leaves (2 words x 2 fields): 2
    result = lib.search("zy* OR fe*")
    assert result.notice is not None and "zy* matches 9 words; searched the 2" in result.notice
    assert "fe*" not in result.notice  # ferry, ferri: within its share
    titles = sorted(h.title for h in result.hits)
    assert titles == ["Ferry news", "Story about zyhem", "Story about zykor", "Zyhem, zykor, zylun"]


def test_a_fuzzy_word_stands_for_its_closest_terms(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(lib.search("title:zybek~2").hits) > 1  # zybek, and zybal, zyhem... at 2 edits
    monkeypatch.setattr(expansion, "FUZZY_EXPANSIONS", 1)
    result = lib.search("title:zybek~2")
    assert [h.title for h in result.hits] == ["Story about zybek"]  # 0 edits beats 2
    assert result.notice is not None and "searched the 1 closest" in result.notice


def test_a_search_stops_when_cancelled(lib: Library) -> None:
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return True

    result = lib.search("zy*", cancelled=cancelled)
    assert result.cancelled and result.hits == () and asked
    assert lib.search("zy*", cancelled=lambda: False).total == len(WORDS) + 1


def test_fuzzy_and_prefix_matches_are_highlighted_in_the_body(lib: Library) -> None:
    hit = next(h for h in lib.search("zybex~1").hits if h.title == "Story about zybek")
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    assert {body[s:e] for s, e in hit.matches} == {"zybek"}
    seed = lib.search("ballis*").hits[0]
    assert seed.title == SEED_TITLE
    seed_body = lib.get(seed.id).body  # type: ignore[union-attr]
    assert {seed_body[s:e] for s, e in seed.matches} == {"ballistic"}


def test_a_too_long_query_is_quoted_cut(seeded: Library, cli: Callable[..., CliResult]) -> None:
    result = cli("--library", str(seeded.path), "search", "korea " * (MAX_QUERY // 5))
    assert result.code == 2
    line = result.err.strip()
    assert "\n" not in line and "query is too long" in line
    assert "korea korea" in line and "…" in line and len(line) < 200


def test_a_lone_star_is_every_article_and_field_star_is_refused(lib: Library) -> None:
    everything = lib.count()
    assert lib.search("*").total == everything
    assert lib.search("title:*").total == everything
    assert lib.search("* -zyfen").total == everything - 1
    assert lib.search("(* -zyfen) OR (* -zygol)").total == everything
    for field in ("source", "author", "person"):
        result = lib.search(f"{field}:*")
        assert result.error is not None and f"{field}:* would match any {field}" in result.error


def test_a_range_of_words_is_bounded_like_a_prefix(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = sorted(h.title for h in lib.search("title:[zybal to zycon]").hits)
    assert titles == ["Story about zybal", "Story about zybek", "Story about zycon"]
    assert [h.title for h in lib.search("title:{zybal to zycon}").hits] == ["Story about zybek"]
    monkeypatch.setattr(expansion, "MAX_EXPANSIONS", 2)
    result = lib.search("title:[zy to zz]")
    assert result.notice == (
        "[zy to zz] matches 9 words; searched the 2 most common (narrow the range)"
    )
