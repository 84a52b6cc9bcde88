"""The import contracts: what may import what, and what reading a library loads.

- ``index/`` never imports textual or rich (every one of its modules is imported).
- The reader (``tui/``) and the command line (``cli/``) reach the library only through
  its door: ``index.library``, the values of ``index.model`` and ``index.inert``.
- The wings of ``index/`` (readers, entities, fulltext, storage) never import its top
  floor (the library, ingest, commit, writing): the dependencies point one way.
- Reading a library never imports spaCy or trafilatura; the reader starts without them.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


def modules_after(code: str) -> set[str]:
    """The module names loaded after running ``code`` in a fresh interpreter."""
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sys.modules))\n"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(out.stdout.split())


@pytest.mark.slow
def test_index_package_never_imports_textual_or_rich() -> None:
    loaded = modules_after(
        """
        import importlib, pkgutil, index
        for module in pkgutil.walk_packages(index.__path__, "index."):
            importlib.import_module(module.name)
        """
    )
    assert "index.fulltext.whoosh_patches" in loaded or "index.fulltext.search" in loaded
    assert "textual" not in loaded
    assert "rich" not in loaded


def imported(path: Path) -> set[str]:
    """The modules ``path`` imports (``from a.b import c`` gives ``a.b``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


DOOR = {"index.library", "index.model", "index.inert"}


@pytest.mark.parametrize("folder", ["tui", "cli"])
def test_the_reader_and_the_command_line_use_only_the_library_door(folder: str) -> None:
    for path in sorted((ROOT / folder).glob("*.py")):
        wings = {m for m in imported(path) if m.split(".")[0] == "index"} - DOOR
        assert not wings, f"{path.name} imports {sorted(wings)} (only {sorted(DOOR)})"


TOP_FLOOR = {"index.library", "index.ingest", "index.commit", "index.writing"}


@pytest.mark.parametrize("wing", ["readers", "entities", "fulltext", "storage"])
def test_the_wings_never_import_the_top_floor(wing: str) -> None:
    for path in sorted((ROOT / "index" / wing).glob("*.py")):
        up = imported(path) & TOP_FLOOR
        assert not up, f"index/{wing}/{path.name} imports {sorted(up)}"


@pytest.mark.slow
def test_reading_a_library_imports_neither_spacy_nor_trafilatura(tmp_path: Path) -> None:
    modules_after(
        f"""
        from index.library import Library
        lib = Library.open({str(tmp_path)!r})
        with lib.writer() as writer:
            writer.add([{str(SEEDS)!r}])
        """
    )
    loaded = modules_after(
        f"""
        from index.library import Library
        lib = Library.open({str(tmp_path)!r})
        assert lib.search('person:"Kim Jong Un"').total == 1
        assert lib.articles() and lib.entities(lib.articles()[0].id)
        lib.library_entities()
        assert lib.mentions("Lee Jongkyu")
        """
    )
    assert "spacy" not in loaded
    assert "trafilatura" not in loaded


@pytest.mark.slow
def test_starting_the_reader_does_not_import_spacy(seeded_copy: Path) -> None:
    loaded = modules_after(
        f"""
        import asyncio
        from index.library import Library
        from tui.app import NutgrafApp

        async def main():
            app = NutgrafApp(Library.open({str(seeded_copy)!r}))
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.press("/", *"ballistic", "enter")
                await app.workers.wait_for_complete()
                await pilot.pause(0.3)
                assert app.reader.article is not None

        asyncio.run(main())
        """
    )
    assert "textual" in loaded
    assert "spacy" not in loaded
    assert "trafilatura" not in loaded


def imported_at_run_time(path: Path) -> set[str]:
    """The modules ``path`` imports, leaving out those under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_nothing_in_the_reader_imports_the_app() -> None:
    """The app imports its screens and panes, never the other way round (no import
    cycle: the help screen is given its rows by the app)."""
    for path in sorted((ROOT / "tui").glob("*.py")):
        if path.name != "app.py":
            assert "tui.app" not in imported_at_run_time(path), path.name
