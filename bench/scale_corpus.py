"""The scale benchmark's corpus: cycled copies of the news corpus, cut into stages.

Copy 0 of a record is the record as it is; copy k >= 1 has the id ``ID~k``, the
title ``TITLE [k+1]`` and its paragraphs (split on blank lines) rotated by k, so
that no copy is a duplicate of another and nothing is deduplicated on add. This is
the rule of the background build of the ready-made scale libraries
(``/work/scale/make_scale.py``), so that a library built here holds the same
articles as those.

Stages: the corpus itself (6,793 records), 20,000, then N; the stages above N are
left out (``--scale 2000`` is one stage of 2,000 records).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from bench.common import DEFAULT_CORPUS

__all__ = ["SOURCES", "copy_record", "read_records", "stage_sizes", "write_stage"]

#: The corpus files, in the order the copies cycle through their records.
SOURCES = (DEFAULT_CORPUS / "bbc.jsonl", DEFAULT_CORPUS / "reuters21578.jsonl")


def read_records(sources: tuple[Path, ...] = SOURCES) -> list[dict[str, object]]:
    """Every record of the corpus files, in order (blank lines skipped)."""
    return [
        json.loads(line) for path in sources for line in path.open(encoding="utf-8") if line.strip()
    ]


def stage_sizes(n: int, corpus: int) -> list[int]:
    """The cumulative sizes of the stages up to ``n`` records: ``corpus`` (the corpus
    size), 20,000 and ``n``, those not below ``n`` left out. ``stage_sizes(100_000,
    6_793)`` is ``[6793, 20000, 100000]``; ``stage_sizes(2000, 6793)`` is ``[2000]``."""
    return [s for s in (corpus, 20_000) if s < n] + [n]


def copy_record(record: dict[str, object], k: int) -> dict[str, object]:
    """Copy ``k`` of a record (see the module docstring); copy 0 is ``record`` itself."""
    if k == 0:
        return record
    out = dict(record)
    paras = str(record["text"]).split("\n\n")
    shift = k % len(paras)
    out["text"] = "\n\n".join(paras[shift:] + paras[:shift])
    out["id"] = f"{record['id']}~{k}"
    out["title"] = f"{record['title']} [{k + 1}]"
    return out


def records_between(
    records: list[dict[str, object]], start: int, end: int
) -> Iterator[dict[str, object]]:
    """Records ``start`` to ``end`` (not included) of the endless cycled copies."""
    for i in range(start, end):
        yield copy_record(records[i % len(records)], i // len(records))


def write_stage(records: list[dict[str, object]], start: int, end: int, path: Path) -> Path:
    """Write records ``start`` to ``end`` of the cycled copies to ``path`` (JSON Lines)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records_between(records, start, end):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
