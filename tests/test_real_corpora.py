"""Real-world inputs from ../shared/corpora (read in place, never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

from index.article import Article
from index.library import Library
from index.model import Notice, Skip
from index.readers.dispatch import read_input
from index.readers.sources import file_input
from tests.conftest import CORPORA, needs_corpora


@needs_corpora("news", "bbc.jsonl")
def test_bbc_corpus_goes_in_whole_with_duplicates_merged(library: Library) -> None:
    with library.writer() as writer:
        report = writer.add([str(CORPORA / "news" / "bbc.jsonl")], analyse=False)
    # The corpus README: 743 records, 30 of them exact copies of others in the file.
    assert len(report.added) == 713 and report.duplicates == 30 and report.unchanged == 0
    assert report.skipped == []
    assert library.count() == 713
    assert library.search('"Time Warner"').total > 0


@needs_corpora("html_extraction")
def test_every_real_html_page_gives_an_article_with_metadata() -> None:
    pages = sorted((CORPORA / "html_extraction").glob("*/html/*.html.gz"))
    assert len(pages) == 174
    titled = 0
    for page in pages[::6]:
        items = list(read_input(file_input(page)))
        got = [i for i in items if isinstance(i, Article)]
        assert len(got) == 1, (page, items)
        assert len(got[0].body.split()) > 50, page
        titled += bool(got[0].title) and got[0].title != page.name
    assert titled == len(pages[::6])


@needs_corpora("feeds")
def test_real_feeds_yield_entries_and_explain_what_they_skip() -> None:
    for feed in sorted((CORPORA / "feeds").glob("*.*")):
        if feed.suffix == ".md":
            continue
        items = list(read_input(file_input(feed)))
        articles = [i for i in items if isinstance(i, Article)]
        skips = [i for i in items if isinstance(i, Skip)]
        # rss-1 (a table of contents) has headlines only; every other feed has text.
        if feed.name == "rss-parser__rss-1.rss":
            assert not articles and {s.reason for s in skips} == {"headline only, no text"}
        else:
            assert articles, feed
        for skip in skips:
            assert skip.reason and "\n" not in skip.reason


@needs_corpora("feeds", "rss-parser__uolNoticias.rss")
def test_broken_latin1_feed_is_read_with_a_notice() -> None:
    items = list(read_input(file_input(CORPORA / "feeds" / "rss-parser__uolNoticias.rss")))
    assert any(isinstance(i, Notice) for i in items)
    titles = [i.title for i in items if isinstance(i, Article)]
    assert len(titles) >= 10
    assert any("ç" in t or "ã" in t for t in titles)  # decoded as Latin-1, not mojibake


def test_corpora_are_not_in_the_repository() -> None:
    root = Path(__file__).resolve().parent.parent
    tracked = [p for p in root.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts]
    assert not [p for p in tracked if p.name in {"bbc.jsonl", "reuters21578.jsonl", "eng.testa"}]
