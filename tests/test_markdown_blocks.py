"""Markdown read as CommonMark reads it (issue 13, item 1): a single line break inside a
paragraph is a soft break, a space; only blank lines, headings, list items, quotes,
rules and fences separate blocks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from index.library import Library
from index.readers.markdown import markdown_to_text
from tests.conftest import CASES, needs_cases


def blocks(text: str) -> list[str]:
    """The blocks of the plain text: what blank lines separate."""
    return [b.strip() for b in re.split(r"\n\s*\n", markdown_to_text(text)[1]) if b.strip()]


def test_a_soft_break_is_a_space_and_a_blank_line_a_new_paragraph() -> None:
    text = "# Title\n\nOne line\nand the next\nline.\n\nA second\nparagraph.\n"
    assert markdown_to_text(text)[0] == "Title"
    assert blocks(text) == ["One line and the next line.", "A second paragraph."]


def test_lists_quotes_fences_and_headings_stay_apart() -> None:
    text = (
        "# T\n\nIntro line\ngoes on.\n- first item\n  continues\n- second item\n\n"
        "> a quote\n> on two lines\n\n## Part two\nBody **in bold\nacross** lines.\n\n"
        "```\ncode one\ncode two\n```\n"
    )
    assert blocks(text) == [
        "Intro line goes on.",
        "• first item continues",
        "• second item",
        "a quote on two lines",
        "Part two",
        "Body in bold across lines.",
        "code one\ncode two",
    ]


def test_a_hard_break_keeps_its_line_and_cjk_soft_breaks_add_no_space() -> None:
    assert blocks("# T\n\nfirst  \nsecond\n") == ["first\nsecond"]
    assert blocks("# T\n\nfirst\\\nsecond\n") == ["first\nsecond"]
    assert blocks("# T\n\n朝鲜最高领导人\n金正恩视察了试射。\n") == [
        "朝鲜最高领导人金正恩视察了试射。"
    ]


@needs_cases
def test_soft_breaks_case_keeps_a_name_across_the_break(library: Library, tmp_path: Path) -> None:
    shutil.copy(CASES / "soft-breaks.md", tmp_path / "soft-breaks.md")
    with library.writer() as writer:
        (added,) = writer.add([str(tmp_path / "soft-breaks.md")]).added
    article = library.get(added.id)
    assert article is not None and len(article.body.split("\n\n")) == 2
    people = {e.name: e for e in library.entities(added.id) or () if e.kind == "person"}
    assert set(people) == {"Kim Jong Un", "Vladimir Putin"}
    assert "Kim" in people["Kim Jong Un"].aliases
    assert len(library.mentions("Vladimir Putin")) == 1


def test_a_name_across_a_soft_break_of_my_own(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Talks in Berlin\n\nTalks began.\nThe chancellor met Emmanuel\n"
        "Macron on Monday.\nThey spoke for two hours.\n",
        encoding="utf-8",
    )
    with library.writer() as writer:
        (added,) = writer.add([str(path)]).added
    article = library.get(added.id)
    assert article is not None
    assert (
        article.body
        == "Talks began. The chancellor met Emmanuel Macron on Monday. They spoke for two hours."
    )
    names = {e.name for e in library.entities(added.id) or () if e.kind == "person"}
    assert "Emmanuel Macron" in names and "Emmanuel" not in names


def md_body(text: str) -> str:
    """The body the Markdown reader stores for ``text`` (a heading is put above it)."""
    from index.article import Article
    from index.readers.base import Input
    from index.readers.dispatch import read_input

    data = f"# A note\n\n{text}".encode()
    (article,) = [
        a for a in read_input(Input.from_bytes("n.md", "n.md", data)) if isinstance(a, Article)
    ]
    return article.body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # Fenced code: one paragraph, its lines and their indent kept.
        ("```\ncode line one\ncode line two\n```\n", "code line one\ncode line two"),
        (
            "Before it.\n\n~~~python\ndef f(x):\n    return x\n~~~\nAfter it.\n",
            "Before it.\n\ndef f(x):\n    return x\n\nAfter it.",
        ),
        # Indented code (four spaces or a tab), ended by a line that is not indented.
        (
            "Run this:\n\n    make all\n    make install\n\nThen wait.\n",
            "Run this:\n\nmake all\nmake install\n\nThen wait.",
        ),
        ("\tfirst = 1\n\t\tsecond = 2\nDone.\n", "first = 1\n    second = 2\n\nDone."),
        # A blank line inside code would end the paragraph: the block stays one.
        ("```js\nlet a = 1;\n\n  let b = 2;\n```\nAfter.\n", "let a = 1;\n  let b = 2;\n\nAfter."),
        ("    a = 1\n\n    b = 2\n\nText.\n", "a = 1\nb = 2\n\nText."),
        # Hard breaks: two trailing spaces or a backslash end a line within the paragraph.
        ("Roses are red,  \nviolets are blue.\n", "Roses are red,\nviolets are blue."),
        (
            "12 Harbour Road\\\nPortsmouth\\\nPO1 2AB\n\nNext part.\n",
            "12 Harbour Road\nPortsmouth\nPO1 2AB\n\nNext part.",
        ),
        ("- item  \n  continues\n- two\n", "• item\ncontinues\n\n• two"),
        ("> quoted  \n> next\n", "quoted\nnext"),
        # Ordered items keep their numbers; bullets become "•".
        ("1. First step\n2. Second step\n", "1. First step\n\n2. Second step"),
        ("3) Third\n4) Fourth\n- loose\n", "3) Third\n\n4) Fourth\n\n• loose"),
        ("10. Ten\n    continued here\n", "10. Ten continued here"),
        # Tables keep one line a row, the table one paragraph.
        (
            "| Name | Role |\n|------|------|\n| Kim | Leader |\n",
            "| Name | Role |\n|------|------|\n| Kim | Leader |",
        ),
        (
            "Staff:\n\nName | Desk\n:--- | ---:\nAna | **News**\nBo | Sport\n\nEnd.\n",
            "Staff:\n\nName | Desk\n:--- | ---:\nAna | News\nBo | Sport\n\nEnd.",
        ),
    ],
)
def test_blocks_that_keep_their_lines(text: str, body: str) -> None:
    assert md_body(text) == body


def test_a_soft_break_still_joins_and_a_pipe_in_prose_is_no_table() -> None:
    assert md_body("Either this | or that,\nsaid the mayor.\n") == (
        "Either this | or that, said the mayor."
    )
    assert md_body("- item one\n\n    more of item one\n") == "• item one\n\nmore of item one"
