"""A library made before the analysis of issue 12 (schema 1: stop words, no folding).

``tests/data/library-schema1.tar.gz`` was made by nutgraf at commit 5db4983 (the
seed article and two stories, added with ``nutgraf add``). Its index holds the
old terms, so it is named in one line with what to do; its articles are all
there, and ``nutgraf rebuild`` makes an index that finds every word.
"""

from __future__ import annotations

import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import SEED_TITLE, CliResult

OLD = Path(__file__).parent / "data" / "library-schema1.tar.gz"
LINE = (
    "the search index was made by an earlier version of nutgraf, which matched words "
    "differently (index schema 2 is needed); run 'nutgraf rebuild' to make it again "
    "from the stored articles"
)
TITLES = sorted([SEED_TITLE, "Harbour strike ends", "The Who to play in London"])


@pytest.fixture
def old(tmp_path: Path) -> str:
    with tarfile.open(OLD) as tar:
        tar.extractall(tmp_path, filter="data")
    return str(tmp_path / "lib")


def test_the_old_index_is_named_in_one_line_and_no_article_is_lost(old: str) -> None:
    lib = Library.open(old)
    try:
        result = lib.search("harbour")
        assert result.error == LINE and result.damaged and result.hits == ()
        assert sorted(a.title for a in lib.articles()) == TITLES
    finally:
        lib.close()


def test_the_cli_says_the_one_line_and_rebuild_makes_every_word_findable(
    old: str, cli: Callable[..., CliResult]
) -> None:
    searched = cli("--library", old, "search", "harbour")
    assert searched.code != 0 and searched.err == f"nutgraf: {LINE}\n"
    assert "Traceback" not in searched.err
    rebuilt = cli("--library", old, "rebuild")
    assert rebuilt.code == 0, rebuilt.err
    for query, title in [
        ("harbour", "Harbour strike ends"),
        ("zurich", "Harbour strike ends"),
        ('"The Who"', "The Who to play in London"),
    ]:
        doc = cli("--library", old, "search", query, "--json").json()
        assert [h["title"] for h in doc["hits"]] == [title], query  # type: ignore[index]
    doc = cli("--library", old, "search", "US", "--json").json()
    assert "The Who to play in London" in [h["title"] for h in doc["hits"]]  # type: ignore[index]
    listed = cli("--library", old, "list", "--json").json()
    assert sorted(a["title"] for a in listed) == TITLES  # type: ignore[index,union-attr]


def test_rebuild_counts_the_vocabulary_afresh_by_the_current_word_rules(old: str) -> None:
    # The old vocabulary held words of 3+ letters only; a rebuild counts it again, so
    # "did you mean" knows every word as today's rules read it, and no other.
    lib = Library.open(old)
    try:
        before = dict(lib.store.vocabulary())
        assert "us" not in before
        with lib.writer() as writer:
            writer.rebuild()
        after = dict(lib.store.vocabulary())
    finally:
        lib.close()
    assert after["us"] == 2 and after["who"] == 1  # "US" in two of the three
    assert after["harbour"] == before["harbour"]
