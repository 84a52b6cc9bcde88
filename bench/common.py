"""Shared pieces of the benchmarks: the corpus, timing, process-tree memory, percentiles.

The machine is small (2 cores) and noisy, so every comparison runs its
contenders interleaved in one run, several times, and reports medians and
ratios; every timed program runs as a fresh process so that no cache carries
over from one contender to the other.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
DEFAULT_CORPUS = SHARED / "news"


def log(message: str) -> None:
    """Progress for the person watching (stderr, so stdout ends with the JSON line)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else float("nan")


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Run:
    """One timed program: wall seconds, peak RSS of its whole process tree, output."""

    seconds: float
    peak_mb: float
    stdout: str
    code: int


def run_timed(argv: Sequence[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """Run a program, timing it and sampling the summed RSS of its process tree.

    ``env`` is the whole environment (default: this process's)."""
    full_env = {**(os.environ if env is None else env), "UV_PYTHON_DOWNLOADS": "never"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_rss_kb(p) for p in _tree(proc.pid)))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate(timeout=timeout)
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    return Run(seconds, peak / 1024, out, proc.returncode)


def python(*args: str) -> list[str]:
    """The argv that runs this Python with ``args``."""
    return [sys.executable, *args]


@dataclass
class Corpus:
    """The benchmark's copy of the corpus: JSON Lines files in a scratch folder."""

    files: list[Path]
    records: int

    def texts(self) -> list[tuple[str, str]]:
        """(title, cleaned body) of every unique article, as nutgraf reads them."""
        from index.article import Article
        from index.readers.dispatch import read_input
        from index.readers.sources import file_input

        seen: dict[str, tuple[str, str]] = {}
        for path in self.files:
            for item in read_input(file_input(path)):
                if isinstance(item, Article):
                    seen.setdefault(item.id, (item.title, item.body))
        return list(seen.values())


def prepare_corpus(source: Path, work: Path, limit: int | None) -> Corpus:
    """Copy the corpus (JSON Lines files) into ``work``, or a spread sample of ``limit`` records."""
    files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
    work.mkdir(parents=True, exist_ok=True)
    if limit is None:
        copies = []
        count = 0
        for f in files:
            target = work / f.name
            shutil.copyfile(f, target)
            copies.append(target)
            count += sum(1 for line in target.open(encoding="utf-8") if line.strip())
        return Corpus(copies, count)
    lines = [line for f in files for line in f.open(encoding="utf-8") if line.strip()]
    step = max(1, len(lines) // limit)
    sample = lines[::step][:limit]
    target = work / "sample.jsonl"
    target.write_text("".join(sample), encoding="utf-8")
    return Corpus([target], len(sample))


def change_fraction(corpus: Corpus, fraction: float, seed: int) -> int:
    """Change the text of ``fraction`` of the records in place; returns how many."""
    rng = random.Random(seed)
    changed = 0
    for path in corpus.files:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        picks = rng.sample(range(len(lines)), max(1, round(len(lines) * fraction)))
        for i in picks:
            record = json.loads(lines[i])
            record["text"] = (
                record.get("text", "")
                + f"\n\nCorrection {seed}: an earlier version misstated a figure."
            )
            lines[i] = json.dumps(record, ensure_ascii=False) + "\n"
            changed += 1
        path.write_text("".join(lines), encoding="utf-8")
    return changed
