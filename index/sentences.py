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
sentence goes on. On top of spaCy, four rules:

* an opening quote after a stop (``... in 2004. "In 2004, our ...``) starts the
  next sentence, where the sentencizer gives it to the previous one (so does
  Spanish ``¿`` or ``¡``);
* a clock abbreviation followed by a word that opens sentences (``at 10 a.m. The``,
  ``at 10 a.m. Mr. Kishida``, but not ``at 10 a.m. Monday``) ends a sentence, which the
  tokenizer's whole ``a.m.`` token never does (:func:`_clock_ends`);
* a stop followed by a comma, a semicolon or a colon (``Shall We Dance?,
  starring``) ends no sentence, nor does a full stop followed by a word in lower case
  (``nuts, etc. were sold``: the orthographic evidence of Kiss and Strunk's Punkt, a
  sentence of cased text opens with a capital), nor a question or exclamation mark
  and a closing quote before one (``"Is it over?" asked Mr. Kishida``);
* the full stop of ``No.`` (``No. 10``), of military ranks and of a few other
  abbreviations of news text ends no sentence either (:data:`ENGLISH_ABBREVIATIONS`;
  spaCy's tokenizer keeps ``Gen.`` and ``Sen.`` whole, but not ``Lt.`` or ``No.``).
  This is a rule on the tokens rather than more tokenizer exceptions, so that the
  tokens of the entity pass, which must stay as the model was trained on, serve
  too (:func:`doc_starts`).

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
    "doc_starts",
    "encode_starts",
    "paragraph_starts",
    "sentence_starts",
]

#: Abbreviations whose full stop ends no sentence besides those spaCy's English tokenizer
#: keeps whole (Mr. Mrs. Ms. Dr. Gen. Sen. Rep. Gov. Prof. Rev. St. Co. Corp. Inc. Ltd.
#: Jr. the months and the US states): those that news text puts before a name or a number.
ENGLISH_ABBREVIATIONS = (
    *("No.", "Nos.", "Lt.", "Col.", "Capt.", "Sgt.", "Maj.", "Cmdr.", "Cpl.", "Pte."),
    *("Pres.", "Supt.", "Insp.", "Det.", "Hon.", "Sr.", "Fr.", "Msgr.", "approx.", "Dept."),
    *("Gens.", "Reps.", "Sens.", "Figs.", "Fig.", "Vol.", "Ave.", "Blvd.", "Rd.", "Mt."),
    *("Pvt.", "Atty.", "Brig.", "Cdr.", "Spc.", "Asst.", "Ft.", "Gen.", "Sgts.", "Cpls."),
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

#: Closing quotes and brackets, which the sentencizer gives to the sentence they close.
_CLOSING = frozenset("\"'”’»)]")
#: Clock abbreviations that end a sentence as often as not ("at 10 a.m. Mr. Kishida
#: then met ..."; "at 10 a.m. Monday" goes on).
_CLOCK = frozenset({"a.m.", "p.m.", "A.M.", "P.M."})
#: After a clock abbreviation, words that open a sentence: pronouns and determiners
#: (Punkt's frequent sentence starters, Kiss and Strunk 2006), and titles when a
#: capitalised name follows ("Mr. Kishida", "Dr Brown").
_STARTERS = frozenset(
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That",
        "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "But", "And", "Then",
    }
)  # fmt: skip
_TITLES = frozenset(
    {
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.",
        "Mr", "Mrs", "Ms", "Dr", "Prof", "President", "Prime",
    }
)  # fmt: skip

_pipelines: dict[str, Any] = {}
_sentencizer: Any = None
_lock = threading.Lock()
_ABBREVIATIONS = frozenset(a[:-1] for a in ENGLISH_ABBREVIATIONS)


def _pipeline(lang: str | None) -> Any:
    """The tokenizer-and-sentencizer pipeline for ``lang`` (made once per process)."""
    key = "en" if lang in (None, "en") else "zh" if lang in _BY_CHARACTER else lang
    with _lock:
        nlp = _pipelines.get(key)
        if nlp is None:
            import spacy

            try:
                nlp = spacy.blank(key)
            except Exception:  # no such language in spaCy, or its tokenizer needs a package
                nlp = spacy.blank("xx")
            nlp.add_pipe("sentencizer")
            nlp.max_length = 10**8  # only the tokenizer runs: no model's memory to bound
            _pipelines[key] = nlp
    return nlp


def _doc_starts(doc: Any) -> Iterator[int]:
    """Character offsets in ``doc`` (its sentences set by the sentencizer) where a
    sentence starts inside a line, after the rules of the module docstring."""
    for sent in doc.sents:
        start = sent.start
        while start < len(doc) and doc[start].is_space and "\n" not in doc[start].text:
            start += 1  # the sentencizer starts a sentence at the extra space of ".  The"
        if start == len(doc) or doc[start].is_space:
            continue
        last = start - 1  # the last word or mark before the sentence
        while last >= 0 and doc[last].is_space:
            last -= 1
        if last < 0 or any("\n" in doc[k].text for k in range(last + 1, start)):
            continue  # a line's start: a line break ends a sentence anyway
        before = doc[start - 1]
        if before.text in _GOES_ON:
            continue  # a title or an abbreviation ended in a stop, then a comma
        if (
            before.text == "."
            and start >= 2
            and not doc[start - 2].whitespace_
            and doc[start - 2].text in _ABBREVIATIONS
        ):
            continue  # "No. 10", "Lt. Col. Ward"
        if doc[start].text[0].islower() and _stop_before(doc, start):
            continue  # "nuts, etc. were sold", '"Is it over?" asked': no sentence opens so
        if (
            before.text in _OPENING
            and not before.whitespace_
            and start >= 2
            and doc[start - 2].whitespace_
        ):
            start -= 1  # a quote that opens this sentence, given to the previous one
        yield doc[start].idx


def _stop_before(doc: Any, start: int) -> bool:
    """A full stop ends the token before ``start``, or a question or exclamation mark
    ends it with a closing quote or bracket after the mark ('"No!" shouted Smith')."""
    k = start - 1
    if doc[k].text.endswith("."):
        return True
    while k > 0 and doc[k].text in _CLOSING:
        k -= 1
    return k < start - 1 and doc[k].text in ("?", "!")


def _clock_ends(doc: Any) -> Iterator[int]:
    """Sentence starts after a clock abbreviation that ends a sentence: the next word
    opens sentences (:data:`_STARTERS`), or is a title with a capitalised name after it
    ("He arrived at 10 a.m. Mr. Kishida then met Dr. Brown."). The sentencizer never
    ends a sentence there, since the tokenizer keeps "a.m." whole."""
    for k in range(len(doc) - 1):
        token = doc[k]
        if token.text not in _CLOCK or not token.whitespace_:
            continue
        nxt = doc[k + 1]
        after = doc[k + 2].text if k + 2 < len(doc) else ""
        if nxt.text in _STARTERS or (nxt.text in _TITLES and after[:1].isupper()):
            yield nxt.idx


def _datelines(text: str) -> Iterator[int]:
    """Where the story starts after a dateline that opens a line of ``text``."""
    at = 0
    for line in text.split("\n"):
        dateline = _DATELINE.match(line)
        if dateline:
            yield at + dateline.end()
        at += len(line) + 1


def doc_starts(doc: Any, text: str, offset: int = 0) -> list[int]:
    """Sentence starts of ``text`` (at ``offset`` in its body) from ``doc``, spaCy's
    tokens of ``text`` made by the English model's tokenizer for another purpose (the
    entity pass of :mod:`index.entities.ner`): the sentencizer runs on those tokens, so
    the text is not tokenized twice. Gives what :func:`sentence_starts` gives for English
    (the model's tokenizer is spaCy's English one)."""
    global _sentencizer
    if _sentencizer is None:
        from spacy.pipeline import Sentencizer

        _sentencizer = Sentencizer()
    _sentencizer(doc)
    starts = {*_doc_starts(doc), *_clock_ends(doc), *_datelines(text)}
    return sorted(offset + start for start in starts)


def sentence_starts(
    bodies: Sequence[str], langs: Sequence[str | None], batch_size: int = 256
) -> list[list[int]]:
    """For each body, the character offsets where a sentence starts inside a line (a line
    break always ends a sentence and is not listed), in order.

    ``langs`` are the bodies' languages (ISO 639-1, None when unknown: read as English).
    The one function that finds the sentences of whole bodies: rebuilding calls it
    (:func:`index.commit.fill_sentences`), and so does adding for every article the
    entity pass did not read (another language, no entity analysis, past its
    ``MAX_CHARS``); for those it read, :func:`doc_starts` gives the same offsets from
    the pass's own tokens.
    """
    out: list[list[int]] = [[] for _ in bodies]
    by_lang: dict[str | None, list[tuple[int, int, str]]] = {}
    for i, (body, lang) in enumerate(zip(bodies, langs, strict=True)):
        at = 0
        for line in body.split("\n"):
            if line.strip():
                by_lang.setdefault(lang, []).append((i, at, line))
            at += len(line) + 1
    for lang, lines in by_lang.items():
        docs = _pipeline(lang).pipe((line for _, _, line in lines), batch_size=batch_size)
        for (i, offset, line), doc in zip(lines, docs, strict=True):
            starts = {*_doc_starts(doc), *_clock_ends(doc), *_datelines(line)}
            out[i].extend(offset + start for start in sorted(starts))
    return out


def paragraph_starts(text: str, lang: str | None = "en") -> list[int]:
    """:func:`sentence_starts` of one text (for tools and the benchmark)."""
    return sentence_starts([text], [lang])[0]


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
