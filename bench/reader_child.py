"""The reader, run headless in its own process for the reader benchmarks.

python -m bench.reader_child startup LIBRARY          prints READY when the first screen is complete
python -m bench.reader_child floor                    the same for a bare Textual app (header,
                                                      text, footer): the floor under any reader
python -m bench.reader_child typing LIBRARY QUERIES   keystroke-to-results latencies (JSON)
python -m bench.reader_child memory LIBRARY QUERIES   peak RSS after running every query (JSON)
python -m bench.reader_child entities LIBRARY         seconds from the switch to the library's
                                                      entities (w) to their first page on screen
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

from textual.pilot import Pilot


def _say(*words: object) -> None:
    """Tell the benchmark something, now.

    Inside ``run_test`` Textual captures ``print``: headless, it passes the text
    on to the real stdout but does not flush it, so through a pipe the line
    would arrive only when the process exits, after the app has shut down.
    """
    sys.__stdout__.write(" ".join(str(w) for w in words) + "\n")
    sys.__stdout__.flush()


async def _wait(pilot: Pilot[None], condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the reader did not get there in time")
        await pilot.pause(0.002)


async def _watch(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for ``condition`` while leaving the app alone.

    ``Pilot.pause`` cannot be the poll here: each call waits for every widget
    to empty its message queue and then repaints the screen, work that a user's
    terminal never asks for and that, every 2 ms, competes with the search
    thread for the interpreter.
    """
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the reader did not get there in time")
        await asyncio.sleep(0.001)


def _peak_rss_mb() -> float:
    """This process's peak resident memory, in MB: the kernel's high-water mark of its
    own address space (``VmHWM``, proc(5)).

    Not ``getrusage``'s ``ru_maxrss``: Linux keeps that across ``execve`` (getrusage(2)),
    so a reader started by the benchmark began with the benchmark's own peak (the
    corpus texts it holds: 125 MB "at 6.7k", 199 MB "at 20k", for a reader of 75).
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def _first_screen_ready(app) -> bool:  # type: ignore[no-untyped-def]
    from tui.reader_screen import ReaderScreen

    screen = app.screen
    if not isinstance(screen, ReaderScreen) or screen.article is None:
        return False
    return (
        bool(screen.view._paras)
        and screen.view._paras[-1].is_mounted
        and screen.entity_pane.option_list.option_count > 0
        and screen.search_panel.shown_query == ""
    )


async def floor() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        _say("READY", False)


async def main() -> None:
    if sys.argv[1] == "floor":
        await floor()
        return
    from index.library import Library
    from tui.app import NutgrafApp

    mode, library = sys.argv[1], Path(sys.argv[2])
    queries = (
        Path(sys.argv[3]).read_text(encoding="utf-8").split("\n")[:-1] if len(sys.argv) > 3 else []
    )
    app = NutgrafApp(Library.open(library))
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: _first_screen_ready(app))
        await pilot.pause()  # one full refresh: the screen is painted
        if mode == "startup":
            _say("READY", "spacy" in sys.modules)
            return
        if mode == "entities":
            pane = app.reader.entity_pane
            start = time.perf_counter()
            await pilot.press("w")
            await _watch(lambda: pane.listing.counts is not None and bool(pane.listing.rows))
            app.screen._on_timer_update()  # and painted
            _say(json.dumps(time.perf_counter() - start))
            return
        panel = app.reader.search_panel
        await pilot.press("slash")
        latencies: list[float] = []
        for query in queries:
            if mode == "typing":
                panel.set_query(query[:-1])
                await _wait(pilot, lambda q=query: panel.shown_query == q[:-1].strip())
                await pilot.pause(0.2)  # the user pauses before the last key
                # The key goes in as typing does (Input.Changed and all); Pilot.press is
                # not used because it also waits for the whole process to fall idle.
                start = time.perf_counter()
                panel.query_box.insert_text_at_cursor(query[-1])
                await _watch(lambda q=query: panel.shown_query == q.strip())
                app.screen._on_timer_update()  # and painted, as Pilot paints
                latencies.append((time.perf_counter() - start) * 1000)
            else:
                panel.set_query(query)
                await _wait(pilot, lambda q=query: panel.shown_query == q.strip())
        if mode == "typing":
            _say(json.dumps(latencies))
        else:
            peak_mb = _peak_rss_mb()
            _say(json.dumps({"reader_rss_mb": round(peak_mb, 1), "spacy": "spacy" in sys.modules}))


if __name__ == "__main__":
    asyncio.run(main())
