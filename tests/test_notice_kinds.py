"""Honest zero results and suggestions, kind by kind, on words in any script and case:
words whose case folding changes their length, unspaced scripts, fields, languages,
entity kinds, notices that quote what was typed, and look-alike suggestions."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.fulltext.spelling import Speller, document_frequencies
from index.library import Library
from tests.conftest import SEEDS, CliResult, built_once
from tests.test_world_text import FRENCH, KOREAN

Cli = Callable[..., CliResult]

TURKISH = {
    "title": "İstanbul elections",
    "text": "Voters in İstanbul and Diyarbakır went to the polls. The mayor of İSTANBUL, "
    "Ekrem İmamoğlu, spoke in Iğdır.",
}
CHINESE = {
    "title": "国防预算增加",
    "author": "山田太郎",
    "text": "政府宣布今年将大幅增加国防力量的投入。专家认为这一决定将影响地区安全局势和经济发展。"
    "议会将在下个月讨论具体的预算安排和执行计划。",
}
OTHERS = [
    {
        "title": "Straße closed",
        "text": "The Hauptstraße was closed for the ﬁnancial fair. Officials in Ankara said "
        "the ŉ sound is Afrikaans. Ölçek and Øresund were named too.",
    },
    {
        "title": "Payment scam",
        "source": "Reuters",
        "text": "Fraudsters sent mail from pаypal lookalike domains, the bank warned on Monday "
        "in a statement about ballistic claims.",
    },
]


def _build(folder: Path) -> None:
    corpus = folder / "stories.jsonl"
    lines = [json.dumps(s, ensure_ascii=False) for s in [TURKISH, CHINESE, *OTHERS]]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    korean, french = folder / "ko.txt", folder / "fr.txt"
    korean.write_text(KOREAN, encoding="utf-8")
    french.write_text(FRENCH, encoding="utf-8")
    lib = Library.open(folder / "lib")
    with lib.writer() as writer:
        writer.add([str(SEEDS), str(corpus), str(korean), str(french)])
    lib.close()


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "notice-kinds", _build) / "lib"


@pytest.fixture
def world_path(world_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "lib"
    shutil.copytree(world_template, path)
    return path


@pytest.fixture
def world(world_path: Path) -> Iterator[Library]:
    lib = Library.open(world_path)
    yield lib
    lib.close()


def found(lib: Library, query: str) -> int:
    result = lib.search(query)
    assert result.error is None, result.error
    return result.total


def nothing(lib: Library, query: str) -> tuple[str | None, str | None]:
    result = lib.search(query)
    assert result.error is None, result.error
    assert result.total == 0, query
    return result.notice, result.suggestion


# 1. Words whose case folding changes their length, and accented first letters.


@pytest.mark.parametrize(
    "query", ["İstanbul~", "istambul~", "istambul~2", "İSTANBL~", "imamolgu~2", "hauptstrase~"]
)
def test_fuzzy_words_find_words_that_fold_to_another_length(world: Library, query: str) -> None:
    assert found(world, query) == 1


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("istambul", "istanbul"),
        ("istanbl", "istanbul"),
        ("İstanbl", "istanbul"),
        ("imamolgu", "imamoğlu"),
        ("hauptstrase", "hauptstraße"),
        ("olcekk", "ölçek"),
        ("öresond", "øresund"),
    ],
)
def test_suggestions_for_words_that_fold_to_another_length(
    world: Library, query: str, suggestion: str
) -> None:
    assert nothing(world, query)[1] == suggestion


def test_the_vocabulary_keeps_words_with_a_dotted_capital_i_or_combining_marks() -> None:
    words = document_frequencies(["İstanbul İSTANBUL Ekrem İmamoğlu", "Spinal Tap n\u0308oise"])
    assert words["istanbul"] == 1 and words["imamoğlu"] == 1
    assert words["n\u0308oise"] == 1 and "stanbul" not in words and "oise" not in words
    speller = Speller(words.items())
    assert speller.near("İstanbul", 1, 1) == [(0, "istanbul")]
    assert [w for _, w in speller.near("noiss", 1)] == ["noise"]


@pytest.mark.parametrize("word", ["İstanbul", "Straße", "ﬁnance", "ŉ", "Øre", "n\u0308oise"])
def test_words_of_letters_are_words_whatever_their_folding(word: str) -> None:
    from index.fulltext.spelling import is_word

    assert is_word(word)


@pytest.mark.parametrize("word", ["9/11", "AT&T", "金正恩", "c3po"])
def test_digits_symbols_and_unspaced_scripts_are_not_vocabulary_words(word: str) -> None:
    from index.fulltext.spelling import is_word

    assert not is_word(word)


def test_the_cli_finds_and_corrects_the_turkish_capital(cli: Cli, world_path: Path) -> None:
    lib = str(world_path)
    fuzzy = cli("--library", lib, "search", "İstanbul~", "--json").json()
    assert fuzzy["total"] == 1 and fuzzy["notice"] is None  # type: ignore[index]
    typo = cli("--library", lib, "search", "istambul", "--json").json()
    assert typo["suggestion"] == "istanbul"  # type: ignore[index]


# 6. Suggestions that look like the typed word.


def test_a_word_mixing_alphabets_is_never_suggested(world: Library) -> None:
    assert nothing(world, "paypal") == ("no article contains 'paypal'", None)
    from index.fulltext.spelling import mixes_scripts as mixes

    assert mixes("p\u0430ypal") and not mixes("paypal")
    assert not mixes("Москва") and not mixes("Zürich")
    speller = Speller([("p\u0430ypal", 3), ("paypals", 1)])
    assert speller.suggest("paypal") == "paypals"


# 2. Zero results with a notice: unspaced scripts, quoted phrases, languages, fields.


def test_a_reversed_cjk_phrase_says_its_parts_are_never_in_that_order(world: Library) -> None:
    assert found(world, '"国防力量"') == 1
    assert nothing(world, '"力量国防"')[0] == (
        "no article contains \"力量国防\" (its parts '力量', '国防' are, but never in that order)"
    )


def test_cjk_words_absent_from_the_library_are_named_as_typed(world: Library) -> None:
    assert nothing(world, "선거결과")[0] == "no article contains '선거결과'"
    assert nothing(world, "カシェット")[0] == "no article contains 'カシェット'"
    assert nothing(world, "북한은 カシェット")[0] == "no article contains 'カシェット'"


def test_a_long_cjk_query_gets_a_short_bounded_notice(world: Library) -> None:
    text = "".join(chr(0x4E00 + 7 * i) for i in range(200))
    message, suggestion = nothing(world, text)
    assert message == f"no article contains '{text}'" and suggestion is None


def test_a_quoted_phrase_with_typos_is_said_and_corrected(world: Library) -> None:
    assert nothing(world, '"balistic missle"') == (
        "no article contains 'balistic', 'missle'",
        '"ballistic missiles"',  # the seed article's word
    )


def test_a_word_only_in_another_field_says_which(world: Library) -> None:
    assert found(world, "author:山田太郎") == 1
    assert nothing(world, "山田太郎")[0] == (
        "'山田太郎' is in no title or text, but in author: try author:山田太郎"
    )
    assert nothing(world, "reuters")[0] == (
        "'reuters' is in no title or text, but in source: try source:reuters"
    )
    assert nothing(world, "title:reuters")[0] == "no title contains 'reuters'"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("lang:de", "no article in language 'de'; languages here: en (3), fr (1), ko (1), zh (1)"),
        (
            "lang:xx",
            "'xx' is not an ISO 639-1 language code (such as en, zh, fr);"
            " languages here: en (3), fr (1), ko (1), zh (1)",
        ),
        (
            "lang:Chinese",
            "'Chinese' is not an ISO 639-1 language code (such as en, zh, fr);"
            " languages here: en (3), fr (1), ko (1), zh (1)",
        ),
    ],
)
def test_a_language_no_article_has(world: Library, query: str, message: str) -> None:
    assert nothing(world, query)[0] == message


def test_the_cli_says_why_a_language_or_cjk_word_finds_nothing(cli: Cli, world_path: Path) -> None:
    lib = str(world_path)
    out = cli("--library", lib, "search", "lang:fr korea", "--json").json()
    assert out["total"] == 0 and out["notice"].startswith(  # type: ignore[index]
        "each word is in the library"
    )
    out = cli("--library", lib, "search", "선거결과", "--json").json()
    assert out["notice"] == "no article contains '선거결과'"  # type: ignore[index]


# 3. Notices and errors quote what was typed, not its stem.


def test_notices_quote_the_value_as_typed(world: Library) -> None:
    assert nothing(world, "source:reuterss")[0] == "no article has source 'reuterss'"
    assert nothing(world, "category:sports")[0] == "no article has a category"
    assert nothing(world, "person:Putins")[0] == (
        "no person named 'Putins' in the library (closest: 'putin')"
    )


def test_the_fuzzy_edit_limit_quotes_the_word_as_typed(world: Library, cli: Cli) -> None:
    assert world.search("missiles~3").error == (
        "missiles~3: fuzzy words allow at most 2 edits (missiles~2)"
    )
    out = cli("--library", str(world.path), "search", "Running~4", "--json")
    assert "Running~4: fuzzy words allow at most 2 edits (Running~2)" in out.out + out.err


# 4. Entity names: another kind, and a possessive.


def test_a_name_of_another_entity_kind_is_pointed_to(world: Library) -> None:
    assert nothing(world, "place:putin")[0] == (
        "no place named 'putin' in the library (but there is a person named 'Vladimir Putin')"
    )
    assert nothing(world, "person:Ukraine")[0] == (
        "no person named 'Ukraine' in the library (but there is a place named 'Ukraine')"
    )


@pytest.mark.parametrize("query", ["person:kim's", "person:Kim’s", 'person:"Kim Jong Un’s"'])
def test_an_entity_name_with_a_possessive_is_found(world: Library, query: str) -> None:
    assert found(world, query) == 1


# 5. The CLI's entities of an article not in English.


def test_the_cli_says_entities_are_found_in_english_text_only(cli: Cli, world_path: Path) -> None:
    lib = str(world_path)
    found = cli("--library", lib, "search", "lang:fr", "--json").json()
    (french,) = [hit["id"] for hit in found["hits"]]  # type: ignore[index]
    shown = cli("--library", lib, "entities", french)
    assert shown.code == 0 and "entities are found in English text only" in shown.out
    assert "No entities found." not in shown.out
    assert cli("--library", lib, "entities", french, "--json").json() == []
    english = cli("--library", lib, "search", "Kim", "--json").json()["hits"][0]["id"]  # type: ignore[index]
    assert "English text only" not in cli("--library", lib, "entities", english).out


# 7. The reader on a query of zero-width characters.


@pytest.mark.parametrize("typed", ["\u200b\u200b", "\u2060", "\u00ad", "\ufeff"])
async def test_the_reader_says_a_query_of_zero_width_characters_has_no_word(
    world: Library, typed: str
) -> None:
    from textual import events

    from tests.test_reader import SIZE, settle
    from tui.app import NutgrafApp

    app = NutgrafApp(world)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/")
        box = app.reader.search_panel.query_box
        for char in typed:  # as a terminal sends it: a key whose character is not printable
            box.post_message(events.Key("zero_width", char))
        await settle(pilot)
        assert box.value == typed
        status = str(app.reader.search_panel.query_one("#search-status").content)
        assert "no word to search for" in status and "newest first" not in status
        await pilot.press("k")
        await settle(pilot)
        assert box.value == typed + "k"
