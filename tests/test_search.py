"""Search: query syntax, ranking fields, match offsets, snippets, suggestions, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from index.entities.entity import Entity
from index.library import Library
from tests.conftest import SEED_TITLE

STORIES = [
    {
        "title": "Harbour strike ends",
        "source": "Coast Post",
        "date": "2004-03-01",
        "text": "Dock workers ended their strike on Monday after the port agreed to raise wages.\n\n"
        "The harbour had been closed for nine days, stranding ferries and cargo ships.",
    },
    {
        "title": "Ferry fares to rise",
        "source": "Coast Post",
        "date": "2005-07-15",
        "text": "Ferry operators said fares would rise in the summer because fuel costs more.\n\n"
        "Passengers on the island routes will pay the most, operators said.",
    },
    {
        "title": "New museum opens downtown",
        "source": "City Herald",
        "date": "2005-01-20",
        "text": "A museum of maritime history opened downtown, showing ships, maps and ferries "
        "from three centuries.",
    },
]


@pytest.fixture
def lib(seeded: Library, tmp_path: Path) -> Library:
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("\n".join(json.dumps(s) for s in STORIES) + "\n", encoding="utf-8")
    with seeded.writer() as writer:
        writer.add([str(corpus)])
    return seeded


def titles(lib: Library, query: str) -> list[str]:
    result = lib.search(query)
    assert result.error is None, result.error
    return sorted(h.title for h in result.hits)


def test_phrase_finds_seed_and_snippet_contains_it(lib: Library) -> None:
    result = lib.search('"ballistic missiles"')
    assert [h.title for h in result.hits] == [SEED_TITLE]
    assert result.total == 1
    assert "ballistic missiles" in result.hits[0].snippet


def test_match_offsets_point_at_the_matched_text(lib: Library) -> None:
    hit = lib.search('"ballistic missiles"').hits[0]
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    assert [body[s:e] for s, e in hit.matches] == ["ballistic missiles", "ballistic missiles"]
    s, e = hit.snippet_matches[0]
    assert hit.snippet[s:e] == "ballistic missiles"


def test_single_word_matches_every_stemmed_form(lib: Library) -> None:
    hit = lib.search("missile").hits[0]
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    assert {body[s:e].lower() for s, e in hit.matches} == {"missiles"}


def test_phrase_words_outside_the_phrase_are_not_matches(lib: Library) -> None:
    hit = lib.search('"North Korea"').hits[0]
    body = lib.get(hit.id).body  # type: ignore[union-attr]
    assert all(body[s:e] == "North Korea" for s, e in hit.matches)
    # "North Korean" is another word: the phrase must not match it.
    assert len(hit.matches) == len(re.findall(r"\bNorth Korea\b", body)) == 10


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ferry AND fares", ["Ferry fares to rise"]),
        ("strike OR museum", ["Harbour strike ends", "New museum opens downtown"]),
        ("ferries NOT museum", ["Ferry fares to rise", "Harbour strike ends"]),
        ("ferri* -museum", ["Ferry fares to rise", "Harbour strike ends"]),
        ("harbor~", ["Harbour strike ends"]),
        ("title:ferry", ["Ferry fares to rise"]),
        ('source:"city herald"', ["New museum opens downtown"]),
        ("date:2004", ["Harbour strike ends"]),
        ("date:[2005-01 to 2005-03]", ["New museum opens downtown"]),
        ("date:>2005-06", ["Ferry fares to rise"]),
        ("(strike OR fares) AND source:coast", ["Ferry fares to rise", "Harbour strike ends"]),
    ],
)
def test_query_syntax(lib: Library, query: str, expected: list[str]) -> None:
    assert titles(lib, query) == expected


HARBOUR, MUSEUM, FERRY = "Harbour strike ends", "New museum opens downtown", "Ferry fares to rise"


@pytest.mark.parametrize(
    ("query", "expected"),
    [  # the stories are dated 2004-03-01, 2005-01-20 and 2005-07-15
        ("date:<2005", [HARBOUR]),
        ("date:<=2005", [FERRY, HARBOUR, MUSEUM]),
        ("date:>2004", [FERRY, MUSEUM]),
        ("date:>2005", []),
        ("date:>=2005-07-15", [FERRY]),
        ("date:>2005-07-15", []),
        ("date:<2005-01-20", [HARBOUR]),
        ("date:<=2005-01-20", [HARBOUR, MUSEUM]),
        ("date:{2004 to 2005-07}", [MUSEUM]),
        ("date:[2004 to 2005-01]", [HARBOUR, MUSEUM]),
        ("date:{2004-03-01 to 2005-07-15]", [FERRY, MUSEUM]),
        ("date:[2005 to]", [FERRY, MUSEUM]),
        ("date:[to 2004-12]", [HARBOUR]),
    ],
)
def test_date_comparisons_take_the_right_end_of_a_date(
    lib: Library, query: str, expected: list[str]
) -> None:
    """A date is a span (a year, a month, a day): < and >= take its start, > and <= its
    end, and {} exclude the ends (Whoosh itself read date:<2005 as up to the end of 2005)."""
    assert titles(lib, query) == sorted(expected)


@pytest.mark.parametrize("query", ["date:2005-00", "date:0000", "date:[2005-00 to 2006]"])
def test_impossible_dates_are_errors(lib: Library, query: str) -> None:
    result = lib.search(query)
    assert result.error is not None and "is not a date" in result.error


def test_title_matches_rank_above_body_matches(lib: Library) -> None:
    hits = lib.search("ferry").hits
    assert hits[0].title == "Ferry fares to rise"


def test_misspelled_word_gets_a_suggestion(lib: Library) -> None:
    result = lib.search("balistic")
    assert result.total == 0
    assert result.suggestion == "ballistic"


def test_known_words_get_no_suggestion(lib: Library) -> None:
    assert lib.search("ferry").suggestion is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unbalanced', "unbalanced quote"),
        ("(ferry OR fares", "unbalanced parenthesis"),
        ("ferry)", "unbalanced parenthesis"),
        ("ferry AND", "AND at column 7 needs something"),
        ("OR ferry", "OR at column 1 needs something"),
        ("ferry AND OR fares", "needs something"),
        ("ferry NOT", "NOT at column 7"),
        ("colour:red", "unknown field 'colour'"),
        ("title: ferry", "needs a value"),
        ("date:yesterday", "is not a date"),
        ("date:[2004 to", "unbalanced range"),
    ],
)
def test_malformed_queries_give_one_line_errors(lib: Library, query: str, message: str) -> None:
    result = lib.search(query)
    assert result.error is not None and message in result.error
    assert "\n" not in result.error
    assert result.hits == ()


def test_common_words_are_searched_not_dropped(lib: Library) -> None:
    """There are no stop words (issue 12): "the" is a word like any other."""
    result = lib.search("the")
    assert result.error is None and result.total == 3 and result.notice is None


def test_a_query_of_punctuation_only_is_a_notice_not_an_error(lib: Library) -> None:
    result = lib.search("...")
    assert result.error is None and result.total == 0
    assert result.notice == "no word to search for in this query"


def test_limit_caps_hits_but_not_total(lib: Library) -> None:
    result = lib.search("ferries OR ferry OR harbour", limit=1)
    assert len(result.hits) == 1
    assert result.total == 3


def test_suggestion_prefers_the_closest_then_the_commonest_word() -> None:
    from index.fulltext.spelling import Speller

    speller = Speller([("missile", 2), ("missiles", 9), ("dismissal", 50), ("korea", 10)])
    assert speller.suggest("missle") == "missile"  # one edit beats two
    assert speller.suggest("misiles") == "missiles"
    assert speller.suggest("korea") is None  # known words are not corrected
    assert speller.suggest("zzzzzz") is None


def test_total_counts_every_match_in_a_multi_segment_index(
    library: Library, tmp_path: Path
) -> None:
    # Several commits make several segments; scores differ, so Whoosh's matcher
    # replacement would kick in once the top 5 are known.
    for n in range(3):
        corpus = tmp_path / f"part{n}.jsonl"
        corpus.write_text(
            "\n".join(
                json.dumps(
                    {
                        "title": f"Harbour report {n}-{k}" if k % 3 else f"Report {n}-{k}",
                        "text": "The harbour " * (1 + k % 5) + f"story {n} {k}.",
                    }
                )
                for k in range(20)
            )
        )
        with library.writer() as writer:
            writer.add([str(corpus)], analyse=False)
    assert len(library.ix._segments()) >= 2
    result = library.search("harbour", limit=5)
    assert len(result.hits) == 5 and result.total == 60
    assert library.search("harbour OR story", limit=3).total == 60


@pytest.mark.parametrize(
    "query",
    [
        'org:"Smith Barney, Harris Upham"',
        'entity:"smith barney,   Harris Upham"',
        "org:(Smith Barney Harris Upham)",
    ],
)
def test_a_quoted_name_with_a_comma_is_one_entity_term(tmp_path: Path, query: str) -> None:
    # Keyword fields keep no positions: a phrase there would fail inside Whoosh.
    from index.article import Article
    from index.fulltext.query import make_parser, parse_query
    from index.fulltext.writer import create_index, document, write_documents

    ix = create_index(tmp_path / "ix")
    article = Article(title="Brokers merge", body="Smith Barney, Harris Upham grew.", original=b"")
    broker = Entity("Smith Barney, Harris Upham", "ORG", "org", (), ())
    write_documents(ix, [document(article, [broker])])
    q, _ = parse_query(query, make_parser(ix.schema))
    with ix.searcher() as searcher:
        assert [hit["id"] for hit in searcher.search(q)] == [article.id]


def test_a_quoted_category_with_a_comma_is_not_an_index_error(lib: Library) -> None:
    result = lib.search('category:"acq, earn"')
    assert result.error is None and not result.damaged
