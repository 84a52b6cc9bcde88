"""Adding to a library: incremental re-adds, replaced files, atomic commits, recovery."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from index import ingest
from index.batches import batch_cap
from index.fulltext.segments import SMALL_DOCS
from index.library import Library
from index.storage.store import LIVE
from tests.conftest import SEED_TITLE, SEEDS

STORY = "Fire crews contained a blaze at the old mill on Sunday night, the fire service said.\n"


def stories(count: int) -> list[dict[str, str]]:
    """JSON Lines records "Story 0" ... "Story count-1"."""
    return [{"title": f"Story {n}", "text": f"Text of story number {n}."} for n in range(count)]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records))


def add(lib: Library, *names: str):  # type: ignore[no-untyped-def]
    with lib.writer() as writer:
        return writer.add(list(names))


def indexed_ids(lib: Library) -> set[str]:
    with lib.ix.searcher() as s:
        return {fields["id"] for fields in s.all_stored_fields()}


def test_readding_unchanged_seed_is_a_no_op(seeded: Library) -> None:
    before = seeded.articles()
    report = add(seeded, str(SEEDS))
    assert report.added == [] and report.updated == []
    assert report.unchanged == 1
    assert seeded.articles() == before


def test_same_file_by_another_path_is_still_unchanged(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SEEDS.parent)
    report = add(seeded, "./seeds/")
    assert report.unchanged == 1 and not report.added


def test_changed_file_replaces_its_article(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "mill.txt"
    path.write_text("Mill fire contained\n\n" + STORY)
    (first,) = add(library, str(path)).added
    path.write_text("Mill fire contained\n\n" + STORY.replace("Sunday", "Monday"))
    report = add(library, str(path))
    (updated,) = report.updated
    assert updated.id != first.id and not report.added
    assert [a.id for a in library.articles()] == [updated.id]
    assert indexed_ids(library) == {updated.id}
    assert "Monday" in library.get(updated.id).body  # type: ignore[union-attr]


def test_same_article_from_two_files_is_one_article(library: Library, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Mill fire contained\n\n" + STORY)
    report = add(library, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    # the second file repeats an article read earlier in the same add (issue 14, item 7)
    assert len(report.added) == 1 and report.unchanged == 0 and report.duplicates == 1
    assert library.count() == 1


def test_corpus_with_one_record_changed_only_processes_that_record(
    library: Library, tmp_path: Path
) -> None:
    corpus = tmp_path / "c.jsonl"
    records = stories(5)
    write_jsonl(corpus, records)
    assert len(add(library, str(corpus)).added) == 5
    records[2]["text"] = "A corrected text of story number 2."
    write_jsonl(corpus, records)
    report = add(library, str(corpus))
    assert [a.title for a in report.updated] == ["Story 2"]
    assert report.unchanged == 4 and not report.added and report.removed == 0
    assert library.count() == 5
    assert len(indexed_ids(library)) == 5


def _count_record_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the text of every JSON record the JSON Lines reader decodes and cleans."""
    import index.readers.jsonl as jsonl

    seen: list[str] = []
    real = jsonl.record_to_article

    def counting(record, *args):  # type: ignore[no-untyped-def]
        seen.append(record.get("text", ""))
        return real(record, *args)

    monkeypatch.setattr(jsonl, "record_to_article", counting)
    return seen


def test_readding_a_changed_corpus_reads_only_its_changed_records(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c.jsonl"
    records = stories(5)
    write_jsonl(corpus, records)
    add(library, str(corpus))
    records[3]["text"] = "A corrected text of story number 3."
    write_jsonl(corpus, records)
    seen = _count_record_reads(monkeypatch)
    report = add(library, str(corpus))
    assert seen == ["A corrected text of story number 3."]
    assert [a.title for a in report.updated] == ["Story 3"] and report.unchanged == 4
    assert sorted(a.title for a in library.articles()) == [f"Story {n}" for n in range(5)]


def test_a_removed_record_is_read_again_when_its_corpus_changes(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c.jsonl"
    records = stories(3)
    write_jsonl(corpus, records)
    first = add(library, str(corpus)).added
    with library.writer() as writer:
        writer.remove(first[0].id)
    records.append({"title": "Story 3", "text": "Text of story number 3."})
    write_jsonl(corpus, records)
    seen = _count_record_reads(monkeypatch)
    report = add(library, str(corpus))
    # The removed story is read again (its record no longer stands for an article here).
    assert sorted(seen) == ["Text of story number 0.", "Text of story number 3."]
    assert sorted(a.title for a in report.added) == ["Story 0", "Story 3"]
    assert library.count() == 4


def test_removing_an_article_removes_it_from_search(seeded: Library) -> None:
    (hit,) = seeded.search("ballistic").hits
    with seeded.writer() as writer:
        assert writer.remove(hit.id) is not None
    assert seeded.count() == 0
    assert seeded.search("ballistic").total == 0
    # and adding the file again brings it back
    assert [a.title for a in add(seeded, str(SEEDS)).added] == [SEED_TITLE]


def test_failed_index_commit_leaves_library_as_before(
    seeded: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mill.txt"
    path.write_text("Mill fire contained\n\n" + STORY)
    before = seeded.articles()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("index.fulltext.writer.DocumentWriter.commit", broken)
    with pytest.raises(OSError, match="disk full"):
        add(seeded, str(path))
    assert seeded.articles() == before
    assert seeded.search("blaze").total == 0
    monkeypatch.undo()
    # The next writer finishes the job: the article goes in exactly once.
    report = add(seeded, str(path))
    assert seeded.count() == 2
    assert seeded.search("blaze").total == 1
    assert len(report.added) + report.unchanged == 1


def test_reconcile_finishes_a_commit_killed_after_staging(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "mill.txt"
    path.write_text("Mill fire contained\n\n" + STORY)
    from index.readers.dispatch import read_input
    from index.readers.sources import file_input

    (article,) = list(read_input(file_input(path)))
    # As if killed between staging the rows and committing the index:
    library.store.stage([(article, None)], [(article.origin, article.id)], [], [])
    assert library.count() == 0  # pending rows are not shown
    with library.writer() as writer:
        writer.reconcile()
    assert library.count() == 1
    assert library.search("blaze").total == 1
    assert library.store.unfinished() == ([], [])


def test_rebuild_recreates_the_index_from_the_store(seeded: Library) -> None:
    import shutil

    seeded.close()
    shutil.rmtree(seeded.index_path)
    lib = Library.open(seeded.path)
    with lib.writer() as writer:
        assert writer.rebuild().rebuilt == 1
    assert lib.search('"ballistic missiles"').total == 1
    lib.close()


def test_index_only_stores_ids(seeded: Library) -> None:
    # Bodies come from the store; keeping them out of Whoosh keeps hits cheap.
    schema = seeded.ix.schema
    assert [name for name in schema.names() if schema[name].stored] == ["id"]


def test_live_rows_after_add(seeded: Library) -> None:
    rows = seeded.store._conn().execute("SELECT state FROM articles").fetchall()
    assert rows == [(LIVE,)]


def test_duplicates_across_batches_still_analysing_go_in_once(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.ingest

    monkeypatch.setattr(index.ingest, "BATCH_SIZE", 3)
    corpus = tmp_path / "dups.jsonl"
    records = [{"title": f"Story {k}", "text": f"Text of story {k}."} for k in range(10)]
    corpus.write_text(
        "\n".join(json.dumps(r) for r in records + records[:5])
    )  # 5 repeats, later batches
    report = add(library, str(corpus))
    assert len(report.added) == 10 and report.duplicates == 5 and report.unchanged == 0
    assert len(indexed_ids(library)) == 10
    with library.ix.searcher() as s:
        assert s.doc_count() == 10  # each document once in the index


def batch_plan(total: int) -> list[int]:
    """The sizes of the batches an add of ``total`` new articles commits, driven as
    ``index.ingest`` drives them (each next size asked with what is still to come)."""
    sizes, size, remaining = [], ingest.BATCH_SIZE, total
    while remaining > 0:
        assert size > 0, "an empty batch would never end the add"
        sizes.append(min(size, remaining))
        remaining -= sizes[-1]
        size = ingest.next_batch_size(size, remaining, total)
    return sizes


@pytest.mark.skipif(ingest.FIXED_BATCH, reason="NUTGRAF_BATCH_SIZE fixes the batch size")
@settings(max_examples=300, deadline=None)
@given(total=st.integers(1, 500_000))
@example(total=6793)
def test_batches_grow_and_leave_a_small_last_one(total: int) -> None:
    """The first commit comes soon, batches then grow to at most MAX_BATCH (few segments),
    and the commit that runs alone after the analysers are done is a small one."""
    sizes = batch_plan(total)
    assert sizes[0] == min(total, ingest.BATCH_SIZE)
    cap = batch_cap(total)
    assert max(sizes) <= cap <= ingest.MAX_BATCH
    assert cap <= max(ingest.TAIL_BATCH, total // 100)  # issue 16: a kill loses ~3% at most
    grown = sizes[:-2]  # the last two share out what is left: the tail comes last
    assert grown == sorted(grown), sizes
    if len(sizes) > 1:
        assert sizes[-1] <= ingest.TAIL_BATCH, sizes
    doublings = math.ceil(math.log2(ingest.MAX_BATCH / ingest.BATCH_SIZE))
    assert len(sizes) <= doublings + math.ceil(total / cap) + 1, sizes
    assert ingest.TAIL_BATCH >= SMALL_DOCS  # the last segment is not merged at the next add
