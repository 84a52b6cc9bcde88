"""The scale benchmark's figures for one library (one stage): segments, sizes on disk,
search beside plain Whoosh, the reader (start-up, keystroke, memory, the library's
entity list) and the command line's listings.

Everything here reuses the main benchmark's parts (:mod:`bench.search`,
:mod:`bench.reader`), so a stage's figures mean what the main table's mean; only the
listings are new: ``nutgraf list`` (every article), ``nutgraf entities`` (the whole
library's entities), ``nutgraf entities ID`` (one article's) and, in the reader, the
library mode of the entities pane (``w``) to its first page on screen. Each is timed
as a fresh process, ``rounds`` times interleaved, median reported.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench import reader, search
from bench.common import Corpus, log, median, python, run_timed

__all__ = ["disk_bytes", "live_articles", "measure", "private_env", "segments"]


def disk_bytes(path: Path) -> int:
    """Bytes of the files under ``path`` (or of the file ``path``); 0 if missing."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def segments(library: Path) -> int:
    """The library's index segments: :meth:`Library.index_segments` where it exists,
    else Whoosh's own list (the same number)."""
    from index.library import Library

    lib = Library.open(library)
    try:
        count = getattr(lib, "index_segments", None)
        return int(count()) if callable(count) else len(lib.ix._segments())
    finally:
        lib.close()


def live_articles(library: Path) -> int:
    """The library's articles (fewer than the records added: the corpus repeats a few)."""
    from index.library import Library

    lib = Library.open(library)
    try:
        return lib.count()
    finally:
        lib.close()


def _cli(library: Path, *args: str) -> list[str]:
    return python("-m", "cli", "--library", str(library), *args)


def listings(library: Path, rounds: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds of the listings, each a fresh process, the contenders interleaved:
    ``list_s`` (``nutgraf list --json``, every article), ``entities_library_s``
    (``nutgraf entities --json``, every entity of the library), ``entities_article_s``
    (``nutgraf entities ID --json`` for the newest article) and ``reader_entities_s``
    (the reader's library mode from ``w`` to its first page shown)."""
    from index.library import Library

    lib = Library.open(library)
    newest = lib.most_recent_id()
    lib.close()
    assert newest is not None, "an empty library"
    times: dict[str, list[float]] = {
        "list_s": [],
        "entities_library_s": [],
        "entities_article_s": [],
        "reader_entities_s": [],
    }
    commands = {
        "list_s": _cli(library, "list", "--json"),
        "entities_library_s": _cli(library, "entities", "--json"),
        "entities_article_s": _cli(library, "entities", newest, "--json"),
    }
    for r in range(rounds):
        names = list(times)
        for name in names[r % len(names) :] + names[: r % len(names)]:
            if name == "reader_entities_s":
                out = run_timed(
                    python("-m", "bench.reader_child", "entities", str(library)), env=env
                )
                times[name].append(float(json.loads(out.stdout.strip().splitlines()[-1])))
            else:
                run = run_timed(commands[name], env=env)
                assert run.code == 0, f"{commands[name]} failed ({run.code})"
                times[name].append(run.seconds)
    return {name: round(median(ts), 3) for name, ts in times.items()}


def measure(
    library: Path, files: list[Path], work: Path, rounds: int, queries: int
) -> dict[str, object]:
    """Every figure of one stage: the library at ``library`` holds the articles of the
    JSON Lines ``files`` (the plain-Whoosh baseline is built from them in ``work``)."""
    figures: dict[str, object] = {
        "live_articles": live_articles(library),
        "segments": segments(library),
        "index_bytes": disk_bytes(library / "index"),
        "store_bytes": sum(
            disk_bytes(library / name)
            for name in ("library.db", "library.db-wal", "library.db-shm")
        ),
    }
    log(f"  segments {figures['segments']}, index {figures['index_bytes'] / 2**20:.0f} MB")

    texts = Corpus(files, 0).texts()
    texts_file = work / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    plain = work / "plain-index"
    built = run_timed(python("-m", "bench.baselines", "plain", str(texts_file), str(plain)))
    assert built.code == 0, "the plain-Whoosh baseline failed"
    texts_file.unlink()
    figures["plain_build_s"] = round(built.seconds, 1)
    figures["plain_index_bytes"] = disk_bytes(plain)
    log(f"  plain Whoosh baseline built in {built.seconds:.0f} s")

    query_set = search.make_queries(library, queries)
    searched = search.run(library, plain, query_set, rounds)
    figures |= {k: searched[k] for k in ("search_p95_ms", "plain_p95_ms", "search_ratio_p95")}
    figures["search"] = {k: searched[k] for k in ("nutgraf", "plain")}

    qfile = search.query_file(query_set, work / "queries.txt")
    figures |= reader.run(library, qfile, rounds=max(5, rounds), typing_queries=60)
    env = reader.bytecode_env(library.parent / "pycache", write=True)
    figures |= listings(library, rounds, env)
    log(
        "  list {list_s} s, library entities {entities_library_s} s, article entities "
        "{entities_article_s} s, reader library mode {reader_entities_s} s".format(**figures)
    )
    return figures


def private_env(work: Path) -> None:
    """Point this process's (and its children's) home and XDG folders into ``work``,
    so that the readers started here never touch the user's settings or history."""
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = work / "home" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)
