"""The command-line contract: commands, JSON shapes, exit statuses, no tracebacks."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED_FILE, SEED_TITLE, SEEDS, CliResult, run_nutgraf

Cli = Callable[..., CliResult]


@pytest.fixture
def lib(tmp_path: Path, cli: Cli) -> str:
    path = str(tmp_path / "lib")
    result = cli("--library", path, "add", str(SEEDS))
    assert result.code == 0, result.err
    return path


def parser_commands() -> dict[str, argparse.ArgumentParser]:
    """Every subcommand of the real parser, by name (a new command is in it at once)."""
    from cli.main import build_parser

    (sub,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_help_on_every_command(cli: Cli) -> None:
    """Each command of the parser has a line in ``nutgraf --help`` and a description in
    ``nutgraf COMMAND --help``: a command added without help text fails here."""
    commands = parser_commands()
    assert {"read", "add", "list", "show", "search", "entities", "remove"} <= set(commands)
    top = cli("--help")
    assert top.code == 0
    listed = {
        line.split()[0]: line
        for line in top.out.splitlines()
        if line.startswith("    ") and line.strip()
    }
    for name, parser in commands.items():
        assert len(listed.get(name, "").split()) > 1, f"'nutgraf --help' does not explain {name}"
        assert parser.description, f"'nutgraf {name} --help' has no description"
        result = cli(name, "--help")
        assert result.code == 0 and f"usage: nutgraf {name}" in result.out
        assert " ".join(parser.description.split()) in " ".join(result.out.split())


def test_list_json(cli: Cli, lib: str) -> None:
    result = cli("--library", lib, "list", "--json")
    (item,) = result.json()  # type: ignore[misc]
    assert set(item) == {"id", "title", "source", "date", "url", "lang", "record_id", "category"}
    assert item["title"] == SEED_TITLE
    assert item["lang"] == "en"


def test_show_json_is_cleaned_text_and_raw_is_original(cli: Cli, lib: str) -> None:
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    shown = cli("--library", lib, "show", item["id"], "--json").json()
    assert set(shown) == {  # type: ignore[arg-type]
        *("id", "title", "source", "date", "url", "author", "lang", "text"),
        *("record_id", "category", "origin", "added"),
    }
    assert shown["lang"] == "en"  # type: ignore[index]
    assert shown["text"].startswith("North Korea's supreme leader")  # type: ignore[index]
    for cruft in (
        "RELATED ARTICLES",
        "LEAVE A REPLY",
        "Please enter your comment!",
        "- Advertisment -",
        "Most Popular",
        "Recent Comments",
    ):
        assert cruft not in shown["text"]  # type: ignore[index]
    raw = cli("--library", lib, "show", item["id"], "--raw", "--json").json()
    assert raw["text"] == (SEEDS / "000_008703d0173937b4.txt").read_text(encoding="utf-8")  # type: ignore[index]


def test_show_accepts_an_id_prefix_and_reports_unknown_ids(cli: Cli, lib: str) -> None:
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    assert cli("--library", lib, "show", item["id"][:6], "--json").json()["id"] == item["id"]  # type: ignore[index]
    missing = cli("--library", lib, "show", "ffffffffffff")
    assert missing.code == 1 and "no article with id" in missing.err and missing.out == ""
    short = cli("--library", lib, "show", item["id"][:2])  # the seed's id starts with it
    assert short.code == 1 and "an id prefix needs 4 or more characters" in short.err


def test_search_json_contract(cli: Cli, lib: str) -> None:
    result = cli("--library", lib, "search", '"ballistic missiles"', "--json")
    doc = result.json()
    assert result.code == 0
    assert {"query", "total", "suggestion", "hits"} <= set(doc)  # type: ignore[arg-type]
    assert doc["total"] == 1  # type: ignore[index]
    (hit,) = doc["hits"]  # type: ignore[index]
    assert {"id", "title", "score", "snippet", "matches"} <= set(hit)
    assert "ballistic missiles" in hit["snippet"]
    assert all(len(m) == 2 and m[0] < m[1] for m in hit["matches"])


def test_malformed_search_is_one_line_error_exit_2(cli: Cli, lib: str) -> None:
    result = cli("--library", lib, "search", '"unbalanced')
    assert result.code == 2
    assert result.err.count("\n") == 1 and "unbalanced quote" in result.err
    assert "Traceback" not in result.err


def test_malformed_search_json_is_still_one_document(cli: Cli, lib: str) -> None:
    result = cli("--library", lib, "search", "(a OR", "--json")
    assert result.code == 2
    doc = json.loads(result.out)
    assert doc["error"] and doc["hits"] == []


def test_add_again_reports_unchanged(cli: Cli, lib: str) -> None:
    result = cli("--library", lib, "add", str(SEEDS), "--json")
    doc = result.json()
    assert result.code == 0
    assert doc["unchanged"] == 1 and doc["added"] == [] and doc["skipped"] == []  # type: ignore[index]


def test_add_with_a_bad_file_keeps_the_rest_and_exits_1(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Good story title\n\nA full sentence of story text is here, as it should be.\n"
    )
    (folder / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = cli("--library", str(tmp_path / "lib"), "add", str(folder), "--json")
    doc = result.json()
    assert result.code == 1
    assert [a["title"] for a in doc["added"]] == ["Good story title"]  # type: ignore[index]
    (skip,) = doc["skipped"]  # type: ignore[index]
    assert skip["where"].endswith("bad.txt") and "PNG" in skip["reason"]


def test_remove(cli: Cli, lib: str) -> None:
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    assert cli("--library", lib, "remove", item["id"]).code == 0
    assert cli("--library", lib, "list", "--json").json() == []
    assert cli("--library", lib, "remove", item["id"]).code == 1


def test_usage_error_exits_2(cli: Cli) -> None:
    assert cli("search").code == 2
    assert cli("list", "--limit", "zero").code == 2


def test_library_from_environment(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUTGRAF_LIBRARY", str(tmp_path / "envlib"))
    assert cli("add", str(SEEDS)).code == 0
    assert (tmp_path / "envlib" / "library.db").exists()


def test_default_library_is_seeded_on_first_use(cli: Cli) -> None:
    (item,) = cli("list", "--json").json()  # type: ignore[misc]
    assert item["title"] == SEED_TITLE
    # removing the seed is respected: it does not come back on the next run
    assert cli("remove", item["id"]).code == 0
    assert cli("list", "--json").json() == []


@pytest.mark.slow
def test_real_process_error_has_no_traceback(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    assert run_nutgraf("--library", lib, "add", str(SEED_FILE)).code == 0
    result = run_nutgraf("--library", lib, "search", "title:")
    assert result.code == 2
    assert "Traceback" not in result.err and "needs a value" in result.err


def test_json_output_escapes_control_characters(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evil.jsonl"
    path.write_text(json.dumps({"title": "Evil \x1b[2J title", "text": "Body \x9b text."}) + "\n")
    lib = str(tmp_path / "lib")
    assert cli("--library", lib, "add", str(path)).code == 0
    out = cli("--library", lib, "list", "--json").out
    assert "\x1b" not in out and "\x9b" not in out


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("add", "x", "--max-size", "inf"), "--max-size"),
        (("add", "x", "--max-size=-inf"), "--max-size"),
        (("add", "x", "--max-size", "1e300"), "--max-size"),
        (("add", "x", "--max-size", "nan"), "--max-size"),
        (("add", "x", "--max-size", "-3"), "--max-size"),
        (("add", "x", "--max-size", "0"), "--max-size"),
        (("add", "x", "--max-size", "0.0000001"), "--max-size"),
        (("read", "x", "--max-size", "inf"), "--max-size"),
        (("list", "--limit", "1e23"), "--limit"),
        (("list", "--limit", "-1"), "--limit"),
        (("list", "--limit", "99999999999999999999999"), "--limit"),
        (("search", "x", "--limit", "99999999999999999999999"), "--limit"),
        (("entities", "--limit", "0"), "--limit"),
        (("remove", "x", "--wait", "-5"), "--wait"),
        (("remove", "x", "--wait", "nan"), "--wait"),
        (("rebuild", "--wait", "inf"), "--wait"),
        (("add", "x", "--wait", "-0.5"), "--wait"),
    ],
)
def test_option_values_out_of_range_are_usage_errors(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    """inf, nan, 1e300, negative, zero and tiny values: exit 2 naming the option, no traceback."""
    result = cli("--library", str(tmp_path / "lib"), *args)
    assert result.code == 2, result.err
    (line,) = [x for x in result.err.splitlines() if "error:" in x]
    assert f"argument {option}:" in line and repr(args[-1].split("=")[-1]) in line
    assert "Traceback" not in result.err and not (tmp_path / "lib").exists()


@pytest.mark.parametrize("value", ["inf", "nan", "1e300", "-1", "0", "0.0000001", "lots"])
def test_size_from_the_environment_is_checked_like_the_option(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("NUTGRAF_MAX_FILE_MB", value)
    result = cli("--library", str(tmp_path / "lib"), "add", str(SEEDS))
    assert result.code == 2
    assert result.err.count("\n") == 1 and f"NUTGRAF_MAX_FILE_MB: {value!r}" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "lib").exists()


def test_sizes_in_range_are_taken(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The smallest limit (1 KB) is a limit: the 3 KB seed is refused under it, by name."""
    monkeypatch.setenv("NUTGRAF_MAX_FILE_MB", "0.001")
    result = cli("--library", str(tmp_path / "lib"), "add", str(SEED_FILE), "--json")
    assert result.code == 1
    (skip,) = result.json()["skipped"]  # type: ignore[index]
    assert "size limit" in skip["reason"]
    # The option wins over the variable.
    result = cli("--library", str(tmp_path / "lib"), "add", str(SEED_FILE), "--max-size", "1")
    assert result.code == 0, result.out


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("list", "--json"),
        ("search", "missiles"),
        ("search", "missiles", "--json"),
        ("show", "SEED"),
        ("show", "SEED", "--json"),
        ("entities", "SEED"),
        ("entities",),
        ("entities", "--json"),
        ("mentions", "Putin"),
    ],
)
@pytest.mark.slow
def test_output_to_a_closed_pipe_ends_quietly(
    seeded_template: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`nutgraf list | head -1`: the reader went away; exit 0 and nothing on stderr."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT

    lib = tmp_path / "lib"
    shutil.copytree(seeded_template, lib)
    seed_id = run_nutgraf("--library", str(lib), "list", "--json").json()[0]["id"]  # type: ignore[index]
    args = [seed_id if a == "SEED" else a for a in command]
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the command writes a byte: every write fails
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "--library", str(lib), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_an_id_prefix_shared_by_two_articles_is_said_to_be_one(cli: Cli, tmp_path: Path) -> None:
    from index.article import Article

    seen: dict[str, dict[str, str]] = {}
    for k in range(5000):  # two stories whose ids start alike (a birthday search)
        record = {"title": f"Story {k}", "text": f"Story number {k} of the harbour."}
        prefix = Article(title=record["title"], body=record["text"], original=b"").id[:4]
        if prefix in seen:
            pair = [seen[prefix], record]
            break
        seen[prefix] = record
    lib = str(tmp_path / "pair")
    corpus = tmp_path / "pair.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in pair))
    assert cli("--library", lib, "add", str(corpus)).code == 0
    result = cli("--library", lib, "show", prefix)
    assert result.code == 1
    assert f"'{prefix}' is the start of more than one article's id: give more of it" in result.err
    missing = cli("--library", lib, "show", "ffffffffffffffff")
    assert "no article with id 'ffffffffffffffff'" in missing.err


@pytest.mark.slow
def test_list_never_cuts_an_id_or_a_date_at_80_columns(cli: Cli, tmp_path: Path) -> None:
    lib = str(tmp_path / "long")
    story = tmp_path / "long.jsonl"
    story.write_text(
        json.dumps(
            {"title": "A very long headline " * 8, "text": "Body text.", "date": "2024-03-05"}
        )
        + "\n"
    )
    assert cli("--library", lib, "add", str(story)).code == 0
    (item,) = cli("--library", lib, "list", "--json").json()  # type: ignore[misc]
    listed = run_nutgraf("--library", lib, "list", env={"COLUMNS": "80"})
    line = next(row for row in listed.out.splitlines() if "headline" in row)
    assert line.startswith(item["id"]) and "2024-03-05" in line and len(line) <= 80


@pytest.mark.parametrize(
    ("address", "scheme"), [("ftp://127.0.0.1/x", "ftp"), ("file:///etc/passwd", "file")]
)
def test_other_kinds_of_address_are_refused_by_name(
    cli: Cli, lib: str, address: str, scheme: str
) -> None:
    result = cli("--library", lib, "add", address)
    assert result.code == 1
    assert f"{address}: {scheme}: addresses are not fetched (only http and https)" in result.out


def test_the_reader_cannot_take_standard_input(cli: Cli, lib: str) -> None:
    result = cli("--library", lib, "read", "-")
    assert result.code == 2 and "add it first with 'nutgraf add -'" in result.err


@pytest.mark.parametrize("wait", ["1e300", "86401", "-1", "nan"])
def test_an_absurd_wait_is_a_usage_error(cli: Cli, lib: str, wait: str) -> None:
    result = cli("--library", lib, "remove", "ffff", "--wait", wait)
    assert result.code == 2
    assert result.err.splitlines()[-1].startswith("nutgraf remove: error: argument --wait:")
