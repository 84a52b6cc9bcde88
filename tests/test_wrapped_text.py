"""Hard-wrapped text in every script goes in whole: no line of it is lost as "site furniture".

The cleaner drops short non-sentences at the edges of a story. Lines of a hard-wrapped
paragraph that were not re-joined were such pieces: a wrapped Chinese, Korean or
mixed-script paragraph kept only its last line, a short wrapped English note was
refused, and an Arabic or Hindi sentence (no lower-case letters to read as prose) was
taken for the title and lost. Each test names the stored body it expects; the lines of
every input are all in it (re-joined lines stay substrings of the joined paragraph).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from index.readers.cleaning import clean_scraped_text, split_paragraphs
from tests.conftest import CliResult

Cli = Callable[..., CliResult]

# name -> (file text, expected title, expected paragraphs of the stored body)
CASES: dict[str, tuple[str, str, list[str]]] = {
    # The tester's reproductions (issue 12 follow-up).
    "chinese": (
        "中国经济新闻报道标题二\n\n"
        "国家统计局今天公布的数据显示，中国经济在第一季度增长了百分之五点三，\n"
        "高于市场预期。分析人士认为，消费和出口\n"
        "是主要的推动力量。\n",
        "中国经济新闻报道标题二",
        [
            "国家统计局今天公布的数据显示，中国经济在第一季度增长了百分之五点三，"
            "高于市场预期。分析人士认为，消费和出口是主要的推动力量。"
        ],
    ),
    "korean": (
        "한국 경제 뉴스 제목입니다\n\n"
        "한국은행은 오늘 기준금리를 동결한다고\n"
        "발표했다. 전문가들은 이번 결정이 시장에\n"
        "긍정적인 영향을 줄 것이라고 전망했다.\n",
        "한국 경제 뉴스 제목입니다",
        [
            "한국은행은 오늘 기준금리를 동결한다고 발표했다. 전문가들은 이번 결정이 시장에 "
            "긍정적인 영향을 줄 것이라고 전망했다."
        ],
    ),
    "mixed": (
        "Mixed wrap English 中文\n\n"
        "The spokesman said the\n"
        "中国政府 will respond to the\n"
        "allegations soon, according to sources in\n"
        "Beijing and 上海.\n",
        "Mixed wrap English 中文",
        [
            "The spokesman said the 中国政府 will respond to the allegations soon, "
            "according to sources in Beijing and 上海."
        ],
    ),
    "english": (
        "Short wrapped note\n\n"
        "The spokesman said the\n"
        "government will respond to the\n"
        "allegations soon, according to sources in\n"
        "Beijing and Shanghai.\n",
        "Short wrapped note",
        [
            "The spokesman said the government will respond to the allegations soon, "
            "according to sources in Beijing and Shanghai."
        ],
    ),
    # Uneven wraps: a line ending in a comma goes on; a full stop at a line shorter than
    # the wrap width (not uniformly wrapped) ends its paragraph.
    "chinese-uneven": (
        "中国经济新闻报道标题\n\n"
        "国家统计局今天公布的数据显示，中国经济增长了百分之五点三，高于市场预期。\n"
        "分析人士认为，消费和出口是主要的推动力量，\n"
        "下半年有望继续改善。\n",
        "中国经济新闻报道标题",
        [
            "国家统计局今天公布的数据显示，中国经济增长了百分之五点三，高于市场预期。",
            "分析人士认为，消费和出口是主要的推动力量，下半年有望继续改善。",
        ],
    ),
    # Uniformly wrapped at one width: a line ending in 。 at the margin was cut there too.
    "chinese-uniform": (
        "央行宣布维持利率不变\n\n"
        "中国人民银行周一宣布，一年期贷款市场报价利率维持在三点四五不变。\n"
        "这是央行连续第五个月按兵不动，符合大多数经济学家此前的预期判断。\n"
        "分析人士表示，经济复苏仍需政策支持。\n",
        "央行宣布维持利率不变",
        [
            "中国人民银行周一宣布，一年期贷款市场报价利率维持在三点四五不变。"
            "这是央行连续第五个月按兵不动，符合大多数经济学家此前的预期判断。"
            "分析人士表示，经济复苏仍需政策支持。"
        ],
    ),
    "japanese": (
        "日本経済ニュース\n\n"
        "日本銀行は今日、\n"
        "金融政策決定会合で大規模な金融緩和策を維持することを決めたと発表した。市場関係者は\n"
        "今後の動向に注目している。\n",
        "日本経済ニュース",
        [
            "日本銀行は今日、金融政策決定会合で大規模な金融緩和策を維持することを決めたと"
            "発表した。市場関係者は今後の動向に注目している。"
        ],
    ),
    "traditional-chinese": (
        "臺灣經濟成長超乎預期\n\n"
        "行政院主計總處今天公布，臺灣第二季經濟成長率達到\n"
        "百分之五。官員表示，出口與\n"
        "民間消費同步擴張。\n",
        "臺灣經濟成長超乎預期",
        [
            "行政院主計總處今天公布，臺灣第二季經濟成長率達到百分之五。官員表示，出口與"
            "民間消費同步擴張。"
        ],
    ),
    # Thai ends no sentence with a stop: a wrapped paragraph of it is joined, with the space.
    "thai": (
        "ข่าวเศรษฐกิจไทย\n\n"
        "ธนาคารแห่งประเทศไทยประกาศคงอัตราดอกเบี้ยนโยบาย\n"
        "นักวิเคราะห์คาดว่าเศรษฐกิจจะฟื้นตัวในไตรมาสหน้า\n",
        "ข่าวเศรษฐกิจไทย",
        ["ธนาคารแห่งประเทศไทยประกาศคงอัตราดอกเบี้ยนโยบาย นักวิเคราะห์คาดว่าเศรษฐกิจจะฟื้นตัวในไตรมาสหน้า"],
    ),
    # Scripts without case: a sentence of them is prose, not a title.
    "arabic": (
        "عنوان الخبر\n\nقالت الحكومة اليوم إنها ستعلن عن خطة جديدة للاقتصاد.\n",
        "عنوان الخبر",
        ["قالت الحكومة اليوم إنها ستعلن عن خطة جديدة للاقتصاد."],
    ),
    "hindi": (
        "समाचार शीर्षक\n\nसरकार ने आज नई आर्थिक योजना की घोषणा की।\n",
        "समाचार शीर्षक",
        ["सरकार ने आज नई आर्थिक योजना की घोषणा की।"],
    ),
    # A short first line of a paragraph: a CJK line ending in no stop, a label-length
    # line before a lower-case one, are cut sentences below the title's block.
    "japanese-short-line": (
        "日本経済\n\n日本銀行は\n金融緩和策を維持すると発表した。\n",
        "日本経済",
        ["日本銀行は金融緩和策を維持すると発表した。"],
    ),
    "korean-short-line": (
        "한국 뉴스\n\n한국은행은\n기준금리를 동결했다.\n",
        "한국 뉴스",
        ["한국은행은 기준금리를 동결했다."],
    ),
    "english-short-line": (
        "Budget news\n\nOfficials\nsaid on Monday that the budget would pass.\n",
        "Budget news",
        ["Officials said on Monday that the budget would pass."],
    ),
    # Thai ends no sentence with a stop: a short paragraph of it is no sentence, but
    # the page has nothing else, so it is the story (not refused).
    "thai-short-note": (
        "ข่าวสั้น\n\nวันนี้อากาศดีมาก ฝนไม่ตก คนออกมาเที่ยวเยอะ\n",
        "ข่าวสั้น",
        ["วันนี้อากาศดีมาก ฝนไม่ตก คนออกมาเที่ยวเยอะ"],
    ),
    # A short note with no full stop at all: its text goes in, not a refusal.
    "english-no-stop": (
        "Fire on Main\n\nA fire broke out on Main Street tonight\nFirefighters remain at the scene\n",
        "Fire on Main",
        ["A fire broke out on Main Street tonight Firefighters remain at the scene"],
    ),
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_line_of_wrapped_text_is_stored(name: str, library: Library, tmp_path: Path) -> None:
    text, title, paragraphs = CASES[name]
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    with library.writer() as writer:
        report = writer.add([str(path)])
    (added,) = report.added
    article = library.get(added.id)
    assert article is not None
    assert article.title == title
    assert article.body.split("\n\n") == paragraphs
    for line in _lines(text)[1:]:  # every word of every line, in its order
        assert line in article.body


def test_wrapped_chinese_goes_in_whole_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    text, title, paragraphs = CASES["chinese"]
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    lib = str(tmp_path / "lib")
    report = cli("--library", lib, "add", str(path), "--json")
    assert report.code == 0, report.out + report.err
    (added,) = report.json()["added"]  # type: ignore[index]
    shown = cli("--library", lib, "show", added["id"], "--json").json()
    assert isinstance(shown, dict)
    assert shown["title"] == title
    assert shown["text"] == "\n\n".join(paragraphs)
    found = cli("--library", lib, "search", "消费和出口是主要", "--json").json()
    assert [hit["id"] for hit in found["hits"]] == [added["id"]]  # type: ignore[index]


def test_markdown_with_cjk_soft_breaks_is_one_paragraph(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# 台风预警\n\n"
        "气象台今天发布台风橙色预警，预计台风将于\n"
        "明天凌晨登陆，请居民\n"
        "做好防范准备。\n\n"
        "- 学校停课\n- 航班取消\n",
        encoding="utf-8",
    )
    with library.writer() as writer:
        (added,) = writer.add([str(path)]).added
    article = library.get(added.id)
    assert article is not None and article.title == "台风预警"
    assert article.body.split("\n\n") == [
        "气象台今天发布台风橙色预警，预计台风将于明天凌晨登陆，请居民做好防范准备。",
        "• 学校停课",
        "• 航班取消",
    ]


# -- what must stay apart -------------------------------------------------------------


def test_headline_byline_date_and_menu_lines_are_not_joined() -> None:
    page = (
        "Home\nWorld\nPolitics\n"
        "Council approves the riverside park plan\n"
        "By Maria Gomez\n"
        "March 4, 2024\n"
        "The city council voted 7 to 2 on Tuesday to approve a plan for a park along the\n"
        "river, ending a debate that lasted almost three years.\n"
    )
    cleaned = clean_scraped_text(page)
    assert cleaned.title == "Council approves the riverside park plan"
    assert cleaned.author == "Maria Gomez"
    assert cleaned.published is not None and cleaned.published.startswith("2024-03-04")
    assert cleaned.body == (
        "The city council voted 7 to 2 on Tuesday to approve a plan for a park along the "
        "river, ending a debate that lasted almost three years."
    )


def test_a_chinese_headline_over_its_wrapped_story_stays_the_title() -> None:
    text = (
        "朝鲜试射新型导弹\n"
        "朝鲜中央通讯社周一报道，朝鲜成功试射了一枚新型远程导弹，金正恩在平壤\n"
        "附近观看了发射。韩国军方表示正在分析飞行数据。\n"
    )
    cleaned = clean_scraped_text(text)
    assert cleaned.title == "朝鲜试射新型导弹"
    assert cleaned.body == (
        "朝鲜中央通讯社周一报道，朝鲜成功试射了一枚新型远程导弹，金正恩在平壤"
        "附近观看了发射。韩国军方表示正在分析飞行数据。"
    )


def test_paragraphs_written_one_per_line_stay_paragraphs() -> None:
    # Extracted HTML and many corpora put one paragraph on each line, no blank line.
    one = "The minister resigned on Friday after weeks of pressure from her own party members."
    two = "Her deputy will lead the ministry until a successor is named, officials said today."
    head = "Reactions"
    three = "Opposition leaders welcomed the decision and called for an early election in spring."
    assert split_paragraphs("\n".join([one, two, head, three])) == [one, two, head, three]
    # A line ending in a sentence stop in a block that is not uniformly wrapped ends there.
    assert split_paragraphs(
        "短段落一。\n这是第二个段落，它比第一个段落长得多，说明这里不是折行。"
    ) == [
        "短段落一。",
        "这是第二个段落，它比第一个段落长得多，说明这里不是折行。",
    ]


def test_labels_and_addresses_are_not_glued_to_a_lower_case_line() -> None:
    assert split_paragraphs("About my6sense\nmy6sense offers a platform for publishers.") == [
        "About my6sense",
        "my6sense offers a platform for publishers.",
    ]
    assert split_paragraphs("Вторая фаза диеты\nВторая фаза диеты еще более простая.") == [
        "Вторая фаза диеты",
        "Вторая фаза диеты еще более простая.",
    ]


def test_a_page_of_only_a_title_and_menus_is_still_refused() -> None:
    assert clean_scraped_text("Big Story Title\n\nMenu\nHome\nWorld News\nContact us\n").body == ""
    assert clean_scraped_text("头条新闻\n\n首页\n国内\n国际\n财经\n").body == ""
