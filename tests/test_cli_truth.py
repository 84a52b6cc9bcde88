"""The command line tells the truth (issue 14): a mistyped library is an error, every
error has one shape with ``--json``, and the JSON keeps what the corpus said."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from cli.listing import list_rows
from index.model import ArticleSummary
from tests.conftest import SEED_FILE, SEED_TITLE, CliResult, run_nutgraf

Cli = Callable[..., CliResult]

#: Every command but ``add`` and the reader, as it would be typed against a library.
READING_COMMANDS = [
    ("search", "blair"),
    ("list",),
    ("show", "abcd1234"),
    ("entities",),
    ("entities", "abcd1234"),
    ("mentions", "Blair"),
    ("remove", "abcd1234"),
    ("rebuild",),
    ("rebuild", "--reread"),
]


def corpus(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def lib(tmp_path: Path, cli: Cli) -> str:
    path = str(tmp_path / "lib")
    assert cli("--library", path, "add", str(SEED_FILE)).code == 0
    return path


# -- item 4: only add and the reader make a library -----------------------------------


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_command_on_a_folder_without_a_library_exits_2(
    cli: Cli, tmp_path: Path, command: tuple[str, ...], folder: str
) -> None:
    """Issue 14 item 4: ``search blair --library ~/typo-lib`` made an empty library and
    said "0 results". Every command but add and the reader now stops with one line and
    exit 2, and leaves no library behind."""
    where = tmp_path / "typo-lib"
    if folder == "empty":
        where.mkdir()
    result = cli(*command, "--library", str(where))
    assert result.code == 2
    assert result.err.strip() == f"nutgraf: no library at {where}"
    assert result.out == ""
    assert not (where / "library.db").exists()
    assert where.exists() == (folder == "empty")
    as_json = cli(*command, "--library", str(where), "--json")
    assert as_json.code == 2
    assert as_json.json() == {"error": f"no library at {where}"}


def test_add_still_makes_a_library(cli: Cli, tmp_path: Path) -> None:
    where = tmp_path / "new" / "lib"
    assert cli("add", "--library", str(where), str(SEED_FILE)).code == 0
    assert cli("search", "Kim", "--library", str(where)).code == 0


def test_the_default_library_is_made_by_any_command_on_a_fresh_machine(cli: Cli) -> None:
    """The default library (no --library, no $NUTGRAF_LIBRARY) is still made and seeded by
    whatever command runs first (HOME and XDG_DATA_HOME point at an empty folder here)."""
    result = cli("search", "Kim", "--json")
    assert result.code == 0
    assert [h["title"] for h in result.json()["hits"]] == [SEED_TITLE]  # type: ignore[index]
    assert cli("entities", "--limit", "1").code == 0


# -- item 18: one rule for errors with --json -----------------------------------------


@pytest.mark.parametrize(
    ("command", "status"),
    [
        (("show", "zzzz"), 1),
        (("show", "00"), 1),
        (("entities", "zzzz"), 1),
        (("remove", "zzzz"), 1),
        (("mentions", "Nobody Atall"), 1),
        (("search", '"x'), 2),
        (("search", "title:"), 2),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v),
)
def test_every_error_is_a_json_document_with_the_same_status(
    cli: Cli, lib: str, command: tuple[str, ...], status: int
) -> None:
    """Issue 14 item 18: ``show zzzz --json`` printed nothing on stdout while a bad query
    printed a document. Now every error is a document with ``error`` on stdout, one line
    on stderr, and the exit status it has without ``--json``."""
    plain = cli("--library", lib, *command)
    as_json = cli("--library", lib, *command, "--json")
    assert plain.code == as_json.code == status
    doc = as_json.json()
    assert isinstance(doc, dict) and doc["error"]
    assert doc["error"] in as_json.err and len(as_json.err.strip().splitlines()) == 1


def test_a_usage_error_with_json_is_a_document_too(cli: Cli, lib: str) -> None:
    result = cli("--library", lib, "list", "--limit", "zero", "--json")
    assert result.code == 2
    assert "--limit" in result.json()["error"]  # type: ignore[index]


def test_mentions_json_names_the_entity_and_dates_each_article(cli: Cli, lib: str) -> None:
    """Issue 14 item 18: each mention carries the entity's canonical name and kind (the
    name asked for may be an alias) and its article's date and source."""
    result = cli("--library", lib, "mentions", "Kim Jong Un", "--json")
    assert result.code == 0
    hits = result.json()
    assert isinstance(hits, list) and hits
    shown = cli("--library", lib, "show", hits[0]["id"], "--json").json()
    for hit in hits:
        assert hit["name"] == "Kim Jong Un" and hit["kind"] == "person"
        assert hit["date"] == shown["date"]  # type: ignore[index]
        assert hit["source"] == shown["source"] == "BNN Bloomberg"  # type: ignore[index]


def test_list_and_show_json_keep_the_records_own_id_and_category(cli: Cli, tmp_path: Path) -> None:
    """Issue 14 item 18: a corpus record's own ``id`` and ``category`` are in the JSON of
    ``list`` and ``show`` (null for an article that had none)."""
    path = str(tmp_path / "lib")
    records: list[dict[str, object]] = [
        {"id": "bbc-sport-007", "category": "sport", "title": "Cup run", "text": "A cup run."},
        {"id": 42, "title": "Numbered", "text": "A record numbered 42."},
        {"title": "No id", "text": "A record without an id."},
    ]
    assert cli("--library", path, "add", str(corpus(tmp_path, records))).code == 0
    listed = {a["title"]: a for a in cli("--library", path, "list", "--json").json()}  # type: ignore[attr-defined]
    assert listed["Cup run"]["record_id"] == "bbc-sport-007"
    assert listed["Cup run"]["category"] == "sport"
    assert listed["Numbered"]["record_id"] == "42"
    assert listed["No id"]["record_id"] is None and listed["No id"]["category"] is None
    shown = cli("--library", path, "show", listed["Cup run"]["id"], "--json").json()
    assert shown["record_id"] == "bbc-sport-007" and shown["category"] == "sport"  # type: ignore[index]


# -- item 5: usable ids ---------------------------------------------------------------


def summary(n: int, title: str, published: str | None, source: str | None) -> ArticleSummary:
    return ArticleSummary(
        id=f"{n:016x}",
        title=title,
        source=source,
        published=published,
        url=None,
        author=None,
        ingested_at="2026-11-30T00:00:00",
        words=100,
    )


@pytest.mark.parametrize("width", [30, 40, 60, 80, 105, 160, 250])
def test_list_rows_keep_the_whole_id_and_the_date_at_any_width(width: int) -> None:
    """Issue 14 item 5: the id (all 16 digits) and the date are never cut, an undated
    article says ``undated``, and only the title (then the source) gives way."""
    items = [
        summary(1, "A very long headline " * 15, None, "BBC News"),
        summary(2, "Short", "2004-12-01T10:00:00+01:00", "A source with a very long name"),
        summary(3, "中文标题很长" * 10, "1999-01-02", None),
    ]
    rows = [line.plain for line in list_rows(items, width)]
    assert rows[0].split()[:2] == ["id", "date"]
    for item, row in zip(items, rows[1:], strict=True):
        assert row.startswith(f"{item.id}  ")
        assert row[18:28] == ((item.published or "")[:10] or "undated").ljust(10)
        assert cell_len(row) <= max(width, 31)  # the id, the date and one cell of title
    assert "…" in rows[1]
    if width >= 105:
        assert "A source with a very long name"[:19] in rows[2]


@pytest.mark.slow
@pytest.mark.parametrize("columns", ["40", "60", "80"])
def test_list_through_a_pipe_on_a_mostly_undated_library(tmp_path: Path, columns: str) -> None:
    """Issue 14 item 5: on a library of mostly undated articles the date column was
    blank or gone and ids were cut to a few characters; through a pipe each row now
    starts with the whole id and the date or ``undated``."""
    records: list[dict[str, object]] = [
        {"title": f"Undated story number {n} " * 4, "text": f"Story {n} text.", "source": "BBC"}
        for n in range(4)
    ]
    records.append({"title": "Dated story", "text": "Dated text.", "date": "2005-03-04"})
    lib = str(tmp_path / "lib")
    assert run_nutgraf("--library", lib, "add", str(corpus(tmp_path, records))).code == 0
    listed = json.loads(run_nutgraf("--library", lib, "list", "--json").out)
    out = run_nutgraf("--library", lib, "list", env={"COLUMNS": columns}).out
    rows = out.splitlines()[1:]
    assert len(rows) == len(listed)
    assert "\x1b" not in out
    for item, row in zip(listed, rows, strict=True):
        assert row.split()[:2] == [item["id"], (item["date"] or "undated")[:10]]
        assert len(row) <= int(columns)


# -- item 7: counts that add up -------------------------------------------------------


def counts(result: CliResult) -> tuple[int, int, int, int, int]:
    doc = result.json()
    assert isinstance(doc, dict)
    return (
        len(doc["added"]),
        len(doc["updated"]),
        doc["unchanged"],
        doc["duplicates"],
        len(doc["skipped"]),
    )


def test_records_repeated_within_the_input_are_counted_as_duplicates(
    cli: Cli, tmp_path: Path
) -> None:
    """Issue 14 item 7: the BBC file said "713 added, 30 unchanged" on its first add and
    "713 unchanged" on the second. Records that repeat an article of the same input are
    "duplicates within the input", the same number on every run, and every record read
    is counted once."""
    stories = [
        {"id": f"r{n}", "title": f"Story {n}", "text": f"Text of story {n}."} for n in range(5)
    ]
    again = [dict(s, id=f"again-{s['id']}") for s in stories[:2]]  # same text, new record id
    path = corpus(tmp_path, [*stories, *again, {"id": "bad", "title": "no text"}])
    lib = str(tmp_path / "lib")
    first = cli("--library", lib, "add", str(path), "--json")
    assert counts(first) == (5, 0, 0, 2, 1)
    rerun = cli("--library", lib, "add", str(path), "--json")
    assert counts(rerun) == (0, 0, 5, 2, 1)  # the bad record is named again
    text = cli("--library", lib, "add", str(path))
    assert "5 unchanged" in text.out and "2 duplicates within the input" in text.out
    # Changed input (one record added): the known records are not read again, and still
    # every record is counted once.
    path.write_text(path.read_text() + json.dumps({"title": "New", "text": "A new one."}) + "\n")
    changed = cli("--library", lib, "add", str(path), "--json")
    assert counts(changed) == (1, 0, 5, 2, 1)
