"""Entity rows never wrap back to column 0 (issue 14 fix item 5: checked, both modes).

A wrapped name's further lines stand under the name, not under the count, also
when the list's scrollbar takes a column; what is checked is what the list draws.
"""

from __future__ import annotations

import pytest

from index.library import Library
from tests.test_reader import settle
from tui.app import NutgrafApp
from tui.entity_pane import KIND_TITLES


@pytest.mark.parametrize("size", [(80, 12), (80, 24), (110, 14)])
@pytest.mark.parametrize("library_mode", [False, True])
async def test_no_entity_row_wraps_to_column_0(
    reader_library: Library, size: tuple[int, int], library_mode: bool
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if library_mode:
            await pilot.press("w")
            await settle(pilot, times=4)
        options = app.reader.entity_pane.option_list
        titles = tuple(KIND_TITLES.values())
        lines = [options.render_line(y).text for y in range(options.size.height)]
        wrapped = [
            line
            for line in lines
            if line.strip()
            and len(line) - len(line.lstrip()) < 4
            and not line.strip().startswith(titles)
            and not line.strip()[0].isdigit()
        ]
        assert len([line for line in lines if line.strip()]) > 3, lines
        assert not wrapped, lines
