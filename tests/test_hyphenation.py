"""A word cut at a line break after a hyphen: a soft hyphen goes, a compound's stays.

OCR'd and typeset text cuts words at syllables ("of-" / "ficials", "har-" / "bour"):
the hyphen was kept ("of-ficials") and a search for "officials" found nothing. A
compound cut at its own hyphen ("well-" / "known", "Kim-" / "Putin") keeps it.
"""

from __future__ import annotations

import pytest

from index.readers.cleaning import clean_scraped_text, split_paragraphs
from index.readers.hyphens import joins_without_hyphen, text_words


def test_the_reported_soft_hyphens_are_dropped() -> None:
    text = (
        "Storm closes three ports\n\n"
        "A powerful storm closed three ports on Sunday, of-\n"
        "ficials said, after waves of eight metres hit the har-\n"
        "bour walls.\n"
    )
    body = clean_scraped_text(text).body
    assert body == (
        "A powerful storm closed three ports on Sunday, officials said, after waves of "
        "eight metres hit the harbour walls."
    )


@pytest.mark.parametrize(
    ("cut", "word"),
    [
        ("gov-\nernment", "government"),
        ("peo-\nple", "people"),
        ("an-\nnounced", "announced"),
        ("com-\npany", "company"),
        ("mil-\nlion", "million"),
        ("state-\nment", "statement"),
    ],
)
def test_a_word_cut_at_a_syllable_is_joined_whole(cut: str, word: str) -> None:
    text = f"On Monday the {cut} was named in the report that the council published."
    assert split_paragraphs(text) == [
        f"On Monday the {word} was named in the report that the council published."
    ]


@pytest.mark.parametrize(
    ("cut", "word"),
    [
        ("well-\nknown", "well-known"),
        ("Kim-\nPutin", "Kim-Putin"),
        ("co-\nordinator", "co-ordinator"),
        ("search-\nengine", "search-engine"),
        ("long-\nterm", "long-term"),
        ("re-\nelect", "re-elect"),
        ("self-\ndriving", "self-driving"),
        ("anti-\ndepressant", "anti-depressant"),
        ("Stadt-\nrat", "Stadt-rat"),  # no English frequency, no evidence: kept
    ],
)
def test_a_compound_cut_at_its_hyphen_keeps_it(cut: str, word: str) -> None:
    text = f"On Monday the {cut} was named in the report that the council published."
    assert split_paragraphs(text) == [
        f"On Monday the {word} was named in the report that the council published."
    ]


def test_the_text_itself_is_the_first_evidence() -> None:
    # German, of no English frequency: the joined form written elsewhere decides
    text = (
        "Die Bundesregierung hat am Montag entschieden. Sprecher der Bundes-\n"
        "regierung sagten, die Entscheidung gelte ab sofort."
    )
    assert "der Bundesregierung sagten" in split_paragraphs(text)[0]
    # the hyphenated form written elsewhere keeps the hyphen, though "email" is common
    text = "Send an e-mail to the office. She said the e-\nmail arrived on Monday."
    assert split_paragraphs(text) == [
        "Send an e-mail to the office. She said the e-mail arrived on Monday."
    ]


def test_joins_without_hyphen_reads_only_a_cut_before_a_lower_case_word() -> None:
    assert joins_without_hyphen("the har-", "bour walls.", frozenset())
    assert not joins_without_hyphen("the har-", "Bour walls.", frozenset())
    assert not joins_without_hyphen("the har -", "bour walls.", frozenset())
    assert not joins_without_hyphen("the harbour", "walls.", frozenset())
    assert text_words("no cut here") == frozenset()
    assert "well-known" in text_words("a well-known man, of-\nficials")
