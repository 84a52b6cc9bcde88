"""A damaged search index is reported clearly, and rebuilt from the store losing nothing."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from index.fulltext.writer import REBUILDING
from tests.conftest import run_nutgraf

# Damage, and commands run as processes; the damaged-store template is made once,
# so this module's tests share a worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("store_template")]


def _truncate_segment_file(index: Path) -> None:
    # The largest of the terms and postings files (small posting lists live in the terms file).
    biggest = max([*index.glob("*.pst"), *index.glob("*.trm")], key=lambda p: p.stat().st_size)
    with biggest.open("r+b") as f:
        f.truncate(64)


def _delete_terms(index: Path) -> None:
    next(index.glob("*.trm")).unlink()


def _truncate_toc(index: Path) -> None:
    toc = next(index.glob("_*.toc"))
    toc.write_bytes(toc.read_bytes()[:10])


def _delete_index(index: Path) -> None:
    shutil.rmtree(index)


def _interrupted_rebuild(index: Path) -> None:
    (index / REBUILDING).write_text("")


@pytest.mark.parametrize(
    "damage",
    [_truncate_segment_file, _delete_terms, _truncate_toc, _delete_index, _interrupted_rebuild],
    ids=[
        "truncated-segment-file",
        "deleted-segment-file",
        "truncated-toc",
        "deleted-index",
        "interrupted-rebuild",
    ],
)
def test_damage_is_reported_and_rebuild_loses_nothing(
    seeded_template: Path, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(seeded_template, lib)
    before = json.loads(run_nutgraf("--library", str(lib), "list", "--json").out)
    damage(lib / "index")

    result = run_nutgraf("--library", str(lib), "search", "ballistic")
    assert result.code == 1
    assert "search index" in result.err and "nutgraf rebuild" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    # the store is untouched: listing and reading still work
    assert json.loads(run_nutgraf("--library", str(lib), "list", "--json").out) == before

    rebuilt = run_nutgraf("--library", str(lib), "rebuild")
    assert rebuilt.code == 0, rebuilt.err
    assert json.loads(run_nutgraf("--library", str(lib), "list", "--json").out) == before
    found = json.loads(
        run_nutgraf("--library", str(lib), "search", 'person:"Kim Jong Un"', "--json").out
    )
    assert found["total"] == 1 and len(found["hits"][0]["matches"]) == 6
    phrase = json.loads(
        run_nutgraf("--library", str(lib), "search", '"ballistic missiles"', "--json").out
    )
    assert phrase["total"] == 1


STORE_DAMAGED = "the article store is damaged or not a library ("


@pytest.fixture(scope="module")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A library of the seed article and 150 stories of a few kB (overflow pages and
    all), and the seed article's id."""
    from index.library import Library
    from tests.conftest import SEEDS

    folder = tmp_path_factory.mktemp("store")
    rng = random.Random(3)
    words = [
        "harbour",
        "minister",
        "said",
        "market",
        "talks",
        "town",
        "police",
        "week",
        "report",
        "plan",
    ]
    corpus = folder / "stories.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(
                {
                    "title": f"Story {k} of the {rng.choice(words)}",
                    "text": " ".join(rng.choice(words) for _ in range(rng.randrange(200, 700))),
                }
            )
            for k in range(150)
        )
    )
    lib = Library.open(folder / "lib")
    with lib.writer() as writer:
        seed = writer.add([str(SEEDS)]).added[0].id
        writer.add([str(corpus)], analyse=False)
    lib.close()
    return folder / "lib", seed


def _truncate_db(db: Path) -> None:
    with db.open("r+b") as f:
        f.truncate(10_000)


def _random_page(page: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(db: Path) -> None:
        pages = db.stat().st_size // 4096
        with db.open("r+b") as f:
            f.seek(page(pages) * 4096)
            f.write(random.Random(pages).randbytes(4096))

    return damage


@pytest.mark.parametrize(
    "damage",
    [
        _truncate_db,
        _random_page(lambda n: 1),
        _random_page(lambda n: 2),
        _random_page(lambda n: n // 2),
        _random_page(lambda n: n // 2 + 7),
    ],
    ids=["truncated", "page-1", "page-2", "middle", "middle+7"],
)
def test_a_damaged_store_gives_one_clear_line_for_every_command(
    store_template: tuple[Path, str],
    tmp_path: Path,
    cli: Callable[..., Any],
    damage: Callable[[Path], None],
) -> None:
    template, seed = store_template
    lib = tmp_path / "lib"
    shutil.copytree(template, lib)
    damage(lib / "library.db")
    story = tmp_path / "new.txt"
    story.write_text("A new story\n\nThe harbour was quiet today.\n")
    commands = [
        ["list"],
        ["search", "harbour"],
        ["search", 'person:"Kim Jong Un"'],
        ["show", seed],
        ["entities"],
        ["entities", seed],
        ["mentions", "Putin"],
        ["remove", seed],
        ["rebuild"],
        ["add", str(story)],
    ]
    told = 0
    for command in commands:
        result = cli("--library", str(lib), *command)
        assert "Traceback" not in result.err and "internal error" not in result.err, command
        errors = [line for line in result.err.splitlines() if line.startswith("nutgraf:")]
        assert len(errors) <= 1, (command, result.err)
        if errors and "article store" in errors[0]:
            assert errors[0] == f"nutgraf: {lib / 'library.db'}: " + errors[0].split(": ", 2)[2]
            assert STORE_DAMAGED in errors[0], (command, errors[0])
            told += 1
        elif "cannot be read from the store" in result.out:
            told += 1  # damage inside an article's text: rebuild names the article
    assert told  # the damage was met, and reported as such


def test_an_error_after_sqlite_rolled_back_is_reported_as_itself(tmp_path: Path) -> None:
    """SQLite rolls a transaction back itself when it runs out of memory; the original
    error must then come out, not "cannot rollback - no transaction is active" (which the
    command line used to report as a damaged store)."""
    import sqlite3

    from index.storage.database import transaction

    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    with pytest.raises(MemoryError), transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("ROLLBACK")  # as SQLite does on SQLITE_NOMEM
        raise MemoryError
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_running_out_of_memory_while_adding_is_one_line_and_the_library_is_fine(
    seeded: Any, tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.storage.store import Store

    def no_memory(*args: object, **kwargs: object) -> list[str]:
        raise MemoryError

    story = tmp_path / "late.txt"
    story.write_text("A late harbour story\n\nThe harbour of the last town reopened today.\n")
    monkeypatch.setattr(Store, "stage", no_memory)
    result = cli("--library", str(seeded.path), "add", str(story))
    assert result.code == 1
    assert result.err.startswith("nutgraf: ran out of memory;") and result.err.count("\n") == 1
    assert "damaged" not in result.err
    monkeypatch.undo()
    assert cli("--library", str(seeded.path), "list", "--json").code == 0
    assert [a.title for a in seeded.articles()] == [
        "Trump can disrupt the economic ambitions of Kim-Putin"
    ]


def test_the_stores_derived_data_methods_raise_store_error_too(tmp_path: Path) -> None:
    # Store's methods for languages, sentences and spans live in a part of it
    # (index.storage.derived); a damaged database must still be one StoreError there.
    import sqlite3

    from index.model import StoreError
    from index.storage.store import Store

    store = Store(tmp_path / "library.db")
    store.close()
    with sqlite3.connect(tmp_path / "library.db") as conn:
        conn.execute("DROP TABLE articles")
    store = Store.__new__(Store)
    store.path, store.read_only = tmp_path / "library.db", False
    import threading

    store._local = threading.local()
    for call in (lambda: store.raw_spans(["x"]), lambda: store.sentences("x")):
        with pytest.raises(StoreError, match="damaged"):
            call()
