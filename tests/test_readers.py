"""Each reader on small inputs written here: what comes out, and what is refused and why."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.article import Article
from index.model import Notice, Skip
from index.readers.base import Input
from index.readers.decoding import UnreadableError
from index.readers.dispatch import detect_format, read_input
from index.readers.fetch import fetch_url
from index.readers.sources import expand_sources, file_input
from tests.conftest import SEED_FILE, SEED_TITLE


def read(path: Path) -> list[Article | Skip | Notice]:
    return list(read_input(file_input(path)))


def articles(items: list[Article | Skip | Notice]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def skips(items: list[Article | Skip | Notice]) -> list[Skip]:
    return [i for i in items if isinstance(i, Skip)]


def test_plain_text_seed_keeps_original_bytes(tmp_path: Path) -> None:
    (article,) = articles(read(SEED_FILE))
    assert article.title == SEED_TITLE
    assert article.original == SEED_FILE.read_bytes()
    assert article.format == "txt"
    assert article.origin == str(SEED_FILE)


def test_same_content_gives_the_same_id(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_FILE.read_bytes())
    assert articles(read(copy))[0].id == articles(read(SEED_FILE))[0].id


MARKDOWN = """---
author: Ana Lima
date: 2024-05-02
source: The Harbour Times
---

# Ferry service resumes after **storm** damage

The ferry to the islands ran again on Thursday after [repairs](https://example.com/r) to the pier
were finished a week early.

## Timetable

* Morning crossing at 7:00
* Evening crossing at 18:30

![a photo](pier.jpg)
"""


def test_markdown_title_metadata_and_plain_body(tmp_path: Path) -> None:
    path = tmp_path / "ferry.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    (article,) = articles(read(path))
    assert article.title == "Ferry service resumes after storm damage"
    assert article.author == "Ana Lima"
    assert article.published == "2024-05-02"
    assert article.source == "The Harbour Times"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0] == (
        "The ferry to the islands ran again on Thursday after repairs to the pier "
        "were finished a week early."
    )
    assert "Timetable" in paragraphs
    assert "• Morning crossing at 7:00" in paragraphs
    assert "](" not in article.body and "**" not in article.body and "photo" not in article.body


HTML = """<!DOCTYPE html>
<html lang="en"><head>
<title>Council backs new tram line | Metro Daily</title>
<meta property="og:site_name" content="Metro Daily">
<meta name="author" content="Sam Patel">
<meta property="article:published_time" content="2023-11-07T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Council backs new tram line</h1>
<p>The city council voted on Monday to build a tram line linking the airport with the old town,
a project that has been debated for more than a decade.</p>
<p>Work on the twelve-kilometre line is due to start next year and should take four years,
the transport department said in a statement after the vote.</p>
<p>Business groups welcomed the decision, saying the line would cut journey times for
thousands of commuters who now rely on crowded buses.</p>
</article>
<footer>Copyright 2023 Metro Daily. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "tram.html"
    path.write_text(HTML, encoding="utf-8")
    (article,) = articles(read(path))
    assert article.title == "Council backs new tram line"
    assert article.source == "Metro Daily"
    assert article.author == "Sam Patel"
    assert article.published is not None and article.published.startswith("2023-11-07")
    assert article.body.startswith("The city council voted on Monday")
    assert "Business groups welcomed the decision" in article.body
    assert "Privacy" not in article.body and "Sport" not in article.body
    assert article.original == HTML.encode("utf-8")


def test_gzipped_html_is_read_through(tmp_path: Path) -> None:
    path = tmp_path / "tram.html.gz"
    path.write_bytes(gzip.compress(HTML.encode("utf-8")))
    (article,) = articles(read(path))
    assert article.title == "Council backs new tram line"


def test_html_with_only_scripts_is_refused_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><script>var x = 1;</script><style>p{}</style></head><body>"
        "<script>document.write('hi')</script></body></html>"
    )
    (skip,) = skips(read(path))
    assert skip.where == str(path)
    assert "no article text" in skip.reason


def test_jsonl_broken_line_is_reported_and_others_go_in(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a1",
                "title": "First story",
                "text": "Para one.\n\nPara two.",
                "date": "1987-02-26T15:02:20",
                "source": "Reuters",
                "category": "acq",
            }
        ),
        '{"title": "broken", "text": ',
        json.dumps(
            {"title": "Third story", "text": "Only paragraph here.", "url": "https://x.test/3"}
        ),
        json.dumps({"title": "No text at all"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    got = articles(items)
    assert [a.title for a in got] == ["First story", "Third story"]
    assert got[0].body == "Para one.\n\nPara two."
    assert got[0].published == "1987-02-26T15:02:20"
    assert got[0].source == "Reuters" and got[0].category == "acq"
    assert got[1].url == "https://x.test/3"
    assert got[0].original == lines[0].encode("utf-8")
    problems = {(s.part, s.reason.split(" (")[0]) for s in skips(items)}
    assert problems == {("line 2", "invalid JSON"), ("line 4", 'no "text" field with article text')}


def test_json_array_of_records(tmp_path: Path) -> None:
    path = tmp_path / "corpus.json"
    path.write_text(
        json.dumps([{"title": "A", "text": "Alpha text."}, {"title": "B", "text": "Beta."}])
    )
    assert [a.title for a in articles(read(path))] == ["A", "B"]


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Feed</title>
<item><title>Tide tables updated</title><link>https://h.test/1</link>
<pubDate>Tue, 10 Sep 2024 08:00:00 GMT</pubDate><author>desk@h.test (News Desk)</author>
<description>&lt;p&gt;The new tide tables are out.&lt;/p&gt;&lt;p&gt;They cover the next year.&lt;/p&gt;</description></item>
<item><title>Headline only</title><link>https://h.test/2</link></item>
</channel></rss>
"""


def test_feed_entries_become_articles_and_empty_ones_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "harbour.rss"
    path.write_text(RSS, encoding="utf-8")
    items = read(path)
    (article,) = articles(items)
    assert article.title == "Tide tables updated"
    assert article.body == "The new tide tables are out.\n\nThey cover the next year."
    assert article.source == "Harbour Feed"
    assert article.url == "https://h.test/1"
    assert article.published == "2024-09-10T08:00:00+00:00"  # GMT is a zone: kept
    (skip,) = skips(items)
    assert skip.part == "entry 2" and "no text" in skip.reason


def test_damaged_feed_still_yields_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(RSS.replace("</channel></rss>", "<item><title>Cut off"), encoding="utf-8")
    items = read(path)
    assert [a.title for a in articles(items)] == ["Tide tables updated"]
    assert any(isinstance(i, Notice) and "damaged" in i.message for i in items)


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.txt", b"<!DOCTYPE html><html>", "html"),
        ("a.xml", b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        ("feed", b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("a.json", b'{"title": "x"}\n{"title": "y"}', "json"),
        ("noext", b'{"title": "x", "text": "y"}\n{"title": "z"}', "jsonl"),
        ("notes", b"Just some text", "txt"),
        ("a.md", b"# Title", "md"),
    ],
)
def test_format_is_picked_by_content_then_extension(name: str, head: bytes, kind: str) -> None:
    assert detect_format(name, head) == kind


def test_binary_file_named_txt_is_skipped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (skip,) = skips(read(path))
    assert skip.where == str(path) and "PNG image" in skip.reason


def test_folders_are_walked_recursively_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("x")
    (tmp_path / "top.md").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    names = sorted(
        Path(i.origin).name for i in expand_sources([str(tmp_path)]) if isinstance(i, Input)
    )
    assert names == ["deep.txt", "top.md"]


def test_missing_path_is_a_skip_not_an_error(tmp_path: Path) -> None:
    (skip,) = list(expand_sources([str(tmp_path / "nope.txt")]))
    assert isinstance(skip, Skip) and skip.reason == "no such file or directory"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/story.html":
            body = HTML.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif self.path == "/feed":
            body = RSS.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
        else:
            body = b"not here"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_page_is_fetched_and_read_like_a_file(server: str) -> None:
    (article,) = articles(list(read_input(fetch_url(f"{server}/story.html"))))
    assert article.title == "Council backs new tram line"
    assert article.url == f"{server}/story.html"
    assert article.origin == f"{server}/story.html"


def test_url_feed_is_read_as_a_feed(server: str) -> None:
    got = articles(list(read_input(fetch_url(f"{server}/feed"))))
    assert [a.title for a in got] == ["Tide tables updated"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "HTTP 404"), (None, "cannot resolve host"), ("refused", "refused")],
)
def test_url_errors_are_one_clear_line(server: str, path: str | None, reason: str) -> None:
    url = {None: "http://no-such-host.invalid/x", "refused": "http://127.0.0.1:9/x"}.get(
        path, f"{server}{path}"
    )
    with pytest.raises(UnreadableError, match=reason) as info:
        fetch_url(url, timeout=5)
    assert "\n" not in str(info.value)
