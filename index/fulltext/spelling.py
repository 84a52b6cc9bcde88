""" "Did you mean" and fuzzy words: the library's words as written, and the closest to a typo.

Whoosh can keep an unstemmed copy of each text field for spelling
(``spelling=True``) but it analyses every body a second time to do so, which
doubled indexing time on the news corpus. Instead, the store keeps the set of
words seen in the library (a cheap regular-expression pass at ingest:
:func:`document_frequencies`), and a reader looks typos up in it with Whoosh's
Levenshtein automaton over the sorted word list: a few dozen bisections per
lookup, not a scan.

The words are the words *as written*, not stems: ``missle`` is one edit from
``missile`` but two from the stem ``missil`` and as close to ``middle`` as to
``missiles``. They are matched folded (:func:`index.folding.fold`), so that
case, accents and normal forms never make a known word look unknown; each
folded word remembers its most common written form to suggest (``zürich``).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.support.levenshtein import distance

from index.folding import fold, nfc
from index.scripts import is_unspaced

__all__ = [
    "MIN_SUGGESTED",
    "Speller",
    "document_frequencies",
    "is_word",
    "mixes_scripts",
    "unspaced",
    "within",
]

#: Shortest word (in characters, folded) that "did you mean" corrects: one or two
#: edits in a shorter word make another word, not a fix of a typo.
MIN_SUGGESTED = 3
#: Words kept in the vocabulary: 2 to 40 letters (a longer run is not a word a person
#: types, mostly an unspaced sentence or a pasted identifier).
MIN_WORD, MAX_WORD = 2, 40

# A run of letters of any script, with the combining marks that belong to them
# (Devanagari vowel signs, NFD accents left after NFC).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0903"
_MARKS += "\u093a-\u094f\u0951-\u0957\u0981-\u0983\u09bc-\u09d7\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_WORD = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{_MARKS}])*")


def unspaced(word: str) -> bool:
    """True when ``word`` has letters of a script written without spaces (CJK, Thai and
    the others of :func:`index.scripts.is_unspaced`): a run of them is a phrase, not a
    word to correct."""
    return any(map(is_unspaced, word))


def _lower(text: str) -> str:
    """``text`` lower-cased as written (NFC), Turkish capital dotted I as ``i``: Python's
    ``str.lower`` makes ``İ`` an ``i`` and a combining dot above (two characters)."""
    return nfc(text.lower().replace("i\u0307", "i"))


def is_word(typed: str) -> bool:
    """True when ``typed`` is a word the vocabulary keeps: letters of a spaced script
    with their combining marks (``İstanbul``, ``Straße``, ``ﬁnance``, ``ŉ``), possibly
    with zero-width characters or a soft hyphen inside; not digits, symbols, or CJK."""
    if unspaced(typed):
        return False
    return fold(typed).isalpha() or _WORD.fullmatch(_lower(typed)) is not None


def document_frequencies(texts: Iterable[str]) -> Counter[str]:
    """How many of ``texts`` each word appears in, as written (NFC, lower-cased:
    ``Zürich`` -> ``zürich``, ``İstanbul`` -> ``istanbul``): words are runs of 2 to 40
    letters of any script with their combining marks, except scripts written without
    spaces."""
    counts: Counter[str] = Counter()
    for text in texts:
        words = {
            w
            for w in _WORD.findall(_lower(nfc(text)))
            if MIN_WORD <= len(w) <= MAX_WORD and not unspaced(w)
        }
        counts.update(words)
    return counts


#: The alphabets whose look-alike letters (Latin ``a``, Cyrillic ``а``, Greek ``α``)
#: make a word that mixes them display as another (Unicode TR #39, "mixed-script
#: confusables"): such a word is never suggested.
_CONFUSABLE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


def mixes_scripts(word: str) -> bool:
    """True when the letters of ``word`` come from more than one of the Latin, Greek
    and Cyrillic alphabets (``pаypal`` with a Cyrillic ``а``)."""
    if word.isascii():
        return False
    seen: set[str] = set()
    for ch in word:
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            if script in _CONFUSABLE_SCRIPTS:
                seen.add(script)
    return len(seen) > 1


def within(words: Sequence[str], word: str, maxdist: int, prefix: int = 0) -> list[str]:
    """The words of ``words`` (sorted) within ``maxdist`` Levenshtein edits of ``word``
    that share its first ``prefix`` characters, by Whoosh's Levenshtein automaton: a
    few dozen bisections of the list, not a scan of it."""

    def lookup(key: str) -> str | None:
        i = bisect.bisect_left(words, key)
        return words[i] if i < len(words) else None

    dfa = levenshtein_automaton(word, maxdist, prefix=prefix).to_dfa()
    return [str(w) for w in find_all_matches(dfa, lookup)]


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _kept(typed: str, word: str) -> int:
    """How many letters of ``typed`` ``word`` keeps in order (longest common subsequence)."""
    row = [0] * (len(word) + 1)
    for ch in typed:
        prev = 0
        for j, wc in enumerate(word, 1):
            prev, row[j] = row[j], prev + 1 if ch == wc else max(row[j], row[j - 1])
    return row[-1]


class Speller:
    """The library's words as written, folded for matching.

    ``words`` are ``(word, number of articles)`` pairs as :func:`document_frequencies` gives
    them (older libraries stored them only lower-cased: they are folded here too).
    """

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        freq: Counter[str] = Counter()
        shown: dict[str, tuple[int, str]] = {}
        for word, df in words:
            key = fold(word)
            if not key:
                continue
            freq[key] += df
            if df > shown.get(key, (-1, ""))[0]:
                shown[key] = (df, nfc(word))
        self._words = sorted(freq)
        self._freq = dict(freq)
        self._shown = {k: w for k, (_, w) in shown.items()}

    def __len__(self) -> int:
        return len(self._words)

    def frequency(self, word: str) -> int:
        """How many articles have ``word`` (folded), 0 when none."""
        return self._freq.get(fold(word), 0)

    def written(self, key: str) -> str:
        """The most common written form of the folded word ``key``."""
        return self._shown.get(key, key)

    def near(self, word: str, maxdist: int, prefix: int = 0) -> list[tuple[int, str]]:
        """``(edits, folded word)`` for each known word within ``maxdist`` edits of
        ``word`` (folded) sharing its first ``prefix`` characters, closest and then most
        common first (Lucene's ``FuzzyQuery`` and Elasticsearch's ``fuzziness`` count
        edits the same way)."""
        key = fold(word)
        found = within(self._words, key, maxdist, prefix)
        ranked = [(distance(w, key, limit=maxdist + 1), w) for w in found]
        return sorted(ranked, key=lambda p: (p[0], -self._freq.get(p[1], 0), p[1]))

    def suggest(
        self,
        word: str,
        maxdist: int = 2,
        term: Callable[[str], str | None] | None = None,
        exists: Callable[[str], bool] | None = None,
    ) -> str | None:
        """The best known replacement for ``word`` as written, or None (also when it is a
        known word, shorter than :data:`MIN_SUGGESTED`, or of an unspaced script). A word
        that mixes the Latin, Greek and Cyrillic alphabets is never suggested
        (:func:`mixes_scripts`: it may display exactly as the typed word).
        ``exists``, if given, says whether a word (as written) is still in the library:
        the vocabulary only grows, so a word whose articles were removed is skipped.

        Fewer edits win; among words as many edits away, the one that keeps more of
        the typed letters in order (a dropped letter is the commonest typo), then the
        one whose index term (``term``: the field's analyser, e.g. a stem) is closest
        to the typo's term, then the longer shared beginning (typos are rarer in the
        first letters, as Jaro-Winkler distance weighs them), then the more common
        word. So ``missle`` gives ``missiles`` (keeps all six letters; stem ``missil``,
        one edit from ``missl``), not the commoner ``middle`` (keeps four; ``middl``).
        """
        key = fold(word)
        if len(key) < MIN_SUGGESTED or key in self._freq or unspaced(key):
            return None
        found: list[str] = []
        for dist in range(1, maxdist + 1):
            found = [
                w
                for w in within(self._words, key, dist, prefix=1)
                if w != key and not mixes_scripts(w)
            ]
            if exists is not None:
                found = [w for w in found if exists(self.written(w))]
            if found:
                break
        if not found:
            return None
        typo = term(key) if term is not None else None

        def rank(w: str) -> tuple[int, int, int, int, str]:
            t = term(w) if term is not None else None
            apart = distance(t, typo) if t is not None and typo is not None else 0
            freq = -self._freq.get(w, 0)
            return (-_kept(key, w), apart, -_shared_prefix(w, key), freq, w)

        return self.written(min(found, key=rank))
