"""JSON Feed 1.0 and 1.1 go in like RSS and Atom, told from JSON Lines by content.

Spec: https://www.jsonfeed.org/version/1.1/ (and /version/1/). feedparser 6.0 does
not read JSON Feed, so nutgraf maps the items itself (index.readers.jsonfeed).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.article import Article
from index.model import Notice, Skip
from index.readers.base import Input
from index.readers.dispatch import detect_format, read_input
from index.readers.fetch import fetch_url
from index.readers.sources import file_input
from tests.conftest import ROOT
from tests.rawhttp import RawServer, response, serving

BODY = "The harbour reopened to fishing boats on Tuesday after a week of repairs."

FEED_11: dict[str, Any] = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Harbour Weekly",
    "home_page_url": "https://h.test/",
    "authors": [{"name": "News Desk"}],
    "language": "en",
    "items": [
        {
            "id": "1",
            "url": "https://h.test/1",
            "title": "Tide tables <updated> for 2024",
            "content_html": f"<p>{BODY}</p><p>Crews worked &amp; rested.</p>",
            "date_published": "2024-03-05T23:30:00-08:00",
            "tags": ["tides", "harbour", "boats", "extra"],
            "authors": [{"name": "Ana Lima"}, {"name": "Bo Chen"}],
        },
        {
            "id": "2",
            "url": "https://h.test/2",
            "title": "Ferry runs again",
            "content_text": "Ferries run again from the mended pier.\n\n<b> is not a tag here.",
            "date_modified": "2024-03-06T08:00:00+09:00",
        },
        {
            "id": "3",
            "external_url": "https://elsewhere.test/story",
            "content_text": "A link post without a title, about the new lighthouse keeper.",
        },
    ],
}

FEED_10: dict[str, Any] = {
    "version": "https://jsonfeed.org/version/1",
    "title": "Old Harbour",
    "author": {"name": "Feed Author"},
    "items": [
        {
            "id": "a",
            "url": "https://o.test/a",
            "title": "Pier repairs finished",
            "content_html": f"<p>{BODY}</p>",
            "date_published": "2024-03-05T10:00:00Z",
            "author": {"name": "Item Author"},
        },
        {
            "id": "b",
            "url": "https://o.test/b",
            "title": "Lighthouse painted",
            "content_text": "The lighthouse got a fresh coat of white paint this week.",
        },
    ],
}


def read_bytes(name: str, data: bytes, content_type: str | None = None) -> list[Any]:
    return list(read_input(Input.from_bytes(name, name, data, content_type=content_type)))


def arts(items: list[Any]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_json_feed_11_items_become_articles() -> None:
    got = arts(read_bytes("feed.json", json.dumps(FEED_11).encode()))
    assert [a.title for a in got] == [
        "Tide tables <updated> for 2024",  # plain text: kept literally
        "Ferry runs again",
        "A link post without a title, about the new lighthouse keeper.",
    ]
    first, second, third = got
    assert first.body == f"{BODY}\n\nCrews worked & rested."  # content_html read as HTML
    assert second.body == "Ferries run again from the mended pier.\n\n<b> is not a tag here."
    assert first.published == "2024-03-05T23:30:00-08:00"
    assert second.published == "2024-03-06T08:00:00+09:00"
    assert first.author == "Ana Lima, Bo Chen" and second.author == "News Desk"
    assert first.category == "tides, harbour, boats"
    assert {a.source for a in got} == {"Harbour Weekly"}
    assert first.url == "https://h.test/1" and third.url == "https://elsewhere.test/story"
    assert {a.format for a in got} == {"feed"}


def test_json_feed_10_author_objects() -> None:
    got = arts(read_bytes("old.json", json.dumps(FEED_10, indent=2).encode()))
    assert [(a.title, a.author) for a in got] == [
        ("Pier repairs finished", "Item Author"),
        ("Lighthouse painted", "Feed Author"),
    ]
    assert got[0].published == "2024-03-05T10:00:00+00:00"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("feed.json", None),
        ("feed.txt", None),
        ("feed", None),
        ("feed.jsonl", None),
        ("download", "application/json"),
        ("download", "application/feed+json"),
        ("page.html", "text/plain"),
    ],
)
def test_a_json_feed_is_known_by_its_content(name: str, content_type: str | None) -> None:
    data = json.dumps(FEED_10).encode()
    assert [a.title for a in arts(read_bytes(name, data, content_type))] == [
        "Pier repairs finished",
        "Lighthouse painted",
    ]


def test_version_late_in_a_json_file_is_still_a_feed() -> None:
    late = {
        "items": [{"id": "x", "content_text": "word " * 1000 + "end."}],
        "title": "Old Harbour",
        "version": "https://jsonfeed.org/version/1",
    }
    data = json.dumps(late).encode()
    assert detect_format("feed.json", data[:4096]) == "json"
    (article,) = arts(read_bytes("feed.json", data))
    assert article.source == "Old Harbour"


def test_json_lines_named_json_stay_json_lines() -> None:
    lines = [
        {"title": "First", "text": BODY},
        {"title": "Second", "text": BODY + " Again.", "version": "https://jsonfeed.org/version/1"},
    ]
    data = "\n".join(json.dumps(r) for r in lines).encode() + b"\n"
    for name in ("corpus.json", "corpus.jsonl", "corpus"):
        got = arts(read_bytes(name, data))
        assert [a.title for a in got] == ["First", "Second"], name
        assert {a.format for a in got} == {"jsonl"}
    # A record that names a JSON Feed version first is still a record of a corpus.
    flipped = "\n".join(json.dumps(r) for r in reversed(lines)).encode()
    assert [a.title for a in arts(read_bytes("corpus.json", flipped))] == ["Second", "First"]


def test_a_json_array_of_records_is_not_a_feed() -> None:
    data = json.dumps([{"title": "A", "text": BODY}, {"title": "B", "text": BODY}]).encode()
    assert {a.format for a in arts(read_bytes("records.json", data))} == {"jsonl"}


@pytest.mark.parametrize(
    ("feed", "reason"),
    [
        ({"version": "https://jsonfeed.org/version/1.1", "title": "T"}, 'no "items" list'),
        (
            {"version": "https://jsonfeed.org/version/1.1", "items": {"id": "1"}},
            '"items" is a JSON object, not a list',
        ),
        (
            {"version": "https://jsonfeed.org/version/1", "items": "none"},
            '"items" is a JSON string, not a list',
        ),
        (
            {"version": "https://jsonfeed.org/version/1", "items": [1, "two", None]},
            "no item is a JSON object",
        ),
        ({"version": "https://jsonfeed.org/version/1", "items": []}, "has no items"),
    ],
)
def test_a_bad_json_feed_is_one_line_naming_the_file(feed: dict[str, Any], reason: str) -> None:
    (skip,) = read_bytes("bad.json", json.dumps(feed).encode())
    assert isinstance(skip, Skip) and skip.where == "bad.json" and skip.part is None
    assert reason in skip.reason and "\n" not in skip.reason


def test_broken_json_with_a_feed_version_is_one_line() -> None:
    data = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": 1,'
    (skip,) = read_bytes("cut.json", data)
    assert isinstance(skip, Skip) and skip.where == "cut.json"
    assert skip.reason.startswith("not a valid JSON Feed (invalid JSON")


def test_bad_items_are_skipped_and_the_rest_go_in() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "1", "title": 5, "content_text": BODY},
            {"id": "2", "title": "Fine", "content_html": ["not", "text"]},
            {"id": "3", "title": "Good one", "content_text": BODY},
            {"id": "4", "title": "Bad tags", "content_text": BODY, "tags": "harbour"},
            {"id": "5", "title": "Headline only"},
            "junk",
        ],
    }
    items = read_bytes("mixed.json", json.dumps(feed).encode())
    assert [a.title for a in arts(items)] == ["Good one"]
    reasons = {(s.part, s.reason) for s in items if isinstance(s, Skip)}
    assert reasons == {
        ("item 1", 'not a valid JSON Feed item ("title" is a JSON number, not text)'),
        ("item 2", 'not a valid JSON Feed item ("content_html" is a JSON array, not text)'),
        ("item 4", 'not a valid JSON Feed item ("tags" is a JSON string, not a list)'),
        ("item 5", "headline only, no text"),
        ("item 6", "a JSON string, not a JSON Feed item"),
    }


def test_a_json_feed_file_goes_into_a_library(library: Any, tmp_path: Path) -> None:
    path = tmp_path / "harbour.json"
    path.write_text(json.dumps(FEED_11), encoding="utf-8")
    assert len(arts(list(read_input(file_input(path))))) == 3
    with library.writer() as writer:
        report = writer.add([str(path)], analyse=False)
    assert len(report.added) == 3 and not report.skipped
    hits = library.search("date:2024-03-05", limit=5).hits
    assert [h.title for h in hits] == ["Tide tables <updated> for 2024"]


@pytest.mark.slow
def test_a_json_feed_from_stdin(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "--library", lib, "add", "-", "--json"],
        input=json.dumps(FEED_10).encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    titles = {a["title"] for a in json.loads(proc.stdout)["added"]}
    assert titles == {"Pier repairs finished", "Lighthouse painted"}


def test_no_notice_for_a_plain_json_feed() -> None:
    items = read_bytes("feed.json", json.dumps(FEED_10).encode())
    assert not [i for i in items if isinstance(i, Notice | Skip)]


@pytest.fixture
def server() -> Iterator[RawServer]:
    with serving() as srv:
        yield srv


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/feed.json", "application/feed+json"),
        ("/feed", "application/json; charset=utf-8"),
        ("/feeds/latest", "text/plain"),
    ],
)
def test_a_json_feed_url_is_read_as_a_feed(server: RawServer, path: str, content_type: str) -> None:
    server.routes[path] = response(
        body=json.dumps(FEED_10).encode(), headers={"Content-Type": content_type}
    )
    items = list(read_input(fetch_url(server.url + path, timeout=5)))
    assert [(a.title, a.format) for a in arts(items)] == [
        ("Pier repairs finished", "feed"),
        ("Lighthouse painted", "feed"),
    ]
