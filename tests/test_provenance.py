"""Issue 15 item 6: every article says where it came from (URL, file or corpus and record
id, date added), in the reader's header, in ``nutgraf show``, and the palette's entries
name the keys that open and copy its address (index/provenance.py, tui/links.py).

The reader's own header, ``o`` and ``u`` are tested in tests/test_reader_original.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from index.article import Article
from index.library import Library, provenance
from tests.conftest import CliResult
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp
from tui.reader_screen import ReaderScreen


def article(**fields: object) -> Article:
    base = Article(title="A story", body="Text of the story.", original=b"x")
    return replace(base, ingested_at="2026-11-30T10:00:00+00:00", **fields)  # type: ignore[arg-type]


def test_the_line_says_url_file_record_and_day_added_and_invents_nothing() -> None:
    record = json.dumps({"id": "bbc-7", "title": "A story", "text": "Text."}).encode()
    corpus = article(
        origin="/data/bbc.jsonl", url="https://bbc.co.uk/7", format="jsonl", original=record
    )
    assert provenance(corpus).line() == (
        "added 2026-11-30 · https://bbc.co.uk/7 · from record bbc-7 of bbc.jsonl in /data"
    )
    fetched = article(origin="https://example.org/a.html", format="html")
    assert provenance(fetched).line() == "added 2026-11-30 · https://example.org/a.html"
    assert provenance(article(origin="/home/me/note.md")).line() == (
        "added 2026-11-30 · note.md in /home/me"
    )
    unknown = replace(article(), ingested_at="")
    assert provenance(unknown).line() == "date added not known · source file not known"


def test_show_prints_where_the_article_came_from_and_its_json_has_origin_and_added(
    cli: Callable[..., CliResult], library: Library, tmp_path: Path
) -> None:
    corpus = tmp_path / "desk.jsonl"
    corpus.write_text(
        json.dumps({"id": "desk-1", "title": "Harbour", "text": "The harbour is quiet."}) + "\n"
    )
    with library.writer() as writer:
        (new,) = writer.add([str(corpus)], analyse=False).added
    added = library.get(new.id)
    assert added is not None
    shown = cli("show", added.id, "--library", str(library.path))
    assert shown.code == 0
    day = added.ingested_at[:10]
    assert f"added {day} · record desk-1 of desk.jsonl in {tmp_path}" in shown.out
    doc = cli("show", added.id, "--json", "--library", str(library.path)).json()
    assert doc["origin"] == str(corpus)  # type: ignore[index]
    assert doc["added"] == added.ingested_at  # type: ignore[index]
    assert doc["record_id"] == "desk-1"  # type: ignore[index]


async def test_the_palette_entries_name_the_keys_that_open_and_copy_the_address(
    reader_library: Library,
) -> None:
    keys = {b.action: b.key for b in ReaderScreen.BINDINGS if hasattr(b, "action")}
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = {c.title: c.help for c in app.get_system_commands(app.reader)}
        assert entries["Open URL in browser"].endswith(f"({keys['open_url']})")
        assert entries["Copy URL"].endswith(f"({keys['copy_url']})")
