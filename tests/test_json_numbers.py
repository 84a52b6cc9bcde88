"""One odd value in a JSON document is that record's problem, never the whole file's.

Python will not turn more than 4,300 digits into an ``int`` and ``json.loads`` raises
for the whole document; a lone surrogate (``"\\ud800"``) cannot be written as UTF-8.
Each is kept or named for its item alone, and the other items go in.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from index.article import Article
from index.model import Skip
from index.readers.base import Input
from index.readers.dispatch import read_input
from index.readers.jsontext import LongNumber, dump_bytes, loads
from index.readers.reread import read_again

BIG = "9" * 5000
TEXT_A = "The harbour reopened to fishing boats on Tuesday after a week of repairs."
TEXT_B = "Ferries run again from the mended pier this week, officials said."


def read(name: str, text: str) -> list[Any]:
    return list(read_input(Input.from_bytes(name, name, text.encode("utf-8"))))


def feed(first_item: str) -> str:
    """A JSON Feed whose first item is the JSON text ``first_item``; the second is good."""
    good = json.dumps({"id": "2", "title": "Ferries", "content_text": TEXT_B})
    return (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Harbour", '
        f'"items": [{first_item}, {good}]}}'
    )


@pytest.mark.parametrize(
    "item",
    [
        f'{{"id": {BIG}, "title": "Harbour", "content_text": "{TEXT_A}"}}',
        f'{{"id": "1", "title": "Harbour", "content_text": "{TEXT_A}", "_x": [{BIG}]}}',
        f'{{"id": "1", "title": "Harbour", "content_text": "{TEXT_A}", "size": -{BIG}}}',
        f'{{"id": "1", "title": "Harbour", "content_text": "{TEXT_A}", '
        f'"authors": [{{"name": "Ana", "n": {BIG}}}]}}',
        f'{{"id": "1", "title": "Harbour", "content_text": "{TEXT_A}", "r": 1{BIG}.5e99999}}',
    ],
    ids=["id", "in-a-list", "negative", "in-an-author", "float"],
)
def test_a_huge_number_a_feed_does_not_use_is_ignored(item: str) -> None:
    items = read("feed.json", feed(item))
    assert [a.title for a in items if isinstance(a, Article)] == ["Harbour", "Ferries"]


@pytest.mark.parametrize("field", ["title", "content_text", "url", "date_published"])
def test_a_huge_number_where_text_belongs_is_one_skip(field: str) -> None:
    # The field given twice: JSON's last value wins, so the number is the field.
    text = f'{{"id": "1", "title": "Harbour", "content_text": "{TEXT_A}", "{field}": {BIG}}}'
    items = read("feed.json", feed(text))
    assert [a.title for a in items if isinstance(a, Article)] == ["Ferries"]
    (skip,) = [i for i in items if isinstance(i, Skip)]
    assert skip.part == "item 1" and f'"{field}" is a JSON number, not text' in skip.reason


def test_json_lines_and_arrays_with_a_huge_number_keep_the_other_records() -> None:
    lines = (
        f'{{"id": {BIG}, "title": "Harbour", "text": "{TEXT_A}"}}\n'
        f"{BIG}\n"
        f'{{"title": "Ferries", "text": "{TEXT_B}"}}\n'
    )
    items = read("corpus.jsonl", lines)
    assert [a.title for a in items if isinstance(a, Article)] == ["Harbour", "Ferries"]
    (skip,) = [i for i in items if isinstance(i, Skip)]
    assert skip.part == "line 2" and "a JSON number" in skip.reason
    array = (
        f'[{{"id": {BIG}, "title": "Harbour", "text": "{TEXT_A}"}}, '
        + json.dumps({"title": "Ferries", "text": TEXT_B})
        + "]"
    )
    items = read("corpus.json", array)
    articles = [a for a in items if isinstance(a, Article)]
    assert [a.title for a in articles] == ["Harbour", "Ferries"]
    assert json.loads(articles[0].original)["id"] == BIG  # its digits, as a string


def test_a_record_with_a_huge_number_reads_again() -> None:
    (article,) = [
        a
        for a in read("corpus.jsonl", f'{{"id": {BIG}, "title": "Harbour", "text": "{TEXT_A}"}}\n')
        if isinstance(a, Article)
    ]
    again = read_again(article)
    assert isinstance(again, Article) and again.body == TEXT_A


@pytest.mark.parametrize(("name", "wrap"), [("feed.json", "feed"), ("corpus.json", "array")])
def test_a_lone_surrogate_in_one_item_keeps_the_others(name: str, wrap: str) -> None:
    bad = {"id": "1", "title": "Harbour", "content_text": TEXT_A + " \ud800", "text": TEXT_A}
    good = {"id": "2", "title": "Ferries", "content_text": TEXT_B, "text": TEXT_B}
    if wrap == "feed":
        doc = {"version": "https://jsonfeed.org/version/1.1", "items": [bad, good]}
    else:
        doc = [bad, good]  # type: ignore[assignment]
    items = read(name, json.dumps(doc))
    articles = [a for a in items if isinstance(a, Article)]
    assert [a.title for a in articles] == ["Harbour", "Ferries"]
    assert isinstance(read_again(articles[0]), Article)


def test_loads_keeps_long_integers_as_their_digits() -> None:
    value = loads(f'{{"a": {BIG}, "b": 12, "c": -{BIG}, "d": 1e999}}')
    assert value["a"] == LongNumber(BIG) and str(value["c"]) == "-" + BIG
    assert value["b"] == 12 and value["d"] == float("inf")
    assert json.loads(dump_bytes({"a": value["a"], "s": "\ud800"})) == {"a": BIG, "s": "\ud800"}
