"""Export writers (issue 15, item 5): CSV that a spreadsheet opens safely, JSON Lines,
Markdown tables."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from index.export import write_atomically, write_table

COLUMNS = ("id", "title", "score")


def csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # UTF-8 with a byte order mark: Excel reads it as such
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_a_formula_looking_cell_is_neutralised() -> None:
    out = io.StringIO()
    rows = [
        {"id": "a", "title": '=HYPERLINK("http://evil","click")', "score": 1.5},
        {"id": "b", "title": "+1", "score": -5},
        {"id": "c", "title": "-5", "score": None},
        {"id": "d", "title": "@SUM(A1)", "score": 0},
        {"id": "e", "title": "\tTab", "score": 0},
        {"id": "f", "title": "\rCR", "score": 0},
    ]
    assert write_table(rows, COLUMNS, "csv", out) == 6
    got = csv_rows(out.getvalue())
    assert got[0] == ["id", "title", "score"]
    assert got[1] == ["a", '\'=HYPERLINK("http://evil","click")', "1.5"]
    # A number stays a number (-5 is minus five, not a formula); the text "-5" is text.
    assert got[2] == ["b", "'+1", "-5"]
    assert got[3] == ["c", "'-5", ""]
    assert [r[1] for r in got[4:]] == ["'@SUM(A1)", "'\tTab", "'\rCR"]


def test_a_title_with_a_comma_a_quote_and_a_newline_round_trips() -> None:
    title = 'Profits, "record"\nand more'
    out = io.StringIO()
    write_table([{"id": "x", "title": title, "score": 2}], COLUMNS, "csv", out)
    assert csv_rows(out.getvalue())[1] == ["x", title, "2"]


def test_json_lines_one_object_a_row_unescaped_unicode() -> None:
    out = io.StringIO()
    rows = [{"id": "a", "title": "Kyiv – Київ", "score": 1}, {"id": "b", "extra": 1}]
    assert write_table(rows, COLUMNS, "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert "Київ" in lines[0]
    assert [json.loads(line) for line in lines] == [
        {"id": "a", "title": "Kyiv – Київ", "score": 1},
        {"id": "b", "title": None, "score": None},
    ]
    out = io.StringIO()
    write_table([{"id": "\u202eevil\x85"}], ["id"], "jsonl", out)
    assert "\u202e" not in out.getvalue() and json.loads(out.getvalue()) == {"id": "\u202eevil\x85"}


def test_markdown_table_escapes_pipes_and_line_breaks() -> None:
    out = io.StringIO()
    write_table([{"id": "a", "title": "A | B\nC <b>", "score": None}], COLUMNS, "md", out)
    assert out.getvalue().splitlines() == [
        "| id | title | score |",
        "| --- | --- | --- |",
        "| a | A \\| B<br>C \\<b\\> |  |",
    ]


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        write_table([], COLUMNS, "xlsx", io.StringIO())  # type: ignore[arg-type]


def test_a_failed_write_leaves_the_file_as_it_was_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes go through a temporary file renamed into place: a failure at the rename
    (as a crash before it) leaves the old file whole and removes the temporary."""
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    with pytest.raises(FileExistsError):
        write_atomically(target, "new", force=False)
    monkeypatch.undo()
    write_atomically(tmp_path / "fresh.csv", "a\r\nb", force=False)
    assert (tmp_path / "fresh.csv").read_bytes() == b"a\r\nb"  # no newline translation
