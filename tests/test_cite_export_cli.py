"""``nutgraf cite`` (issue 15, item 1) and ``nutgraf export`` (item 5): the passage
chosen, its checks, the formats, and the export's output and its safe writing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

Cli = Callable[..., CliResult]

BODY = (
    "Profits at Time Warner jumped 76% to $1.13bn. The firm said “sales rose” again.\n\n"
    "Mr Parsons said the firm was pleased. The firm said “sales rose” in Europe too."
)
RECORDS = [
    {
        "id": "r1",
        "title": 'Ad sales, "boost"\nTime Warner',
        "text": BODY,
        "url": "https://example.org/tw",
        "date": "2024-03-05T23:30:00-08:00",
        "source": "BBC News",
    },
    {"id": "r2", "title": '=HYPERLINK("http://evil")', "text": "Time Warner again. More text."},
]


@pytest.fixture
def lib(tmp_path: Path, cli: Cli) -> str:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    path = str(tmp_path / "lib")
    result = cli("--library", path, "add", str(corpus))
    assert result.code == 0, result.err
    return path


def article_id(cli: Cli, lib: str, title_start: str) -> str:
    listed = cli("--library", lib, "list", "--json").json()
    return next(a["id"] for a in listed if a["title"].startswith(title_start))


def test_cite_a_quote_found_folded(cli: Cli, lib: str) -> None:
    aid = article_id(cli, lib, "Ad sales")
    got = cli("--library", lib, "cite", aid[:6], "--quote", 'said "sales  rose"\nin Europe')
    assert got.code == 0, got.err
    assert got.out.strip() == (
        '"said “sales rose” in Europe" — Ad sales, "boost" Time Warner, BBC News, '
        f"5 March 2024, https://example.org/tw (nutgraf {aid})"
    )


def test_cite_a_quote_found_twice_cites_the_first_and_says_so(cli: Cli, lib: str) -> None:
    aid = article_id(cli, lib, "Ad sales")
    got = cli("--library", lib, "cite", aid, "--quote", "sales rose")
    assert got.code == 0
    assert got.out.startswith('"sales rose" —')
    first = BODY.index("sales rose")
    assert "occurs 2 times" in got.err and f"characters {first}-{first + 10}" in got.err


def test_cite_errors_are_one_line(cli: Cli, lib: str) -> None:
    aid = article_id(cli, lib, "Ad sales")
    got = cli("--library", lib, "cite", aid, "--quote", "not in it")
    assert (got.code, got.out) == (1, "")
    assert got.err.count("\n") == 1 and "the quote is not in the text" in got.err
    for args, why in (
        (("--start", "5", "--end", "5"), "need 0 <= start < end <= "),
        (("--start", "-1", "--end", "5"), "need 0 <= start < end"),
        (("--start", "0", "--end", "999"), "need 0 <= start < end"),
        (("--start", "0"), "--start and --end go together"),
        (("--quote", "x", "--end", "3"), "not both"),
    ):
        got = cli("--library", lib, "cite", aid, *args)
        assert got.code == 2 and why in got.err, (args, got.err)
        assert "Traceback" not in got.err
    assert cli("--library", lib, "cite", "ffff0000").code == 1


def test_cite_offsets_and_the_lead_by_default(cli: Cli, lib: str) -> None:
    aid = article_id(cli, lib, "Ad sales")
    got = cli("--library", lib, "cite", aid, "--start", "0", "--end", "7")
    assert got.out.startswith('"Profits" — ')
    got = cli("--library", lib, "cite", aid)
    assert got.out.startswith('"Profits at Time Warner jumped 76% to $1.13bn." — ')


def test_cite_markdown_and_csl_json(cli: Cli, lib: str) -> None:
    aid = article_id(cli, lib, "Ad sales")
    got = cli("--library", lib, "cite", aid, "--format", "markdown", "--quote", "jumped 76%")
    assert got.out.splitlines()[0] == "> jumped 76%"
    assert got.out.splitlines()[2].startswith(
        '— [Ad sales, "boost" Time Warner](<https://example.org/tw>), BBC News, 5 March 2024'
    )
    got = cli("--library", lib, "cite", aid, "--format", "csl-json")
    (item,) = json.loads(got.out)
    assert item["type"] == "article-newspaper" and item["issued"] == {"date-parts": [[2024, 3, 5]]}
    assert item["container-title"] == "BBC News" and "author" not in item
    assert cli("--library", lib, "cite", aid, "--json").json()["id"] == aid  # type: ignore[index]


def parse_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_export_search_every_hit_as_csv(cli: Cli, lib: str) -> None:
    got = cli("--library", lib, "export", "search", "Warner")
    assert got.code == 0, got.err
    rows = parse_csv(got.out)
    assert list(rows[0]) == ["id", "title", "source", "date", "url", "score", "snippet"]
    titles = sorted(r["title"] for r in rows)
    # The formula is neutralised; the comma and quotes round-trip (the line break of the
    # title was made a space when the article went in).
    assert titles == ['\'=HYPERLINK("http://evil")', 'Ad sales, "boost" Time Warner']
    assert {r["url"] for r in rows} == {"https://example.org/tw", ""}


def test_export_mentions_as_jsonl(cli: Cli, lib: str) -> None:
    got = cli("--library", lib, "export", "mentions", "Time Warner", "--format", "jsonl")
    assert got.code == 0, got.err
    rows = [json.loads(line) for line in got.out.splitlines()]
    assert rows and all(r["name"] == "Time Warner" for r in rows)
    assert set(rows[0]) == {
        "sentence",
        "date",
        "source",
        "title",
        "id",
        "url",
        "name",
        "kind",
        "text",
        "start",
        "end",
    }
    first = next(r for r in rows if r["source"] == "BBC News")
    assert first["sentence"] == "Profits at Time Warner jumped 76% to $1.13bn."
    assert first["date"] == "2024-03-05T23:30:00-08:00"


def test_export_article_as_markdown_and_csv(cli: Cli, lib: str) -> None:
    aid = article_id(cli, lib, "Ad sales")
    md = cli("--library", lib, "export", "article", aid, "--format", "md").out
    assert md.startswith('# Ad sales, "boost" Time Warner\n')
    assert "- URL: <https://example.org/tw>" in md and "Mr Parsons said" in md
    assert md.rstrip().endswith(f"(nutgraf {aid})")
    (row,) = parse_csv(cli("--library", lib, "export", "article", aid).out)
    assert row["text"] == BODY and row["date"] == "2024-03-05T23:30:00-08:00"


def test_export_to_a_file_atomically_never_over_another(cli: Cli, lib: str, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    got = cli("--library", lib, "export", "search", "Warner", "-o", str(out))
    assert got.code == 0 and got.out == "" and str(out) in got.err
    assert len(parse_csv(out.read_text(encoding="utf-8"))) == 2
    out.write_text("mine", encoding="utf-8")
    got = cli("--library", lib, "export", "search", "Warner", "-o", str(out))
    assert got.code == 1 and "exists; --force replaces it" in got.err
    assert out.read_text(encoding="utf-8") == "mine"
    assert cli("--library", lib, "export", "search", "Warner", "-o", str(out), "--force").code == 0
    assert out.read_text(encoding="utf-8").startswith("\ufeffid,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    got = cli("--library", lib, "export", "search", "Warner", "-o", str(tmp_path / "no" / "x.csv"))
    assert got.code == 1 and got.err.count("\n") == 1 and "cannot write" in got.err


def test_export_usage_errors(cli: Cli, lib: str) -> None:
    for args, why in (
        (("search", "Warner", "--format", "webannotation"), "for 'export notes' only"),
        (("search",), "needs a QUERY"),
        (("article", "--tag", "x"), "--tag is for 'export notes' only"),
        (("search", "title:("), "unbalanced"),
    ):
        got = cli("--library", lib, "export", *args)
        assert got.code in (1, 2) and why in got.err, (args, got.err)
        assert got.err.count("\n") == 1
    assert cli("--library", lib, "export", "mentions", "Nobody at all").code == 1
