"""Citations (issue 15, item 1): the text, Markdown and CSL-JSON forms, every missing
field left out with its separator, dates as the publisher gave them, and finding a
typed quote or the sentence/paragraph around a place in the body."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from index.citation import (
    cite_csl,
    cite_markdown,
    cite_text,
    date_parts,
    find_quote,
    human_date,
    lead_span,
    paragraph_span,
    sentence_span,
)


@dataclass(frozen=True)
class Doc:
    id: str = "0123456789abcdef"
    title: str = "Ad sales boost Time Warner profit"
    source: str | None = "BBC News"
    published: str | None = "2024-03-05"
    url: str | None = "https://example.org/a"
    author: str | None = None
    ingested_at: str = "2026-11-30T10:00:00+00:00"


def test_the_full_citation_reads_as_the_issue_shows() -> None:
    assert cite_text(Doc(), "Profits  jumped\n76%.") == (
        '"Profits jumped 76%." — Ad sales boost Time Warner profit, BBC News, 5 March 2024, '
        "https://example.org/a (nutgraf 0123456789abcdef)"
    )


FIELDS = ("title", "source", "published", "url")


@pytest.mark.parametrize("missing", list(itertools.product([False, True], repeat=4)))
def test_every_missing_field_is_left_out_with_its_separator(missing: tuple[bool, ...]) -> None:
    gone = {f: ("" if f == "title" else None) for f, m in zip(FIELDS, missing, strict=True) if m}
    doc = Doc(**gone)  # type: ignore[arg-type]
    shown = [
        "Ad sales boost Time Warner profit",
        "BBC News",
        "5 March 2024",
        "https://example.org/a",
    ]
    kept = [s for s, m in zip(shown, missing, strict=True) if not m]
    where = ", ".join(kept)
    tail = f"{where} (nutgraf {doc.id})" if where else f"(nutgraf {doc.id})"
    assert cite_text(doc, "Q") == f'"Q" — {tail}'
    text = cite_text(doc, "Q")
    assert ", ," not in text and ",  (" not in text and "None" not in text
    md = cite_markdown(doc, "Q")
    assert md.startswith("> Q\n\n— ") and "None" not in md and ", ," not in md
    assert md.endswith(f"(nutgraf {doc.id})")
    csl = cite_csl(doc)
    assert ("title" in csl) is not missing[0]
    assert ("container-title" in csl) is not missing[1]
    assert ("issued" in csl) is not missing[2]
    assert ("URL" in csl) is not missing[3]
    assert "author" not in csl  # never invented


def test_markdown_links_the_title_and_escapes_it() -> None:
    doc = Doc(title="A *bold* [claim]", url="https://example.org/a_(b)")
    md = cite_markdown(doc, 'He said "no" *twice*')
    assert md.splitlines()[0] == '> He said "no" \\*twice\\*'
    assert md.splitlines()[2] == (
        "— [A \\*bold\\* \\[claim\\]](<https://example.org/a_(b)>), BBC News, 5 March 2024 "
        "(nutgraf 0123456789abcdef)"
    )
    assert (
        cite_markdown(Doc(url=None), "q")
        .splitlines()[2]
        .startswith("— Ad sales boost Time Warner profit, BBC")
    )


def test_csl_json_item() -> None:
    item = cite_csl(Doc(author="Jane Smith", published="2024-03-05T23:30:00-08:00"))
    assert item == {
        "id": "0123456789abcdef",
        "type": "article-newspaper",
        "title": "Ad sales boost Time Warner profit",
        "container-title": "BBC News",
        "URL": "https://example.org/a",
        "issued": {"date-parts": [[2024, 3, 5]]},
        "author": [{"literal": "Jane Smith"}],
        "accessed": {"date-parts": [[2026, 11, 30]]},
    }


@pytest.mark.parametrize(
    ("given", "shown", "parts"),
    [
        ("2024-03-05", "5 March 2024", [2024, 3, 5]),
        # The publisher's day, never moved to UTC (it is the 6th in UTC).
        ("2024-03-05T23:30:00-08:00", "5 March 2024", [2024, 3, 5]),
        ("2024-03", "March 2024", [2024, 3]),
        ("2024", "2024", [2024]),
        ("spring 2024", "spring 2024", None),
        (None, None, None),
        ("", None, None),
    ],
)
def test_dates_keep_the_precision_and_day_given(
    given: str | None, shown: str | None, parts: list[int] | None
) -> None:
    assert human_date(given) == shown
    assert date_parts(given) == parts


def test_a_long_quote_is_kept_whole_and_inner_quotes_left_alone() -> None:
    quote = "“Relying on Russia” " + "word " * 300 + "'end'"
    text = cite_text(Doc(), quote)
    assert text.startswith('"“Relying on Russia” word word')
    assert "'end'\" —" in text and "…" not in text


BODY = (
    "First sentence here. Second “quoted” one!\n\n"
    "Another paragraph: it   has\nits own line. And more."
)


def test_a_quote_is_found_folded_for_space_and_curly_quotes() -> None:
    places = find_quote(BODY, 'Second "quoted"   one!')
    assert [BODY[s:e] for s, e in places] == ["Second “quoted” one!"]
    assert [BODY[s:e] for s, e in find_quote(BODY, "it has its own")] == ["it   has\nits own"]
    assert find_quote(BODY, "second") == []  # case kept
    assert find_quote(BODY, "   ") == []
    assert len(find_quote("a b a b a", "a")) == 3


def test_sentences_and_paragraphs_around_a_place() -> None:
    at = BODY.index("quoted")
    starts = [0, BODY.index("Second"), BODY.index("Another"), BODY.index("And more")]
    lo, hi = sentence_span(BODY, at, at + 6, starts)
    assert BODY[lo:hi] == "Second “quoted” one!"
    lo, hi = sentence_span(BODY, at, at + 6, None)  # an old article: the rule of thumb
    assert BODY[lo:hi] == "Second “quoted” one!"
    lo, hi = paragraph_span(BODY, at)
    assert BODY[lo:hi] == "First sentence here. Second “quoted” one!"
    lo, hi = paragraph_span(BODY, BODY.index("its own"))
    assert BODY[lo:hi] == "Another paragraph: it   has\nits own line. And more."
    assert BODY.__getitem__(slice(*lead_span(BODY, starts))) == "First sentence here."
    assert lead_span("", None) == (0, 0)
