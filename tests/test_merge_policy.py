"""The tiered merge policy keeps segments few (logarithmic in the library), reclaims the
deleted documents a re-add leaves, and merging never changes what a search finds."""

from __future__ import annotations

import json
import math
import random
import shutil
from pathlib import Path

import pytest

from index.fulltext import merge_policy
from index.fulltext.merge_policy import (
    MAX_MERGE_AT_ONCE,
    MAX_MERGED_DOCS,
    SEGMENTS_PER_TIER,
    Size,
    choose_merge,
)
from index.library import Library

WORDS = [
    "harbour",
    "ferry",
    "strike",
    "council",
    "museum",
    "storm",
    "budget",
    "river",
    "school",
    "election",
    "bridge",
]


def _records(rng: random.Random, start: int, count: int) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for n in range(start, start + count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
        # Every other record has an author: a deleted document with nothing in a field
        # that others fill is merged too.
        out.append({"author": f"Reporter {n % 5}"} if n % 2 else {})
        out[-1].update(
            {
                "title": f"Story {n} {rng.choice(WORDS)}",
                "text": f"The {words} ended. Officials said the {rng.choice(WORDS)} reopened.",
                "source": rng.choice(["Coast News", "City Herald"]),
                "date": f"20{rng.randint(3, 9):02d}-{rng.randint(1, 12):02d}-15",
            }
        )
    return out


def _add(lib: Library, path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with lib.writer() as writer:
        writer.add([str(path)], analyse=False)


def _bound(docs: int, floor: int) -> int:
    """SEGMENTS_PER_TIER per tier of sizes growing by MAX_MERGE_AT_ONCE from the floor,
    plus one for the segment the last commit wrote."""
    tiers = math.log(max(docs / floor, 1), MAX_MERGE_AT_ONCE) + 1
    return math.ceil(SEGMENTS_PER_TIER * tiers) + 1


def test_many_small_adds_leave_a_logarithmic_number_of_segments(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """60 adds of 20-50 articles (one commit each): at every step the segment count stays
    within SEGMENTS_PER_TIER per tier. The floor is lowered to 10 documents so that these
    small commits climb the tiers as an add of 100,000 articles does at 1,000."""
    monkeypatch.setattr(merge_policy, "FLOOR_DOCS", 10)
    rng = random.Random(16)
    docs = 0
    for n in range(60):
        count = rng.randint(20, 50)
        _add(library, tmp_path / f"part{n}.jsonl", _records(rng, docs, count))
        docs += count
        segments = library.index_segments()
        assert segments <= _bound(docs, 10), (n, docs, segments)
    assert library.count() == docs
    assert library.search("story").total == docs  # every article once, none lost or doubled


def test_the_policy_merges_large_commits_too() -> None:
    """The simulation of an add of 100,000 articles in commits of 4,000 (the batches
    an add grows to): the segment count stays logarithmic, and no commit merges more
    than MAX_MERGED_DOCS documents. (Segments of a thousand documents or more were
    never merged before: 25 of them.)"""
    sizes: list[int] = []
    for _ in range(25):
        chosen = choose_merge([Size(s) for s in sizes])
        assert sum(sizes[i] for i in chosen) <= MAX_MERGED_DOCS
        merged = sum(sizes[i] for i in chosen)
        sizes = [s for i, s in enumerate(sizes) if i not in chosen] + [merged + 4000]
        assert len(sizes) <= _bound(sum(sizes), merge_policy.FLOOR_DOCS) + 2, sizes
    assert sum(sizes) == 100_000
    assert len(sizes) <= 8, sizes


def test_a_re_add_leaves_no_deleted_documents_behind(library: Library, tmp_path: Path) -> None:
    """Re-adding a file with a third of its records changed deletes their old copies in
    the segment that held them; the re-add's own commit rewrites that segment without
    them (more than DELETES_PCT deleted), so nothing deleted stays in the index."""
    rng = random.Random(3)
    first = _records(rng, 0, 40)
    _add(library, tmp_path / "a.jsonl", first)
    _add(library, tmp_path / "b.jsonl", _records(rng, 40, 40))
    changed = [
        dict(r, text=r["text"] + " Updated later.") if n % 3 == 0 else r
        for n, r in enumerate(first)
    ]
    _add(library, tmp_path / "a.jsonl", changed)
    segments = library.ix._segments()
    assert sum(s.deleted_count() for s in segments) == 0, [
        (s.doc_count(), s.deleted_count()) for s in segments
    ]
    assert library.count() == sum(s.doc_count() for s in segments) == 80


QUERIES = [
    "harbour",
    "ferry AND strike",
    "storm OR bridge",
    '"officials said"',
    '"the river reopened"',
    "title:museum",
    'source:"city herald"',
    "date:2005",
    "date:[2004-01 to 2006-06] AND council",
    "bud*",
    "electon~",
    "school -river",
]


def _results(lib: Library) -> dict[str, object]:
    out: dict[str, object] = {}
    for q in QUERIES:
        r = lib.search(q, limit=200)
        assert r.error is None, (q, r.error)
        out[q] = (
            r.total,
            sorted((h.id, h.score, h.snippet, h.matches) for h in r.hits),
            r.suggestion,
        )
    return out


def _copy(lib: Library, path: Path) -> Library:
    lib.close()
    shutil.copytree(lib.path, path)
    return Library.open(path)


def test_segmented_index_finds_and_scores_as_a_fully_merged_one(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library written by many commits (several segments) gives the same totals, hits,
    scores, snippets and suggestions as its copy optimized into one segment; after a
    re-add (deleted documents in a segment), the optimized index gives the same as the
    index rebuilt from the store in one commit (the floor lowered to 10 documents: commits
    of 30 then make segments of their own and merge into bigger ones)."""
    monkeypatch.setattr(merge_policy, "FLOOR_DOCS", 10)
    rng = random.Random(7)
    first = _records(rng, 0, 30)
    _add(library, tmp_path / "a.jsonl", first)
    for n in range(1, 7):
        _add(library, tmp_path / f"p{n}.jsonl", _records(rng, 30 * n, 30))
    assert not any(s.has_deletions() for s in library.ix._segments())
    merged = _copy(library, tmp_path / "merged")
    report = merged.optimize()
    assert report.segments_before == library.index_segments() > 1
    assert merged.index_segments() == report.segments_after == 1
    assert _results(merged) == _results(library)
    merged.close()

    again = [dict(r, text=r["text"] + " Again.") for r in first[:3]] + first[3:]
    _add(library, tmp_path / "a.jsonl", again)
    assert any(s.has_deletions() for s in library.ix._segments())  # 3 of 30: left in place
    merged, rebuilt = _copy(library, tmp_path / "merged2"), _copy(library, tmp_path / "rebuilt")
    merged.optimize()
    assert merged.index_segments() == 1 and not merged.ix._segments()[0].has_deletions()
    with rebuilt.writer() as writer:
        writer.rebuild()
    assert _results(merged) == _results(rebuilt)
    for lib in (merged, rebuilt):
        lib.close()
