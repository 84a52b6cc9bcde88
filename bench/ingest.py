"""Ingest: a full add against the bare libraries, re-adds, memory and index size.

The work of an add cannot take less than (T_ner + T_whoosh) / 2 on two cores:
NER and indexing, perfectly shared. The ratio of the real add to that bound
is what the target is about.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Corpus, change_fraction, log, median, python, run_timed


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass
class IngestResult:
    """Every ingest figure, medians over the rounds."""

    articles: int
    words: int
    t_add: list[float] = field(default_factory=list)
    t_ner: list[float] = field(default_factory=list)
    t_whoosh: list[float] = field(default_factory=list)
    t_readd: list[float] = field(default_factory=list)
    t_changed: list[float] = field(default_factory=list)
    changed: int = 0
    add_peak_mb: list[float] = field(default_factory=list)
    index_bytes: int = 0
    store_bytes: int = 0
    bare_index_bytes: int = 0

    def figures(self) -> dict[str, float]:
        t_add, t_ner, t_whoosh = median(self.t_add), median(self.t_ner), median(self.t_whoosh)
        bound = (t_ner + t_whoosh) / 2
        ner_changed = t_ner * self.changed / max(1, self.articles)
        return {
            "articles": self.articles,
            "words": self.words,
            "t_add_s": round(t_add, 1),
            "t_ner_s": round(t_ner, 1),
            "t_whoosh_s": round(t_whoosh, 1),
            "ingest_ratio": round(t_add / bound, 3),
            "articles_per_s": round(self.articles / t_add, 1),
            "words_per_s": round(self.words / t_add),
            "t_readd_s": round(median(self.t_readd), 2),
            "readd_fraction": round(median(self.t_readd) / t_add, 4),
            "t_changed_s": round(median(self.t_changed), 2),
            "changed_articles": self.changed,
            "changed_budget_s": round(0.05 * t_add + ner_changed, 2),
            # the 1% run against its budget (5% of the first add plus the changed ones' NER)
            "changed_ratio": round(median(self.t_changed) / (0.05 * t_add + ner_changed), 3),
            "changed_fraction": round(median(self.t_changed) / t_add, 4),
            "ingest_rss_mb": round(max(self.add_peak_mb), 1),
            "index_bytes_per_article": round(self.index_bytes / self.articles),
            "index_bytes_per_word": round(self.index_bytes / self.words, 1),
            "bare_index_bytes_per_article": round(self.bare_index_bytes / self.articles),
            "store_bytes_per_article": round(self.store_bytes / self.articles),
        }


def run(corpus: Corpus, work: Path, rounds: int) -> tuple[IngestResult, Path]:
    """Measure ingest; returns the figures and the path of a complete nutgraf library."""
    texts = corpus.texts()
    texts_file = work / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    result = IngestResult(
        articles=len(texts), words=sum(len(t.split()) + len(b.split()) for t, b in texts)
    )
    log(f"ingest: {result.articles:,} articles, {result.words:,} words, {rounds} rounds")
    library = work / "library"
    files = [str(f) for f in corpus.files]

    def add() -> None:
        shutil.rmtree(library, ignore_errors=True)
        run = run_timed(python("-m", "cli", "--library", str(library), "add", *files, "--json"))
        assert run.code in (0, 1), "nutgraf add failed"
        result.t_add.append(run.seconds)
        result.add_peak_mb.append(run.peak_mb)
        log(f"  nutgraf add      {run.seconds:7.1f} s  peak {run.peak_mb:6.0f} MB")

    def ner() -> None:
        run = run_timed(python("-m", "bench.baselines", "ner", str(texts_file)))
        result.t_ner.append(run.seconds)
        log(f"  bare spaCy NER   {run.seconds:7.1f} s")

    def whoosh() -> None:
        bare = work / "bare-index"
        shutil.rmtree(bare, ignore_errors=True)
        run = run_timed(python("-m", "bench.baselines", "whoosh", str(texts_file), str(bare)))
        result.t_whoosh.append(run.seconds)
        result.bare_index_bytes = _size(bare)
        log(f"  bare Whoosh      {run.seconds:7.1f} s")

    contenders = [add, ner, whoosh]
    for n in range(rounds):
        for contender in contenders[n % 3 :] + contenders[: n % 3]:  # a different order each round
            contender()
    # The last add left a complete library: measure it, then re-add.
    result.index_bytes = _size(library / "index")
    result.store_bytes = (library / "library.db").stat().st_size
    for _ in range(rounds):
        run = run_timed(python("-m", "cli", "--library", str(library), "add", *files, "--json"))
        result.t_readd.append(run.seconds)
        log(f"  re-add unchanged {run.seconds:7.2f} s")
    for n in range(rounds):
        result.changed = change_fraction(corpus, 0.01, seed=n)
        run = run_timed(python("-m", "cli", "--library", str(library), "add", *files, "--json"))
        report = json.loads(run.stdout)
        assert len(report["updated"]) + len(report["added"]) >= result.changed * 0.9, report
        result.t_changed.append(run.seconds)
        log(f"  re-add 1% changed {run.seconds:6.2f} s  ({result.changed} articles)")
    return result, library
