"""A dateline alone on its line opens the story's first sentence; it is never dropped.

A dateline ("LONDON, March 5 (Reuters) -") set on a line of its own, above the text it
opens, was taken for a short line of site furniture before the story and dropped, with
the place and date it gives.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from index.readers.cleaning import clean_scraped_text, split_paragraphs
from tests.conftest import CORPORA, needs_corpora

STORY = (
    "A powerful storm closed three ports along the\n"
    "northern coast on Sunday, officials said after\n"
    "waves of eight metres hit the harbour walls.\n"
)
JOINED = (
    "A powerful storm closed three ports along the northern coast on Sunday, officials "
    "said after waves of eight metres hit the harbour walls."
)


def test_the_reported_dateline_joins_the_sentence_it_opens() -> None:
    cleaned = clean_scraped_text(
        f"Storm closes three ports\n\nLONDON, March 5 (Reuters) -\n{STORY}"
    )
    assert cleaned.title == "Storm closes three ports"
    assert cleaned.body == f"LONDON, March 5 (Reuters) - {JOINED}"


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (AP) —",
        "NEW YORK, Jan. 3 (Reuters) -",
        "PARIS --",
        "RIO DE JANEIRO, 5 March (AFP) –",
        "ST. PETERSBURG, Fla. (AP) —",
        "LONDON —",
    ],
)
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_dateline_alone_on_its_line_is_kept_at_the_start_of_the_story(
    dateline: str, gap: str
) -> None:
    for head in ("Storm closes three ports\n\n", ""):
        cleaned = clean_scraped_text(f"{head}{dateline}{gap}{STORY}")
        assert cleaned.body == f"{dateline} {JOINED}", (head, dateline)


def test_a_dateline_joins_its_sentence_and_a_sign_off_stays_apart() -> None:
    lines = [
        "LONDON (Reuters) -",
        "The Bank of England held interest rates at 5.25 percent on Thursday.",
        "(Reporting by Jane Holt; Editing by Tom Reyes)",
    ]
    assert split_paragraphs("\n".join(lines)) == [f"{lines[0]} {lines[1]}", lines[2]]


@pytest.mark.parametrize(
    "line",
    ["UK - US trade talks", "Results:", "BREAKING NEWS", "Home - News"],
)
def test_a_heading_is_not_read_as_a_dateline(line: str) -> None:
    assert split_paragraphs(f"{line}\n\n{JOINED}") == [line, JOINED]


@needs_corpora("news", "bbc.jsonl")
@pytest.mark.parametrize("column", [40, 72])
def test_a_bbc_article_wrapped_at_a_column_keeps_its_dateline(column: int) -> None:
    lines = (CORPORA / "news" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()
    for number in (0, 50, 300):
        article = json.loads(lines[number])
        paragraphs = [p.strip() for p in article["text"].split("\n\n") if p.strip()]
        dateline = "LONDON, March 5 (BBC) -"
        wrapped = "\n\n".join(textwrap.fill(p, column) for p in paragraphs)
        cleaned = clean_scraped_text(f"{article['title']}\n\n{dateline}\n{wrapped}")
        body = cleaned.body.split("\n\n")
        plain = clean_scraped_text(f"{article['title']}\n\n{article['text']}").body.split("\n\n")
        assert cleaned.title == article["title"]
        assert body == [f"{dateline} {plain[0]}", *plain[1:]], number
