"""Review fault 12 of issue 15: a date given only to the month or the year (a corpus's
``date``, Markdown front matter) is kept as given, takes its place in the library's
order (the start of that month or year), is found by ``date:`` and is cited as
``March 2024`` / ``2024`` (it was stored as undated)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from index.article import Article
from index.readers.dates import parse_date, to_datetime
from index.readers.dispatch import read_input
from index.readers.sources import file_input
from index.storage.order import order_key
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
BODY = "The council met on Monday and passed the harbour budget after a long debate."


@pytest.mark.parametrize(
    ("given", "kept"),
    [("2024-03", "2024-03"), ("2024", "2024"), (2024, "2024"), (" 1999-12 ", "1999-12")],
)
def test_a_month_or_a_year_alone_is_kept_as_given(given: object, kept: str) -> None:
    assert parse_date(given, reduced=True) == kept


@pytest.mark.parametrize("given", ["2024-13", "2024-00", "24", "0999", True, 20240])
def test_what_is_not_a_month_or_year_is_not_kept(given: object) -> None:
    assert parse_date(given, reduced=True) is None


def test_a_paragraph_reading_2024_is_still_not_a_date() -> None:
    assert parse_date("2024") is None  # outside a date field (furniture, bylines)


def test_a_reduced_date_is_searched_and_ordered_as_its_start() -> None:
    assert str(to_datetime("2024-03")) == "2024-03-01 00:00:00"
    assert str(to_datetime("2024")) == "2024-01-01 00:00:00"
    keys = {
        p: order_key(p)
        for p in (
            "2024-04-01",
            "2024-03-31T23:00:00",
            "2024-03-01",
            "2024-03",
            "2024",
            "2023-12-31",
        )
    }
    newest_first = sorted(keys, key=lambda p: keys[p] or "", reverse=True)
    assert newest_first == [
        "2024-04-01",
        "2024-03-31T23:00:00",
        "2024-03-01",
        "2024-03",
        "2024",
        "2023-12-31",
    ]


def test_json_lines_and_front_matter_keep_a_month_or_a_year(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {"title": "One", "text": BODY, "date": "2024-03"},
        {"title": "Two", "text": BODY + " Two.", "date": 2023},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    got = [a.published for a in read_input(file_input(corpus)) if isinstance(a, Article)]
    assert got == ["2024-03", "2023"]
    for front, kept in (('"2024"', "2024"), ("2024-03", "2024-03")):
        page = tmp_path / f"page{kept}.md"
        page.write_text(f"---\ntitle: A page\ndate: {front}\n---\n\n{BODY}\n", encoding="utf-8")
        (article,) = [a for a in read_input(file_input(page)) if isinstance(a, Article)]
        assert article.published == kept


def test_cite_list_and_date_queries_with_a_month_only_date(cli: Cli, tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    records = [
        {"id": "m", "title": "Month only", "text": BODY, "date": "2024-03"},
        {"id": "d", "title": "Full day", "text": BODY + " Day.", "date": "2024-03-05"},
        {"id": "y", "title": "Year only", "text": BODY + " Year.", "date": "2024"},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    lib = str(tmp_path / "lib")
    assert cli("--library", lib, "add", str(corpus)).code == 0
    listed = cli("--library", lib, "list", "--json").json()
    assert [(a["title"], a["date"]) for a in listed] == [  # type: ignore[union-attr]
        ("Full day", "2024-03-05"),
        ("Month only", "2024-03"),
        ("Year only", "2024"),
    ]
    ids = {a["title"]: a["id"] for a in listed}  # type: ignore[union-attr]
    cited = cli("--library", lib, "cite", ids["Month only"]).out
    assert "Month only, March 2024 (nutgraf" in cited
    assert "Year only, 2024 (nutgraf" in cli("--library", lib, "cite", ids["Year only"]).out
    found = cli("--library", lib, "search", "date:2024-03", "--json").json()
    assert {h["title"] for h in found["hits"]} == {"Month only", "Full day"}  # type: ignore[index]
