"""The fused title/body analyser gives exactly the tokens of Whoosh's StemmingAnalyzer."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from index.fulltext.analysis import NewsAnalyzer, stock_analyzer
from index.fulltext.schema import make_schema
from tests.conftest import SEEDS

TEXTS = [
    "",
    "   ",
    "The the THE a an",
    "North Korea's supreme leader Kim Jong Un said U.S. sanctions were 'unbalanced'.",
    "e-mail me at j.smith@example.com about the 3.5% rise in Q3, or ask_for_it*",
    "Ünïcödé café Straße İstanbul ﬁnance ½ 2004-05-06 x y z",
    "a\nb\tc  d  ... missiles missile missiling; launched launching launch",
]

OPTIONS: list[dict[str, Any]] = [
    {},
    {"positions": True, "chars": True, "mode": "index", "boosts": True},
    {"positions": True, "chars": True, "removestops": False, "mode": "query"},
    {"positions": True, "start_pos": 7, "start_char": 100, "keeporiginal": True},
    {"tokenize": False, "positions": True, "chars": True},
    {"tokenize": False, "removestops": False},
    {"no_morph": True, "positions": True},
    {"removestops": False, "no_morph": True, "chars": True},
]


def _tokens(analyzer: Any, text: str, options: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            t.text,
            getattr(t, "pos", None),
            getattr(t, "startchar", None),
            getattr(t, "endchar", None),
            t.stopped,
            t.boost,
            getattr(t, "original", None) if options.get("keeporiginal") else None,
        )
        for t in analyzer(text, **options)
    ]


def _seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()))


@pytest.mark.parametrize("options", OPTIONS)
def test_same_tokens_as_whoosh(options: dict[str, Any]) -> None:
    stock, fused = stock_analyzer(), NewsAnalyzer()
    for text in [*TEXTS, _seed_text()]:
        assert _tokens(fused, text, options) == _tokens(stock, text, options), text[:40]


def test_the_schema_uses_it_and_it_survives_pickling() -> None:
    schema = make_schema()
    assert isinstance(schema["body"].analyzer, NewsAnalyzer)
    again = pickle.loads(pickle.dumps(schema))
    options = {"positions": True, "chars": True}
    assert _tokens(again["body"].analyzer, _seed_text(), options) == _tokens(
        stock_analyzer(), _seed_text(), options
    )


def test_an_index_written_before_the_analysis_moved_still_opens() -> None:
    """Whoosh pickles the schema with the analyser's module path; indexes written before
    index/fulltext/ existed name index.analysis (see index/analysis.py)."""
    import pickle

    from index.fulltext.analysis import NewsAnalyzer

    old = pickle.dumps(NewsAnalyzer(), protocol=2)
    assert b"index.fulltext.analysis" in old
    old = old.replace(b"index.fulltext.analysis", b"index.analysis")
    assert isinstance(pickle.loads(old), NewsAnalyzer)
