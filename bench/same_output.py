"""Prove a change left behaviour alone: the command line's JSON for one library, as one file.

Run it with the code before a change and with the code after, on the same
library and on one each version built itself, and compare the files::

    uv run python -m bench.same_output --library /tmp/same --build > before.json
    # ... change the code ...
    uv run python -m bench.same_output --library /tmp/same > after-same-library.json
    uv run python -m bench.same_output --library /tmp/same2 --build > after-own-build.json

It builds (with ``--build``) a library of the sample article and the news
corpus, then records ``list --json``, ``search --json`` for a fixed set of
queries (words, phrases, boolean, prefix, fuzzy, fields, dates, entities) and
``entities --json`` for the library and for a fixed sample of articles. The
order of articles with the same date follows when they were added, which a
second build changes; ``list`` is also recorded sorted, which does not.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_CORPUS, ROOT

QUERIES = [
    "korea",
    "blair",
    '"ballistic missiles"',
    '"prime minister"',
    "oil AND prices",
    "china OR japan",
    "election NOT labour",
    "econom*",
    "missle~",
    "title:trump",
    "source:reuters",
    "category:acq",
    "date:2005",
    "date:[1987 to 1987-06]",
    'person:"Tony Blair"',
    "org:kdi",
    "place:ukraine",
    "entity:putin",
    "the",
    "ko*",
]


def nutgraf(library: Path, *args: str) -> Any:
    """One ``nutgraf`` command's JSON output (the exit status is recorded with it)."""
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "--library", str(library), *args, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return {"code": proc.returncode, "json": json.loads(proc.stdout) if proc.stdout else None}


def _cli(library: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cli", "--library", str(library), *args]


def build(library: Path) -> None:
    """Add the sample article and the news corpus to ``library``."""
    corpora = sorted(str(p) for p in DEFAULT_CORPUS.glob("*.jsonl"))
    subprocess.run(
        [*_cli(library, "add", str(ROOT / "seeds"), *corpora), "--json"],
        cwd=ROOT,
        check=False,
        capture_output=True,
    )


def record(library: Path) -> dict[str, Any]:
    """Everything the comparison looks at, for ``library``."""
    listed = nutgraf(library, "list")
    articles = listed["json"] or []
    sample = sorted(a["id"] for a in articles)[::97]
    return {
        "list": listed,
        "list_sorted": sorted(json.dumps(a, sort_keys=True) for a in articles),
        "search": {q: nutgraf(library, "search", q, "--limit", "20") for q in QUERIES},
        "entities": nutgraf(library, "entities"),
        "entities_of": {i: nutgraf(library, "entities", i) for i in sample},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--build", action="store_true", help="add the corpus first")
    args = parser.parse_args()
    if args.build:
        build(args.library)
    json.dump(record(args.library), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
