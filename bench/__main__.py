"""Run every benchmark and print the figures; the last line is one JSON object.

    uv run python -m bench [--corpus PATH] [--limit N] [--quick] [--rounds N] [--keep DIR]
    uv run python -m bench --scale N [--rounds N] [--keep DIR] [--built DIR ...]

See bench/README.md for what each part measures and the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import extraction, ingest, ner_eval, reader, resume, scale, search
from bench.common import DEFAULT_CORPUS, log, prepare_corpus, python, run_timed

TARGETS = {
    "ingest_ratio": ("<=", 1.25),
    "readd_fraction": ("<=", 0.03),
    "changed_ratio": ("<=", 1.0),
    "search_p95_ms": ("<=", 25.0),
    "search_ratio_p95": ("<=", 0.7),
    "startup_s": ("<=", 1.0),
    "keystroke_p95_ms": ("<=", 150.0),
    "reader_rss_mb": ("<=", 200.0),
    "ingest_rss_mb": ("<=", 2048.0),
    "aeb_f1": (">=", 0.97),
    "must_contain": (">=", 0.95),
    "must_not_contain": ("<=", 0.09),
    "ner_f1_typed": (">=", 0.72),
    "ner_f1_untyped": (">=", 0.83),
}


#: Imports (and a model load) that fill the bytecode cache before anything is timed.
WARM_UP = (
    "import bench.baselines, feedparser, index.ingest, index.entities.ner, tui.app, cli.main, "
    "trafilatura; index.entities.ner.load_model()"
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines file or folder"
    )
    parser.add_argument("--limit", type=int, default=None, help="use a spread sample of N records")
    parser.add_argument(
        "--quick", action="store_true", help="a few hundred articles, under a minute or so"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="repetitions of each comparison (3; 1 with --quick)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it")
    parser.add_argument(
        "--scale",
        type=int,
        default=None,
        metavar="N",
        help="the scale benchmark: build a library of N articles in stages (6,793, 20,000, N)"
        " and measure each; with --keep DIR a stopped run continues where it stopped",
    )
    parser.add_argument(
        "--built",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="(--scale) measure this ready-built library of a stage instead of adding it",
    )
    parser.add_argument(
        "--built-times",
        type=Path,
        default=None,
        metavar="FILE",
        help="(--scale) the add times of the --built libraries (lines 'stageK rc=0 SECONDS s')",
    )
    args = parser.parse_args(argv)
    if args.scale is not None:
        _scale(args)
        return
    limit = args.limit or (250 if args.quick else None)
    queries = 60 if args.quick else 300
    rounds = args.rounds or (1 if args.quick else 3)
    started = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nutgraf-bench-"))
    # Every program run here keeps its compiled modules where Python keeps them by
    # default, in a cache of the benchmark's own; this machine sets
    # PYTHONDONTWRITEBYTECODE, under which each would compile spaCy, Whoosh and
    # Textual from source every time. See bench/README.md.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    run_timed(python("-c", WARM_UP))
    try:
        corpus = prepare_corpus(args.corpus, work / "corpus", limit)
        ing, library = ingest.run(corpus, work, rounds)
        figures: dict[str, object] = dict(ing.figures())
        figures.update(resume.run(corpus, work, 1).figures())  # issue 16: a kill, a rerun

        log("search: building the plain-Whoosh baseline index")
        plain = work / "plain-index"
        run_timed(python("-m", "bench.baselines", "plain", str(work / "texts.json"), str(plain)))
        query_set = search.make_queries(library, queries)
        searched = search.run(library, plain, query_set, rounds)
        figures.update(
            {
                k: searched[k]
                for k in ("search_p95_ms", "plain_p95_ms", "search_ratio_p95", "segments")
            }
        )
        figures["search"] = {k: searched[k] for k in ("nutgraf", "plain")}
        figures["plain_index_bytes_per_article"] = round(
            search.plain_index_size(plain) / ing.articles
        )

        log("reader: start-up, typing, memory")
        qfile = search.query_file(query_set, work / "queries.txt")
        figures.update(
            reader.run(
                library,
                qfile,
                rounds=rounds if args.quick else max(5, rounds),
                typing_queries=10 if args.quick else 60,
            )
        )

        log("extraction: AEB pages and trafilatura's evaluation pages")
        extracted = extraction.run(compare=not args.quick, limit=20 if args.quick else None)
        headline = ("aeb_f1", "must_contain", "must_not_contain")
        figures.update({k: extracted[k] for k in headline})
        figures["extraction"] = {k: v for k, v in extracted.items() if k not in headline}

        log("NER: CoNLL-2003 dev")
        ner = ner_eval.run(limit=20 if args.quick else None)
        figures["ner_f1_typed"] = ner["nutgraf"]["typed"]
        figures["ner_f1_untyped"] = ner["nutgraf"]["untyped"]
        figures["ner"] = ner
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    figures["bench_seconds"] = round(time.perf_counter() - started)
    figures["targets_met"] = {
        key: (figures[key] <= bound if op == "<=" else figures[key] >= bound)  # type: ignore[operator]
        for key, (op, bound) in TARGETS.items()
    }
    _print_table(figures)
    print(json.dumps(figures))


def _scale(args: argparse.Namespace) -> None:
    """``--scale N``: see :mod:`bench.scale`."""
    started = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nutgraf-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    run_timed(python("-c", WARM_UP))
    try:
        results = scale.run(
            args.scale,
            work,
            rounds=args.rounds or 3,
            built=args.built,
            built_times=args.built_times,
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    results["bench_seconds"] = round(time.perf_counter() - started)
    scale.print_table(results)
    print(json.dumps(results))


def _print_table(figures: dict[str, object]) -> None:
    print("\nfigure                 value      target")
    for key, (op, bound) in TARGETS.items():
        mark = "ok  " if figures["targets_met"][key] else "MISS"  # type: ignore[index]
        print(f"{mark} {key:18} {figures[key]!s:>10}  {op} {bound}")
    for key in (
        "articles",
        "t_add_s",
        "t_ner_s",
        "t_whoosh_s",
        "articles_per_s",
        "words_per_s",
        "t_changed_s",
        "changed_budget_s",
        "resume_extra_fraction",
        "plain_p95_ms",
        "import_textual_s",
        "bare_textual_app_s",
        "startup_no_pyc_s",
        "bare_textual_app_no_pyc_s",
        "index_bytes_per_article",
        "bare_index_bytes_per_article",
        "plain_index_bytes_per_article",
    ):
        print(f"     {key:30} {figures.get(key)}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
