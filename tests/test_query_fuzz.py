"""Thousands of random and adversarial queries: none raises; each gives results or one clear line."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main
from index.library import Library
from index.model import SearchResult

PIECES = [
    '"',
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "*",
    "?",
    "~",
    "~2",
    "^",
    "^2",
    "-",
    "+",
    ":",
    "/",
    "AND",
    "OR",
    "NOT",
    "ANDNOT",
    "ANDMAYBE",
    "to",
    "TO",
    "<",
    ">",
    ">=",
    "=",
    "title:",
    "body:",
    "date:",
    "source:",
    "person:",
    "org:",
    "entity:",
    "foo:",
    "id:",
    "url:",
    "category:",
    "place:",
    '"Smith Barney, Harris Upham"',
    ",",
    "korea",
    "Kim",
    "ballistic",
    "missiles",
    "Lee Jongkyu",
    "2004",
    "2005-06",
    "[2004 to 2005]",
    "\x00",
    "\x1b[2J",
    "\r",
    "\t",
    "\u202e",
    "\ufeff",
    "🙂",
    "ß",
    "İ",
    "ﬁ",
    "𝔘",
    "\u0301",
]

adversarial = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(
    lambda parts: "".join(p if i % 3 else p + " " for i, p in enumerate(parts))
)
anything = st.text(max_size=200)
long_strings = st.integers(min_value=1900, max_value=6000).map(lambda n: "korea " * (n // 6) + "*")
queries = st.one_of(
    adversarial, anything, long_strings, st.just("*"), st.just("?*"), st.just("*:*")
)


def check(result: SearchResult, limit: int) -> None:
    assert isinstance(result, SearchResult)
    assert not result.damaged, result.error  # a query never passes for a damaged index
    if result.error is not None:
        assert result.error.strip() and "\n" not in result.error
        assert result.hits == ()
    assert len(result.hits) <= limit
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for s, e in hit.snippet_matches:
            assert 0 <= s < e <= len(hit.snippet)


@pytest.fixture(scope="module")
def fuzz_path(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeded library that this module's searches open (never the template,
    which other workers copy while these run)."""
    path = tmp_path_factory.mktemp("fuzz") / "lib"
    shutil.copytree(seeded_template, path)
    return path


@pytest.fixture(scope="module")
def fuzz_library(fuzz_path: Path) -> Iterator[Library]:
    lib = Library.open(fuzz_path)
    yield lib
    lib.close()


@settings(max_examples=3000, deadline=None)
@given(query=queries)
def test_search_api_never_raises(fuzz_library: Library, query: str) -> None:
    check(fuzz_library.search(query, limit=5), 5)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_search_cli_never_raises(fuzz_path: Path, query: str) -> None:
    if query.startswith("-"):
        query = " " + query  # argparse would read it as an option, which is a usage error
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--library", str(fuzz_path), "search", query, "--json"])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    assert code in (0, 2), (query, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert err.getvalue().count("\n") <= 1
