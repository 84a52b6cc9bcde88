"""A rebuild never destroys what it should recover: the old index serves until the new one
is complete and swapped in; a rebuild that fails or is killed leaves it as it was."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.fulltext.folder import POINTER, live_name
from index.library import Library
from tests.conftest import ROOT, SEED_TITLE, run_nutgraf

# The 300-story template is made once: this module's tests share a worker.
pytestmark = pytest.mark.xdist_group("big_template")

ARTICLES = 300


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of ARTICLES tiny harbour stories (not analysed: quick to make)."""
    folder = tmp_path_factory.mktemp("big")
    corpus = folder / "stories.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"title": f"Harbour story {k}", "text": f"The harbour of town {k}."})
            for k in range(ARTICLES)
        )
    )
    lib = Library.open(folder / "lib")
    with lib.writer() as writer:
        writer.add([str(corpus)], analyse=False)
    lib.close()
    return folder / "lib"


@pytest.fixture
def big(big_template: Path, tmp_path: Path) -> Iterator[Library]:
    path = tmp_path / "lib"
    shutil.copytree(big_template, path)
    lib = Library.open(path)
    yield lib
    lib.close()


def _index_names(folder: Path) -> set[str]:
    """The names of the indexes that have a TOC in ``folder``."""
    return {p.name[1:].rsplit("_", 1)[0] for p in folder.glob("_*.toc")}


def _found(lib: Library, query: str = "harbour") -> tuple[int, int]:
    """Total and distinct ids of a search of everything."""
    result = lib.search(query, limit=ARTICLES + 10)
    assert result.error is None, result.error
    return result.total, len({h.id for h in result.hits})


def _stopped_rebuild(path: Path, after: int) -> subprocess.Popen[bytes]:
    """``nutgraf rebuild`` in a subprocess, stopped (SIGSTOP) once it has indexed ``after``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "--library", str(path), "rebuild"],
        cwd=ROOT,
        env={**os.environ, "NUTGRAF_REBUILD_STOP_AFTER": str(after)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), "the rebuild ended before it stopped"
    return proc


@pytest.mark.slow
def test_a_killed_rebuild_leaves_the_old_index_searchable_and_writable(big: Library) -> None:
    old = live_name(big.index_path)
    assert _found(big) == (ARTICLES, ARTICLES)
    proc = _stopped_rebuild(big.path, after=ARTICLES // 2)
    try:
        other = Library.open(big.path)  # searching meanwhile, as a reader in another process
        assert _found(other) == (ARTICLES, ARTICLES)
        other.close()
        assert len(_index_names(big.index_path)) == 2  # the new index is being written
    finally:
        proc.kill()
        proc.wait()
    assert live_name(big.index_path) == old
    assert _found(big) == (ARTICLES, ARTICLES)
    assert run_nutgraf("--library", str(big.path), "search", "harbour").code == 0
    story = big.path.parent / "late.txt"
    story.write_text("A late harbour story\n\nThe harbour of the last town.\n")
    added = run_nutgraf("--library", str(big.path), "add", str(story))
    assert added.code == 0, added.err
    assert _found(big) == (ARTICLES + 1, ARTICLES + 1)
    assert _index_names(big.index_path) == {old}  # the writer removed the killed rebuild's files


@pytest.mark.slow
def test_searches_during_a_rebuild_are_whole_and_see_the_new_index_after(big: Library) -> None:
    assert _found(big) == (ARTICLES, ARTICLES)  # a long-lived searcher, opened before
    generation = big.index_generation()
    proc = _stopped_rebuild(big.path, after=ARTICLES // 3)
    try:
        assert _found(big) == (ARTICLES, ARTICLES)
        assert big.index_generation() == generation
    finally:
        proc.send_signal(signal.SIGCONT)
        assert proc.wait(timeout=120) == 0
    assert big.index_generation() != generation
    assert big.index_generation()[0] == live_name(big.index_path) != generation[0]
    assert _found(big) == (ARTICLES, ARTICLES)
    assert _index_names(big.index_path) == {live_name(big.index_path)}
    assert not [p for p in big.path.iterdir() if p.name.startswith(".")]


def test_a_failing_rebuild_changes_nothing(big: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.fulltext.rebuild

    real = index.fulltext.rebuild.document
    calls = []

    def failing(*args: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 50:
            raise OSError(28, "No space left on device")
        return real(*args)

    monkeypatch.setattr(index.fulltext.rebuild, "document", failing)
    before = sorted(p.name for p in big.index_path.iterdir())
    with big.writer() as writer, pytest.raises(OSError, match="No space"):
        writer.rebuild()
    assert sorted(p.name for p in big.index_path.iterdir()) == before
    assert _found(big) == (ARTICLES, ARTICLES)


@pytest.mark.slow
def test_rebuild_works_when_a_regular_file_stands_in_for_the_index(
    reader_library: Library,
) -> None:
    path = reader_library.path
    reader_library.close()
    shutil.rmtree(path / "index")
    (path / "index").write_text("not an index\n")
    result = run_nutgraf("--library", str(path), "search", "ballistic")
    assert result.code == 1 and "nutgraf rebuild" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err

    rebuilt = run_nutgraf("--library", str(path), "rebuild")
    assert rebuilt.code == 0, rebuilt.err
    assert (path / "index" / POINTER).is_file()
    found = run_nutgraf("--library", str(path), "search", "ballistic", "--json").json()
    assert [h["title"] for h in found["hits"]] == [SEED_TITLE]  # type: ignore[index]
    assert sorted(p.name for p in path.iterdir()) == ["index", "library.db", "write.lock"]


def _spoil_body(lib: Library, rowid: int) -> tuple[str, str]:
    """Make one article's stored body bytes that are not UTF-8; its id and title."""
    conn = sqlite3.connect(lib.path / "library.db")
    with conn:
        conn.execute(
            "UPDATE articles SET body = CAST(X'4B6F726561FF' AS TEXT) WHERE rowid = ?", (rowid,)
        )
    article_id, title = conn.execute(
        "SELECT id, title FROM articles WHERE rowid = ?", (rowid,)
    ).fetchone()
    conn.close()
    return article_id, title


@pytest.mark.slow
def test_an_unreadable_article_is_skipped_and_named_not_the_whole_rebuild(big: Library) -> None:
    article_id, title = _spoil_body(big, 100)
    result = run_nutgraf("--library", str(big.path), "rebuild")
    assert result.code == 1, result.err
    assert f"Rebuilt the search index of {ARTICLES - 1} articles" in result.out
    skipped = [line for line in result.out.splitlines() if article_id in line]
    assert skipped == [f"  {article_id} {title}: its body is not valid UTF-8 text"]
    assert "Traceback" not in result.err
    assert _found(big) == (ARTICLES - 1, ARTICLES - 1)
    assert _index_names(big.index_path) == {live_name(big.index_path)}

    report = run_nutgraf("--library", str(big.path), "rebuild", "--json")
    assert report.code == 1
    assert report.json() == {
        "rebuilt": ARTICLES - 1,
        "skipped": [
            {"id": article_id, "title": title, "reason": "its body is not valid UTF-8 text"}
        ],
    }
    story = big.path.parent / "late.txt"
    story.write_text("A late harbour story\n\nThe harbour of the last town.\n")
    assert run_nutgraf("--library", str(big.path), "add", str(story)).code == 0
    assert _found(big) == (ARTICLES, ARTICLES)


async def test_the_palette_rebuild_says_what_it_skipped(big: Library) -> None:
    from tui.app import NutgrafApp

    _spoil_body(big, 7)
    app = NutgrafApp(big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        app.rebuild_index()
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        messages = [n.message for n in app._notifications]
    assert f"Search index rebuilt: {ARTICLES - 1:,} articles; 1 skipped" in messages[-1]
    assert "'nutgraf rebuild' names them" in messages[-1]


def test_two_index_names_in_one_folder_never_touch_each_others_files(tmp_path: Path) -> None:
    # Whoosh tells indexes apart by its TOC and segment patterns, and each commit deletes
    # the files of its own name that it no longer needs: never another name's.
    from whoosh import index as whoosh_index
    from whoosh.index import TOC

    from index.article import Article
    from index.fulltext.folder import LEGACY_NAME, new_name
    from index.fulltext.schema import make_schema
    from index.fulltext.writer import document, write_documents

    names = [LEGACY_NAME, new_name()]
    assert TOC._pattern(names[0]).match(f"_{names[1]}_1.toc") is None
    assert TOC._segment_pattern(names[0]).match(f"{names[1]}_abc123.trm") is None
    assert TOC._segment_pattern(names[1]).match(f"{names[0]}_abc123.trm") is None
    indexes = [whoosh_index.create_in(str(tmp_path), make_schema(), indexname=n) for n in names]
    for k in range(6):  # commits that merge and clean up, in turn
        for n, ix in enumerate(indexes):
            body = f"harbour story {k} of index {n}"
            write_documents(ix, [document(Article(title=f"S{k}", body=body, original=b""), None)])
    for ix in indexes:
        opened = whoosh_index.open_dir(str(tmp_path), indexname=ix.indexname)
        with opened.searcher() as searcher:
            assert searcher.doc_count() == 6


def _spoil(lib: Library, rowid: int, column: str, value: str) -> tuple[str, str]:
    """Set one article's stored ``column`` to ``value`` (SQL); its id and title."""
    conn = sqlite3.connect(lib.path / "library.db")
    with conn:
        conn.execute(f"UPDATE articles SET {column} = {value} WHERE rowid = ?", (rowid,))
    article_id, title = conn.execute(
        "SELECT id, CAST(title AS BLOB) FROM articles WHERE rowid = ?", (rowid,)
    ).fetchone()
    conn.close()
    return article_id, bytes(title).decode("utf-8", "replace")


@pytest.mark.parametrize(
    "analysis",
    ["'{bad json'", "'[1]'", "'[{\"name\": 5}]'", "'\"str\"'", "'[{}]'", "'[[1, 2, 3]]'"],
)
@pytest.mark.slow
def test_a_damaged_entity_analysis_is_one_article_skipped_and_named(
    big: Library, analysis: str
) -> None:
    article_id, title = _spoil(big, 100, "entities", analysis)
    result = run_nutgraf("--library", str(big.path), "rebuild")
    assert result.code == 1 and "Traceback" not in result.err, result.err
    named = [line for line in result.out.splitlines() if article_id in line]
    assert len(named) == 1 and "its stored entity analysis is damaged" in named[0]
    assert named[0].startswith(f"  {article_id} {title}: ")
    assert _found(big) == (ARTICLES - 1, ARTICLES - 1)
    shown = run_nutgraf("--library", str(big.path), "entities", article_id)
    assert shown.code == 1 and shown.err.count("\n") == 1
    assert f"article {article_id}: its stored entity analysis is damaged" in shown.err


@pytest.mark.slow
def test_a_title_that_is_not_utf8_does_not_hide_the_library(big: Library) -> None:
    """One damaged row is read as far as it can be (U+FFFD for the bad bytes): the list,
    the article and its removal still work, and search lists the others."""
    article_id, _ = _spoil(big, 100, "title", "CAST(X'4B6F726561FF' AS TEXT)")
    listed = run_nutgraf("--library", str(big.path), "list", "--json")
    assert listed.code == 0, listed.err
    titles = {a["id"]: a["title"] for a in listed.json()}  # type: ignore[attr-defined]
    assert len(titles) == ARTICLES and titles[article_id] == "Korea\ufffd"
    shown = run_nutgraf("--library", str(big.path), "show", article_id, "--json")
    assert shown.code == 0 and shown.json()["title"] == "Korea\ufffd"  # type: ignore[index]
    assert big.search("harbour", limit=ARTICLES).error is None
    removed = run_nutgraf("--library", str(big.path), "remove", article_id)
    assert removed.code == 0, removed.err
    assert (
        run_nutgraf("--library", str(big.path), "list", "--json").json().__len__() == ARTICLES - 1
    )
