"""Sentence segmenters compared: boundary accuracy on a hand-checked gold set, and speed.

The gold set (``bench/sentences_gold.json``) has two parts: paragraphs of the news
corpus (Reuters and BBC, chosen for their abbreviations, decimals, initials,
ellipses and quotations; read in place from ``../shared/corpora/news`` by record id
and paragraph number, never copied) with the offsets where a sentence starts,
checked by hand; and paragraphs written for nutgraf, sentence by sentence, with
the hard cases (``U.S.``, ``Mr.``, ``Gen.``, ``Jan.``, ``No. 10``, ``3.5 per
cent``, ``J. K. Rowling``, ellipses, quotes after a full stop) and a few other
languages.

A boundary is the offset where a sentence starts (after the first of its
paragraph); precision, recall and F1 are over all boundaries, and "paragraphs
right" counts the paragraphs segmented exactly. Speed is characters per second on
the bodies of the first ``--articles`` BBC stories, split into paragraphs, after
one warm-up pass.

    uv run python -m bench.sentences [--articles N]
    uv run --with pysbd --with sentencex --with syntok python -m bench.sentences

Candidates whose package is not installed are left out (pysbd, sentencex and
syntok are not dependencies of nutgraf; add them with ``uv run --with``).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.common import SHARED

GOLD = Path(__file__).with_name("sentences_gold.json")
Segmenter = Callable[[str, str], list[int]]

# nutgraf's rule before stored sentences (and its fallback for articles that have none).
_HEURISTIC = re.compile(r"[.!?…][\"'”’)\]]*\s+|[。！？｡][」』”’）)]*\s*")


def heuristic(text: str, lang: str) -> list[int]:
    return [m.end() for m in _HEURISTIC.finditer(text)]


def nutgraf(text: str, lang: str) -> list[int]:
    from index.sentences import paragraph_starts

    return paragraph_starts(text, lang)


def _spacy_starts(nlp: Any) -> Segmenter:
    def segment(text: str, lang: str) -> list[int]:
        return [s.start_char for s in nlp(text).sents]

    return segment


def sentencizer() -> Segmenter:
    import spacy

    pipes: dict[str, Any] = {}

    def segment(text: str, lang: str) -> list[int]:
        if lang not in pipes:
            try:
                nlp = spacy.blank(lang)
            except Exception:  # a language whose tokenizer needs another package
                nlp = spacy.blank("xx")
            nlp.add_pipe("sentencizer")
            pipes[lang] = nlp
        return [s.start_char for s in pipes[lang](text).sents]

    return segment


def english_model(component: str) -> Segmenter:
    import spacy

    from index.entities.ner import MODEL

    keep = {"senter": ["tok2vec", "senter"], "parser": ["tok2vec", "parser"]}[component]
    nlp = spacy.load(MODEL, exclude=[p for p in _ALL_PIPES if p not in keep])
    if component == "senter":
        nlp.enable_pipe("senter")
    return _spacy_starts(nlp)


_ALL_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter")


def pysbd_segmenter() -> Segmenter:
    import pysbd

    segs: dict[str, Any] = {}

    def segment(text: str, lang: str) -> list[int]:
        if lang not in segs:
            try:
                segs[lang] = pysbd.Segmenter(language=lang, clean=False, char_span=True)
            except ValueError:
                segs[lang] = pysbd.Segmenter(language="en", clean=False, char_span=True)
        return [s.start for s in segs[lang].segment(text)]

    return segment


def _find_starts(text: str, pieces: Sequence[str]) -> list[int]:
    starts, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:
            continue
        starts.append(at)
        pos = at + len(piece)
    return starts


def sentencex_segmenter() -> Segmenter:
    import sentencex

    return lambda text, lang: _find_starts(text, list(sentencex.segment(lang, text)))


def syntok_segmenter() -> Segmenter:
    import syntok.segmenter as syntok

    def segment(text: str, lang: str) -> list[int]:
        return [sentence[0].offset for paragraph in syntok.analyze(text) for sentence in paragraph]

    return segment


CANDIDATES: dict[str, Callable[[], Segmenter]] = {
    "heuristic (before)": lambda: heuristic,
    "nutgraf (index.sentences)": lambda: nutgraf,
    "spaCy sentencizer": sentencizer,
    "spaCy senter (en)": lambda: english_model("senter"),
    "spaCy parser (en)": lambda: english_model("parser"),
    "pysbd": pysbd_segmenter,
    "sentencex": sentencex_segmenter,
    "syntok": syntok_segmenter,
}
ENGLISH_ONLY = {"spaCy senter (en)", "spaCy parser (en)", "syntok"}


def boundaries(text: str, starts: Sequence[int]) -> set[int]:
    """Sentence starts after the first non-space character, moved past white space."""
    first = len(text) - len(text.lstrip())
    out = set()
    for at in starts:
        while at < len(text) and text[at].isspace():
            at += 1
        if first < at < len(text):
            out.add(at)
    return out


def load_gold(corpus_dir: Path) -> list[tuple[str, str, set[int]]]:
    """(language, paragraph, gold boundaries) for every gold paragraph."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    wanted: dict[tuple[str, str], list[tuple[int, list[int]]]] = {}
    for item in gold["corpus"]:
        wanted.setdefault((item["file"], item["id"]), []).append(
            (item["paragraph"], item["starts"])
        )
    out: list[tuple[str, str, set[int]]] = []
    for file in sorted({f for f, _ in wanted}):
        with (corpus_dir / file).open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                for number, starts in wanted.get((file, record["id"]), ()):
                    out.append(("en", record["text"].split("\n\n")[number], set(starts)))
    for lang, paragraphs in gold["written"].items():
        for sentences in paragraphs:
            text = " ".join(sentences)
            starts, at = set(), 0
            for sentence in sentences[:-1]:
                at += len(sentence) + 1
                starts.add(at)
            out.append((lang, text, starts))
    return out


def score(segment: Segmenter, gold: list[tuple[str, str, set[int]]]) -> dict[str, Any]:
    tp = fp = fn = right = 0
    errors: list[str] = []
    for lang, text, want in gold:
        got = boundaries(text, segment(text, lang))
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        right += got == want
        for at in sorted(got ^ want):
            kind = "extra" if at in got else "missed"
            before, after = text[max(0, at - 30) : at], text[at : at + 20]
            errors.append(f"{kind:6} {lang} …{before!r} | {after!r}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "right": right, "of": len(gold), "errors": errors}


def speed(segment: Segmenter, paragraphs: Sequence[str]) -> float:
    """Characters per second over ``paragraphs`` (after one warm-up paragraph)."""
    segment(paragraphs[0], "en")
    begin = time.perf_counter()
    for text in paragraphs:
        segment(text, "en")
    return sum(map(len, paragraphs)) / (time.perf_counter() - begin)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sentences", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SHARED / "news")
    parser.add_argument("--articles", type=int, default=150, help="BBC stories for the speed")
    parser.add_argument("--errors", action="store_true", help="list every wrong boundary")
    args = parser.parse_args(argv)
    gold = load_gold(args.corpus)
    english = [g for g in gold if g[0] == "en"]
    with (args.corpus / "bbc.jsonl").open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines)
        bodies = [r["text"] for _, r in zip(range(args.articles), records, strict=False)]
    paragraphs = [p for body in bodies for p in body.split("\n\n") if p.strip()]
    figures: dict[str, dict[str, Any]] = {}
    print(f"{len(english)} English paragraphs ({sum(len(g[2]) for g in english)} boundaries),")
    print(f"{len(gold) - len(english)} in other languages; speed on {len(paragraphs)} paragraphs")
    print(
        f"{'segmenter':28} {'en P':>6} {'en R':>6} {'en F1':>6} {'right':>7} "
        f"{'all F1':>7} {'right':>7} {'k chars/s':>10}"
    )
    for name, make in CANDIDATES.items():
        try:
            segment = make()
        except ImportError:
            continue
        en = score(segment, english)
        every = None if name in ENGLISH_ONLY else score(segment, gold)
        rate = speed(segment, paragraphs)
        figures[name] = {"en": en, "all": every, "chars_per_s": rate}
        all_f1 = f"{every['f1']:7.3f} {every['right']:3}/{every['of']:<3}" if every else " " * 15
        print(
            f"{name:28} {en['p']:6.3f} {en['r']:6.3f} {en['f1']:6.3f} "
            f"{en['right']:3}/{en['of']:<3} {all_f1} {rate / 1000:10.0f}"
        )
        if args.errors:
            for line in (every or en)["errors"]:
                print("    " + line)
    summary = {
        name: {
            "en_f1": round(f["en"]["f1"], 4),
            "all_f1": round(f["all"]["f1"], 4) if f["all"] else None,
            "chars_per_s": round(f["chars_per_s"]),
        }
        for name, f in figures.items()
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
