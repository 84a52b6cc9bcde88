"""Paragraphs marked by a first-line indent, wrapped at a narrow column, stay whole.

The indent takes room on the line: a wrapper (``textwrap`` with ``initial_indent``,
a typesetter, OCR of a newspaper column) broke the first line where the next word
would not have fitted *with* the indent. Measured without it, the first line looked
short, as a paragraph's last line does, and the paragraph was cut after it
("Mr Panke praised the Honda" / "Accura as the ...").
"""

from __future__ import annotations

import json
import textwrap

import pytest

from index.readers.cleaning import clean_scraped_text, split_paragraphs
from tests.conftest import CORPORA, needs_corpora


def test_the_reported_indented_paragraphs_stay_whole() -> None:
    text = (
        "BMW reveals new models\n\n"
        "    BMW is preparing to enter the\n"
        "market for car-style people\n"
        "carriers, the chief said.\n"
        "    Mr Panke praised the Honda\n"
        'Accura as the "best execution" yet\n'
        "of a crossover vehicle.\n"
    )
    cleaned = clean_scraped_text(text)
    assert cleaned.body.split("\n\n") == [
        "BMW is preparing to enter the market for car-style people carriers, the chief said.",
        'Mr Panke praised the Honda Accura as the "best execution" yet of a crossover vehicle.',
    ]


# (column, first-line indent, paragraphs): each second paragraph's first line is short,
# its next word (a name) would have fitted without the indent, not with it.
INDENTED = [
    (
        34,
        "    ",
        [
            "Police said the crash happened on the ring road shortly after midnight on Saturday.",
            "The minister thanked Councillor Margaret Oduya for her work on the plan over the "
            "last three years.",
        ],
    ),
    (
        30,
        "  ",
        [
            "The festival drew a record crowd of forty thousand people over the weekend.",
            "Fans cheered Manchester United as the team bus arrived at the stadium on Sunday "
            "afternoon.",
        ],
    ),
    (
        40,
        "      ",
        [
            "The airline said flights would resume on Monday once the runway had been repaired.",
            "Passengers thanked Heathrow Airport's staff, who handed out blankets and water to "
            "those stranded overnight.",
        ],
    ),
    (
        36,
        "\t",
        [
            "Shares in the bank fell sharply on Tuesday after it warned of lower profits.",
            "Analysts at Barclays Stockbrokers said the warning had been expected for several "
            "weeks by most of the market.",
        ],
    ),
]


@pytest.mark.parametrize(("column", "indent", "paragraphs"), INDENTED)
def test_first_line_indents_count_in_the_width(
    column: int, indent: str, paragraphs: list[str]
) -> None:
    spaces = indent.expandtabs(4)
    wrapped = [textwrap.wrap(p, column, initial_indent=spaces) for p in paragraphs]
    first, after = wrapped[1][0].strip(), wrapped[1][1].split()[0]
    assert len(first) + 1 + len(after) <= column < len(spaces) + len(first) + 1 + len(after)
    text = "\n".join(indent + "\n".join(lines)[len(spaces) :] for lines in wrapped)
    assert split_paragraphs(f"Headline here\n\n{text}") == ["Headline here", *paragraphs]


@needs_corpora("news", "bbc.jsonl")
@pytest.mark.parametrize("number", [50, 0, 141, 400])
@pytest.mark.parametrize("column", [34, 40])
def test_bbc_articles_wrapped_with_indents_read_as_unwrapped(number: int, column: int) -> None:
    article = json.loads(
        (CORPORA / "news" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()[number]
    )
    paragraphs = [p.strip() for p in article["text"].split("\n\n") if p.strip()]
    wrapped = "\n".join(textwrap.fill(p, column, initial_indent="    ") for p in paragraphs)
    plain = clean_scraped_text(f"{article['title']}\n\n{article['text']}")
    cleaned = clean_scraped_text(f"{article['title']}\n\n{wrapped}")
    assert (cleaned.title, cleaned.body) == (plain.title, plain.body)
