"""Plain text hard-wrapped at any column, 30 to 80 wide, comes back as its paragraphs.

A narrow column (OCR of a newspaper column, a copy from a narrow layout) used to
stay cut: a document was only read as wrapped from 40 columns up, and a line of it
starting with "by ...", "- in which ...", "2005. The ..." or lower-case words of
site furniture ("sign up to", "most popular") was taken for a byline, a list item
or furniture and never joined. Real short paragraphs (one-sentence news paragraphs,
lists, datelines, labels such as "Referee: Mike Dean", sign-offs) leave room for
the next word on their line and stay apart.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from index.readers.cleaning import clean_scraped_text, split_paragraphs
from tests.conftest import CORPORA, needs_corpora

WIDTHS = (30, 35, 40, 60, 72, 80)

# Paragraphs written for the test, full of what used to stop a join at some width.
STORY = [
    "Officials said the new rules, which were announced by the ministry on Monday in "
    "the capital, would come into force by 2005. The changes were approved by the "
    "Securities and Exchange Commission after a review that lasted three years.",
    "Readers were urged to sign up to the scheme before the deadline, which the most "
    "popular newspapers in the country had printed on their front pages - a move "
    "that surprised many analysts in the search-engine business.",
    "The company, whose shares rose 12% to $4.50 (£2.40) in early trading, said it "
    "expected profits to grow by a quarter in 2006 - or more if demand held up. "
    "Its chief executive, Jean-Luc de la Fontaine, declined to comment.",
    'Mr Smith added: "We have always said that the plan would work, and the figures '
    "published today by the Office for National Statistics show that it has. We are "
    'delighted."',
]


@pytest.mark.parametrize("column", WIDTHS)
def test_paragraphs_wrapped_at_any_column_come_back_whole(column: int) -> None:
    text = "\n\n".join(textwrap.fill(p, column) for p in STORY)
    assert split_paragraphs(text) == STORY


@pytest.mark.parametrize("column", WIDTHS)
def test_a_headline_over_a_story_wrapped_at_any_column(column: int) -> None:
    title = "Ministry sets date for new rules"
    text = title + "\n\n" + "\n\n".join(textwrap.fill(p, column) for p in STORY)
    cleaned = clean_scraped_text(text)
    assert cleaned.title == title
    assert cleaned.body.split("\n\n") == STORY


@pytest.mark.parametrize("column", WIDTHS)
def test_a_wrapped_list_item_is_one_item(column: int) -> None:
    items = [
        "- A comprehensive ban on smoking in all enclosed public places in the country",
        "- Licensees who fail to enforce the law will face fines of up to £2,500",
        "- Individuals who break the law will face a fine of £1,000.",
    ]
    intro = (
        "The bill, which was passed by the parliament on Thursday, includes the following points:"
    )
    text = (
        textwrap.fill(intro, column) + "\n\n" + "\n".join(textwrap.fill(i, column) for i in items)
    )
    assert split_paragraphs(text) == [intro, *items]


def test_a_narrow_ocr_column_with_names_at_line_starts() -> None:
    column = (
        "WASHINGTON (AP) - The Senate\n"
        "passed the spending bill late\n"
        "on Friday after Senator John\n"
        "Thune, the majority leader,\n"
        "agreed to a vote on border\n"
        "security. Democrats led by\n"
        "Chuck Schumer said the bill\n"
        "did not go far enough.\n"
    )
    assert split_paragraphs(column) == [
        "WASHINGTON (AP) - The Senate passed the spending bill late on Friday after "
        "Senator John Thune, the majority leader, agreed to a vote on border security. "
        "Democrats led by Chuck Schumer said the bill did not go far enough."
    ]


# -- what must stay apart -------------------------------------------------------------

SHORT_PARAGRAPHS = {
    "one-sentence news paragraphs": [
        "LONDON (Reuters) - A powerful storm closed three ports on Monday.",
        "Officials said ships were stranded at sea overnight.",
        "The coastguard rescued two fishermen near Dover.",
        "Ferries will resume on Tuesday, the operator said.",
        "Schools in the area stayed open.",
    ],
    # a dateline alone on its line joins the sentence it opens: tests/test_datelines.py
    "sign-off": [
        "The Bank of England held interest rates at 5.25 percent on Thursday.",
        "Markets had expected the decision.",
        "(Reporting by Jane Holt; Editing by Tom Reyes)",
    ],
    "bullets": [
        "The plan includes:",
        "- a new bridge over the river",
        "- two schools",
        "- a hospital wing",
        "Work starts in May.",
    ],
    "numbered list": [
        "Three things to know:",
        "1. The vote is on Tuesday.",
        "2. Polls close at 10pm.",
        "3. Results are due on Wednesday morning.",
    ],
    "match report": [
        "Chelsea won the cup in extra time after a dramatic final in Cardiff.",
        "Subs not used: Pidgeley, Tiago.",
        "Attendance: 78,000",
        "Referee: Mike Dean",
    ],
    "quotes of one line": [
        '"We are delighted," she said.',
        '"It is a great day for the city."',
        "The mayor thanked the voters.",
    ],
}


@pytest.mark.parametrize("name", sorted(SHORT_PARAGRAPHS))
def test_real_short_paragraphs_one_per_line_stay_apart(name: str) -> None:
    paragraphs = SHORT_PARAGRAPHS[name]
    assert split_paragraphs("\n".join(paragraphs)) == paragraphs


def test_short_paragraphs_inside_a_wrapped_document_stay_apart() -> None:
    text = (
        "The council voted on Tuesday to approve\n"
        "the plan for a park along the river,\n"
        "ending a debate that lasted three years.\n"
        "Attendance: 45,210\n"
        "Referee: Mike Dean\n"
        "The mayor said the park would open in the\n"
        "spring of next year, weeks ahead of the\n"
        "date set by the council.\n"
        '"We are delighted," she said.\n'
        "(Reporting by Jane Holt; Editing by Tom\n"
        "Reyes)\n"
    )
    assert split_paragraphs(text) == [
        "The council voted on Tuesday to approve the plan for a park along the river, "
        "ending a debate that lasted three years.",
        "Attendance: 45,210",
        "Referee: Mike Dean",
        "The mayor said the park would open in the spring of next year, weeks ahead of "
        "the date set by the council.",
        '"We are delighted," she said.',
        "(Reporting by Jane Holt; Editing by Tom Reyes)",
    ]


# -- the BBC corpus, wrapped by textwrap ------------------------------------------------


def _units(text: str) -> list[list[str]]:
    """Blank-line paragraphs, each a list of its lines (list items), spaces normalised."""
    return [
        [" ".join(line.split()) for line in block.split("\n") if line.strip()]
        for block in text.split("\n\n")
        if block.strip()
    ]


@needs_corpora("news", "bbc.jsonl")
@pytest.mark.parametrize("column", [30, 40, 72])
def test_bbc_articles_wrapped_at_a_column_read_as_unwrapped(column: int) -> None:
    """Measured: the wrapped articles read exactly as the unwrapped ones in all but a
    few of 743 (words longer than the column, which textwrap cuts without a hyphen)."""
    lines = (CORPORA / "news" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()
    same = 0
    for line in lines:
        article = json.loads(line)
        units = _units(article["text"])
        plain = clean_scraped_text(article["title"] + "\n\n" + article["text"])
        wrapped = "\n\n".join("\n".join(textwrap.fill(u, column) for u in p) for p in units)
        cleaned = clean_scraped_text(article["title"] + "\n\n" + wrapped)
        same += (cleaned.title, cleaned.body) == (plain.title, plain.body)
    assert same >= 0.99 * len(lines)


def test_a_first_line_indent_starts_a_paragraph_in_a_narrow_column() -> None:
    # Print and OCR mark paragraphs by indenting their first line, not by a blank line;
    # here the first paragraph's last line is full, so only the indent tells.
    first = (
        "The Senate passed the spending bill late on Friday after a long debate over "
        "border security and foreign aid, sending the measure to the House of "
        "Representatives for a final vote on Monday morning."
    )
    second = (
        "Senators left for the weekend recess shortly after the vote, leaving the House "
        "to act on the bill before the deadline at midnight on Tuesday next week."
    )
    lines = textwrap.wrap(first, 30) + textwrap.wrap(second, 30)
    end = len(textwrap.wrap(first, 30))
    assert len(lines[end - 1]) + 1 + len("Senators") > 30  # the premise: a full last line
    column = "\n".join(("    " if i in (0, end) else "") + line for i, line in enumerate(lines))
    assert split_paragraphs(column) == [first, second]


def test_a_hanging_indent_goes_on_its_list_item() -> None:
    text = "- First item of the list that\n  goes on to a second line.\n- Second item\n"
    assert split_paragraphs(text) == [
        "- First item of the list that goes on to a second line.",
        "- Second item",
    ]


@pytest.mark.parametrize("column", [32, 40, 55, 66, 80])
def test_paragraphs_ending_short_without_blank_lines_between_them(column: int) -> None:
    # A wrapped document whose paragraphs follow each other without a blank line: a
    # paragraph's last line leaves room for the next paragraph's first word, every
    # other line does not. (Where the last line happens to be full, nothing tells.)
    paragraphs = [
        "The council voted on Tuesday to approve a plan for a park along the river, "
        "ending a debate that lasted almost three years in the city.",
        "Supporters said the park would bring families back to a stretch of waterfront "
        "that has been closed to the public since the mill shut down.",
        "Opponents warned that the cost of cleaning the soil could double the budget.",
    ]
    wrapped = [textwrap.fill(p, column) for p in paragraphs]
    for block, after in zip(wrapped, paragraphs[1:], strict=False):  # the premise
        assert len(block.split("\n")[-1]) + 1 + len(after.split()[0]) <= column
    assert split_paragraphs("\n".join(wrapped)) == paragraphs
