"""Feed fields are read as the feed types them (issue 13, item 4): only HTML-typed fields
are parsed as HTML, so a plain-text title about the <marquee> tag keeps it."""

from __future__ import annotations

import shutil
from pathlib import Path

from index.library import Library
from tests.conftest import CASES, needs_cases

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">The &lt;b&gt;Markup&lt;/b&gt; Desk</title>
  <id>urn:x</id><updated>2024-03-05T09:30:00Z</updated>
  <entry>
    <title type="text">Editors argue over &lt;h1&gt; versus &lt;title&gt;</title>
    <id>urn:x:1</id><updated>2024-03-05T09:30:00Z</updated>
    <content type="text">Writers compared the &lt;h1&gt; element with the page title on Monday.

A second paragraph says that 4 &lt; 5 in every browser.</content>
  </entry>
  <entry>
    <title type="html">Browsers &lt;em&gt;finally&lt;/em&gt; agree</title>
    <id>urn:x:2</id><updated>2024-03-06T09:30:00Z</updated>
    <content type="html">&lt;p&gt;Browser makers agreed on a shared test suite on Tuesday.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def _add(library: Library, path: Path) -> None:
    with library.writer() as writer:
        report = writer.add([str(path)])
    assert report.added, report


@needs_cases
def test_plain_text_rss_titles_keep_their_angle_brackets(library: Library, tmp_path: Path) -> None:
    shutil.copy(CASES / "plain-title-brackets.rss", tmp_path / "feed.rss")
    _add(library, tmp_path / "feed.rss")
    assert sorted(a.title for a in library.articles()) == [
        "Browsers drop support for the <marquee> and <blink> tags",
        "Why 2 < 3 still trips up spreadsheet users",
    ]
    assert library.search("title:marquee").total == 1


def test_atom_fields_are_read_as_their_type_says(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    _add(library, path)
    by_title = {a.title: a for a in library.articles()}
    assert set(by_title) == {"Editors argue over <h1> versus <title>", "Browsers finally agree"}
    text_entry = library.get(by_title["Editors argue over <h1> versus <title>"].id)
    assert text_entry is not None
    assert text_entry.body.split("\n\n") == [
        "Writers compared the <h1> element with the page title on Monday.",
        "A second paragraph says that 4 < 5 in every browser.",
    ]
    assert text_entry.source == "The Markup Desk"  # an HTML-typed feed title is parsed
    html_entry = library.get(by_title["Browsers finally agree"].id)
    assert html_entry is not None
    assert html_entry.body == "Browser makers agreed on a shared test suite on Tuesday."
