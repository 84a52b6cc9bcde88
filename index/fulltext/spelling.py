""" "Did you mean": the library's vocabulary and the closest known word to a typo.

Whoosh can keep an unstemmed copy of each text field for spelling
(``spelling=True``) but it analyses every body a second time to do so, which
doubled indexing time on the news corpus. Instead, the store keeps the set of
words seen in the library (a cheap regular-expression pass at ingest), and a
reader looks typos up in it with Whoosh's Levenshtein automaton over the sorted
word list: a few dozen bisections per lookup, not a scan.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton

__all__ = ["Speller", "count_words", "within"]

_WORD = re.compile(r"[^\W\d_]{3,}")


def count_words(texts: Iterable[str]) -> Counter[str]:
    """How many of ``texts`` each lower-cased word (3+ letters) appears in."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(_WORD.findall(text.lower())))
    return counts


def within(words: Sequence[str], word: str, maxdist: int, prefix: int = 0) -> list[str]:
    """The words of ``words`` (sorted) within ``maxdist`` Levenshtein edits of ``word``
    that share its first ``prefix`` characters, by Whoosh's Levenshtein automaton: a
    few dozen bisections of the list, not a scan of it."""

    def lookup(key: str) -> str | None:
        i = bisect.bisect_left(words, key)
        return words[i] if i < len(words) else None

    dfa = levenshtein_automaton(word, maxdist, prefix=prefix).to_dfa()
    return [str(w) for w in find_all_matches(dfa, lookup)]


class Speller:
    """Suggests the closest known word, preferring fewer edits, then more common words."""

    def __init__(self, words: Sequence[tuple[str, int]]) -> None:
        pairs = sorted(words)
        self._words = [w for w, _ in pairs]
        self._freq = dict(pairs)

    def __len__(self) -> int:
        return len(self._words)

    def suggest(self, word: str, maxdist: int = 2) -> str | None:
        """The best known replacement for ``word``, or None (also when it is known)."""
        word = word.lower()
        if not word or word in self._freq or len(word) < 3:
            return None
        for dist in range(1, maxdist + 1):
            found = [w for w in within(self._words, word, dist, prefix=1) if w != word]
            if found:
                return max(found, key=lambda w: (self._freq.get(w, 0), w))
        return None
