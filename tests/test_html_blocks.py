"""HTML read as the page has it (issue 13, items 1 and 3): each block trafilatura keeps is a
paragraph, the headline is not left at the top of the body, and a precise extraction that
kept only a scrap of the page (a date, a reprint notice) gives way to a fuller one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from index.article import Article
from index.readers import html as html_reader
from index.readers.base import Input
from index.readers.html import drop_headline, read_html
from tests.conftest import CASES, CliResult, needs_cases

Cli = Callable[..., CliResult]


def page(title: str, body: str, head_title: str | None = None) -> str:
    """A small news page: menu, article (``body`` is its inner HTML), footer."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{head_title or title}</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<article>{body}</article><footer>© 2024 The Paper</footer></body></html>"
    )


def read(html: str) -> Article:
    src = Input.from_bytes("page.html", "page.html", html.encode("utf-8"))
    (article,) = [item for item in read_html(src) if isinstance(item, Article)]
    return article


def paragraphs(article: Article) -> list[str]:
    return article.body.split("\n\n")


BRIEF = [
    "Firefighters put out a blaze at a timber yard in Eastport early on Friday.",
    "No one was hurt, the fire service said.",
    "Roads near the yard were closed for three hours.",
    "The cause of the fire is not yet known.",
]


@needs_cases
def test_brief_case_keeps_its_six_paragraphs_without_the_headline(cli: Cli, tmp_path: Path) -> None:
    shutil.copy(CASES / "brief-short-paragraphs.html", tmp_path / "brief.html")
    lib = str(tmp_path / "lib")
    assert cli("--library", lib, "add", str(tmp_path / "brief.html")).code == 0
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    shown: Any = cli("--library", lib, "show", item["id"], "--json").json()
    assert shown["title"] == "Storm closes ports along the coast"
    body = shown["text"].split("\n\n")
    assert len(body) == 6
    assert body[0].startswith("A powerful storm closed three ports")
    assert "Storm closes ports along the coast" not in shown["text"]


# One sentence a paragraph, all of about one width: read as plain text, a hard-wrapped block.
EVEN_BRIEF = [
    "Rail services between Northam and Westby were suspended on Monday morning.",
    "A freight train had come off the tracks just outside Westby station overnight.",
    "Replacement buses are running every half hour from both stations, staff said.",
    "The operator expects the line to reopen by Wednesday at the very earliest.",
]


@pytest.mark.parametrize("brief", [BRIEF, EVEN_BRIEF])
def test_a_brief_of_one_sentence_paragraphs_is_not_one_wrapped_paragraph(
    brief: list[str],
) -> None:
    paras = "".join(f"<p>{p}</p>" for p in brief)
    for body in (paras, "<h1>Trains halted</h1>" + paras):
        assert paragraphs(read(page("Trains halted", body))) == brief


def test_a_chinese_brief_and_a_brief_broken_by_br_keep_their_paragraphs() -> None:
    zh = [
        "朝鲜周一试射了一枚新型导弹，韩国军方表示。",
        "导弹在日本海上空飞行了约八百公里。",
        "日本政府对此提出了强烈抗议。",
        "美国国务院呼吁朝鲜停止挑衅行为。",
    ]
    body = "<h1>朝鲜试射新型导弹</h1>" + "".join(f"<p>{p}</p>" for p in zh)
    assert paragraphs(read(page("朝鲜试射新型导弹", body))) == zh
    body = "<h1>Trains halted</h1><p>" + "<br><br>".join(EVEN_BRIEF) + "</p>"
    assert paragraphs(read(page("Trains halted", body))) == EVEN_BRIEF


def test_short_paragraphs_without_full_stops_and_list_items_stay_apart() -> None:
    body = (
        "<h1>What the council decided</h1>"
        "<p>The council met on Monday evening and voted on the following measures</p>"
        "<p>Each passed by a clear majority of the members present</p>"
        "<ul><li>new bus lanes on the high street</li><li>longer library hours</li>"
        "<li>a freeze on parking fees</li></ul>"
        "<p>The measures take effect in April, after a final reading next month.</p>"
    )
    got = paragraphs(read(page("What the council decided", body)))
    assert got[:2] == [
        "The council met on Monday evening and voted on the following measures",
        "Each passed by a clear majority of the members present",
    ]
    assert [p for p in got if "bus lanes" in p or "library" in p or "parking" in p] == [
        "- new bus lanes on the high street",
        "- longer library hours",
        "- a freeze on parking fees",
    ]
    assert got[-1].startswith("The measures take effect")


def test_headline_repeated_with_other_case_and_punctuation_and_a_site_name_goes() -> None:
    body = "<h1>COUNCIL VOTES ON BUDGET!</h1>" + "".join(f"<p>{p}</p>" for p in BRIEF)
    article = read(
        page("Council votes on budget", body, head_title="Council votes on budget - BBC News")
    )
    assert paragraphs(article) == BRIEF


@pytest.mark.parametrize(
    ("title", "first"),
    [
        ("Council votes on budget - BBC News", "Council votes on budget"),
        ("Council votes on budget | The Paper", "council votes on budget."),
        ("The Paper | Council votes on budget", "Council votes on budget"),
        ("Zürich bans cars from old town", "Zurich bans cars from old town"),
        ("Mayor’s plan: what it means", "Mayor's plan - what it means"),
        (
            "Milan Design Week | Anastassiades' lights for FLOS",
            "Milan Design Week | Michael Anastassiades' lights for FLOS",
        ),
    ],
)
def test_drop_headline_matches_folded_words(title: str, first: str) -> None:
    assert drop_headline([first, *BRIEF], title) == BRIEF


def test_headline_below_a_section_label_goes_but_the_label_stays() -> None:
    assert drop_headline(["World", "Storm hits coast", *BRIEF], "Storm hits coast") == [
        "World",
        *BRIEF,
    ]


def test_a_first_paragraph_that_starts_like_the_title_is_the_story() -> None:
    first = "Storm closes ports along the coast of the north, and ferries stay in harbour until Tuesday."
    kept = [first, *BRIEF]
    assert drop_headline(kept, "Storm closes ports along the coast") == kept
    body = "".join(f"<p>{p}</p>" for p in kept)
    article = read(page("Storm closes ports along the coast", body))
    assert paragraphs(article)[0] == first


def test_the_headline_further_down_the_story_stays() -> None:
    kept = [*BRIEF[:2], "Storm hits coast", *BRIEF[2:]]
    assert drop_headline(kept, "Storm hits coast") == kept


# -- item 3: a precise extraction that kept a scrap of the page --------------------------

STORY = [
    "The regional water board approved a plan on Tuesday to build two new reservoirs in the "
    "hills north of the city, ending a dispute that had lasted for more than a decade.",
    "The first reservoir, near the village of Aldwick, will hold enough water to supply about "
    "200,000 homes during a dry summer, engineers told the board.",
    "Farmers whose land will be flooded are to be paid compensation under a scheme agreed with "
    "their union last month, the chairman said.",
    "Environmental groups welcomed the decision but warned that the second site lies close to "
    "a nesting ground for rare wading birds.",
    "Construction is expected to start next spring and to take about four years, at a cost "
    "the board put at 310 million pounds.",
    "Residents will be able to comment on the detailed designs at a series of public meetings "
    "in the autumn, and the board has promised to publish every submission it receives.",
    "The last reservoir built in the region, at Coldwater in 1987, took nine years to finish "
    "after a long public inquiry and two changes of government.",
]
STORY_PAGE = page(
    "Water board approves two new reservoirs",
    "<h1>Water board approves two new reservoirs</h1><p>12 March 2024</p>"
    "<p>This article first appeared in the Valley Gazette and is reprinted with permission.</p>"
    + "".join(f"<p>{p}</p>" for p in STORY),
)


def precise_keeps(monkeypatch: pytest.MonkeyPatch, scrap: str) -> list[dict[str, Any]]:
    """Make trafilatura's precise extraction keep only ``scrap`` of the page (as it does on
    some real pages); the fuller extractions run as they are. Returns the options used."""
    real = html_reader._extract
    calls: list[dict[str, Any]] = []

    def extract(text: str, url: str | None, options: dict[str, Any]) -> dict[str, Any] | None:
        calls.append(options)
        doc = real(text, url, options)
        if options is html_reader.EXTRACT_OPTIONS and doc is not None:
            doc["text"] = scrap
        return doc

    monkeypatch.setattr(html_reader, "_extract", extract)
    return calls


@pytest.mark.parametrize(
    "scrap",
    [
        "12 March 2024",
        "This article first appeared in the Valley Gazette and is reprinted with permission.",
        STORY[0],
    ],
)
def test_a_precise_scrap_gives_way_to_the_fuller_text(
    monkeypatch: pytest.MonkeyPatch, scrap: str
) -> None:
    precise_keeps(monkeypatch, scrap)
    body = read(STORY_PAGE).body
    for paragraph in STORY:
        assert paragraph in body


def test_a_precise_text_with_most_of_the_story_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = "\n".join(STORY[:3])
    precise_keeps(monkeypatch, kept)
    assert paragraphs(read(STORY_PAGE)) == STORY[:3]


def test_a_page_extracted_whole_is_extracted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real = html_reader._extract
    calls: list[dict[str, Any]] = []

    def extract(text: str, url: str | None, options: dict[str, Any]) -> dict[str, Any] | None:
        calls.append(options)
        return real(text, url, options)

    monkeypatch.setattr(html_reader, "_extract", extract)
    assert paragraphs(read(STORY_PAGE))[-1] == STORY[-1]
    assert calls == [html_reader.EXTRACT_OPTIONS]


def test_page_words_counts_text_not_markup_or_scripts() -> None:
    html = (
        "<html><head><style>p { color: red }</style><script>var a = 1, b = 2;</script></head>"
        "<body><!-- a comment here --><p class='lead'>Two words</p></body></html>"
    )
    assert html_reader.page_words(html) == 2
