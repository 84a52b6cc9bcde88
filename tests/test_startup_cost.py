"""The reader's first screen costs little more than a bare Textual app's (issue 16, item 3:
first full screen <= 1.3x a bare app with header, text and footer; measured by
``python -m bench``, never timed here). What these tests hold in place is the work
that was cut:

- every class change on a mounted screen restyles every widget under it at once
  (Textual's ``DOMNode.update_node_styles``); the pane layout (``tui.layout``) used to be
  arranged after mounting, first at width 0 (the one-pane layout) and then at the real
  width: six restyles of the whole screen before the first paint. Now it is arranged
  in ``compose``, before anything is styled;
- each footer key was born compact (Textual's ``FooterKey`` default) and made plain
  once bound to the footer: two restyles a key;
- screens the first screen never shows (adding, tags and notes) are imported on
  first use.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.app import App
from textual.dom import DOMNode
from textual.widgets._footer import FooterKey

from index.library import Library
from tests.conftest import ROOT
from tests.test_reader import reader, until
from tui.app import NutgrafApp
from tui.reader_screen import ReaderScreen

#: Modules the first screen does not need, imported when their screen is first opened.
LAZY = ("tui.add_screen", "tui.keep_dialogs")


def _first_screen(app: NutgrafApp) -> bool:
    screen = app.screen
    return (
        isinstance(screen, ReaderScreen)
        and screen.article is not None
        and bool(screen.view._paras)
        and screen.view._paras[-1].is_mounted
        and screen.entity_pane.option_list.option_count > 0
        and screen.search_panel.shown_query == ""
    )


@pytest.mark.parametrize(
    ("size", "layout"), [((120, 40), "-wide"), ((80, 24), "-narrow"), ((60, 20), "-single")]
)
async def test_the_first_screen_is_styled_once_for_its_layout(
    reader_library: Library,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    layout: str,
) -> None:
    """Up to the first full screen, the reader's screen is restyled as a whole only by
    Textual itself (once, when the screen is shown), not by laying its panes out, and
    no footer key is restyled after it is made; the layout is still the right one."""
    restyled: list[DOMNode] = []
    real = App.update_styles

    def update_styles(self: App[object], node: DOMNode, animate: bool = True) -> None:
        restyled.append(node)
        real(self, node, animate)

    monkeypatch.setattr(App, "update_styles", update_styles)
    app = NutgrafApp(reader_library)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: _first_screen(app), tries=200)
        screen = reader(app)
        assert screen.has_class(layout)
        whole = [n for n in restyled if n is screen]
        assert len(whole) <= 1, f"the whole screen restyled {len(whole)} times"
        keys = [n for n in restyled if isinstance(n, FooterKey)]
        assert not [k for k in keys if not k.has_class("-command-palette")], keys


@pytest.mark.slow
def test_starting_the_reader_leaves_unneeded_screens_unimported(seeded_copy: Path) -> None:
    """The first screen imports none of :data:`LAZY`; opening the add screen imports it."""
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from index.library import Library
        from tui.app import NutgrafApp
        from tui.reader_screen import ReaderScreen

        def lazy():
            return " ".join(["-", *sorted(m for m in {LAZY!r} if m in sys.modules)])

        async def main():
            app = NutgrafApp(Library.open({str(seeded_copy)!r}))
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(200):
                    if isinstance(app.screen, ReaderScreen) and app.screen.article:
                        break
                    await pilot.pause(0.05)
                await pilot.pause()
                assert app.reader.article is not None
                print("AT-START", lazy())
                app.action_add()
                await pilot.pause()
                print("AFTER-ADD", lazy())

        asyncio.run(main())
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    said = {row.split()[0]: row.split()[2:] for row in out.stdout.splitlines() if "-" in row}
    assert said["AT-START"] == [], f"imported at start: {said['AT-START']}"
    assert "tui.add_screen" in said["AFTER-ADD"]  # imported on first use, and it works
