"""Options every command takes (issue 14 fix round, faults 16 and 17)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult
from tui.settings import config_path


@pytest.mark.parametrize(
    "args",
    [
        ["--library", "", "list", "--json"],
        ["list", "--library", "", "--json"],
        ["--library", "  ", "search", "x", "--json"],
    ],
)
def test_an_empty_library_option_is_a_usage_error(
    cli: Callable[..., CliResult], args: list[str], tmp_path: Path
) -> None:
    result = cli(*args)
    assert result.code == 2
    document = json.loads(result.out)  # one JSON document, the error
    assert list(document) == ["error"] and "--library" in document["error"]
    assert "the folder is empty" in result.err
    assert not (tmp_path / "library").exists()


def test_an_empty_library_variable_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    from index.library import default_library_path, resolve_library_path

    monkeypatch.setenv("NUTGRAF_LIBRARY", "")
    assert resolve_library_path(None) == (default_library_path(), True)


@pytest.mark.parametrize(
    "args",
    [
        ["config", "path", "--library", "X"],
        ["--library", "X", "config", "path"],
        ["config", "path", "--json"],
        ["config", "path", "--library", "X", "--json"],
    ],
)
def test_config_path_takes_the_common_options(
    cli: Callable[..., CliResult], args: list[str]
) -> None:
    result = cli(*args)
    assert result.code == 0, result.err
    path = str(config_path())
    assert path.startswith(os.environ["NUTGRAF_CONFIG_DIR"])
    if "--json" in args:
        assert json.loads(result.out) == {"path": path}
    else:
        assert result.out.strip() == path
