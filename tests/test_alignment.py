"""Mentions in the original text (issue 14, item 6): body spans mapped onto the text
as given, verified, and honestly missing when the original does not hold them."""

from __future__ import annotations

import json
import random
import re

import pytest

from index.alignment import align, map_original, pair_words, shown_original
from index.article import Article
from index.readers.base import Input
from index.readers.dispatch import read_input
from tests.conftest import CORPORA, SEEDS, needs_corpora

NAMES = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")


def read_one(name: str, data: bytes) -> Article:
    items = [i for i in read_input(Input.from_bytes(name, name, data)) if isinstance(i, Article)]
    assert len(items) == 1
    return items[0]


def placed(body: str, original: str, phrase: str, markup: bool = False) -> str | None:
    """The original's characters where the first ``phrase`` of the body is mapped."""
    start = body.index(phrase)
    there = align(body, original, markup).span(start, start + len(phrase))
    return original[there[0] : there[1]] if there else None


def test_wrapped_plain_text_maps_names_across_line_breaks() -> None:
    original = "Title\n\nTony Blair met Gordon\nBrown in London on Tuesday.\n"
    body = "Tony Blair met Gordon Brown in London on Tuesday."
    assert placed(body, original, "Gordon Brown") == "Gordon\nBrown"
    assert placed(body, original, "London") == "London"


def test_a_json_record_maps_past_its_escapes() -> None:
    record = {"id": "r1", "title": "T", "text": 'He said "no".\n\nTony Blair left for Paris.'}
    article = read_one("c.jsonl", json.dumps(record).encode() + b"\n")
    mapping = map_original(article)
    start = article.body.index("Tony Blair")
    s, e = mapping.span(start, start + len("Tony Blair")) or (0, 0)
    assert mapping.original[s:e] == "Tony Blair"  # not "nTony Blair" after the \n escape


def test_markup_maps_into_the_text_a_page_shows_not_its_head_or_scripts() -> None:
    original = (
        '<html><head><title>Tony Blair</title><meta name="description" content="Tony Blair'
        ' in Paris"></head><body><script>var s = "Tony Blair in Paris";</script>'
        "<p><b>Tony</b> Blair arrived in Paris &amp; Lyon.</p></body></html>"
    )
    body = "Tony Blair arrived in Paris & Lyon."
    there = placed(body, original, "Tony Blair", markup=True)
    assert there == "Tony</b> Blair"
    assert original.index("<p>") < original.index(there)
    assert placed(body, original, "Paris & Lyon", markup=True) == "Paris &amp; Lyon"


def test_markdown_emphasis_between_the_words_is_no_obstacle() -> None:
    original = "# Note\n\nMet **Gordon** Brown at [Downing Street](https://x.org).\n"
    body = "Met Gordon Brown at Downing Street."
    assert placed(body, original, "Gordon Brown") == "Gordon** Brown"
    assert placed(body, original, "Downing Street") == "Downing Street"


def test_words_the_original_does_not_hold_as_they_read_have_no_place() -> None:
    original = "Title\n\nThe co-\noperation of Smith-\nson and Jones.\n"
    body = "The cooperation of Smithson and Jones. Advertisement"
    mapping = align(body, original)
    for word in ("cooperation", "Smithson", "Advertisement"):
        start = body.index(word)
        assert mapping.span(start, start + len(word)) is None, word
    start = body.index("Jones")
    assert mapping.span(start, start + 5) is not None


def test_a_hyphenated_word_broken_at_a_line_end_is_found() -> None:
    assert placed(
        "The co-operation went well.", "The co-\noperation went well.", "co-operation"
    ) == ("co-\noperation")


def test_a_mapped_span_always_reads_as_the_body_does() -> None:
    """Whatever is mapped is the same words: checked on shuffled, edited texts."""
    rng = random.Random(14)
    words = [
        "Tony",
        "Blair",
        "Gordon",
        "Brown",
        "the",
        "of",
        "London",
        "Paris",
        "and",
        "said",
        "a",
        "in",
    ]
    for _ in range(200):
        body_words = [rng.choice(words) for _ in range(rng.randint(1, 30))]
        body = " ".join(body_words)
        edited = [w for w in body_words if rng.random() > 0.2]
        edited = [w if rng.random() > 0.1 else rng.choice(words) for w in edited]
        original = "\n".join(edited)
        mapping = align(body, original)
        for m in NAMES.finditer(body):
            there = mapping.span(m.start(), m.end())
            if there is not None:
                assert original[there[0] : there[1]].split() == m.group().split()


def test_pair_words_pairs_equal_words_in_order() -> None:
    a = ["the", "cat", "sat", "on", "the", "mat", "and", "the", "dog", "sat", "too"]
    b = [
        "menu",
        "home",
        "the",
        "cat",
        "sat",
        "on",
        "a",
        "mat",
        "and",
        "then",
        "the",
        "dog",
        "sat",
        "too",
        "footer",
    ]
    pairs = pair_words(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert [i for i, _ in pairs] == sorted({i for i, _ in pairs})
    assert [j for _, j in pairs] == sorted({j for _, j in pairs})
    assert len(pairs) >= 9


def test_line_ends_are_those_the_reader_shows() -> None:
    assert shown_original("a\r\nb\rc") == "a\nb\nc"


def test_the_seed_article_places_its_names() -> None:
    path = next(SEEDS.glob("*.txt"))
    article = read_one(path.name, path.read_bytes())
    mapping = map_original(article)
    names = [(m.start(), m.end()) for m in NAMES.finditer(article.body)]
    found = mapping.spans(names)
    assert len(found) == len(names)
    for (s, e), (os_, oe) in found:
        assert mapping.original[os_:oe].split() == article.body[s:e].split()


@needs_corpora("html_extraction")
@pytest.mark.slow
def test_real_pages_place_nearly_every_name() -> None:
    root = CORPORA / "html_extraction"
    pages = sorted(root.glob("*/html/*.html.gz"))[:30]
    total = found = 0
    for page in pages:
        for item in read_input(Input.from_bytes(page.name, page.name, page.read_bytes())):
            if isinstance(item, Article):
                names = [(m.start(), m.end()) for m in NAMES.finditer(item.body)]
                total += len(names)
                found += len(map_original(item).spans(names))
    assert total > 1000 and found / total > 0.97
