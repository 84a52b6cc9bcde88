"""How the words of a title or body become search terms, and the words of a query too.

One analyser, :class:`NewsAnalyzer`, for indexing and for queries, so that a word
is found however it was typed. Its rules, each after a standard one of Lucene
or Elasticsearch:

* **Words** are runs of letters, marks (``\\p{M}``: NFD accents, Devanagari and
  Thai vowel signs stay inside their word) and digits; a default-ignorable
  character (soft hyphen, zero-width space or joiner) between two of them does
  not split the word (Lucene's ``StandardTokenizer`` after ICU normalisation).
* Each term is the word **folded** by :func:`index.folding.fold` (NFKC_Casefold
  and diacritics: ``Zürich`` = ``ZURICH`` = ``Zu\\u0308rich``; ``ＵＳＡ`` = ``usa``),
  then **Porter-stemmed** when it is written in the Latin script (only then).
  Nothing is dropped: **no stop words, no minimum length** (``US``, ``IT``,
  ``WHO``, ``a`` are terms; ranking by BM25F handles common words).
* **Names with symbols** (Lucene's ``WordDelimiterGraphFilter`` with
  ``preserveOriginal``): parts joined by ``& / + ' - .`` (``AT&T``, ``9/11``,
  ``e-mail``, ``al-Assad``, ``O'Brien``, ``Amazon.com``), or ending in ``++``/``#``
  (``C++``, ``C#``), are indexed as the joined form (one term) at the position of
  the first part, plus each part at consecutive positions from the same one; a
  word joined by hyphens, ``&`` or an apostrophe also gets its parts run together
  (``catenateWords``: ``email`` finds ``e-mail``, ``att`` AT&T, ``obrien``
  O'Brien). Dot-acronyms of single letters are one term without the dots
  (``U.S.`` = ``US`` = ``us``), a number with ``.`` or ``,`` inside stays one
  term, commas grouping thousands dropped (``3.5``, ``2,5``; ``1,000`` = ``1000``), and an
  English possessive ``'s`` at the end is dropped (Lucene's
  ``EnglishPossessiveFilter``: ``Kim’s`` -> ``kim``).
* A Porter stem shorter than three letters that is not the word itself gets a
  ``_`` (``use``, ``used``, ``using`` -> ``us_``; ``its`` -> ``it_``), so that
  ``US`` and ``IT`` find only themselves; nothing typed can spell such a term.
* **Scripts written without spaces** (Han, Hiragana, Katakana, Hangul, Thai,
  Lao, Khmer, Myanmar) become overlapping **bigrams** plus unigrams, as Lucene's
  ``CJKBigramFilter`` with ``outputUnigrams`` and Elasticsearch's ``cjk``
  analyzer do; the unit is a user-perceived character (a UAX #29 grapheme
  cluster: a letter with its marks, a Hangul syllable even when written as
  conjoining jamo, a half-width kana with its voicing mark), and unigram *i* and
  bigram *i* share position *i*. A word starts with a letter or a digit: marks
  alone (an emoji's variation selector) make no term.

Modes (Whoosh's ``mode`` argument): ``"index"`` (and ``""``) give everything
above. ``"query"`` (a single word of a query) gives a joined word as its joined
form only (``S&P`` is the term ``s&p``; ``9/11`` never matches every ``11``)
and a run of unspaced script as its bigrams (the schema makes several terms a
phrase); a query word that holds several words (``AT&T金``) is read as a
phrase: its joined words give their parts, as in ``"phrase"`` mode, so the quoted
``"S&P 500"`` (which Whoosh analyses in ``"query"`` mode) is the phrase ``s p 500``.
Character offsets always point at the original characters of the text given.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import regex
from whoosh.analysis import (
    Analyzer,
    CommaSeparatedTokenizer,
    Filter,
    Token,
)
from whoosh.lang.porter import stem as _porter

from index.folding import fold

__all__ = [
    "ANALYSIS_VERSION",
    "FoldFilter",
    "NewsAnalyzer",
    "is_current",
    "keyword_analyzer",
    "stem",
    "term",
]

#: Changes whenever the terms of a text change; an index made by another is rebuilt.
ANALYSIS_VERSION = 3

_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}ーｰ々〆"
_WORD_CHAR = rf"[[\p{{L}}\p{{M}}\p{{N}}]--[{_UNSPACED}]]"
# A word starts with a letter or digit: a mark alone (an emoji's variation selector, a
# stray accent) is no word.
_WORD_START = rf"[[\p{{L}}\p{{N}}]--[{_UNSPACED}]]"
_PART = rf"{_WORD_START}(?:{_WORD_CHAR}|\p{{Default_Ignorable_Code_Point}}+(?={_WORD_CHAR}))*"
# What extends a letter of an unspaced script: its marks, ignorables, and the half-width
# katakana voicing marks (ﾞ ﾟ, script Common, which NFKC composes with the letter before).
_RUN_EXTEND = r"\p{M}\p{Default_Ignorable_Code_Point}\uFF9E\uFF9F"
_JOIN = r"(?:[&/+'’ʼ‘\-‐‑.]|(?<=\p{N}),(?=\p{N}))"
_TOKENS = regex.compile(
    rf"(?P<run>(?:[{_UNSPACED}][{_RUN_EXTEND}]*)+)"
    rf"|(?P<word>{_PART}(?:{_JOIN}{_PART})*(?:\+\+|\+|\#)?(?!{_WORD_CHAR}))"
    rf"|(?P<bare>{_PART})",
    regex.V1,
)
_SPLIT = regex.compile(_JOIN, regex.V1)
# A user-perceived character (UAX #29 extended grapheme cluster: a letter with its marks,
# a Hangul syllable written as conjoining jamo, a half-width kana with its voicing mark).
_GRAPHEME = regex.compile(r"\X\p{Default_Ignorable_Code_Point}*", regex.V1 | regex.DOTALL)
_LATIN = regex.compile(r"[\p{Latin}\p{N}\p{M}&/+'\-.,#]+", regex.V1)
_APOSTROPHES = "'’ʼ‘"
_NUMBER_SEPS = {".", ","}
_HYPHENS = {"-", "‐", "‑"}
_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CATENATED = _HYPHENS | {"&"} | set(_APOSTROPHES)
_QUERY_MODES = ("query", "phrase")


@functools.lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """Porter stemming behind a bounded cache (``functools.lru_cache``, in C; Whoosh's
    own LFU cache cost 3 s of 23 s of indexing). Module-level, so pickles name it."""
    return str(_porter(word))


@functools.lru_cache(maxsize=1 << 17)
def term(word: str) -> str:
    """The term of one word as written: folded, and Porter-stemmed if it is Latin script
    (``"Launches"`` -> ``"launch"``, ``"Zürich"`` -> ``"zurich"``, ``"平壤"`` unchanged)."""
    folded = fold(word)
    if folded.isascii() or _LATIN.fullmatch(folded):
        stemmed = stem(folded)
        if len(stemmed) < 3 and stemmed != folded:
            # Porter makes "us" of use/used/using and "it" of its: such a stem is kept
            # apart from the short word it spells, so that US and IT find only themselves.
            return stemmed + "_"
        return stemmed
    return folded


def is_current(analyzer: object) -> bool:
    """True when ``analyzer`` (unpickled from an index's schema) is this module's analyser
    at :data:`ANALYSIS_VERSION`; an index written by an older analysis holds other terms."""
    return isinstance(analyzer, NewsAnalyzer) and (
        vars(analyzer).get("version") == ANALYSIS_VERSION
    )


# A piece of analysed text: (term, position offset, startchar, endchar).
_Piece = tuple[str, int, int, int]


def _word(text: str, start: int, mode: str, norm: Any, dot_after: bool) -> tuple[list[_Piece], int]:
    """The terms of one word (maybe joined from parts) at ``start`` in the text, and how
    many positions it takes; ``norm`` makes a term of a word (:func:`term`, or
    :func:`fold` without stemming); ``dot_after``: a "." follows the word."""
    tail = ""
    if text.endswith(("+", "#")):
        core = text.rstrip("+#")
        tail, text = text[len(core) :], core
    end = start + len(text) + len(tail)
    if text.isalnum():
        pieces = [(norm(text + tail), 0, start, end)]
        if tail and mode not in _QUERY_MODES:
            pieces.append((norm(text), 0, start, start + len(text)))  # C++: c too
        return pieces, 1
    seps = [(m.start(), m.end()) for m in _SPLIT.finditer(text)]
    parts: list[tuple[int, int]] = []
    prev = 0
    for s, e in seps:
        parts.append((prev, s))
        prev = e
    parts.append((prev, len(text)))
    if (
        len(parts) > 1
        and not tail
        and text[seps[-1][0]] in _APOSTROPHES
        and fold(text[parts[-1][0] :]) == "s"
    ):  # an English possessive at the end goes (EnglishPossessiveFilter)
        parts.pop()
        seps.pop()
        text = text[: parts[-1][1]]
        end = start + len(text)
    if len(parts) == 1:
        return [(norm(text), 0, start, end)], 1
    sep_chars = {text[s:e] for s, e in seps}
    words = [text[s:e] for s, e in parts]
    if sep_chars <= _NUMBER_SEPS and all(fold(w).isdigit() for w in words):
        # 3.5 and 2,5 stay as written; 1,000 = 1000 (commas grouping thousands).
        number = fold(text)
        if _THOUSANDS.fullmatch(number):
            number = number.replace(",", "")
        return [(number, 0, start, end)], 1
    if sep_chars == {"."} and all(len(_GRAPHEME.findall(w)) == 1 and w.isalpha() for w in words):
        # U.S., U.N., U.S.A.: one term without the dots (a final dot belongs to it).
        return [(norm("".join(words)), 0, start, end + dot_after)], 1
    pieces = []
    if mode != "phrase":
        pieces.append((norm(text + tail), 0, start, end))
        if mode == "query":
            return pieces, 1
        if sep_chars <= _CATENATED:
            # e-mail: email too; AT&T: att; O'Brien: obrien (catenateWords).
            pieces.append((norm("".join(words)), 0, start, end))
    for i, (s, e) in enumerate(parts):
        pieces.append((norm(text[s:e]), i, start + s, start + e))
    return pieces, len(parts)


def _run(text: str, start: int, mode: str) -> tuple[list[_Piece], int]:
    """Unigrams and bigrams of a run of unspaced script (CJKBigramFilter with
    outputUnigrams); in a query, bigrams only (one unit alone: its unigram)."""
    units = [
        (fold(m.group()), start + m.start(), start + m.end()) for m in _GRAPHEME.finditer(text)
    ]
    n = len(units)
    if n == 1:
        return [(units[0][0], 0, units[0][1], units[0][2])], 1
    pieces: list[_Piece] = []
    for i, (unit, s, e) in enumerate(units):
        if mode not in _QUERY_MODES:
            pieces.append((unit, i, s, e))
        if i + 1 < n:
            nxt = units[i + 1]
            pieces.append((unit + nxt[0], i, s, nxt[2]))
    return pieces, n


class NewsAnalyzer(Analyzer):  # type: ignore[misc]
    """The title and body analyser (see the module docstring); picklable, compares by
    value, and says its :data:`ANALYSIS_VERSION` in ``version``."""

    def __init__(self) -> None:
        self.version = ANALYSIS_VERSION

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

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
        """Tokens of ``value`` (Whoosh's analyser protocol; one Token object reused):
        ``text`` the term, ``pos`` its position, ``startchar``/``endchar`` the original
        characters; ``mode`` as in the module docstring; ``no_morph``: no stemming."""
        assert isinstance(value, str), f"{value!r} is not unicode"
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.stopped = False
        t.boost = 1.0
        norm = fold if no_morph else term
        if not tokenize:
            t.original = value
            t.text = norm(value)
            t.pos, t.startchar, t.endchar = start_pos, start_char, start_char + len(value)
            yield t
            return
        pos = start_pos
        pending: _Piece | None = None  # a run's last unigram, if a phrase goes on after it
        matches: Any = _TOKENS.finditer(value)
        if mode == "query":
            matches = list(matches)
            if len(matches) > 1:
                # One query word that is several words (AT&T金, ask_for_it) is searched
                # as a phrase, so its joined names give their parts, as the index has.
                mode = "phrase"
        for match in matches:
            text = match.group()
            if pending is None and text.isalnum() and match.lastgroup != "run":
                # The common case, a plain word: one term, no lists (indexing speed).
                t.text = norm(text)
                if keeporiginal:
                    t.original = text
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar, t.endchar = start_char + match.start(), start_char + match.end()
                yield t
                pos += 1
                continue
            begin = match.start()
            is_run = match.lastgroup == "run"
            if is_run:
                pieces, width = _run(text, begin, mode)
            else:
                dot = value.startswith(".", match.end())
                pieces, width = _word(text, begin, mode, norm, dot)
            if pending is not None:
                # In a query, the run before this word ended in a unigram the index has
                # at the position before this word's: without it the phrase has a gap.
                pieces.insert(0, pending)
                pending = None
            for text_, offset, s, e in pieces:
                if not text_:
                    continue  # a word of ignorables only: no term
                t.text = text_
                if keeporiginal:
                    t.original = value[s:e]
                if positions:
                    t.pos = pos + offset
                if chars:
                    t.startchar, t.endchar = start_char + s, start_char + e
                yield t
            pos += width
            if is_run and width > 1 and mode in _QUERY_MODES:
                last = _GRAPHEME.findall(text)[-1]
                pending = (fold(last), -1, match.end() - len(last), match.end())


class FoldFilter(Filter):  # type: ignore[misc]
    """A Whoosh filter that folds each token's text by :func:`index.folding.fold`."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t


def keyword_analyzer() -> Any:
    """The analyser of the keyword fields (entity names, category, language): values
    separated by commas, each one term, folded (so ``place:Zürich`` matches an entity
    stored as ``Zu\u0308rich`` and ``ZÜRICH``); Whoosh's comma ``KeywordAnalyzer``
    with :class:`FoldFilter` for its ``LowercaseFilter``."""
    return CommaSeparatedTokenizer() | FoldFilter()
