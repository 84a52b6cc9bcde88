"""The scale benchmark: a library built in stages from cycled copies of the news corpus
(6,793 articles, 20,000, then N), measured at each stage.

    uv run python -m bench --scale 100000 [--keep DIR] [--rounds N] [--built DIR ...]

Each stage's records (:mod:`bench.scale_corpus`) are one JSON Lines file, added to the
same library by ``nutgraf add`` (timed, a fresh process, as a user runs it), and the
library is then measured (:func:`bench.scale_measure.measure`). A stage's figures are
written to ``scale-results.json`` in the work folder as soon as they are known, so a
run stopped part-way (it is long: see bench/README.md) continues with ``--keep DIR``
from the first stage not yet measured; an add that was stopped is run again, and
nutgraf's add skips what it had already stored (the time is then marked resumed).

``--built DIR`` (repeatable, in stage order) measures ready-built libraries of the same
records instead of adding them (a copy of each: the first is stage 1, and so on), with
the add times of ``--built-times FILE`` (lines ``stageK rc=0 SECONDS s``) when given.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

from bench.common import log, python, run_timed
from bench.scale_corpus import read_records, stage_sizes, write_stage
from bench.scale_measure import measure, private_env

__all__ = ["print_table", "run"]

RESULTS = "scale-results.json"


def _load(path: Path, n: int) -> dict[str, object]:
    if path.exists():
        results: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
        if results.get("n") == n:
            return results
        log(f"{path} is of another run (--scale {results.get('n')}): starting afresh")
    return {"n": n, "stages": {}}


def _save(path: Path, results: dict[str, object]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1), encoding="utf-8")
    tmp.replace(path)


def _built_times(path: Path | None) -> dict[int, float]:
    """Stage number (1, 2, ...) -> seconds, from the background build's log."""
    if path is None:
        return {}
    found = re.findall(r"stage(\d+) rc=0 ([\d.]+) s", path.read_text(encoding="utf-8"))
    return {int(k): float(s) for k, s in found}


def _add(library: Path, stage_file: Path, stage: dict[str, object]) -> None:
    resumed = "add_started" in stage
    stage["add_started"] = time.time()
    # A stage's file is bigger than add's default size limit (32 MB) from 20,000 on.
    mb = str(stage_file.stat().st_size // 2**20 + 1)
    argv = python(
        "-m", "cli", "--library", str(library), "add", "--max-size", mb, str(stage_file), "--json"
    )  # fmt: skip
    run = run_timed(argv, timeout=48 * 3600)
    assert run.code in (0, 1), f"nutgraf add failed ({run.code})"
    stage |= {"add_s": round(run.seconds, 1), "add_peak_mb": round(run.peak_mb), "resumed": resumed}


def run(
    n: int,
    work: Path,
    rounds: int,
    queries: int = 300,
    built: list[Path] | None = None,
    built_times: Path | None = None,
) -> dict[str, object]:
    """Build and measure every stage up to ``n`` articles in ``work``; returns the
    results (``{"n", "stages": {size: figures}}``, also kept in ``work/scale-results.json``)."""
    private_env(work)
    results_file = work / RESULTS
    results = _load(results_file, n)
    stages: dict[str, dict[str, object]] = results["stages"]  # type: ignore[assignment]
    records = read_records()
    sizes = stage_sizes(n, len(records))
    ready = {size: b for size, b in zip(sizes, built or (), strict=False)}
    times = _built_times(built_times)
    library = work / "library"
    start = 0
    for number, size in enumerate(sizes, 1):
        stage = stages.setdefault(str(size), {"articles": size})
        files = [work / "corpus" / f"stage{k}.jsonl" for k in range(1, number + 1)]
        if not files[-1].exists():
            write_stage(records, start, size, files[-1])
        if "search_p95_ms" in stage:
            log(f"stage {number} ({size:,} articles): measured before, kept")
            start = size
            continue
        target = library
        if size in ready:
            target = work / f"built-{size}"
            if not target.exists():
                log(f"stage {number}: copying the built library {ready[size]}")
                shutil.copytree(ready[size], target, symlinks=True)
            stage |= {"add_s": times.get(number), "built": str(ready[size])}
        elif "add_s" not in stage:
            log(f"stage {number}: adding {size - start:,} articles ({size:,} in all)")
            _add(library, files[-1], stage)
            _save(results_file, results)
            log(f"  added in {stage['add_s']} s")
        log(f"stage {number}: measuring {size:,} articles")
        stage |= measure(target, files, work, rounds, queries)
        _save(results_file, results)
        if target != library:
            shutil.rmtree(target, ignore_errors=True)
        start = size
    _cumulate(stages, sizes)
    _save(results_file, results)
    return results


def _cumulate(stages: dict[str, dict[str, object]], sizes: list[int]) -> None:
    """Each stage's articles/s, of its own add and of all the adds so far."""
    total: float | None = 0.0
    before = 0
    for size in sizes:
        stage = stages[str(size)]
        add = stage.get("add_s")
        if isinstance(add, (int, float)) and add > 0:
            stage["add_per_s"] = round((size - before) / add, 1)
            total = None if total is None else total + add
        else:
            total = None
        stage["cumulative_add_s"] = None if total is None else round(total, 1)
        stage["cumulative_per_s"] = round(size / total, 1) if total else None
        before = size


#: The table's rows: (label, key in a stage's figures; ``*`` is nutgraf, then plain).
ROWS: tuple[tuple[str, str], ...] = (
    ("articles in the library", "live_articles"),
    ("add, this stage (s)", "add_s"),
    ("  articles/s", "add_per_s"),
    ("add, cumulative (s)", "cumulative_add_s"),
    ("  articles/s", "cumulative_per_s"),
    ("index segments", "segments"),
    ("index on disk (MB)", "index_mb"),
    ("store on disk (MB)", "store_mb"),
    ("search p50, nutgraf (ms)", "search.nutgraf.all.p50_ms"),
    ("search p50, plain Whoosh (ms)", "search.plain.all.p50_ms"),
    ("search p95, nutgraf (ms)", "search_p95_ms"),
    ("search p95, plain Whoosh (ms)", "plain_p95_ms"),
    ("search p95 ratio", "search_ratio_p95"),
    ("  word p95 nutgraf/plain", "search.*.word.p95_ms"),
    ("  and p95 nutgraf/plain", "search.*.and.p95_ms"),
    ("  phrase p95 nutgraf/plain", "search.*.phrase.p95_ms"),
    ("  entity p95 nutgraf/plain", "search.*.entity.p95_ms"),
    ("reader start-up (s)", "startup_s"),
    ("bare Textual app (s)", "bare_textual_app_s"),
    ("start-up ratio", "startup_ratio"),
    ("keystroke p95 (ms)", "keystroke_p95_ms"),
    ("reader memory, 300 queries (MB)", "reader_rss_mb"),
    ("nutgraf list (s)", "list_s"),
    ("nutgraf entities, library (s)", "entities_library_s"),
    ("reader library entities (s)", "reader_entities_s"),
    ("nutgraf entities ID (s)", "entities_article_s"),
)


def _value(stage: dict[str, object], key: str) -> object:
    if key == "index_mb":
        return round(int(stage["index_bytes"]) / 2**20)  # type: ignore[call-overload]
    if key == "store_mb":
        return round(int(stage["store_bytes"]) / 2**20)  # type: ignore[call-overload]
    if key == "startup_ratio":
        return round(float(stage["startup_s"]) / float(stage["bare_textual_app_s"]), 2)  # type: ignore[arg-type]
    if "*" in key:
        return "/".join(str(_value(stage, key.replace("*", side))) for side in ("nutgraf", "plain"))
    value: object = stage
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def print_table(results: dict[str, object]) -> None:
    """The figures with a column per stage (``-`` for one not known)."""
    stages: dict[str, dict[str, object]] = results["stages"]  # type: ignore[assignment]
    sizes = sorted(stages, key=int)
    print(f"\n{'figure':34}" + "".join(f"{int(s):>16,}" for s in sizes))
    for label, key in ROWS:
        cells = []
        for s in sizes:
            try:
                value = _value(stages[s], key)
            except (KeyError, TypeError, ValueError):
                value = None
            cells.append(f"{'-' if value is None else value!s:>16}")
        print(f"{label:34}" + "".join(cells))
