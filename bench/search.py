"""Search latency: nutgraf's search API against plain Whoosh on the same articles.

Queries are drawn from the corpus itself (fixed seed): single words, two-word
AND, real two-word phrases and entity-field queries. Both sides return the top
20 with snippets: nutgraf through ``Library.search`` (snippet and match offsets
included), plain Whoosh the plain way (stored body, ``hit.highlights``, whose
default fragmenter is the ContextFragmenter). Rounds interleave the two and
alternate which goes first; each query's time is its median over the rounds.
"""

from __future__ import annotations

import itertools
import random
import re
import time
from collections import defaultdict
from pathlib import Path

from bench.common import log, median, percentile

STOP = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "said",
        "says",
        "would",
        "could",
        "will",
        "can",
        "also",
        "has",
        "have",
        "had",
        "not",
        "but",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "about",
        "after",
        "before",
        "over",
        "into",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "just",
        "very",
        "new",
        "one",
        "two",
        "three",
        "first",
        "last",
        "year",
        "years",
        "mr",
        "mrs",
    ]
)
_WORD = re.compile(r"[A-Za-z]{4,}")
KINDS = ("word", "and", "phrase", "entity")


def make_queries(library: Path, count: int, seed: int = 1) -> list[tuple[str, str, str]]:
    """``(kind, nutgraf query, plain-Whoosh query)`` triples drawn from the library."""
    from index.library import Library

    lib = Library.open(library)
    rng = random.Random(seed)
    ids = [a.id for a in lib.articles()]
    wanted = {"word": count // 3, "and": count // 4, "phrase": count // 4}
    wanted["entity"] = count - sum(wanted.values())
    out: list[tuple[str, str, str]] = []
    have: dict[str, int] = defaultdict(int)
    while sum(have.values()) < count:
        article = lib.get(rng.choice(ids))
        assert article is not None
        words = [w.lower() for w in _WORD.findall(article.body) if w.lower() not in STOP]
        kind = rng.choice([k for k in KINDS if have[k] < wanted[k]])
        if kind == "word" and words:
            q = rng.choice(words)
            out.append((kind, q, q))
        elif kind == "and" and len(set(words)) > 2:
            a, b = rng.sample(sorted(set(words)), 2)
            out.append((kind, f"{a} AND {b}", f"{a} AND {b}"))
        elif kind == "phrase":
            tokens = re.findall(r"[A-Za-z]+", article.body)
            pairs = [
                (x.lower(), y.lower())
                for x, y in itertools.pairwise(tokens)
                if len(x) > 3 and len(y) > 3 and x.lower() not in STOP and y.lower() not in STOP
            ]
            if not pairs:
                continue
            x, y = rng.choice(pairs)
            out.append((kind, f'"{x} {y}"', f'"{x} {y}"'))
        elif kind == "entity":
            entities = [
                e
                for e in lib.entities(article.id) or ()
                if e.kind in ("person", "org", "place") and '"' not in e.name
            ]
            if not entities:
                continue
            e = rng.choice(entities)
            out.append((kind, f'{e.kind}:"{e.name}"', f'"{e.name}"'))
        else:
            continue
        have[kind] += 1
    lib.close()
    return out


def run(
    library: Path, plain_index: Path, queries: list[tuple[str, str, str]], rounds: int
) -> dict[str, object]:
    """Time every query on both sides, interleaved, ``rounds`` times."""
    from whoosh import index as whoosh_index
    from whoosh import qparser

    from index.library import Library

    lib = Library.open(library)
    plain = whoosh_index.open_dir(str(plain_index))
    plain_searcher = plain.searcher()
    plain_parser = qparser.MultifieldParser(["title", "body"], plain.schema)

    def ours(q: str) -> int:
        result = lib.search(q, limit=20)
        assert result.error is None, (q, result.error)
        return result.total

    def theirs(q: str) -> int:
        results = plain_searcher.search(plain_parser.parse(q), limit=20)
        for hit in results:
            _ = hit["title"], hit.highlights("body", top=2)
        return len(results)

    for _, q, p in queries[:20]:  # warm both up
        ours(q), theirs(p)
    times: dict[str, list[list[float]]] = {
        "nutgraf": [[] for _ in queries],
        "plain": [[] for _ in queries],
    }
    for r in range(rounds):
        order = list(range(len(queries)))
        random.Random(r).shuffle(order)
        for i in order:
            _, q, p = queries[i]
            pairs = [("nutgraf", ours, q), ("plain", theirs, p)]
            for name, fn, text in pairs if (i + r) % 2 else reversed(pairs):
                start = time.perf_counter()
                fn(text)
                times[name][i].append((time.perf_counter() - start) * 1000)
        log(f"  search round {r + 1}/{rounds} done")
    per = {name: [median(ts) for ts in runs] for name, runs in times.items()}
    report: dict[str, object] = {}
    for name, values in per.items():
        report[name] = {"all": _stats(values)}
        for kind in KINDS:
            report[name][kind] = _stats(
                [v for v, (k, _, _) in zip(values, queries, strict=True) if k == kind]
            )  # type: ignore[index]
    ours_p95 = percentile(per["nutgraf"], 95)
    theirs_p95 = percentile(per["plain"], 95)
    report["search_p95_ms"] = round(ours_p95, 1)
    report["plain_p95_ms"] = round(theirs_p95, 1)
    report["search_ratio_p95"] = round(ours_p95 / theirs_p95, 3)
    report["segments"] = len(lib.ix._segments())
    plain_searcher.close()
    lib.close()
    return report


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 50), 1),
        "p95_ms": round(percentile(values, 95), 1),
        "max_ms": round(max(values), 1) if values else float("nan"),
    }


def plain_index_size(folder: Path) -> int:
    """Bytes of the plain Whoosh index."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def query_file(queries: list[tuple[str, str, str]], path: Path) -> Path:
    """Write the nutgraf queries, one per line, for the reader benchmark."""
    path.write_text("\n".join(q for _, q, _ in queries) + "\n", encoding="utf-8")
    return path
