"""Make docs/screenshot.svg: the reader on the sample article, mid-way through a mention walk.

uv run python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from index.library import Library, seed_dir
from tui.app import NutgrafApp

OUT = Path(__file__).with_name("screenshot.svg")


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "library")
        with lib.writer() as writer:
            writer.add([str(seed_dir())])
        app = NutgrafApp(lib)
        async with app.run_test(size=(130, 38)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause(0.2)
            await pilot.press("/", *"ballistic missiles", "enter")
            await pilot.pause(0.5)
            await pilot.press("e", *"Kim", "enter", "e", "ctrl+u", "escape", "n", "n")
            await pilot.pause(0.5)
            app.save_screenshot(str(OUT.name), path=str(OUT.parent))
        lib.close()


if __name__ == "__main__":
    asyncio.run(main())
