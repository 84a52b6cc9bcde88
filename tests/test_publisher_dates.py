"""A publication date keeps the publisher's calendar day and offset, from every reader.

``Tue, 05 Mar 2024 23:30:00 -0800`` was published on the 5th where it was written
(the 6th in UTC): it is stored as ``2024-03-05T23:30:00-08:00``, ``date:2024-03-05``
finds it, and ``show --json`` / ``list --json`` give it with its offset. A date
without a zone stays as given.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from index.article import Article
from index.library import Library
from index.readers.dates import parse_date, to_datetime
from index.readers.dispatch import read_input
from index.readers.sources import file_input
from tests.conftest import CliResult

Cli = Callable[..., CliResult]

BODY = "The council approved the new harbour budget after a long debate on Tuesday evening."


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Tue, 05 Mar 2024 23:30:00 -0800", "2024-03-05T23:30:00-08:00"),
        ("Wed, 06 Mar 2024 00:15:00 +0900", "2024-03-06T00:15:00+09:00"),
        ("Tue, 05 Mar 2024 23:30:00 EST", "2024-03-05T23:30:00-05:00"),
        ("Tue, 05 Mar 2024 23:30:00 GMT", "2024-03-05T23:30:00+00:00"),
        ("2024-03-05T23:30:00-08:00", "2024-03-05T23:30:00-08:00"),
        ("2024-03-05T21:00:00.250+05:30", "2024-03-05T21:00:00+05:30"),
        ("2024-03-05T23:30:00Z", "2024-03-05T23:30:00+00:00"),
        ("2024-03-05T00:00:00-03:00", "2024-03-05T00:00:00-03:00"),
        # No zone, or RFC 2822's "-0000" (zone unknown): the time as given, no offset.
        ("Tue, 05 Mar 2024 23:30:00 -0000", "2024-03-05T23:30:00"),
        ("2024-03-05T23:30:00", "2024-03-05T23:30:00"),
        ("2024-03-05", "2024-03-05"),
        ("Published: 5 March 2024", "2024-03-05"),
        ("Posted on Tue, 05 Mar 2024 23:30:00 -0800", "2024-03-05T23:30:00-08:00"),
    ],
)
def test_a_date_keeps_the_publishers_time_and_offset(given: str, stored: str) -> None:
    assert parse_date(given) == stored


@pytest.mark.parametrize(
    ("stored", "day"),
    [
        ("2024-03-05T23:30:00-08:00", "2024-03-05"),
        ("2024-03-06T00:15:00+09:00", "2024-03-06"),
        ("2024-03-05T23:59:59+14:00", "2024-03-05"),
        ("2024-03-05T23:30:00", "2024-03-05"),
    ],
)
def test_the_searched_time_is_the_publishers_wall_clock(stored: str, day: str) -> None:
    when = to_datetime(stored)
    assert when is not None and when.tzinfo is None
    assert when.date().isoformat() == day


def rss(pub_date: str, title: str = "Council passes harbour budget") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Feed</title>
<item><title>{title}</title><link>https://h.test/{abs(hash(title))}</link>
<pubDate>{pub_date}</pubDate><description>{BODY} {title}.</description></item>
</channel></rss>
"""


def one_article(path: Path) -> Article:
    (article,) = [a for a in read_input(file_input(path)) if isinstance(a, Article)]
    return article


@pytest.mark.parametrize(
    ("pub_date", "stored"),
    [
        ("Tue, 05 Mar 2024 23:30:00 -0800", "2024-03-05T23:30:00-08:00"),
        ("Wed, 06 Mar 2024 07:30:00 +0530", "2024-03-06T07:30:00+05:30"),
        ("Tue, 05 Mar 2024 23:30:00 PST", "2024-03-05T23:30:00-08:00"),
        ("Tue, 5 Mar 2024 23:30 -0800", "2024-03-05T23:30:00-08:00"),
        ("Tue, 05 Mar 2024 23:30:00 -08:00", "2024-03-05T23:30:00-08:00"),
        ("Tuesday, March 5, 2024 11:30 PM PST", "2024-03-05T23:30:00-08:00"),
    ],
)
def test_rss_dates_are_not_moved_to_utc(tmp_path: Path, pub_date: str, stored: str) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(rss(pub_date), encoding="utf-8")
    assert one_article(path).published == stored


def test_atom_dates_keep_their_offset(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ferries</title>
<entry><title>Late ferry</title><link href="https://f.test/1"/>
<updated>2024-03-05T23:45:00-05:00</updated>
<content type="text">The last ferry left late on Tuesday night after a delay at the pier.</content>
</entry></feed>""",
        encoding="utf-8",
    )
    assert one_article(path).published == "2024-03-05T23:45:00-05:00"


def test_a_feed_date_only_feedparser_reads_keeps_the_offset_it_names(tmp_path: Path) -> None:
    # A Portuguese day name: beyond parse_date, read by feedparser (in UTC), given back
    # at the offset the feed wrote.
    path = tmp_path / "feed.rss"
    path.write_text(rss("2024-03-05 23:30:00 -03:00"), encoding="utf-8")
    assert one_article(path).published == "2024-03-05T23:30:00-03:00"


def test_json_lines_and_scraped_dates_keep_the_offset(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {"title": "One", "text": BODY, "published": "2024-03-05T23:30:00-08:00"},
        {"title": "Two", "text": BODY + " Two.", "date": "Tue, 05 Mar 2024 22:00:00 -0500"},
        {"title": "Three", "text": BODY + " Three.", "date": "2024-03-05"},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    got = [a.published for a in read_input(file_input(corpus)) if isinstance(a, Article)]
    assert got == ["2024-03-05T23:30:00-08:00", "2024-03-05T22:00:00-05:00", "2024-03-05"]
    scraped = tmp_path / "story.txt"
    scraped.write_text(
        "Council passes harbour budget\n\nPublished: Tue, 05 Mar 2024 23:30:00 -0800\n\n"
        + BODY
        + "\n\nThe vote was close and the mayor said the port would be rebuilt by summer.\n",
        encoding="utf-8",
    )
    assert one_article(scraped).published == "2024-03-05T23:30:00-08:00"


def test_an_html_page_keeps_the_publishers_day(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta property="article:published_time" '
        'content="2024-03-05T23:30:00-08:00"><title>Harbour budget</title></head>'
        "<body><article><h1>Harbour budget</h1>"
        + "".join(f"<p>{BODY} Paragraph {n}.</p>" for n in range(4))
        + "</article></body></html>",
        encoding="utf-8",
    )
    published = one_article(page).published
    assert published is not None and published.startswith("2024-03-05")


def test_date_query_finds_the_publishers_day_and_newest_first_holds(library: Library) -> None:
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Feed</title>
<item><title>Late budget vote</title><link>https://h.test/1</link>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0800</pubDate><description>{BODY} Late.</description></item>
<item><title>Early tide warning</title><link>https://h.test/2</link>
<pubDate>Wed, 06 Mar 2024 08:00:00 +0900</pubDate><description>{BODY} Early.</description></item>
<item><title>Old news</title><link>https://h.test/3</link>
<pubDate>Mon, 04 Mar 2024 12:00:00 +0000</pubDate><description>{BODY} Old.</description></item>
</channel></rss>"""
    path = library.path.parent / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    with library.writer() as writer:
        writer.add([str(path)], analyse=False)

    def titles(query: str) -> set[str]:
        return {h.title for h in library.search(query, limit=10).hits}

    assert titles("date:2024-03-05") == {"Late budget vote"}
    assert titles("date:2024-03-06") == {"Early tide warning"}
    assert titles("date:[2024-03-05 to 2024-03-06]") == {"Late budget vote", "Early tide warning"}
    assert titles("date:<2024-03-05") == {"Old news"}
    # Newest first by the instant (index/storage/order.py, issue 14 item 2): the Los
    # Angeles night of the 5th (07:30 UTC on the 6th) is later than the Tokyo morning
    # of the 6th (23:00 UTC on the 5th), though the date field files each under its
    # publisher's day.
    assert [a.title for a in library.articles()] == [
        "Late budget vote",
        "Early tide warning",
        "Old news",
    ]
    late = next(a for a in library.articles() if a.title == "Late budget vote")
    assert late.published == "2024-03-05T23:30:00-08:00"


def test_show_and_list_json_give_the_date_with_its_offset(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(rss("Tue, 05 Mar 2024 23:30:00 -0800"), encoding="utf-8")
    lib = str(tmp_path / "lib")
    report = cli("--library", lib, "add", str(path), "--json")
    assert report.code == 0, report.out + report.err
    (added,) = report.json()["added"]  # type: ignore[index]
    shown = cli("--library", lib, "show", added["id"], "--json").json()
    assert shown["date"] == "2024-03-05T23:30:00-08:00"  # type: ignore[index]
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    assert item["date"] == "2024-03-05T23:30:00-08:00"
    found = cli("--library", lib, "search", "date:2024-03-05", "--json").json()
    assert [h["id"] for h in found["hits"]] == [added["id"]]  # type: ignore[index]
    assert cli("--library", lib, "search", "date:2024-03-06", "--json").json()["total"] == 0  # type: ignore[index]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        # A numeric offset written with its colon (ISO style) inside an RFC 822 date.
        ("Tue, 05 Mar 2024 23:30:00 -08:00", "2024-03-05T23:30:00-08:00"),
        ("Wed, 06 Mar 2024 08:05:00 +05:30", "2024-03-06T08:05:00+05:30"),
        ("Tue, 5 Mar 2024 23:30 +01:00", "2024-03-05T23:30:00+01:00"),
        # A 12-hour clock: the afternoon keeps its twelve hours, midnight and noon as usual.
        ("Tuesday, March 5, 2024 11:30 PM PST", "2024-03-05T23:30:00-08:00"),
        ("March 5, 2024 12:05 a.m. EST", "2024-03-05T00:05:00-05:00"),
        ("March 5, 2024 12:40 PM EDT", "2024-03-05T12:40:00-04:00"),
        ("5 March 2024 at 9.15pm GMT", "2024-03-05T21:15:00+00:00"),
        ("Mar. 5, 2024, 11:30 p.m. CET", "2024-03-05T23:30:00+01:00"),
        ("Updated 5 March 2024, 2:02 pm BST", "2024-03-05T14:02:00+01:00"),
        ("Tuesday 5 March 2024 11:30 PM (GMT)", "2024-03-05T23:30:00+00:00"),
        ("March 5, 2024 11:30 PM UTC+5:30", "2024-03-05T23:30:00+05:30"),
        ("Mar 5, 2024 7 pm", "2024-03-05T19:00:00"),
        ("05/03/2024 11:30 PM", "2024-03-05T23:30:00"),
        ("Tue, 05 Mar 2024 11:30:15 PM -0800", "2024-03-05T23:30:15-08:00"),
        # Separators, RFC 2822 and JavaScript comments, and US region zones (ET, PT):
        # the offset of that region on that day (daylight saving or not).
        ("Tuesday, March 5, 2024 - 11:30 PM", "2024-03-05T23:30:00"),
        ("March 5, 2024 | 11:30 PM EST", "2024-03-05T23:30:00-05:00"),
        ("Tue, 05 Mar 2024 23:30:00 -0800 (PST)", "2024-03-05T23:30:00-08:00"),
        ("Tue Mar 05 2024 23:30:00 GMT-0800 (Pacific Standard Time)", "2024-03-05T23:30:00-08:00"),
        ("March 5, 2024 at 11:30 p.m. ET", "2024-03-05T23:30:00-05:00"),
        ("July 4, 2024, 9:15 a.m. PT", "2024-07-04T09:15:00-07:00"),
        ("2024-03-05 11:30 PM", "2024-03-05T23:30:00"),
        # A zone name not known for sure: the day, never a time twelve hours off.
        ("Tuesday, March 5, 2024 11:30 PM XYZ", "2024-03-05"),
    ],
)
def test_colon_offsets_and_twelve_hour_clocks(given: str, stored: str) -> None:
    assert parse_date(given) == stored
