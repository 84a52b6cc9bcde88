"""A damaged search index is reported clearly, and rebuilt from the store losing nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from index.textindex import REBUILDING
from tests.conftest import run_nutgraf


def _truncate_segment_file(index: Path) -> None:
    # The largest of the terms and postings files (small posting lists live in the terms file).
    biggest = max([*index.glob("*.pst"), *index.glob("*.trm")], key=lambda p: p.stat().st_size)
    with biggest.open("r+b") as f:
        f.truncate(64)


def _delete_terms(index: Path) -> None:
    next(index.glob("*.trm")).unlink()


def _truncate_toc(index: Path) -> None:
    toc = next(index.glob("_*.toc"))
    toc.write_bytes(toc.read_bytes()[:10])


def _delete_index(index: Path) -> None:
    shutil.rmtree(index)


def _interrupted_rebuild(index: Path) -> None:
    (index / REBUILDING).write_text("")


@pytest.mark.parametrize(
    "damage",
    [_truncate_segment_file, _delete_terms, _truncate_toc, _delete_index, _interrupted_rebuild],
    ids=[
        "truncated-segment-file",
        "deleted-segment-file",
        "truncated-toc",
        "deleted-index",
        "interrupted-rebuild",
    ],
)
def test_damage_is_reported_and_rebuild_loses_nothing(
    seeded_template: Path, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(seeded_template, lib)
    before = json.loads(run_nutgraf("--library", str(lib), "list", "--json").out)
    damage(lib / "index")

    result = run_nutgraf("--library", str(lib), "search", "ballistic")
    assert result.code == 1
    assert "search index" in result.err and "nutgraf rebuild" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    # the store is untouched: listing and reading still work
    assert json.loads(run_nutgraf("--library", str(lib), "list", "--json").out) == before

    rebuilt = run_nutgraf("--library", str(lib), "rebuild")
    assert rebuilt.code == 0, rebuilt.err
    assert json.loads(run_nutgraf("--library", str(lib), "list", "--json").out) == before
    found = json.loads(
        run_nutgraf("--library", str(lib), "search", 'person:"Kim Jong Un"', "--json").out
    )
    assert found["total"] == 1 and len(found["hits"][0]["matches"]) == 6
    phrase = json.loads(
        run_nutgraf("--library", str(lib), "search", '"ballistic missiles"', "--json").out
    )
    assert phrase["total"] == 1
