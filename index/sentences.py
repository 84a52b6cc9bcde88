"""Where the sentences of an article's body start: found once, when the article goes in.

The segmenter is spaCy's rule-based ``sentencizer`` on spaCy's tokenizer for the
article's language (``spacy.blank(lang)``). The tokenizer's exceptions keep
"U.S.", "Mr.", "Gen.", "Jan.", "p.m.", initials ("J.") and decimals ("3.5") as one
token, so their full stops end no sentence; the sentencizer ends a sentence at a
token that is a stop (``. ! ?``, ``。 ！ ？`` and the stops of other scripts), after any
punctuation that follows it (closing quotes and brackets).
``uv run python -m bench.sentences`` measures it against the statistical
``senter`` and the parser of the English model, pysbd, sentencex, syntok and the
old rule on a hand-checked gold set (its docstring says how; the README has the
figures). The sentencizer's stops hold no ellipsis (``…`` or ``...``), which is
right for news, where one mostly marks words left out of a quotation and the
sentence goes on. On top of spaCy, three rules:

* an opening quote after a stop (``... in 2004. "In 2004, our ...``) starts the
  next sentence, where the sentencizer gives it to the previous one (so does
  Spanish ``¿`` or ``¡``);
* a stop followed by a comma, a semicolon or a colon (``Shall We Dance?,
  starring``) ends no sentence;
* the English tokenizer also keeps ``No.`` (``No. 10``), military ranks and a few
  other abbreviations of news text whole (:data:`ENGLISH_ABBREVIATIONS`; spaCy's
  own list has ``Gen.`` and ``Sen.`` but not ``Lt.`` or ``No.``).

A wire-service dateline that opens a paragraph (``TOKYO, June 4 (Reuters) - ``)
is not part of the story's first sentence (:data:`_DATELINE`).

Text in Chinese, Japanese and the other scripts without spaces between words is
tokenized a character at a time (spaCy's Chinese tokenizer,
``segmenter = "char"``), so that ``。`` between two characters is a token of its own.

Offsets are Python character offsets into the body; a paragraph (line) break
always ends a sentence and is not stored (see
:func:`index.fulltext.snippet.sentence_around`). spaCy is imported only inside the
functions that find sentences, which only adding and rebuilding call: reading a
library uses :func:`decode_starts` alone and never loads spaCy.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = [
    "ENGLISH_ABBREVIATIONS",
    "decode_starts",
    "encode_starts",
    "paragraph_starts",
    "sentence_starts",
]

#: Abbreviations kept whole by the English tokenizer besides spaCy's own (which has
#: Mr. Mrs. Ms. Dr. Gen. Sen. Rep. Gov. Prof. Rev. St. Co. Corp. Inc. Ltd. Jr. the
#: months and the US states): those that news text puts before a name or a number.
ENGLISH_ABBREVIATIONS = (
    *("No.", "Nos.", "Lt.", "Col.", "Capt.", "Sgt.", "Maj.", "Cmdr.", "Cpl.", "Pte."),
    *("Pres.", "Supt.", "Insp.", "Det.", "Hon.", "Sr.", "Fr.", "Msgr.", "approx.", "Dept."),
    *("Gens.", "Reps.", "Sens.", "Figs.", "Fig.", "Vol.", "Ave.", "Blvd.", "Rd.", "Mt."),
)

#: Languages whose text is tokenized a character at a time (no spaces between words).
_BY_CHARACTER = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo", "wuu", "yue"})
#: Opening quotes (and Spanish opening marks): after a stop and a space, such a mark
#: starts the next sentence.
_OPENING = frozenset("\"'“‘«„‚¿¡")
#: After a stop, these say that the sentence goes on ("Shall We Dance?, starring ...").
_GOES_ON = frozenset(",;:")

#: A wire-service dateline opening a paragraph: the place in capitals, then perhaps a date
#: and the agency in brackets, then a dash (``TOKYO, June 4 (Reuters) - ``,
#: ``WASHINGTON (AP) — ``). The story's first sentence starts after it.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\- ]*[A-Z.]"  # the place
    r"(?:, (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?"  # the day
    r"(?: ?\([^\n()]{1,40}\))?"  # the agency
    r" (?:--?|–|—) (?=\S)"
)

_pipelines: dict[str, Any] = {}
_lock = threading.Lock()


def _pipeline(lang: str | None) -> Any:
    """The tokenizer-and-sentencizer pipeline for ``lang`` (made once per process)."""
    key = "en" if lang in (None, "en") else "zh" if lang in _BY_CHARACTER else lang
    with _lock:
        nlp = _pipelines.get(key)
        if nlp is None:
            nlp = _pipelines[key] = _make_pipeline(key)
    return nlp


def _make_pipeline(lang: str) -> Any:
    import spacy
    from spacy.symbols import ORTH

    try:
        nlp = spacy.blank(lang)
    except Exception:  # no such language in spaCy, or its tokenizer needs another package
        nlp = spacy.blank("xx")
    if lang == "en":
        tokenizer: Any = nlp.tokenizer
        for abbreviation in ENGLISH_ABBREVIATIONS:
            tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8  # only the tokenizer runs: no model's memory to bound
    return nlp


def _doc_starts(doc: Any) -> Iterator[int]:
    """Character offsets in ``doc`` where a sentence starts, after the first."""
    for sent in doc.sents:
        start = sent.start
        if start == 0:
            continue
        before = doc[start - 1]
        if before.text in _GOES_ON:
            continue  # a title or an abbreviation ended in a stop, then a comma
        if (
            before.text in _OPENING
            and not before.whitespace_
            and start >= 2
            and doc[start - 2].whitespace_
        ):
            start -= 1  # a quote that opens this sentence, given to the previous one
        yield doc[start].idx


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of ``text`` that holds more than white space."""
    at = 0
    for line in text.split("\n"):
        if line.strip():
            yield at, line
        at += len(line) + 1


def paragraph_starts(text: str, lang: str | None = "en") -> list[int]:
    """Offsets in ``text`` (one paragraph, or any text) where a sentence starts after its
    first, found by the pipeline for ``lang`` (ISO 639-1, None: English)."""
    return list(_doc_starts(_pipeline(lang)(text)))


def sentence_starts(
    bodies: Sequence[str], langs: Sequence[str | None], batch_size: int = 256
) -> list[list[int]]:
    """For each body, the character offsets where a sentence starts inside a line (a line
    break always ends a sentence and is not listed), in order.

    ``langs`` are the bodies' languages (ISO 639-1, None when unknown: read as English).
    This is the one place sentences are found: adding and rebuilding both call it.
    """
    out: list[list[int]] = [[] for _ in bodies]
    by_lang: dict[str | None, list[tuple[int, int, str]]] = {}
    for i, (body, lang) in enumerate(zip(bodies, langs, strict=True)):
        for offset, line in _paragraphs(body):
            by_lang.setdefault(lang, []).append((i, offset, line))
    for lang, lines in by_lang.items():
        docs = _pipeline(lang).pipe((line for _, _, line in lines), batch_size=batch_size)
        for (i, offset, line), doc in zip(lines, docs, strict=True):
            dateline = _DATELINE.match(line)
            if dateline:
                out[i].append(offset + dateline.end())
            out[i].extend(offset + start for start in _doc_starts(doc))
    return [sorted(set(starts)) for starts in out]


def encode_starts(starts: Sequence[int]) -> str:
    """The stored form of sentence starts: the gaps between them, in decimal, joined by
    commas (``[12, 40]`` -> ``"12,28"``; ``""`` for none)."""
    gaps, last = [], 0
    for start in starts:
        gaps.append(start - last)
        last = start
    return ",".join(map(str, gaps))


def decode_starts(stored: str) -> list[int]:
    """Inverse of :func:`encode_starts`; raises ValueError for a malformed value."""
    starts, at = [], 0
    for gap in stored.split(",") if stored else ():
        at += int(gap)
        starts.append(at)
    return starts
