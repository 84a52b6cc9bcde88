"""HTML bodies (issue 13 review): a page laid out with a table reads as paragraphs, every
copy of the headline at the top of the body goes, and a bare date there goes too (and
dates the story when the page gives no date of its own)."""

from __future__ import annotations

from typing import Any

import pytest

from index.article import Article
from index.readers import html as html_reader
from index.readers.base import Input
from index.readers.html import drop_headline, read_html
from index.readers.htmlfurniture import bare_date, drop_page_furniture
from index.readers.htmllayout import unwrap_layout_tables

STORY = [
    "The minister announced a new rail line on Monday that will link the northern towns by 2030.",
    "Work will start next year, the ministry said, at a cost of two billion pounds.",
    "Local councils welcomed the plan but asked for stations in the smaller villages too.",
]


def read(html: str) -> Article:
    src = Input.from_bytes("page.html", "page.html", html.encode("utf-8"))
    (article,) = [item for item in read_html(src) if isinstance(item, Article)]
    return article


def doc(title: str, body: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


# --- layout tables -------------------------------------------------------------------

REVIEW_TABLE = (
    '<table><tr><td class="nav"><a href="/">Home</a><br><a href="/n">News</a></td>'
    '<td class="story"><font size="4"><b>Rail line to link north</b></font><br>'
    '<font size="1">12 March 2024</font><br><br>'
    "The minister announced a new rail line on Monday that will link the northern towns by 2030."
    "<br><br>Work will start next year, the ministry said, at a cost of two billion pounds."
    "<br><br><i>Reprinted with permission.</i></td></tr></table>"
)


def test_review_case_table_layout_gives_each_br_block_its_own_paragraph() -> None:
    article = read(doc("Rail line to link north", REVIEW_TABLE))
    body = article.body.split("\n\n")
    assert body[:2] == STORY[:2]
    assert "|" not in article.body
    for furniture in ("Home", "News", "Rail line to link north", "12 March 2024"):
        assert furniture not in article.body


def _layout(br: str, nested: bool) -> str:
    story = br.join(["<b>Rail line to link north</b>", *STORY]).replace("</b>" + br, "</b><br>", 1)
    cells = (
        '<tr><td width="120"><a href="/">Home</a><br><a href="/w">World</a><br>'
        f'<a href="/s">Sport</a></td><td valign="top">{story}</td></tr>'
    )
    table = f"<TABLE border=0><TBODY>{cells}</TBODY></TABLE>"
    if nested:
        table = (
            '<table width="100%"><tr><td><img src="/logo.gif" alt="The Northern Echo"></td></tr>'
            f"<tr><td>{table}</td></tr></table>"
        )
    return table


@pytest.mark.parametrize("br", ["<br><br>", "<BR><BR>", "<br/>\n<br/>", "<br />  <br />"])
@pytest.mark.parametrize("nested", [False, True])
def test_layout_tables_of_other_shapes_read_as_paragraphs(br: str, nested: bool) -> None:
    article = read(doc("Rail line to link north - The Echo", _layout(br, nested)))
    assert article.body.split("\n\n") == STORY
    assert article.title == "Rail line to link north"


BUDGET = [
    "The city council approved a new budget on Tuesday after a long debate over school funding.",
    "The budget raises spending on roads and parks by five per cent, the mayor said.",
    "Opposition members voted against it, saying it did too little for housing.",
]
NAV = '<a href="/">Home</a><br><a href="/n">News</a><br><a href="/s">Sport</a>'


@pytest.mark.parametrize(
    "table",
    [
        # Paragraphs as <p> in the story cell, the date in a <p> of its own.
        f'<table width="100%"><tr><td width="150">{NAV}</td><td><h2>Council approves new budget'
        "</h2><p><small>4 June 2023</small></p>"
        + "".join(f"<p>{p}</p>" for p in BUDGET)
        + "</td></tr></table>",
        # The menu in a row above, paragraphs parted by <br>&nbsp;<br>.
        f"<table><tr><td>{NAV}</td></tr><tr><td><b>Council approves new budget</b><br>"
        "4 June 2023<br>&nbsp;<br>" + "<br>&nbsp;<br>".join(BUDGET) + "</td></tr></table>",
        # Unclosed <p>s after a <br>-broken headline and date.
        f"<table><tr><td>{NAV}</td><td><b>Council approves new budget</b><br>4 June 2023"
        + "".join(f"<p>{p}" for p in BUDGET)
        + "</td></tr></table>",
    ],
)
def test_layout_tables_with_p_blocks_or_nbsp_breaks_read_as_paragraphs(table: str) -> None:
    article = read(doc("Council approves new budget", table))
    assert article.body.split("\n\n") == BUDGET
    assert (article.published or "")[:10] == "2023-06-04"


def test_a_data_table_is_left_a_table() -> None:
    data = (
        "<table><tr><th>Town</th><th>Year</th></tr><tr><td>Northam</td><td>2028</td></tr>"
        "<tr><td>Westby<br>(north)</td><td>2030</td></tr></table>"
    )
    page = doc("Rail line", "<p>" + STORY[0] + "</p>" + data)
    assert unwrap_layout_tables(page) is page
    # A double break outside any cell is no reason to parse the page.
    page = doc("Rail line", "<p>" + "<br><br>".join(STORY) + "</p>" + data)
    assert unwrap_layout_tables(page) is page
    # Cells with paragraphs of a few words are data too.
    data = data.replace("<td>Northam</td>", "<td><p>Northam</p><p>(by 2028)</p></td>")
    page = doc("Rail line", "<p>" + STORY[0] + "</p>" + data)
    assert unwrap_layout_tables(page) is page


def test_a_data_table_inside_a_layout_cell_stays_a_table() -> None:
    inner = "<table><tr><td>Northam</td><td>2028</td></tr></table>"
    page = doc("x", f"<table><tr><td>{STORY[0]}<br><br>{STORY[1]}{inner}</td></tr></table>")
    out = unwrap_layout_tables(page)
    assert out.count("<table") == 1 and "<td>Northam</td>" in out
    assert "<td>" + STORY[0] not in out


# --- the headline, once or more, atop the body ------------------------------------------


def test_review_case_headline_twice_atop_the_body_both_go() -> None:
    body = (
        "<article><h1>Ports shut as storm hits</h1><p>Ports shut as storm hits - Coastal Times</p>"
        "<p>Three ports closed on Sunday.</p><p>Ships were told to stay at sea until the wind "
        "dropped, officials said on Monday.</p></article>"
    )
    article = read(doc("Ports shut as storm hits — Coastal Times", body))
    assert article.body.startswith("Three ports closed on Sunday.")


@pytest.mark.parametrize(
    "top",
    [
        ["Ports shut as storm hits", "Ports shut as storm hits"],
        ["PORTS SHUT AS STORM HITS", "Ports shut as storm hits | The Coast Online"],
        ["Weather", "Ports shut as storm hits", "Ports shut as storm hits — Coastal Times"],
        ["Ports shut as storm hits - Coastal Times"],
    ],
)
def test_every_copy_of_the_headline_atop_the_body_goes(top: list[str]) -> None:
    got = drop_headline([*top, *STORY], "Ports shut as storm hits")
    assert [p for p in got if "Ports shut" in p] == []
    assert got[-3:] == STORY


def test_the_story_opening_with_the_headline_words_is_kept() -> None:
    first = "Ports shut as storm hits the coast - and more closures are expected, officials said."
    assert drop_headline(["Ports shut as storm hits", first], "Ports shut as storm hits") == [first]


# --- a bare date atop the body ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("12 March 2024", "2024-03-12"),
        ("March 12, 2024", "2024-03-12"),
        ("2024-03-12", "2024-03-12"),
        ("Published: 12 March 2024", "2024-03-12"),
        ("Tuesday 12 March 2024", "2024-03-12"),
        ("| 12/03/2024", "2024-03-12"),
    ],
)
def test_a_bare_date_atop_the_body_goes(line: str, day: str) -> None:
    assert (bare_date(line) or "")[:10] == day
    assert drop_page_furniture([line, *STORY]) == STORY


@pytest.mark.parametrize(
    "top",
    [
        ["Transport", "Monday, March 11, 2024"],
        ["Transport", "Analysis", "11 March 2024"],
        ["Updated 11 March 2024, 09:30"],
    ],
)
def test_a_date_line_below_labels_goes_too(top: list[str]) -> None:
    assert drop_page_furniture([*top, *STORY]) == [*top[:-1], *STORY]


def test_a_date_below_the_story_stays() -> None:
    kept = [STORY[0], "11 March 2024", *STORY[1:]]
    assert drop_page_furniture(kept) == kept


@pytest.mark.parametrize(
    "line",
    ["March 2024 was the wettest month on record in the north, forecasters said.", "Weather"],
)
def test_a_sentence_or_label_with_a_date_is_no_bare_date(line: str) -> None:
    assert bare_date(line) is None


def test_review_case_bare_date_goes_from_the_body() -> None:
    body = "<h1>Rail line to link north by 2030</h1><p>12 March 2024</p>" + "".join(
        f"<p>{p}</p>" for p in STORY
    )
    article = read(doc("Rail line to link north by 2030", f"<article>{body}</article>"))
    assert article.body.split("\n\n") == STORY
    assert (article.published or "")[:10] == "2024-03-12"


def test_a_bare_date_dates_a_page_without_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(["Rail line to link north", "3 April 2023", *STORY])
    found: dict[str, Any] = {"title": "Rail line to link north", "text": text, "date": None}
    monkeypatch.setattr(html_reader, "extract_html", lambda *a, **k: dict(found))
    article = read(doc("Rail line to link north", "<p>x</p>"))
    assert article.published == "2023-04-03"
    assert article.body.split("\n\n") == STORY
    # The page's own date wins over the line's.
    head = '<meta property="article:published_time" content="2023-04-02T22:15:00+01:00">'
    article = read(doc("Rail line to link north", "<p>x</p>", head))
    assert article.published == "2023-04-02T22:15:00+01:00"
