"""Unicode folding: the one normal form words are matched in.

What is stored and shown is the text as given, in NFC (Unicode's composed
form; :func:`nfc`). What is *matched* is each word folded by :func:`fold`, the
same way for the index, the entity names and the queries, so that a word is
found however a keyboard, a scanner or macOS happened to write it:

1. ``NFKC_Casefold``, Unicode's normal form for matching identifiers
   (UAX #15 and UAX #31; ICU's ``nfkc_cf``, the core of Lucene's
   ``ICUFoldingFilter`` and Elasticsearch's ``icu_folding``): compatibility
   forms become their plain letters (full-width ``ＵＳＡ`` -> ``usa``, the
   ligature ``ﬁ`` -> ``fi``), case is folded by Unicode's full case folding,
   not ``str.lower()`` (``Straße`` -> ``strasse``, ``İ`` -> ``i``), and default
   ignorable characters go (soft hyphen, zero-width space and joiners, word
   joiner, bidi marks, variation selectors), so they cannot split or hide a
   word;
2. diacritic folding as in UTR #30 and ``ICUFoldingFilter``: the combining
   diacritical marks of the Latin, Greek and Cyrillic alphabets
   (U+0300-U+036F) are removed after decomposition (``Zürich``, ``Zu\\u0308rich``
   and ``ZURICH`` all fold to ``zurich``; ``café`` to ``cafe``), and the Latin
   letters whose stroke or missing dot no decomposition removes are mapped to
   their base letter as Lucene's ``ASCIIFoldingFilter`` does (``ø`` -> ``o``,
   ``ł`` -> ``l``, ``đ`` -> ``d``, Turkish dotless ``ı`` -> ``i``). Marks of other
   scripts are kept: the Japanese voicing marks, Devanagari vowel signs and
   Thai tone marks change the word, not its accent;
3. apostrophes and hyphens have one form each: ``’ ‘ ʼ ′ ＇`` are ``'`` and the
   Unicode hyphens U+2010/U+2011 are ``-`` (so ``Kim’s`` = ``Kim's``).

Everything here is the Python standard library's ``unicodedata`` (the Unicode
version of the running Python), no hand-made tables beyond the few letters of
step 2.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "nfc"]

# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt), which
# NFKC_Casefold maps to nothing. (U+115F/U+1160/U+3164/U+FFA0, the Hangul fillers,
# are left out: NFKD must see them to keep old Hangul text whole.)
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufe00-\ufe0f\ufeff\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]"
)
# Combining Diacritical Marks: the accents of Latin, Greek and Cyrillic letters.
_DIACRITIC = re.compile("[\u0300-\u036f]")
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "ƀ": "b",
        "ɨ": "i",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "′": "'",
        "‛": "'",
        "\u2010": "-",
        "\u2011": "-",
    }
)


def nfc(text: str) -> str:
    """``text`` in Unicode Normalization Form C (composed): how cleaned text is stored
    and shown. Already-composed text (nearly all of it) comes back as the same object."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word).casefold()
    text = unicodedata.normalize("NFKD", text)  # case folding may give uncomposed forms
    text = _IGNORABLE.sub("", _DIACRITIC.sub("", text))
    return unicodedata.normalize("NFC", text.translate(_LETTERS))


def fold(word: str) -> str:
    """``word`` folded for matching (see the module docstring): ``"Zürich"`` ->
    ``"zurich"``, ``"ＵＳＡ"`` -> ``"usa"``, ``"İSTANBUL"`` -> ``"istanbul"``,
    ``"Straße"`` -> ``"strasse"``, ``"Kim’s"`` -> ``"kim's"``.

    Works on a word or a whole text; the result may be shorter or longer than
    ``word`` (``ß`` -> ``ss``, a soft hyphen -> nothing), so character offsets
    are kept by the caller from the unfolded text. Pure ASCII takes a fast path
    (ASCII case folding is ``str.lower``); other words pass a bounded cache.
    """
    if word.isascii():
        return word.lower()
    return _fold(word)
