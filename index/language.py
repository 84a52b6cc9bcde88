"""The language an article is written in, detected at ingest.

Detection is py3langid's (a maintained fork of langid.py: a naive Bayes model of
byte n-grams over 140 languages, Lui & Baldwin 2012), chosen over
lingua-language-detector after measuring both here (see the commit that added
this module): on the 6,793 English news articles of the shared corpora
py3langid took 0.36 ms an article with the reader process at 157 MB, lingua
3.5 ms at 1.3 GB (all its models loaded); both named all of zh, ja, ko, fr, de,
ru, ar, es, th and en right on one-sentence texts.

langid's top guess is not always confident: 3.5% of those English articles (the
tables of Reuters earnings reports, "Shr 32 cts vs 22 cts") came out as Nigerian
Pidgin, Occitan or "no language", all with a probability under 0.74. So a
language is named only when its probability is at least :data:`CONFIDENCE`
(no English article of the corpora reached it for another language) and the
text has at least :data:`MIN_WORDS` words; otherwise the language is unknown,
``None``. Codes are ISO 639-1 (``"en"``, ``"zh"``); langid's few languages that
have only a three-letter code are unknown too, except Cantonese and Wu, which
are written in Chinese characters and count as ``"zh"`` (their probabilities are
added to Mandarin's: a Chinese text with English names in it was 0.84 Mandarin,
0.15 Wu).

The model (about 100 MB in memory with numpy) is loaded on first use only:
opening or searching a library never loads it.
"""

from __future__ import annotations

import threading
from typing import Any

from index.scripts import count_words

__all__ = ["CONFIDENCE", "MIN_WORDS", "detect_language", "may_be_english", "preload"]

#: Lowest probability (0..1, langid's normalised score) at which a language is named.
CONFIDENCE = 0.9
#: Fewer words than this (CJK characters count one each) and the language is unknown.
MIN_WORDS = 5
#: Characters of the text that are looked at (the start of an article is enough).
SAMPLE_CHARS = 3000

_CHINESE = {"yue": "zh", "wuu": "zh"}
_identifier: Any = None
_lock = threading.Lock()
_preloading = False


def _model() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def preload() -> None:
    """Start loading the model in a background thread (0.7 s, mostly decompression, which
    runs beside Python code), so that an add that will need it reads its input meanwhile.
    Does nothing once the model is loaded or loading."""
    global _preloading
    if _identifier is None and not _preloading:
        _preloading = True
        threading.Thread(target=_model, daemon=True, name="langid-load").start()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when it is too
    short (under :data:`MIN_WORDS` words) or no language is likely enough (see the module
    docstring). Never raises for any string."""
    sample = text[:SAMPLE_CHARS]
    if count_words(sample) < MIN_WORDS:
        return None
    scores: dict[str, float] = {}
    for code, probability in _model().rank(sample)[:5]:
        code = _CHINESE.get(code, code)  # Chinese's varieties add up
        scores[code] = scores.get(code, 0.0) + float(probability)
    code, probability = max(scores.items(), key=lambda item: item[1])
    if probability < CONFIDENCE or len(code) != 2:
        return None
    return str(code)


def may_be_english(lang: str | None) -> bool:
    """Whether text of language ``lang`` goes to the English entity model: English, and
    text whose language is unknown (a two-sentence English note is often too short to
    be sure of); not text confidently detected as another language."""
    return lang is None or lang == "en"
