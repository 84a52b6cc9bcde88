"""The text analyser of the title and body fields: Whoosh's StemmingAnalyzer, fused.

Whoosh's ``StemmingAnalyzer`` is a regex tokenizer, a lower-case filter, a
stop-word filter and a Porter stemmer, each a generator feeding the next; for
the news corpus the chain was 9 s of the 23 s of indexing. :class:`NewsAnalyzer`
does the same four steps in one loop and gives the same tokens (text, position,
character offsets, stopped flag) for every option Whoosh passes, which
``tests/test_analysis.py`` checks against the original on real text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.analysis import Analyzer, StemmingAnalyzer, Token
from whoosh.lang.porter import stem as _porter

__all__ = ["NewsAnalyzer", "stem", "stock_analyzer"]

_WHOLE = re.compile(r".*", re.DOTALL)  # a whole value as one token (tokenize=False)


@functools.lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """Porter stemming behind a bounded cache.

    Whoosh's own stem cache is a Python LFU whose bookkeeping cost 3 s of the
    news corpus's 23 s of indexing; ``functools.lru_cache`` is the same cache
    in C. (Module-level, so a pickled schema refers to it by name.)
    """
    return str(_porter(word))


def stock_analyzer() -> Any:
    """Whoosh's StemmingAnalyzer as nutgraf configures it (what NewsAnalyzer equals)."""
    return StemmingAnalyzer(stemfn=stem, cachesize=None)


class NewsAnalyzer(Analyzer):  # type: ignore[misc]
    """Regex tokens, lower-cased, stop words dropped, Porter-stemmed: in one generator."""

    def __init__(self) -> None:
        tokenizer, _, stop, _ = stock_analyzer().items
        self.expression = tokenizer.expression
        self.stops = stop.stops
        self.minsize = stop.min
        self.maxsize = stop.max

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash(type(self))

    def has_morph(self) -> bool:
        return True

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        assert isinstance(value, str), f"{value!r} is not unicode"
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stops, minsize, maxsize = self.stops, self.minsize, self.maxsize
        pos: int | None = None  # the stop filter renumbers the words it keeps
        if tokenize:
            matches: Iterable[re.Match[str]] = self.expression.finditer(value)
        else:
            t.original = value
            matches = [_WHOLE.match(value)]  # type: ignore[list-item]
        for i, match in enumerate(matches):
            text = match.group(0)
            t.boost = 1.0
            if keeporiginal:
                t.original = text
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            text = text.lower()
            if (
                len(text) >= minsize
                and (maxsize is None or len(text) <= maxsize)
                and (text not in stops)
            ):
                if positions:
                    pos = start_pos + i if pos is None else pos + 1
                    t.pos = pos
                t.stopped = False
                t.text = text if no_morph else stem(text)
                yield t
            elif not removestops:
                if positions:
                    t.pos = start_pos + i
                t.stopped = True
                t.text = text
                yield t
