"""Unicode folding (index.folding): one normal form for matching, NFC for showing."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.folding import fold, nfc


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Zürich", "zurich"),
        ("Zu\u0308rich", "zurich"),  # NFD, as macOS writes it
        ("ZÜRICH", "zurich"),
        ("café", "cafe"),
        ("ＵＳＡ", "usa"),  # full-width Latin
        ("ﬁnance", "finance"),  # ligature
        ("fin\u00adance", "finance"),  # soft hyphen
        ("fin\u200bance", "finance"),  # zero-width space
        ("fin\u2060ance", "finance"),  # word joiner
        ("Kim’s", "kim's"),
        ("Kimʼs", "kim's"),
        ("İstanbul", "istanbul"),
        ("İSTANBUL", "istanbul"),
        ("Istanbul", "istanbul"),
        ("ıstanbul", "istanbul"),
        ("Straße", "strasse"),
        ("São", "sao"),
        ("Łódź", "lodz"),
        ("Ørsted", "orsted"),
        ("Nguyễn", "nguyen"),
        ("Ελλάδα", "ελλαδα"),
        ("ΣΊΣΥΦΟΣ", "σισυφοσ"),
        ("e\u2011mail", "e-mail"),
    ],
)
def test_fold_makes_the_forms_of_a_word_one(written: str, folded: str) -> None:
    assert fold(written) == folded


@pytest.mark.parametrize("word", ["が", "ガ", "नमस्ते", "ภาษาไทย", "금정은", "金正恩"])
def test_fold_keeps_the_marks_that_change_a_word_in_other_scripts(word: str) -> None:
    assert fold(word) == unicodedata.normalize("NFC", word)
    assert fold("か") != fold("が")  # the voicing mark makes another syllable


def test_nfc_composes_and_returns_composed_text_unchanged() -> None:
    assert nfc("Zu\u0308rich") == "Zürich"
    composed = "Zürich café"
    assert nfc(composed) is composed


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_agrees_on_every_normal_form(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert fold(unicodedata.normalize(form, text)) == once
