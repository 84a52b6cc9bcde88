"""HTML metadata (issue 13 review): the title without its section and site names, an
author that looks like a name, and the publisher's own date string with its time and
offset."""

from __future__ import annotations

import pytest

from index.article import Article
from index.readers.base import Input
from index.readers.html import read_html
from index.readers.htmlmeta import clean_title, name_like, page_meta, published_date

STORY = (
    "<p>Three ports closed on Sunday as a storm hit the coast, the harbour authority said in "
    "a statement on its website.</p><p>Ships were told to stay at sea until the wind dropped, "
    "officials said on Monday, and ferries to the islands were cancelled.</p>"
)


def read(title: str, head: str = "", body: str = STORY) -> Article:
    html = f"<html><head><title>{title}</title>{head}</head><body><article>{body}</article></body></html>"
    src = Input.from_bytes("page.html", "page.html", html.encode("utf-8"))
    (article,) = [item for item in read_html(src) if isinstance(item, Article)]
    return article


# --- titles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "want"),
    [
        (
            "World | Storm closes ports along the coast | Coastal Times",
            "Storm closes ports along the coast",
        ),
        ("Brexit: what happens next? | Politics | The Guardian", "Brexit: what happens next?"),
        (
            "Middle East - Ceasefire talks resume in Cairo - World News Daily",
            "Ceasefire talks resume in Cairo",
        ),
        (
            "Sport » Rovers sack manager after cup exit » The Evening Post",
            "Rovers sack manager after cup exit",
        ),
        ("Business — Bank raises rates again — Markets — FT", "Bank raises rates again"),
    ],
)
def test_review_kind_title_loses_section_and_site_names(title: str, want: str) -> None:
    assert clean_title(title, []) == want
    assert read(title).title == want


@pytest.mark.parametrize(
    "title",
    [
        "Rain / shine: the summer ahead",
        "Biden - the man who would be president",
        "Floods hit Kent",
        "Storm hits - again",
    ],
)
def test_a_headline_with_a_separator_of_its_own_is_kept(title: str) -> None:
    assert clean_title(title, []) == title


def test_og_title_or_h1_agreeing_with_a_part_of_the_title_is_the_title() -> None:
    title = "Opinion | Why the rail line matters | Letters | The Paper"
    assert clean_title(title, ["Why the rail line matters"]) == "Why the rail line matters"
    assert clean_title(title, [None, "WHY THE RAIL LINE MATTERS!"]) == "Why the rail line matters"
    # "Live" would not be dropped as a section before a short headline; the h1 settles it.
    title = "Live | Storm: latest | BBC"
    assert clean_title(title, ["Storm: latest"]) == "Storm: latest"
    head = '<meta property="og:title" content="Why the rail line matters">'
    assert read("Opinion | Why the rail line matters | Letters | The Paper", head).title == (
        "Why the rail line matters"
    )


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("BBC News - Storm closes ports along the coast", "BBC News"),
        ("The Coast Paper | Storm closes ports along the coast | Weather", "The Coast Paper"),
        ("Storm closes ports along the coast :: coastpaper", "coastpaper"),
    ],
)
def test_the_sites_own_name_goes_from_either_end(title: str, site: str) -> None:
    head = f'<meta property="og:site_name" content="{site}">'
    assert read(title, head).title == "Storm closes ports along the coast"
    # Without a site name to go by, the headline is kept, never the site's name alone.
    assert "Storm closes ports along the coast" in read(title).title


# --- authors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "Updated 10:42 GMT, 5 March 2024",
        "Published 5 March 2024",
        "Posted on March 5, 2024",
        "Last updated: Tuesday",
    ],
)
def test_review_kind_a_date_line_is_no_author(byline: str) -> None:
    body = f'<h1>Ports close</h1><div class="byline">{byline}</div>{STORY}'
    assert read("Ports close", body=body).author is None


@pytest.mark.parametrize("name", ["Updated", "5 March 2024", "GMT", "Monday", "10:42"])
def test_words_of_a_date_are_no_name(name: str) -> None:
    assert not name_like(name)


@pytest.mark.parametrize("name", ["Jane Holt", "Theresa May", "J. R. Hartley", "Reuters"])
def test_names_are_names(name: str) -> None:
    assert name_like(name)


def test_a_real_byline_still_gives_its_author() -> None:
    body = f'<h1>Ports close</h1><div class="byline">By Jane Holt</div>{STORY}'
    assert read("Ports close", body=body).author == "Jane Holt"


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "want"),
    [
        (
            '<meta property="article:published_time" content="2024-03-05T23:30:00-08:00">',
            "2024-03-05T23:30:00-08:00",
        ),
        (
            "<meta content='2024-03-05T07:15:00+05:30' property='og:published_time'/>",
            "2024-03-05T07:15:00+05:30",
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2024-03-05T23:30:00Z", "headline": "x"}</script>',
            "2024-03-05T23:30:00+00:00",
        ),
        ('<meta itemprop="datePublished" content="2024-03-05T09:00:00">', "2024-03-05T09:00:00"),
        (
            '<meta name="pubdate" content="Tue, 05 Mar 2024 23:30:00 -0800">',
            "2024-03-05T23:30:00-08:00",
        ),
    ],
)
def test_review_kind_the_publishers_date_keeps_time_and_offset(head: str, want: str) -> None:
    assert read("Ports close", head).published == want


def test_a_time_tag_on_trafilaturas_day_gives_the_time() -> None:
    meta = page_meta(
        '<p><time datetime="2024-03-04T08:00:00+01:00">Mon</time></p>'
        '<time datetime="2024-03-05T10:42:00+00:00">10:42</time>'
    )
    assert published_date(meta, "2024-03-05") == "2024-03-05T10:42:00+00:00"
    assert published_date(meta, None) is None  # a <time> alone may date anything
    assert published_date(page_meta("<p>no date</p>"), "2024-03-05") == "2024-03-05"


def test_broken_or_hostile_meta_is_ignored() -> None:
    head = (
        '<meta property="article:published_time" content="yesterday">'
        '<meta property="article:published_time" content="' + "9" * 5000 + '">'
        "<meta " + "a=b " * 3000 + ">"
    )
    meta = page_meta(head + "<time datetime='not a date'>")
    assert published_date(meta, "2024-03-05") == "2024-03-05"
    assert published_date(meta, None) is None
