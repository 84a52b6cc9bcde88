"""The reader: start-up to the first complete screen, keystroke-to-results, memory.

Each measurement runs the reader headless (Textual's ``run_test``) in a fresh
process on the benchmark library, so imports and caches count as they would
for a user; ``python -c "import textual"`` runs in the same rounds as the floor.

Start-up depends on Python's bytecode cache more than on anything nutgraf
does: compiling Textual, Rich and Whoosh from source takes about a second on
this machine. Python keeps compiled modules in ``__pycache__`` by default, so
a user pays that once; but this machine sets ``PYTHONDONTWRITEBYTECODE=1``,
under which every start compiles everything again. So start-up is measured
both ways, each with its own ``PYTHONPYCACHEPREFIX`` so neither depends on
what happens to be in ``.venv``:

- ``startup_s`` (the target): Python's default, after one warm-up start has
  filled the cache, as for every start after a user's first;
- ``startup_no_pyc_s``: no bytecode cache at all (as every start here, or a
  user's very first start).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from bench.common import ROOT, log, median, percentile, python, run_timed


def bytecode_env(cache: Path, write: bool) -> dict[str, str]:
    """The environment for a child Python whose bytecode cache is the folder ``cache``:
    written as Python does by default, or (``write`` false, ``cache`` empty) never there."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _startup_once(library: Path | None, env: dict[str, str]) -> tuple[float, bool]:
    args = ["startup", str(library)] if library is not None else ["floor"]
    start = time.perf_counter()
    proc = subprocess.Popen(
        python("-m", "bench.reader_child", *args),
        cwd=ROOT,
        env=env,
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
    """Start-up (median of ``rounds``, with and without a bytecode cache), keystroke
    latencies and peak RSS."""
    report: dict[str, object] = {}
    spacy_loaded = False
    cached = bytecode_env(library.parent / "pycache", write=True)
    uncached = bytecode_env(library.parent / "no-pycache", write=False)
    _startup_once(library, cached)  # a user's first start, which fills the cache
    _startup_once(None, cached)
    for label, suffix, env in (
        ("bytecode cached", "", cached),
        ("no bytecode cache", "_no_pyc", uncached),
    ):
        startups: list[float] = []
        imports: list[float] = []
        floors: list[float] = []
        for _ in range(rounds):
            seconds, spacy = _startup_once(library, env)
            startups.append(seconds)
            spacy_loaded |= spacy
            imports.append(run_timed(python("-c", "import textual"), env=env).seconds)
            floors.append(_startup_once(None, env)[0])
        log(
            f"  reader start-up, {label}: {median(startups):.2f} s (import textual "
            f"{median(imports):.2f} s, bare Textual app {median(floors):.2f} s)"
        )
        report |= {
            f"startup{suffix}_s": round(median(startups), 3),
            f"startup{suffix}_runs_s": [round(s, 3) for s in startups],
            f"import_textual{suffix}_s": round(median(imports), 3),
            f"bare_textual_app{suffix}_s": round(median(floors), 3),
        }

    typing_file = queries_file.with_name("typing-queries.txt")
    lines = queries_file.read_text(encoding="utf-8").split("\n")[:-1]
    typing_file.write_text("\n".join(lines[:typing_queries]) + "\n", encoding="utf-8")
    out = run_timed(
        python("-m", "bench.reader_child", "typing", str(library), str(typing_file)), env=cached
    )
    latencies = json.loads(out.stdout.strip().splitlines()[-1])
    log(f"  keystroke p95    {percentile(latencies, 95):.0f} ms")

    out = run_timed(
        python("-m", "bench.reader_child", "memory", str(library), str(queries_file)), env=cached
    )
    memory = json.loads(out.stdout.strip().splitlines()[-1])
    log(f"  reader peak RSS  {memory['reader_rss_mb']:.0f} MB after {len(lines)} queries")
    return report | {
        "startup_imports_spacy": spacy_loaded or memory["spacy"],
        "keystroke_p50_ms": round(percentile(latencies, 50), 1),
        "keystroke_p95_ms": round(percentile(latencies, 95), 1),
        "reader_rss_mb": memory["reader_rss_mb"],
    }
