"""The library never imports UI code, and reading a library never imports the slow parts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT, SEEDS


def modules_after(code: str) -> set[str]:
    """The module names loaded after running ``code`` in a fresh interpreter."""
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sys.modules))\n"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(out.stdout.split())


def test_index_package_never_imports_textual_or_rich() -> None:
    loaded = modules_after(
        """
        import index.library, index.ingest, index.fulltext.search, index.readers, index.readers.cleaning
        """
    )
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_reading_a_library_imports_neither_spacy_nor_trafilatura(tmp_path: Path) -> None:
    modules_after(
        f"""
        from index.library import Library
        from index.ingest import add_sources
        lib = Library.open({str(tmp_path)!r})
        with lib.write_lock():
            add_sources(lib, [{str(SEEDS)!r}])
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


def test_starting_the_reader_does_not_import_spacy(seeded_template: Path) -> None:
    loaded = modules_after(
        f"""
        import asyncio
        from index.library import Library
        from tui.app import NutgrafApp

        async def main():
            app = NutgrafApp(Library.open({str(seeded_template)!r}))
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
