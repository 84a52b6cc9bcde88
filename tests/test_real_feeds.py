"""The shared real feeds go in as before, with the improvements of issue 13 only:
teaser links gone from the bodies and dates at the publisher's offset."""

from __future__ import annotations

import pytest

from index.article import Article
from index.model import Notice
from index.readers.dispatch import read_input
from index.readers.sources import file_input
from tests.conftest import CORPORA, needs_corpora

FEEDS = CORPORA / "feeds"

#: Articles each feed gave before the change (and must still give).
COUNTS = {
    "rss-parser__content-encoded.rss": 7,
    "rss-parser__encoding.rss": 36,
    "rss-parser__feedburner.atom": 25,
    "rss-parser__guardian.rss": 55,
    "rss-parser__heise.atom": 15,
    "rss-parser__reddit.rss": 24,
    "rss-parser__rss-1.rss": 0,
    "rss-parser__uolNoticias.rss": 11,
}


@needs_corpora("feeds")
@pytest.mark.parametrize(("name", "count"), sorted(COUNTS.items()))
def test_each_real_feed_gives_as_many_articles_as_before(name: str, count: int) -> None:
    items = list(read_input(file_input(FEEDS / name)))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == count
    assert not any(a.body.endswith("Continue reading...") for a in articles)


@needs_corpora("feeds", "rss-parser__guardian.rss")
def test_guardian_teasers_lose_their_continue_reading_link() -> None:
    items = list(read_input(file_input(FEEDS / "rss-parser__guardian.rss")))
    first = next(i for i in items if isinstance(i, Article))
    assert first.body.startswith("The president’s ‘new American moment’ speech")
    assert "Continue reading" not in first.body
    assert first.published == "2018-01-31T07:26:05+00:00"
    (notice,) = [i for i in items if isinstance(i, Notice)]
    assert notice.message.startswith("55 of 55 entries are teasers")


@needs_corpora("feeds", "rss-parser__heise.atom")
def test_heise_dates_are_at_the_publishers_offset() -> None:
    items = list(read_input(file_input(FEEDS / "rss-parser__heise.atom")))
    first = next(i for i in items if isinstance(i, Article))
    assert first.published == "2016-02-01T17:22:00+01:00"  # was 16:22 (UTC, no offset)
