"""A one-word query is ranked without Whoosh's collector, with the same results
(issue 16: the search ratio; see index.fulltext.topk). Counted, not timed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from whoosh import collectors

from index.fulltext import merge_policy, search
from index.library import Library
from index.model import SearchResult


def _add(lib: Library, path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with lib.writer() as writer:
        writer.add([str(path)], analyse=False)


def _records(start: int) -> list[dict[str, str]]:
    """Harbour in most bodies (1 to 4 times, bodies of several lengths: scores tie and
    differ), in some titles too, and not at all in every fifth article."""
    out = []
    for n in range(start, start + 40):
        word = "harbour" if n % 5 else "quay"
        body = " ".join([f"{word} news"] * (1 + n % 4) + ["filler words here"] * (n % 3))
        title = f"Harbour {n}" if n % 7 == 0 else f"Port {n}"
        out.append({"id": f"a{n}", "title": title, "text": body})
    return out


def _shown(result: SearchResult) -> list[Any]:
    return [result.total] + [
        (h.id, h.score, h.snippet, h.snippet_matches, h.matches) for h in result.hits
    ]


def test_a_common_word_is_ranked_without_scoring_each_match_through_whoosh(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No match of a one-word query goes through Whoosh's collector (about 4 µs a match,
    the p95 of the 20k bench), and the total, ids, order, scores and snippets are
    those of the exhaustive search, in an index of several segments with deletions."""
    monkeypatch.setattr(merge_policy, "FLOOR_DOCS", 10)
    _add(library, tmp_path / "a.jsonl", _records(0))
    _add(library, tmp_path / "b.jsonl", _records(40))
    gone = [h.id for h in library.search("harbour", limit=100).hits][::16]
    with library.writer() as writer:
        for aid in gone:
            assert writer.remove(aid) is not None
    assert library.index_segments() > 1
    collected: list[int] = []
    original = collectors.ScoredCollector.collect

    def counted(self: Any, sub_docnum: int) -> Any:
        collected.append(sub_docnum)
        return original(self, sub_docnum)

    monkeypatch.setattr(collectors.ScoredCollector, "collect", counted)
    fast = {
        (q, n): _shown(library.search(q, limit=n))
        for q in ("harbour", "title:harbour", "harbour AND news", "quay AND title:harbour")
        for n in (5, 20, 100)
    }
    assert collected == []
    monkeypatch.setattr(search, "plain_groups", lambda q: None)  # the exhaustive collector
    for (q, n), shown in fast.items():
        assert _shown(library.search(q, limit=n)) == shown
    assert fast[("harbour", 100)][0] == 67 - len(gone)  # in 64 bodies and 3 more titles
    assert len(collected) > 60
