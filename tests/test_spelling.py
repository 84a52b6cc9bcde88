""" "Did you mean" and fuzzy words work on the words as written, folded, not on stems."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from index.fulltext.spelling import Speller, document_frequencies
from index.library import Library

#: "middle" is in more articles than "missiles": a ranking by frequency alone picks it.
MIDDLE = [
    {"title": f"Traffic report {n}", "text": f"Roads in the middle of town were busy on day {n}."}
    for n in range(4)
]
MISSILES = {
    "title": "Test launch",
    "text": "The army tested two missiles near the coast on Sunday.",
}


def add(lib: Library, tmp_path: Path, stories: list[dict[str, str]], name: str = "s") -> None:
    corpus = tmp_path / f"{name}.jsonl"
    corpus.write_text(
        "\n".join(json.dumps(s, ensure_ascii=False) for s in stories) + "\n", encoding="utf-8"
    )
    with lib.writer() as writer:
        writer.add([str(corpus)])


def test_a_dropped_letter_is_corrected_to_the_word_that_keeps_the_typed_letters(
    library: Library, tmp_path: Path
) -> None:
    """The issue's case: only "missiles" is in the library, and "middle" is commoner;
    both are two edits from "missle", but "missiles" keeps every typed letter."""
    add(library, tmp_path, [*MIDDLE, MISSILES])
    result = library.search("missle")
    assert result.suggestion == "missiles"
    assert library.search(result.suggestion).total == 1


def test_missle_suggests_missile(library: Library, tmp_path: Path) -> None:
    add(library, tmp_path, [*MIDDLE, {"title": "Launch", "text": "A missile was fired."}])
    assert library.search("missle").suggestion == "missile"
    assert library.search("missle korea").suggestion == "missile korea"


def test_a_typo_of_an_accented_word_suggests_it_as_written(
    library: Library, tmp_path: Path
) -> None:
    """Three edits from "zürich" as the old vocabulary compared them (ü for u, and a
    swap), two when both are folded. (Decomposed text is folded alike: see
    ``test_the_vocabulary_keeps_words_of_every_script_as_written``.)"""
    add(library, tmp_path, [{"title": "Talks", "text": "Bankers met in Zürich on Monday."}])
    assert library.search("Zurcih").suggestion == "zürich"


def test_a_word_in_the_library_is_never_corrected(library: Library, tmp_path: Path) -> None:
    add(library, tmp_path, [{"title": "Talks", "text": "Bankers met in Zürich on Monday."}])
    for word in ("Zürich", "ZÜRICH", "bankers", "banker"):
        assert library.search(word).suggestion is None, word


def test_the_vocabulary_keeps_words_of_every_script_as_written() -> None:
    words = document_frequencies(
        [
            unicodedata.normalize("NFD", "Zürich café"),
            "Москва и Киев; Αθήνα; Straße; 金正恩在平壤; a b",
        ]
    )
    assert {"zürich", "café", "москва", "киев", "αθήνα", "straße"} <= set(words)
    assert "ки" not in words and "a" not in words
    assert not any("金" in w for w in words)  # an unspaced run is not a word to correct


def test_the_speller_matches_words_folded() -> None:
    speller = Speller([("zürich", 2), ("Zurich", 1), ("москва", 3)])
    assert len(speller) == 2
    assert speller.suggest("ZURICH") is None  # known, however written
    assert speller.suggest("zurcih") == "zürich"  # the commonest written form
    assert speller.suggest("масква") == "москва"


def test_fuzzy_ranks_the_closest_word_as_written_first(library: Library, tmp_path: Path) -> None:
    """``missle~`` compared with stems is one edit from "miss" and "missil" alike, and
    every term scored the same: the first article indexed came first. With two edits
    allowed, an article's several farther words do not outweigh the closest one."""
    add(
        library,
        tmp_path,
        [
            {"title": "Town news", "text": "Miss Smith missed the train in the middle of town."},
            {"title": "Old book", "text": "The priest read from a missal in the middle aisle."},
            {"title": "Launch", "text": "A missile was fired over the sea."},
        ],
    )
    for query in ("missle~", "missle~2"):
        result = library.search(query)
        assert result.error is None, result.error
        assert result.hits[0].title == "Launch", query
    assert [h.title for h in library.search("missle~").hits] == ["Launch"]
    launch = library.search("missle~").hits[0]
    assert launch.snippet[launch.snippet_matches[0][0] : launch.snippet_matches[0][1]] == "missile"


def test_fuzzy_finds_a_word_written_with_accents(library: Library, tmp_path: Path) -> None:
    """One edit from "zurich", two from "zürich": the word is compared folded."""
    text = "Bankers met in Zürich on Monday."
    add(library, tmp_path, [{"title": "Talks", "text": text}, MISSILES])
    assert [h.title for h in library.search("Zurih~").hits] == ["Talks"]


@pytest.mark.parametrize("query", ["missle~", "title:missle~", "missle~ army"])
def test_fuzzy_on_words_as_written_keeps_the_field_and_the_other_words(
    library: Library, tmp_path: Path, query: str
) -> None:
    add(library, tmp_path, [*MIDDLE, {"title": "Missile test", "text": "The army fired."}])
    assert [h.title for h in library.search(query).hits] == ["Missile test"]


def test_a_fuzzy_word_near_nothing_says_so(library: Library, tmp_path: Path) -> None:
    add(library, tmp_path, [MISSILES])
    result = library.search("qqqqqq~")
    assert result.total == 0
    assert result.notice == "no word in the library is within 1 edit of 'qqqqqq'"


def test_a_fuzzy_word_the_vocabulary_cannot_hold_searches_the_index_terms(
    library: Library, tmp_path: Path
) -> None:
    """The vocabulary keeps words of letters only; "4x5~" still finds "4x4"."""
    add(library, tmp_path, [MISSILES, {"title": "Cars", "text": "A new 4x4 went on sale."}])
    assert [h.title for h in library.search("4x5~").hits] == ["Cars"]
    assert library.search("金正恩~").error is None


def test_a_word_whose_articles_were_removed_is_not_suggested(
    library: Library, tmp_path: Path
) -> None:
    add(library, tmp_path, [*MIDDLE, {"title": "Launch", "text": "A missile was fired."}])
    (launch,) = [h.id for h in library.search("missile").hits]
    with library.writer() as writer:
        writer.remove(launch)
    assert library.search("missle").suggestion == "middle"  # not "missile", now gone
