"""Review of issue 15, fault 9: a tag never starts with ``-`` (in the reader's tag line
``-x`` takes the tag x off), whether made from the command line, the reader or the
library; one made by an older version can still be taken off."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from index.folding import fold
from index.library import Library
from index.model import AnnotationError
from index.storage.database import connect
from tests.conftest import CliResult
from tests.test_keep_reader import toasts
from tests.test_reader import SIZE, settle
from tui.app import NutgrafApp

Cli = Callable[..., CliResult]


def test_the_cli_refuses_a_leading_dash(seeded: Library, cli: Cli) -> None:
    aid = seeded.articles()[0].id
    made = cli("tag", "--library", str(seeded.path), aid, "--", "-x")
    assert made.code == 1
    assert made.err.strip().startswith("nutgraf: not a tag: '-x'")
    assert "not starting with -" in made.err
    as_json = cli("tag", "--library", str(seeded.path), aid, "--json", "--", "-x").json()
    assert "not starting with -" in as_json["error"]  # type: ignore[index]
    assert cli("tag", "--library", str(seeded.path), aid, "a-b").code == 0  # inside is fine
    assert seeded.keep.marks([aid])[aid].tags == ("a-b",)


def test_the_library_refuses_it(seeded: Library) -> None:
    with pytest.raises(AnnotationError, match="not starting with -"):
        seeded.keep.tag(seeded.articles()[0].id, ["-x"])


def _old_dash_tag(lib: Library, aid: str) -> None:
    """A ``-x`` tag as an older version let the CLI make it."""
    conn = connect(lib.path / "library.db", read_only=False)
    with conn:
        conn.execute(
            "INSERT INTO annotations (article_id, title, motivation, body, tag_key, created,"
            " modified) VALUES (?, 't', 'tagging', '-x', ?, '2024-01-01', '2024-01-01')",
            (aid, fold("-x")),
        )
    conn.close()


def test_an_old_dash_tag_comes_off_from_the_cli(seeded: Library, cli: Cli) -> None:
    aid = seeded.articles()[0].id
    _old_dash_tag(seeded, aid)
    assert seeded.keep.marks([aid])[aid].tags == ("-x",)
    off = cli("tag", "--library", str(seeded.path), aid, "--remove", "--json", "--", "-x")
    assert off.json() == {"id": aid, "removed": ["-x"], "tags": []}


async def test_an_old_dash_tag_comes_off_in_the_reader(reader_library: Library) -> None:
    aid = reader_library.articles()[0].id
    _old_dash_tag(reader_library, aid)
    app = NutgrafApp(reader_library, open_id=aid)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", *"--x", "enter")
        await settle(pilot)
        assert "Removed tag -x" in toasts(app)
        assert aid not in reader_library.keep.marks([aid])
