"""Words cut at a line break after a hyphen: a printer's or an OCR'd soft hyphen
(``of-`` / ``ficials``) or the hyphen of a compound (``well-`` / ``known``).

Lucene's ``HyphenatedWordsFilter`` (the filter for text extracted from documents)
always drops the hyphen, which turns compounds into non-words ("wellknown"); OCR
post-processors (dehyphenation in Tesseract's and ABBYY's output, ocrmypdf's
hocr tools) decide with a lexicon. The rule here is the lexicon rule, with the
text itself as the first lexicon:

* only a cut before a word in lower case is considered (``Kim-`` / ``Putin`` is a
  compound of names and keeps its hyphen);
* evidence in the text wins: the hyphenated form written elsewhere in it keeps the
  hyphen; the joined form written elsewhere (and not the hyphenated one) drops it;
* else word frequencies (``wordfreq``, English) decide: the hyphen is dropped when
  the joined form is ten times as frequent as the hyphenated one, one point on the
  Zipf scale (``officials`` 4.7 against 0 for ``of-ficials``, ``harbour`` 4.0 against
  1.9; ``well-known`` 5.3 against 1.6 for ``wellknown`` keeps it), and the first
  part is not a prefix written with a hyphen before a word (``co-ordinator``,
  ``anti-depressant``, ``re-elect``: both spellings are in use, the hyphen is kept).
  Measured on the 1,043 hyphenated words of the BBC corpus, wrapped by ``textwrap``
  at every hyphen: 13 were more frequent joined, all prefixed but ``wi-fi``; none
  is joined by this rule. Words of no English frequency tie at 0 and keep the
  hyphen, as a wrapper (``textwrap``, ``fmt``) only breaks after a hyphen in the
  word.
"""

from __future__ import annotations

import functools
from collections.abc import Container

import regex

__all__ = ["joins_without_hyphen", "text_words"]

# The last part of the word before the hyphen at a line's end, and the first word after.
_HEAD = regex.compile(r"([\p{L}\p{M}]+)-$")
_TAIL = regex.compile(r"\p{Ll}[\p{L}\p{M}]*")
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")
#: Zipf points by which the joined form must be more frequent (ten times as frequent).
_MARGIN = 1.0
#: Prefixes written with a hyphen before a word ("co-ordinate", "pre-empted", "e-mail").
_PREFIX_WORDS = (
    "a anti auto bi co counter de e ex extra hyper inter intra mid micro mini multi neo non "
    "over post pre pro re self semi sub super trans tri ultra un under wi"
)
_PREFIXES = frozenset(_PREFIX_WORDS.split())
#: Zipf frequency from which a part after a prefix is a word of its own ("ordinator" 2.8).
_WORD_ZIPF = 2.0
#: Words cut at a line break's hyphen: a letter, a hyphen, the end of a line.
CUT = regex.compile(r"\p{L}-[ \t\r]*\n")


def text_words(text: str) -> frozenset[str]:
    """The words of ``text`` in lower case, hyphenated words whole (``well-known``); empty
    when no line of it ends in a word cut at a hyphen (nothing to decide)."""
    if not CUT.search(text):
        return frozenset()
    return frozenset(w.lower() for w in _WORD.findall(text))


@functools.lru_cache(maxsize=1024)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # 0.3 s to import: only when a cut is found

    return float(zipf_frequency(word, "en"))


def joins_without_hyphen(line: str, nxt: str, known: Container[str]) -> bool:
    """True when the hyphen ending ``line`` is a soft hyphen to drop before ``nxt`` (see the
    module); ``known``: the words of the whole text (:func:`text_words`)."""
    head, tail = _HEAD.search(line), _TAIL.match(nxt)
    if head is None or tail is None:
        return False
    first, second = head.group(1), tail.group(0)
    joined, hyphenated = (first + second).lower(), f"{first}-{second}".lower()
    if hyphenated in known:
        return False
    if joined in known:
        return True
    if first.lower() in _PREFIXES and _zipf(second.lower()) >= _WORD_ZIPF:
        return False
    return _zipf(joined) >= _zipf(hyphenated) + _MARGIN
