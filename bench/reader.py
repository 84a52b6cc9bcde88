"""The reader: start-up to the first complete screen, keystroke-to-results, memory.

Each measurement runs the reader headless (Textual's ``run_test``) in a fresh
process on the benchmark library, so imports and caches count as they would
for a user; ``python -c "import textual"`` runs in the same rounds as the floor.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from bench.common import ROOT, log, median, percentile, python, run_timed


def _startup_once(library: Path | None) -> tuple[float, bool]:
    args = ["startup", str(library)] if library is not None else ["floor"]
    start = time.perf_counter()
    proc = subprocess.Popen(
        python("-m", "bench.reader_child", *args),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    assert line.startswith("READY"), f"reader did not start: {line!r}"
    return elapsed, line.split()[1] == "True"


def run(library: Path, queries_file: Path, rounds: int, typing_queries: int) -> dict[str, object]:
    """Start-up (median of ``rounds``), keystroke latencies and peak RSS."""
    startups: list[float] = []
    imports: list[float] = []
    floors: list[float] = []
    spacy_loaded = False
    for _ in range(rounds):
        seconds, spacy = _startup_once(library)
        startups.append(seconds)
        spacy_loaded |= spacy
        imports.append(run_timed(python("-c", "import textual")).seconds)
        floors.append(_startup_once(None)[0])
    log(
        f"  reader start-up  {median(startups):.2f} s (import textual {median(imports):.2f} s, "
        f"bare Textual app {median(floors):.2f} s)"
    )

    typing_file = queries_file.with_name("typing-queries.txt")
    lines = queries_file.read_text(encoding="utf-8").split("\n")[:-1]
    typing_file.write_text("\n".join(lines[:typing_queries]) + "\n", encoding="utf-8")
    out = run_timed(python("-m", "bench.reader_child", "typing", str(library), str(typing_file)))
    latencies = json.loads(out.stdout.strip().splitlines()[-1])
    log(f"  keystroke p95    {percentile(latencies, 95):.0f} ms")

    out = run_timed(python("-m", "bench.reader_child", "memory", str(library), str(queries_file)))
    memory = json.loads(out.stdout.strip().splitlines()[-1])
    log(f"  reader peak RSS  {memory['reader_rss_mb']:.0f} MB after {len(lines)} queries")
    return {
        "startup_s": round(median(startups), 3),
        "startup_runs_s": [round(s, 3) for s in startups],
        "import_textual_s": round(median(imports), 3),
        "bare_textual_app_s": round(median(floors), 3),
        "startup_imports_spacy": spacy_loaded or memory["spacy"],
        "keystroke_p50_ms": round(percentile(latencies, 50), 1),
        "keystroke_p95_ms": round(percentile(latencies, 95), 1),
        "reader_rss_mb": memory["reader_rss_mb"],
    }
