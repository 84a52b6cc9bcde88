"""A feed's links are kept, shown and refused as the feed wrote them.

feedparser takes the slashes after ``scheme://`` off every link
(``file:///etc/passwd`` came out as ``file://etc/passwd``); the article's ``url``
and the ``--full-text`` notice give the link as written, and a link that is not
http(s) is still not fetched.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

from index.article import Article
from index.model import Notice
from index.readers.base import Input
from index.readers.dispatch import read_input
from index.readers.fetch import fetch_url

TEXT = "The harbour reopened to fishing boats on Tuesday after a week of repairs."


def rss(link: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>H</title>'
        f"<item><title>Harbour</title><link>{link}</link>"
        f"<description>{TEXT}</description></item></channel></rss>"
    ).encode()


def atom(link: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>H</title><entry><title>Harbour</title><id>urn:x:1</id>"
        f'<link rel="alternate" href="{link}"/><summary>{TEXT}</summary></entry></feed>'
    ).encode()


def read(data: bytes, **kw: Any) -> list[Any]:
    return list(read_input(Input.from_bytes("feed.xml", "feed.xml", data, **kw)))


LINKS = [
    "file:///etc/passwd",
    "file:///C:/Users/kim/notes.html",
    "smb:///share/story.html",
    "http:///h.test/story",
    "https://h.test/a//b?q=1",
]


@pytest.mark.parametrize("make", [rss, atom], ids=["rss", "atom"])
@pytest.mark.parametrize("link", LINKS)
def test_the_link_is_stored_as_written(make: Any, link: str) -> None:
    (article,) = [a for a in read(make(link)) if isinstance(a, Article)]
    assert article.url == link


@pytest.mark.parametrize("link", LINKS[:4])
def test_a_link_not_fetched_is_named_as_written(link: str) -> None:
    items = read(rss(link), link_fetcher=partial(fetch_url, timeout=1, deadline=2))
    (article,) = [a for a in items if isinstance(a, Article)]
    assert article.url == link and article.body == TEXT
    (notice,) = [n for n in items if isinstance(n, Notice) and "not fetched" in n.message]
    assert f"full text not fetched from {link} (" in notice.message
