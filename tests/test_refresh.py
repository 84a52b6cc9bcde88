"""A searcher kept open (the reader's) sees every later commit exactly: merges, removals, rebuilds.

Whoosh's own ``Searcher.refresh`` returned every hit twice after a merge and kept
matching removed articles; :mod:`index.fulltext.refresh` replaces it.
"""

from __future__ import annotations

import json
from pathlib import Path

from index.fulltext.merge_policy import MAX_MERGE_AT_ONCE as SMALL_LIMIT
from index.library import Library


def _add(lib: Library, folder: Path, name: str, count: int) -> list[str]:
    """Add ``count`` tiny harbour stories as one commit; their ids."""
    corpus = folder / f"{name}.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"title": f"Harbour {name} {k}", "text": f"The harbour story {name} {k}."})
            for k in range(count)
        )
    )
    with lib.writer() as writer:
        report = writer.add([str(corpus)], analyse=False)
    return [a.id for a in report.added]


def _ids(lib: Library, query: str = "harbour", limit: int = 100) -> tuple[int, list[str]]:
    result = lib.search(query, limit=limit)
    assert result.error is None, result.error
    return result.total, [h.id for h in result.hits]


def test_after_small_commits_merge_each_hit_comes_once(library: Library, tmp_path: Path) -> None:
    ids = _add(library, tmp_path, "first", 3)
    assert _ids(library)[0] == 3  # the searcher is open from here on
    for n in range(SMALL_LIMIT):  # one of these commits merges the small segments
        generation = library.index_generation()
        ids += _add(library, tmp_path, f"more{n}", 1)
        name, number = library.index_generation()  # what a reader polls to know
        assert name == generation[0] and number > generation[1]
        total, found = _ids(library)
        assert total == len(ids) and sorted(found) == sorted(ids)
    assert len(library.ix._segments()) < 1 + SMALL_LIMIT  # a merge did happen


def test_a_removed_article_stops_matching_in_an_open_searcher(
    library: Library, tmp_path: Path
) -> None:
    ids = _add(library, tmp_path, "first", 6)
    assert _ids(library)[0] == 6  # the searcher is open from here on
    other = Library.open(library.path)  # another writer, as another process would be
    with other.writer() as writer:
        gone = writer.remove(ids[0])
    other.close()
    assert gone is not None
    total, found = _ids(library)
    assert total == 5 and sorted(found) == sorted(ids[1:])
    # ranked one at a time, the removed article must not take a place either
    total, found = _ids(library, limit=1)
    assert total == 5 and len(found) == 1 and found[0] != ids[0]


def test_after_a_rebuild_elsewhere_the_open_searcher_uses_the_new_index(
    library: Library, tmp_path: Path
) -> None:
    ids = _add(library, tmp_path, "first", 3) + _add(library, tmp_path, "second", 2)
    assert _ids(library)[0] == 5  # the searcher is open from here on
    before = library.index_generation()
    other = Library.open(library.path)
    with other.writer() as writer:
        assert writer.rebuild().rebuilt == 5
    other.close()
    assert library.index_generation()[0] != before[0]
    total, found = _ids(library)
    assert total == 5 and sorted(found) == sorted(ids)
    ids += _add(library, tmp_path, "third", 1)  # this object writes to the new index too
    total, found = _ids(library)
    assert total == 6 and sorted(found) == sorted(ids)
