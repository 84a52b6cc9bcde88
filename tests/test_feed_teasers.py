"""Feed teasers are not an article body; ``add --full-text`` fetches the linked article.

A "Continue reading …", "Read more", "[…]" or "The post X appeared first on Y" is
the feed's furniture: it never goes in as text. An entry that is only an excerpt
keeps the excerpt (the publisher's own words), the feed gets one notice, and
the link is fetched only when the user asks, through the URL path of
``index.readers.fetch`` with its limits (a local server here, stopped by itself).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.article import Article
from index.library import Library
from index.model import Notice, Skip
from index.readers.base import Input
from index.readers.dispatch import read_input
from index.readers.teaser import strip_teaser
from tests.rawhttp import RawServer, response, serving

EXCERPT = "The harbour reopened to fishing boats on Tuesday after a week of repairs."


@pytest.mark.parametrize(
    ("paragraphs", "kept"),
    [
        ([EXCERPT, "Continue reading..."], [EXCERPT]),
        ([EXCERPT, "Continue reading…"], [EXCERPT]),
        ([f"{EXCERPT} Continue reading on Medium »"], [EXCERPT]),
        ([f"{EXCERPT} Continue reading “Harbour reopens” →"], [EXCERPT]),
        ([EXCERPT, "Read more »"], [EXCERPT]),
        ([f"{EXCERPT} Read more"], [EXCERPT]),
        ([EXCERPT, "Read the full story"], [EXCERPT]),
        ([EXCERPT, "View full article →"], [EXCERPT]),
        (
            ["Crews worked through the weekend to replace [&hellip;]"],
            ["Crews worked through the weekend to replace…"],
        ),
        (
            ["Crews worked through the weekend to replace [...]"],
            ["Crews worked through the weekend to replace…"],
        ),
        (
            ["Crews worked through the weekend […]", "Continue reading"],
            ["Crews worked through the weekend…"],
        ),
        ([EXCERPT, "(more…)"], [EXCERPT]),
        (["Continue reading on The Harbour Times »"], []),
    ],
)
def test_teaser_boilerplate_goes_and_the_entry_is_a_teaser(
    paragraphs: list[str], kept: list[str]
) -> None:
    cut = strip_teaser(paragraphs)
    assert cut.paragraphs == kept
    assert cut.teaser


@pytest.mark.parametrize(
    "paragraphs",
    [
        [EXCERPT, "Readers can read more about the repairs in the council's report."],
        ["You can read more.", "Keep reading the tide tables before you sail."],
        ["She said she would continue reading the report on Monday."],
        ["Read more books, the librarian said, and the town listened."],
        [EXCERPT, "The post office reopened too."],
    ],
)
def test_sentences_about_reading_are_text(paragraphs: list[str]) -> None:
    cut = strip_teaser(paragraphs)
    assert cut.paragraphs == paragraphs and not cut.teaser


def test_wordpress_footer_goes_without_making_a_full_text_a_teaser() -> None:
    full = [
        EXCERPT,
        "Crews worked through the weekend.",
        "The post Harbour reopens appeared first on Harbour Times.",
    ]
    cut = strip_teaser(full)
    assert cut.paragraphs == full[:2] and not cut.teaser


def rss(*items: tuple[str, str, str], full: str = "") -> bytes:
    """An RSS 2.0 feed of (title, link, description HTML) items, and an item with
    ``full`` as its whole text in ``content:encoded`` when given."""
    parts = [
        f"<item><title>{t}</title><link>{link}</link>"
        f"<description><![CDATA[{d}]]></description></item>"
        for t, link, d in items
    ]
    if full:
        parts.append(
            f"<item><title>Full one</title><link>{full}</link><description>Short.</description>"
            "<content:encoded><![CDATA[<p>This entry is whole.</p><p>Nothing more.</p>]]>"
            "</content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Harbour Times</title>{''.join(parts)}</channel></rss>"
    ).encode()


def read_feed_bytes(data: bytes, **kw: Any) -> list[Any]:
    return list(read_input(Input.from_bytes("feed.rss", "feed.rss", data, **kw)))


GUARDIAN_LIKE = (
    "Harbour reopens",
    "https://h.test/1",
    f"<p>{EXCERPT}</p><p>Officials praised the crews.</p> "
    '<a href="https://h.test/1">Continue reading...</a>',
)
WORDPRESS_LIKE = (
    "Lighthouse keeper named",
    "https://h.test/2",
    "<p>The council named a new lighthouse keeper, who starts in May and will live [&#8230;]</p>"
    '<p>The post <a href="https://h.test/2">Lighthouse keeper named</a> appeared first on '
    '<a href="https://h.test">Harbour Times</a>.</p>',
)
MEDIUM_LIKE = (
    "Why harbours matter",
    "https://h.test/3",
    '<p>Harbours shape the towns around them.</p><p><a href="https://h.test/3">'
    "Continue reading on Medium »</a></p>",
)
ONLY_LINK = ("Just a link", "https://h.test/4", '<a href="https://h.test/4">Read more…</a>')


def test_teaser_entries_keep_their_excerpt_without_the_boilerplate() -> None:
    items = read_feed_bytes(rss(GUARDIAN_LIKE, WORDPRESS_LIKE, MEDIUM_LIKE, ONLY_LINK))
    bodies = {a.title: a.body for a in items if isinstance(a, Article)}
    assert bodies == {
        "Harbour reopens": f"{EXCERPT}\n\nOfficials praised the crews.",
        "Lighthouse keeper named": "The council named a new lighthouse keeper, who starts in May "
        "and will live…",
        "Why harbours matter": "Harbours shape the towns around them.",
    }
    articles = [a for a in items if isinstance(a, Article)]
    assert all(json.loads(a.original)["teaser"] for a in articles)
    (skip,) = [i for i in items if isinstance(i, Skip)]
    assert skip.part == "entry 4" and skip.reason.startswith("only a teaser link, no text")
    assert "--full-text" in skip.reason
    (notice,) = [i for i in items if isinstance(i, Notice)]
    assert notice.where == "feed.rss"
    assert notice.message.startswith("3 of 4 entries are teasers")
    assert "--full-text" in notice.message


def test_a_full_text_entry_is_no_teaser() -> None:
    full = ("Full story", "https://h.test/9", f"<p>{EXCERPT}</p><p>Crews worked all week.</p>")
    items = read_feed_bytes(rss(full))
    (article,) = [a for a in items if isinstance(a, Article)]
    assert article.body == f"{EXCERPT}\n\nCrews worked all week."
    assert json.loads(article.original)["teaser"] is False
    assert not [i for i in items if isinstance(i, Notice)]


def test_a_json_feed_teaser_is_handled_the_same() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "1", "url": "https://h.test/1", "title": "T", "summary": f"{EXCERPT} Read more"},
            {"id": "2", "url": "https://h.test/2", "content_html": "<p>Read more »</p>"},
        ],
    }
    items = list(read_input(Input.from_bytes("f.json", "f.json", json.dumps(feed).encode())))
    assert [a.body for a in items if isinstance(a, Article)] == [EXCERPT]
    assert [s.part for s in items if isinstance(s, Skip)] == ["item 2"]


# -- add --full-text ----------------------------------------------------------------


def page(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>"
    ).encode()


FULL_PARAGRAPHS = (
    EXCERPT,
    "Crews worked through the weekend to replace the damaged stones before the spring tides.",
    "The port authority said the sea wall would be inspected again in the autumn.",
)


@pytest.fixture
def server() -> Iterator[RawServer]:
    with serving() as srv:
        yield srv


def feed_for(server: RawServer) -> bytes:
    return rss(
        (
            "Harbour reopens",
            f"{server.url}/story",
            f"<p>{EXCERPT}</p><a href='{server.url}/story'>Continue reading...</a>",
        ),
        (
            "Gone story",
            f"{server.url}/gone",
            "<p>The old pier will close for good next year.</p><p>Read more</p>",
        ),
        full=f"{server.url}/full",
    )


def test_full_text_is_fetched_only_when_asked(server: RawServer, library: Library) -> None:
    server.routes["/story"] = response(
        body=page("Harbour reopens", *FULL_PARAGRAPHS), headers={"Content-Type": "text/html"}
    )
    path = library.path.parent / "feed.rss"
    path.write_bytes(feed_for(server))
    with library.writer() as writer:
        plain = writer.add([str(path)], analyse=False)
    assert server.requests == []  # nothing fetched without --full-text
    assert len(plain.added) == 3
    with library.writer() as writer:
        report = writer.add([str(path)], analyse=False, full_text=True)
    # Teasers and summaries only: an entry whose feed gives the whole text is not fetched.
    assert [r[0] for r in server.requests] == ["/story", "/gone"]
    assert [a.title for a in report.updated] == ["Harbour reopens"]
    story = next(a for a in library.articles() if a.title == "Harbour reopens")
    full = library.get(story.id)
    assert full is not None and full.body == "\n\n".join(FULL_PARAGRAPHS)
    assert full.url == f"{server.url}/story" and full.source == "Harbour Times"
    assert full.origin == str(path)
    # The link that fails is one line; its entry went in with what the feed had.
    (notice,) = [n for n in report.notices if "full text" in n.message]
    assert notice.message == (
        f"entry 2: full text not fetched from {server.url}/gone (HTTP 404 Not Found); "
        "the feed's text went in"
    )
    titles = {a.title for a in library.articles()}
    assert titles == {"Harbour reopens", "Gone story", "Full one"}
    gone = next(a for a in library.articles() if a.title == "Gone story")
    assert library.get(gone.id).body == "The old pier will close for good next year."  # type: ignore[union-attr]


def test_full_text_keeps_the_feed_text_when_the_page_has_less(server: RawServer) -> None:
    server.routes["/story"] = response(
        body=b"<html><body><p>Cookie wall.</p></body></html>", headers={"Content-Type": "text/html"}
    )
    from functools import partial

    from index.readers.fetch import fetch_url

    src = Input.from_bytes(
        "feed.rss", "feed.rss", feed_for(server), link_fetcher=partial(fetch_url, timeout=5)
    )
    items = list(read_input(src))
    story = next(a for a in items if isinstance(a, Article) and a.title == "Harbour reopens")
    assert story.body == EXCERPT and story.format == "feed"


def test_full_text_from_the_command_line(server: RawServer, cli: Any, tmp_path: Path) -> None:
    server.routes["/story"] = response(
        body=page("Harbour reopens", *FULL_PARAGRAPHS), headers={"Content-Type": "text/html"}
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(feed_for(server))
    lib = str(tmp_path / "lib")
    result = cli("--library", lib, "add", "--full-text", str(path), "--json")
    assert result.code == 0, result.err
    doc = result.json()
    story = next(a for a in doc["added"] if a["title"] == "Harbour reopens")
    shown = cli("--library", lib, "show", story["id"], "--json").json()
    assert shown["text"] == "\n\n".join(FULL_PARAGRAPHS)
    assert any("HTTP 404" in n["message"] for n in doc["notices"])


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        # After a whole sentence the cut mark adds nothing: no stray ellipsis.
        (
            "Ports shut on Sunday, officials said. [&#8230;]",
            "Ports shut on Sunday, officials said.",
        ),
        (
            "Ports shut on Sunday, officials said. [&hellip;]",
            "Ports shut on Sunday, officials said.",
        ),
        ("Will the ports reopen by Friday? […]", "Will the ports reopen by Friday?"),
        ("“We are ready,” the mayor said. [...]", "“We are ready,” the mayor said."),
        ("The tide rose fast (as forecast.) (…)", "The tide rose fast (as forecast.)"),
        ("Crews are still out…  [&#8230;]", "Crews are still out…"),
        ("The wait went on... [...]", "The wait went on..."),
        # Cut mid-sentence: exactly one ellipsis shows it stops short.
        ("Ports shut on Sunday and the [&#8230;]", "Ports shut on Sunday and the…"),
        ("The mayor said: […]", "The mayor said:…"),
    ],
)
def test_a_cut_mark_leaves_one_ellipsis_only_when_the_sentence_was_cut(
    last: str, kept: str
) -> None:
    cut = strip_teaser([EXCERPT, last])
    assert cut.teaser and cut.paragraphs == [EXCERPT, kept]


def test_a_wordpress_excerpt_ending_a_sentence_has_no_stray_ellipsis() -> None:
    html = "<p>The storm closed three ports on Sunday, officials said. [&#8230;]</p>"
    items = read_feed_bytes(rss(("Ports shut", "https://h.test/5", html)))
    (article,) = [a for a in items if isinstance(a, Article)]
    assert article.body == "The storm closed three ports on Sunday, officials said."
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour Times",
        "items": [
            {"id": "1", "title": "Ports shut", "content_html": html.replace("#8230", "hellip")}
        ],
    }
    data = json.dumps(feed).encode()
    (article,) = [
        a
        for a in read_input(Input.from_bytes("feed.json", "feed.json", data))
        if isinstance(a, Article)
    ]
    assert article.body == "The storm closed three ports on Sunday, officials said."
