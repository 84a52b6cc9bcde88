"""Work a search does not repeat or spread over segments without hits (issue 16: the
search ratio). Counted, not timed: tests never assert wall-clock times (bench/ does)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from index.fulltext import merge_policy
from index.library import Library


def _add(lib: Library, path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with lib.writer() as writer:
        writer.add([str(path)], analyse=False)


def test_a_phrase_found_nowhere_is_searched_once(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saying that a phrase's words are never in that order needs no second search of
    the phrase that has just found nothing."""
    _add(library, tmp_path / "a.jsonl", [{"title": "Ferry", "text": "Ferry fares rose."}])
    assert library.search("ferry").total == 1  # the searcher is open
    runs: list[Any] = []
    original = Searcher.search_with_collector

    def counted(self: Searcher, q: Any, collector: Any, **kw: Any) -> Any:
        runs.append(q)
        return original(self, q, collector, **kw)

    monkeypatch.setattr(Searcher, "search_with_collector", counted)
    result = library.search('"fares ferry"')
    assert result.total == 0
    assert result.notice == (
        'the words of "fares ferry" are each in the library, but never in that order'
    )
    assert len(runs) == 1


def test_match_offsets_are_read_only_from_segments_holding_hits(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The top hit of a word found in two segments is in one of them: its match offsets
    are read there only (Whoosh's own postings opened the word in every segment holding
    it and set a scorer up for each, after the search had already read them)."""
    monkeypatch.setattr(merge_policy, "FLOOR_DOCS", 10)
    _add(
        library,
        tmp_path / "a.jsonl",
        [{"title": f"Dock {n}", "text": "Dock news."} for n in range(30)],
    )
    _add(
        library,
        tmp_path / "b.jsonl",
        [{"title": f"Quay {n}", "text": "Quay news."} for n in range(30)],
    )
    _add(library, tmp_path / "c.jsonl", [{"title": "Ferry", "text": "Ferry fares rose."}])
    assert library.index_segments() == 3
    assert library.search("news").total == 60  # the searcher is open
    opened: list[tuple[int, str, bytes]] = []
    original = SegmentReader.postings

    def counted(self: SegmentReader, fieldname: str, text: Any, scorer: Any = None) -> Any:
        opened.append(
            (self.doc_count_all(), fieldname, text if isinstance(text, bytes) else text.encode())
        )
        return original(self, fieldname, text, scorer=scorer)

    monkeypatch.setattr(SegmentReader, "postings", counted)
    result = library.search("news", limit=1)
    assert result.total == 60 and len(result.hits) == 1
    assert result.hits[0].matches  # the offsets were read
    body = [size for size, field, text in opened if field == "body" and text == b"new"]
    assert sorted(body) == [30, 30, 30]  # the search in both segments, offsets in one
