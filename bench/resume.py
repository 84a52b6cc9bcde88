"""Resume: what an interrupted add costs once it is run again (issue 16, item 4).

    uv run python -m bench.resume --corpus FILE [--limit N] [--rounds N] [--at 0.5] [--keep DIR]

Three contenders, interleaved (a different order each round), each in fresh processes
on a fresh library: an uninterrupted ``nutgraf add``; an add killed with SIGKILL once
about half of the corpus is committed (``--at``), then the same command again; the same
with SIGINT to the add's process group (a Ctrl-C at the terminal). The extra work of a
resume is the time of the interrupted run up to its end plus its rerun, less the
uninterrupted add's::

    resume_extra_fraction = (t_until_killed + t_rerun - t_whole) / t_whole

(medians over the rounds). It holds what a kill throws away (the batches analysed but not
committed, see ``index.batches.BATCH_SHARE``), starting a second process and loading the
entity model again, and reading, hashing and passing over what is already in. The issue's
target is under 5% for a long add; the part thrown away shrinks with the add's length
(batches are 1% of it, at least 1,000 articles), the rest is seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, Corpus, log, median, prepare_corpus, python, run_timed

__all__ = ["ResumeResult", "main", "run"]


@dataclass
class ResumeResult:
    """Wall seconds of each contender, one entry per round."""

    articles: int
    at: float
    t_whole: list[float] = field(default_factory=list)
    t_killed: list[float] = field(default_factory=list)  # SIGKILL: start to death
    t_killed_rerun: list[float] = field(default_factory=list)
    t_sigint: list[float] = field(default_factory=list)  # SIGINT: start to its exit
    t_sigint_rerun: list[float] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # articles committed when interrupted

    def figures(self) -> dict[str, float]:
        whole = median(self.t_whole)
        kill = median([a + b for a, b in zip(self.t_killed, self.t_killed_rerun, strict=True)])
        sigint = median([a + b for a, b in zip(self.t_sigint, self.t_sigint_rerun, strict=True)])
        return {
            "resume_articles": self.articles,
            "resume_at": self.at,
            "t_whole_s": round(whole, 1),
            "t_killed_s": round(median(self.t_killed), 1),
            "t_killed_rerun_s": round(median(self.t_killed_rerun), 1),
            "t_sigint_s": round(median(self.t_sigint), 1),
            "t_sigint_rerun_s": round(median(self.t_sigint_rerun), 1),
            "kept_at_interrupt": round(median([float(k) for k in self.kept])),
            "resume_extra_fraction_kill": round((kill - whole) / whole, 4),
            "resume_extra_fraction_sigint": round((sigint - whole) / whole, 4),
            "resume_extra_fraction": round((max(kill, sigint) - whole) / whole, 4),
        }


def _committed(library: Path) -> int:
    """Articles LIVE in the library's store (0 before it exists)."""
    from index.library import Library

    if not (library / "library.db").exists():
        return 0
    try:
        lib = Library.open(library, create=False)
    except Exception:  # being made by the add
        return 0
    try:
        return lib.count()
    except Exception:
        return 0
    finally:
        lib.close()


def _add_argv(library: Path, corpus: Corpus) -> list[str]:
    return python("-m", "cli", "--library", str(library), "add", *map(str, corpus.files), "--json")


def _interrupted(library: Path, corpus: Corpus, at: int, sig: signal.Signals) -> tuple[float, int]:
    """Run an add, send ``sig`` to its process group once ``at`` articles are committed;
    the seconds from its start to its end, and the articles it had committed."""
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        _add_argv(library, corpus),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while proc.poll() is None and _committed(library) < at:
            time.sleep(0.25)
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
        proc.wait(timeout=600)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    seconds = time.perf_counter() - start
    return seconds, _committed(library)


def run(corpus: Corpus, work: Path, rounds: int, at: float = 0.5) -> ResumeResult:
    """Measure the three contenders ``rounds`` times, interleaved."""
    result = ResumeResult(articles=corpus.records, at=at)
    target = max(1, round(corpus.records * at))
    library = work / "resume-library"
    log(f"resume: {corpus.records:,} records, interrupted at {target:,} committed, {rounds} rounds")

    def whole() -> None:
        shutil.rmtree(library, ignore_errors=True)
        timed = run_timed(_add_argv(library, corpus))
        assert timed.code in (0, 1), "nutgraf add failed"
        result.t_whole.append(timed.seconds)
        log(f"  uninterrupted add       {timed.seconds:7.1f} s")

    def interrupted(sig: signal.Signals, first: list[float], again: list[float]) -> None:
        shutil.rmtree(library, ignore_errors=True)
        seconds, kept = _interrupted(library, corpus, target, sig)
        rerun = run_timed(_add_argv(library, corpus))
        assert rerun.code in (0, 1), "the rerun failed"
        report = json.loads(rerun.stdout)
        first.append(seconds)
        again.append(rerun.seconds)
        result.kept.append(kept)
        log(
            f"  {sig.name:7} at {kept:6,} kept {seconds:7.1f} s + rerun {rerun.seconds:7.1f} s"
            f"  (rerun: {report['unchanged']:,} passed over, {len(report['added']):,} added)"
        )

    contenders = [
        whole,
        lambda: interrupted(signal.SIGKILL, result.t_killed, result.t_killed_rerun),
        lambda: interrupted(signal.SIGINT, result.t_sigint, result.t_sigint_rerun),
    ]
    for n in range(rounds):
        for contender in contenders[n % 3 :] + contenders[: n % 3]:
            contender()
    shutil.rmtree(library, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> None:
    about = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m bench.resume", description=about)
    parser.add_argument("--corpus", type=Path, required=True, help="JSON Lines file or folder")
    parser.add_argument("--limit", type=int, default=None, help="use a spread sample of N records")
    parser.add_argument("--rounds", type=int, default=1, help="repetitions (1)")
    parser.add_argument("--at", type=float, default=0.5, help="share committed when interrupted")
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="nutgraf-resume-"))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # see bench/README.md
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    warm_up = "import cli.main, index.ingest, index.entities.ner as n; n.load_model()"
    run_timed(python("-c", warm_up))  # fills the bytecode cache before anything is timed
    try:
        corpus = prepare_corpus(args.corpus, work / "corpus", args.limit)
        figures = run(corpus, work, args.rounds, args.at).figures()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    for key, value in figures.items():
        print(f"  {key:30} {value}")
    print(json.dumps(figures))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
