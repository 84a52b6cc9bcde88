"""Words and sentences in scripts written without spaces between words.

Chinese and Japanese put no space between words, Thai, Lao, Khmer and Myanmar
none inside a phrase; Korean puts spaces between phrases (eojeol) but not between
its syllables' words. Counting "words" as runs between spaces would call a whole
Chinese paragraph one word, so here, as in the field's convention for word
counts of CJK text (the character counts of Chinese and Japanese editors, and
Unicode's UAX #29, which gives each ideograph and kana its own word boundary),
each character of those scripts counts as one word:

* Han ideographs, Hiragana, Katakana and Hangul syllables, one each;
* Thai, Lao, Khmer and Myanmar letters, one per grapheme (a letter with its
  combining vowel and tone marks, which are Unicode category M, counts once).

Everything else counts by whitespace, as before, so ``"金正恩在平壤 said Kim"``
is 5 + 2 = 7 words. Sentence ends are the ASCII ``. ! ?``, the ideographic full
stop ``。``, the full-width ``！ ？ ．``, the half-width Japanese ``｡``, and the full
stops of other scripts (Devanagari danda ``। ॥``, Arabic ``؟ ۔``, Khmer ``។``,
Myanmar ``။``, Armenian ``։``, Ethiopic ``።``); clause marks, after which a sentence
goes on, are the commas and semicolons of the same scripts (``, ， 、 ､ ; ； ، ؛``).

Prose is told from labels by letters that are not capitals: a lower-case letter
of a cased script, or any letter of a script without case (Chinese, Korean,
Arabic, Hebrew, Devanagari, Thai ...), which has no capitals to write a label in.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "CLAUSE_MARKS",
    "SENTENCE_ENDS",
    "count_words",
    "has_prose_letter",
    "is_unspaced",
    "join_lines",
    "unspaced_share",
]

#: Characters that end a sentence, in every script nutgraf reads.
SENTENCE_ENDS = (
    *(".", "!", "?", "。", "！", "？", "．", "｡", "…"),
    *("\u0964", "\u0965", "\u061f", "\u06d4", "\u17d4", "\u104b", "\u0589", "\u1362"),
)
#: Commas and semicolons: a line that ends in one is a sentence cut by a line break.
CLAUSE_MARKS = (",", "，", "、", "､", ";", "；", "\u060c", "\u061b")

# Han (CJK Unified Ideographs and extension A, compatibility ideographs, extensions B+),
# Hiragana, Katakana (with the half-width forms), Hangul syllables and jamo, and the
# Thai, Lao, Myanmar and Khmer blocks.
_UNSPACED_CLASS = (
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
    "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
# What a space between two of them would be inserted into when lines are re-joined:
# the ideographic scripts (not Hangul, whose phrases are spaced, and not Thai).
_NO_SPACE_JOIN_CLASS = (
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]"
)


@functools.cache
def _compiled(char_class: str) -> re.Pattern[str]:
    """``char_class`` compiled on first use: compiling these two classes took ~5 ms at
    import, paid by every start of the reader, which rarely meets such a script."""
    return re.compile(char_class)


def is_unspaced(char: str) -> bool:
    """True for a character of a script written without spaces between words."""
    return bool(_compiled(_UNSPACED_CLASS).match(char))


def has_prose_letter(text: str) -> bool:
    """True when ``text`` holds a letter that is not a capital: a lower-case letter, or a
    letter of a script without case (see the module docstring)."""
    return any(c.isalpha() and not c.isupper() for c in text)


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated words, with each character of an unspaced
    script (see the module docstring) counted as a word of its own; 0 for ``""``."""
    if text.isascii():
        return len(text.split())
    letters = 0
    spaced = []
    unspaced = _compiled(_UNSPACED_CLASS).match
    for char in text:
        if unspaced(char):
            if not unicodedata.category(char).startswith("M"):  # marks join their letter
                letters += 1
            spaced.append(" ")
        else:
            spaced.append(char)
    return letters + len("".join(spaced).split())


def unspaced_share(text: str) -> float:
    """The share (0.0 to 1.0) of the non-space characters of ``text`` that belong to an
    unspaced script; 0.0 for text with none."""
    chars = [c for c in text if not c.isspace()]
    if not chars or text.isascii():
        return 0.0
    unspaced = _compiled(_UNSPACED_CLASS).match
    return sum(1 for c in chars if unspaced(c)) / len(chars)


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines re-joined into one: with a space, except between two characters of
    the ideographic scripts (Chinese, Japanese), which have none between words."""
    out = lines[0] if lines else ""
    joins = _compiled(_NO_SPACE_JOIN_CLASS).match
    for line in lines[1:]:
        if out and line and joins(out[-1]) and joins(line[0]):
            out += line
        else:
            out += " " + line
    return out
