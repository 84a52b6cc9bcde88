"""Every input is bounded: in memory and time by the size limit, and read once.

JSON Lines lines are never held whole past the limit, gzip counts after
decompression, binary corpora are one skip, and the hash recorded for an input
is the hash of exactly the bytes its articles came from (tests here make an
input that changes between opens to prove it).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

import index.ingest
from index.library import Library
from index.model import AddReport, Skip
from index.readers.base import Input

KB = 1024
MB = 1024 * 1024


def add(lib: Library, *names: str, max_bytes: int = 32 * MB) -> AddReport:
    with lib.writer() as writer:
        return writer.add(list(names), analyse=False, max_bytes=max_bytes)


def record(title: str, text: str | None = None) -> bytes:
    body = text or f"The text of the story called {title}, long enough to read."
    return json.dumps({"title": title, "text": body}).encode() + b"\n"


# -- the line reader ------------------------------------------------------------


def lines_of(
    data: bytes, max_line: int = 100, max_total: int = MB, chunk: int = 7
) -> list[tuple[int, bytes | None]]:
    from index.readers.lines import read_lines

    lines = read_lines(io.BytesIO(data), max_line, max_total, chunk=chunk)
    return [(line.number, line.data) for line in lines]


def test_lines_across_chunks_come_out_whole_and_numbered() -> None:
    data = b'{"a": 1}\n\n  \n   {"b": 22}\r\n\n\n{"c": 333}'
    assert lines_of(data) == [
        (1, b'{"a": 1}'),
        (4, b'   {"b": 22}\r'),  # leading blanks kept: the record's bytes as given
        (7, b'{"c": 333}'),
    ]
    assert lines_of(data, chunk=1) == lines_of(data, chunk=1 << 20)


def test_a_line_over_the_limit_is_passed_over_without_its_bytes() -> None:
    data = b"short one\n" + b"x" * 10_000 + b"\nshort two\n" + b"y" * 101
    assert lines_of(data, max_line=100) == [
        (1, b"short one"),
        (2, None),
        (3, b"short two"),
        (4, None),
    ]


def test_blank_lines_are_counted_not_returned() -> None:
    data = b"\n" * 100_000 + b"last\n" + b" \t\r\n" * 5
    assert lines_of(data, chunk=4096) == [(100_001, b"last")]


def test_the_stream_stops_at_the_total_limit() -> None:
    from index.readers.lines import Line, StreamTooLarge, read_lines

    data = b"one\ntwo\nthree and more\n"
    got: list[Line] = []
    with pytest.raises(StreamTooLarge) as caught:
        got.extend(read_lines(io.BytesIO(data), 100, 12, chunk=5))
    assert got == [Line(1, b"one"), Line(2, b"two")] and caught.value.line == 3


# -- JSON Lines in an add -------------------------------------------------------


def gzip_of_repeated(prefix: bytes, unit: bytes, size: int) -> bytes:
    """A gzip file of ``prefix`` and ``unit`` repeated to ``size`` bytes, compressed as it goes."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=1) as z:
        z.write(prefix)
        block = unit * (MB // len(unit))
        for _ in range(size // len(block)):
            z.write(block)
    return out.getvalue()


def test_gzip_bomb_of_one_endless_line_stops_at_the_limit(tmp_path: Path, library: Library) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip_of_repeated(b'{"title": "x", "text": "', b"a", 8 * MB))
    assert bomb.stat().st_size < MB
    report = add(library, str(bomb), max_bytes=MB)
    (skip,) = report.skipped
    assert skip.part is None and skip.reason.startswith("larger than the 1 MB size limit")


def test_gzip_of_newlines_is_one_skip(tmp_path: Path, library: Library) -> None:
    bomb = tmp_path / "newlines.jsonl.gz"
    bomb.write_bytes(gzip_of_repeated(b"", b"\n", 8 * MB))
    (skip,) = add(library, str(bomb), max_bytes=MB).skipped
    assert skip.part is None and "size limit" in skip.reason


def test_blank_lines_under_the_limit_keep_the_line_numbers(
    tmp_path: Path, library: Library
) -> None:
    corpus = tmp_path / "sparse.jsonl.gz"
    corpus.write_bytes(gzip.compress(b"\n" * 300_000 + record("Far down") + b"{broken\n"))
    report = add(library, str(corpus))
    assert [a.title for a in report.added] == ["Far down"]
    (skip,) = report.skipped
    assert skip.part == "line 300002" and skip.reason.startswith("invalid JSON")


@pytest.mark.parametrize(
    "name",
    ["c.jsonl", "c.jsonl.gz", "c.txt.gz", "c.md.gz", "c.html.gz", "c.rss.gz", "c.json.gz"],
)
def test_size_limit_counts_decompressed_bytes_in_every_format(
    tmp_path: Path, library: Library, name: str
) -> None:
    """Many small records (each far under the limit) add up to a file over it."""
    records = b"".join(record(f"Story {n}") for n in range(20_000))  # about 1.6 MB
    kind = name.split(".")[1]
    if kind == "jsonl":
        data = records
    elif kind == "json":
        data = b"[" + records.replace(b"}\n{", b"},{").rstrip(b"\n") + b"]"
    elif kind == "rss":
        data = b"<rss><channel>" + b"<item><title>t</title></item>" * 60_000 + b"</channel></rss>"
    else:
        data = b"Title\n\n" + b"A sentence of the story. " * 70_000
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    assert path.stat().st_size < MB or not name.endswith(".gz")
    report = add(library, str(path), max_bytes=MB)
    assert not report.added
    (skip,) = report.skipped
    assert skip.part is None and skip.reason.startswith("larger than the 1 MB size limit")


@pytest.mark.parametrize("name", ["random.jsonl", "random.jsonl.gz", "random.ndjson"])
def test_a_binary_corpus_is_one_skip(tmp_path: Path, library: Library, name: str) -> None:
    data = os.urandom(50_000)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (skip,) = add(library, str(path)).skipped
    assert skip.part is None and "binary" in skip.reason and "JSON Lines" in skip.reason


def test_a_corpus_with_no_good_line_is_one_skip_naming_the_first(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "prose.jsonl"
    path.write_text("This is prose, not JSON.\n" * 1000)
    (skip,) = add(library, str(path)).skipped
    assert skip.part is None
    assert skip.reason.startswith(
        "no article records found (1,000 lines could not be read; line 1:"
    )


def test_bad_lines_are_listed_up_to_a_cap_then_counted(tmp_path: Path, library: Library) -> None:
    from index.readers.jsonl import MAX_LINE_SKIPS

    bad = 5 * MAX_LINE_SKIPS  # bad lines, with one good record after the first few
    before = MAX_LINE_SKIPS // 2
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"{broken\n" * before + record("The good one") + b"{broken\n" * (bad - before))
    report = add(library, str(path))
    assert [a.title for a in report.added] == ["The good one"]
    listed, (more,) = report.skipped[:-1], report.skipped[-1:]
    assert len(listed) == MAX_LINE_SKIPS and listed[0].part == "line 1"
    assert more.part == f"{bad - MAX_LINE_SKIPS:,} more lines"
    assert "could not be read" in more.reason


# -- one read: the hash recorded is the hash of what was read --------------------


def _feed(title: str) -> bytes:
    items = "".join(
        f"<item><title>{title} entry {n}</title><description>The text of {title} entry {n}, "
        "long enough to be read.</description></item>"
        for n in range(3)
    )
    return f"<rss><channel><title>F</title>{items}</channel></rss>".encode()


VERSIONS: dict[str, Callable[[str], bytes]] = {
    "story.txt": lambda v: f"{v}\n\nThe text of {v}, a sentence long enough to read.\n".encode(),
    "feed.rss": _feed,
    "corpus.jsonl": lambda v: record(f"{v} one") + record(f"{v} two"),
    "corpus.jsonl.gz": lambda v: gzip.compress(record(f"{v} one") + record(f"{v} two"), mtime=0),
}

#: Which version each successive open of the input gives.
PATTERNS = {
    "alternating": lambda n: "Version A" if n % 2 == 0 else "Version B",
    "changes after two opens": lambda n: "Version A" if n < 2 else "Version B",
    "changes after one open": lambda n: "Version A" if n < 1 else "Version B",
}


class Changing:
    """An input whose bytes change between opens, as a file rewritten during an add."""

    def __init__(self, name: str, pattern: Callable[[int], str]) -> None:
        self.name = name
        self.pattern = pattern
        self.opens = 0

    def opener(self) -> BinaryIO:
        version = self.pattern(self.opens)
        self.opens += 1
        return io.BytesIO(VERSIONS[self.name](version))

    def input(self, tmp_path: Path) -> Input:
        return Input(origin=str(tmp_path / self.name), name=self.name, opener=self.opener)


def add_inputs(monkeypatch: pytest.MonkeyPatch, lib: Library, *inputs: Input) -> AddReport:
    def expand(names: list[str], **_: object) -> Iterator[Input | Skip]:
        yield from inputs

    monkeypatch.setattr(index.ingest, "expand_sources", expand)
    return add(lib, "ignored")


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("name", VERSIONS)
def test_the_hash_recorded_is_that_of_the_version_read(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch, name: str, pattern: str
) -> None:
    changing = Changing(name, PATTERNS[pattern])
    src = changing.input(tmp_path)
    report = add_inputs(monkeypatch, library, src)
    assert report.added and not report.skipped
    versions = {t.split()[0] + " " + t.split()[1] for t in (a.title for a in library.articles())}
    (version,) = versions  # the articles all come from one version
    recorded = library.store.origin_sha(src.origin)
    assert recorded == hashlib.sha256(VERSIONS[name](version)).hexdigest()
    # The other version is a change, not "unchanged".
    other = "Version B" if version == "Version A" else "Version A"
    again = add_inputs(monkeypatch, library, Changing(name, lambda n: other).input(tmp_path))
    assert again.unchanged == 0 and again.updated
    assert {a.title.split()[1] for a in library.articles()} == {other.split()[1]}


def test_a_corpus_that_grows_past_the_limit_while_read_records_no_hash(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = record("Early one") + record("Early two")
    grown = small + b"\n" * (2 * MB)
    opens: list[int] = []

    def opener() -> BinaryIO:
        opens.append(1)
        return io.BytesIO(small if len(opens) <= 2 else grown)  # the estimate, the hash

    src = Input(origin=str(tmp_path / "c.jsonl"), name="c.jsonl", opener=opener, max_bytes=MB)
    report = add_inputs(monkeypatch, library, src)
    assert sorted(a.title for a in report.added) == ["Early one", "Early two"]
    (skip,) = report.skipped
    assert "size limit" in skip.reason and skip.part == f"line {3 + MB - len(small)} on"
    assert library.store.origin_sha(src.origin) is None  # read again next time, not "unchanged"
