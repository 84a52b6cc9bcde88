"""How the command line's text looks (issue 14, item 19): on a terminal, snippets and
sentences wrap at word boundaries under their own start (a hanging indent) with the
matched words marked; through a pipe, one line each, free of escapes."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

import cli.console
import cli.views
from index.model import MentionHit, SearchHit, SearchResult
from tests.conftest import SEED_FILE, CliResult

Cli = Callable[..., CliResult]

SNIPPET = (
    "Tony Blair has said he will not take part in a TV debate with his political rivals "
    "ahead of the next election, a decision that surprised nobody at Westminster."
)
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """Standard output as a 60-column colour terminal; what was written."""
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=True, width=60, color_system="standard", highlight=False
    )
    console.soft_wrap = False  # as cli.console's own on a terminal
    monkeypatch.setattr(cli.console, "out_console", console)
    monkeypatch.setattr(cli.views, "out_console", console)
    return out


def hit() -> SearchHit:
    words = [m.span() for m in re.finditer(r"Blair|election", SNIPPET)]
    return SearchHit(
        id="67b3dd8ab606a219",
        title="No election TV debate, says Blair",
        source="BBC News",
        published="2005-01-10",
        score=25.2,
        snippet=SNIPPET,
        snippet_matches=tuple(words),
        matches=(),
    )


def test_search_snippets_wrap_at_words_with_a_hanging_indent(terminal: io.StringIO) -> None:
    """Issue 14 item 19: a snippet wrapped into column 0 mid-word; now every line of it
    starts under its first word, and no word is cut."""
    cli.views.print_search(SearchResult(query="blair election", total=1, hits=(hit(),)))
    lines = ESCAPE.sub("", terminal.getvalue()).splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("    Tony Blair"))
    snippet_lines = lines[start:]
    assert len(snippet_lines) > 2
    assert all(len(line) <= 60 and line.startswith("    ") for line in snippet_lines)
    assert " ".join(" ".join(snippet_lines).split()) == SNIPPET


def test_search_marks_the_matched_words_on_a_terminal(terminal: io.StringIO) -> None:
    """Issue 14 item 19: the words the query matched are bold and coloured."""
    cli.views.print_search(SearchResult(query="blair election", total=1, hits=(hit(),)))
    marked = re.findall(r"\x1b\[([0-9;]*)m(Blair|election)\x1b", terminal.getvalue())
    snippet_marks = [word for codes, word in marked if "1" in codes.split(";") and "43" in codes]
    assert snippet_marks == ["Blair", "election"]


def test_mention_sentences_wrap_under_the_sentence(terminal: io.StringIO) -> None:
    mention = MentionHit(
        id="67b3dd8ab606a219", title="A title", start=5, end=10, text="Blair", context=SNIPPET
    )
    cli.views.print_mentions("Blair", [mention])
    lines = ESCAPE.sub("", terminal.getvalue()).splitlines()
    start = next(n for n, line in enumerate(lines) if "Tony Blair" in line)
    assert lines[start].startswith("       5  Tony Blair")
    rest = [line for line in lines[start + 1 :] if line]
    assert rest and all(line.startswith(" " * 10) and len(line) <= 60 for line in rest)


def test_piped_search_is_one_line_per_snippet_without_escapes(cli: Cli, tmp_path: Path) -> None:
    """Through a pipe the output stays machine-friendly: no escape codes, and a snippet
    on one line whatever the width."""
    lib = str(tmp_path / "lib")
    assert cli("--library", lib, "add", str(SEED_FILE)).code == 0
    result = cli("--library", lib, "search", "Putin")
    assert result.code == 0 and "\x1b" not in result.out
    lines = [line for line in result.out.splitlines() if "Putin" in line]
    assert any(len(line) > 100 for line in lines)
