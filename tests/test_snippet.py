"""Snippets and mention contexts in scripts written without spaces (issue 12)."""

from __future__ import annotations

from index.fulltext.snippet import make_snippet, sentence_around

CHINESE = (
    "朝鲜中央通讯社星期一报道说，朝鲜最高领导人金正恩在平壤附近视察了新型远程导弹的试射，"
    "并表示这次试射成功展示了国家的防御能力。分析人士认为，这次试射是在与俄罗斯总统普京会晤"
    "几天后进行的，目的是在新一轮谈判前展示实力。"
) * 3


def test_a_chinese_snippet_takes_the_cells_of_an_english_one_not_twice_them() -> None:
    english = "The talks went on. " * 60
    short, _ = make_snippet(english, [(19, 24)])
    snippet, spans = make_snippet(CHINESE, [(21, 24)])
    # A Chinese character takes two cells: the same 200 cells hold about 100 of them.
    assert 90 <= len(snippet) <= 110 < len(short)
    ((start, end),) = spans
    assert snippet[start:end] == "金正恩"


def test_a_mention_context_ends_at_the_chinese_full_stop() -> None:
    start = CHINESE.index("普京")
    context = sentence_around(CHINESE, start, start + 2)
    assert (
        context
        == "分析人士认为，这次试射是在与俄罗斯总统普京会晤几天后进行的，目的是在新一轮谈判前展示实力。"
    )
    first = sentence_around(CHINESE, 21, 24)
    assert first.startswith("朝鲜中央通讯社") and first.endswith("防御能力。")


def test_an_english_context_is_unchanged() -> None:
    text = "Officials met. Later, Mr Kishida spoke to reporters. Then they left."
    start = text.index("Kishida")
    assert sentence_around(text, start, start + 7) == "Later, Mr Kishida spoke to reporters."
