"""Review of issue 15, fault 8: stars and tags set by another process (``nutgraf tag`` in
a shell) show in an open reader at its next check for changes (the header and the
listed rows), so ``*`` ("again: unstars it") acts on what is really stored."""

from __future__ import annotations

from index.library import Library
from tests.test_keep_reader import row_prompt, toasts
from tests.test_reader import QUICK_POLL, SIZE, settle, until
from tui.app import NutgrafApp


async def test_marks_written_elsewhere_show_without_a_key(reader_library: Library) -> None:
    aid = reader_library.articles()[0].id
    app = NutgrafApp(reader_library, open_id=aid, poll_interval=QUICK_POLL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "#extproc" not in str(app.sub_title)
        other = Library.open(reader_library.path)  # another process's library
        try:
            other.keep.tag(aid, ["extproc"])
            other.keep.star(aid, True)
        finally:
            other.close()
        await until(pilot, lambda: "★ · #extproc" in str(app.sub_title))
        await until(pilot, lambda: "★ · #extproc" in row_prompt(app, aid))
        await pilot.press("asterisk")  # it is starred: * takes the star off
        await settle(pilot)
        assert "Unstarred" in toasts(app)
        assert reader_library.keep.marks([aid])[aid].tags == ("extproc",)
        assert not reader_library.keep.marks([aid])[aid].starred
