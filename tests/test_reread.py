"""``nutgraf rebuild --reread``: every article read again from its stored original.

``tests/data/library-issue12.tar.gz`` was made by nutgraf at commit 8798e3a (before
issue 13 changed the readers) from the inputs in ``tests/data/reread/`` and the seed,
with ``nutgraf add``. The files it was added from are not where it says (they were in
a folder that no longer exists): re-reading needs only what the library keeps.
"""

from __future__ import annotations

import shutil
import sqlite3
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from index.article import Article
from index.entities.entity import Analysis
from index.library import Library
from tests.conftest import SEEDS, CliResult

DATA = Path(__file__).parent / "data"
OLD = DATA / "library-issue12.tar.gz"
INPUTS = DATA / "reread"

SEED_PEOPLE = {
    "Kim Jong Un": 6,
    "Donald Trump": 5,
    "Lee Jongkyu": 4,
    "Lee Sang-jun": 1,
    "Vladimir Putin": 3,
}


@pytest.fixture
def old(tmp_path: Path) -> Path:
    with tarfile.open(OLD) as tar:
        tar.extractall(tmp_path, filter="data")
    return tmp_path / "lib"


def _rows(path: Path) -> dict[str, tuple[Article, Analysis]]:
    lib = Library.open(str(path))
    try:
        return {a.id: (a, ents) for a, ents in lib.store.index_rows()}
    finally:
        lib.close()


def _what_a_reader_sees(article: Article) -> tuple[object, ...]:
    return (article.title, article.body, article.author, article.published, article.source)


def _fresh(tmp_path: Path, cli: Callable[..., CliResult]) -> Path:
    fresh = tmp_path / "fresh"
    added = cli("--library", str(fresh), "add", str(INPUTS), str(SEEDS))
    assert added.code == 0, added.err
    return fresh


def test_an_old_library_read_again_is_what_adding_its_files_today_gives(
    old: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    before = _rows(old)
    done = cli("--library", str(old), "rebuild", "--reread", "--json")
    assert done.code == 0, done.err
    report = done.json()
    assert isinstance(report, dict)
    after = _rows(old)
    # Ids never change: whatever is attached to an article stays attached.
    assert set(after) == set(before)
    # Every article is what today's readers make of the same original bytes.
    today = {a.original: a for a, _ in _rows(_fresh(tmp_path, cli)).values()}
    for article, _ in after.values():
        assert _what_a_reader_sees(article) == _what_a_reader_sees(today[article.original])
    # The entity model ran again exactly where the text changed.
    changed = [i for i in after if after[i][0].body != before[i][0].body]
    assert report["reread"] == len(before) and report["analysed"] == len(changed)
    assert report["kept"] == [] and report["skipped"] == []
    # and the index was rebuilt from the new text, and every sentence found by today's
    # segmenter (the library was written before sentences were stored).
    lib = Library.open(str(old))
    try:
        fresh_lib = Library.open(str(tmp_path / "fresh"))
        try:
            for article, _ in after.values():
                same = today[article.original].id
                assert lib.store.sentences(article.id) == fresh_lib.store.sentences(same)
        finally:
            fresh_lib.close()
        for article, _ in after.values():
            hits = lib.search(f'"{article.title}"').hits
            assert article.id in [h.id for h in hits], article.title
    finally:
        lib.close()


def test_the_seed_keeps_its_people_through_a_reread(
    old: Path, cli: Callable[..., CliResult]
) -> None:
    assert cli("--library", str(old), "rebuild", "--reread").code == 0
    lib = Library.open(str(old))
    try:
        seed = next(a for a, _ in lib.store.index_rows() if a.title.startswith("Trump can"))
        people = {e.name: e.count for e in lib.entities(seed.id) if e.kind == "person"}
    finally:
        lib.close()
    for name, count in SEED_PEOPLE.items():
        assert people.get(name) == count, (name, people)


def _library(tmp_path: Path, cli: Callable[..., CliResult]) -> Path:
    path = tmp_path / "lib"
    for name in ("scraped.txt", "corpus.jsonl", "note.md"):
        shutil.copy(INPUTS / name, tmp_path / name)
    added = cli("--library", str(path), "add", str(tmp_path / "corpus.jsonl"), str(SEEDS))
    assert added.code == 0, added.err
    return path


def test_the_model_runs_again_only_on_text_that_changed(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _library(tmp_path, cli)
    before = _rows(path)
    target = next(i for i, (a, _) in before.items() if a.title == "Harbour strike ends")
    # What an older reader might have left in the body: furniture, say.
    with sqlite3.connect(path / "library.db") as conn:
        conn.execute(
            "UPDATE articles SET body = body || ? WHERE id = ?",
            ("\n\nAdvertisement", target),
        )
    analysed: list[str] = []
    from index.entities import ner

    real_submit = ner.NerPool.submit

    def counting(self: ner.NerPool, texts: list[str]) -> ner.Job:
        analysed.extend(texts)
        return real_submit(self, texts)

    monkeypatch.setattr(ner.NerPool, "submit", counting)
    done = cli("--library", str(path), "rebuild", "--reread", "--json")
    assert done.code == 0, done.err
    after = _rows(path)
    assert analysed == [before[target][0].body]  # the text as read again, only that one
    assert after[target][0].body == before[target][0].body
    for i, (article, ents) in before.items():
        assert after[i][1] == ents, article.title  # entities as they were
    report = done.json()
    assert isinstance(report, dict) and report["changed"] == 1 and report["analysed"] == 1


def test_reading_again_twice_changes_nothing_the_second_time(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    path = _library(tmp_path, cli)
    first = cli("--library", str(path), "rebuild", "--reread", "--json").json()
    second = cli("--library", str(path), "rebuild", "--reread", "--json").json()
    assert isinstance(first, dict) and isinstance(second, dict)
    assert second["changed"] == 0 and second["entities_changed"] == 0
    # The model's raw spans are kept with each analysed article, so rules run again
    # on exactly what the model said.
    lib = Library.open(str(path))
    try:
        ids = lib.store.live_ids()
        assert set(lib.store.raw_spans(ids)) == set(ids)
    finally:
        lib.close()


def test_an_article_todays_reader_refuses_is_kept_as_it_was(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    path = _library(tmp_path, cli)
    before = _rows(path)
    target = next(i for i, (a, _) in before.items() if a.format == "jsonl")
    with sqlite3.connect(path / "library.db") as conn:
        conn.execute("UPDATE articles SET original = ? WHERE id = ?", (b'{"title": 1}', target))
    done = cli("--library", str(path), "rebuild", "--reread", "--json")
    report = done.json()
    assert isinstance(report, dict)
    assert [k["id"] for k in report["kept"]] == [target]
    assert "text" in report["kept"][0]["reason"]
    after = _rows(path)
    assert after[target][0].body == before[target][0].body
    assert after[target][1] == before[target][1]
    text = cli("--library", str(path), "rebuild", "--reread")
    assert "Kept 1 article as they were" in text.out and target in text.out


def test_adding_the_same_files_after_a_reread_adds_nothing(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    path = _library(tmp_path, cli)
    assert cli("--library", str(path), "rebuild", "--reread").code == 0
    again = cli("--library", str(path), "add", str(tmp_path / "corpus.jsonl"), str(SEEDS), "--json")
    doc = again.json()
    assert isinstance(doc, dict) and doc["added"] == [] and doc["updated"] == []


def test_an_article_without_an_analysis_is_analysed_and_progress_is_told_while_reading(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    path = _library(tmp_path, cli)
    before = _rows(path)
    target = next(i for i, (a, _) in before.items() if a.title == "Harbour strike ends")
    with sqlite3.connect(path / "library.db") as conn:
        conn.execute("UPDATE articles SET entities = NULL, spans = NULL WHERE id = ?", (target,))
    assert _rows(path)[target][1] is None
    lib = Library.open(str(path))
    calls: list[tuple[int, int]] = []
    try:
        with lib.writer() as writer:
            from index import reread

            old_every = reread.PROGRESS_EVERY
            reread.PROGRESS_EVERY = 1
            try:
                report = writer.reread(progress=lambda done, total: calls.append((done, total)))
            finally:
                reread.PROGRESS_EVERY = old_every
    finally:
        lib.close()
    assert report.analysed == 1 and report.changed == 1
    assert _rows(path)[target][1] == before[target][1]  # the entities found again
    n = len(before)
    assert [c for c in calls if c[1] == n][:n] == [(k, n) for k in range(1, n + 1)]


def test_sentences_found_anew_are_counted(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    path = _library(tmp_path, cli)
    with sqlite3.connect(path / "library.db") as conn:
        conn.execute("UPDATE articles SET sentences = NULL")
    report = cli("--library", str(path), "rebuild", "--reread", "--json").json()
    assert isinstance(report, dict)
    assert report["changed"] == 0 and report["sentences_found"] == len(_rows(path))
