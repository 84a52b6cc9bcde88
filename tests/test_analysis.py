"""The rules of the title/body analyser (index/fulltext/analysis.py), token by token.

These replace the old comparison with Whoosh's StemmingAnalyzer: the analysis now
differs from it on purpose (folding, no stop words, names with symbols, CJK bigrams).
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.fulltext.analysis import NewsAnalyzer, is_current, keyword_analyzer
from index.fulltext.schema import make_schema


def terms(text: str, mode: str = "index") -> list[str]:
    return [t.text for t in NewsAnalyzer()(text, mode=mode)]


def tokens(text: str, mode: str = "index") -> list[tuple[str, int, int, int]]:
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in NewsAnalyzer()(text, positions=True, chars=True, mode=mode)
    ]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Zürich", "Zu\u0308rich"),
        ("zurich", "ZÜRICH"),
        ("cafe", "café"),
        ("usa", "ＵＳＡ"),
        ("finance", "ﬁnance"),
        ("finance", "fi\u00adnance"),
        ("finance", "fi\u200bnance"),
        ("finance", "fi\u200dnance"),
        ("istanbul", "İstanbul"),
        ("İSTANBUL", "istanbul"),
        ("strasse", "Straße"),
        ("Kim's", "Kim’s"),
        ("Kim", "Kim’s"),
        ("US", "U.S."),
        ("USA", "U.S.A."),
        ("email", "e-mail"),
        ("O’Brien", "O'Brien"),
    ],
)
def test_a_word_is_one_term_however_it_is_written(typed: str, written: str) -> None:
    assert len(terms(typed, "query")) == 1
    assert terms(typed, "query")[0] in terms(written)


def test_no_stop_words_and_no_minimum_length() -> None:
    assert terms("The Who and a US IT UN WHO I x 7") == [
        *("the", "who", "and", "a", "us", "it", "un", "who", "i", "x", "7"),
    ]


def test_latin_words_are_stemmed_and_other_scripts_never() -> None:
    assert terms("missiles launched") == ["missil", "launch"]
    assert terms("Москвы ракеты") == ["москвы", "ракеты"]
    assert terms("हिन्दी") == ["हिन्दी"]  # Devanagari marks stay inside the word


def test_offsets_point_at_the_original_characters() -> None:
    text = "In Zu\u0308rich, fi\u00adnance ＵＳＡ Straße."
    for term, _, start, end in tokens(text):
        assert terms(text[start:end], "query") == [term]
    assert [text[s:e] for _, _, s, e in tokens(text)] == [
        *("In", "Zu\u0308rich", "fi\u00adnance", "ＵＳＡ", "Straße"),
    ]


def test_a_joined_name_is_its_joined_form_and_its_parts() -> None:
    assert tokens("the AT&T deal") == [
        ("the", 0, 0, 3),
        ("at&t", 1, 4, 8),
        ("att", 1, 4, 8),
        ("at", 1, 4, 6),
        ("t", 2, 7, 8),
        ("deal", 3, 9, 13),
    ]
    assert terms("Bashar al-Assad") == ["bashar", "al-assad", "alassad", "al", "assad"]
    assert terms("C++ C# 9/11 H&M") == [
        "c++",
        "c",
        "c#",
        "c",
        "9/11",
        "9",
        "11",
        "h&m",
        "hm",
        "h",
        "m",
    ]
    assert terms("O'Brien rock'n'roll") == [
        "o'brien",
        "obrien",
        "o",
        "brien",
        "rock'n'rol",
        "rocknrol",
        "rock",
        "n",
        "roll",
    ]


def test_a_query_word_is_its_joined_form_and_a_phrase_its_parts() -> None:
    for word, joined in [("S&P", "s&p"), ("9/11", "9/11"), ("al-Assad", "al-assad")]:
        assert terms(word, "query") == [joined]
    assert terms("C++", "query") == ["c++"]
    # A query word holding several words is a phrase: its names give their parts.
    assert terms("AT&T金", "query") == ["at", "t", "金"]
    assert terms("S&P 500 al-Assad", "phrase") == ["s", "p", "500", "al", "assad"]


def test_acronyms_numbers_and_possessives() -> None:
    assert tokens("the U.S. Army") == [("the", 0, 0, 3), ("us", 1, 4, 8), ("armi", 2, 9, 13)]
    assert terms("U.N. U.S.A", "phrase") == ["un", "usa"]
    assert terms("3.5 1,000 2,5 12,345,678.9") == ["3.5", "1000", "2,5", "12345678.9"]
    assert terms("1,000", "query") == terms("1000", "query") == ["1000"]
    assert terms("Kim's Kim’s O'Brien's", "phrase") == ["kim", "kim", "o", "brien"]
    assert terms("red,blue") == ["red", "blue"]  # a comma joins only digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("金正恩", [("金", 0), ("金正", 0), ("正", 1), ("正恩", 1), ("恩", 2)]),
        ("日", [("日", 0)]),
        (
            "서울 iPhone手机",
            [("서", 0), ("서울", 0), ("울", 1), ("iphon", 2), ("手", 3), ("手机", 3), ("机", 4)],
        ),
    ],
)
def test_unspaced_scripts_give_unigrams_and_bigrams(
    text: str, expected: list[tuple[str, int]]
) -> None:
    assert [(t, p) for t, p, _, _ in tokens(text)] == expected


def test_a_thai_letter_keeps_its_marks() -> None:
    # ก + MAI EK (a tone mark) is one unit: no term holds the mark alone.
    assert terms("ก่า") == ["ก่", "ก่า", "า"]


def test_unspaced_queries_are_bigrams_in_order() -> None:
    assert terms("金正恩", "query") == ["金正", "正恩"]
    assert terms("日", "query") == ["日"]
    # A word after a run is one position past the run's last unigram: it goes in too.
    assert tokens("平壤 Kim", "phrase") == [("平壤", 0, 0, 2), ("壤", 1, 1, 2), ("kim", 2, 3, 6)]
    assert [(t, p) for t, p, _, _ in tokens("平壤 Kim")][-2:] == [("壤", 1), ("kim", 2)]


def test_the_cjk_offsets_cover_each_character() -> None:
    assert tokens("在金正恩", "query") == [("在金", 0, 0, 2), ("金正", 1, 1, 3), ("正恩", 2, 2, 4)]


def test_keyword_fields_fold_each_comma_separated_value() -> None:
    got = [t.text for t in keyword_analyzer()("Zu\u0308rich, KIM JONG UN,İstanbul")]
    assert got == ["zurich", "kim jong un", "istanbul"]


def test_the_schema_uses_it_and_it_survives_pickling() -> None:
    schema = make_schema()
    assert isinstance(schema["body"].analyzer, NewsAnalyzer)
    again = pickle.loads(pickle.dumps(schema))
    assert is_current(again["body"].analyzer)
    assert list(again["place"].process_text("Zürich")) == ["zurich"]
    options: dict[str, Any] = {"positions": True, "chars": True}
    text = "AT&T in 平壤 and Zu\u0308rich"
    assert [t.text for t in again["body"].analyzer(text, **options)] == terms(text)


def test_an_analyzer_pickled_by_the_old_analysis_is_not_current() -> None:
    """The old NewsAnalyzer (stop words, no folding) pickled its regex and stop list and
    no version: an index holding it is recognised as old (index/fulltext/writer.py)."""
    old = pickle.dumps(NewsAnalyzer(), protocol=2)
    old = pickle.loads(old.replace(b"index.fulltext.analysis", b"index.analysis"))
    assert isinstance(old, NewsAnalyzer) and is_current(old)
    del old.version
    old.stops = frozenset({"the"})
    assert not is_current(old)


# -- every word, typed as it appears, finds its text (a property) ----------------

_PIECES = [
    *"abcdefghijklmnopqrstuvwxyzXYZ0123456789",
    "é",
    "e\u0301",
    "ü",
    "u\u0308",
    "İ",
    "ß",
    "Ｕ",
    "ﬁ",
    "ø",
    "金",
    "正",
    "恩",
    "日本",
    "テ",
    "서울",
    "ก่",
    "า",
    "ไ",
    "न्",
    "д",
]
_INSIDE = ["&", "-", "'", "’", ".", "/", "\u00ad", "\u200b", "+"]


@st.composite
def _word(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6))
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from(["", "", "", *_INSIDE])) + part
    if draw(st.booleans()) and out[-1].isalnum():
        out += draw(st.sampled_from(["", "++", "'s", "’s", "."]))
    return out


def _search_one(text: str, words: list[str]) -> None:
    from whoosh.filedb.filestore import RamStorage

    from index.fulltext.query import make_parser, parse_query

    ix = RamStorage().create_index(make_schema())
    writer = ix.writer()
    writer.add_document(id="1", title="", body=text)
    writer.commit()
    parser = make_parser(ix.schema)
    with ix.searcher() as searcher:
        start = 0
        for word in words:
            where = text.index(word, start)
            start = where + len(word)
            q, _ = parse_query(word, parser)
            assert len(searcher.search(q)) == 1, (word, q)
            # The matched body terms' characters cover the typed word's letters.
            covered: set[int] = set()
            for leaf in q.leaves():
                for t in getattr(leaf, "words", None) or [getattr(leaf, "text", None)]:
                    if leaf.fieldname == "body" and ("body", t) in searcher.reader():
                        for _, s, e in searcher.postings("body", t).value_as("characters"):
                            covered.update(range(s, e))
            # Every letter, but the s of a possessive 's (which is dropped).
            letters = {
                i
                for i in range(where, where + len(word))
                if text[i].isalnum() and not (text[i] in "sS" and text[i - 1] in "'’")
            }
            assert letters <= covered, (word, q)


@settings(max_examples=150, deadline=None)
@given(st.lists(_word(), min_size=1, max_size=8))
def test_every_word_typed_as_it_appears_finds_the_text(words: list[str]) -> None:
    words = [w for w in words if w.upper() not in ("AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE")]
    if words:
        _search_one(" ".join(words), words)
