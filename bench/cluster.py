"""Entity-pass throughput: this machine's worker processes against a Dask cluster.

    uv run python -m bench.cluster [--corpus FILE.jsonl] [--limit 1000] [--workers 1,2]
                                   [--rounds 2]

The same texts (the ``text`` of the first ``--limit`` records) go through
:class:`index.entities.ner.NerPool` (the local pool of ``add``, two processes here) and
through :class:`index.entities.cluster.ClusterPool` on a ``distributed.LocalCluster`` on
loopback with 1, 2, ... worker processes of one thread (what ``dask worker --nthreads 1
--nworkers N`` starts). Every pool is warmed first (each worker loads the model once),
so the figures are the steady rate an add sees after its first seconds. Contenders run
interleaved, ``--rounds`` times; the median is reported. On this 2-core machine two
workers are the most that can help; on a cluster each worker brings its own core.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import SHARED, log

DEFAULT = SHARED / "news" / "bbc.jsonl"


def _texts(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line).get("text") or "")
    return texts


def _timed(pool: Any, texts: list[str]) -> float:
    start = time.perf_counter()
    results = pool.collect(pool.submit(texts))
    elapsed = time.perf_counter() - start
    assert len(results) == len(texts)
    return elapsed


def _warm(pool: Any, workers: int) -> None:
    """Load the model in every worker (four tiny chunks per worker)."""
    pool.collect(pool.submit(["Tony Blair spoke in London."] * (8 * workers)))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cluster")
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from distributed import LocalCluster

    from index.entities.cluster import ClusterPool
    from index.entities.ner import NerPool

    texts = _texts(args.corpus, args.limit)
    words = sum(len(t.split()) for t in texts)
    log(f"{len(texts)} texts, {words:,} words from {args.corpus}")
    opened: list[Callable[[], None]] = []
    contenders: dict[str, tuple[Any, int]] = {}
    local = NerPool(2)
    opened.append(local.close)
    _warm(local, 2)
    contenders["local pool, 2 processes"] = (local, 2)
    for n in (int(w) for w in args.workers.split(",")):
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            scheduler_port=0,
            dashboard_address=":0",
        )
        pool = ClusterPool(cluster.scheduler_address)
        opened += [cluster.close, pool.close]
        _warm(pool, n)
        contenders[f"Dask cluster, {n} worker{'s' if n > 1 else ''}"] = (pool, n)
    times: dict[str, list[float]] = {name: [] for name in contenders}
    try:
        for r in range(args.rounds):
            for name, (pool, _n) in contenders.items():
                times[name].append(_timed(pool, texts))
                log(f"round {r + 1} {name}: {times[name][-1]:.1f} s")
    finally:
        for close in reversed(opened):
            close()
    out: dict[str, dict[str, float]] = {}
    for name, (_pool, n) in contenders.items():
        secs = statistics.median(times[name])
        out[name] = {
            "seconds": round(secs, 2),
            "articles_per_s": round(len(texts) / secs, 1),
            "words_per_s": round(words / secs),
            "articles_per_s_per_worker": round(len(texts) / secs / n, 1),
            "words_per_s_per_worker": round(words / secs / n),
        }
        log(
            f"{name}: {secs:.1f} s, {len(texts) / secs:.1f} articles/s "
            f"({len(texts) / secs / n:.1f} per worker), {words / secs:,.0f} words/s"
        )
    print(json.dumps({"texts": len(texts), "words": words, "contenders": out}))


if __name__ == "__main__":
    main()
