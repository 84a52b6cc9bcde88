"""NER quality on CoNLL-2003 English dev (eng.testa): the bare model against nutgraf's pipeline.

Each document is rebuilt as text (tokens joined by spaces, sentences by new
lines), analysed as a whole so that document-level resolution counts, and
scored with conlleval's exact match: an entity is right only if its first and
last token and (for the typed score) its type are right.

Labels map to CoNLL's four: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/WORK_OF_ART/LAW/LANGUAGE/PRODUCT->MISC; dates and numbers are not
annotated in CoNLL and are dropped.

    uv run python -m bench.ner_eval [--conll PATH] [--limit N] [--ablate]

``--ablate`` also scores nutgraf with each of the entity rules of issue 13 turned
off in turn (see :data:`ABLATIONS`), to show what each contributes.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from index.entities.ner import analyse_texts
from index.entities.resolve import resolve

DEFAULT_CONLL = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ner" / "conll2003" / "eng.testa"
)

TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}

TokenSpan = tuple[int, int, str]  # first token, last token (inclusive), type


@dataclass
class Doc:
    """One CoNLL document: its text, each token's character range, and the gold entities."""

    text: str
    starts: list[int]
    ends: list[int]
    gold: set[TokenSpan]


def load_conll(path: Path) -> list[Doc]:
    """Read an IOB1 CoNLL-2003 file into documents."""
    docs: list[Doc] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_doc() -> None:
        if current:
            sentences.append(list(current))
            current.clear()
        if sentences:
            docs.append(_build(sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush_doc()
        elif not line.strip():
            if current:
                sentences.append(list(current))
                current.clear()
        else:
            parts = line.split()
            current.append((parts[0], parts[-1]))
    flush_doc()
    return docs


def _build(sentences: list[list[tuple[str, str]]]) -> Doc:
    text_parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    tags: list[str] = []
    pos = 0
    for n, sentence in enumerate(sentences):
        if n:
            text_parts.append("\n")
            pos += 1
        for k, (token, tag) in enumerate(sentence):
            if k:
                text_parts.append(" ")
                pos += 1
            starts.append(pos)
            text_parts.append(token)
            pos += len(token)
            ends.append(pos)
            tags.append(tag)
        tags.append("O")  # sentence boundary ends any entity
        starts.append(pos)
        ends.append(pos)
    gold: set[TokenSpan] = set()
    begin, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag[2:] if tag != "O" else ""
        new = tag.startswith("B-") or inside != kind
        if kind and (new or not inside):
            gold.add((begin, i - 1, kind))
            kind = ""
        if inside and (new or not kind):
            begin, kind = i, inside
    return Doc("".join(text_parts), starts, ends, gold)


def to_tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span covers (those starting inside it), or None."""
    first = bisect.bisect_left(doc.starts, start)
    last = bisect.bisect_left(doc.starts, end) - 1
    if first > last or first >= len(doc.starts):
        return None
    return first, last


Predictor = Callable[[Doc, list[tuple[int, int, str]]], list[tuple[int, int, str]]]


def bare(doc: Doc, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's spans as they are."""
    return raw


def nutgraf(doc: Doc, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Every mention of every resolved entity, labelled with its entity's label."""
    return [(s, e, ent.label) for ent in resolve(doc.text, raw) for s, e in ent.mentions]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score(
    docs: Sequence[Doc], raws: Sequence[list[tuple[int, int, str]]], predict: Predictor
) -> dict[str, float]:
    """Typed, untyped and per-type F1 of ``predict`` over ``docs``."""
    typed, untyped = Score(), Score()
    per: dict[str, Score] = {t: Score() for t in ("PER", "ORG", "LOC", "MISC")}
    for doc, raw in zip(docs, raws, strict=True):
        pred: set[TokenSpan] = set()
        for s, e, label in predict(doc, raw):
            kind = TO_CONLL.get(label)
            tokens = to_tokens(doc, s, e) if kind else None
            if kind and tokens:
                pred.add((*tokens, kind))
        for a, b, n in ((pred, doc.gold, typed),):
            n.tp += len(a & b)
            n.fp += len(a - b)
            n.fn += len(b - a)
        pu, gu = {p[:2] for p in pred}, {g[:2] for g in doc.gold}
        untyped.tp += len(pu & gu)
        untyped.fp += len(pu - gu)
        untyped.fn += len(gu - pu)
        for kind, sc in per.items():
            pk = {p for p in pred if p[2] == kind}
            gk = {g for g in doc.gold if g[2] == kind}
            sc.tp += len(pk & gk)
            sc.fp += len(pk - gk)
            sc.fn += len(gk - pk)
    out = {"typed": typed.f1, "untyped": untyped.f1}
    out.update({k: v.f1 for k, v in per.items()})
    return {k: round(v, 4) for k, v in out.items()}


_NEVER = re.compile(r"(?!)")


def _nearest_only(text: str, named: list[tuple[int, Any]]) -> Any:
    return max(named, key=lambda pair: pair[0])[1] if named else None


#: Each rule of issue 13 (names and kinds), as the patches that turn it off:
#: (dotted name, replacement). Measurement only; nothing else uses this.
ABLATIONS: dict[str, list[tuple[str, Any]]] = {
    "titles": [("index.entities.names._titles", lambda text, spans: sorted(spans))],
    "particles": [("index.entities.names._particles", lambda text, spans: spans)],
    "shared surnames": [
        ("index.entities.resolve.nearest_clear", _nearest_only),
        ("index.entities.propagation.nearest_clear", _nearest_only),
    ],
    "parties": [("index.entities.resolve.party_heads", lambda forms, labels: {})],
    "companies": [
        ("index.entities.kinds._ORG_AFTER", _NEVER),
        ("index.entities.kinds._ORG_AFTER_WEAK", _NEVER),
        ("index.entities.kinds._ORG_BEFORE", _NEVER),
    ],
    "sides of a result": [("index.entities.kinds._BETWEEN_SIDES", _NEVER)],
    "numbers after names": [("index.entities.resolve._NAMES_WITHOUT_NUMBERS", frozenset())],
}


@contextlib.contextmanager
def without(*rules: str) -> Iterator[None]:
    """The entity rules named (keys of :data:`ABLATIONS`) turned off, for measuring."""
    with contextlib.ExitStack() as stack:
        for rule in rules:
            for target, value in ABLATIONS[rule]:
                stack.enter_context(mock.patch(target, value))
        yield


def run(
    path: Path = DEFAULT_CONLL, limit: int | None = None, ablate: bool = False
) -> dict[str, dict[str, float]]:
    """Scores of the bare model and of nutgraf on the CoNLL file (and, with ``ablate``,
    of nutgraf without each rule of :data:`ABLATIONS`, and without all of them)."""
    docs = load_conll(path)[:limit]
    started = time.perf_counter()
    raws = analyse_texts([d.text for d in docs])
    ner_s = time.perf_counter() - started
    gold = Counter(g[2] for d in docs for g in d.gold)
    ablations: dict[str, dict[str, float]] = {}
    if ablate:
        for rule in ABLATIONS:
            with without(rule):
                ablations[f"without {rule}"] = score(docs, raws, nutgraf)
        with without(*ABLATIONS):
            ablations["without all"] = score(docs, raws, nutgraf)
    return {
        "bare": score(docs, raws, bare),
        "nutgraf": score(docs, raws, nutgraf),
        **ablations,
        "info": {
            "documents": len(docs),
            "gold_entities": sum(gold.values()),
            "ner_seconds": round(ner_s, 1),
        },
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--ablate", action="store_true", help="score each rule's absence")
    args = parser.parse_args(argv)
    result = run(args.conll, args.limit, args.ablate)
    for name, r in result.items():
        if name == "info":
            continue
        per = "  ".join(f"{k} {r[k]:.3f}" for k in ("PER", "ORG", "LOC", "MISC"))
        print(f"{name:27} typed F1 {r['typed']:.3f}  untyped F1 {r['untyped']:.3f}  |  {per}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
