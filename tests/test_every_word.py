"""Every word findable (issue 12): folding, unspaced scripts, names with symbols, no stop
words; at the library API and through the CLI, on the real-world cases and our own."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.folding import nfc
from index.library import Library
from tests.conftest import CASES, CliResult, needs_cases

MARKETS = "Wall Street rallies after rate decision"
COUNCIL = "Council meets on budget"

STORIES = {
    "ferries": (
        "Ferries resume on the Bosphorus",
        "Ferry services in İstanbul resumed on Tuesday after a storm closed the strait for "
        "two days, the port authority said. Passengers crowded the piers.",
    ),
    "street": (
        "Berlin renames a street",
        "The city of Berlin will rename the Hauptstraße after a local poet, the council "
        "said on Monday. Residents were asked for their views.",
    ),
    "wide": (
        "Exporters cheer trade deal",
        "Exporters welcomed the ＵＳＡ trade deal and said the ﬁnance ministry had promised "
        "quick approval. The agree\u00adment takes effect in March and the tar\u200biffs "
        "fall at once.",
    ),
    "envoy": (
        "Envoy visits Moscow",
        "Kim’s envoy arrived in Moscow on Sunday for talks on trade, the news agency said, "
        "and O'Brien of the Irish embassy met him.",
    ),
    "code": (
        "Bank rewrites its billing system",
        "The bank said its engineers rewrote the billing system in C++ and moved reporting "
        "to C#, and that customers would get statements by e-mail from June.",
    ),
    "memorial": (
        "Memorial marks anniversary",
        "Families gathered at the memorial on the anniversary of 9/11, reading the names "
        "of the victims aloud.",
    ),
    "bus": (
        "Bus route cut",
        "The council cut bus route 11 because few passengers used it, officials said.",
    ),
    "band": (
        "Band announces reunion tour",
        "The band Take That will tour again next year, their manager said, after ten years apart.",
    ),
    "depot": (
        "Depot changes hands",
        "The council will take over the bus depot next month, officials said on Friday.",
    ),
    "concert": (
        "Charity concert in London",
        "The Who will play a charity concert in London in May, the band said.",
    ),
    "health": (
        "Flu experts meet in Geneva",
        "Officials of WHO and UN agencies met in Geneva; US delegates said IT systems for "
        "tracking cases were out of date.",
    ),
    "army": (
        "Army units move",
        "The U.S. Army moved two units to the border, officials said on Wednesday.",
    ),
    "asia": (
        "Asian capitals report",
        "Tokyo report: 東京都の知事は月曜日に記者会見を行った, the office said. In Seoul, "
        "서울시는 새로운 버스 노선을 발표했다. In Bangkok, กรุงเทพมหานคร announced a new boat line.",
    ),
    "decoy": (
        "Family names in the archive",
        "The archive lists 金正日 and 朴正恩 as two other names, the curator said.",
    ),
    "syria": (
        "Syrian talks stall",
        "Envoys met Bashar al-Assad in Damascus on Monday, but the talks stalled, diplomats said.",
    ),
    "tools": (
        "Analysts try new tools",
        "Analysts are using new tools. Users used the models and the usage grew; its makers "
        "said the use was wide and 1,000 firms had signed up.",
    ),
    "gadget": (
        "ｶﾞｼﾞｪｯﾄ展示会",
        "新しいｺﾝﾋﾟｭｰﾀｰとﾊﾟｿｺﾝが展示会で発表された。来場者は多かった。",
    ),
    "emoji": (
        "Beach day",
        "Crowds went to the beach 🏖️ on the first warm day 1️⃣ of spring, lifeguards said.",
    ),
}


def _write_stories(folder: Path) -> Path:
    path = folder / "stories.jsonl"
    lines = [json.dumps({"title": t, "text": b}, ensure_ascii=False) for t, b in STORIES.values()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("every-word")
    library = Library.open(folder / "lib")
    files = [str(_write_stories(folder))]
    if CASES.exists():
        for name in ("symbols-markets.txt", "symbols-council.txt", "decomposed-accents.txt"):
            shutil.copy(CASES / name, folder / name)
            files.append(str(folder / name))
    with library.writer() as writer:
        writer.add(files)
    yield library
    library.close()


def titles(lib: Library, query: str) -> list[str]:
    """The titles found, in NFC (the accents case is stored as given, in NFD)."""
    result = lib.search(query)
    assert result.error is None, (query, result.error)
    return sorted(nfc(h.title) for h in result.hits)


def title_of(key: str) -> str:
    return STORIES[key][0]


# -- the real-world cases ------------------------------------------------------


@needs_cases
@pytest.mark.parametrize("query", ["AT&T", "H&M", "P&G", "R&D", "S&P", '"S&P 500"'])
def test_names_with_symbols_find_the_markets_story(lib: Library, query: str) -> None:
    result = lib.search(query)
    assert [h.title for h in result.hits] == [MARKETS]
    (hit,) = result.hits
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    name = query.strip('"')
    assert [body[s:e] for s, e in hit.matches] == [name]


@needs_cases
def test_500_alone_finds_both_but_the_phrase_only_the_markets_story(lib: Library) -> None:
    assert titles(lib, "500") == [COUNCIL, MARKETS]
    assert titles(lib, '"S&P 500"') == [MARKETS]


@needs_cases
@pytest.mark.parametrize("query", ["Zürich", "café", "São", "title:Zürich", "zurich", "ZÜRICH"])
def test_decomposed_accents_are_found_by_composed_queries(lib: Library, query: str) -> None:
    assert titles(lib, query) == ["Café owners in Zürich protest new rules"]


@needs_cases
def test_zurich_is_matched_three_times_as_whole_words(lib: Library) -> None:
    """Three times in the article: once in the title, twice in the body (the match
    offsets are the body's)."""
    (hit,) = lib.search("Zürich").hits
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    assert "Zürich" in nfc(hit.title)
    assert [nfc(body[s:e]) for s, e in hit.matches] == ["Zürich", "Zürich"]


@needs_cases
def test_place_zurich_on_nfd_text(lib: Library) -> None:
    assert titles(lib, "place:Zürich") == ["Café owners in Zürich protest new rules"]
    (hit,) = lib.search("place:Zürich").hits
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    assert [nfc(body[s:e]) for s, e in hit.matches] == ["Zürich", "Zürich"]


@needs_cases
def test_the_chinese_page(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    try:
        with library.writer() as writer:
            writer.add([str(CASES / "chinese-page.html")])
        for query in ("金正恩", "平壤", "普京", "日本", '"金正恩"'):
            assert library.search(query).total == 1, query
        (hit,) = library.search("金正恩").hits
        assert hit.matches == ((21, 24),)
    finally:
        library.close()


# -- our own inputs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("istanbul", "ferries"),
        ("Istanbul", "ferries"),
        ("İSTANBUL", "ferries"),
        ("ISTANBUL", "ferries"),
        ("hauptstrasse", "street"),
        ("HAUPTSTRASSE", "street"),
        ("Hauptstraße", "street"),
        ("USA", "wide"),
        ("ＵＳＡ", "wide"),
        ("finance", "wide"),
        ("agreement", "wide"),
        ("tariffs", "wide"),
        ("Kim's", "envoy"),
        ("Kim’s", "envoy"),
        ("O’Brien", "envoy"),
        ("Brien", "envoy"),
        ("C++", "code"),
        ("C#", "code"),
        ("e-mail", "code"),
        ("email", "code"),
        ("9/11", "memorial"),
        ('"Take That"', "band"),
        ('"The Who"', "concert"),
        ("記者会見", "asia"),
        ("知事", "asia"),
        ('"東京都の知事"', "asia"),
        ("서울시", "asia"),
        ("버스", "asia"),
        ("กรุงเทพ", "asia"),
        ("assad", "syria"),
        ("al-Assad", "syria"),
        ('"Bashar al-Assad"', "syria"),
        ('"U.S. Army"', "army"),
        ('"US Army"', "army"),
    ],
)
def test_each_word_finds_its_story(lib: Library, query: str, key: str) -> None:
    assert titles(lib, query) == [title_of(key)]


def test_a_folded_word_highlights_the_original_letters(lib: Library) -> None:
    for query, written in [("istanbul", "İstanbul"), ("finance", "ﬁnance"), ("usa", "ＵＳＡ")]:
        (hit,) = lib.search(query).hits
        body = lib.get(hit.id).body  # type: ignore[union-attr]
        assert [body[s:e] for s, e in hit.matches] == [written]


def test_a_cjk_word_is_matched_on_its_characters(lib: Library) -> None:
    (hit,) = lib.search("記者会見").hits
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    assert [body[s:e] for s, e in hit.matches] == ["記者会見"]


def test_one_character_of_an_unspaced_script_is_findable(lib: Library) -> None:
    assert titles(lib, "朴") == [title_of("decoy")]
    assert titles(lib, "語") == []
    assert titles(lib, "知") == [title_of("asia")]


def test_a_cjk_word_is_its_bigrams_side_by_side_not_anywhere(lib: Library) -> None:
    """The decoy holds both bigrams of 金正恩 (金正, 正恩) but not the word."""
    assert titles(lib, "金正") == [title_of("decoy")]
    assert titles(lib, "正恩") == [title_of("decoy")]
    assert titles(lib, "金正恩") == []
    assert titles(lib, '"金正恩"') == []


def test_9_11_does_not_match_every_11(lib: Library) -> None:
    assert titles(lib, "11") == sorted([title_of("memorial"), title_of("bus")])
    assert titles(lib, "9/11") == [title_of("memorial")]


def test_a_phrase_with_common_words_is_exact(lib: Library) -> None:
    assert title_of("depot") in titles(lib, "take")
    assert titles(lib, '"Take That"') == [title_of("band")]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("US", "health"),
        ("UN", "health"),
        ("IT", "health"),
        ("WHO", "health"),
        ("WHO", "concert"),
        ("US", "army"),
        ("U.S.", "health"),
    ],
)
def test_short_words_are_searched(lib: Library, query: str, key: str) -> None:
    assert title_of(key) in titles(lib, query)


def test_a_mixed_unspaced_and_latin_phrase(lib: Library) -> None:
    assert titles(lib, '"Seoul, 서울시는"') == [title_of("asia")]
    assert titles(lib, "Bangkok กรุงเทพมหานคร") == [title_of("asia")]


# -- through the CLI -----------------------------------------------------------


def test_the_cli_finds_names_with_symbols_and_cjk(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    path = str(tmp_path / "lib")
    assert cli("--library", path, "add", str(_write_stories(tmp_path))).code == 0
    for query, key in [("C++", "code"), ('"Take That"', "band"), ("知事", "asia")]:
        result = cli("--library", path, "search", query, "--json")
        assert result.code == 0, result.err
        doc = result.json()
        assert [h["title"] for h in doc["hits"]] == [title_of(key)]  # type: ignore[index]
        (hit,) = doc["hits"]  # type: ignore[index]
        text = cli("--library", path, "show", hit["id"], "--json").json()["text"]  # type: ignore[index]
        assert [text[s:e] for s, e in hit["matches"]] == [query.strip('"')]


# -- found in review: short stems, kana and jamo, marks alone --------------------


def test_us_and_it_find_only_themselves_not_the_stems_of_use_and_its(lib: Library) -> None:
    # Porter makes "us" of using/used/use and "it" of its: kept apart from the words.
    assert title_of("tools") not in titles(lib, "US")
    assert title_of("tools") not in titles(lib, "IT")
    assert title_of("health") in titles(lib, "US")
    # use, used, using: one stem still ("used it" in the bus story)
    assert titles(lib, "use") == sorted([title_of("tools"), title_of("bus")])
    assert titles(lib, "using") == titles(lib, "use")


def test_joined_names_are_found_run_together_and_numbers_without_grouping(
    lib: Library,
) -> None:
    assert title_of("envoy") in titles(lib, "obrien")
    assert title_of("tools") in titles(lib, "1000")
    assert title_of("tools") in titles(lib, "1,000")
    if CASES.exists():
        assert titles(lib, "att") == [MARKETS]


@pytest.mark.parametrize("query", ["ガジェット", "ｶﾞｼﾞｪｯﾄ", "コンピューター", "パソコン"])
def test_half_width_kana_with_voicing_marks_is_the_full_width_word(
    lib: Library, query: str
) -> None:
    assert titles(lib, query) == [nfc(title_of("gadget"))]


def test_korean_typed_as_conjoining_jamo_is_the_composed_word(lib: Library) -> None:
    import unicodedata

    jamo = unicodedata.normalize("NFD", "서울시는")
    assert len(jamo) > 4
    assert titles(lib, jamo) == [title_of("asia")]


def test_marks_alone_are_no_word_and_match_no_emoji(lib: Library) -> None:
    result = lib.search("\u0301\u0308\u0300")
    assert result.hits == () and result.notice is not None
    assert "word" in result.notice
    assert titles(lib, "beach") == [title_of("emoji")]
