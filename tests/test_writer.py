"""Changing a library: only through its writer, one protocol, cancellable adds, the door.

``Library.writer()`` is the only way to hold the write lock, and every change
is a method of the writer it gives, which refuses to work once its block has
ended; :class:`index.commit.Commit` refuses a writer not in use. An add can be
cancelled between articles and batches: what its finished batches brought is
in, the rest is not, and adding again finishes the job.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import ingest
from index.commit import Commit
from index.library import Library
from tests.conftest import SEED_TITLE


def corpus(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "stories.jsonl"
    lines = [
        json.dumps({"title": f"Harbour story {k}", "text": f"The harbour of town {k} reopened."})
        for k in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_writer_works_only_inside_its_block(library: Library, tmp_path: Path) -> None:
    with library.writer() as writer:
        writer.add([str(corpus(tmp_path, 1))], analyse=False)
    assert library.count() == 1
    message = "only while its write lock is held"
    with pytest.raises(RuntimeError, match=message):
        writer.add([str(corpus(tmp_path, 2))], analyse=False)
    with pytest.raises(RuntimeError, match=message):
        writer.remove(library.articles()[0].id)
    with pytest.raises(RuntimeError, match=message):
        writer.rebuild()
    with pytest.raises(RuntimeError, match=message):
        Commit(writer)
    assert library.count() == 1


def test_an_add_cancelled_between_batches_keeps_the_finished_ones(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "BATCH_SIZE", 3)
    monkeypatch.setattr(ingest, "FIXED_BATCH", True)
    monkeypatch.setattr(ingest, "IN_FLIGHT", 0)  # each batch commits as soon as it is full
    source = str(corpus(tmp_path, 10))
    with library.writer() as writer:
        report = writer.add([source], analyse=False, cancelled=lambda: library.count() >= 3)
    assert report.cancelled and not report.complete
    assert library.count() == 3  # the first batch, whole; nothing of the rest
    assert sorted(a.id for a in report.added) == sorted(a.id for a in library.articles())
    with library.writer() as writer:
        again = writer.add([source], analyse=False)
    assert not again.cancelled and library.count() == 10
    assert len(again.added) == 7 and again.unchanged == 3


def test_entity_walk_gives_the_query_and_the_articles(seeded: Library) -> None:
    walk = seeded.entity_walk("Kim Jong Un", "person")
    assert walk.query == 'person:"Kim Jong Un"'
    assert [seeded.get(i).title for i in walk.ids] == [SEED_TITLE]  # type: ignore[union-attr]
    assert seeded.search(walk.query).total == 1
    odd = seeded.entity_walk('The "Big" Fund', "org")
    assert odd.query == 'org:"The Big Fund"' and odd.ids == ()
    assert seeded.search(odd.query).error is None


def test_entity_walk_keeps_to_the_chosen_kind(seeded: Library) -> None:
    """Issue 14 fault 3: a person and an organisation of one name are two rows; the walk
    of one has only its own articles, as many as its search finds."""
    as_org = seeded.entity_walk("Kim Jong Un", "org")
    assert as_org.ids == ()
    assert seeded.search(as_org.query).total == len(as_org.ids)
    as_person = seeded.entity_walk("Kim Jong Un", "person")
    assert len(as_person.ids) == seeded.search(as_person.query).total == 1
